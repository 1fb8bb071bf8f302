package server_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/corpus"
	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/graph/memstore"
	"github.com/dutygraph/dutygraph/registry"
	"github.com/dutygraph/dutygraph/resolvers/apitest"
	"github.com/dutygraph/dutygraph/seeds"
	"github.com/dutygraph/dutygraph/seeds/seedtest"
	"github.com/dutygraph/dutygraph/server"
)

const adminToken = "test-admin-token-0123456789"

// servedFolder makes cfg reload the documents of a folder, read with the
// bundled registry, into the server it is given once made (serve's
// embedded store).
func servedFolder(cfg *server.Config, docs fs.FS) *corpus.Served {
	served := &corpus.Served{Guard: true, Source: corpus.Folder(func() (duty.Corpus, error) {
		reg, err := registry.Load(seeds.FS)
		return duty.Corpus{Docs: docs, Registry: reg}, err
	}, func(file string) string { return file })}
	cfg.Reload = func(ctx context.Context, force bool) (corpus.Outcome, error) { return served.Reload(ctx, force, true) }
	return served
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
	copySeed := func(name string) {
		plan, err := os.ReadFile(filepath.Join("..", "seeds", name))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), plan, 0o644))
	}
	copySeed("gulou-2025-plan.txt")
	var logs bytes.Buffer
	cfg := server.DefaultConfig()
	cfg.AdminToken = adminToken
	served := servedFolder(&cfg, os.DirFS(dir))
	srv, err := server.New(memstore.New(), slog.New(slog.NewTextHandler(&logs, nil)), cfg)
	require.NoError(t, err)
	served.Swap = srv.Connect
	srv.MarkLoaded()
	url := start(t, srv)
	reload := func(auth, query string) (*http.Response, string) {
		r := mustRequest(t, http.MethodPost, url+"/admin/reload"+query, nil)
		if auth != "" {
			r.Header.Set("Authorization", auth)
		}
		return do(t, r)
	}
	plans := func() []string {
		var ids []string
		for _, p := range apitest.Query[struct{ Plans []struct{ ID string } }](t, url+"/graphql", `{ plans { id } }`, nil).Plans {
			ids = append(ids, p.ID)
		}
		return ids
	}
	// The answer, plans and /metrics agree on what the store holds.
	requireHolds := func(body string, documents, tasks int) {
		t.Helper()
		require.Contains(t, body, fmt.Sprintf(`"documents":%d,"tasks":%d`, documents, tasks))
		_, metrics := get(t, url+"/metrics")
		require.Contains(t, metrics, fmt.Sprintf("dutygraph_tasks_loaded %d\n", tasks))
		require.Len(t, plans(), documents)
	}

	for _, auth := range []string{"", "Bearer wrong-token-wrong-token", "Basic " + adminToken, adminToken, "Bearer " + adminToken + "x"} {
		resp, body := reload(auth, "")
		require.Equal(t, http.StatusUnauthorized, resp.StatusCode, auth)
		require.Contains(t, resp.Header.Get("WWW-Authenticate"), `Bearer realm="dutygraph admin"`)
		require.Contains(t, body, "admin bearer token is required")
	}
	resp, _ := do(t, mustRequest(t, http.MethodGet, url+"/admin/reload", nil))
	require.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
	require.Empty(t, plans(), "nothing loaded yet")

	resp, body := reload("Bearer "+adminToken, "")
	require.Equal(t, http.StatusOK, resp.StatusCode, body)
	require.Regexp(t, `"loaded":\[\{"file":"gulou-2025-plan.txt","tasks":84,`, body)
	require.Contains(t, body, `"added":["plan:南京市/鼓楼区:2025"]`)
	requireHolds(body, 1, 84)

	// A new document on disk and a broken one: the good one is loaded,
	// the broken one reported, and nothing of it is in the store.
	copySeed("gulou-2026-plan.txt")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "broken.txt"), []byte("不是计划\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "old.doc"), []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00"), 0o644))
	resp, body = reload("Bearer "+adminToken, "")
	require.Equal(t, http.StatusOK, resp.StatusCode, body)
	require.Contains(t, body, `"file":"broken.txt"`)
	require.Contains(t, body, `"skipped":[{"file":"old.doc","reason":"legacy Word/WPS document`)
	require.Contains(t, body, `libreoffice --headless --convert-to docx old.doc`)
	require.Contains(t, body, `"added":["plan:南京市/鼓楼区:2026"],"changed":[],"removed":[]`)
	twoPlans := 84 + 87
	requireHolds(body, 2, twoPlans)

	// A plan cut after its third task (a truncated download), or whose text
	// no longer parses at all, keeps its old text and is reported, unless
	// the reload is forced.
	full, err := os.ReadFile(filepath.Join(dir, "gulou-2026-plan.txt"))
	require.NoError(t, err)
	lines := strings.SplitAfter(string(full), "\n")
	for _, cut := range []string{strings.Join(lines[:20], ""), strings.Join(lines[:12], "")} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "gulou-2026-plan.txt"), []byte(cut), 0o644))
		resp, body = reload("Bearer "+adminToken, "")
		require.Equal(t, http.StatusOK, resp.StatusCode, body)
		require.Regexp(t, `"kept":\[\{"id":"plan:南京市/鼓楼区:2026","file":"gulou-2026-plan.txt","tasks":87,"newTasks":[02],`, body)
		require.Contains(t, body, `"changed":[],"removed":[]`)
		requireHolds(body, 2, twoPlans)
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "gulou-2026-plan.txt"), []byte(strings.Join(lines[:20], "")), 0o644))
	resp, body = reload("Bearer "+adminToken, "?force=true")
	require.Equal(t, http.StatusOK, resp.StatusCode, body)
	require.Contains(t, body, `"changed":["plan:南京市/鼓楼区:2026"],"removed":[],"kept":[]`)
	requireHolds(body, 2, 84+2)

	// A file removed from the folder is removed from the store.
	require.NoError(t, os.Remove(filepath.Join(dir, "gulou-2026-plan.txt")))
	resp, body = reload("Bearer "+adminToken, "")
	require.Equal(t, http.StatusOK, resp.StatusCode, body)
	require.Contains(t, body, `"removed":["plan:南京市/鼓楼区:2026"]`)
	requireHolds(body, 1, 84)
	require.Equal(t, []string{"plan:南京市/鼓楼区:2025"}, plans())

	resp, body = reload("Bearer "+adminToken, "?force=maybe")
	require.Equal(t, http.StatusBadRequest, resp.StatusCode, body)
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

	// The bounded caches say how they serve: the parsed queries, the
	// answers, and the memory store's co-ownership counts. A question
	// asked again is answered whole; another one on the same pairs reads
	// the counts kept.
	for _, q := range []string{
		`{ coOwnership(limit: 3) { sharedTasks } }`,
		`{ coOwnership(limit: 3) { sharedTasks } }`,
		`{ coOwnership(limit: 2) { sharedTasks } }`,
	} {
		apitest.Query[any](t, url+"/graphql", q, nil)
	}
	_, body = get(t, url+"/metrics")
	for _, want := range []string{
		`dutygraph_cache_hits_total{cache="answer"} 1`,
		`dutygraph_cache_hits_total{cache="coownership"} 1`,
		`dutygraph_cache_misses_total{cache="coownership"} 1`,
		`dutygraph_cache_entries{cache="coownership"} 1`,
		`dutygraph_cache_misses_total{cache="query"} 125`,
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
	served := servedFolder(&cfg, seeds.FS)
	srv, err := server.New(memstore.New(), slog.New(slog.NewTextHandler(&logs, nil)), cfg)
	require.NoError(t, err)
	served.Swap = srv.Connect
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

// TestReloadOutlastsTheRequestTimeout: a reload takes as long as its
// corpus needs; a million tasks took longer than the request timeout and
// was cut, with nothing changed and an answer claiming an empty store.
func TestReloadOutlastsTheRequestTimeout(t *testing.T) {
	cfg := server.DefaultConfig()
	cfg.AdminToken = adminToken
	cfg.RequestTimeout = 50 * time.Millisecond
	served := servedFolder(&cfg, seeds.FS)
	reload := cfg.Reload
	cfg.Reload = func(ctx context.Context, force bool) (corpus.Outcome, error) {
		time.Sleep(4 * cfg.RequestTimeout) // a large corpus
		return reload(ctx, force)
	}
	srv := newServer(t, memstore.New(), cfg)
	served.Swap = srv.Connect
	srv.MarkLoaded()
	url, _, _ := serveOnLoopback(t, srv)

	r := mustRequest(t, http.MethodPost, url+"/admin/reload", nil)
	r.Header.Set("Authorization", "Bearer "+adminToken)
	resp, body := do(t, r)
	require.Equal(t, http.StatusOK, resp.StatusCode, body)
	require.Contains(t, body, `"documents":5,"tasks":441`)
}

// TestReloadIsAtomicForQueries reloads a folder that changes between two
// corpora while queries run: every answer reads one corpus throughout, its
// two identical fields agree, and none sees a corpus in between.
func TestReloadIsAtomicForQueries(t *testing.T) {
	dir := t.TempDir()
	write := func(names ...string) {
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		for _, e := range entries {
			require.NoError(t, os.Remove(filepath.Join(dir, e.Name())))
		}
		for _, name := range names {
			data, err := os.ReadFile(filepath.Join("..", "seeds", name))
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o644))
		}
	}
	corpora := [][]string{{"gulou-2025-plan.txt", "gulou-2026-plan.txt"}, {"nanjing-2021-plan.txt", "nanjing-2026-plan.txt"}}
	totals := map[int]string{84 + 87: "plan:南京市/鼓楼区:2026", 100 + 170: "plan:南京市:2026"}
	cfg := server.DefaultConfig()
	served := servedFolder(&cfg, os.DirFS(dir))
	srv := newServer(t, memstore.New(), cfg)
	served.Swap = srv.Connect
	write(corpora[0]...)
	_, err := served.Reload(t.Context(), true, true)
	require.NoError(t, err)
	url := start(t, srv)

	const wantReloads = 20
	var reloads, queries atomic.Int64
	var finished atomic.Bool
	reloaded := make(chan error, 1)
	go func() {
		defer finished.Store(true)
		for i := 1; i <= wantReloads; i++ {
			write(corpora[i%2]...)
			if _, err := served.Reload(context.Background(), true, true); err != nil {
				reloaded <- err
				return
			}
			reloads.Add(1)
		}
		reloaded <- nil
	}()
	type answer struct {
		A, B  struct{ TotalCount int }
		Plans []struct{ ID string }
	}
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !finished.Load() {
				queries.Add(1)
				got := apitest.Query[answer](t, url+"/graphql", `{ a: tasks(first: 1) { totalCount } b: tasks(first: 1) { totalCount } plans { id } }`, nil)
				ids := []string{}
				for _, p := range got.Plans {
					ids = append(ids, p.ID)
				}
				if got.A != got.B || !slices.Contains(ids, totals[got.A.TotalCount]) || len(ids) != 2 {
					errs <- fmt.Errorf("an answer mixes corpora: totals %d and %d, plans %v", got.A.TotalCount, got.B.TotalCount, ids)
					return
				}
			}
		}()
	}
	wg.Wait()
	require.NoError(t, <-reloaded)
	t.Logf("%d reloads while %d queries ran", reloads.Load(), queries.Load())
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
}
