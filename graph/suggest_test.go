package graph_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
)

func TestSuggest(t *testing.T) {
	names := []string{
		"市文旅局", "市文化和旅游局", "市发改委", "市发展和改革委员会", "市工信局", "市科技局",
		"市数据局", "市大数据管理局", "区应急局", "区应急管理局", "各区政府",
	}
	cases := []struct {
		name string
		want []string
	}{
		{"市文旅", []string{"市文旅局", "市文化和旅游局"}},    // a dropped character
		{"市文化旅游局", []string{"市文化和旅游局", "市文旅局"}}, // a dropped 和
		{"应急局", []string{"区应急局", "区应急管理局"}},     // contained: the closer length first
		{"市数局", []string{"市数据局", "市大数据管理局"}},    // edit distance on runes
		{"市发改", []string{"市发改委"}},               // a prefix; the long form of the same unit is too far
		{"市科枝局", []string{"市科技局"}},              // one wrong character
		{"公安局", nil}, // shares only 局: nothing
		{"  ", nil},
	}
	for _, c := range cases {
		require.Equal(t, c.want, graph.Suggest(c.name, names, 5), "Suggest(%q)", c.name)
	}
}

func TestSuggestLimitsDeduplicatesAndIsDeterministic(t *testing.T) {
	names := []string{"区发改委", "区财政局", "区发改委", "区商务局", "区科技局", "区司法局", "区人社局"}
	got := graph.Suggest("区局", names, 3)
	require.Len(t, got, 3)
	require.Equal(t, got, graph.Suggest("区局", names, 3))
	require.Equal(t, []string{"区发改委"}, graph.Suggest("区发改委", names, 1), "an exact name once")
	require.Nil(t, graph.Suggest("区发改委", names, 0))
}

// TestSuggestLongNames: a name far longer than every candidate suggests
// nothing, at once, however long it is (a hostile 1 MB argument).
func TestSuggestLongNames(t *testing.T) {
	names := []string{"市文旅局", "市文化和旅游局", "市发改委"}
	for i := range 2000 {
		names = append(names, "区"+strings.Repeat("测", i%20)+"局")
	}
	long := strings.Repeat("市文旅局", 1<<18) // 1 M runes
	start := time.Now()
	require.Nil(t, graph.Suggest(long, names, 5))
	require.Less(t, time.Since(start), 2*time.Second)
	// Just within three times a candidate's length, it is still compared.
	require.Equal(t, []string{"市文化和旅游局"}, graph.Suggest("市文化和旅游局局局", names[:3], 5))
}
