// Package cypherlint runs Cypher statements through Neo4j's own parser and
// semantic analysis (@neo4j-cypher/language-support, what Neo4j's editors
// use; e2e/cypher-lint.mjs drives it), for tests on machines without a
// Neo4j server: a syntax error, an undefined variable or a type error
// fails the test with the statement and the place. It says nothing about
// answers or plans.
package cypherlint

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/internal/race"
)

// e2e is the folder of the lint script and of its npm package, installed
// by `npm ci` there (pinned in e2e/package-lock.json).
var e2e = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "e2e")
}()

// Check lints statements as Cypher 5 (what Neo4j 5.13 and later run). The
// analysis takes about 0.1 s a statement of a few lines, so they are split
// among a node process per CPU (at most four), and a statement that passed
// is remembered (see passed) and not analysed again. Without node or the
// package the test is skipped, saying how to run it; the race build skips
// it too, as it would only run the same node processes again.
func Check(t testing.TB, statements []string) {
	t.Helper()
	if race.Enabled {
		t.Skip("the Cypher is linted by the plain build")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node on PATH: install Node.js 20+ to lint the Cypher")
	}
	manifest, err := os.ReadFile(filepath.Join(e2e, "node_modules", "@neo4j-cypher", "language-support", "package.json"))
	if err != nil {
		t.Skip("@neo4j-cypher/language-support is not installed: run `npm ci` in e2e/ to lint the Cypher")
	}
	require.NotEmpty(t, statements)
	seen := newPassed(manifest)
	statements = slices.DeleteFunc(slices.Clone(statements), seen.has)
	if len(statements) == 0 {
		t.Log("every statement passed before, unchanged")
		return
	}
	shards := min(runtime.GOMAXPROCS(0), 4, len(statements))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	outs := make([][]byte, shards)
	errs := make([]error, shards)
	dir := t.TempDir()
	shardOf := make([][]string, shards)
	var wg sync.WaitGroup
	for i := range shards {
		var shard []string
		for j := i; j < len(statements); j += shards {
			shard = append(shard, statements[j])
		}
		shardOf[i] = shard
		data, err := json.Marshal(shard)
		require.NoError(t, err)
		file := filepath.Join(dir, fmt.Sprintf("statements-%d.json", i))
		require.NoError(t, os.WriteFile(file, data, 0o644))
		wg.Go(func() {
			outs[i], errs[i] = exec.CommandContext(ctx, node, filepath.Join(e2e, "cypher-lint.mjs"), file).CombinedOutput()
		})
	}
	wg.Wait()
	for i := range shards {
		t.Logf("%s", outs[i])
		require.NoError(t, errs[i], "Neo4j's Cypher analysis found errors (above)")
		seen.add(shardOf[i])
	}
}

// passed remembers the statements the analysis passed, in the user's cache
// directory, by the digest of the analyser's package.json (its version)
// and of the statement: the same statement always gets the same verdict,
// so rerunning the tests after a change analyses only what changed. With
// no cache directory nothing is remembered.
type passed struct{ dir string }

func newPassed(manifest []byte) passed {
	cache, err := os.UserCacheDir()
	if err != nil {
		return passed{}
	}
	sum := sha256.Sum256(manifest)
	dir := filepath.Join(cache, "dutygraph", "cypherlint", hex.EncodeToString(sum[:8]))
	if os.MkdirAll(dir, 0o755) != nil {
		return passed{}
	}
	return passed{dir: dir}
}

func (p passed) file(statement string) string {
	sum := sha256.Sum256([]byte(statement))
	return filepath.Join(p.dir, hex.EncodeToString(sum[:]))
}

func (p passed) has(statement string) bool {
	if p.dir == "" {
		return false
	}
	_, err := os.Stat(p.file(statement))
	return err == nil
}

func (p passed) add(statements []string) {
	if p.dir == "" {
		return
	}
	for _, s := range statements {
		_ = os.WriteFile(p.file(s), nil, 0o644) // a cache: a failure costs a later analysis
	}
}
