package resolvers_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/internal/race"
	"github.com/dutygraph/dutygraph/resolvers"
	"github.com/dutygraph/dutygraph/resolvers/apitest"
)

// sameNameFields is the attack: n fields of one name with
// different arguments, whose validation listed every conflicting pair.
func sameNameFields(n int) string {
	var b strings.Builder
	b.WriteString("{")
	for i := range n {
		fmt.Fprintf(&b, `unit(name:"u%d"){id} `, i)
	}
	return b.String() + "}"
}

// nestedRepeats repeats a field n times, each with n repeated fields: few
// fields per set, but n² fields of one name once the sets merge.
func nestedRepeats(n int) string {
	return "{" + strings.Repeat(`unit(name:"x") { `+strings.Repeat("id ", n)+"} ", n) + "}"
}

// fragmentBomb spreads each of n fragments twice in the next: 2^n fields
// in a few hundred bytes.
func fragmentBomb(n int) string {
	var b strings.Builder
	b.WriteString(`{ unit(name:"x") { ...F0 } } fragment F0 on Unit { id }`)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, " fragment F%d on Unit { ...F%d ...F%d }", i, i-1, i-1)
	}
	return strings.Replace(b.String(), "...F0 }", fmt.Sprintf("...F%d }", n), 1)
}

// hostileRequest posts query the way a client expecting GraphQL responses
// does, and returns the status and the raw answer.
func hostileRequest(t *testing.T, url, query string) (int, []byte) {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": query})
	require.NoError(t, err)
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/graphql-response+json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, raw
}

func totalAlloc() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}

// whileNormalQueries runs attack while another client asks an ordinary
// query again and again, requiring each ordinary answer to be right and
// at least one to arrive during the attack.
func whileNormalQueries(t *testing.T, url string, attack func()) {
	t.Helper()
	done := make(chan struct{})
	answered := make(chan int)
	go func() {
		n := 0
		defer func() { answered <- n }()
		for {
			select {
			case <-done:
				return
			default:
			}
			got := apitest.Query[struct{ Reports []struct{ ID string } }](t, url, `{ reports { id } }`, nil)
			if len(got.Reports) == 0 {
				t.Error("an ordinary query lost its answer during the attack")
				return
			}
			n++
		}
	}()
	attack()
	close(done)
	require.Positive(t, <-answered, "no ordinary query answered during the attack")
}

// TestBoundsRefuseAttacks sends each attack four times at once: each is
// refused with a short answer in well under a second, the server's memory
// stays small, and an ordinary query keeps answering. Before these bounds,
// the 1,100 fields of one name took 3.5 s and a 147 MB answer (1.4 GB of
// memory), the 8,000 repeated fields 17 s of CPU.
func TestBoundsRefuseAttacks(t *testing.T) {
	url := serve(t, fixtureStore(t))
	for _, tc := range []struct {
		name, query, want string
	}{
		{"1,100 fields of one name", sameNameFields(1100), "the query has 2200 fields"},
		{"8,000 repeated fields", "{ reports { " + strings.Repeat("id ", 8000) + "} }", "the query has 8001 fields"},
		{"31 by 31 repeated fields", nestedRepeats(31), `the query asks for "id" 961 times in one selection set`},
		{"fragments doubling 60 times", fragmentBomb(60), "the query has over 1099511627776 fields"},
		{"200 fields of one alias", "{" + strings.Repeat("a: reports { id } ", 200) + "}", `the query asks for "a" 200 times in one selection set`},
		{"a wide selection set", "{ reports { " + func() string {
			var b strings.Builder
			for i := range 600 {
				fmt.Fprintf(&b, "f%d: id ", i)
			}
			return b.String()
		}() + "} }", "a selection set of the query has 600 fields"},
		{"a fragment cycle beside repeated fields", nestedRepeats(31) + " fragment C on Unit { successors { ...C } }", `Cannot spread fragment "C" within itself.`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			heapBefore, allocBefore := liveHeap(), totalAlloc()
			whileNormalQueries(t, url, func() {
				var wg sync.WaitGroup
				for range 4 {
					wg.Go(func() {
						start := time.Now()
						status, raw := hostileRequest(t, url, tc.query)
						took := time.Since(start)
						require.Equal(t, http.StatusBadRequest, status, "refused before execution")
						require.Less(t, took, race.Scaled(time.Second))
						require.Less(t, len(raw), 1024, "%s", raw)
						var resp apitest.Response
						require.NoError(t, json.Unmarshal(raw, &resp))
						require.Len(t, resp.Errors, 1)
						require.Contains(t, resp.Errors[0].Message, tc.want)
					})
				}
				wg.Wait()
			})
			allocated := totalAlloc() - allocBefore
			require.Less(t, allocated, uint64(64<<20), "allocated %d MB", allocated>>20)
			require.Less(t, int64(liveHeap())-int64(heapBefore), int64(8<<20), "live heap grew")
		})
	}
}

// TestErrorsCapped: 4,000 unknown directives were answered with each
// error, 533 KB; now with the first MaxErrors and a count of the rest.
func TestErrorsCapped(t *testing.T) {
	url := serve(t, fixtureStore(t))
	q := "{ reports " + strings.Repeat("@x ", 4000) + "{ id } }"
	start := time.Now()
	status, raw := hostileRequest(t, url, q)
	require.Less(t, time.Since(start), race.Scaled(time.Second))
	require.Equal(t, http.StatusBadRequest, status, "a validation failure")
	require.Less(t, len(raw), 4096)
	var resp apitest.Response
	require.NoError(t, json.Unmarshal(raw, &resp))
	require.Len(t, resp.Errors, resolvers.DefaultMaxErrors+1)
	require.Equal(t, `Unknown directive "@x".`, resp.Errors[0].Message)
	require.Regexp(t, `^and \d+ more, not shown$`, resp.Errors[resolvers.DefaultMaxErrors].Message)

	opts := resolvers.DefaultOptions()
	opts.MaxErrors = 2
	resp = apitest.Post(t, serveWith(t, fixtureStore(t), discardLog(), opts), `{ a: unit(name: "x") { id } b: unit(name: "y") { id } c: unit(name: "z") { id } }`, nil)
	require.Len(t, resp.Errors, 3, "execution errors are capped too")
	require.Equal(t, "and 1 more, not shown", resp.Errors[2].Message)
	require.JSONEq(t, `{"a": null, "b": null, "c": null}`, string(resp.Data))
}

func TestAnswerSizeCap(t *testing.T) {
	const q = `{ reports { id } }`
	require.Empty(t, apitest.Post(t, serve(t, fixtureStore(t)), q, nil).Errors)

	opts := resolvers.DefaultOptions()
	opts.MaxAnswerBytes = 64
	status, raw := hostileRequest(t, serveWith(t, fixtureStore(t), discardLog(), opts), q)
	require.Equal(t, http.StatusOK, status, "the operation ran")
	var resp apitest.Response
	require.NoError(t, json.Unmarshal(raw, &resp))
	require.Equal(t, "null", string(resp.Data))
	require.Len(t, resp.Errors, 1)
	require.Equal(t, "ANSWER_TOO_LARGE", resp.Errors[0].Code())
	require.Regexp(t, `^the answer would be \d+ bytes, more than the limit of 64; ask for fewer fields or smaller pages$`, resp.Errors[0].Message)
}

func TestFieldBoundsConfigurable(t *testing.T) {
	opts := resolvers.DefaultOptions()
	opts.MaxFields, opts.MaxSelectionFields, opts.MaxRepeatedFields = 5, 2, 1
	url := serveWith(t, fixtureStore(t), discardLog(), opts)
	require.Empty(t, apitest.Post(t, url, `{ reports { id year } }`, nil).Errors)
	for q, want := range map[string]string{
		`{ reports { id year jurisdiction } }`:                                                 "a selection set of the query has 3 fields (aliases and fragments included), more than the limit of 2",
		`{ reports { id year } plans { id year } }`:                                            "the query has 6 fields",
		`{ reports { id } } fragment R on Report { id year } fragment S on Report { id year }`: "the query has 6 fields",
		`{ reports { id ...R } } fragment R on Report { id }`:                                  `the query asks for "id" 2 times in one selection set`,
	} {
		e := apitest.Fail(t, url, q, nil)
		require.Equal(t, "FIELD_LIMIT_EXCEEDED", e.Code(), q)
		require.Contains(t, e.Message, want, q)
	}
}

// TestIntVariablesNamed: an Int variable that is not one is refused
// naming what was sent, as the same literal in the query is; gqlparser
// alone said "cannot use value 0 as Int".
func TestIntVariablesNamed(t *testing.T) {
	url := serve(t, fixtureStore(t))
	const q = `query($first: Int) { units(first: $first) { totalCount } }`
	for v, want := range map[string]string{
		"1e30":       "Int cannot represent non-integer value: 1e30",
		"2.5":        "Int cannot represent non-integer value: 2.5",
		"3000000000": "Int cannot represent non 32-bit signed integer value: 3000000000",
	} {
		resp := apitest.Post(t, url, q, map[string]any{"first": json.Number(v)})
		require.Len(t, resp.Errors, 1, v)
		require.Equal(t, want, resp.Errors[0].Message)
		require.Equal(t, []any{"variable", "first"}, resp.Errors[0].Path)
		require.Equal(t, "GRAPHQL_VALIDATION_FAILED", resp.Errors[0].Code())
	}
	require.Empty(t, apitest.Post(t, url, q, map[string]any{"first": 5}).Errors)
	require.Equal(t, "Int cannot represent non-integer value: 1e30",
		apitest.Fail(t, url, `{ units(first: 1e30) { totalCount } }`, nil).Message, "the literal's words")
}

// TestBoundsPassRealQueries: the defaults pass what the IDE (GraphiQL's
// introspection and the example tabs) and the viewer send; the README's
// examples run in server's TestReadmeExamples.
func TestBoundsPassRealQueries(t *testing.T) {
	url := serve(t, fixtureStore(t))
	queries := append(webQueries(t), graphiQLIntrospection)
	for _, q := range queries {
		resp := apitest.Post(t, url, q, map[string]any{"q": "市", "name": "市发改委", "units": []string{"x"}})
		for _, e := range resp.Errors {
			require.NotContains(t, []string{"FIELD_LIMIT_EXCEEDED", "ANSWER_TOO_LARGE", "GRAPHQL_VALIDATION_FAILED"}, e.Code(), "%s: %s", q, e.Message)
		}
	}
}

// webQueries are the GraphQL queries of the web pages' sources: their
// template literals that begin like a query, with the constants they
// interpolate filled in and each condition taken as true (asking more).
func webQueries(t *testing.T) []string {
	t.Helper()
	var queries []string
	viewer, err := filepath.Glob(filepath.Join("..", "web", "src", "viewer", "*.js"))
	require.NoError(t, err)
	for _, file := range append([]string{filepath.Join("..", "web", "src", "examples.js"), filepath.Join("..", "web", "src", "viewer.js")}, viewer...) {
		src, err := os.ReadFile(file)
		require.NoError(t, err)
		consts := map[string]string{}
		for _, m := range regexp.MustCompile("const (\\w+) = (?:`([^`]*)`|(\\d+);)").FindAllStringSubmatch(string(src), -1) {
			consts[m[1]] = m[2] + m[3]
		}
		fill := regexp.MustCompile(`\$\{(\w+)\}`)
		cond := regexp.MustCompile(`\$\{\w+ \? '([^']*)' : '[^']*'\}`)
		for _, m := range regexp.MustCompile("`([^`]*)`").FindAllStringSubmatch(string(src), -1) {
			q := strings.TrimSpace(m[1])
			if !strings.HasPrefix(q, "#") && !strings.HasPrefix(q, "query") && !strings.HasPrefix(q, "{") {
				continue
			}
			for range 3 {
				q = fill.ReplaceAllStringFunc(q, func(s string) string { return consts[s[2:len(s)-1]] })
			}
			queries = append(queries, cond.ReplaceAllString(q, "$1"))
		}
	}
	require.GreaterOrEqual(t, len(queries), 9, "the examples and the viewer's queries")
	return queries
}

// graphiQLIntrospection is the introspection query of the IDE's GraphiQL
// (graphql-js 16's getIntrospectionQuery with every option on and its
// default type depth of 9), the largest query a client of ours sends.
const graphiQLIntrospection = `query IntrospectionQuery {
  __schema {
    description
    queryType { name kind }
    mutationType { name kind }
    subscriptionType { name kind }
    types { ...FullType }
    directives { name description isRepeatable locations args(includeDeprecated: true) { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description specifiedByURL isOneOf
  fields(includeDeprecated: true) {
    name description
    args(includeDeprecated: true) { ...InputValue }
    type { ...TypeRef }
    isDeprecated deprecationReason
  }
  inputFields(includeDeprecated: true) { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue {
  name description type { ...TypeRef } defaultValue isDeprecated deprecationReason
}
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } }
}`
