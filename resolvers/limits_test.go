package resolvers_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/resolvers"
	"github.com/dutygraph/dutygraph/resolvers/apitest"
)

// nestedSuccessors is a query nesting depth fields: unit, then
// depth-2 successors, then id.
func nestedSuccessors(depth int) string {
	n := depth - 2
	return `{ unit(name: "市大数据管理局") ` + strings.Repeat("{ successors ", n) + "{ id }" + strings.Repeat(" }", n) + " }"
}

func TestDepthLimit(t *testing.T) {
	url := serve(t, fixtureStore(t))

	t.Run("fifty levels refused before execution", func(t *testing.T) {
		resp := apitest.Post(t, url, nestedSuccessors(50), nil)
		require.Len(t, resp.Errors, 1)
		require.Equal(t, "query depth 50 exceeds the limit of 15; ask for fewer nested levels at once", resp.Errors[0].Message)
		require.Equal(t, "DEPTH_LIMIT_EXCEEDED", resp.Errors[0].Code())
		require.Empty(t, resp.Data, "nothing ran: the answer has no data entry")
	})
	t.Run("at the limit runs", func(t *testing.T) {
		resp := apitest.Post(t, url, nestedSuccessors(resolvers.DefaultMaxDepth), nil)
		require.Empty(t, resp.Errors)
		require.Contains(t, string(resp.Data), `"unit"`)
	})
	t.Run("one over the limit", func(t *testing.T) {
		resp := apitest.Post(t, url, nestedSuccessors(resolvers.DefaultMaxDepth+1), nil)
		require.Len(t, resp.Errors, 1)
		require.Contains(t, resp.Errors[0].Message, "query depth 16 exceeds the limit of 15")
	})
	t.Run("fragments count", func(t *testing.T) {
		// Each fragment adds three levels; spread twice per level so that a
		// walk without memory would visit 2^n paths.
		q := `{ unit(name: "市大数据管理局") { ...F5 } }
		fragment F5 on Unit { successors { successors { successors { ...F4 } } } predecessors { ...F4 } }
		fragment F4 on Unit { successors { successors { successors { ...F3 } } } predecessors { ...F3 } }
		fragment F3 on Unit { successors { successors { successors { ...F2 } } } predecessors { ...F2 } }
		fragment F2 on Unit { successors { successors { successors { ...F1 } } } predecessors { ...F1 } }
		fragment F1 on Unit { ... on Unit { successors { successors { successors { id } } } } }`
		resp := apitest.Post(t, url, q, nil)
		require.Len(t, resp.Errors, 1)
		require.Contains(t, resp.Errors[0].Message, "query depth 17 exceeds the limit of 15")
	})
	t.Run("introspection does not count", func(t *testing.T) {
		resp := apitest.Post(t, serveWith(t, fixtureStore(t), discardLog(), withDepth(3)), introspectionQuery, nil)
		require.Empty(t, resp.Errors)
	})
	t.Run("configurable", func(t *testing.T) {
		small := serveWith(t, fixtureStore(t), discardLog(), withDepth(3))
		require.Empty(t, apitest.Post(t, small, `{ unit(name: "市大数据管理局") { successors { id } } }`, nil).Errors)
		resp := apitest.Post(t, small, `{ unit(name: "市大数据管理局") { successors { successors { id } } } }`, nil)
		require.Len(t, resp.Errors, 1)
		require.Contains(t, resp.Errors[0].Message, "query depth 4 exceeds the limit of 3")
	})
}

func withDepth(n int) resolvers.Options {
	o := resolvers.DefaultOptions()
	o.MaxDepth = n
	return o
}

func discardLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestComplexityLimitConfigurable(t *testing.T) {
	const q = `{ units(first: 100) { edges { node { tasks(first: 100) { edges { node { id } } } } } } }`
	resp := apitest.Post(t, serve(t, fixtureStore(t)), q, nil)
	require.Len(t, resp.Errors, 1)
	require.Contains(t, resp.Errors[0].Message, "exceeds the limit of 20000")
	require.Equal(t, "COMPLEXITY_LIMIT_EXCEEDED", resp.Errors[0].Code())

	opts := resolvers.DefaultOptions()
	opts.MaxComplexity = 50
	small := serveWith(t, fixtureStore(t), discardLog(), opts)
	resp = apitest.Post(t, small, `{ units(first: 100) { edges { node { id } } } }`, nil)
	require.Len(t, resp.Errors, 1)
	require.Contains(t, resp.Errors[0].Message, "exceeds the limit of 50")
	require.Empty(t, apitest.Post(t, small, `{ units(first: 10) { edges { node { id } } } }`, nil).Errors)
}

func TestTokenLimit(t *testing.T) {
	opts := resolvers.DefaultOptions()
	opts.MaxTokens = 100
	url := serveWith(t, fixtureStore(t), discardLog(), opts)
	q := "{ reports { id " + strings.Repeat("id ", 200) + "} }"
	resp := apitest.Post(t, url, q, nil)
	require.Len(t, resp.Errors, 1)
	require.Contains(t, resp.Errors[0].Message, "token limit")
}

func TestOptionsValidate(t *testing.T) {
	require.NoError(t, resolvers.DefaultOptions().Validate())
	for _, tc := range []struct {
		change func(*resolvers.Options)
		want   string
	}{
		{func(o *resolvers.Options) { o.MaxDepth = 0 }, "max depth 0"},
		{func(o *resolvers.Options) { o.MaxComplexity = -1 }, "max complexity -1"},
		{func(o *resolvers.Options) { o.MaxTokens = 0 }, "max tokens 0"},
		{func(o *resolvers.Options) { o.MaxPageSize = 0 }, "max page size 0"},
		{func(o *resolvers.Options) { o.PersistedQueries = -1 }, "persisted queries -1"},
	} {
		o := resolvers.DefaultOptions()
		tc.change(&o)
		require.ErrorContains(t, o.Validate(), tc.want)
		_, err := resolvers.NewHandler(duty.New(fixtureStore(t)), discardLog(), o)
		require.ErrorContains(t, err, tc.want, "NewHandler refuses it too")
	}
}

// postAPQ sends an automatic persisted query request: the hash, and the
// query when not "".
func postAPQ(t *testing.T, url, hash, query string) apitest.Response {
	t.Helper()
	req := map[string]any{"extensions": map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hash}}}
	if query != "" {
		req["query"] = query
	}
	body, err := json.Marshal(req)
	require.NoError(t, err)
	resp, err := http.Post(url, "application/json", bytes.NewReader(body))
	require.NoError(t, err)
	defer resp.Body.Close()
	var out apitest.Response
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	return out
}

func sha(q string) string {
	sum := sha256.Sum256([]byte(q))
	return hex.EncodeToString(sum[:])
}

func TestAutomaticPersistedQueries(t *testing.T) {
	url := serve(t, fixtureStore(t))
	const q = `query Dashboard { plans { id year } }`

	resp := postAPQ(t, url, sha(q), "")
	require.Len(t, resp.Errors, 1, "an unknown hash alone")
	require.Equal(t, "PersistedQueryNotFound", resp.Errors[0].Message)
	require.Equal(t, "PERSISTED_QUERY_NOT_FOUND", resp.Errors[0].Code())

	resp = postAPQ(t, url, sha(q), q)
	require.Empty(t, resp.Errors, "hash and query register it")
	want := string(resp.Data)
	require.Contains(t, want, `"plans"`)

	resp = postAPQ(t, url, sha(q), "")
	require.Empty(t, resp.Errors, "the hash alone now runs it")
	require.JSONEq(t, want, string(resp.Data))

	t.Run("wrong hash", func(t *testing.T) {
		resp := postAPQ(t, url, sha("{ reports { id } }"), q)
		require.Len(t, resp.Errors, 1)
		require.Equal(t, "provided APQ hash does not match query", resp.Errors[0].Message)
	})
	t.Run("by GET", func(t *testing.T) {
		ext := `{"persistedQuery":{"version":1,"sha256Hash":"` + sha(q) + `"}}`
		r, err := http.Get(url + "?extensions=" + ext)
		require.NoError(t, err)
		defer r.Body.Close()
		var out apitest.Response
		require.NoError(t, json.NewDecoder(r.Body).Decode(&out))
		require.Empty(t, out.Errors)
		require.JSONEq(t, want, string(out.Data))
	})
	t.Run("long queries run but are not kept", func(t *testing.T) {
		long := q + strings.Repeat(" ", 40<<10)
		require.Empty(t, postAPQ(t, url, sha(long), long).Errors)
		require.Equal(t, "PersistedQueryNotFound", postAPQ(t, url, sha(long), "").Errors[0].Message)
	})
	t.Run("off", func(t *testing.T) {
		opts := resolvers.DefaultOptions()
		opts.PersistedQueries = 0
		off := serveWith(t, fixtureStore(t), discardLog(), opts)
		resp := postAPQ(t, off, sha(q), "")
		require.NotEmpty(t, resp.Errors)
		require.NotEqual(t, "PersistedQueryNotFound", resp.Errors[0].Message)
	})
}

func TestIntrospectionOff(t *testing.T) {
	opts := resolvers.DefaultOptions()
	opts.Introspection = false
	url := serveWith(t, fixtureStore(t), discardLog(), opts)
	for _, q := range []string{introspectionQuery, `{ __type(name: "Unit") { name } }`} {
		resp := apitest.Post(t, url, q, nil)
		require.NotEmpty(t, resp.Errors)
		require.Equal(t, "introspection is disabled on this server: __schema and __type cannot be queried", resp.Errors[0].Message)
		require.Equal(t, "INTROSPECTION_DISABLED", resp.Errors[0].Code())
	}
	got := apitest.Query[struct {
		Reports []struct {
			Typename string `json:"__typename"`
		}
	}](t, url, `{ __typename reports { __typename } }`, nil)
	require.NotNil(t, got.Reports, "__typename is not introspection")
	require.Empty(t, apitest.Post(t, url, `{ reports { id } }`, nil).Errors, "queries still run")
}

// TestReadOnly: the schema has no mutations (nor subscriptions), so a
// request that tries to change data is refused before anything runs.
func TestReadOnly(t *testing.T) {
	url := serve(t, fixtureStore(t))
	got := apitest.Query[struct {
		Schema struct {
			MutationType     *struct{ Name string }
			SubscriptionType *struct{ Name string }
		} `json:"__schema"`
	}](t, url, `{ __schema { mutationType { name } subscriptionType { name } } }`, nil)
	require.Nil(t, got.Schema.MutationType)
	require.Nil(t, got.Schema.SubscriptionType)

	for _, q := range []string{
		`mutation { load(file: "x") }`,
		`mutation Reload { __typename }`,
		`subscription { units { id } }`,
	} {
		resp := apitest.Post(t, url, q, nil)
		require.Len(t, resp.Errors, 1, q)
		require.Contains(t, resp.Errors[0].Message, "Schema does not support operation type", q)
	}
}

func TestMaxPageSizeConfigurable(t *testing.T) {
	resp := apitest.Post(t, serve(t, fixtureStore(t)), `{ units(first: 101) { totalCount } }`, nil)
	require.Len(t, resp.Errors, 1)
	require.Contains(t, resp.Errors[0].Message, "first: 101 is more than the maximum of 100")

	opts := resolvers.DefaultOptions()
	opts.MaxPageSize = 3
	url := serveWith(t, fixtureStore(t), discardLog(), opts)
	for _, q := range []string{
		`{ units(first: 4) { totalCount } }`,
		`{ coOwnership(limit: 4) { sharedTasks } }`,
		`{ tasks(first: 4) { totalCount } }`,
	} {
		resp := apitest.Post(t, url, q, nil)
		require.Len(t, resp.Errors, 1, q)
		require.Contains(t, resp.Errors[0].Message, ": 4 is more than the maximum of 3", q)
		require.Equal(t, "BAD_USER_INPUT", resp.Errors[0].Code())
	}
	got := apitest.Query[struct {
		Units struct {
			TotalCount int
			Edges      []any
		}
	}](t, url, `{ units { totalCount edges { cursor } } }`, nil)
	require.Len(t, got.Units.Edges, 3, "the default page shrinks to the maximum")
	require.Greater(t, got.Units.TotalCount, 3)
}

// TestTaskLinksCost: each continuity or cascade link compares two plans'
// texts, so a page of tasks may ask for them one level deep, but chains of
// links over full pages are refused before any comparison runs.
func TestTaskLinksCost(t *testing.T) {
	url := serve(t, fixtureStore(t))
	require.Empty(t, apitest.Post(t, url, `{ tasks(first: 20) { edges { node { continues { score } cascadesTo { score } } } } }`, nil).Errors)

	const chain = `{ tasks(first: 100) { edges { node { continues { task { continuedBy { task { cascadesTo { task { id } } } } } } } } } }`
	resp := apitest.Post(t, url, chain, nil)
	require.Len(t, resp.Errors, 1)
	require.Equal(t, "COMPLEXITY_LIMIT_EXCEEDED", resp.Errors[0].Code())
}
