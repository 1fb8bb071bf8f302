package export

import (
	"bufio"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dutygraph/dutygraph/graph"
)

// Limits on one statement of the Cypher export. Each statement is a
// transaction of its own, and Neo4j Browser holds the whole script in its
// editor: statements of a bounded size keep every transaction small and
// every statement quick to parse and plan, however large the network.
const (
	cypherBatchRows  = 500
	cypherBatchBytes = 64 << 10 // a statement is longer only when one row alone is
)

// WriteCypher writes n as a Cypher script for Neo4j 5 (5.13+), to paste into
// Neo4j Browser or run with cypher-shell -f. Every statement ends with a
// semicolon at the end of a line, and no semicolon appears anywhere else
// (one inside a name is written as an escape), so any client that splits on
// semicolons splits it right. Each statement stands alone, in its own
// transaction: no :begin, no CALL … IN TRANSACTIONS, and the schema
// statement apart from the writes, as Browser requires.
//
// The script MERGEs (:NetworkUnit {id}) nodes with name, kind,
// jurisdiction and aliases, and for each plan year of n (n.Years):
// lead_YEAR, cooperate_YEAR and workload_YEAR on each unit with tasks that
// year, and [:CO_OWNS {year, sharedTasks}] from the unit with the smaller
// ID to the other, keyed on the year. So running it twice changes nothing,
// and the scripts of two years imported into one database keep both
// years' weights; running a year's script again under another filter
// updates the pairs it holds and leaves the others. Its own label keeps
// the network's filtered counts off the :Unit nodes of a dutygraph store in
// the same database; the IDs are the same, so the two can be joined.
func WriteCypher(w io.Writer, n Network) error {
	bw := bufio.NewWriter(w)
	pairs, years := 0, make([]string, len(n.Years))
	for i, y := range n.Years {
		pairs += len(y.Edges)
		years[i] = strconv.Itoa(y.Year)
	}
	fmt.Fprintf(bw, "// dutygraph co-ownership network: %s.\n", cypherComment(n.Query.String()))
	fmt.Fprintf(bw, "// %d units, %d CO_OWNS relationships (one per pair and plan year), plan years %s.\n", len(n.Nodes), pairs, strings.Join(years, ", "))
	fmt.Fprintln(bw, "// Paste into Neo4j Browser or run: cypher-shell -f FILE. Each statement is its own transaction.")
	fmt.Fprintln(bw, "CREATE CONSTRAINT network_unit_id IF NOT EXISTS FOR (u:NetworkUnit) REQUIRE u.id IS UNIQUE;")

	writeUnwind(bw, func(yield func(string) bool) {
		for _, node := range n.Nodes {
			u := node.Unit
			if !yield("{id: " + cypherString(u.ID) + ", name: " + cypherString(u.Name) + ", kind: " + cypherString(string(u.Kind)) +
				", jurisdiction: " + cypherString(u.Jurisdiction) + ", aliases: " + cypherList(u.Aliases) + "}") {
				return
			}
		}
	}, "MERGE (u:NetworkUnit {id: row.id})\n"+
		"SET u.name = row.name, u.kind = row.kind, u.jurisdiction = row.jurisdiction, u.aliases = row.aliases")

	for _, y := range n.Years {
		year := strconv.Itoa(y.Year)
		writeUnwind(bw, func(yield func(string) bool) {
			for _, node := range y.Nodes {
				if !yield(fmt.Sprintf("{id: %s, lead: %d, cooperate: %d, workload: %d}",
					cypherString(node.Unit.ID), node.Lead, node.Cooperate, node.Workload())) {
					return
				}
			}
		}, "MATCH (u:NetworkUnit {id: row.id})\n"+
			"SET u.lead_"+year+" = row.lead, u.cooperate_"+year+" = row.cooperate, u.workload_"+year+" = row.workload")
	}

	writeUnwind(bw, func(yield func(string) bool) {
		for _, y := range n.Years {
			for _, e := range y.Edges {
				if !yield(fmt.Sprintf("{a: %s, b: %s, year: %d, sharedTasks: %d}", cypherString(e.A), cypherString(e.B), y.Year, e.Shared)) {
					return
				}
			}
		}
	}, "MATCH (a:NetworkUnit {id: row.a})\n"+
		"MATCH (b:NetworkUnit {id: row.b})\n"+
		"MERGE (a)-[r:CO_OWNS {year: row.year}]->(b)\n"+
		"SET r.sharedTasks = row.sharedTasks")
	return bw.Flush()
}

// writeUnwind writes rows (Cypher map literals) as UNWIND statements ending
// in body, as many rows to a statement as the limits allow.
func writeUnwind(w *bufio.Writer, rows iter.Seq[string], body string) {
	const head, tail = "UNWIND [\n", "] AS row\n"
	budget := cypherBatchBytes - len(head) - len(tail) - len(body) - len(";\n")
	var batch []string
	size := 0
	flush := func() {
		if len(batch) == 0 {
			return
		}
		w.WriteString(head)
		for i, row := range batch {
			w.WriteString("  ")
			w.WriteString(row)
			if i < len(batch)-1 {
				w.WriteByte(',')
			}
			w.WriteByte('\n')
		}
		w.WriteString(tail)
		w.WriteString(body)
		w.WriteString(";\n")
		batch, size = batch[:0], 0
	}
	for row := range rows {
		rowSize := len("  ,\n") + len(row)
		if len(batch) == cypherBatchRows || len(batch) > 0 && size+rowSize > budget {
			flush()
		}
		batch = append(batch, row)
		size += rowSize
	}
	flush()
}

// cypherString quotes s as a Cypher string literal. Besides the quote and
// the backslash, it escapes what would let the literal be misread by a
// client that splits or strips the script without parsing it: semicolons
// (statement ends), line and paragraph breaks of any kind (a // comment's
// end), and every other control character. A byte that is not UTF-8 is
// written as U+FFFD.
func cypherString(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\'':
			b.WriteString(`\'`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == ';' || breaksLine(r) || r == utf8.RuneError:
			fmt.Fprintf(&b, `\u%04X`, r)
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

// cypherComment makes s safe on a // comment line: no line break ends the
// comment early, and no semicolon ends a statement.
func cypherComment(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == ';':
			return ','
		case breaksLine(r):
			return ' '
		}
		return r
	}, s)
}

// breaksLine tells the characters some reader may take for the end of a
// line, or that no reader should meet raw in a script: the C0 and C1
// control characters and Unicode's line and paragraph separators.
func breaksLine(r rune) bool {
	return r < 0x20 || r >= 0x7f && r <= 0x9f || r == '\u2028' || r == '\u2029'
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
