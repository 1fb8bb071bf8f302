package graph_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/storetest"
)

func TestValidateAcceptsFixtures(t *testing.T) {
	for _, b := range append(storetest.All(), storetest.Nanjing2026Revised()) {
		require.NoError(t, b.Validate(), b.Source)
	}
}

func TestValidateNamesSourceAndProblem(t *testing.T) {
	want := map[string]string{
		"batch carrying no document":                      "a batch carries one document, a plan or a loaded report; this one carries 0",
		"task names a unit not in the batch":              `task plan:南京市/鼓楼区:2026:t6 (line 99) names unit "unit:南京市/鼓楼区:区不存在局", which is not in the batch`,
		"unit of unknown kind":                            `unit unit:南京市:市数据局 has unknown kind "ministry"`,
		"task in a missing section":                       `is in section "plan:南京市/鼓楼区:2025:s9", which is not a section of plan plan:南京市/鼓楼区:2025 in the batch`,
		"impossible year":                                 "plan plan:南京市:2026 has impossible year 26",
		"task without ID":                                 "task 4 (number 5, line 14) has no ID",
		"succession to a unit not in the batch":           "succession unit:南京市:市数据局 → unit:南京市:市政务办 names a unit that is not in the batch",
		"plan implements a report not in the batch":       "implements report report:南京市:2026, which is not in the batch",
		"target of a task not in the batch":               `target plan:南京市/鼓楼区:2026:t9:g1 belongs to task "plan:南京市/鼓楼区:2026:t9", which is not in the batch`,
		"target without a figure that is not qualitative": "target report:南京市:2026:g2: measure level with value <nil>: only a qualitative target has no figure",
	}
	invalid := storetest.Invalid()
	require.Len(t, invalid, len(want))
	for _, inv := range invalid {
		err := inv.Batch.Validate()
		require.ErrorIs(t, err, graph.ErrInvalid, inv.Name)
		require.ErrorContains(t, err, inv.Batch.Source+": invalid batch: ", inv.Name)
		require.ErrorContains(t, err, want[inv.Name], inv.Name)
	}
}

func TestValidateMore(t *testing.T) {
	cases := []struct {
		name   string
		change func(b *graph.Batch)
		want   string
	}{
		{"unit twice", func(b *graph.Batch) { b.Units = append(b.Units, b.Units[0]) }, "unit unit:南京市:市发改委 appears twice"},
		{"unit named twice on a task", func(b *graph.Batch) {
			b.Tasks[0].Cooperators = append(b.Tasks[0].Cooperators, b.Tasks[0].Leads[0])
		}, "names unit unit:南京市:市发改委 twice"},
		{"jurisdiction without parent", func(b *graph.Batch) {
			b.Jurisdictions = b.Jurisdictions[1:]
		}, "jurisdiction 南京市/鼓楼区 is part of 南京市, which is not in the batch"},
		{"task of another year", func(b *graph.Batch) { b.Tasks[2].Year = 2025 }, "has jurisdiction \"南京市\" and year 2025, but its plan has \"南京市\" and 2026"},
		{"section of an unknown document", func(b *graph.Batch) { b.Sections[0].DocumentID = "plan:x" }, `belongs to document "plan:x"`},
		{"unit without a name", func(b *graph.Batch) { b.Units[1].Name = " " }, "has no name"},
		{"self succession", func(b *graph.Batch) { b.Successions[0].To = b.Successions[0].From }, "a unit cannot succeed itself"},
		{"target twice", func(b *graph.Batch) { b.Targets = append(b.Targets, b.Targets[0]) }, "target plan:南京市:2026:t1:g1 appears twice"},
		{"target of another year", func(b *graph.Batch) { b.Targets[1].Year = 2025 }, "has jurisdiction \"南京市\", year 2025 and task number 1, but its document or task has \"南京市\", 2026 and 1"},
		{"target of another plan", func(b *graph.Batch) { b.Targets[0].DocumentID = "plan:x" }, `belongs to document "plan:x", but its task to plan plan:南京市:2026`},
		{"headline target in a plan", func(b *graph.Batch) { b.Targets[0].TaskID = "" }, `has no task and belongs to document "plan:南京市:2026", which is not a loaded report of the batch`},
		{"target without index", func(b *graph.Batch) { b.Targets[0].Index = 0 }, "has index 0"},
		{"target of unknown measure", func(b *graph.Batch) { b.Targets[0].Measure = "speed" }, `has unknown measure "speed"`},
		{"target with an unknown comparator", func(b *graph.Batch) { b.Targets[0].Comparator = "力争" }, `has comparator "力争" for measure growth`},
		{"target without metric", func(b *graph.Batch) { b.Targets[0].Metric = "" }, "has no metric or no text"},
		{"target with a backwards span", func(b *graph.Batch) { b.Targets[0].End = -1 }, "has span 0..-1"},
		{"many problems are summed up", func(b *graph.Batch) {
			for i := range b.Units {
				b.Units[i].Kind = "x"
			}
		}, "; and 4 more"},
	}
	for _, c := range cases {
		b := storetest.Nanjing2026()
		c.change(b)
		err := b.Validate()
		require.ErrorIs(t, err, graph.ErrInvalid, c.name)
		require.ErrorContains(t, err, c.want, c.name)
	}
	var nilBatch *graph.Batch
	require.ErrorIs(t, nilBatch.Validate(), graph.ErrInvalid)
}

func TestChecks(t *testing.T) {
	for _, y := range []int{0, graph.MinYear, 2026, graph.MaxYear} {
		require.NoError(t, graph.CheckYear(y), y)
	}
	for _, y := range []int{-1, 26, graph.MinYear - 1, graph.MaxYear + 1} {
		require.ErrorIs(t, graph.CheckYear(y), graph.ErrInvalid, y)
	}
	require.NoError(t, graph.CheckPage(graph.Page{}))
	require.ErrorIs(t, graph.CheckPage(graph.Page{Offset: -1}), graph.ErrInvalid)
	require.ErrorIs(t, graph.CheckPage(graph.Page{Limit: -1}), graph.ErrInvalid)
	require.NoError(t, graph.CheckRole(""))
	require.NoError(t, graph.CheckRole(graph.RoleCooperator))
	require.ErrorContains(t, graph.CheckRole("boss"), `unknown role "boss"`)
}
