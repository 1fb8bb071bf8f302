package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/synth"
)

// TestMeasurements runs the subcommands bench/run uses on a small corpus:
// each prints the figures bench/run reads, and the queries get answers
// without errors (dgbench fails on any GraphQL error).
func TestMeasurements(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "corpus")
	sum, err := synth.Write(dir, synth.Config{Seed: 2, Tasks: 3000})
	require.NoError(t, err)

	var out bytes.Buffer
	require.NoError(t, runParse(ctx, []string{dir}, &out))
	require.Regexp(t, `^parse\t\d+ docs\t3000 tasks\t[\d.]+ MB\t[\d.]+ s\t[\d.]+ MB/s\n$`, out.String())

	out.Reset()
	require.NoError(t, runLoad(ctx, []string{dir}, &out))
	require.Regexp(t, `^load\t[\d.]+ s\npeak_rss\t\d+ MiB\n$`, out.String())

	out.Reset()
	require.NoError(t, runQuery(ctx, []string{"-n", "3", dir}, &out))
	var names []string
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		fields := strings.Split(line, "\t")
		require.Len(t, fields, 5, line)
		require.Equal(t, "inproc", fields[0])
		names = append(names, fields[1])
	}
	require.Equal(t, []string{"first_query", "coOwnership_all_cold", "subject", "coOwnership_collective_cold",
		"workload", "workloadChange", "coOwnership_all_warm", "coOwnership_year", "coOwnership_year_cold",
		"coOwnership_place_year", "coOwnership_place_year_cold", "network", "network_cold", "network_compact", "network_compact_cold"}, names)

	csvDir := filepath.Join(t.TempDir(), "csv")
	out.Reset()
	require.NoError(t, runCSV(ctx, []string{dir, csvDir}, &out))
	require.Contains(t, out.String(), "\t3000 tasks\t")
	tasks, err := os.ReadFile(filepath.Join(csvDir, "tasks.csv"))
	require.NoError(t, err)
	require.Equal(t, sum.Tasks, strings.Count(string(tasks), "\n"))

	if _, err := exec.LookPath("sqlite3"); err != nil {
		t.Skip("sqlite3 not installed: the SQLite half is not tested")
	}
	db := filepath.Join(t.TempDir(), "db.sqlite")
	schema, err := os.Open(filepath.Join("..", "schema.sql"))
	require.NoError(t, err)
	defer schema.Close()
	cmd := exec.Command("sqlite3", "-bail", db)
	cmd.Dir, cmd.Stdin = csvDir, schema
	msg, err := cmd.CombinedOutput()
	require.NoError(t, err, string(msg))
	out.Reset()
	require.NoError(t, runSQLite(ctx, []string{"-run", "5ms", "-p", "UNIT=市发改委", "-p", "JUR=x", "-p", "Y0=2016", "-p", "Y1=2017", db, filepath.Join("..", "queries.sql")}, &out))
	require.Equal(t, 6, strings.Count(out.String(), "\n"), out.String())
}

// TestReload: `dgbench reload` asks the questions before, during and after
// the reloads it asks for (with the admin token), and reports each phase.
func TestReload(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "corpus")
	_, err := synth.Write(dir, synth.Config{Seed: 2, Tasks: 1000})
	require.NoError(t, err)
	store, _, err := loadCorpus(ctx, dir)
	require.NoError(t, err)
	h, err := newHandler(store)
	require.NoError(t, err)
	const token = "a-token-long-enough"
	var reloads atomic.Int32
	mux := http.NewServeMux()
	mux.Handle("/graphql", h)
	mux.HandleFunc("POST /admin/reload", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+token || r.URL.Query().Get("force") != "true" {
			http.Error(w, "unauthorised", http.StatusUnauthorized)
			return
		}
		reloads.Add(1)
		time.Sleep(50 * time.Millisecond)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	var out bytes.Buffer
	require.NoError(t, runReload(ctx, []string{"-reloads", "2", "-quiet", "100ms", "-token", token, srv.URL}, &out))
	require.EqualValues(t, 2, reloads.Load())
	var phases []string
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		fields := strings.Split(line, "\t")
		require.Equal(t, "reload", fields[0], line)
		phases = append(phases, fields[1])
	}
	require.Equal(t, []string{"before", "during", "reload_1", "reload_2", "after"}, phases)

	require.ErrorContains(t, runReload(ctx, []string{"-quiet", "10ms", "-token", "wrong-token-long-enough", srv.URL}, &out), "status 401")
}
