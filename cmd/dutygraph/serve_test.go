package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/resolvers/apitest"
)

// lockedBuffer collects a command's output while the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var listeningURL = regexp.MustCompile(`msg=listening url=(http://\S+)/graphql`)

// startServe runs `dutygraph serve ARGS` on a free port and returns its base
// URL, the log, and a function that stops it and returns its error.
func startServe(t *testing.T, args ...string) (base string, log *lockedBuffer, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	log = &lockedBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), io.Discard, log)
	}()
	stopped := false
	stop = func() error {
		if stopped {
			return nil
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(30 * time.Second):
			t.Fatal("serve did not stop after its context was cancelled")
			return nil
		}
	}
	t.Cleanup(func() { _ = stop() })

	require.Eventually(t, func() bool { return listeningURL.MatchString(log.String()) }, 10*time.Second, 10*time.Millisecond,
		"serve never logged its URL: %s", log)
	return listeningURL.FindStringSubmatch(log.String())[1], log, stop
}

// waitHealthy waits until /readyz says the graph is loaded.
func waitHealthy(t *testing.T, base string) {
	t.Helper()
	require.Eventually(t, func() bool {
		resp, err := http.Get(base + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	}, 30*time.Second, 20*time.Millisecond)
}

func TestServeBundledSeeds(t *testing.T) {
	ownData(t)
	base, log, stop := startServe(t)
	waitHealthy(t, base)

	got := apitest.Query[struct {
		CoOwnership []struct {
			A, B        struct{ Name string }
			SharedTasks int
		}
	}](t, base+"/graphql", `{ coOwnership(limit: 1) { a { name } b { name } sharedTasks } }`, nil)
	require.Equal(t, "市发改委", got.CoOwnership[0].A.Name)
	require.Equal(t, "市工信局", got.CoOwnership[0].B.Name)
	require.Equal(t, 29, got.CoOwnership[0].SharedTasks)

	require.NoError(t, stop(), "a cancelled serve exits cleanly")
	require.Contains(t, log.String(), `msg="corpus loaded" documents=5 tasks=441`)
	require.Contains(t, log.String(), "failed=0")
	require.Contains(t, log.String(), "msg=stopped")
}

// TestServeSeedsDir loads a directory holding one good document and one
// that is not a plan: the good one serves, the bad one is logged by name.
func TestServeSeedsDir(t *testing.T) {
	dir := t.TempDir()
	plan, err := os.ReadFile(filepath.Join("..", "..", "seeds", "nanjing-2021-plan.txt"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "nanjing-2021-plan.txt"), plan, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("会议纪要，没有任务。\n"), 0o644))

	base, log, stop := startServe(t, "--seeds", dir)
	waitHealthy(t, base)
	got := apitest.Query[struct{ Plans []struct{ Year int } }](t, base+"/graphql", `{ plans { year } }`, nil)
	require.Equal(t, []struct{ Year int }{{2021}}, got.Plans)
	require.NoError(t, stop())
	require.Regexp(t, `level=ERROR msg="not loaded" file=notes.txt`, log.String())
	require.Contains(t, log.String(), "documents=1")
}

func TestServeUsage(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr string // "" for success
		stderr  string
	}{
		{"help", []string{"serve", "-h"}, "", "GET /healthz"},
		{"unknown flag", []string{"serve", "--port", "80"}, errUsageShown.Error(), "flag provided but not defined"},
		{"stray argument", []string{"serve", "seeds/"}, `unexpected argument "seeds/"`, "Usage: dutygraph serve"},
		{"missing seeds dir", []string{"serve", "--seeds", "/nonexistent/seeds"}, "/nonexistent/seeds", ""},
		{"bad address", []string{"serve", "--addr", "127.0.0.1:99999"}, "99999", ""},
		{"bad store", []string{"serve", "--store", "sqlite"}, "sqlite", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			err := run(context.Background(), tt.args, io.Discard, &stderr)
			if tt.wantErr == "" {
				require.NoError(t, err)
			} else {
				require.ErrorContains(t, err, tt.wantErr)
			}
			require.Contains(t, stderr.String(), tt.stderr)
		})
	}
}
