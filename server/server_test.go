package server_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph/memstore"
	"github.com/dutygraph/dutygraph/resolvers/apitest"
	"github.com/dutygraph/dutygraph/server"
)

func discard() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, string(body)
}

func TestHealthz(t *testing.T) {
	srv := server.New(memstore.New(), discard())
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)

	resp, body := get(t, ts.URL+"/healthz")
	require.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
	require.JSONEq(t, `{"status":"loading"}`, body)

	srv.MarkLoaded()
	resp, body = get(t, ts.URL+"/healthz")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.JSONEq(t, `{"status":"ok"}`, body)
}

func TestRoutes(t *testing.T) {
	ts := httptest.NewServer(server.New(memstore.New(), discard()))
	t.Cleanup(ts.Close)

	t.Run("IDE", func(t *testing.T) {
		resp, body := get(t, ts.URL+"/graphql")
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Contains(t, resp.Header.Get("Content-Type"), "text/html")
		require.Contains(t, body, "/graphql")
	})
	t.Run("query by GET", func(t *testing.T) {
		resp, body := get(t, ts.URL+"/graphql?query="+`%7B%20reports%20%7B%20id%20%7D%20%7D`)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.JSONEq(t, `{"data":{"reports":[]}}`, body)
	})
	t.Run("query by POST", func(t *testing.T) {
		got := apitest.Query[struct{ Reports []any }](t, ts.URL+"/graphql", `{ reports { id } }`, nil)
		require.Empty(t, got.Reports)
	})
	t.Run("root goes to the IDE", func(t *testing.T) {
		resp, _ := get(t, ts.URL+"/")
		require.Equal(t, http.StatusFound, resp.StatusCode)
		require.Equal(t, "/graphql", resp.Header.Get("Location"))
	})
	t.Run("unknown path", func(t *testing.T) {
		resp, _ := get(t, ts.URL+"/nope")
		require.Equal(t, http.StatusNotFound, resp.StatusCode)
	})
	t.Run("oversized body", func(t *testing.T) {
		q := `{ reports { id } }` + strings.Repeat(" ", 2<<20)
		body, err := json.Marshal(map[string]string{"query": q})
		require.NoError(t, err)
		resp, err := http.Post(ts.URL+"/graphql", "application/json", strings.NewReader(string(body)))
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusRequestEntityTooLarge, resp.StatusCode)
	})
}

func TestServeShutsDownOnCancel(t *testing.T) {
	srv := server.New(memstore.New(), discard())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()

	resp, _ := get(t, "http://"+ln.Addr().String()+"/healthz")
	require.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)

	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(server.DrainTimeout):
		t.Fatal("Serve did not return after cancel")
	}
	_, err = http.Get("http://" + ln.Addr().String() + "/healthz")
	require.Error(t, err, "the listener is closed")
}
