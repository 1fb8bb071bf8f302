package neo4jstore

// Helpers and checks that need a live Neo4j. They run only when NEO4J_URI
// names a server and skip, saying how to run them, otherwise; nothing here
// imitates a server.

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/storetest"
	"github.com/dutygraph/dutygraph/internal/neo4jlive"
)

// SkipMessage tells how to run the live tests.
const SkipMessage = "NEO4J_URI is not set: the Neo4j tests need a live Neo4j 5.13+ server. Run them with " +
	"NEO4J_URI=neo4j://localhost:7687 go test ./graph/neo4jstore/ " +
	"(add NEO4J_USERNAME and NEO4J_PASSWORD, or user:password@ in the URI, when the server has authentication; " +
	"`docker compose up neo4j` starts one with the credentials of .env)"

// OpenLive returns a driver on the server NEO4J_URI names, closed when the
// test ends, or skips the test when NEO4J_URI is unset. A server that is
// named but unreachable fails the test: it must not pass unnoticed.
func OpenLive(t *testing.T) neo4j.DriverWithContext {
	t.Helper()
	driver := neo4jlive.Open(t, SkipMessage)
	if keepLive() {
		return driver
	}

	// Leave the server's schema as it was found: drop the store's
	// constraints and indexes this test created (never ones that were
	// there before, which a deployment on the same server may rely on).
	// Registered after the driver's Close, so it runs before it.
	before := schemaNames(t, driver)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		for name, drop := range schemaDrops {
			if before[name] {
				continue
			}
			if _, err := autocommit(ctx, driver, neo4j.AccessModeWrite, drop); err != nil {
				t.Errorf("dropping %s after the test: %v", name, err)
			}
		}
	})
	return driver
}

// schemaDrops undoes schemaStatements, by name.
var schemaDrops = map[string]string{
	"dutygraph_jurisdiction_path":      "DROP CONSTRAINT dutygraph_jurisdiction_path IF EXISTS",
	"dutygraph_report_id":              "DROP CONSTRAINT dutygraph_report_id IF EXISTS",
	"dutygraph_target_id":              "DROP CONSTRAINT dutygraph_target_id IF EXISTS",
	"dutygraph_plan_id":                "DROP CONSTRAINT dutygraph_plan_id IF EXISTS",
	"dutygraph_section_id":             "DROP CONSTRAINT dutygraph_section_id IF EXISTS",
	"dutygraph_task_id":                "DROP CONSTRAINT dutygraph_task_id IF EXISTS",
	"dutygraph_unit_id":                "DROP CONSTRAINT dutygraph_unit_id IF EXISTS",
	"dutygraph_meta_ns":                "DROP CONSTRAINT dutygraph_meta_ns IF EXISTS",
	"dutygraph_document_id":            "DROP CONSTRAINT dutygraph_document_id IF EXISTS",
	"dutygraph_unit_key":               "DROP CONSTRAINT dutygraph_unit_key IF EXISTS",
	"dutygraph_unit_name":              "DROP INDEX dutygraph_unit_name IF EXISTS",
	"dutygraph_unit_jurisdiction":      "DROP INDEX dutygraph_unit_jurisdiction IF EXISTS",
	"dutygraph_plan_jurisdiction":      "DROP INDEX dutygraph_plan_jurisdiction IF EXISTS",
	"dutygraph_task_year":              "DROP INDEX dutygraph_task_year IF EXISTS",
	"dutygraph_task_jurisdiction_year": "DROP INDEX dutygraph_task_jurisdiction_year IF EXISTS",
	"dutygraph_task_plan":              "DROP INDEX dutygraph_task_plan IF EXISTS",
	"dutygraph_section_document":       "DROP INDEX dutygraph_section_document IF EXISTS",
	"dutygraph_target_metric":          "DROP INDEX dutygraph_target_metric IF EXISTS",
	"dutygraph_target_document":        "DROP INDEX dutygraph_target_document IF EXISTS",
	"dutygraph_target_year":            "DROP INDEX dutygraph_target_year IF EXISTS",
	"dutygraph_coowns_year":            "DROP INDEX dutygraph_coowns_year IF EXISTS",
	"dutygraph_coowns_weight":          "DROP INDEX dutygraph_coowns_weight IF EXISTS",
	"dutygraph_task_text_contains":     "DROP INDEX dutygraph_task_text_contains IF EXISTS",
	"dutygraph_task_text":              "DROP INDEX dutygraph_task_text IF EXISTS",
}

// autocommit runs one statement in an auto-commit transaction, the kind
// Neo4j accepts every command in (SHOW and DROP included).
func autocommit(ctx context.Context, driver neo4j.DriverWithContext, mode neo4j.AccessMode, cypher string) ([]*neo4j.Record, error) {
	session := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: os.Getenv("NEO4J_DATABASE"), AccessMode: mode})
	defer session.Close(context.WithoutCancel(ctx))
	res, err := session.Run(ctx, cypher, nil)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// schemaNames lists the names of the server's constraints and indexes.
func schemaNames(t *testing.T, driver neo4j.DriverWithContext) map[string]bool {
	t.Helper()
	names := map[string]bool{}
	for _, show := range []string{"SHOW CONSTRAINTS YIELD name", "SHOW INDEXES YIELD name"} {
		recs, err := autocommit(t.Context(), driver, neo4j.AccessModeRead, show)
		require.NoError(t, err, show)
		for _, rec := range recs {
			names[fieldStr(rec, "name")] = true
		}
	}
	return names
}

// NewLive returns a store on driver in a namespace of its own, whose nodes
// are deleted when the test ends (unless keepLive). The small batch size makes every load
// send several UNWIND statements per kind of node.
func NewLive(t *testing.T, driver neo4j.DriverWithContext) *Store {
	t.Helper()
	var b [8]byte
	_, err := rand.Read(b[:])
	require.NoError(t, err)
	ns := "dutygraph-test-" + hex.EncodeToString(b[:])
	s, err := New(t.Context(), driver, Options{
		Database:  os.Getenv("NEO4J_DATABASE"),
		BatchSize: 3,
		Namespace: ns,
	})
	require.NoError(t, err)
	if keepLive() {
		return s
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		require.NoError(t, s.Clear(ctx), "clearing test namespace %s", ns)
	})
	return s
}

// keepLive is NEO4J_BENCH_KEEP=1: the live tests leave their namespaces and
// the store's schema on the server, so that bench/neo4jgraphql and PROFILE
// can read what TestLiveBenchmark loaded, with the same indexes.
func keepLive() bool { return os.Getenv("NEO4J_BENCH_KEEP") == "1" }

// graphShape counts a namespace's nodes by label, relationships by type and
// the CO_OWNS weights: two loads that leave the same shape wrote the same
// graph, down to duplicated edges.
const cypherGraphShape = `
MATCH (n {ns: $ns})
WITH n, labels(n)[0] AS label
OPTIONAL MATCH (n)-[r]->()
WITH label, n, type(r) AS rel, coalesce(r.weight, 0) AS weight
RETURN label, rel, count(DISTINCT n) AS nodes, count(rel) AS edges, sum(weight) AS weights
ORDER BY label, rel`

func graphShape(t *testing.T, s *Store) []map[string]any {
	t.Helper()
	var shape []map[string]any
	require.NoError(t, s.exec.read(t.Context(), func(r runner) error {
		recs, err := r.run(t.Context(), statement{cypher: cypherGraphShape, params: map[string]any{"ns": s.opts.Namespace}})
		for _, rec := range recs {
			shape = append(shape, rec.AsMap())
		}
		return err
	}))
	require.NotEmpty(t, shape)
	return shape
}

func TestLiveReloadChangesNothing(t *testing.T) {
	s := NewLive(t, OpenLive(t))
	ctx := t.Context()
	for _, b := range storetest.All() {
		require.NoError(t, s.Load(ctx, b))
	}
	want := graphShape(t, s)
	all := storetest.All()
	for i := len(all) - 1; i >= 0; i-- {
		require.NoError(t, s.Load(ctx, all[i]))
	}
	require.Equal(t, want, graphShape(t, s), "reloading every document in reverse order")

	require.NoError(t, s.Load(ctx, storetest.Nanjing2026Revised()))
	require.NotEqual(t, want, graphShape(t, s), "the revision drops a task")
	require.NoError(t, s.Load(ctx, storetest.Nanjing2026()))
	require.Equal(t, want, graphShape(t, s), "loading the original again restores it")
}

// TestLiveCoOwnsMatchesLiveCount checks the materialised CO_OWNS edges
// against the count over LEADS and COOPERATES_ON for every year, after
// loads that add, revise and restore plans.
func TestLiveCoOwnsMatchesLiveCount(t *testing.T) {
	s := NewLive(t, OpenLive(t))
	ctx := t.Context()
	batches := append(storetest.All(), storetest.Nanjing2026Revised(), storetest.Gulou2025())
	for _, b := range batches {
		require.NoError(t, s.Load(ctx, b))
	}
	pairs := func(cypher string, year int) []graph.UnitPair {
		var out []graph.UnitPair
		require.NoError(t, s.exec.read(ctx, func(r runner) error {
			var err error
			out, err = s.runPairs(ctx, r, cypher, map[string]any{
				"year": year, "jurisdiction": "", "planId": "",
				"placeholder": string(graph.KindPlaceholder), "minShared": 1, "limit": noLimit,
			})
			return err
		}))
		return out
	}
	for _, year := range []int{0, 2021, 2025, 2026} {
		f := graph.CoOwnershipFilter{Year: year}
		live := pairs(pairsStatements[pairKeyOf(f)], year)
		require.NotEmpty(t, live, "year %d", year)
		require.Equal(t, live, pairs(pairStatement(f), year), "CO_OWNS for year %d", year)
	}
}

func TestLiveSchemaIsIdempotent(t *testing.T) {
	driver := OpenLive(t)
	s := NewLive(t, driver)
	require.NoError(t, s.EnsureSchema(t.Context()), "a second run changes nothing and fails on nothing")
	names := schemaNames(t, driver)
	for name := range schemaDrops {
		require.True(t, names[name], "%s exists", name)
	}
}

// TestLiveFulltextFindsChineseText checks the query docs/cypher.md gives
// for searching task text with the cjk analyzer.
func TestLiveFulltextFindsChineseText(t *testing.T) {
	s := NewLive(t, OpenLive(t))
	ctx := t.Context()
	require.NoError(t, s.Load(ctx, storetest.Nanjing2026()))
	var found []string
	require.NoError(t, s.exec.write(ctx, func(r runner) error {
		_, err := r.run(ctx, statement{cypher: "CALL db.awaitIndex('dutygraph_task_text', 60)"})
		return err
	}))
	require.NoError(t, s.exec.read(ctx, func(r runner) error {
		recs, err := r.run(ctx, statement{
			cypher: `CALL db.index.fulltext.queryNodes('dutygraph_task_text', $q) YIELD node
WHERE node.ns = $ns RETURN node.id AS id ORDER BY id`,
			params: map[string]any{"q": "数据要素", "ns": s.opts.Namespace},
		})
		for _, rec := range recs {
			found = append(found, fieldStr(rec, "id"))
		}
		return err
	}))
	require.Contains(t, found, graph.TaskID(storetest.PlanNanjing2026, 0, 3), "建设数据要素市场")
}
