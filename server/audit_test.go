package server_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// auditScript runs graphql-http's audit; its package is installed by
// `npm ci` in e2e/ (pinned in e2e/package-lock.json).
const auditScript = "../e2e/graphql-http-audit.mjs"

// TestGraphQLOverHTTPAudit runs the GraphQL-over-HTTP audit of the npm
// package graphql-http against the server over the seeds: every MUST and
// every SHOULD of the spec has to pass. The script prints the counts per
// level (MUST, SHOULD, MAY) and each audit that did not pass.
func TestGraphQLOverHTTPAudit(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node on PATH: install Node.js 20+ to run the graphql-http audit")
	}
	if _, err := os.Stat(filepath.Join("..", "e2e", "node_modules", "graphql-http")); err != nil {
		t.Skip("graphql-http is not installed: run `npm ci` in e2e/ to run the audit")
	}
	url := seedServer(t)
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, node, auditScript, url).CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("graphql-http audit: %v", err)
	}
}
