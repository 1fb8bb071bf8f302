// Package web serves dutygraph's browser pages: the GraphQL IDE (GraphiQL)
// and the co-ownership viewer (sigma.js, WebGL, with its layout in a web
// worker). They are built with Vite from
// the sources beside this file (`npm ci && npm run build`) into dist/, which
// is committed and embedded, so the binary serves them with no Node.js and
// no network: every script and style comes from the binary, and the pages'
// Content-Security-Policy forbids anything from elsewhere. Chinese text uses
// the viewing machine's CJK font (see README.md).
package web

import (
	"embed"
	"io/fs"
	"net/http"
	"strings"
)

// dist is Vite's output. "all:" keeps chunk files whose names Rollup may
// start with an underscore.
//
//go:embed all:dist
var dist embed.FS

// AssetsPath is where the pages' scripts and styles are served; it matches
// `base` in vite.config.js, which writes it into the built HTML.
const AssetsPath = "/ui/assets/"

// contentSecurityPolicy allows only what the binary serves: GraphiQL sets
// inline styles and ships its fonts and icons as data: URIs; nothing is
// fetched from another origin.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'"

// IDE serves the GraphiQL page, with example queries, for GET /graphql in a
// browser. It posts its queries to /graphql on the same host.
func IDE() http.Handler { return page("dist/ide.html") }

// Viewer serves the co-ownership viewer page for GET /viewer. Its filters are
// read from the query string (/viewer?jurisdiction=南京市/鼓楼区&year=2026).
func Viewer() http.Handler { return page("dist/viewer.html") }

// Assets serves the pages' scripts and styles under AssetsPath. Their names
// carry a content hash, so browsers may keep them for good.
func Assets() http.Handler {
	// fs.Sub fails only on an invalid path name, and this one is constant.
	sub, _ := fs.Sub(dist, "dist/assets")
	files := http.StripPrefix(AssetsPath, http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// No directory listings: only the built files themselves.
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		files.ServeHTTP(w, r)
	})
}

// Mount adds the viewer and the assets to mux: GET /viewer and GET
// /ui/assets/…. The IDE is not mounted here: GET /graphql is shared with
// the API (a GET carrying ?query= is a query), so the server routes it.
func Mount(mux *http.ServeMux) {
	mux.Handle("GET /viewer", Viewer())
	mux.Handle("GET /viewer/{$}", Viewer())
	mux.Handle("GET "+AssetsPath, Assets())
}

// page serves one built HTML page. It is read once: the embedded build
// cannot change while the binary runs. A binary built without it answers
// 500 with the fix rather than failing to start (the tests catch it first).
func page(name string) http.Handler {
	body, err := dist.ReadFile(name)
	if err != nil {
		msg := "web: " + name + " is missing from this build; run `npm ci && npm run build` in web/ and rebuild"
		return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, msg, http.StatusInternalServerError)
		})
	}
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		// The page names the current build's hashed assets: always revalidate.
		h.Set("Cache-Control", "no-cache")
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		_, _ = w.Write(body)
	})
}
