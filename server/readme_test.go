package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// readmeExample is a ```graphql block of README.md followed by the ```json
// block that states its answer.
var readmeExample = regexp.MustCompile("(?s)```graphql\n(.*?)```\n```json\n(.*?)```")

// TestReadmeExamples asks every query of the README of the seeded server and
// requires the answer the README prints, so the documentation cannot drift
// from what the service says. Error locations are left out of the README.
func TestReadmeExamples(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	examples := readmeExample.FindAllSubmatch(readme, -1)
	require.GreaterOrEqual(t, len(examples), 5, "README examples not found")

	url := seedServer(t)
	for _, ex := range examples {
		query, want := string(ex[1]), ex[2]
		t.Run(query, func(t *testing.T) {
			body, err := json.Marshal(map[string]string{"query": query})
			require.NoError(t, err)
			resp, err := http.Post(url, "application/json", bytes.NewReader(body))
			require.NoError(t, err)
			defer resp.Body.Close()
			got, err := io.ReadAll(resp.Body)
			require.NoError(t, err)
			require.JSONEq(t, string(want), string(withoutLocations(t, got)))
		})
	}
}

// readmeGET is a ```http block of README.md holding one GET, relative to
// the server, followed by the block that states its answer, CSV or JSON.
var readmeGET = regexp.MustCompile("(?s)```http\nGET (\\S+)\n```\n```(csv|json)\n(.*?)```")

// TestReadmeURLs asks every GET of the README (the Dashboards section's
// exports and GraphQL URLs, written as a user pastes them) of the seeded
// server and requires the answer the README prints: the JSON, or the CSV
// exactly, up to a last line "…" where the README leaves the rest out.
// Each must also carry an ETag, as the section says.
func TestReadmeURLs(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	examples := readmeGET.FindAllSubmatch(readme, -1)
	require.GreaterOrEqual(t, len(examples), 3, "README GET examples not found")

	base := strings.TrimSuffix(seedServer(t), "/graphql")
	for _, ex := range examples {
		target, kind, want := string(ex[1]), string(ex[2]), string(ex[3])
		t.Run(target, func(t *testing.T) {
			path, rawQuery, _ := strings.Cut(target, "?")
			query, err := url.ParseQuery(rawQuery)
			require.NoError(t, err)
			resp, err := http.Get(base + path + "?" + query.Encode())
			require.NoError(t, err)
			defer resp.Body.Close()
			got, err := io.ReadAll(resp.Body)
			require.NoError(t, err)
			require.Equal(t, http.StatusOK, resp.StatusCode, string(got))
			require.NotEmpty(t, resp.Header.Get("ETag"))
			if kind == "json" {
				require.JSONEq(t, want, string(got))
				return
			}
			require.Contains(t, resp.Header.Get("Content-Type"), "text/csv")
			if rows, cut := strings.CutSuffix(want, "…\n"); cut {
				require.True(t, strings.HasPrefix(string(got), rows), "the answer starts\n%s\nbut is\n%s", rows, got)
				return
			}
			require.Equal(t, want, string(got))
		})
	}
}

func withoutLocations(t *testing.T, raw []byte) []byte {
	var resp map[string]any
	require.NoError(t, json.Unmarshal(raw, &resp))
	if errs, ok := resp["errors"].([]any); ok {
		for _, e := range errs {
			delete(e.(map[string]any), "locations")
		}
	}
	out, err := json.Marshal(resp)
	require.NoError(t, err)
	return out
}
