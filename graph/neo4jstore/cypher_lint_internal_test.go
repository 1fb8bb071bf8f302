package neo4jstore

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
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

// lintScript lints Cypher with Neo4j's own parser and semantic analysis;
// its package is installed by `npm ci` in e2e/ (pinned in
// e2e/package-lock.json).
const lintScript = "../../e2e/cypher-lint.mjs"

// TestCypherLint hands every statement of the package to Neo4j's Cypher
// parser and semantic analysis (@neo4j-cypher/language-support, the one
// Neo4j's editors use) as Cypher 5: a syntax error, an undefined variable
// or a type error shows here, on a machine without Neo4j, rather than on a
// live server. It proves nothing about answers or plans: the conformance
// suite and PROFILE on a live Neo4j do. The analysis takes about 0.1 s a
// statement, so the statements are split among a node process per CPU,
// and the race build, which would only run the same node again, skips it.
func TestCypherLint(t *testing.T) {
	if race.Enabled {
		t.Skip("the Cypher is linted by the plain build")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node on PATH: install Node.js 20+ to lint the Cypher")
	}
	if _, err := os.Stat(filepath.Join("..", "..", "e2e", "node_modules", "@neo4j-cypher", "language-support")); err != nil {
		t.Skip("@neo4j-cypher/language-support is not installed: run `npm ci` in e2e/ to lint the Cypher")
	}
	statements := slices.Sorted(maps.Keys(allStatements))
	shards := min(runtime.GOMAXPROCS(0), 4)
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	outs := make([][]byte, shards)
	errs := make([]error, shards)
	var wg sync.WaitGroup
	for i := range shards {
		var shard []string
		for j := i; j < len(statements); j += shards {
			shard = append(shard, statements[j])
		}
		data, err := json.Marshal(shard)
		require.NoError(t, err)
		file := filepath.Join(t.TempDir(), fmt.Sprintf("statements-%d.json", i))
		require.NoError(t, os.WriteFile(file, data, 0o644))
		wg.Go(func() {
			outs[i], errs[i] = exec.CommandContext(ctx, node, lintScript, file).CombinedOutput()
		})
	}
	wg.Wait()
	for i := range shards {
		t.Logf("%s", outs[i])
		require.NoError(t, errs[i], "Neo4j's Cypher analysis found errors (above)")
	}
}
