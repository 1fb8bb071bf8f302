package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/export"
)

// csvTable reads a CSV export: its header and rows.
func csvTable(t *testing.T, body []byte) (header []string, rows [][]string) {
	t.Helper()
	require.False(t, bytes.HasPrefix(body, []byte("\uFEFF")), "no byte order mark for dashboards")
	records, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, records)
	return records[0], records[1:]
}

// jsonKeys reads a JSON array of objects, keeping each object's keys in
// their order.
func jsonKeys(t *testing.T, body []byte) (keys [][]string, rows []map[string]any) {
	t.Helper()
	require.NoError(t, json.Unmarshal(body, &rows))
	dec := json.NewDecoder(bytes.NewReader(body))
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch tok {
		case json.Delim('{'):
			depth++
			keys = append(keys, nil)
		case json.Delim('}'):
			depth--
		default:
			if s, ok := tok.(string); ok && depth == 1 && dec.More() {
				keys[len(keys)-1] = append(keys[len(keys)-1], s)
				var skip any
				require.NoError(t, dec.Decode(&skip))
			}
		}
	}
	return keys, rows
}

// TestTablesHaveTheirColumnsInOrder pins every table's header, in CSV and
// JSON alike, with its content type and file name.
func TestTablesHaveTheirColumnsInOrder(t *testing.T) {
	srv := exportServer(t)
	for _, tc := range []struct {
		path     string
		columns  []string
		filename string
	}{
		{"/export/units.%s?jurisdiction=鼓楼&year=2026", export.UnitColumns, "units-南京市-鼓楼区-2026"},
		{"/export/pairs.%s?jurisdiction=鼓楼&year=2026", export.PairColumns, "pairs-南京市-鼓楼区-2026"},
		{"/export/tasks.%s?jurisdiction=鼓楼&year=2026", export.TaskColumns, "tasks-南京市-鼓楼区-2026"},
	} {
		for _, format := range []string{"csv", "json"} {
			path := strings.Replace(tc.path, "%s", format, 1)
			t.Run(path, func(t *testing.T) {
				res, body := fetch(t, srv, path)
				require.Equal(t, http.StatusOK, res.StatusCode, string(body))
				require.Contains(t, res.Header.Get("Content-Disposition"), "filename*=UTF-8''"+url.PathEscape(tc.filename+"."+format))
				if format == "csv" {
					require.Equal(t, "text/csv; charset=utf-8", res.Header.Get("Content-Type"))
					header, rows := csvTable(t, body)
					require.Equal(t, tc.columns, header)
					require.NotEmpty(t, rows)
					return
				}
				require.Equal(t, "application/json", res.Header.Get("Content-Type"))
				keys, rows := jsonKeys(t, body)
				require.NotEmpty(t, rows)
				for _, k := range keys {
					require.Equal(t, tc.columns, k, "every object's keys in column order")
				}
			})
		}
	}
	require.Equal(t, []string{"rank", "id", "name", "jurisdiction", "kind", "lead", "cooperate", "total"}, export.UnitColumns,
		"the README documents this order; add columns at the end only")
	require.Equal(t, []string{"source", "sourceName", "sourceJurisdiction", "target", "targetName", "targetJurisdiction", "sharedTasks"}, export.PairColumns)
	require.Equal(t, []string{"taskId", "year", "jurisdiction", "planId", "number", "section", "unitId", "unit", "unitJurisdiction",
		"role", "deadline", "due", "text"}, export.TaskColumns)
}

// TestTablesAgreeWithTheAPI: the units table is the workload ranking, the
// pairs table the network's edges, and the tasks table has a row for each
// task a unit's workload counts.
func TestTablesAgreeWithTheAPI(t *testing.T) {
	ctx := context.Background()
	srv := exportServer(t)
	v := duty.New(seededStore(t)).View()
	q := duty.CoOwnershipQuery{Year: 2026, Jurisdiction: "南京市"}
	ranking, err := v.WorkloadRanking(ctx, q, "", 0)
	require.NoError(t, err)
	f, err := v.CoOwnershipFilter(ctx, q, "")
	require.NoError(t, err)
	nw, err := v.Network(ctx, f, 2)
	require.NoError(t, err)

	_, units := jsonKeys(t, get(t, srv, "/export/units.json?jurisdiction=南京市&year=2026"))
	require.Len(t, units, len(ranking))
	tasksOf := map[string]int{}
	for i, r := range ranking {
		require.Equal(t, r.UnitID, units[i]["id"])
		require.EqualValues(t, r.Rank, units[i]["rank"])
		require.EqualValues(t, r.Lead+r.Cooperate, units[i]["total"])
		tasksOf[r.UnitID] = r.Lead + r.Cooperate
	}

	_, pairs := csvTable(t, get(t, srv, "/export/pairs.csv?jurisdiction=南京市&year=2026&minShared=2"))
	require.Len(t, pairs, len(nw.Edges))
	for i, e := range nw.Edges {
		require.Equal(t, []string{e.A, e.B, strconv.Itoa(e.Shared)}, []string{pairs[i][0], pairs[i][3], pairs[i][6]})
	}

	header, rows := csvTable(t, get(t, srv, "/export/tasks.csv?jurisdiction=南京市&year=2026"))
	unitID, role := slices.Index(header, "unitId"), slices.Index(header, "role")
	rowsOf := map[string]int{}
	for _, row := range rows {
		rowsOf[row[unitID]]++
		require.Contains(t, []string{"lead", "cooperator"}, row[role])
	}
	require.Equal(t, tasksOf, rowsOf, "a row per task and unit: as many as the unit's workload")

	_, leads := csvTable(t, get(t, srv, "/export/tasks.csv?jurisdiction=南京市&year=2026&roles=lead"))
	for _, row := range leads {
		require.Equal(t, "lead", row[role])
	}
	_, withPlaceholders := csvTable(t, get(t, srv, "/export/tasks.csv?jurisdiction=南京市&year=2026&includeCollective=true"))
	require.Greater(t, len(withPlaceholders), len(rows), "placeholders (各区政府) when asked for")
}

// TestNetworkJSON: the network as one object of its nodes and edges.
func TestNetworkJSON(t *testing.T) {
	srv := exportServer(t)
	res, body := fetch(t, srv, "/export/network.json?jurisdiction=鼓楼区&year=2026&minShared=2")
	require.Equal(t, http.StatusOK, res.StatusCode, string(body))
	require.Equal(t, "application/json", res.Header.Get("Content-Type"))
	var n struct{ Nodes, Edges []map[string]any }
	require.NoError(t, json.Unmarshal(body, &n))
	require.NotEmpty(t, n.Nodes)
	ids := map[any]bool{}
	for _, node := range n.Nodes {
		require.Len(t, node, len(export.NodeColumns))
		ids[node["id"]] = true
	}
	for _, e := range n.Edges {
		require.Len(t, e, len(export.PairColumns))
		require.True(t, ids[e["source"]] && ids[e["target"]], "edges join nodes")
		require.GreaterOrEqual(t, e["sharedTasks"], 2.0)
	}
}

func TestTableErrors(t *testing.T) {
	srv := exportServer(t)
	for _, tc := range []struct {
		path   string
		status int
		msg    string
	}{
		{"/export/units.xlsx", http.StatusNotFound, `units format "xlsx": want csv, json`},
		{"/export/network.csv", http.StatusNotFound, "/export/units.csv (its nodes) and /export/pairs.csv (its edges)"},
		{"/export/units.csv?minShared=2", http.StatusBadRequest, `unknown parameter "minShared"`},
		{"/export/tasks.json?year=2019", http.StatusBadRequest, "loaded years: 2021, 2025, 2026"},
		{"/export/pairs.csv?jurisdiction=火星", http.StatusNotFound, `jurisdiction "火星" not found`},
		{"/export/tasks.csv?roles=owner", http.StatusBadRequest, `role "owner"`},
	} {
		t.Run(tc.path, func(t *testing.T) {
			res, body := fetch(t, srv, tc.path)
			require.Equal(t, tc.status, res.StatusCode, string(body))
			require.Contains(t, string(body), tc.msg)
		})
	}
}

// TestTableWritersEscape: a value with commas, quotes, line breaks or
// markup stays one cell, and a missing one is empty or null.
func TestTableWritersEscape(t *testing.T) {
	table := export.Table{Columns: []string{"a", "b", "c"}, Rows: [][]any{{`x,"y"` + "\nz", 7, nil}, {"</script>", 0, "ok"}}}
	var c, j bytes.Buffer
	require.NoError(t, export.WriteTableCSV(&c, table))
	require.NoError(t, export.WriteTableJSON(&j, table))
	records, err := csv.NewReader(&c).ReadAll()
	require.NoError(t, err)
	require.Equal(t, [][]string{{"a", "b", "c"}, {`x,"y"` + "\nz", "7", ""}, {"</script>", "0", "ok"}}, records)
	var rows []map[string]any
	require.NoError(t, json.Unmarshal(j.Bytes(), &rows))
	require.Equal(t, []map[string]any{{"a": `x,"y"` + "\nz", "b": 7.0, "c": nil}, {"a": "</script>", "b": 0.0, "c": "ok"}}, rows)
	require.NotContains(t, j.String(), "</script>", "markup is escaped in JSON")

	var empty bytes.Buffer
	require.NoError(t, export.WriteTableJSON(&empty, export.Table{Columns: []string{"a"}}))
	require.Equal(t, "[]\n", empty.String(), "no rows is an empty array, not null")
}

// get fetches path and requires a 200.
func get(t *testing.T, srv *httptest.Server, path string) []byte {
	t.Helper()
	res, body := fetch(t, srv, path)
	require.Equal(t, http.StatusOK, res.StatusCode, string(body))
	return body
}
