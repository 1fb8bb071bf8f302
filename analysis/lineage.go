package analysis

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"

	"github.com/dutygraph/dutygraph/graph"
)

// LineageThreshold is the least similarity between two units' tasks at
// which a vanished unit is suggested as the predecessor of an appeared one.
//
// Chosen on the seeds' city plans 2021→2026, where the registry records
// three reorganisations (市政务办 and 市大数据管理局 into 市数据局,
// 市地方金融监管局 into 市委金融办): they score 0.229, 0.211 and 0.325. At
// 0.20 all three are listed (recall 1.00 against the registry) among 19 of
// the 620 vanished×appeared pairs; 0.15 lists 40 for no gain, 0.22 loses
// 市大数据管理局→市数据局, 0.25 keeps only one. Precision against the
// registry is low by design (3 of 19): the rest mostly pair a body with one
// doing neighbouring work (市地方金融监管局 with 市委改革办), which a reviewer
// dismisses at a glance at the evidence, and some are worth a look
// (东部机场集团 with 临空经济示范区管委会, each the other's best candidate).
// Read the answer per unit (the unit argument of the API) and by MutualBest
// rather than as one ranking.
const LineageThreshold = 0.20

// maxEvidence is how many task pairs a suggestion shows: enough to judge
// it, few enough to read.
const maxEvidence = 3

// LineageSuggestion proposes that a unit whose tasks stop after one year
// (Vanished) was reorganised into a unit whose tasks start in a later year
// (Appeared).
type LineageSuggestion struct {
	Vanished, Appeared graph.Unit
	// Score is the cosine similarity of the two units' tasks taken together
	// (the vanished unit's from-year tasks against the appeared unit's
	// to-year tasks, weighted over both plans).
	Score float64
	// Pairs are the evidence: the closest task pairs of the two units,
	// matched one-to-one, best first, at most maxEvidence.
	Pairs []Pair
	// VanishedTasks and AppearedTasks count the units' tasks in the two
	// years.
	VanishedTasks, AppearedTasks int
	// MutualBest says that each unit is the other's best-scoring candidate:
	// the strongest kind of suggestion.
	MutualBest bool
	// Recorded says the registry already has the succession (directly or
	// through intermediate units).
	Recorded bool
}

// LineageSuggestions compares the units taking part in a jurisdiction's
// plans of fromYear with those of toYear. A unit of the jurisdiction (not
// a placeholder, and not a unit of another jurisdiction named in the plan,
// such as a district government in a city plan) that has tasks in fromYear
// and none in toYear has vanished; one with tasks in toYear and none in
// fromYear has appeared. Units the registry knows under one name across the
// years (市文化和旅游局 and 市文旅局) are one unit and neither vanish nor
// appear.
//
// Every vanished unit is scored against every appeared unit by the text of
// their tasks, and the pairs scoring at least LineageThreshold are
// suggested, best first (score, then names). A unit's tasks are compared
// as a whole rather than task by task because a reorganised body's tasks
// are reworded and regrouped, seldom carried over one for one (市政务办's
// 2021 tasks on 一件事一次办 reappear spread over 市数据局's 2026 tasks on
// 涉企服务). includeRecorded false leaves out the successions the registry
// already records. Nothing is merged: the suggestions are for a reviewer
// to confirm into the registry.
func (an *Analyzer) LineageSuggestions(ctx context.Context, jurisdiction string, fromYear, toYear int, includeRecorded bool) ([]LineageSuggestion, error) {
	c, err := an.compareYears(ctx, "lineage", jurisdiction, fromYear, toYear)
	if err != nil {
		return nil, err
	}
	fromTasks, toTasks := tasksByUnit(c.a), tasksByUnit(c.b)
	vanished, appeared, units, err := an.vanishedAndAppeared(ctx, jurisdiction, fromTasks, toTasks)
	if err != nil {
		return nil, err
	}

	corpus := NewCorpus(append(taskTexts(c.a), taskTexts(c.b)...))
	vProfiles := make([]Vector, len(vanished))
	for i, v := range vanished {
		vProfiles[i] = corpus.VectorOf(profile(c.a, fromTasks[v]))
	}
	aProfiles := make([]Vector, len(appeared))
	for j, a := range appeared {
		aProfiles[j] = corpus.VectorOf(profile(c.b, toTasks[a]))
	}
	scores := make([][]float64, len(vanished))
	bestOfV := make([]float64, len(vanished))
	bestOfA := make([]float64, len(appeared))
	for i := range vanished {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		scores[i] = make([]float64, len(appeared))
		for j := range appeared {
			s := Cosine(vProfiles[i], aProfiles[j])
			scores[i][j] = s
			bestOfV[i] = max(bestOfV[i], s)
			bestOfA[j] = max(bestOfA[j], s)
		}
	}

	var out []LineageSuggestion
	for i, v := range vanished {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		successors, err := graph.Successors(ctx, an.store, v)
		if err != nil {
			return nil, err
		}
		for j, a := range appeared {
			recorded := slices.Contains(successors, a)
			if scores[i][j] < LineageThreshold || (recorded && !includeRecorded) {
				continue
			}
			pairs := matchWithin(c, fromTasks[v], toTasks[a])
			out = append(out, LineageSuggestion{
				Vanished: units[v], Appeared: units[a], Score: scores[i][j],
				Pairs:         pairs[:min(len(pairs), maxEvidence)],
				VanishedTasks: len(fromTasks[v]), AppearedTasks: len(toTasks[a]),
				MutualBest: scores[i][j] == bestOfV[i] && scores[i][j] == bestOfA[j],
				Recorded:   recorded,
			})
		}
	}
	slices.SortFunc(out, func(x, y LineageSuggestion) int {
		return cmp.Or(cmp.Compare(y.Score, x.Score),
			cmp.Compare(x.Appeared.Name, y.Appeared.Name), cmp.Compare(x.Vanished.Name, y.Vanished.Name))
	})
	return out, nil
}

// vanishedAndAppeared splits the units of two years' tasks: the
// jurisdiction's own real units with tasks in the first year only
// (vanished) and in the second only (appeared), each sorted by ID.
func (an *Analyzer) vanishedAndAppeared(ctx context.Context, jurisdiction string, fromTasks, toTasks map[string][]int) (vanished, appeared []string, units map[string]graph.Unit, err error) {
	ids := make([]string, 0, len(fromTasks)+len(toTasks))
	for id := range fromTasks {
		ids = append(ids, id)
	}
	for id := range toTasks {
		ids = append(ids, id)
	}
	units, err = an.store.UnitsByID(ctx, ids)
	if err != nil {
		return nil, nil, nil, err
	}
	own := func(id string) bool {
		u, ok := units[id]
		return ok && u.Kind != graph.KindPlaceholder && u.Jurisdiction == jurisdiction
	}
	for id := range fromTasks {
		if _, stays := toTasks[id]; !stays && own(id) {
			vanished = append(vanished, id)
		}
	}
	for id := range toTasks {
		if _, stayed := fromTasks[id]; !stayed && own(id) {
			appeared = append(appeared, id)
		}
	}
	slices.Sort(vanished)
	slices.Sort(appeared)
	return vanished, appeared, units, nil
}

// profile is the text of the tasks at the positions given, one per line.
func profile(tasks []graph.Task, at []int) string {
	var b strings.Builder
	for _, k := range at {
		b.WriteString(tasks[k].Text)
		b.WriteByte('\n')
	}
	return b.String()
}

// tasksByUnit lists the positions of each unit's tasks, in task order.
func tasksByUnit(tasks []graph.Task) map[string][]int {
	out := map[string][]int{}
	for i, t := range tasks {
		for _, id := range append(slices.Clone(t.Leads), t.Cooperators...) {
			if list := out[id]; len(list) == 0 || list[len(list)-1] != i {
				out[id] = append(list, i)
			}
		}
	}
	return out
}

// matchWithin matches the comparison's a-tasks at positions from with its
// b-tasks at positions to, one-to-one as Match does, every pair sharing a
// term being a candidate, best first.
func matchWithin(c *comparison, from, to []int) []Pair {
	a, b := pick(c.a, from), pick(c.b, to)
	sub := &Similarity{rows: len(from), cols: len(to), scores: make([]float64, len(from)*len(to))}
	for i, fi := range from {
		for j, tj := range to {
			sub.scores[i*len(to)+j] = c.sim.At(fi, tj)
		}
	}
	pairs := Match(a, b, sub, math.SmallestNonzeroFloat64)
	slices.SortStableFunc(pairs, func(x, y Pair) int { return cmp.Compare(y.Score, x.Score) })
	return pairs
}

func pick(tasks []graph.Task, at []int) []graph.Task {
	out := make([]graph.Task, len(at))
	for i, k := range at {
		out[i] = tasks[k]
	}
	return out
}
