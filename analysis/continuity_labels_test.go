package analysis_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/analysis"
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/seeds/seedtest"
)

// continuityPredictor links the labelled plans' tasks at a threshold, the
// way Analyzer.Continuity does at ContinuityThreshold.
func continuityPredictor(t *testing.T, st graph.Store, labels []label) func(threshold float64) score {
	type plans struct {
		jurisdiction   string
		fromYear, year int
	}
	type compared struct {
		from, to []graph.Task
		sim      *analysis.Similarity
	}
	cache := map[plans]compared{}
	for _, l := range labels {
		key := plans{l.jurisdiction, l.year, l.otherYear}
		if _, ok := cache[key]; !ok {
			from, to := planTasks(t, st, l.jurisdiction, l.year), planTasks(t, st, l.jurisdiction, l.otherYear)
			cache[key] = compared{from, to, compare(t, taskTexts(from), taskTexts(to))}
		}
	}
	return func(threshold float64) score {
		linked := map[[2]string]bool{}
		for _, c := range cache {
			for _, p := range analysis.Match(c.from, c.to, c.sim, threshold) {
				linked[[2]string{p.From.ID, p.To.ID}] = true
			}
		}
		var s score
		for _, l := range labels {
			from := taskByNumber(t, st, l.jurisdiction, l.year, l.number)
			to := taskByNumber(t, st, l.other, l.otherYear, l.otherNumber)
			s.add(l, linked[[2]string{from.ID, to.ID}])
		}
		return s
	}
}

// TestContinuityLabels holds ContinuityThreshold to the precision and
// recall its comment cites, on pairs labelled by reading both texts.
func TestContinuityLabels(t *testing.T) {
	st := seedtest.Store(t)
	labels := readLabels(t, "continuity-labels.tsv")
	require.GreaterOrEqual(t, len(labels), 40)
	predict := continuityPredictor(t, st, labels)
	for _, threshold := range []float64{0.08, 0.10, 0.12, 0.15, 0.18, 0.20, 0.25, 0.30} {
		s := predict(threshold)
		t.Logf("threshold %.2f: precision %.2f recall %.2f (tp %d fp %d fn %d tn %d)", threshold, s.precision(), s.recall(), s.tp, s.fp, s.fn, s.tn)
	}
	s := predict(analysis.ContinuityThreshold)
	for _, l := range s.wrong {
		t.Logf("wrong at the threshold: line %d (%s %d→%d, %s)", l.line, l.jurisdiction, l.number, l.otherNumber, l.why)
	}
	require.GreaterOrEqual(t, s.precision(), 0.96, "tp %d fp %d fn %d", s.tp, s.fp, s.fn)
	require.GreaterOrEqual(t, s.recall(), 0.93, "tp %d fp %d fn %d", s.tp, s.fp, s.fn)
}

func planTasks(t testing.TB, st graph.Store, jurisdiction string, year int) []graph.Task {
	t.Helper()
	page, err := st.Tasks(context.Background(), graph.TaskFilter{Jurisdiction: jurisdiction, Year: year}, graph.Page{})
	require.NoError(t, err)
	require.NotEmpty(t, page.Tasks, "%s %d", jurisdiction, year)
	return page.Tasks
}

func taskTexts(tasks []graph.Task) []string {
	out := make([]string, len(tasks))
	for i, task := range tasks {
		out[i] = task.Text
	}
	return out
}
