package neo4jstore_test

import (
	"testing"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/neo4jstore"
	"github.com/dutygraph/dutygraph/graph/storetest"
)

// TestConformance runs the store conformance suite against the live Neo4j
// NEO4J_URI names — the same scenarios and answers as the embedded store's.
// Each scenario gets a store in a namespace of its own on one shared
// server, cleared when the scenario ends. Without NEO4J_URI it skips.
func TestConformance(t *testing.T) {
	driver := neo4jstore.OpenLive(t)
	storetest.Run(t, func(t *testing.T) graph.Store {
		return neo4jstore.NewLive(t, driver)
	})
}
