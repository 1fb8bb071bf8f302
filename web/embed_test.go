package web_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/web"
)

func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	web.Mount(mux)
	mux.Handle("GET /graphql", web.IDE())
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	res, err := http.Get(url)
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, string(body)
}

// assetRef finds the scripts and styles a page loads.
var assetRef = regexp.MustCompile(`(?:src|href)="([^"]+)"`)

// TestPagesLoadOnlyEmbeddedAssets checks that each page is served, names
// only assets under /ui/assets/ (no CDN), and that every one of them is
// served from the binary with its type.
func TestPagesLoadOnlyEmbeddedAssets(t *testing.T) {
	srv := newServer(t)
	for _, path := range []string{"/graphql", "/viewer", "/viewer/", "/viewer?jurisdiction=南京市/鼓楼区&year=2026"} {
		t.Run(path, func(t *testing.T) {
			res, body := get(t, srv.URL+path)
			require.Equal(t, http.StatusOK, res.StatusCode)
			require.Equal(t, "text/html; charset=utf-8", res.Header.Get("Content-Type"))
			require.Contains(t, res.Header.Get("Content-Security-Policy"), "default-src 'self'")
			refs := assetRef.FindAllStringSubmatch(body, -1)
			require.NotEmpty(t, refs, "the page loads no script or style")
			sawScript := false
			for _, ref := range refs {
				url := ref[1]
				if strings.HasPrefix(url, "data:") {
					continue // inline (the empty favicon): nothing is fetched
				}
				require.True(t, strings.HasPrefix(url, web.AssetsPath), "%s loads %s from outside the binary", path, url)
				res, asset := get(t, srv.URL+url)
				require.Equal(t, http.StatusOK, res.StatusCode, url)
				require.NotEmpty(t, asset, url)
				require.Contains(t, res.Header.Get("Cache-Control"), "immutable")
				switch {
				case strings.HasSuffix(url, ".js"):
					sawScript = true
					require.Contains(t, res.Header.Get("Content-Type"), "javascript", url)
				case strings.HasSuffix(url, ".css"):
					require.Contains(t, res.Header.Get("Content-Type"), "text/css", url)
				}
			}
			require.True(t, sawScript, "the page loads no script")
		})
	}
}

func TestPagesAreTheRightOnes(t *testing.T) {
	srv := newServer(t)
	_, ide := get(t, srv.URL+"/graphql")
	require.Contains(t, ide, `id="graphiql"`)
	_, viewer := get(t, srv.URL+"/viewer")
	require.Contains(t, viewer, `id="cy"`)
	require.Contains(t, viewer, `name="jurisdiction"`)
}

func TestAssetsMissingAndListing(t *testing.T) {
	srv := newServer(t)
	for _, path := range []string{web.AssetsPath, web.AssetsPath + "nope.js", "/ui/ide.html", "/viewer/x"} {
		res, _ := get(t, srv.URL+path)
		require.Equal(t, http.StatusNotFound, res.StatusCode, path)
	}
}
