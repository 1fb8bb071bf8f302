package neo4jstore

import (
	"context"
	"fmt"

	"github.com/dutygraph/dutygraph/graph"
)

// Stats must never show part of a load, but Neo4j reads at read-committed
// isolation without snapshots: a statement that counted plans and then
// tasks while a load committed in between would see the plans of before
// and the tasks of after. So the counts live in one list property of the
// namespace's (:Meta) node, which every load and removal moves, inside its
// own transaction, by what it changed (never by counting the namespace
// again, which would make a bulk load slower with every document), and
// Stats reads that single value, which a commit replaces whole.
//
// The Meta node is also the load lock: a load's first statement writes to
// it, which takes the node's write lock until the load commits or rolls
// back. Loads and removals of one namespace therefore run one at a time, so
// the views they recompute from, the counts they move and the CO_OWNS edges
// they rebuild are never those of another change half-applied. Readers
// take no locks and are never blocked.

// formatVersion marks a namespace whose documents are kept with their
// views (see cypher_load.go). A namespace an older dutygraph loaded lacks
// them and could not take a document out correctly.
const formatVersion = 2

// cypherLockNamespace takes the namespace's load lock, creating the Meta
// node of a namespace's first load; cypherMoveCounts releases the marker
// (the lock itself is held until commit). The marker property never
// outlives the transaction. It also gives the namespace a new version,
// which readers see when, and only when, the change commits.
const cypherLockNamespace = `
MERGE (m:Meta {ns: $ns})
ON CREATE SET m.format = $format, m.counts = [0, 0, 0, 0, 0, 0]
SET m.loading = true, m.version = randomUUID()`

// cypherMoveCounts adds the change's deltas, in the order of statsFields.
const cypherMoveCounts = `
MATCH (m:Meta {ns: $ns})
SET m.counts = [i IN range(0, size(m.counts) - 1) | m.counts[i] + $deltas[i]]
REMOVE m.loading`

// cypherVersion reads the version the last change committed; a namespace
// never loaded (or cleared) has none, and reads as "".
const cypherVersion = `
OPTIONAL MATCH (m:Meta {ns: $ns})
RETURN m.version AS version`

const cypherStats = `
OPTIONAL MATCH (m:Meta {ns: $ns})
RETURN m.counts AS counts`

// cypherFormat reads the namespace's format; a namespace never loaded has
// no Meta node, and no counts.
const cypherFormat = `
OPTIONAL MATCH (m:Meta {ns: $ns})
RETURN m.format AS format, m.counts IS NOT NULL AS counted`

// statsFields are the fields of graph.Stats in the order of the counts
// list.
func statsFields(st *graph.Stats) []*int {
	return []*int{&st.Reports, &st.LoadedReports, &st.Plans, &st.Sections, &st.Tasks, &st.Units}
}

// deltas is the counts list of the difference between two Stats.
func deltas(before, after graph.Stats) []int {
	b, a := statsFields(&before), statsFields(&after)
	out := make([]int, len(a))
	for i := range a {
		out[i] = *a[i] - *b[i]
	}
	return out
}

// toStats reads the counts list; a namespace nothing was ever loaded into
// has none and counts nothing.
func toStats(counts any) graph.Stats {
	var st graph.Stats
	list, _ := counts.([]any)
	fields := statsFields(&st)
	if len(list) != len(fields) {
		return graph.Stats{}
	}
	for i, v := range list {
		n, _ := v.(int64)
		*fields[i] = int(n)
	}
	return st
}

// Stats reads the counts the last load or removal left.
func (s *Store) Stats(ctx context.Context) (graph.Stats, error) {
	var st graph.Stats
	err := s.read(ctx, "stats", func(r runner) error {
		recs, err := s.query(ctx, r, cypherStats, nil)
		st = graph.Stats{}
		if err != nil || len(recs) == 0 {
			return err
		}
		st = toStats(get(recs[0], "counts"))
		return nil
	})
	return st, err
}

// Version is the namespace's version: a random UUID each load or removal
// commits with, by any process sharing the database, so replicas agree on
// it and never take another change's version for theirs.
func (s *Store) Version(ctx context.Context) (string, error) {
	var version string
	err := s.read(ctx, "version", func(r runner) error {
		recs, err := s.query(ctx, r, cypherVersion, nil)
		version = ""
		if err != nil || len(recs) == 0 {
			return err
		}
		version = fieldStr(recs[0], "version")
		return nil
	})
	return version, err
}

// checkFormat refuses a namespace an older dutygraph loaded: its documents
// carry no views, so a reload or a removal would leave what they gave
// behind.
func (s *Store) checkFormat(ctx context.Context) error {
	var format int
	var counted bool
	err := s.read(ctx, "format", func(r runner) error {
		recs, err := s.query(ctx, r, cypherFormat, nil)
		if err != nil || len(recs) == 0 {
			return err
		}
		format = fieldInt(recs[0], "format")
		counted, _ = get(recs[0], "counted").(bool)
		return nil
	})
	if err != nil {
		return err
	}
	if counted && format != formatVersion {
		return fmt.Errorf("neo4j namespace %q was loaded by a dutygraph of store format %d, this one needs format %d "+
			"(documents kept with their views): delete its nodes (MATCH (n) WHERE n.ns = $ns DETACH DELETE n) and load the documents again: %w",
			s.opts.Namespace, format, formatVersion, graph.ErrInvalid)
	}
	return nil
}
