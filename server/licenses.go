package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"time"

	"github.com/dutygraph/dutygraph"
)

// licenses answers GET /licenses with dutygraph's licence and the notices
// of the third-party software and data in the binary, as plain text: the
// binary is distributed on its own, and these licences ask that their
// texts travel with it. The text changes only with the binary, so clients
// may keep it a day and then revalidate by its ETag.
func licenses() http.Handler {
	body := []byte(dutygraph.Licenses())
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:12]) + `"`
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/plain; charset=utf-8")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "public, max-age=86400")
		h.Set("ETag", etag)
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
	})
}
