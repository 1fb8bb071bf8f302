package server

import (
	"cmp"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"

	"github.com/dutygraph/dutygraph/corpus"
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

// reloadResult is the answer of POST /admin/reload: what was read, what
// changed, and what the store holds after (Documents, Tasks), the figures
// plans, /readyz and /metrics give from then on.
type reloadResult struct {
	Loaded    []reloadedFile `json:"loaded"`
	Failed    []failedFile   `json:"failed"`
	Skipped   []skippedFile  `json:"skipped"`
	Added     []string       `json:"added"`
	Changed   []string       `json:"changed"`
	Removed   []string       `json:"removed"`
	Kept      []keptDocument `json:"kept"`
	Documents int            `json:"documents"`
	Tasks     int            `json:"tasks"`
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

// keptDocument is a document whose new text lost most of its tasks, kept
// as it was.
type keptDocument struct {
	ID       string `json:"id"`
	File     string `json:"file"`
	Tasks    int    `json:"tasks"`
	NewTasks int    `json:"newTasks"`
	NewFile  string `json:"newFile"`
}

// reload makes the store follow its corpus: documents added, changed or
// gone since are loaded, replaced or removed, each whole; a document whose
// new text lost most of its tasks keeps its old one unless ?force=true.
// Reloads run one at a time; queries go on meanwhile.
//
// A reload takes as long as its corpus needs (40 s at a million tasks), not
// the request timeout, and once begun it finishes even if the client goes
// away: a reload cut short changes nothing, and the next would begin again
// from the start. Its answer is written whenever it ends.
func (s *Server) reload(w http.ResponseWriter, r *http.Request) {
	ctx := context.WithoutCancel(r.Context())
	if err := http.NewResponseController(w).SetWriteDeadline(time.Time{}); err != nil && !errors.Is(err, http.ErrNotSupported) {
		s.log.Warn("reload: the answer keeps the request's write deadline", "err", err)
	}
	if !s.reloadMu.TryLock() {
		writeJSON(w, http.StatusConflict, map[string]any{"error": "a reload is already running; try again when it ends"})
		return
	}
	defer s.reloadMu.Unlock()
	if s.Core() == nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"error": unavailableMessage})
		return
	}
	force, err := strconv.ParseBool(cmp.Or(r.URL.Query().Get("force"), "false"))
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": "force: want true or false"})
		return
	}
	out, err := s.cfg.Reload(ctx, force)
	res := reloadResult{Loaded: []reloadedFile{}, Failed: []failedFile{}, Skipped: []skippedFile{},
		Added: ids(out.Change.Added), Changed: ids(out.Change.Changed), Removed: ids(out.Change.Removed), Kept: []keptDocument{}}
	for _, f := range out.Read.Loaded {
		res.Loaded = append(res.Loaded, reloadedFile{File: f.File, Tasks: f.Tasks, Warnings: len(f.Warnings)})
	}
	for _, f := range out.Read.Skipped {
		res.Skipped = append(res.Skipped, skippedFile{File: f.File, Reason: f.Reason})
	}
	for _, f := range out.Read.Failed {
		res.Failed = append(res.Failed, failedFile{File: f.File, Error: f.Err.Error()})
	}
	for _, k := range out.Change.Kept {
		res.Kept = append(res.Kept, keptDocument{ID: k.Old.ID, File: k.Old.Source, Tasks: k.Old.Tasks, NewTasks: k.NewTasks, NewFile: k.NewFile})
	}
	stats, statsErr := s.storeStats(ctx)
	res.Documents, res.Tasks = stats.Plans+stats.LoadedReports, stats.Tasks
	s.log.Info("reloaded", "added", len(res.Added), "changed", len(res.Changed), "removed", len(res.Removed),
		"kept", len(res.Kept), "failed", len(res.Failed), "documents", res.Documents, "tasks", res.Tasks)
	code := http.StatusOK
	if err = errors.Join(err, statsErr); err != nil {
		s.log.Error("reload failed", "err", err)
		code = http.StatusInternalServerError
	}
	writeJSON(w, code, res)
}

// ids lists the documents' IDs, never nil (an empty JSON list).
func ids(docs []corpus.Document) []string {
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = d.ID
	}
	return out
}
