package neo4jstore

import (
	"maps"
	"slices"
	"testing"

	"github.com/dutygraph/dutygraph/internal/cypherlint"
)

// TestCypherLint hands every statement the store can send, and those the
// live tests and the benchmark's hand-written floor send, to Neo4j's own
// Cypher analysis, so that a syntax error or an undefined variable shows
// on a machine without Neo4j rather than on a live server (about a minute
// on two cores). Answers and plans are the conformance suite's and
// PROFILE's.
func TestCypherLint(t *testing.T) {
	statements := slices.Sorted(maps.Keys(allStatements))
	statements = append(statements, cypherGraphShape,
		handUnitTasks, handUnitTaskCount, handPairsYearPlace, handNetworkNodes, handPairsAll, handWorkload, handFindUnit)
	cypherlint.Check(t, statements)
}
