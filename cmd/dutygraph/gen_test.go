package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestGenThenLoad generates a corpus and loads it with its own registry:
// every task the generator reports is loaded, without a warning, and a
// second run with the same seed writes the same bytes.
func TestGenThenLoad(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	var stdout, stderr bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"gen", "--seed", "5", "--tasks", "2500", "--out", dir}, &stdout, &stderr), stderr.String())
	require.Contains(t, stdout.String(), "2500 tasks")

	stdout.Reset()
	require.NoError(t, run(context.Background(), []string{"load", "--registry", dir, dir}, &stdout, &stderr), stderr.String())
	require.Contains(t, stdout.String(), "2500 tasks, 0 warnings")

	// A directory brings its own registry when --registry is not given.
	stdout.Reset()
	require.NoError(t, run(context.Background(), []string{"load", dir}, &stdout, &stderr), stderr.String())
	require.Contains(t, stdout.String(), "2500 tasks, 0 warnings")

	again := filepath.Join(t.TempDir(), "again")
	require.NoError(t, run(context.Background(), []string{"gen", "--seed", "5", "--tasks", "2500", "--out", again}, &stdout, &stderr))
	for _, name := range []string{"units.yaml", "jurisdictions.yaml", "c000/c000-2016-plan.txt"} {
		a, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		b, err := os.ReadFile(filepath.Join(again, name))
		require.NoError(t, err)
		require.Equal(t, a, b, name)
	}
}

func TestGenUsage(t *testing.T) {
	for name, tc := range map[string]struct {
		args []string
		want string
	}{
		"no out":        {[]string{"gen", "--tasks", "10"}, "--out DIR is required"},
		"no size":       {[]string{"gen", "--out", "x"}, "one of --tasks N and --plans N"},
		"both sizes":    {[]string{"gen", "--tasks", "10", "--plans", "1", "--out", "x"}, "one of --tasks N and --plans N"},
		"extra":         {[]string{"gen", "--tasks", "10", "--out", "x", "y"}, `unexpected argument "y"`},
		"unknown flags": {[]string{"gen", "--size", "3"}, "usage shown"},
	} {
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), tc.args, &stdout, &stderr)
			require.ErrorContains(t, err, tc.want)
			require.Equal(t, 2, exitCode(err))
		})
	}
	var stdout, stderr bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"gen", "-h"}, &stdout, &stderr))
	require.Contains(t, stderr.String(), "Usage: dutygraph gen")
}

func TestGenNonEmptyDir(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "x.txt"), []byte("x"), 0o644))
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"gen", "--plans", "1", "--out", dir}, &stdout, &stderr)
	require.ErrorContains(t, err, "not empty")
	require.Equal(t, 1, exitCode(err))
}
