package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/resolvers/apitest"
	"github.com/dutygraph/dutygraph/server"
)

// hostileStrings are arguments no dashboard sends: quoting and escaping
// characters, Cypher and SQL meant to break out of a query, template and
// lookup syntax, direction overrides and invisible characters, and a
// string close to the body limit.
func hostileStrings() map[string]string {
	return map[string]string{
		"quotes and braces": `"'"}{"\"{}\\'`,
		"backslashes":       strings.Repeat(`\`, 64) + `\u0000\n`,
		"dollar":            `$name $$ ${jndi:ldap://x} {{7*7}}`,
		"cypher":            `'}) MATCH (n) DETACH DELETE n //`,
		"cypher param":      `市发改委"}) RETURN $ns //`,
		"sql":               `'; DROP TABLE units; --`,
		"sql or":            `' OR '1'='1`,
		"rtl override":      "\u202e市发改委",
		"zero width":        "市发\u200b改委",
		"nul and controls":  "市\x00发\x1b改\x7f委",
		"regexp":            `.*(a+)+$[`,
		"cursor-like":       "ZHV0eWdyYXBoOi0x",
		"long cjk":          strings.Repeat("市发改委", 80_000), // 960 KB
		"1 MB ascii":        strings.Repeat("x", 1_000_000),
	}
}

// withPath sets the variable at path ("s", "f.text") to v.
func withPath(vars map[string]any, path string, v string) map[string]any {
	if obj, field, ok := strings.Cut(path, "."); ok {
		vars[obj] = map[string]any{field: v}
		return vars
	}
	vars[path] = v
	return vars
}

// TestHostileStrings sends each hostile string as each string argument of
// the API: every answer is a JSON GraphQL answer with data or clear errors
// (not found, bad input), never a 500 or an internal error, and quick.
func TestHostileStrings(t *testing.T) {
	if testing.Short() {
		t.Skip("sends some 40 MB of arguments")
	}
	url := seedServer(t)
	for name, h := range hostileStrings() {
		for _, hq := range apitest.HostileQueries {
			for _, path := range hq.Strings {
				vars := withPath(apitest.BaseVariables(), path, h)
				start := time.Now()
				status, resp := postRaw(t, url, hq.Query, vars)
				took := time.Since(start)
				where := name + " as " + path + " of " + strings.Fields(hq.Query)[3]
				require.Equal(t, http.StatusOK, status, where)
				require.Less(t, took, 3*time.Second, where)
				for _, e := range resp.Errors {
					require.Contains(t, []string{"NOT_FOUND", "BAD_USER_INPUT", "AMBIGUOUS"}, e.Code(), "%s: %s", where, e.Message)
					require.LessOrEqual(t, len(e.Message), 1200, "%s: errors do not echo a megabyte", where)
				}
			}
		}
	}
}

func TestHostileStringsFindNothing(t *testing.T) {
	url := seedServer(t)
	for name, h := range hostileStrings() {
		if strings.HasPrefix(name, "1 MB") || strings.HasPrefix(name, "long") {
			continue
		}
		e := apitest.Fail(t, url, `query($s: String!) { unit(name: $s) { id } }`, map[string]any{"s": h})
		require.Equal(t, "NOT_FOUND", e.Code(), name)
		got := apitest.Query[struct{ Units struct{ TotalCount int } }](t, url, `query($s: String) { units(search: $s) { totalCount } }`, map[string]any{"s": h})
		require.Zero(t, got.Units.TotalCount, name)
	}
	// The store is untouched by what was sent.
	got := apitest.Query[struct{ Plans []any }](t, url, `{ plans { id } }`, nil)
	require.Len(t, got.Plans, 4)
}

// TestOneMegabyteArguments: a string just under the body limit is
// answered with a clear, short not-found error; one over it is refused
// with 413 before it is read.
func TestOneMegabyteArguments(t *testing.T) {
	url := seedServer(t)
	under := strings.Repeat("市", (server.DefaultMaxBodyBytes-200)/3)
	status, resp := postRaw(t, url, `query($s: String!) { unit(name: $s) { id } }`, map[string]any{"s": under})
	require.Equal(t, http.StatusOK, status)
	require.Len(t, resp.Errors, 1)
	require.Equal(t, "NOT_FOUND", resp.Errors[0].Code())
	require.True(t, strings.HasPrefix(resp.Errors[0].Message, `unit "市市市`), resp.Errors[0].Message[:40])
	require.Contains(t, resp.Errors[0].Message, "more bytes)")

	// gqlgen's own errors are kept short too, whatever they quote.
	status, resp = postRaw(t, url, `query($y: Int) { plans(year: $y) { id } }`, map[string]any{"y": under})
	require.Equal(t, http.StatusOK, status, "refused before execution, said in the body as application/json does")
	require.Empty(t, resp.Data, "refused before execution")
	require.Len(t, resp.Errors, 1)
	require.LessOrEqual(t, len(resp.Errors[0].Message), 1200)

	over := strings.Repeat("x", server.DefaultMaxBodyBytes)
	status, _ = postRaw(t, url, `query($s: String!) { unit(name: $s) { id } }`, map[string]any{"s": over})
	require.Equal(t, http.StatusRequestEntityTooLarge, status)
}

func postRaw(t *testing.T, url, query string, vars map[string]any) (int, apitest.Response) {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	require.NoError(t, err)
	resp, err := http.Post(url, "application/json", bytes.NewReader(body))
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var out apitest.Response
	if strings.Contains(resp.Header.Get("Content-Type"), "json") {
		require.NoError(t, json.Unmarshal(raw, &out), "not JSON: %.200s", raw)
	}
	return resp.StatusCode, out
}
