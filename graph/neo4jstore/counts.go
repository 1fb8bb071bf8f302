package neo4jstore

import (
	"context"

	"github.com/dutygraph/dutygraph/graph"
)

// Stats must never show part of a load, but Neo4j reads at read-committed
// isolation without snapshots: a statement that counted plans and then
// tasks while a load committed in between would see the plans of before
// and the tasks of after. So every load records the counts in one list
// property of the namespace's (:Meta) node, inside its own transaction,
// and Stats reads that single value, which a commit replaces whole.
//
// The Meta node is also the load lock: a load's first statement writes to
// it, which takes the node's write lock until the load commits or rolls
// back. Loads of one namespace therefore run one at a time, so the counts
// they record (and the CO_OWNS edges they refresh) are never computed
// while another load is half-applied. Readers take no locks and are never
// blocked.

// cypherLockNamespace takes the namespace's load lock; cypherRecordCounts
// releases the marker (the lock itself is held until commit). The marker
// property never outlives the transaction.
const cypherLockNamespace = `
MERGE (m:Meta {ns: $ns})
SET m.loading = true`

// cypherRecordCounts counts the namespace in the writing transaction and
// stores the counts in the order of statsFields. New runs it too, so a
// database whose data was written without counts gets them.
const cypherRecordCounts = `
MERGE (m:Meta {ns: $ns})
REMOVE m.loading
SET m.counts = [
  COUNT { MATCH (r:Report {ns: $ns}) },
  COUNT { MATCH (r:Report {ns: $ns}) WHERE r.loaded },
  COUNT { MATCH (p:Plan {ns: $ns}) },
  COUNT { MATCH (s:Section {ns: $ns}) },
  COUNT { MATCH (t:Task {ns: $ns}) },
  COUNT { MATCH (u:Unit {ns: $ns}) }]`

const cypherStats = `
OPTIONAL MATCH (m:Meta {ns: $ns})
RETURN m.counts AS counts`

// statsFields are the fields of graph.Stats in the order of the counts
// list.
func statsFields(st *graph.Stats) []*int {
	return []*int{&st.Reports, &st.LoadedReports, &st.Plans, &st.Sections, &st.Tasks, &st.Units}
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

// Stats reads the counts the last load recorded.
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

// recordCounts recounts the namespace; New calls it once.
func (s *Store) recordCounts(ctx context.Context) error {
	err := s.exec.write(ctx, func(r runner) error {
		_, err := r.run(ctx, statement{cypher: cypherRecordCounts, params: map[string]any{"ns": s.opts.Namespace}})
		return err
	})
	return translate("record counts", err)
}
