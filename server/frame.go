package server

import (
	"net/http"
	"strings"
)

// framable lets the configured origins (Config.FrameAncestors) embed the
// pages, the viewer in a portal or a Grafana panel, by widening the
// frame-ancestors directive of the Content-Security-Policy the pages send
// ('self' alone, package web) to 'self' and them. Answers without a policy
// are left alone: the API and the exports are not pages.
func (s *Server) framable(next http.Handler) http.Handler {
	if len(s.cfg.FrameAncestors) == 0 {
		return next
	}
	directive := "frame-ancestors 'self' " + strings.Join(s.cfg.FrameAncestors, " ")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(beforeHeader(w, func(code int) int {
			if policy := w.Header().Get("Content-Security-Policy"); policy != "" {
				w.Header().Set("Content-Security-Policy", withDirective(policy, directive))
			}
			return code
		}), r)
	})
}

// withDirective is a Content-Security-Policy with directive in place of the
// one of its name, or added when it has none.
func withDirective(policy, directive string) string {
	name, _, _ := strings.Cut(directive, " ")
	parts := strings.Split(policy, ";")
	for i, p := range parts {
		if n, _, _ := strings.Cut(strings.TrimSpace(p), " "); strings.EqualFold(n, name) {
			parts[i] = " " + directive
			return strings.TrimSpace(strings.Join(parts, ";"))
		}
	}
	return policy + "; " + directive
}
