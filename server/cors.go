package server

import (
	"net/http"
	"slices"
	"strings"
)

// corsMaxAge lets a browser reuse a preflight answer for ten minutes.
const corsMaxAge = "600"

// cors lets pages of the allowed origins call the API from a browser: it
// answers preflight requests (OPTIONS with Access-Control-Request-Method)
// itself and marks the responses to allowed origins. Requests from other
// origins are served without the headers, so the browser keeps the answer
// from the page; their preflights are refused. Without an allow-list no
// origin is allowed.
func (s *Server) cors(next http.Handler) http.Handler {
	origins := s.cfg.CORSOrigins
	anyOrigin := slices.Contains(origins, "*")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin == "" {
			next.ServeHTTP(w, r)
			return
		}
		allowed := anyOrigin || slices.Contains(origins, origin)
		preflight := r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != ""
		h := w.Header()
		h.Add("Vary", "Origin")
		if allowed {
			if anyOrigin {
				h.Set("Access-Control-Allow-Origin", "*")
			} else {
				h.Set("Access-Control-Allow-Origin", origin)
			}
		}
		if !preflight {
			next.ServeHTTP(w, r)
			return
		}
		h.Add("Vary", "Access-Control-Request-Method")
		h.Add("Vary", "Access-Control-Request-Headers")
		method := r.Header.Get("Access-Control-Request-Method")
		if !allowed || (method != http.MethodGet && method != http.MethodPost) {
			w.WriteHeader(http.StatusForbidden)
			return
		}
		h.Set("Access-Control-Allow-Methods", "GET, POST")
		if req := r.Header.Get("Access-Control-Request-Headers"); req != "" {
			h.Set("Access-Control-Allow-Headers", allowedHeaders(req))
		}
		h.Set("Access-Control-Max-Age", corsMaxAge)
		w.WriteHeader(http.StatusNoContent)
	})
}

// corsHeaders are the request headers a page may send: what a GraphQL
// client sets. Authorization is not among them, so that a page cannot use
// a visitor's browser to reach the admin route.
var corsHeaders = []string{"content-type", "accept", "apollo-require-preflight", "x-apollo-operation-name"}

// allowedHeaders is the part of a preflight's requested headers we allow.
func allowedHeaders(requested string) string {
	var out []string
	for _, h := range strings.Split(requested, ",") {
		h = strings.ToLower(strings.TrimSpace(h))
		if slices.Contains(corsHeaders, h) {
			out = append(out, h)
		}
	}
	return strings.Join(out, ", ")
}
