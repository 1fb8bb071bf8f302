package export_test

import (
	"encoding/xml"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/export"
)

func exportServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("GET /export/", export.Handler(duty.New(seededStore(t)), slog.New(slog.DiscardHandler)))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func fetch(t *testing.T, srv *httptest.Server, path string) (*http.Response, []byte) {
	t.Helper()
	u, err := url.Parse(srv.URL + path)
	require.NoError(t, err)
	u.RawQuery = u.Query().Encode() // the test writes Chinese unescaped
	res, err := http.Get(u.String())
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, body
}

func TestHandlerServesEveryFormat(t *testing.T) {
	srv := exportServer(t)
	cases := []struct {
		path, contentType, filename string
		check                       func(t *testing.T, body []byte)
	}{
		{"/export/network.graphml?jurisdiction=南京市/鼓楼区&year=2026", "application/graphml+xml", "co-ownership-南京市-鼓楼区-2026.graphml",
			func(t *testing.T, body []byte) {
				var g graphMLFile
				require.NoError(t, xml.Unmarshal(body, &g))
				require.NotEmpty(t, g.Graph.Nodes)
			}},
		{"/export/network.gexf?roles=lead,cooperator&minShared=2", "application/gexf+xml", "co-ownership.gexf",
			func(t *testing.T, body []byte) {
				var g gexfFile
				require.NoError(t, xml.Unmarshal(body, &g))
				require.Equal(t, "1.2", g.Version, "GEXF is 1.2 unless 1.3 is asked for")
				require.NotEmpty(t, g.Graph.Nodes.Nodes)
				for _, e := range g.Graph.Edges.Edges {
					require.GreaterOrEqual(t, e.Weight, 2.0)
				}
			}},
		{"/export/network.gexf13?year=2026", "application/gexf+xml", "co-ownership-2026.gexf",
			func(t *testing.T, body []byte) {
				var g gexfFile
				require.NoError(t, xml.Unmarshal(body, &g))
				require.Equal(t, "1.3", g.Version)
			}},
		{"/export/network.cypher?includeCollective=true", "application/x-cypher-query", "co-ownership.cypher",
			func(t *testing.T, body []byte) {
				require.Contains(t, string(body), "MERGE (u:NetworkUnit")
				require.Contains(t, string(body), "MERGE (a)-[r:CO_OWNS {year: row.year}]->(b)", "each year's pairs")
			}},
		{"/export/workload.xlsx?unit=市文化和旅游局", "spreadsheetml", "市文旅局-tasks.xlsx",
			func(t *testing.T, body []byte) {
				f, err := excelize.OpenReader(strings.NewReader(string(body)))
				require.NoError(t, err)
				defer f.Close()
				require.Equal(t, []string{"2026", "2021"}, f.GetSheetList())
			}},
		{"/export/workload.csv?unit=区应急局&jurisdiction=鼓楼区&year=2026&role=主办", "text/csv", "区应急局-tasks-2026.csv",
			func(t *testing.T, body []byte) {
				require.Len(t, strings.Split(strings.TrimSpace(string(body)), "\n"), 1+4)
			}},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			res, body := fetch(t, srv, tc.path)
			require.Equal(t, http.StatusOK, res.StatusCode, string(body))
			require.Contains(t, res.Header.Get("Content-Type"), tc.contentType)
			require.Contains(t, res.Header.Get("Content-Disposition"), "filename*=UTF-8''"+url.PathEscape(tc.filename))
			tc.check(t, body)
		})
	}
}

func TestHandlerErrors(t *testing.T) {
	srv := exportServer(t)
	cases := []struct {
		path   string
		status int
		msg    string
	}{
		{"/export/network.svg", http.StatusNotFound, `network format "svg": want graphml, gexf, gexf13, cypher`},
		{"/export/workload.pdf?unit=市发改委", http.StatusNotFound, `workload format "pdf": want csv, xlsx`},
		{"/export/staff.csv", http.StatusNotFound, "try /export/network.graphml"},
		{"/export/", http.StatusNotFound, "try /export/network.graphml"},
		{"/export/network.graphml?yaer=2026", http.StatusBadRequest, `unknown parameter "yaer"`},
		{"/export/network.graphml?year=twenty", http.StatusBadRequest, `year "twenty": want a whole number`},
		{"/export/network.graphml?year=2019", http.StatusBadRequest, "loaded years: 2021, 2025, 2026"},
		{"/export/network.graphml?roles=owner", http.StatusBadRequest, `role "owner"`},
		{"/export/network.graphml?minShared=0", http.StatusBadRequest, "minShared 0"},
		{"/export/network.graphml?includeCollective=maybe", http.StatusBadRequest, "includeCollective"},
		{"/export/network.gexf?jurisdiction=火星", http.StatusNotFound, `jurisdiction "火星" not found`},
		{"/export/network.gexf?planId=plan:南京市:1999", http.StatusNotFound, `plan "plan:南京市:1999" not found`},
		{"/export/workload.csv", http.StatusBadRequest, "unit: missing"},
		{"/export/workload.csv?unit=市文旅", http.StatusNotFound, "did you mean"},
		{"/export/workload.xlsx?unit=市发改委&role=boss", http.StatusBadRequest, `role "boss"`},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			res, body := fetch(t, srv, tc.path)
			require.Equal(t, tc.status, res.StatusCode, string(body))
			require.Contains(t, res.Header.Get("Content-Type"), "text/plain")
			require.Contains(t, string(body), tc.msg)
		})
	}
}
