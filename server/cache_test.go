package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/seeds/seedtest"
	"github.com/dutygraph/dutygraph/server"
)

// countingStore counts the networks it is asked for: work a 304 must not do.
type countingStore struct {
	graph.Store
	networks atomic.Int32
}

func (s *countingStore) Network(ctx context.Context, f graph.CoOwnershipFilter, minShared int) (graph.Network, error) {
	s.networks.Add(1)
	return s.Store.Network(ctx, f, minShared)
}

func (s *countingStore) Version(ctx context.Context) (string, error) {
	return s.Store.(graph.Versioned).Version(ctx)
}

// getWith sends a GET with extra headers.
func getWith(t *testing.T, u string, headers ...string) (*http.Response, string) {
	t.Helper()
	req := mustRequest(t, http.MethodGet, u, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return do(t, req)
}

// graphqlGET is the URL of a GraphQL query sent by GET.
func graphqlGET(base, query string) string {
	return base + "/graphql?query=" + url.QueryEscape(query)
}

// TestGETAnswersRevalidate: GET answers of GraphQL and the exports carry a
// weak ETag and no-cache; asking again with the tag is a 304 without the
// work, until the graph changes.
func TestGETAnswersRevalidate(t *testing.T) {
	store := &countingStore{Store: seedtest.Store(t)}
	srv := newServer(t, store, server.DefaultConfig())
	base := start(t, srv)
	urls := []string{
		graphqlGET(base, `{ unit(name: "市发改委") { workloads { year total planned } } }`),
		base + "/export/network.gexf?jurisdiction=" + url.QueryEscape("鼓楼区") + "&year=2026",
		base + "/export/units.csv?year=2026",
	}
	tags := map[string]string{}
	for _, u := range urls {
		res, body := get(t, u)
		require.Equal(t, http.StatusOK, res.StatusCode, body)
		tag := res.Header.Get("ETag")
		require.True(t, strings.HasPrefix(tag, `W/"`) && strings.HasSuffix(tag, `"`), "weak ETag %q", tag)
		require.Equal(t, "no-cache", res.Header.Get("Cache-Control"))
		require.Contains(t, res.Header.Values("Vary"), "Accept")
		require.NotContains(t, tags, tag, "each request its own tag")
		tags[tag] = u

		again, _ := get(t, u)
		require.Equal(t, tag, again.Header.Get("ETag"), "the same graph, the same tag")

		networks := store.networks.Load()
		for _, ifNoneMatch := range []string{tag, `"elsewhere", ` + strings.TrimPrefix(tag, "W/")} {
			res, body = getWith(t, u, "If-None-Match", ifNoneMatch)
			require.Equal(t, http.StatusNotModified, res.StatusCode, "If-None-Match: %s", ifNoneMatch)
			require.Empty(t, body)
			require.Equal(t, tag, res.Header.Get("ETag"))
			require.Equal(t, "no-cache", res.Header.Get("Cache-Control"))
		}
		require.Equal(t, networks, store.networks.Load(), "a 304 does no work")

		res, _ = getWith(t, u, "If-None-Match", `W/"elsewhere"`)
		require.Equal(t, http.StatusOK, res.StatusCode)
	}

	res, _ := getWith(t, urls[0], "Accept", "application/graphql-response+json")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.NotContains(t, tags, res.Header.Get("ETag"), "another media type, another tag")

	// A load changes the graph: every tag changes, and the old ones are
	// answered in full.
	require.NoError(t, store.Remove(t.Context(), "plan:南京市/鼓楼区:2025"))
	for tag, u := range tags {
		res, body := getWith(t, u, "If-None-Match", tag)
		require.Equal(t, http.StatusOK, res.StatusCode, body)
		require.NotEqual(t, tag, res.Header.Get("ETag"))
	}

	// So does a swap, even to a store whose own version reads the same.
	res, _ = get(t, urls[2])
	before := res.Header.Get("ETag")
	require.NoError(t, srv.Connect(store))
	res, _ = getWith(t, urls[2], "If-None-Match", before)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.NotEqual(t, before, res.Header.Get("ETag"))
}

// TestAnswersNotKept: POST answers, errors and answers of a store that
// keeps no version are no-store, without a tag.
func TestAnswersNotKept(t *testing.T) {
	base := start(t, newServer(t, seedtest.Store(t), server.DefaultConfig()))
	unversioned := start(t, newServer(t, struct{ graph.Store }{seedtest.Store(t)}, server.DefaultConfig()))
	for _, tc := range []struct {
		name string
		req  *http.Request
	}{
		{"POST", withJSON(mustRequest(t, http.MethodPost, base+"/graphql", strings.NewReader(`{"query":"{ jurisdictions { path } }"}`)))},
		{"GraphQL error", mustRequest(t, http.MethodGet, graphqlGET(base, `{ unit(name: "市文旅") { id } }`), nil)},
		{"persisted query not known yet", mustRequest(t, http.MethodGet, base+"/graphql?extensions="+
			url.QueryEscape(`{"persistedQuery":{"version":1,"sha256Hash":"`+strings.Repeat("ab", 32)+`"}}`), nil)},
		{"export error", mustRequest(t, http.MethodGet, base+"/export/units.csv?year=2019", nil)},
		{"unversioned store", mustRequest(t, http.MethodGet, unversioned+"/export/units.csv", nil)},
		{"unversioned store's GraphQL", mustRequest(t, http.MethodGet, graphqlGET(unversioned, `{ jurisdictions { path } }`), nil)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, body := do(t, tc.req)
			require.Empty(t, res.Header.Get("ETag"), body)
			require.Equal(t, "no-store", res.Header.Get("Cache-Control"), body)
		})
	}
}
