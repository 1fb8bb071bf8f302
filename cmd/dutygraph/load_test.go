package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestLoadSeeds(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"load", filepath.Join("..", "..", "seeds")}, &stdout, &stderr)
	require.NoError(t, err, stderr.String())
	for _, want := range []string{
		"nanjing-2026-plan.txt: plan of 南京市 2026", "170 tasks",
		"nanjing-2021-plan.txt: plan of 南京市 2021", "100 tasks",
		"gulou-2026-plan.txt: plan of 南京市/鼓楼区 2026", "87 tasks",
		"gulou-2025-plan.txt: plan of 南京市/鼓楼区 2025", "84 tasks",
		"nanjing-2024-report.txt: report of 南京市 2024",
		"loaded 5 documents, 441 tasks",
	} {
		require.Contains(t, stdout.String(), want)
	}
}

// TestLoadFailures: a failing file is named with its error, the others
// still load, and the command fails.
func TestLoadFailures(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	require.NoError(t, os.WriteFile(empty, nil, 0o644))
	good := filepath.Join("..", "..", "seeds", "gulou-2026-plan.txt")
	missing := filepath.Join(dir, "missing.txt")

	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"load", empty, good, missing}, &stdout, &stderr)
	require.ErrorContains(t, err, "2 of 3 documents failed")
	require.Contains(t, stderr.String(), empty)
	require.Contains(t, stderr.String(), missing)
	require.Contains(t, stdout.String(), "gulou-2026-plan.txt: plan of 南京市/鼓楼区 2026")
	require.Contains(t, stdout.String(), "loaded 1 documents, 87 tasks")
	require.Contains(t, stdout.String(), "2 failed")
}

func TestLoadUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"load", "-h"}, &stdout, &stderr))
	require.Contains(t, stderr.String(), "Usage: dutygraph load")

	stderr.Reset()
	err := run(context.Background(), []string{"load"}, &stdout, &stderr)
	require.ErrorContains(t, err, "no files or directories")
	require.Equal(t, 2, exitCode(err))

	stderr.Reset()
	emptyDir := t.TempDir()
	err = run(context.Background(), []string{"load", emptyDir}, &stdout, &stderr)
	require.Error(t, err)
	require.Contains(t, stderr.String(), emptyDir)
	require.Contains(t, stderr.String(), "no documents")
}
