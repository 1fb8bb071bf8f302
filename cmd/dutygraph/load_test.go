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

// TestLoadReportsCopiesAndLinks: copies of one plan load once, the summary
// counts its tasks once and names the copies, and a symlinked document (a
// ConfigMap mount) loads and is named as followed.
func TestLoadReportsCopiesAndLinks(t *testing.T) {
	dir := t.TempDir()
	plan := mustRead(t, filepath.Join("..", "..", "seeds", "gulou-2026-plan.txt"))
	for _, name := range []string{"a.txt", "b.txt", "c.txt"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), plan, 0o644))
	}
	require.NoError(t, os.Mkdir(filepath.Join(dir, "..data"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "..data", "report.txt"), mustRead(t, filepath.Join("..", "..", "seeds", "nanjing-2024-report.txt")), 0o644))
	require.NoError(t, os.Symlink(filepath.Join("..data", "report.txt"), filepath.Join(dir, "report.txt")))

	var stdout, stderr bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"load", dir}, &stdout, &stderr), stderr.String())
	for _, want := range []string{
		filepath.Join(dir, "b.txt") + ": not loaded: the same text as " + filepath.Join(dir, "a.txt"),
		filepath.Join(dir, "report.txt") + ": symlink to ..data/report.txt, followed",
		"loaded 2 documents, 87 tasks, 1 warnings; 1 files skipped; 2 duplicates counted once; 1 symlinks followed",
	} {
		require.Contains(t, stdout.String(), want)
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	require.NoError(t, err)
	return data
}

// TestSeedsOut writes the bundled seeds for a user to start from, and
// never over a file already there.
func TestSeedsOut(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mine")
	var stdout, stderr bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"seeds", "--out", dir}, &stdout, &stderr), stderr.String())
	for _, name := range []string{"gulou-2026-plan.txt", "nanjing-2024-report.txt", "units.yaml", "jurisdictions.yaml"} {
		require.Equal(t, mustRead(t, filepath.Join("..", "..", "seeds", name)), mustRead(t, filepath.Join(dir, name)))
	}
	err := run(context.Background(), []string{"seeds", "--out", dir}, &stdout, &stderr)
	require.ErrorContains(t, err, "is already there; nothing written")
	err = run(context.Background(), []string{"seeds"}, &stdout, &stderr)
	require.Equal(t, 2, exitCode(err))

	ownData(t)
	stdout.Reset()
	require.NoError(t, run(context.Background(), []string{"load", dir}, &stdout, &stderr), stderr.String())
	require.Contains(t, stdout.String(), "now holds 5 documents, 441 tasks")
}

// TestLoadKeepsShrunkDocument: a new text of a plan that lost most of its
// tasks does not replace the old one, unless forced.
func TestLoadKeepsShrunkDocument(t *testing.T) {
	ownData(t)
	dir := t.TempDir()
	plan := filepath.Join(dir, "gulou-2026-plan.txt")
	full := mustRead(t, filepath.Join("..", "..", "seeds", "gulou-2026-plan.txt"))
	require.NoError(t, os.WriteFile(plan, full, 0o644))
	var stdout, stderr bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"load", plan}, &stdout, &stderr), stderr.String())

	lines := bytes.SplitAfter(full, []byte("\n"))
	require.NoError(t, os.WriteFile(plan, bytes.Join(lines[:20], nil), 0o644))
	stdout.Reset()
	require.NoError(t, run(context.Background(), []string{"load", plan}, &stdout, &stderr), stderr.String())
	require.Contains(t, stdout.String(), plan+": not loaded: it has 2 tasks where plan:南京市/鼓楼区:2026 of "+plan+" had 87; the old text is kept (--force replaces it)")
	require.Contains(t, stdout.String(), "loaded 0 documents, 0 tasks, 0 warnings; 1 shrunk and kept as they were")
	require.Contains(t, stdout.String(), "now holds 1 documents, 87 tasks")

	stdout.Reset()
	require.NoError(t, run(context.Background(), []string{"load", "--force", plan}, &stdout, &stderr), stderr.String())
	require.Contains(t, stdout.String(), "now holds 1 documents, 2 tasks")
}
