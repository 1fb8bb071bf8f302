package analysis_test

import (
	"context"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/analysis"
	"github.com/dutygraph/dutygraph/loader"
	"github.com/dutygraph/dutygraph/registry"
	"github.com/dutygraph/dutygraph/seeds"
	"github.com/dutygraph/dutygraph/seeds/seedtest"
)

// TestAnswersFollowReload checks that the Analyzer's cache of plan
// comparisons never outlives a reload that changes a plan's tasks.
func TestAnswersFollowReload(t *testing.T) {
	ctx := context.Background()
	st := seedtest.Store(t)
	an := analysis.New(st, nil)
	task := taskByNumber(t, st, "南京市/鼓楼区", 2026, 57)
	links, err := an.Continues(ctx, task, 0)
	require.NoError(t, err)
	require.Len(t, links, 1)
	require.Equal(t, 56, links[0].Task.Number)

	// A revised 2026 plan whose task 57 is about something else entirely.
	text, err := fs.ReadFile(seeds.FS, "gulou-2026-plan.txt")
	require.NoError(t, err)
	const old = "加快实施鼓楼第二实验小学改扩建等教育工程,确保二十九中高中新校区春季学期投入使用。"
	require.Contains(t, string(text), old)
	revised := strings.Replace(string(text), old, "办好社区运动会,推广全民健身。", 1)
	reg, err := registry.Load(seeds.FS)
	require.NoError(t, err)
	_, err = loader.LoadFS(ctx, st, fstest.MapFS{"gulou-2026-plan.txt": {Data: []byte(revised)}}, reg)
	require.NoError(t, err)

	task = taskByNumber(t, st, "南京市/鼓楼区", 2026, 57)
	require.Equal(t, "办好社区运动会,推广全民健身。", task.Text)
	links, err = an.Continues(ctx, task, 0)
	require.NoError(t, err)
	for _, l := range links {
		require.NotEqual(t, 56, l.Task.Number, "a stale answer from before the reload")
	}
}
