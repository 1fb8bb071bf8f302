package analysis_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/analysis"
	"github.com/dutygraph/dutygraph/seeds/seedtest"
)

func TestTerms(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"each character, then the bigram ending with it", "首店经济", []string{"首", "店", "首店", "经", "店经", "济", "经济"}},
		{"digits and punctuation break runs", "增长5%以上,投资", []string{"增", "长", "增长", "以", "上", "以上", "投", "资", "投资"}},
		{"one character alone", "新增50家", []string{"新", "增", "新增", "家"}},
		{"Latin words lower-cased, full width folded", "发展AI和ＧＰＵ", []string{"发", "展", "发展", "ai", "和", "gpu"}},
		{"nothing to weigh", "2026.", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, analysis.Terms(tc.text))
		})
	}
}

func TestCompare(t *testing.T) {
	a := []string{"推进湖南路商圈振兴", "实施老旧小区改造", "2026"}
	b := []string{"推进湖南路商圈振兴", "加快湖南路道路设施恢复", "完善社会救助体系"}
	sim := compare(t, a, b)
	require.Equal(t, 3, sim.Rows())
	require.Equal(t, 3, sim.Cols())
	require.InDelta(t, 1, sim.At(0, 0), 1e-9, "a text against itself")
	require.Greater(t, sim.At(0, 1), sim.At(0, 2), "sharing 湖南路 counts")
	require.Zero(t, sim.At(1, 2), "no shared term")
	require.Zero(t, sim.At(2, 0), "a text of digits only weighs nothing")
	again := compare(t, a, b)
	for i := range 3 {
		for j := range 3 {
			require.Equal(t, sim.At(i, j), again.At(i, j), "deterministic to the bit")
		}
	}
}

// BenchmarkSimilarity compares two 200-task plans and links their tasks,
// the work behind the first continuity question on a plan pair (later
// questions on the same pair come from the Analyzer's cache).
func BenchmarkSimilarity(b *testing.B) {
	st := seedtest.Store(b)
	city26 := planTasks(b, st, "南京市", 2026)
	city21 := planTasks(b, st, "南京市", 2021)
	gulou := planTasks(b, st, "南京市/鼓楼区", 2026)
	from := append(append(city21[:0:0], city21...), gulou...)[:200]
	to := append(append(city26[:0:0], city26...), gulou...)[:200]
	fromTexts, toTexts := taskTexts(from), taskTexts(to)
	b.ResetTimer()
	for b.Loop() {
		sim := compare(b, fromTexts, toTexts)
		analysis.Match(from, to, sim, analysis.ContinuityThreshold)
	}
}

// BenchmarkContinues is one Task.continues question once the plan pair is
// cached: reading both plans' tasks from the store and fingerprinting them
// (the cache key) is all that is left.
func BenchmarkContinues(b *testing.B) {
	st := seedtest.Store(b)
	an := analysis.New(st, nil)
	task := planTasks(b, st, "南京市", 2026)[93]
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if _, err := an.Continues(ctx, task, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// compare scores a against b without a deadline.
func compare(t testing.TB, a, b []string) *analysis.Similarity {
	t.Helper()
	sim, err := analysis.Compare(context.Background(), a, b)
	require.NoError(t, err)
	return sim
}
