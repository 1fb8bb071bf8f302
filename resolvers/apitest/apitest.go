// Package apitest helps tests talk to the GraphQL API over HTTP: it posts a
// query and decodes the answer, keeping data and errors apart so that a test
// asserts on each.
package apitest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

// Response is a GraphQL response.
type Response struct {
	Data   json.RawMessage `json:"data"`
	Errors []Error         `json:"errors"`
}

// Error is one GraphQL error.
type Error struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// Code is the error's extensions.code, "" when it has none.
func (e Error) Code() string {
	code, _ := e.Extensions["code"].(string)
	return code
}

// Post sends query with variables (nil for none) to the GraphQL endpoint
// url and returns the decoded response. Transport failures and non-JSON
// answers fail the test; GraphQL errors are the caller's to assert.
func Post(t testing.TB, url, query string, variables map[string]any) Response {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": variables})
	require.NoError(t, err)
	resp, err := http.Post(url, "application/json", bytes.NewReader(body))
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var out Response
	require.NoError(t, json.Unmarshal(raw, &out), "response is not JSON: %s", raw)
	return out
}

// Query posts query, requires it to succeed, and decodes its data into a
// value of type T.
func Query[T any](t testing.TB, url, query string, variables map[string]any) T {
	t.Helper()
	resp := Post(t, url, query, variables)
	require.Empty(t, resp.Errors, "query %s", query)
	var data T
	require.NoError(t, json.Unmarshal(resp.Data, &data))
	return data
}

// Fail posts query, requires exactly one error, and returns it.
func Fail(t testing.TB, url, query string, variables map[string]any) Error {
	t.Helper()
	resp := Post(t, url, query, variables)
	require.Len(t, resp.Errors, 1, "query %s: data %s", query, resp.Data)
	return resp.Errors[0]
}
