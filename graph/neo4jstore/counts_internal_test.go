package neo4jstore

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/storetest"
)

func TestRecordedCountsFollowTheStatsFields(t *testing.T) {
	// The list cypherRecordCounts stores is read back by position: its
	// COUNTs must come in the order of statsFields.
	counted := regexp.MustCompile(`COUNT \{ MATCH \(\w+:(\w+) \{ns: \$ns\}\)( WHERE \w+\.loaded)? \}`).
		FindAllStringSubmatch(cypherRecordCounts, -1)
	var got []string
	for _, m := range counted {
		got = append(got, m[1]+m[2])
	}
	require.Equal(t, []string{"Report", "Report WHERE r.loaded", "Plan", "Section", "Task", "Unit"}, got)

	var st graph.Stats
	fields := statsFields(&st)
	require.Len(t, fields, len(got))
	for i, f := range fields {
		*f = i + 1
	}
	require.Equal(t, graph.Stats{Reports: 1, LoadedReports: 2, Plans: 3, Sections: 4, Tasks: 5, Units: 6}, st)
}

func TestToStats(t *testing.T) {
	// The driver returns a stored list of integers as []any of int64.
	require.Equal(t, graph.Stats{Reports: 4, LoadedReports: 1, Plans: 4, Sections: 12, Tasks: 19, Units: 15},
		toStats([]any{int64(4), int64(1), int64(4), int64(12), int64(19), int64(15)}))
	require.Equal(t, graph.Stats{}, toStats(nil), "a namespace never loaded has no counts")
	require.Equal(t, graph.Stats{}, toStats([]any{int64(1)}), "counts of another shape are not guessed at")
}

func TestEveryLoadTakesTheLockFirstAndRecordsCountsLast(t *testing.T) {
	for _, b := range append(storetest.All(), storetest.Nanjing2026Revised()) {
		s, rec := recordingStore(t, 2)
		require.NoError(t, s.Load(t.Context(), b))
		first, last := rec.statements[0], rec.statements[len(rec.statements)-1]
		require.Equal(t, cypherLockNamespace, first.cypher, b.Source)
		require.Equal(t, cypherRecordCounts, last.cypher, b.Source)
		require.Equal(t, map[string]any{"ns": "test"}, first.params)
		require.Equal(t, map[string]any{"ns": "test"}, last.params)
		require.Equal(t, 1, rec.writes, "%s: lock, load and counts in one transaction", b.Source)
	}
}

func TestStatsReadsTheRecordedCountsOnly(t *testing.T) {
	s, rec := recordingStore(t, 0)
	st, err := s.Stats(t.Context())
	require.NoError(t, err)
	require.Equal(t, graph.Stats{}, st)
	require.Equal(t, []statement{{cypher: cypherStats, params: map[string]any{"ns": "test"}}}, rec.statements,
		"one statement reading one stored value: no count a commit could split")
	require.Zero(t, rec.writes)

	require.NoError(t, s.recordCounts(t.Context()))
	require.Equal(t, 1, rec.writes)
	require.Equal(t, cypherRecordCounts, rec.statements[1].cypher)
}
