package resolvers

import (
	"context"
	"math"

	"github.com/dutygraph/dutygraph/analysis"
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/resolvers/model"
)

// analysis is the Resolver's Analyzer, built over Store on first use. It
// keeps recent plan comparisons, so the tasks of a page asking each for its
// continuations compare the two plans once.
func (r *Resolver) analysis() *analysis.Analyzer {
	r.analyzerOnce.Do(func() { r.analyzer = analysis.New(r.Store) })
	return r.analyzer
}

// optionalYear checks a year argument that may be left out (nil or 0 means
// the default) and that must have a plan of jurisdiction when given.
func (r *Resolver) optionalYear(ctx context.Context, arg string, year *int, jurisdiction string) (int, error) {
	y := deref(year)
	if err := r.checkPlanYear(ctx, arg, y, jurisdiction); err != nil {
		return 0, err
	}
	return y, nil
}

// roundScore keeps three decimals of a similarity: more would be noise to
// a reader, and the analysis decides on the full value.
func roundScore(s float64) float64 { return math.Round(s*1000) / 1000 }

func toGQLTaskLinks(links []analysis.Link) []*model.TaskLink {
	out := make([]*model.TaskLink, len(links))
	for i, l := range links {
		out[i] = &model.TaskLink{Task: &l.Task, Score: roundScore(l.Score)}
	}
	return out
}

func toGQLTaskPairs(pairs []analysis.Pair) []*model.TaskPair {
	out := make([]*model.TaskPair, len(pairs))
	for i, p := range pairs {
		out[i] = &model.TaskPair{From: &p.From, To: &p.To, Score: roundScore(p.Score)}
	}
	return out
}

func toGQLTasks(tasks []graph.Task) []*graph.Task {
	out := make([]*graph.Task, len(tasks))
	for i := range tasks {
		out[i] = &tasks[i]
	}
	return out
}

// lineageSuggestions is the first n suggestions of the analysis, only
// those in which unitID vanished or appeared when it is not "".
func (r *Resolver) lineageSuggestions(ctx context.Context, jurisdiction string, fromYear, toYear int, unitID string, includeRecorded bool, n int) ([]*model.LineageSuggestion, error) {
	all, err := r.analysis().LineageSuggestions(ctx, jurisdiction, fromYear, toYear, includeRecorded)
	if err != nil {
		return nil, err
	}
	out := []*model.LineageSuggestion{}
	for _, s := range all {
		if len(out) == n {
			break
		}
		if unitID == "" || s.Vanished.ID == unitID || s.Appeared.ID == unitID {
			out = append(out, toGQLLineageSuggestion(s))
		}
	}
	return out, nil
}

func toGQLLineageSuggestion(s analysis.LineageSuggestion) *model.LineageSuggestion {
	return &model.LineageSuggestion{
		Vanished: &s.Vanished, Appeared: &s.Appeared, Score: roundScore(s.Score),
		MutualBest: s.MutualBest, Recorded: s.Recorded,
		VanishedTasks: s.VanishedTasks, AppearedTasks: s.AppearedTasks,
		Evidence: toGQLTaskPairs(s.Pairs),
	}
}

// unitChange is what became of a workloadChange's unit's tasks: its
// from-year tasks (with those of everything in mergedFrom) followed to its
// to-year tasks.
func (r *Resolver) unitChange(ctx context.Context, wc *model.WorkloadChange) (analysis.UnitChange, error) {
	if deref(wc.From.Year) == deref(wc.To.Year) {
		return analysis.UnitChange{}, inputErrorf("continued, added and dropped compare two different years; fromYear and toYear are both %d", deref(wc.From.Year))
	}
	from := []string{wc.Unit.ID}
	for _, u := range wc.MergedFrom {
		from = append(from, u.ID)
	}
	return r.analysis().UnitChange(ctx, from, []string{wc.Unit.ID}, deref(wc.From.Year), deref(wc.To.Year))
}
