package resolvers

import (
	"math"

	"github.com/dutygraph/dutygraph/analysis"
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/resolvers/model"
)

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

func toGQLLineageSuggestion(s analysis.LineageSuggestion) *model.LineageSuggestion {
	return &model.LineageSuggestion{
		Vanished: &s.Vanished, Appeared: &s.Appeared, Score: roundScore(s.Score),
		MutualBest: s.MutualBest, Recorded: s.Recorded,
		VanishedTasks: s.VanishedTasks, AppearedTasks: s.AppearedTasks,
		Evidence: toGQLTaskPairs(s.Pairs),
	}
}
