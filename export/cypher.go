package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/dutygraph/dutygraph/graph"
)

// cypherBatch is how many rows one UNWIND statement carries: small enough
// for cypher-shell and Neo4j Browser, large enough to load quickly.
const cypherBatch = 500

// WriteCypher writes n as a Cypher script for cypher-shell or Neo4j Browser
// (multi-statement mode). It creates (:NetworkUnit) nodes keyed by the unit
// ID, with name, kind, jurisdiction, aliases, lead, cooperate and workload,
// and [:CO_OWNS {sharedTasks}] relationships from the unit with the smaller
// ID. Its own label keeps the network's filtered counts off the :Unit nodes
// of a dutygraph store in the same database; the IDs are the same, so the
// two can be joined. Running the script again changes nothing.
func WriteCypher(w io.Writer, n Network) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "// dutygraph co-ownership network: %s.\n", n.Query.String())
	fmt.Fprintf(bw, "// %d units, %d co-owning pairs. Run with: cypher-shell -f FILE\n", len(n.Nodes), len(n.Edges))
	fmt.Fprintln(bw, "CREATE CONSTRAINT network_unit_id IF NOT EXISTS FOR (u:NetworkUnit) REQUIRE u.id IS UNIQUE;")
	for start := 0; start < len(n.Nodes); start += cypherBatch {
		fmt.Fprintln(bw, "UNWIND [")
		batch := n.Nodes[start:min(start+cypherBatch, len(n.Nodes))]
		for i, node := range batch {
			fmt.Fprintf(bw, "  {id: %s, name: %s, kind: %s, jurisdiction: %s, aliases: %s, lead: %d, cooperate: %d, workload: %d}%s\n",
				cypherString(node.Unit.ID), cypherString(node.Unit.Name), cypherString(string(node.Unit.Kind)),
				cypherString(node.Unit.Jurisdiction), cypherList(node.Unit.Aliases),
				node.Lead, node.Cooperate, node.Workload(), listSep(i, len(batch)))
		}
		fmt.Fprintln(bw, "] AS row")
		fmt.Fprintln(bw, "MERGE (u:NetworkUnit {id: row.id})")
		fmt.Fprintln(bw, "SET u.name = row.name, u.kind = row.kind, u.jurisdiction = row.jurisdiction, u.aliases = row.aliases,")
		fmt.Fprintln(bw, "    u.lead = row.lead, u.cooperate = row.cooperate, u.workload = row.workload;")
	}
	for start := 0; start < len(n.Edges); start += cypherBatch {
		fmt.Fprintln(bw, "UNWIND [")
		batch := n.Edges[start:min(start+cypherBatch, len(n.Edges))]
		for i, e := range batch {
			fmt.Fprintf(bw, "  {a: %s, b: %s, sharedTasks: %d}%s\n", cypherString(e.A), cypherString(e.B), e.Shared, listSep(i, len(batch)))
		}
		fmt.Fprintln(bw, "] AS row")
		fmt.Fprintln(bw, "MATCH (a:NetworkUnit {id: row.a}), (b:NetworkUnit {id: row.b})")
		fmt.Fprintln(bw, "MERGE (a)-[r:CO_OWNS]->(b)")
		fmt.Fprintln(bw, "SET r.sharedTasks = row.sharedTasks;")
	}
	return bw.Flush()
}

func listSep(i, n int) string {
	if i < n-1 {
		return ","
	}
	return ""
}

// cypherString quotes s as a Cypher string literal.
func cypherString(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '\'':
			b.WriteString(`\'`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

func cypherList(items []string) string {
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = cypherString(s)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

// joinAliases is how file formats without lists (GraphML, GEXF, CSV) carry
// a unit's aliases: joined with the enumeration comma Chinese text uses.
func joinAliases(aliases []string) string { return strings.Join(aliases, "、") }

// roleName is a role as the exports write it: the plans' own words.
func roleName(r graph.Role) string {
	if r == graph.RoleLead {
		return "主办"
	}
	return "协办"
}
