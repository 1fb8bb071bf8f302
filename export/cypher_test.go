package export_test

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/export"
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/internal/cypherlint"
)

// The Cypher export is checked by reading it as Neo4j would, without a
// server: the script is split into statements on semicolons (as Browser
// and cypher-shell do, and as a careless client would), each statement's
// UNWIND list is parsed as Cypher literals, the statement's text must be
// one of the three the export writes, and that statement's MERGE and SET
// are applied to an in-memory graph. TestLiveCypherImport runs the same
// scripts on a real Neo4j when NEO4J_URI is set.

// Statements the export writes, word for word after their UNWIND list.
const (
	cypherConstraint = "CREATE CONSTRAINT network_unit_id IF NOT EXISTS FOR (u:NetworkUnit) REQUIRE u.id IS UNIQUE"
	cypherUnits      = "MERGE (u:NetworkUnit {id: row.id})\n" +
		"SET u.name = row.name, u.kind = row.kind, u.jurisdiction = row.jurisdiction, u.aliases = row.aliases"
	cypherPairs = "MATCH (a:NetworkUnit {id: row.a})\n" +
		"MATCH (b:NetworkUnit {id: row.b})\n" +
		"MERGE (a)-[r:CO_OWNS {year: row.year}]->(b)\n" +
		"SET r.sharedTasks = row.sharedTasks"
)

var cypherWorkloads = regexp.MustCompile(`^MATCH \(u:NetworkUnit \{id: row\.id\}\)\n` +
	`SET u\.lead_(\d{4}) = row\.lead, u\.cooperate_(\d{4}) = row\.cooperate, u\.workload_(\d{4}) = row\.workload$`)

// coOwns is a CO_OWNS relationship's MERGE key: its ends and its year.
type coOwns struct {
	A, B string
	Year int64
}

// importedGraph is what a Neo4j database holds after running export
// scripts: :NetworkUnit nodes by id with their properties, and CO_OWNS
// relationships by key with their sharedTasks.
type importedGraph struct {
	units       map[string]map[string]any
	coOwns      map[coOwns]int64
	constrained bool
}

func newImportedGraph() *importedGraph {
	return &importedGraph{units: map[string]map[string]any{}, coOwns: map[coOwns]int64{}}
}

// cypherStatements splits a script as Neo4j Browser does: comment lines
// dropped, one statement per semicolon. Every statement must end a line.
func cypherStatements(t *testing.T, script string) []string {
	t.Helper()
	require.True(t, strings.HasSuffix(script, ";\n"), "the script ends with a statement")
	var code strings.Builder
	for line := range strings.Lines(script) {
		if strings.HasPrefix(line, "//") {
			require.NotContains(t, line, ";", "a comment holds no semicolon")
			continue
		}
		code.WriteString(line)
	}
	parts := strings.Split(code.String(), ";")
	require.Equal(t, "\n", parts[len(parts)-1], "nothing follows the last statement")
	statements := parts[:len(parts)-1]
	for i, st := range statements {
		if i > 0 {
			require.True(t, strings.HasPrefix(st, "\n"), "statement %d starts on a line of its own", i)
		}
		statements[i] = strings.TrimPrefix(st, "\n")
		require.NotEmpty(t, strings.TrimSpace(statements[i]), "statement %d is empty", i)
	}
	return statements
}

// run applies the script to g, failing on any statement the export does not
// write.
func (g *importedGraph) run(t *testing.T, script string) {
	t.Helper()
	for _, st := range cypherStatements(t, script) {
		g.apply(t, st)
	}
}

func (g *importedGraph) apply(t *testing.T, st string) {
	t.Helper()
	if st == cypherConstraint {
		g.constrained = true
		return
	}
	require.True(t, g.constrained, "the constraint comes before the writes, in a statement of its own")
	rest, ok := strings.CutPrefix(st, "UNWIND ")
	require.True(t, ok, "statement %q", st)
	p := &literalParser{t: t, s: rest}
	rows := p.value().([]any)
	body, ok := strings.CutPrefix(p.s[p.i:], " AS row\n")
	require.True(t, ok, "statement %q", st)

	switch {
	case body == cypherUnits:
		for _, r := range rows {
			row := r.(map[string]any)
			id := row["id"].(string)
			if g.units[id] == nil {
				g.units[id] = map[string]any{"id": id}
			}
			for _, k := range []string{"name", "kind", "jurisdiction", "aliases"} {
				g.units[id][k] = row[k]
			}
		}
	case body == cypherPairs:
		for _, r := range rows {
			row := r.(map[string]any)
			a, b := row["a"].(string), row["b"].(string)
			if g.units[a] == nil || g.units[b] == nil {
				continue // MATCH finds nothing: no relationship
			}
			g.coOwns[coOwns{a, b, row["year"].(int64)}] = row["sharedTasks"].(int64)
		}
	case cypherWorkloads.MatchString(body):
		m := cypherWorkloads.FindStringSubmatch(body)
		require.True(t, m[1] == m[2] && m[2] == m[3], "one year per workload statement: %q", body)
		for _, r := range rows {
			row := r.(map[string]any)
			u := g.units[row["id"].(string)]
			if u == nil {
				continue
			}
			for _, k := range []string{"lead", "cooperate", "workload"} {
				u[k+"_"+m[1]] = row[k]
			}
		}
	default:
		t.Fatalf("not a statement the export writes:\n%s", body)
	}
}

var mapKey = regexp.MustCompile(`^[a-zA-Z]+$`)

// literalParser reads Cypher literals: strings (with every escape Cypher
// has), integers, lists and maps.
type literalParser struct {
	t *testing.T
	s string
	i int
}

func (p *literalParser) skipSpace() {
	for p.i < len(p.s) && strings.ContainsRune(" \n\t", rune(p.s[p.i])) {
		p.i++
	}
}

func (p *literalParser) expect(c byte) {
	p.t.Helper()
	p.skipSpace()
	if p.i >= len(p.s) || p.s[p.i] != c {
		p.t.Fatalf("want %q at %d of %q", c, p.i, p.s)
	}
	p.i++
}

func (p *literalParser) value() any {
	p.t.Helper()
	p.skipSpace()
	if p.i >= len(p.s) {
		p.t.Fatal("want a value, the statement ended")
	}
	switch c := p.s[p.i]; {
	case c == '\'':
		return p.str()
	case c == '[':
		p.i++
		list := []any{}
		for p.skipSpace(); p.s[p.i] != ']'; p.skipSpace() {
			if len(list) > 0 {
				p.expect(',')
			}
			list = append(list, p.value())
		}
		p.i++
		return list
	case c == '{':
		p.i++
		m := map[string]any{}
		for p.skipSpace(); p.s[p.i] != '}'; p.skipSpace() {
			if len(m) > 0 {
				p.expect(',')
				p.skipSpace()
			}
			end := strings.IndexByte(p.s[p.i:], ':')
			key := p.s[p.i : p.i+max(end, 0)]
			if !mapKey.MatchString(key) {
				p.t.Fatalf("want a map key at %d of %q", p.i, p.s)
			}
			p.i += end + 1
			m[key] = p.value()
		}
		p.i++
		return m
	default:
		end := p.i
		for end < len(p.s) && (p.s[end] == '-' || p.s[end] >= '0' && p.s[end] <= '9') {
			end++
		}
		n, err := strconv.ParseInt(p.s[p.i:end], 10, 64)
		if err != nil {
			p.t.Fatalf("want a value at %d of %q: %v", p.i, p.s, err)
		}
		p.i = end
		return n
	}
}

// str reads a single-quoted string, failing on anything Cypher would not
// read as the export means it.
func (p *literalParser) str() string {
	p.t.Helper()
	p.i++ // the opening quote
	var b strings.Builder
	for {
		plain := strings.IndexAny(p.s[p.i:], "'\\\n\r;")
		if plain < 0 {
			p.t.Fatalf("unterminated string at %d", p.i)
		}
		b.WriteString(p.s[p.i : p.i+plain])
		p.i += plain
		c := p.s[p.i]
		switch c {
		case '\'':
			p.i++
			return b.String()
		case '\n', '\r', ';':
			p.t.Fatalf("raw %q inside a string literal", c)
		case '\\':
			p.i++
			esc := p.s[p.i]
			p.i++
			switch esc {
			case '\\', '\'', '"':
				b.WriteByte(esc)
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'u', 'U':
				digits := map[byte]int{'u': 4, 'U': 8}[esc]
				r, err := strconv.ParseUint(p.s[p.i:p.i+digits], 16, 32)
				if err != nil {
					p.t.Fatalf("escape at %d of %q: %v", p.i, p.s, err)
				}
				b.WriteRune(rune(r))
				p.i += digits
			default:
				p.t.Fatalf("no Cypher escape \\%c", esc)
			}
		}
	}
}

func cypherScript(t *testing.T, n export.Network) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, export.WriteCypher(&b, n))
	require.True(t, utf8.Valid(b.Bytes()))
	return b.String()
}

func loadNetwork(t *testing.T, s graph.Store, q export.NetworkQuery) export.Network {
	t.Helper()
	q.ByYear = true
	n, err := export.LoadNetwork(context.Background(), duty.New(s).View(), q)
	require.NoError(t, err)
	return n
}

// planYears are the years of the seeds' plans.
func planYears(t *testing.T, s graph.Store) []int {
	t.Helper()
	plans, err := s.Plans(context.Background(), graph.PlanFilter{})
	require.NoError(t, err)
	var years []int
	for _, p := range plans {
		years = append(years, p.Year)
	}
	slices.Sort(years)
	return slices.Compact(years)
}

// TestCypherMatchesStoreNetwork imports each test filter's script and finds
// in it, year by year, the store's network under that filter and year.
func TestCypherMatchesStoreNetwork(t *testing.T) {
	s := seededStore(t)
	for _, tc := range networkCases {
		t.Run(tc.name, func(t *testing.T) {
			n := loadNetwork(t, s, tc.query)
			g := newImportedGraph()
			g.run(t, cypherScript(t, n))
			require.Len(t, g.units, len(n.Nodes))

			wantPairs := map[coOwns]int64{}
			var years []int
			for _, year := range planYears(t, s) {
				if tc.want.Year != 0 && year != tc.want.Year {
					continue
				}
				f := tc.want
				f.Year = year
				yn, err := s.Network(context.Background(), f, tc.query.MinShared)
				require.NoError(t, err)
				if len(yn.Nodes) == 0 {
					continue
				}
				years = append(years, year)
				for _, node := range yn.Nodes {
					u := g.units[node.UnitID]
					require.NotNil(t, u, "unit %s of %d", node.UnitID, year)
					y := strconv.Itoa(year)
					require.Equal(t, []any{int64(node.Lead), int64(node.Cooperate), int64(node.Lead + node.Cooperate)},
						[]any{u["lead_"+y], u["cooperate_"+y], u["workload_"+y]}, "unit %s in %d", node.UnitID, year)
				}
				for _, e := range yn.Edges {
					wantPairs[coOwns{e.A, e.B, int64(year)}] = int64(e.Shared)
				}
			}
			require.NotEmpty(t, years)
			require.Equal(t, wantPairs, g.coOwns)

			if tc.query.MinShared == 1 {
				// Every task is in one plan year, so a pair's weights over
				// the years add up to its weight in the whole network.
				total := map[[2]string]int64{}
				for k, w := range g.coOwns {
					total[[2]string{k.A, k.B}] += w
				}
				require.Len(t, total, len(n.Edges))
				for _, e := range n.Edges {
					require.Equal(t, int64(e.Shared), total[[2]string{e.A, e.B}], "%s–%s", e.A, e.B)
				}
			}
		})
	}
}

// TestCypherImportKeepsYearsApart is the bug this export had: importing
// 2025 then 2026 into one database kept only 2026's weights. Now each year
// keeps its own, a script run twice changes nothing, and the script of all
// years builds the same graph as the scripts of each year.
func TestCypherImportKeepsYearsApart(t *testing.T) {
	s := seededStore(t)
	years := planYears(t, s)
	require.GreaterOrEqual(t, len(years), 2)

	each := newImportedGraph()
	scripts := map[int]string{}
	for _, year := range years {
		scripts[year] = cypherScript(t, loadNetwork(t, s, export.NetworkQuery{Year: year, MinShared: 1}))
		each.run(t, scripts[year])
	}
	for _, year := range years {
		n := loadNetwork(t, s, export.NetworkQuery{Year: year, MinShared: 1})
		require.Len(t, n.Years, 1)
		for _, e := range n.Edges {
			require.Equal(t, int64(e.Shared), each.coOwns[coOwns{e.A, e.B, int64(year)}], "%s–%s in %d", e.A, e.B, year)
		}
	}

	// The top pair shares tasks in several years, each weight kept apart.
	fagai, gongxin := unitID(t, s, "市发改委"), unitID(t, s, "市工信局")
	a, b := min(fagai, gongxin), max(fagai, gongxin)
	var weights []int64
	for _, year := range years {
		if w, ok := each.coOwns[coOwns{a, b, int64(year)}]; ok {
			weights = append(weights, w)
		}
	}
	require.GreaterOrEqual(t, len(weights), 2, "市发改委–市工信局 share tasks in several years")

	before := each.clone()
	each.run(t, scripts[years[0]])
	require.Equal(t, before, each, "running a year's script again changes nothing")

	all := newImportedGraph()
	all.run(t, cypherScript(t, loadNetwork(t, s, export.NetworkQuery{MinShared: 1})))
	require.Equal(t, each, all, "the script of all years is the scripts of each year")
}

func (g *importedGraph) clone() *importedGraph {
	c := newImportedGraph()
	c.constrained = g.constrained
	for id, props := range g.units {
		c.units[id] = maps.Clone(props)
	}
	maps.Copy(c.coOwns, g.coOwns)
	return c
}

// TestCypherHostileNames checks that no unit name, alias or ID can end a
// string, a statement or a comment early: each comes back exactly as it
// went in, and the script has one semicolon per statement.
func TestCypherHostileNames(t *testing.T) {
	n := hostileNetwork()
	script := cypherScript(t, n)
	statements := cypherStatements(t, script)
	require.Equal(t, len(statements), strings.Count(script, ";"), "a semicolon ends a statement and does nothing else")

	g := newImportedGraph()
	g.run(t, script)
	require.Len(t, g.units, len(n.Nodes))
	for _, node := range n.Nodes {
		u := g.units[node.Unit.ID]
		require.NotNil(t, u, "unit %q", node.Unit.ID)
		require.Equal(t, node.Unit.Name, u["name"])
		aliases := make([]any, len(node.Unit.Aliases))
		for i, a := range node.Unit.Aliases {
			aliases[i] = a
		}
		require.Equal(t, aliases, u["aliases"])
	}
	pairs := 0
	for _, y := range n.Years {
		for _, e := range y.Edges {
			require.Equal(t, int64(e.Shared), g.coOwns[coOwns{e.A, e.B, int64(y.Year)}])
			pairs++
		}
	}
	require.Len(t, g.coOwns, pairs)
}

// TestCypherLint hands the scripts of the seeds' whole network and of the
// hostile names to Neo4j's own Cypher analysis: what a user pastes into
// Neo4j Browser parses there, whatever the names hold.
func TestCypherLint(t *testing.T) {
	everything := loadNetwork(t, seededStore(t), export.NetworkQuery{MinShared: 1})
	var statements []string
	for _, n := range []export.Network{everything, hostileNetwork()} {
		statements = append(statements, cypherStatements(t, cypherScript(t, n))...)
	}
	cypherlint.Check(t, statements)
}

func TestCypherStringEscapes(t *testing.T) {
	n := export.Network{Nodes: []export.Node{{Unit: graph.Unit{ID: "u", Name: "a\xffb\x00c;\u2028"}}}}
	script := cypherScript(t, n)
	require.Contains(t, script, `name: 'a\uFFFDb\u0000c\u003B\u2028'`)
	g := newImportedGraph()
	g.run(t, script)
	require.Equal(t, "a\uFFFDb\x00c;\u2028", g.units["u"]["name"])
}

// TestCypherStatementsBounded writes a network far larger than a statement
// holds: each statement keeps to 500 rows and 64 KiB, and together they
// import every unit and pair.
func TestCypherStatementsBounded(t *testing.T) {
	const units, years = 1500, 2
	n := export.Network{Query: export.NetworkQuery{MinShared: 1}}
	for i := range units {
		aliases := make([]string, i%7)
		for j := range aliases {
			aliases[j] = strings.Repeat("别名", 1+(i*j)%40)
		}
		n.Nodes = append(n.Nodes, export.Node{
			Unit: graph.Unit{ID: fmt.Sprintf("unit:测试:%05d", i), Name: fmt.Sprintf("单位%d", i), Kind: graph.KindDepartment, Aliases: aliases},
			Lead: i % 5, Cooperate: i % 3,
		})
	}
	for y := range years {
		yn := export.YearNetwork{Year: 2025 + y, Nodes: n.Nodes}
		for i := 0; i+1 < units; i++ {
			for _, d := range []int{1, 2, 3} {
				if i+d < units {
					yn.Edges = append(yn.Edges, export.Edge{A: n.Nodes[i].Unit.ID, B: n.Nodes[i+d].Unit.ID, Shared: 1 + (i+d+y)%9})
				}
			}
		}
		n.Years = append(n.Years, yn)
	}

	script := cypherScript(t, n)
	fullRows, fullBytes := false, false
	for _, st := range cypherStatements(t, script) {
		size, rows := len(st)+len(";\n"), strings.Count(st, "\n  {")
		require.LessOrEqual(t, size, 64<<10, "statement of %d bytes", size)
		require.LessOrEqual(t, rows, 500)
		fullRows = fullRows || rows == 500
		fullBytes = fullBytes || size > 60<<10
	}
	require.True(t, fullRows && fullBytes, "the network fills statements to both limits")
	g := newImportedGraph()
	g.run(t, script)
	require.Len(t, g.units, units)
	pairs := 0
	for _, y := range n.Years {
		pairs += len(y.Edges)
	}
	require.Len(t, g.coOwns, pairs)
	for _, u := range g.units {
		require.Contains(t, u, "workload_2026")
	}
}
