package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"regexp"
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
