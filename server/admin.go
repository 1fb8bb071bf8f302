package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// How often refused admin requests are logged.
const (
	refusalLogBurst = 5
	refusalLogEvery = 10 * time.Second
)

// requireToken lets through requests bearing the admin token
// (Authorization: Bearer TOKEN, the scheme in any case as RFC 9110 has it)
// and answers 401 to others. Both sides are hashed before the
// constant-time comparison, so that neither the token's content nor its
// length shows in the time an answer takes. Refusals are logged at most
// refusalLogBurst at once and one every refusalLogEvery after, each line
// counting those left out, so that a client guessing tokens cannot flood
// the log.
func (s *Server) requireToken(next http.Handler) http.Handler {
	want := sha256.Sum256([]byte(s.cfg.AdminToken))
	logRefusal := rate.NewLimiter(rate.Every(refusalLogEvery), refusalLogBurst)
	var unlogged atomic.Int64
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		scheme, given, ok := strings.Cut(r.Header.Get("Authorization"), " ")
		ok = ok && strings.EqualFold(scheme, "Bearer")
		got := sha256.Sum256([]byte(strings.TrimSpace(given)))
		if subtle.ConstantTimeCompare(want[:], got[:]) != 1 || !ok {
			challenge := `Bearer realm="dutygraph admin"`
			if ok {
				challenge += `, error="invalid_token"`
			}
			w.Header().Set("WWW-Authenticate", challenge)
			if logRefusal.Allow() {
				s.log.Warn("admin request refused", "path", r.URL.Path, "remote", r.RemoteAddr, "token_given", ok,
					"refusals_not_logged", unlogged.Swap(0))
			} else {
				unlogged.Add(1)
			}
			writeJSON(w, http.StatusUnauthorized, map[string]any{"error": "a valid admin bearer token is required"})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// reloadResult is the answer of POST /admin/reload.
type reloadResult struct {
	Loaded  []reloadedFile `json:"loaded"`
	Failed  []failedFile   `json:"failed"`
	Skipped []skippedFile  `json:"skipped"`
	Tasks   int            `json:"tasks"`
}

type reloadedFile struct {
	File     string `json:"file"`
	Tasks    int    `json:"tasks"`
	Warnings int    `json:"warnings"`
}

type skippedFile struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
}

type failedFile struct {
	File  string `json:"file"`
	Error string `json:"error"`
}

// reload reparses the seed documents and loads them into the store. Each
// document is loaded whole or not at all, so a document that fails leaves
// the store as it was and the others still load; reloads run one at a time.
func (s *Server) reload(w http.ResponseWriter, r *http.Request) {
	if !s.reloadMu.TryLock() {
		writeJSON(w, http.StatusConflict, map[string]any{"error": "a reload is already running; try again when it ends"})
		return
	}
	defer s.reloadMu.Unlock()

	core := s.Core()
	if core == nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"error": unavailableMessage})
		return
	}
	corpus, err := s.cfg.Seeds()
	if err != nil {
		s.log.Error("reload: reading the seeds", "err", err)
		writeJSON(w, http.StatusInternalServerError, map[string]any{"error": "reading the seeds: " + err.Error()})
		return
	}
	sum, err := core.Load(r.Context(), corpus)
	res := reloadResult{Loaded: []reloadedFile{}, Failed: []failedFile{}, Skipped: []skippedFile{}, Tasks: sum.Tasks()}
	for _, f := range sum.Loaded {
		res.Loaded = append(res.Loaded, reloadedFile{File: f.File, Tasks: f.Tasks, Warnings: len(f.Warnings)})
	}
	for _, f := range sum.Skipped {
		res.Skipped = append(res.Skipped, skippedFile{File: f.File, Reason: f.Reason})
	}
	for _, f := range sum.Failed {
		res.Failed = append(res.Failed, failedFile{File: f.File, Error: f.Err.Error()})
	}
	s.log.Info("reloaded", "documents", len(res.Loaded), "failed", len(res.Failed), "tasks", res.Tasks)
	code := http.StatusOK
	if err != nil {
		s.log.Error("reload failed", "err", err)
		code = http.StatusInternalServerError
	}
	writeJSON(w, code, res)
}
