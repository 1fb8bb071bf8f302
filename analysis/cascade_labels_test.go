package analysis_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/analysis"
	"github.com/dutygraph/dutygraph/seeds/seedtest"
)

// TestCascadeLabels holds CascadeThreshold to the precision and recall its
// comment cites, asking the Analyzer itself for each labelled city task's
// cascades.
func TestCascadeLabels(t *testing.T) {
	st := seedtest.Store(t)
	an := analysis.New(st, nil)
	labels := readLabels(t, "cascade-labels.tsv")
	require.GreaterOrEqual(t, len(labels), 20)
	var s score
	for _, l := range labels {
		city := taskByNumber(t, st, l.jurisdiction, l.year, l.number)
		district := taskByNumber(t, st, l.other, l.otherYear, l.otherNumber)
		links, err := an.CascadesTo(context.Background(), city)
		require.NoError(t, err)
		predicted := false
		for _, link := range links {
			predicted = predicted || link.Task.ID == district.ID
		}
		s.add(l, predicted)
	}
	for _, l := range s.wrong {
		t.Logf("wrong at the threshold: line %d (%d→%d, %s)", l.line, l.number, l.otherNumber, l.why)
	}
	require.GreaterOrEqual(t, s.precision(), 1.0, "tp %d fp %d fn %d", s.tp, s.fp, s.fn)
	require.GreaterOrEqual(t, s.recall(), 0.80, "tp %d fp %d fn %d", s.tp, s.fp, s.fn)
}
