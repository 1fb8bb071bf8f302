package neo4jstore

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
)

// readStatements is every statement a read may send.
func readStatements() []string {
	out := []string{
		cypherJurisdictions, cypherReports, cypherPlans, cypherPlansOfYear, cypherPlansOfJurisdiction,
		cypherPlansOfJurisdictionYear, cypherSections, cypherPlansByID, cypherSectionsByID, cypherUnitsByID,
		cypherTasksByID, cypherFindUnit, cypherFindUnitIn, cypherUnitNames, cypherUnitNamesIn, cypherSuccessions,
		cypherUnitsExist, cypherJurisdictionExists, cypherJurisdictionPaths, cypherPlanExists,
		cypherPlanSectionExists, cypherDocumentExists, cypherTaskExists, cypherMetricExists, cypherMetrics,
		cypherWorkload, cypherWorkloadOfYear, cypherMaterialisedPairs, cypherMaterialisedPairsOfYear, cypherStats,
		cypherFormat, cypherVersion,
	}
	for _, set := range []map[pairKey]string{pairsStatements, partnersStatements, networkNodesStatements} {
		out = append(out, mapValues(set)...)
	}
	out = append(out, mapValues(unitCountsStatements)...)
	out = append(out, mapValues(taskPageStatements)...)
	out = append(out, mapValues(taskCountStatements)...)
	out = append(out, mapValues(targetStatements)...)
	out = append(out, mapValues(unitPageStatements)...)
	out = append(out, mapValues(unitCountStatements)...)
	return out
}

func mapValues[K comparable](m map[K]string) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// indexed is every (label, property) an index or constraint of the schema
// leads with after ns: what a read may seek by.
func indexed(t *testing.T) map[string]bool {
	t.Helper()
	on := regexp.MustCompile(`FOR (?:\(n:(\w+)\)|\(\)-\[r:(\w+)\]-\(\)) (?:ON|REQUIRE) \(?(?:n|r)\.(\w+)(?:, (?:n|r)\.(\w+))?`)
	out := map[string]bool{}
	for _, st := range schemaStatements {
		if strings.Contains(st, "FULLTEXT") {
			continue // for people in Browser; no read seeks it
		}
		m := on.FindStringSubmatch(st)
		require.NotNil(t, m, st)
		label := m[1] + m[2]
		if m[3] == "ns" && m[4] != "" {
			out[label+"."+m[4]] = true
		} else {
			out[label+"."+m[3]] = true
		}
	}
	return out
}

// seekStart matches the first clause of a read: a MATCH on a label with
// (ns and) a property in a map or in WHERE, possibly after an UNWIND, or a
// RETURN of COUNT subqueries that start so, or a CO_OWNS edge by its
// properties.
var (
	seekInMap   = regexp.MustCompile(`^(?:UNWIND \$\w+ AS \w+\s+)?(?:OPTIONAL )?MATCH \((?:\w+)?:(\w+) \{ns: \$ns(?:, (\w+): [^}]+)?\}\)`)
	seekInWhere = regexp.MustCompile(`^MATCH \((\w+):(\w+)\)\s+WHERE (\w+)\.(?:ns = \$ns AND \w+\.(\w+) IS NOT NULL|text CONTAINS \$text AND \w+\.ns = \$ns)`)
	seekCount   = regexp.MustCompile(`^RETURN COUNT \{ MATCH \(\w*:(\w+) \{ns: \$ns, (\w+): `)
	seekEdge    = regexp.MustCompile(`^MATCH \(a:Unit\)-\[c:CO_OWNS\]->\(b:Unit\)\s+WHERE c\.ns = \$ns AND c\.(year|weight) `)
)

func TestEveryReadStartsFromAnIndexSeek(t *testing.T) {
	seekable := indexed(t)
	seekable["Meta.ns"] = true // unique on ns alone
	for _, st := range readStatements() {
		text := strings.TrimSpace(st)
		var label, prop string
		switch {
		case seekInMap.MatchString(text):
			m := seekInMap.FindStringSubmatch(text)
			label, prop = m[1], cmpOr(m[2], "ns")
		case seekInWhere.MatchString(text):
			m := seekInWhere.FindStringSubmatch(text)
			label, prop = m[2], cmpOr(m[4], "text")
		case seekCount.MatchString(text):
			m := seekCount.FindStringSubmatch(text)
			label, prop = m[1], m[2]
		case seekEdge.MatchString(text):
			label, prop = "CO_OWNS", "weight"
			if seekEdge.FindStringSubmatch(text)[1] == "year" {
				prop = "year"
			}
		default:
			t.Errorf("read does not start with an index seek:\n%s", text)
			continue
		}
		require.True(t, seekable[label+"."+prop], "no index leads with %s.%s (after ns) for:\n%s", label, prop, text)
		for _, optional := range []string{"= 0 OR", "= '' OR", "$collective OR", "size($any) = 0"} {
			require.NotContains(t, text, optional, "an optional filter is a statement of its own")
		}
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func TestTaskStatementStartsFromTheMostSelectiveFilter(t *testing.T) {
	for _, tc := range []struct {
		f     graph.TaskFilter
		start string
	}{
		{graph.TaskFilter{}, "MATCH (t:Task) WHERE t.ns = $ns AND t.id IS NOT NULL"},
		{graph.TaskFilter{Year: 2026}, "MATCH (t:Task {ns: $ns, year: $year})"},
		{graph.TaskFilter{Jurisdiction: "南京市"}, "MATCH (t:Task {ns: $ns, jurisdiction: $jurisdiction}) WHERE t.year IS NOT NULL"},
		{graph.TaskFilter{Jurisdiction: "南京市", Year: 2026}, "MATCH (t:Task {ns: $ns, jurisdiction: $jurisdiction, year: $year})"},
		{graph.TaskFilter{PlanID: "p", Year: 2026}, "MATCH (t:Task {ns: $ns, planId: $planId})\nWITH t\nWHERE t.year = $year"},
		{graph.TaskFilter{SectionID: "s", PlanID: "p"}, "MATCH (:Section {ns: $ns, id: $sectionId})-[:HAS_TASK]->(t:Task)\nWITH t\nWHERE t.planId = $planId"},
		{graph.TaskFilter{Text: "数据"}, "MATCH (t:Task) WHERE t.text CONTAINS $text AND t.ns = $ns"},
		{graph.TaskFilter{UnitIDs: []string{"u"}, Year: 2026}, "UNWIND $any AS unitId\nMATCH (:Unit {ns: $ns, id: unitId})"},
		{graph.TaskFilter{AllUnitIDs: []string{"a", "b"}}, "MATCH (:Unit {ns: $ns, id: $all[0]})"},
	} {
		page := taskPageStatements[taskKeyOf(tc.f)]
		require.True(t, strings.HasPrefix(page, tc.start), "%+v starts:\n%s", tc.f, page)
		require.Contains(t, page, "SKIP $offset LIMIT $limit", "the page is cut where the rows are")
		count := taskCountStatements[taskKeyOf(tc.f)]
		require.True(t, strings.HasPrefix(count, tc.start))
		require.True(t, strings.HasSuffix(count, "RETURN count(t) AS total"))
	}
	unit := taskPageStatements[taskKeyOf(graph.TaskFilter{UnitIDs: []string{"u"}, Year: 2026, Text: "x"})]
	require.Contains(t, unit, "WITH DISTINCT t\nWHERE t.year = $year\n  AND t.text CONTAINS $text")
}

func TestTargetStatementStartsFromTheMostSelectiveFilter(t *testing.T) {
	for _, tc := range []struct {
		f     graph.TargetFilter
		start string
	}{
		{graph.TargetFilter{}, "MATCH (g:Target) WHERE g.ns = $ns AND g.id IS NOT NULL"},
		{graph.TargetFilter{Year: 2026, Jurisdiction: "南京市"}, "MATCH (g:Target {ns: $ns, year: $year})\nWITH g\nWHERE g.jurisdiction = $jurisdiction"},
		{graph.TargetFilter{Metric: "地区生产总值", Year: 2026}, "MATCH (g:Target {ns: $ns, metric: $metric})\nWITH g\nWHERE g.year = $year"},
		{graph.TargetFilter{DocumentID: "d", Metric: "m"}, "MATCH (g:Target {ns: $ns, documentId: $documentId})\nWITH g\nWHERE g.metric = $metric"},
		{graph.TargetFilter{TaskID: "t"}, "MATCH (:Task {ns: $ns, id: $taskId})-[:HAS_TARGET]->(g:Target)"},
	} {
		require.True(t, strings.HasPrefix(targetStatements[targetKeyOf(tc.f)], tc.start), "%+v:\n%s", tc.f, targetStatements[targetKeyOf(tc.f)])
	}
}

func TestPagesCountOnlyWhenThePageDoesNotTell(t *testing.T) {
	key := taskKeyOf(graph.TaskFilter{Year: 2026})
	row := record("t", map[string]any{"id": "t1", "year": int64(2026)})
	for _, tc := range []struct {
		page    graph.Page
		rows    int
		counted bool
		limit   int
	}{
		{graph.Page{}, 2, false, noLimit},
		{graph.Page{Limit: 5}, 2, false, 5},
		{graph.Page{Limit: 2}, 2, true, 2},
		{graph.Page{Offset: 9, Limit: 2}, 0, true, 2},
		{graph.Page{Offset: 4, Limit: 5}, 2, false, 5},
	} {
		s, rec := scriptedStore(t, map[string][]*neo4j.Record{
			taskPageStatements[key]:  slices.Repeat([]*neo4j.Record{row}, tc.rows),
			taskCountStatements[key]: {record("total", int64(42))},
		})
		page, err := s.Tasks(t.Context(), graph.TaskFilter{Year: 2026}, tc.page)
		require.NoError(t, err)
		require.Len(t, page.Tasks, tc.rows)
		require.Equal(t, tc.counted, len(rec.sent(taskCountStatements[key])) == 1, "%+v", tc.page)
		if !tc.counted {
			require.Equal(t, tc.page.Offset+tc.rows, page.Total)
		} else {
			require.Equal(t, 42, page.Total)
		}
		sent := rec.sent(taskPageStatements[key])[0]
		require.Equal(t, tc.page.Offset, sent["offset"])
		require.Equal(t, tc.limit, sent["limit"])
	}
}

func TestUnitWorkloadsSendsTheNetworksNodeStatementAlone(t *testing.T) {
	ctx := t.Context()
	s, rec := recordingStore(t, 0)
	_, err := s.UnitWorkloads(ctx, graph.CoOwnershipFilter{UnitID: "unit:南京市:市发改委"})
	require.ErrorIs(t, err, graph.ErrInvalid, "a neighbourhood is a network's")
	_, err = s.UnitWorkloads(ctx, graph.CoOwnershipFilter{Year: 26})
	require.ErrorIs(t, err, graph.ErrInvalid)
	require.Empty(t, rec.statements, "arguments are checked before any query")

	f := graph.CoOwnershipFilter{Year: 2026, Roles: []graph.Role{graph.RoleLead}}
	nodes, err := s.UnitWorkloads(ctx, f)
	require.NoError(t, err)
	require.Empty(t, nodes)
	require.Equal(t, []string{networkNodesStatements[pairKeyOf(f)]}, statementOrder(rec), "no pair is counted")
	require.Zero(t, rec.writes)
}
