package main

import (
	"fmt"
	"log/slog"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/loader"
)

// TestMain keeps the commands under test off the user's data directory:
// a test that does not give its own (t.Setenv("DUTYGRAPH_DATA", …)) shares
// one made for the run.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "dutygraph-test-data-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("DUTYGRAPH_DATA", dir)
	code := m.Run()
	os.RemoveAll(dir)
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// ownData gives the test a data directory of its own and returns it.
func ownData(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("DUTYGRAPH_DATA", dir)
	return dir
}

// mustSource opens the corpus serve would answer from.
func mustSource(t *testing.T, sc storeConfig, seedsPath string) source {
	t.Helper()
	src, err := openSource(sc, seedsPath, "", loader.Overrides{}, "", slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	return src
}
