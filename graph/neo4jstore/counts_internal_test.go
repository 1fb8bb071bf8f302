package neo4jstore

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/storetest"
)

func TestDeltasFollowTheStatsFields(t *testing.T) {
	before := graph.Stats{Reports: 4, LoadedReports: 1, Plans: 4, Sections: 12, Tasks: 19, Units: 15}
	after := graph.Stats{Reports: 5, LoadedReports: 1, Plans: 3, Sections: 14, Tasks: 10, Units: 21}
	require.Equal(t, []int{1, 0, -1, 2, -9, 6}, deltas(before, after))
	require.Equal(t, after, toStats([]any{int64(5), int64(1), int64(3), int64(14), int64(10), int64(21)}),
		"the counts list is read back in the order it is moved")
}

func TestToStats(t *testing.T) {
	// The driver returns a stored list of integers as []any of int64.
	require.Equal(t, graph.Stats{Reports: 4, LoadedReports: 1, Plans: 4, Sections: 12, Tasks: 19, Units: 15},
		toStats([]any{int64(4), int64(1), int64(4), int64(12), int64(19), int64(15)}))
	require.Equal(t, graph.Stats{}, toStats(nil), "a namespace never loaded has no counts")
	require.Equal(t, graph.Stats{}, toStats([]any{int64(1)}), "counts of another shape are not guessed at")
}

func TestEveryChangeTakesTheLockFirstAndMovesCountsLast(t *testing.T) {
	for _, b := range append(storetest.All(), storetest.Nanjing2026Revised()) {
		s, rec := recordingStore(t, 2)
		require.NoError(t, s.Load(t.Context(), b))
		first, last := rec.statements[0], rec.statements[len(rec.statements)-1]
		require.Equal(t, cypherLockNamespace, first.cypher, b.Source)
		require.Equal(t, cypherMoveCounts, last.cypher, b.Source)
		require.Equal(t, map[string]any{"ns": "test", "format": formatVersion}, first.params)
		require.Equal(t, 1, rec.writes, "%s: lock, load and counts in one transaction", b.Source)
		for _, st := range rec.statements {
			require.NotContains(t, st.cypher, "COUNT { MATCH (t:Task {ns: $ns}) }", "no load counts the namespace")
		}
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
}

func TestVersionReadsTheMetaNodeAlone(t *testing.T) {
	s, rec := recordingStore(t, 0)
	v, err := s.Version(t.Context())
	require.NoError(t, err)
	require.Empty(t, v, "a namespace never loaded has no version")
	require.Equal(t, []statement{{cypher: cypherVersion, params: map[string]any{"ns": "test"}}}, rec.statements)
	require.Zero(t, rec.writes)
	// Every change takes the lock first (TestEveryChangeTakesTheLockFirst…),
	// so every change commits a new version.
	require.Contains(t, cypherLockNamespace, "m.version = randomUUID()")
}
