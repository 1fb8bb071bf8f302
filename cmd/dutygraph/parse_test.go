package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseCommand(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	require.NoError(t, os.WriteFile(empty, nil, 0o644))
	plan := filepath.Join("..", "..", "seeds", "nanjing-2026-plan.txt")
	report := filepath.Join("..", "..", "seeds", "nanjing-2024-report.txt")

	t.Run("json", func(t *testing.T) {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), []string{"parse", "--json", plan, report}, &stdout, &stderr)
		require.NoError(t, err, stderr.String())
		var out struct {
			Documents []struct {
				File     string `json:"file"`
				Kind     string `json:"kind"`
				Year     int    `json:"year"`
				Sections []struct {
					Tasks []json.RawMessage `json:"tasks"`
				} `json:"sections"`
			} `json:"documents"`
		}
		require.NoError(t, json.Unmarshal(stdout.Bytes(), &out))
		require.Len(t, out.Documents, 2)
		require.Equal(t, plan, out.Documents[0].File)
		require.Equal(t, "plan", out.Documents[0].Kind)
		require.Equal(t, "report", out.Documents[1].Kind)
		require.Equal(t, 2024, out.Documents[1].Year)
		n := 0
		for _, s := range out.Documents[0].Sections {
			n += len(s.Tasks)
		}
		require.Equal(t, 170, n)
	})

	t.Run("summary, flags after files", func(t *testing.T) {
		var stdout, stderr bytes.Buffer
		require.NoError(t, run(context.Background(), []string{"parse", report, "--registry", "../../seeds"}, &stdout, &stderr))
		require.Contains(t, stdout.String(), "kind:         report, year 2024")
		require.Contains(t, stdout.String(), "contents:     10 sections, 0 tasks, 8 targets")
		require.Contains(t, stdout.String(), "warning: "+report+": the document has no title")
	})

	t.Run("a bad file is reported, the others still parsed, and the command fails", func(t *testing.T) {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), []string{"parse", "--json", empty, plan}, &stdout, &stderr)
		require.EqualError(t, err, "parse: 1 of 2 files could not be read")
		require.Equal(t, 1, exitCode(err))
		require.Contains(t, stderr.String(), "dutygraph: "+empty+": empty file")
		require.Contains(t, stdout.String(), `"file": "`+plan+`"`)
	})

	t.Run("no files is a usage error", func(t *testing.T) {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), []string{"parse"}, &stdout, &stderr)
		require.Error(t, err)
		require.Equal(t, 2, exitCode(err))
		require.Contains(t, stderr.String(), "Usage: dutygraph parse")
	})

	t.Run("a missing registry directory fails", func(t *testing.T) {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), []string{"parse", "--registry", filepath.Join(dir, "none"), plan}, &stdout, &stderr)
		require.ErrorContains(t, err, "registry")
	})
}
