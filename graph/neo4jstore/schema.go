package neo4jstore

import (
	"context"
	"fmt"
)

// schemaStatements create the constraints and indexes the store relies on.
// IF NOT EXISTS makes them idempotent; each runs in its own transaction
// because Neo4j does not mix schema and data changes in one.
//
// Uniqueness is on (ns, id) rather than id alone: the namespace is part of a
// node's identity, so that test namespaces can hold the same stable IDs side
// by side. In production ns is "" everywhere and the constraint is the plain
// uniqueness of the ID. Composite uniqueness constraints are available in
// Community Edition; node key constraints are not, so they are not used.
// The one (:Meta) node of a namespace, which holds the counts and serves as
// the load lock (see counts.go), is unique on ns alone, so that two first
// loads racing to create it make one.
//
// Every read starts from one of these (see cypher_read.go): a node by
// (ns, id); a unit by a name key, (:UnitKey {ns, key}), filed under every
// form of its names (a RANGE index on a list property serves only
// whole-list equality, so names and aliases cannot be indexed on the unit
// itself); units and plans by jurisdiction; tasks by plan, by year, or by
// jurisdiction and year; targets by document, metric or year; CO_OWNS
// edges by year and weight. Each index leads with ns, so a test namespace
// reads only its own nodes. A whole-namespace list (every plan, every
// task) seeks the (ns, id) constraint's index with `id IS NOT NULL`.
//
// The TEXT index serves the task text filter (CONTAINS, as in the
// embedded store). The FULLTEXT index with the cjk analyzer is for people
// exploring in Neo4j Browser (see docs/cypher.md), as is the index on
// Unit.name.
var schemaStatements = []string{
	"CREATE CONSTRAINT dutygraph_jurisdiction_path IF NOT EXISTS FOR (n:Jurisdiction) REQUIRE (n.ns, n.path) IS UNIQUE",
	"CREATE CONSTRAINT dutygraph_report_id IF NOT EXISTS FOR (n:Report) REQUIRE (n.ns, n.id) IS UNIQUE",
	"CREATE CONSTRAINT dutygraph_target_id IF NOT EXISTS FOR (n:Target) REQUIRE (n.ns, n.id) IS UNIQUE",
	"CREATE CONSTRAINT dutygraph_plan_id IF NOT EXISTS FOR (n:Plan) REQUIRE (n.ns, n.id) IS UNIQUE",
	"CREATE CONSTRAINT dutygraph_section_id IF NOT EXISTS FOR (n:Section) REQUIRE (n.ns, n.id) IS UNIQUE",
	"CREATE CONSTRAINT dutygraph_task_id IF NOT EXISTS FOR (n:Task) REQUIRE (n.ns, n.id) IS UNIQUE",
	"CREATE CONSTRAINT dutygraph_unit_id IF NOT EXISTS FOR (n:Unit) REQUIRE (n.ns, n.id) IS UNIQUE",
	"CREATE CONSTRAINT dutygraph_meta_ns IF NOT EXISTS FOR (n:Meta) REQUIRE n.ns IS UNIQUE",
	"CREATE CONSTRAINT dutygraph_document_id IF NOT EXISTS FOR (n:Document) REQUIRE (n.ns, n.id) IS UNIQUE",
	"CREATE CONSTRAINT dutygraph_unit_key IF NOT EXISTS FOR (n:UnitKey) REQUIRE (n.ns, n.key) IS UNIQUE",
	"CREATE RANGE INDEX dutygraph_unit_name IF NOT EXISTS FOR (n:Unit) ON (n.name)",
	"CREATE RANGE INDEX dutygraph_unit_jurisdiction IF NOT EXISTS FOR (n:Unit) ON (n.ns, n.jurisdiction)",
	"CREATE RANGE INDEX dutygraph_plan_jurisdiction IF NOT EXISTS FOR (n:Plan) ON (n.ns, n.jurisdiction)",
	"CREATE RANGE INDEX dutygraph_task_year IF NOT EXISTS FOR (n:Task) ON (n.ns, n.year)",
	"CREATE RANGE INDEX dutygraph_task_jurisdiction_year IF NOT EXISTS FOR (n:Task) ON (n.ns, n.jurisdiction, n.year)",
	"CREATE RANGE INDEX dutygraph_task_plan IF NOT EXISTS FOR (n:Task) ON (n.ns, n.planId)",
	"CREATE RANGE INDEX dutygraph_section_document IF NOT EXISTS FOR (n:Section) ON (n.ns, n.documentId)",
	"CREATE RANGE INDEX dutygraph_target_metric IF NOT EXISTS FOR (n:Target) ON (n.ns, n.metric)",
	"CREATE RANGE INDEX dutygraph_target_document IF NOT EXISTS FOR (n:Target) ON (n.ns, n.documentId)",
	"CREATE RANGE INDEX dutygraph_target_year IF NOT EXISTS FOR (n:Target) ON (n.ns, n.year)",
	"CREATE RANGE INDEX dutygraph_coowns_year IF NOT EXISTS FOR ()-[r:CO_OWNS]-() ON (r.ns, r.year, r.weight)",
	"CREATE RANGE INDEX dutygraph_coowns_weight IF NOT EXISTS FOR ()-[r:CO_OWNS]-() ON (r.ns, r.weight)",
	"CREATE TEXT INDEX dutygraph_task_text_contains IF NOT EXISTS FOR (n:Task) ON (n.text)",
	"CREATE FULLTEXT INDEX dutygraph_task_text IF NOT EXISTS FOR (n:Task) ON EACH [n.text] " +
		"OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}",
}

// EnsureSchema creates the constraints and indexes that do not exist yet.
// New calls it; running it again changes nothing.
func (s *Store) EnsureSchema(ctx context.Context) error {
	for _, cypher := range schemaStatements {
		err := s.exec.write(ctx, func(r runner) error {
			_, err := r.run(ctx, statement{cypher: cypher})
			return err
		})
		if err != nil {
			return translate(fmt.Sprintf("schema (%.60s…)", cypher), err)
		}
	}
	return nil
}

// cypherClearNamespace deletes one slice of the namespace's nodes with
// their relationships; Clear repeats it so that no single transaction has
// to hold a whole corpus.
const cypherClearNamespace = `
MATCH (n)
WHERE n.ns = $ns AND (n:Jurisdiction OR n:Report OR n:Target OR n:Plan OR n:Section OR n:Task OR n:Unit
  OR n:Document OR n:UnitKey OR n:Meta)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted`

// clearSlice is how many nodes one clearing transaction deletes.
const clearSlice = 5000

// Clear deletes every node of the store's namespace and its relationships:
// the tests' clean-up, and a way to reload a database from scratch.
// Constraints and indexes stay.
func (s *Store) Clear(ctx context.Context) error {
	for {
		deleted := 0
		err := s.exec.write(ctx, func(r runner) error {
			recs, err := r.run(ctx, statement{cypher: cypherClearNamespace, params: map[string]any{"ns": s.opts.Namespace, "limit": clearSlice}})
			if err == nil && len(recs) > 0 {
				deleted = fieldInt(recs[0], "deleted")
			}
			return err
		})
		if err != nil {
			return translate("clear", err)
		}
		if deleted < clearSlice {
			return nil
		}
	}
}
