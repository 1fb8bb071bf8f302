package resolvers_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/resolvers"
	"github.com/dutygraph/dutygraph/resolvers/apitest"
	"github.com/dutygraph/dutygraph/seeds/seedtest"
)

// FuzzGraphQLVariables sends random JSON as the variables of fixed queries
// to the handler over the seeds. Whatever the variables, the answer is a
// JSON GraphQL response or a clear 4xx refusal: never a 500, never a panic
// (which the recover function would report as INTERNAL_SERVER_ERROR).
// `go test` runs the seed corpus; `go test -fuzz FuzzGraphQLVariables
// ./resolvers/` explores further.
func FuzzGraphQLVariables(f *testing.F) {
	for i := range apitest.HostileQueries {
		for _, vars := range []string{
			`{}`,
			`null`,
			`{"s": "市发改委", "j": "南京市", "from": 2021, "to": 2026}`,
			`{"s": "'}) MATCH (n) DETACH DELETE n //", "j": "南京市/鼓楼区"}`,
			`{"s": "x", "first": -1, "after": "ZHV0eWdyYXBoOi0x", "y": -2147483648}`,
			`{"s": "x", "first": 2147483647, "limit": 0, "m": -5}`,
			`{"f": {"text": "\u202e\u200b", "year": 99999, "roles": ["LEAD", "LEAD"], "unit": "市数据局"}}`,
			`{"g": {"planId": "plan:南京市:2026", "includeCollective": true, "roles": []}, "limit": 100}`,
			`{"s": ["not", "a", "string"], "from": "2021", "to": 1e400}`,
			`{"s": {"$ne": null}, "k": "DEPARTMENT; DROP", "m": "GROWTH"}`,
			`{"f": {"text": "` + strings.Repeat(`\\`, 300) + `"}}`,
			`{"s": "\ud800", "j": "\u0000"}`,
		} {
			f.Add(uint8(i), vars)
		}
	}
	h, err := resolvers.NewHandler(duty.New(seedtest.Store(f)), discardLog(), resolvers.DefaultOptions())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, which uint8, vars string) {
		query, err := json.Marshal(apitest.HostileQueries[int(which)%len(apitest.HostileQueries)].Query)
		if err != nil {
			t.Fatal(err)
		}
		body := `{"query":` + string(query) + `,"variables":` + vars + `}`
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)

		if rec.Code >= 500 {
			t.Fatalf("status %d for variables %s: %s", rec.Code, vars, rec.Body)
		}
		var resp apitest.Response
		if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
			t.Fatalf("answer is not JSON for variables %s: %s", vars, rec.Body)
		}
		if rec.Code != http.StatusOK && len(resp.Errors) == 0 {
			t.Fatalf("status %d without an error for variables %s", rec.Code, vars)
		}
		for _, e := range resp.Errors {
			if e.Code() == "INTERNAL_SERVER_ERROR" || e.Message == "" {
				t.Fatalf("unclear error %+v for variables %s", e, vars)
			}
		}
	})
}

// TestHostileQueriesAnswer keeps the fuzz target honest: with ordinary
// variables every one of its queries answers without error, so the fuzzer
// explores resolvers and stores, not the validator.
func TestHostileQueriesAnswer(t *testing.T) {
	url := serve(t, seedtest.Store(t))
	for i, hq := range apitest.HostileQueries {
		q := hq.Query
		resp := apitest.Post(t, url, q, apitest.BaseVariables())
		if i == 7 { // targets: metric "市发改委" is no metric, and says so
			require.Len(t, resp.Errors, 1)
			require.Equal(t, "NOT_FOUND", resp.Errors[0].Code())
			continue
		}
		require.Empty(t, resp.Errors, q)
		require.NotEqual(t, "null", string(resp.Data), q)
	}
}
