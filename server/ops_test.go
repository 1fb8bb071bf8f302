package server_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/graph/memstore"
	"github.com/dutygraph/dutygraph/registry"
	"github.com/dutygraph/dutygraph/resolvers/apitest"
	"github.com/dutygraph/dutygraph/seeds"
	"github.com/dutygraph/dutygraph/seeds/seedtest"
	"github.com/dutygraph/dutygraph/server"
)

const adminToken = "test-admin-token-0123456789"

func seedSource() (duty.Corpus, error) {
	reg, err := registry.Load(seeds.FS)
	return duty.Corpus{Docs: seeds.FS, Registry: reg}, err
}

func TestCORS(t *testing.T) {
	preflight := func(url, origin, method string) *http.Request {
		r := mustRequest(t, http.MethodOptions, url+"/graphql", nil)
		r.Header.Set("Origin", origin)
		r.Header.Set("Access-Control-Request-Method", method)
		r.Header.Set("Access-Control-Request-Headers", "content-type, authorization")
		return r
	}
	simple := func(url, origin string) *http.Request {
		r := mustRequest(t, http.MethodGet, url+"/graphql?query=%7Breports%7Bid%7D%7D", nil)
		r.Header.Set("Origin", origin)
		return r
	}

	t.Run("none allowed by default", func(t *testing.T) {
		url := start(t, newServer(t, memstore.New(), server.DefaultConfig()))
		resp, _ := do(t, preflight(url, "https://dash.example.org", "POST"))
		require.Equal(t, http.StatusForbidden, resp.StatusCode)
		require.Empty(t, resp.Header.Get("Access-Control-Allow-Origin"))
		resp, body := do(t, simple(url, "https://dash.example.org"))
		require.Equal(t, http.StatusOK, resp.StatusCode, "served, but the browser keeps it from the page")
		require.Empty(t, resp.Header.Get("Access-Control-Allow-Origin"))
		require.JSONEq(t, `{"data":{"reports":[]}}`, body)
	})

	cfg := server.DefaultConfig()
	cfg.CORSOrigins = []string{"https://dash.example.org", "http://localhost:3000"}
	url := start(t, newServer(t, memstore.New(), cfg))
	t.Run("allowed preflight", func(t *testing.T) {
		resp, _ := do(t, preflight(url, "http://localhost:3000", "POST"))
		require.Equal(t, http.StatusNoContent, resp.StatusCode)
		require.Equal(t, "http://localhost:3000", resp.Header.Get("Access-Control-Allow-Origin"))
		require.Equal(t, "GET, POST", resp.Header.Get("Access-Control-Allow-Methods"))
		require.Equal(t, "content-type", resp.Header.Get("Access-Control-Allow-Headers"), "no Authorization from pages")
		require.Equal(t, "600", resp.Header.Get("Access-Control-Max-Age"))
		require.Contains(t, resp.Header.Values("Vary"), "Origin")
	})
	t.Run("allowed simple request", func(t *testing.T) {
		resp, body := do(t, simple(url, "https://dash.example.org"))
		require.Equal(t, "https://dash.example.org", resp.Header.Get("Access-Control-Allow-Origin"))
		require.JSONEq(t, `{"data":{"reports":[]}}`, body)
	})
	t.Run("other origin", func(t *testing.T) {
		resp, _ := do(t, preflight(url, "https://evil.example.com", "POST"))
		require.Equal(t, http.StatusForbidden, resp.StatusCode)
		require.Empty(t, resp.Header.Get("Access-Control-Allow-Origin"))
		resp, _ = do(t, simple(url, "https://dash.example.org.evil.example.com"))
		require.Empty(t, resp.Header.Get("Access-Control-Allow-Origin"))
	})
	t.Run("method not allowed", func(t *testing.T) {
		resp, _ := do(t, preflight(url, "https://dash.example.org", "DELETE"))
		require.Equal(t, http.StatusForbidden, resp.StatusCode)
	})
	t.Run("wildcard only when configured", func(t *testing.T) {
		cfg := server.DefaultConfig()
		cfg.CORSOrigins = []string{"*"}
		url := start(t, newServer(t, memstore.New(), cfg))
		resp, _ := do(t, simple(url, "https://anyone.example.net"))
		require.Equal(t, "*", resp.Header.Get("Access-Control-Allow-Origin"))
	})
}

func TestAdminReload(t *testing.T) {
	dir := t.TempDir()
	plan, err := os.ReadFile(filepath.Join("..", "seeds", "gulou-2025-plan.txt"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "gulou-2025-plan.txt"), plan, 0o644))
	var logs bytes.Buffer
	cfg := server.DefaultConfig()
	cfg.AdminToken = adminToken
	cfg.Seeds = func() (duty.Corpus, error) {
		reg, err := registry.Load(seeds.FS)
		return duty.Corpus{Docs: os.DirFS(dir), Registry: reg}, err
	}
	srv, err := server.New(memstore.New(), slog.New(slog.NewTextHandler(&logs, nil)), cfg)
	require.NoError(t, err)
	url := start(t, srv)
	reload := func(auth string) (*http.Response, string) {
		r := mustRequest(t, http.MethodPost, url+"/admin/reload", nil)
		if auth != "" {
			r.Header.Set("Authorization", auth)
		}
		return do(t, r)
	}

	for _, auth := range []string{"", "Bearer wrong-token-wrong-token", "Basic " + adminToken, adminToken, "Bearer " + adminToken + "x"} {
		resp, body := reload(auth)
		require.Equal(t, http.StatusUnauthorized, resp.StatusCode, auth)
		require.Contains(t, resp.Header.Get("WWW-Authenticate"), `Bearer realm="dutygraph admin"`)
		require.Contains(t, body, "admin bearer token is required")
	}
	resp, _ := do(t, mustRequest(t, http.MethodGet, url+"/admin/reload", nil))
	require.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
	require.Empty(t, apitest.Query[struct{ Plans []any }](t, url+"/graphql", `{ plans { id } }`, nil).Plans, "nothing loaded yet")

	resp, body := reload("Bearer " + adminToken)
	require.Equal(t, http.StatusOK, resp.StatusCode, body)
	require.Regexp(t, `"loaded":\[\{"file":"gulou-2025-plan.txt","tasks":84,`, body)
	require.Len(t, apitest.Query[struct{ Plans []any }](t, url+"/graphql", `{ plans { id } }`, nil).Plans, 1)

	// A new document on disk and a broken one: the good one is loaded,
	// the broken one reported, and nothing of it is in the store.
	plan, err = os.ReadFile(filepath.Join("..", "seeds", "gulou-2026-plan.txt"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "gulou-2026-plan.txt"), plan, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "broken.txt"), []byte("不是计划\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "old.doc"), []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00"), 0o644))
	resp, body = reload("Bearer " + adminToken)
	require.Equal(t, http.StatusOK, resp.StatusCode, body)
	require.Contains(t, body, `"file":"broken.txt"`)
	require.Contains(t, body, `"skipped":[{"file":"old.doc","reason":"legacy Word/WPS document`)
	require.Contains(t, body, `libreoffice --headless --convert-to docx old.doc`)
	require.Len(t, apitest.Query[struct{ Plans []any }](t, url+"/graphql", `{ plans { id } }`, nil).Plans, 2)

	require.NotContains(t, logs.String(), adminToken, "the token is never logged")
	require.Contains(t, logs.String(), `msg="admin request refused"`)
}

func TestMetrics(t *testing.T) {
	cfg := server.DefaultConfig()
	cfg.MetricOperations = append(cfg.MetricOperations, "Dashboard")
	srv := newServer(t, seedtest.Store(t), cfg)
	srv.MarkLoaded()
	url := start(t, srv)

	apitest.Query[any](t, url+"/graphql", `query Dashboard { reports { id } }`, nil)
	apitest.Query[any](t, url+"/graphql", `{ plans { id } }`, nil)
	apitest.Post(t, url+"/graphql", `{ unit(name: "市不存在局") { id } }`, nil)
	for i := range 120 {
		apitest.Post(t, url+"/graphql", "query Op"+strings.Repeat("x", i)+" { reports { id } }", nil)
	}
	get(t, url+"/nope")

	resp, body := get(t, url+"/metrics")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	for _, want := range []string{
		`dutygraph_http_requests_total{code="200",route="POST /graphql"} 123`,
		`dutygraph_http_requests_total{code="404",route="unmatched"} 1`,
		`dutygraph_graphql_operation_duration_seconds_count{operation="Dashboard"} 1`,
		`dutygraph_graphql_operation_duration_seconds_count{operation="anonymous"} 2`,
		`dutygraph_graphql_errors_total{code="NOT_FOUND"} 1`,
		`dutygraph_store_call_duration_seconds_count{method="FindUnit"} 1`,
		`dutygraph_store_call_errors_total{method="FindUnit"} 1`,
		`dutygraph_documents_loaded 5`,
		`dutygraph_http_request_duration_seconds_count{route="POST /graphql"} 123`,
		`go_goroutines `,
	} {
		require.Contains(t, body, want)
	}
	require.Regexp(t, `dutygraph_tasks_loaded [1-9]\d\d`, body)
	// Only configured names are kept apart: the 120 invented by a client
	// all fall into "other", and cannot crowd out the configured ones.
	names := regexp.MustCompile(`dutygraph_graphql_operation_duration_seconds_count\{operation="([^"]+)"\}`).FindAllStringSubmatch(body, -1)
	require.Len(t, names, 3, "Dashboard, anonymous and other")
	require.Contains(t, body, `dutygraph_graphql_operation_duration_seconds_count{operation="other"} 120`)

	// The bounded caches say how they serve: the parsed queries and the
	// memory store's co-ownership answers.
	for range 2 {
		apitest.Query[any](t, url+"/graphql", `{ coOwnership(limit: 3) { sharedTasks } }`, nil)
	}
	_, body = get(t, url+"/metrics")
	for _, want := range []string{
		`dutygraph_cache_hits_total{cache="coownership"} 1`,
		`dutygraph_cache_misses_total{cache="coownership"} 1`,
		`dutygraph_cache_entries{cache="coownership"} 1`,
		`dutygraph_cache_misses_total{cache="query"} 124`,
		`dutygraph_cache_entries{cache="comparisons"} 0`,
		`dutygraph_cache_entries{cache="persisted"} 0`,
	} {
		require.Contains(t, body, want)
	}
	require.Regexp(t, `dutygraph_cache_hits_total\{cache="query"\} [1-9]`, body)
}

// TestAdminTokenScheme: the Bearer scheme is matched in any case (RFC 9110
// §11.1); refusals are logged, but a client trying token after token gets
// no more than a few lines.
func TestAdminTokenScheme(t *testing.T) {
	var logs apitest.Logs
	cfg := server.DefaultConfig()
	cfg.AdminToken = adminToken
	cfg.Seeds = seedSource
	srv, err := server.New(memstore.New(), slog.New(slog.NewTextHandler(&logs, nil)), cfg)
	require.NoError(t, err)
	url := start(t, srv)
	reload := func(auth string) int {
		r := mustRequest(t, http.MethodPost, url+"/admin/reload", nil)
		r.Header.Set("Authorization", auth)
		resp, _ := do(t, r)
		return resp.StatusCode
	}
	for _, scheme := range []string{"Bearer", "bearer", "BEARER"} {
		require.Equal(t, http.StatusOK, reload(scheme+" "+adminToken), scheme)
	}
	for i := range 200 {
		require.Equal(t, http.StatusUnauthorized, reload(fmt.Sprintf("bearer guess-%03d-guess-guess", i)))
	}
	require.Equal(t, 5, strings.Count(logs.String(), `msg="admin request refused"`), "a burst is logged, not every guess")
}
