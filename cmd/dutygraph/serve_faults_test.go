package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/corpus"
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/memstore"
	"github.com/dutygraph/dutygraph/graph/standby"
	"github.com/dutygraph/dutygraph/resolvers/apitest"
	"github.com/dutygraph/dutygraph/server"
)

const adminSecret = "admin-T0ken-never-logged-42"

func status(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	resp.Body.Close()
	return resp.StatusCode
}

// TestServeNeo4jUnreachableKeepsServing runs serve with the real Neo4j
// opener against a port nothing listens on: it must keep serving /healthz,
// say not ready, answer queries with UNAVAILABLE, keep retrying, and never
// log the password or the admin token (given by flag and environment).
func TestServeNeo4jUnreachableKeepsServing(t *testing.T) {
	t.Setenv("NEO4J_PASSWORD", secret)
	t.Setenv("DUTYGRAPH_ADMIN_TOKEN", adminSecret)
	base, log, stop := startServe(t, "--store", "neo4j", "--neo4j-uri", "bolt://"+closedPort(t),
		"--neo4j-timeout", "2s", "--store-retry-max", "1s", "--load-seeds")

	require.Equal(t, http.StatusOK, status(t, base+"/healthz"))
	require.Eventually(t, func() bool { return strings.Count(log.String(), `msg="store unreachable; retrying"`) >= 3 },
		15*time.Second, 20*time.Millisecond, "keeps retrying: %s", log)
	resp, err := http.Get(base + "/readyz")
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
	require.JSONEq(t, `{"status":"not ready","reason":"connecting to the store"}`, string(body))

	r := apitest.Post(t, base+"/graphql", `{ plans { id } }`, nil)
	require.Len(t, r.Errors, 1)
	require.Equal(t, "UNAVAILABLE", r.Errors[0].Code())
	require.Equal(t, "the graph store is unavailable; try again later", r.Errors[0].Message)

	require.NoError(t, stop(), "a stop while retrying is a clean shutdown")
	out := log.String()
	require.Contains(t, out, "msg=stopped")
	require.Contains(t, out, "admin=on")
	require.Contains(t, out, "password=****")
	require.NotContains(t, out, secret)
	require.NotContains(t, out, adminSecret)
}

// TestServeSecretsFromFlagsNotLogged passes the secrets as flags.
func TestServeSecretsFromFlagsNotLogged(t *testing.T) {
	base, log, stop := startServe(t, "--admin-token", adminSecret, "--neo4j-password", secret)
	waitHealthy(t, base)
	require.NoError(t, stop())
	require.Contains(t, log.String(), "admin=on")
	require.NotContains(t, log.String(), secret)
	require.NotContains(t, log.String(), adminSecret)
}

// TestServeRecoversWhenStoreComesUp: the opener fails three times, then
// succeeds; serve goes from not ready to ready by itself and loads the seeds.
func TestServeRecoversWhenStoreComesUp(t *testing.T) {
	var attempts atomic.Int32
	var logs lockedBuffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, log, serveOptions{
			addr: "127.0.0.1:0", store: storeConfig{Kind: storeNeo4j}, server: server.DefaultConfig(),
			backoff: standby.Backoff{Initial: 20 * time.Millisecond, Max: 50 * time.Millisecond},
			source:  mustSource(t, storeConfig{Kind: storeNeo4j}, ""), served: &corpus.Served{}, loadOnStart: true,
			open: func(context.Context) (graph.Store, func() error, error) {
				if attempts.Add(1) <= 3 {
					return nil, nil, fmt.Errorf("connect to Neo4j: connection refused: %w", graph.ErrUnavailable)
				}
				return memstore.New(), func() error { return nil }, nil
			},
		})
	}()
	t.Cleanup(cancel)
	require.Eventually(t, func() bool { return listeningURL.MatchString(logs.String()) }, 10*time.Second, 10*time.Millisecond)
	base := listeningURL.FindStringSubmatch(logs.String())[1]
	waitHealthy(t, base)
	require.EqualValues(t, 4, attempts.Load())
	got := apitest.Query[struct{ Plans []any }](t, base+"/graphql", `{ plans { id } }`, nil)
	require.Len(t, got.Plans, 4)
	cancel()
	require.NoError(t, <-done)
	require.Equal(t, 3, strings.Count(logs.String(), `msg="store unreachable; retrying"`))
	require.Contains(t, logs.String(), `msg="store connected" attempt=4`)
}

func TestServeFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"bad depth", []string{"serve", "--max-depth", "0"}, "max depth 0"},
		{"bad cors", []string{"serve", "--cors-origin", "dash.example.org"}, `CORS origin "dash.example.org"`},
		{"bad frame ancestor", []string{"serve", "--frame-ancestors", "https://ok.example.org,grafana"}, `frame ancestor "grafana"`},
		{"short token", []string{"serve", "--admin-token", "short"}, "at least 16 characters"},
		{"bad timeout", []string{"serve", "--request-timeout", "0s"}, "request timeout"},
		{"bad body", []string{"serve", "--max-body-bytes", "12"}, "max body size 12"},
		{"bad page size", []string{"serve", "--max-page-size", "0"}, "max page size 0"},
		{"no heavy", []string{"serve", "--max-heavy", "0"}, "max heavy requests 0"},
		{"bad rate", []string{"serve", "--rate-limit", "-1"}, "rate limit -1"},
		{"bad burst", []string{"serve", "--rate-limit", "5", "--rate-burst", "0"}, "rate burst 0"},
		{"bad grace", []string{"serve", "--shutdown-grace", "-1s"}, "shutdown grace -1s"},
		{"bad operation", []string{"serve", "--metrics-operation", "Top Pairs"}, `metric operation "Top Pairs"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := run(context.Background(), tt.args, io.Discard, io.Discard)
			require.ErrorContains(t, err, tt.want)
			require.Equal(t, 2, exitCode(err))
			require.NotContains(t, err.Error(), "short\"")
		})
	}

	var help strings.Builder
	require.NoError(t, run(context.Background(), []string{"serve", "-h"}, io.Discard, &help))
	for _, f := range []string{"-max-depth", "-max-complexity", "-max-page-size", "-max-query-tokens", "-max-fields", "-max-selection-fields", "-max-repeated-fields", "-max-errors", "-max-answer-bytes", "-persisted-queries", "-introspection", "-ide",
		"-request-timeout", "-max-body-bytes", "-cors-origin", "-frame-ancestors", "-admin-token", "DUTYGRAPH_ADMIN_TOKEN", "-store-retry-max", "/readyz", "/metrics",
		"-max-heavy", "-heavy-queue", "-heavy-wait", "-rate-limit", "-rate-burst", "-shutdown-grace", "-metrics-operation"} {
		require.Contains(t, help.String(), f)
	}
}

// TestServeProductionSwitches: --introspection=false --ide=false and a CORS
// allow-list given as a list, through the command line.
func TestServeProductionSwitches(t *testing.T) {
	base, log, _ := startServe(t, "--introspection=false", "--ide=false", "--cors-origin", "https://a.example.org, https://b.example.org", "--frame-ancestors", "https://portal.example.org", "--max-depth", "4", "--max-page-size", "5",
		"--max-heavy", "3", "--heavy-queue", "7", "--heavy-wait", "1s", "--rate-limit", "50", "--rate-burst", "60", "--shutdown-grace", "45s", "--metrics-operation", "Dash,Board")
	waitHealthy(t, base)
	require.Contains(t, log.String(), "max-heavy=3 heavy-queue=7 heavy-wait=1s rate-limit=50 rate-burst=60 shutdown-grace=45s")
	require.Contains(t, log.String(), "cors=https://a.example.org,https://b.example.org frame-ancestors=https://portal.example.org")
	viewer, err := http.Get(base + "/viewer")
	require.NoError(t, err)
	viewer.Body.Close()
	require.Contains(t, viewer.Header.Get("Content-Security-Policy"), "frame-ancestors 'self' https://portal.example.org")
	apitest.Query[any](t, base+"/graphql", `query Board { plans { id } }`, nil)
	resp, err := http.Get(base + "/metrics")
	require.NoError(t, err)
	metrics, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	require.Contains(t, string(metrics), `dutygraph_graphql_operation_duration_seconds_count{operation="Board"} 1`)
	r := apitest.Post(t, base+"/graphql", `{ __schema { types { name } } }`, nil)
	require.Equal(t, "INTROSPECTION_DISABLED", r.Errors[0].Code())
	resp, err = http.Get(base + "/graphql")
	require.NoError(t, err)
	resp.Body.Close()
	require.NotContains(t, resp.Header.Get("Content-Type"), "text/html")
	r = apitest.Post(t, base+"/graphql", `{ unit(name: "市数据局") { successors { successors { successors { id } } } } }`, nil)
	require.Contains(t, r.Errors[0].Message, "query depth 5 exceeds the limit of 4")
	r = apitest.Post(t, base+"/graphql", `{ units(first: 6) { totalCount } }`, nil)
	require.Contains(t, r.Errors[0].Message, "first: 6 is more than the maximum of 5")

	req, err := http.NewRequest(http.MethodGet, base+"/healthz", nil)
	require.NoError(t, err)
	req.Header.Set("Origin", "https://b.example.org")
	resp, err = http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, "https://b.example.org", resp.Header.Get("Access-Control-Allow-Origin"))
}

// TestServeStopsOnAPermanentStoreError: credentials refused are not an
// outage to wait out; serve stops at once, saying why, and exits non-zero.
func TestServeStopsOnAPermanentStoreError(t *testing.T) {
	var attempts atomic.Int32
	var logs lockedBuffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	done := make(chan error, 1)
	go func() {
		done <- serve(t.Context(), log, serveOptions{
			addr: "127.0.0.1:0", store: storeConfig{Kind: storeNeo4j}, server: server.DefaultConfig(),
			backoff: standby.Backoff{Initial: 20 * time.Millisecond, Max: 50 * time.Millisecond},
			source:  mustSource(t, storeConfig{Kind: storeNeo4j}, ""), served: &corpus.Served{}, loadOnStart: true,
			open: func(context.Context) (graph.Store, func() error, error) {
				attempts.Add(1)
				return nil, nil, errors.New(`connect to Neo4j at bolt://db:7687: Neo4jError: Neo.ClientError.Security.Unauthorized (authentication failed for user "neo4j": check NEO4J_USERNAME and NEO4J_PASSWORD)`)
			},
		})
	}()
	select {
	case err := <-done:
		require.ErrorContains(t, err, "serve: store: connect to Neo4j")
		require.ErrorContains(t, err, "check NEO4J_USERNAME and NEO4J_PASSWORD")
		require.Equal(t, 1, exitCode(err))
	case <-time.After(10 * time.Second):
		t.Fatal("serve kept retrying a permanent store error")
	}
	require.EqualValues(t, 1, attempts.Load())
	require.NotContains(t, logs.String(), "retrying")
}
