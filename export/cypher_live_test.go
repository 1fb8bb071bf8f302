package export_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/export"
	"github.com/dutygraph/dutygraph/internal/neo4jlive"
)

// TestLiveCypherImport runs the Cypher export on the Neo4j server NEO4J_URI
// names (NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE as for the
// store's live tests), statement by statement as Neo4j Browser does: two
// years of the seeds' 鼓楼区 network, then one year again, and the hostile
// names. The database must then hold exactly what the statement-level
// import (importedGraph) built from the same scripts: both years' weights,
// and every name as written. The test's units have IDs of their own,
// deleted when it ends. Without NEO4J_URI it skips; nothing imitates a
// server.
func TestLiveCypherImport(t *testing.T) {
	driver := liveNeo4j(t)
	s := seededStore(t)
	var b [8]byte
	_, err := rand.Read(b[:])
	require.NoError(t, err)
	prefix := "dutygraph-export-test-" + hex.EncodeToString(b[:]) + ":"
	db := neo4j.ExecuteQueryWithDatabase(os.Getenv("NEO4J_DATABASE"))
	// Leave the server's schema as it was: drop the export's constraint
	// after the test only if the test created it.
	res, err := neo4j.ExecuteQuery(t.Context(), driver, "SHOW CONSTRAINTS YIELD name WHERE name = 'network_unit_id' RETURN name",
		nil, neo4j.EagerResultTransformer, db)
	require.NoError(t, err)
	constrained := len(res.Records) > 0
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		_, err := neo4j.ExecuteQuery(ctx, driver, "MATCH (u:NetworkUnit) WHERE u.id STARTS WITH $prefix DETACH DELETE u",
			map[string]any{"prefix": prefix}, neo4j.EagerResultTransformer, db)
		require.NoError(t, err, "deleting the test's units")
		if !constrained {
			_, err := neo4j.ExecuteQuery(ctx, driver, "DROP CONSTRAINT network_unit_id IF EXISTS", nil, neo4j.EagerResultTransformer, db)
			require.NoError(t, err, "dropping the constraint the test created")
		}
	})

	var scripts []string
	for _, year := range []int{2025, 2026} {
		n := loadNetwork(t, s, export.NetworkQuery{Jurisdiction: "鼓楼区", Year: year, MinShared: 1})
		scripts = append(scripts, cypherScript(t, withIDPrefix(n, prefix)))
	}
	scripts = append(scripts, scripts[0], cypherScript(t, withIDPrefix(hostileNetwork(), prefix)))

	want := newImportedGraph()
	for _, script := range scripts {
		want.run(t, script)
		for _, st := range cypherStatements(t, script) {
			session := driver.NewSession(t.Context(), neo4j.SessionConfig{DatabaseName: os.Getenv("NEO4J_DATABASE")})
			res, err := session.Run(t.Context(), st, nil)
			if err == nil {
				_, err = res.Consume(t.Context())
			}
			require.NoError(t, err, st)
			require.NoError(t, session.Close(t.Context()))
		}
	}

	got := newImportedGraph()
	got.constrained = true
	res, err = neo4j.ExecuteQuery(t.Context(), driver, "MATCH (u:NetworkUnit) WHERE u.id STARTS WITH $prefix RETURN properties(u) AS u",
		map[string]any{"prefix": prefix}, neo4j.EagerResultTransformer, db)
	require.NoError(t, err)
	for _, rec := range res.Records {
		props, _ := rec.Get("u")
		u := props.(map[string]any)
		got.units[u["id"].(string)] = u
	}
	res, err = neo4j.ExecuteQuery(t.Context(), driver, `
MATCH (a:NetworkUnit)-[r:CO_OWNS]->(b:NetworkUnit) WHERE a.id STARTS WITH $prefix
RETURN a.id AS a, b.id AS b, r.year AS year, r.sharedTasks AS sharedTasks, count(*) AS n`,
		map[string]any{"prefix": prefix}, neo4j.EagerResultTransformer, db)
	require.NoError(t, err)
	for _, rec := range res.Records {
		m := rec.AsMap()
		require.Equal(t, int64(1), m["n"], "one CO_OWNS per pair and year")
		got.coOwns[coOwns{m["a"].(string), m["b"].(string), m["year"].(int64)}] = m["sharedTasks"].(int64)
	}
	require.Equal(t, want, got)
}

// liveNeo4j is a driver on the server NEO4J_URI names, or skips the test.
func liveNeo4j(t *testing.T) neo4j.DriverWithContext {
	t.Helper()
	return neo4jlive.Open(t, "NEO4J_URI is not set: this test imports the Cypher export into a live Neo4j 5.13+ server. Run it with "+
		"NEO4J_URI=neo4j://localhost:7687 NEO4J_PASSWORD=… go test ./export -run Live")
}

// withIDPrefix gives n's units IDs of their own, so that a test's import
// touches no other unit in a shared database. Prefixing keeps each pair's
// IDs in order.
func withIDPrefix(n export.Network, prefix string) export.Network {
	nodes := func(in []export.Node) []export.Node {
		out := make([]export.Node, len(in))
		for i, node := range in {
			node.Unit.ID = prefix + node.Unit.ID
			out[i] = node
		}
		return out
	}
	edges := func(in []export.Edge) []export.Edge {
		out := make([]export.Edge, len(in))
		for i, e := range in {
			out[i] = export.Edge{A: prefix + e.A, B: prefix + e.B, Shared: e.Shared}
		}
		return out
	}
	out := export.Network{Query: n.Query, Nodes: nodes(n.Nodes), Edges: edges(n.Edges)}
	for _, y := range n.Years {
		out.Years = append(out.Years, export.YearNetwork{Year: y.Year, Nodes: nodes(y.Nodes), Edges: edges(y.Edges)})
	}
	return out
}
