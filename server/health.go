package server

import (
	"context"
	"encoding/json"
	"net/http"
)

// healthz answers 200 while the process serves: orchestrators restart a
// process whose liveness fails, and a store being down is no reason to.
func (s *Server) healthz(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"status": "ok"})
}

// readyz answers 200 once the graph is loaded and the store answers, 503
// with the reason otherwise, so that load balancers route around an
// instance that cannot answer queries.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	if reason := s.notReady.Load(); reason != nil {
		s.readiness(false, *reason, nil)
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"status": "not ready", "reason": *reason})
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.ReadyTimeout)
	defer cancel()
	st, err := s.storeStats(ctx)
	if err != nil {
		// The reason stays generic: /readyz is often reachable by anyone,
		// and the store's error is for the log.
		s.readiness(false, "store unreachable", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"status": "not ready", "reason": "store unreachable"})
		return
	}
	s.readiness(true, "", nil)
	writeJSON(w, http.StatusOK, map[string]any{
		"status": "ready", "documents": st.Plans + st.LoadedReports, "tasks": st.Tasks, "units": st.Units,
	})
}

// readiness logs when the server becomes ready or stops being so; probes
// every few seconds would otherwise fill the log.
func (s *Server) readiness(ready bool, reason string, err error) {
	state := int32(stateNotReady)
	if ready {
		state = stateReady
	}
	if s.readyState.Swap(state) == state {
		return
	}
	if ready {
		s.log.Info("readyz: ready")
		return
	}
	if err != nil {
		s.log.Warn("readyz: not ready", "reason", reason, "err", err)
		return
	}
	s.log.Warn("readyz: not ready", "reason", reason)
}

// Readiness as last reported by /readyz; the zero value is "not probed yet",
// so that the first answer is logged whatever it is.
const (
	stateReady = iota + 1
	stateNotReady
)

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}
