package neo4jstore

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/storetest"
)

// The maps below have the shapes the driver returns for `n {.*}`: integers
// as int64, lists as []any.

func TestToUnitSortsAliasesAndKeepsEmptyListsNil(t *testing.T) {
	u := toUnit(props{
		"ns": "", "id": "unit:南京市:市文化和旅游局", "name": "市文旅局", "nameYear": int64(2026),
		"aliases": []any{"市文化旅游局", "市文化和旅游局"}, "kind": "department", "jurisdiction": "南京市",
	})
	require.Equal(t, graph.Unit{
		ID: "unit:南京市:市文化和旅游局", Name: "市文旅局", NameYear: 2026,
		Aliases: []string{"市文化和旅游局", "市文化旅游局"}, Kind: graph.KindDepartment, Jurisdiction: "南京市",
	}, u, "aliases in byte order, as the embedded store returns them")

	u = toUnit(props{"id": "x", "aliases": []any{}})
	require.Nil(t, u.Aliases)
}

func TestToReport(t *testing.T) {
	r := toReport(props{
		"id": "report:南京市:2026", "jurisdiction": "南京市", "year": int64(2026), "session": "s",
		"title": "t", "date": "2026-01-20", "file": "f", "loaded": true,
	})
	require.Equal(t, graph.Report{
		ID: "report:南京市:2026", Jurisdiction: "南京市", Year: 2026, Session: "s", Title: "t",
		Date: "2026-01-20", File: "f", Loaded: true,
	}, r)
}

func TestToTargetReadsWhatTargetRowsWrite(t *testing.T) {
	for _, g := range append(storetest.Nanjing2026().Targets, storetest.ReportTargets()...) {
		row := targetRows([]graph.Target{g})[0]
		stored := props{"id": row["id"]}
		for k, v := range row["props"].(map[string]any) {
			switch x := v.(type) {
			case nil: // Neo4j stores no property for null
			case int: // the driver reads integers back as int64
				stored[k] = int64(x)
			default:
				stored[k] = x
			}
		}
		require.Equal(t, g, toTarget(stored), g.ID)
	}
	three := 3.0
	require.Equal(t, &three, toTarget(props{"value": int64(3)}).Value, "a whole number another client stored")
}

func TestToTaskKeepsClauseOrder(t *testing.T) {
	task := toTask(props{
		"id": "t", "planId": "p", "sectionId": "s", "jurisdiction": "南京市", "year": int64(2026),
		"number": int64(3), "text": "x", "line": int64(40), "leads": []any{"b", "a"}, "cooperators": []any{},
	})
	require.Equal(t, graph.Task{
		ID: "t", PlanID: "p", SectionID: "s", Jurisdiction: "南京市", Year: 2026, Number: 3, Text: "x", Line: 40,
		Leads: []string{"b", "a"},
	}, task)
}

func TestNormalizeNameMatchesTheCypherFragment(t *testing.T) {
	require.Equal(t, "高新区(鼓楼)管委会", normalizeName(" 高新区（鼓楼）管委会 "))
	require.Equal(t, "[x]", normalizeName("［x］"))
	for _, pair := range [][2]string{{"（", "("}, {"）", ")"}, {"［", "["}, {"］", "]"}} {
		require.Contains(t, normalized, "'"+pair[0]+"', '"+pair[1]+"'", "Cypher folds %s too", pair[0])
	}
}
