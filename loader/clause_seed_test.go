package loader_test

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/loader"
	"github.com/dutygraph/dutygraph/seeds"
)

var updateClauses = flag.Bool("update-clauses", false, "rewrite testdata/seed-clauses.golden")

// TestFindClauseSeeds reads every responsibility clause of the four seed
// plans — each on a line holding 主办 — and pins the units read from each in
// testdata/seed-clauses.golden, so a reviewer sees any change to them.
func TestFindClauseSeeds(t *testing.T) {
	plans := []struct {
		file    string
		clauses int
	}{
		{"nanjing-2026-plan.txt", 170},
		{"nanjing-2021-plan.txt", 100},
		{"gulou-2026-plan.txt", 87},
		{"gulou-2025-plan.txt", 84},
	}
	var golden bytes.Buffer
	for _, plan := range plans {
		data, err := seeds.FS.ReadFile(plan.file)
		require.NoError(t, err)
		n := 0
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(nil, 1<<20)
		for line := 1; sc.Scan(); line++ {
			text := sc.Text()
			if !strings.Contains(text, "主办") {
				continue
			}
			n++
			c, ok := loader.FindClause(text)
			require.True(t, ok, "%s:%d: no clause", plan.file, line)
			require.True(t, c.Bracketed, "%s:%d", plan.file, line)
			require.Empty(t, c.Problems, "%s:%d", plan.file, line)
			require.NotEmpty(t, c.Leads, "%s:%d", plan.file, line)
			for _, name := range append(c.Leads, c.Cooperators...) {
				require.Contains(t, text[c.Start:], name, "%s:%d: name not as written", plan.file, line)
			}
			fmt.Fprintf(&golden, "%s:%d: %s | %s\n", plan.file, line, strings.Join(c.Leads, "、"), strings.Join(c.Cooperators, "、"))
		}
		require.NoError(t, sc.Err())
		require.Equal(t, plan.clauses, n, plan.file)
	}
	path := filepath.Join("testdata", "seed-clauses.golden")
	if *updateClauses {
		require.NoError(t, os.WriteFile(path, golden.Bytes(), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -run TestFindClauseSeeds -update-clauses to create it")
	require.Equal(t, string(want), golden.String())
}
