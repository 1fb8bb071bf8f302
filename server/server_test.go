package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/memstore"
	"github.com/dutygraph/dutygraph/resolvers/apitest"
	"github.com/dutygraph/dutygraph/seeds"
	"github.com/dutygraph/dutygraph/seeds/seedtest"
	"github.com/dutygraph/dutygraph/server"
)

func discard() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func newServer(t *testing.T, store graph.Store, cfg server.Config) *server.Server {
	t.Helper()
	srv, err := server.New(store, discard(), cfg)
	require.NoError(t, err)
	return srv
}

func start(t *testing.T, srv *server.Server) string {
	t.Helper()
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts.URL
}

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	return do(t, mustRequest(t, http.MethodGet, url, nil))
}

func mustRequest(t *testing.T, method, url string, body io.Reader) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	require.NoError(t, err)
	return req
}

func do(t *testing.T, req *http.Request) (*http.Response, string) {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, string(body)
}

func TestHealthzAndReadyz(t *testing.T) {
	var logs apitest.Logs
	srv, err := server.New(nil, slog.New(slog.NewTextHandler(&logs, nil)), server.DefaultConfig())
	require.NoError(t, err)
	url := start(t, srv)

	resp, body := get(t, url+"/healthz")
	require.Equal(t, http.StatusOK, resp.StatusCode, "up while starting")
	require.JSONEq(t, `{"status":"ok"}`, body)
	resp, body = get(t, url+"/readyz")
	require.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
	require.JSONEq(t, `{"status":"not ready","reason":"starting"}`, body)

	srv.NotReady("connecting to the store")
	_, body = get(t, url+"/readyz")
	require.JSONEq(t, `{"status":"not ready","reason":"connecting to the store"}`, body)

	srv.MarkLoaded()
	resp, body = get(t, url+"/readyz")
	require.Equal(t, http.StatusServiceUnavailable, resp.StatusCode, "loaded, but the store does not answer")
	require.JSONEq(t, `{"status":"not ready","reason":"store unreachable"}`, body)

	e := apitest.Fail(t, url+"/graphql", `{ reports { id } }`, nil)
	require.Equal(t, "UNAVAILABLE", e.Code(), "no store yet")
	resp, body = get(t, url+"/export/network.graphml")
	require.Equal(t, http.StatusServiceUnavailable, resp.StatusCode, "no store yet: %s", body)

	require.NoError(t, srv.Connect(seedtest.Store(t)))
	resp, body = get(t, url+"/readyz")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var ready struct {
		Status           string
		Documents, Tasks int
	}
	require.NoError(t, json.Unmarshal([]byte(body), &ready))
	require.Equal(t, "ready", ready.Status)
	require.Equal(t, 5, ready.Documents)
	require.Greater(t, ready.Tasks, 400)

	resp, _ = get(t, url+"/healthz")
	require.Equal(t, http.StatusOK, resp.StatusCode)

	// Probes come every few seconds: only changes are logged.
	require.Equal(t, 1, strings.Count(logs.String(), `msg="readyz: not ready" reason=starting`), logs.String())
	require.Equal(t, 0, strings.Count(logs.String(), `reason="connecting to the store"`), "still not ready: no new line")
	require.Equal(t, 1, strings.Count(logs.String(), `msg="readyz: ready"`))
}

func TestRoutes(t *testing.T) {
	url := start(t, newServer(t, memstore.New(), server.DefaultConfig()))

	t.Run("IDE", func(t *testing.T) {
		resp, body := get(t, url+"/graphql")
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Contains(t, resp.Header.Get("Content-Type"), "text/html")
		require.Contains(t, body, "/graphql")
	})
	t.Run("query by GET", func(t *testing.T) {
		resp, body := get(t, url+"/graphql?query="+`%7B%20reports%20%7B%20id%20%7D%20%7D`)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.JSONEq(t, `{"data":{"reports":[]}}`, body)
	})
	t.Run("query by POST", func(t *testing.T) {
		got := apitest.Query[struct{ Reports []any }](t, url+"/graphql", `{ reports { id } }`, nil)
		require.Empty(t, got.Reports)
	})
	t.Run("root goes to the IDE", func(t *testing.T) {
		resp, _ := get(t, url+"/")
		require.Equal(t, http.StatusFound, resp.StatusCode)
		require.Equal(t, "/graphql", resp.Header.Get("Location"))
	})
	t.Run("unknown path", func(t *testing.T) {
		resp, _ := get(t, url+"/nope")
		require.Equal(t, http.StatusNotFound, resp.StatusCode)
	})
	t.Run("no admin route without a token", func(t *testing.T) {
		resp, _ := do(t, mustRequest(t, http.MethodPost, url+"/admin/reload", nil))
		require.Equal(t, http.StatusNotFound, resp.StatusCode)
	})
	t.Run("oversized body", func(t *testing.T) {
		q := `{ reports { id } }` + strings.Repeat(" ", 2<<20)
		body, err := json.Marshal(map[string]string{"query": q})
		require.NoError(t, err)
		resp, err := http.Post(url+"/graphql", "application/json", strings.NewReader(string(body)))
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusRequestEntityTooLarge, resp.StatusCode)
	})
}

func TestIDEOff(t *testing.T) {
	cfg := server.DefaultConfig()
	cfg.IDE = false
	url := start(t, newServer(t, memstore.New(), cfg))
	resp, body := get(t, url+"/graphql")
	require.NotContains(t, resp.Header.Get("Content-Type"), "text/html")
	require.NotContains(t, body, "<html")
	require.Contains(t, body, "errors", "a GET without a query is a GraphQL request, not a page")
	resp, _ = get(t, url+"/")
	require.Equal(t, http.StatusNotFound, resp.StatusCode)
	got := apitest.Query[struct{ Reports []any }](t, url+"/graphql", `{ reports { id } }`, nil)
	require.Empty(t, got.Reports, "the API still answers")
}

func TestConfigurableLimits(t *testing.T) {
	cfg := server.DefaultConfig()
	cfg.MaxBodyBytes = 4 << 10
	url := start(t, newServer(t, memstore.New(), cfg))
	big, err := json.Marshal(map[string]string{"query": `{ reports { id } }` + strings.Repeat(" ", 5<<10)})
	require.NoError(t, err)
	resp, body := do(t, withJSON(mustRequest(t, http.MethodPost, url+"/graphql", strings.NewReader(string(big)))))
	require.Equal(t, http.StatusRequestEntityTooLarge, resp.StatusCode)
	require.Contains(t, body, "at most 4096 bytes")
	small, err := json.Marshal(map[string]string{"query": `{ reports { id } }` + strings.Repeat(" ", 3<<10)})
	require.NoError(t, err)
	resp, _ = do(t, withJSON(mustRequest(t, http.MethodPost, url+"/graphql", strings.NewReader(string(small)))))
	require.Equal(t, http.StatusOK, resp.StatusCode)
}

func withJSON(r *http.Request) *http.Request {
	r.Header.Set("Content-Type", "application/json")
	return r
}

func TestConfigValidate(t *testing.T) {
	require.NoError(t, server.DefaultConfig().Validate())
	for _, tc := range []struct {
		change func(*server.Config)
		want   string
	}{
		{func(c *server.Config) { c.RequestTimeout = 0 }, "request timeout"},
		{func(c *server.Config) { c.MaxBodyBytes = 10 }, "max body size 10"},
		{func(c *server.Config) { c.GraphQL.MaxDepth = 0 }, "max depth 0"},
		{func(c *server.Config) { c.CORSOrigins = []string{"https://ok.example.org", "example.org"} }, `CORS origin "example.org"`},
		{func(c *server.Config) { c.CORSOrigins = []string{"https://a.example.org/path"} }, "CORS origin"},
		{func(c *server.Config) { c.CORSOrigins = []string{"https://*.example.org"} }, "CORS origin"},
		{func(c *server.Config) { c.FrameAncestors = []string{"grafana.example.org"} }, `frame ancestor "grafana.example.org"`},
		{func(c *server.Config) { c.FrameAncestors = []string{"https://a.example.org;script-src"} }, "frame ancestor"},
		{func(c *server.Config) { c.FrameAncestors = []string{"https://a.example.org'"} }, "frame ancestor"},
		{func(c *server.Config) { c.FrameAncestors = []string{"javascript://x"} }, "frame ancestor"},
		{func(c *server.Config) { c.AdminToken = "short"; servedFolder(c, seeds.FS) }, "at least 16 characters"},
		{func(c *server.Config) { c.AdminToken = adminToken }, "no corpus to reload"},
	} {
		cfg := server.DefaultConfig()
		tc.change(&cfg)
		err := cfg.Validate()
		require.ErrorContains(t, err, tc.want)
		_, err = server.New(memstore.New(), discard(), cfg)
		require.ErrorContains(t, err, tc.want)
		require.NotContains(t, err.Error(), "short", "the token is not repeated")
	}
}

// TestServeDrainsInFlightRequests: a request in flight when the context is
// cancelled completes; new connections are refused.
func TestServeDrainsInFlightRequests(t *testing.T) {
	slow := &slowStore{Store: memstore.New(), entered: make(chan struct{}), release: make(chan struct{})}
	srv := newServer(t, slow, server.DefaultConfig())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	base := "http://" + ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()

	answered := make(chan apitest.Response, 1)
	go func() { answered <- apitest.Post(t, base+"/graphql", `{ reports { id } }`, nil) }()
	<-slow.entered
	cancel()
	require.Eventually(t, func() bool {
		c, err := net.DialTimeout("tcp", ln.Addr().String(), 100*time.Millisecond)
		if err == nil {
			c.Close()
		}
		return err != nil
	}, 5*time.Second, 10*time.Millisecond, "new connections are refused while draining")
	close(slow.release)
	resp := <-answered
	require.Empty(t, resp.Errors, "the request in flight completed")
	require.JSONEq(t, `{"reports":[]}`, string(resp.Data))
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(server.DefaultShutdownGrace):
		t.Fatal("Serve did not return after the drain")
	}
}

// slowStore holds Reports until released.
type slowStore struct {
	graph.Store
	entered, release chan struct{}
}

func (s *slowStore) Reports(ctx context.Context) ([]graph.Report, error) {
	close(s.entered)
	<-s.release
	return s.Store.Reports(ctx)
}

// stuckStore never answers Reports before the request's deadline, and then
// fails as neo4jstore does when a call's context ends.
type stuckStore struct{ graph.Store }

func (s stuckStore) Reports(ctx context.Context) ([]graph.Report, error) {
	<-ctx.Done()
	return nil, fmt.Errorf("neo4j reports: %w: %w", ctx.Err(), graph.ErrUnavailable)
}

func TestRequestTimeout(t *testing.T) {
	cfg := server.DefaultConfig()
	cfg.RequestTimeout = 100 * time.Millisecond
	url := start(t, newServer(t, stuckStore{memstore.New()}, cfg))
	start := time.Now()
	e := apitest.Fail(t, url+"/graphql", `{ reports { id } }`, nil)
	require.Less(t, time.Since(start), 2*time.Second)
	require.Equal(t, "TIMEOUT", e.Code())
	require.Equal(t, "the request timed out", e.Message)
}

// TestFrameAncestors: the pages may be embedded by the configured origins
// besides the server's own, the rest of their policy unchanged; without
// any, by the server's own pages only.
func TestFrameAncestors(t *testing.T) {
	store := seedtest.Shared(t)
	cfg := server.DefaultConfig()
	cfg.FrameAncestors = []string{"https://grafana.example.org:3000", "https://*.portal.example.org"}
	framed := start(t, newServer(t, store, cfg))
	plain := start(t, newServer(t, store, server.DefaultConfig()))
	for _, path := range []string{"/viewer", "/graphql"} {
		req := mustRequest(t, http.MethodGet, plain+path, nil)
		req.Header.Set("Accept", "text/html")
		res, _ := do(t, req)
		policy := res.Header.Get("Content-Security-Policy")
		require.True(t, strings.HasSuffix(policy, "; frame-ancestors 'self'"), policy)

		req = mustRequest(t, http.MethodGet, framed+path, nil)
		req.Header.Set("Accept", "text/html")
		res, _ = do(t, req)
		require.Equal(t, strings.TrimSuffix(policy, "'self'")+"'self' https://grafana.example.org:3000 https://*.portal.example.org",
			res.Header.Get("Content-Security-Policy"), path)
	}
	res, _ := get(t, framed+"/export/units.csv")
	require.Empty(t, res.Header.Get("Content-Security-Policy"), "the exports are not pages")
}
