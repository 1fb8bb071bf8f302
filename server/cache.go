package server

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"
)

// cacheControl lets browsers, proxies and dashboards keep a GET answer but
// ask again each time, with the ETag: the graph changes when documents are
// loaded, which no expiry date can foresee, and a 304 costs no work.
const cacheControl = "no-cache"

// cached gives answers to GET the validators HTTP caches revalidate with,
// and answers a request carrying a current one (If-None-Match) with 304
// Not Modified before any work, so that a dashboard polling the same URLs
// costs almost nothing until the graph changes. The ETag names the graph's
// version and the request (path, query string, Accept), so it changes when
// a load, reload or swap changes the graph, and only then.
//
// Only a 200 whose handler set no Cache-Control of its own gets them:
// handlers mark answers that must not be kept (an error, a refusal, a
// store that did not answer) with no-store. Answers to POST, and to a
// store that keeps no version, are never kept.
func (s *Server) cached(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Cache-Control", "no-store")
			next.ServeHTTP(w, r)
			return
		}
		tag, ok := s.etag(r)
		if !ok {
			w.Header().Set("Cache-Control", "no-store")
			next.ServeHTTP(w, r)
			return
		}
		if matches(r.Header.Get("If-None-Match"), tag) {
			setValidators(w.Header(), tag)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		next.ServeHTTP(beforeHeader(w, func(code int) int {
			if code == http.StatusOK && w.Header().Get("Cache-Control") == "" {
				setValidators(w.Header(), tag)
			}
			return code
		}), r)
	})
}

// etag is the entity tag of r's answer from the graph as it is now; ok is
// false when there is none to give: no store yet, a store that keeps no
// version, or one that did not say (the handler meets its error itself).
// The tag is weak: equal tags mean the same answer, not the same bytes
// (a spreadsheet records when it was written).
func (s *Server) etag(r *http.Request) (string, bool) {
	c := s.conn.Load()
	if c == nil || c.version == nil {
		return "", false
	}
	version, err := c.version(r.Context())
	if err != nil {
		return "", false
	}
	h := sha256.New()
	for _, part := range []string{c.etagSeed, version, r.URL.Path, r.URL.RawQuery, r.Header.Get("Accept")} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return `W/"` + base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:18]) + `"`, true
}

// setValidators marks an answer as one to keep and revalidate.
func setValidators(h http.Header, tag string) {
	h.Set("ETag", tag)
	h.Set("Cache-Control", cacheControl)
	h.Add("Vary", "Accept")
}

// matches reports whether an If-None-Match header lists tag, by the weak
// comparison RFC 9110 prescribes for it. "*" is not taken: it would say
// 304 for a request whose answer might be an error.
func matches(ifNoneMatch, tag string) bool {
	want := strings.TrimPrefix(tag, "W/")
	for _, t := range strings.Split(ifNoneMatch, ",") {
		if strings.TrimPrefix(strings.TrimSpace(t), "W/") == want {
			return true
		}
	}
	return false
}
