package resolvers_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/graph/memstore"
	"github.com/dutygraph/dutygraph/graph/storetest"
	"github.com/dutygraph/dutygraph/resolvers"
	"github.com/dutygraph/dutygraph/resolvers/apitest"
)

// exchange is one HTTP request to the GraphQL endpoint and what came back.
type exchange struct {
	status      int
	contentType string
	allow       string
	body        string
}

func send(t *testing.T, method, url, contentType, accept string, body io.Reader) exchange {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	require.NoError(t, err)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return exchange{resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Allow"), string(raw)}
}

func postBody(t *testing.T, url, contentType, accept, body string) exchange {
	t.Helper()
	return send(t, http.MethodPost, url, contentType, accept, strings.NewReader(body))
}

func getQuery(t *testing.T, endpoint, accept string, params url.Values) exchange {
	t.Helper()
	return send(t, http.MethodGet, endpoint+"?"+params.Encode(), "", accept, nil)
}

// answer decodes a JSON answer, keeping whether it has a data entry.
func (e exchange) answer(t *testing.T) (errs []apitest.Error, hasData bool) {
	t.Helper()
	var out map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(e.body), &out), "not JSON: %.200s", e.body)
	if raw, ok := out["errors"]; ok {
		require.NoError(t, json.Unmarshal(raw, &errs))
	}
	_, hasData = out["data"]
	return errs, hasData
}

// refusedBadly asserts e is a refusal before GraphQL with status, one
// BAD_REQUEST error containing words, and no data entry.
func (e exchange) refusedBadly(t *testing.T, status int, words string) {
	t.Helper()
	require.Equal(t, status, e.status, e.body)
	errs, hasData := e.answer(t)
	require.Len(t, errs, 1, e.body)
	require.Equal(t, "BAD_REQUEST", errs[0].Code())
	require.Contains(t, errs[0].Message, words)
	require.False(t, hasData, e.body)
}

const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

func TestAcceptNegotiation(t *testing.T) {
	endpoint := serve(t, memstore.New())
	for _, tc := range []struct{ accept, want string }{
		{"", mediaJSON},
		{"*/*", mediaJSON},
		{"application/*", mediaJSON},
		{mediaJSON, mediaJSON},
		{mediaGraphQLResponse, mediaGraphQLResponse},
		{"application/graphql-response+json, application/json", mediaGraphQLResponse},
		{"application/json, application/graphql-response+json", mediaJSON},
		{"application/json;q=0.9, application/graphql-response+json", mediaGraphQLResponse},
		{"*/*, application/graphql-response+json", mediaGraphQLResponse},
		{"application/json;q=0, */*", mediaGraphQLResponse},
		{"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", mediaJSON},
		{"application/json; charset=utf-8", mediaJSON},
		{"application/json; charset=UTF-8", mediaJSON},
	} {
		e := postBody(t, endpoint, mediaJSON, tc.accept, `{"query":"{ __typename }"}`)
		require.Equal(t, http.StatusOK, e.status, tc.accept)
		require.Equal(t, tc.want, e.contentType, "Accept: %s", tc.accept)
	}
	for _, accept := range []string{"text/html", "application/xml, text/plain;q=0.5", "application/json; charset=utf-16", "application/json;q=0"} {
		e := postBody(t, endpoint, mediaJSON, accept, `{"query":"{ __typename }"}`)
		e.refusedBadly(t, http.StatusNotAcceptable, "Accept")
		e = getQuery(t, endpoint, accept, map[string][]string{"query": {"{ __typename }"}})
		require.Equal(t, http.StatusNotAcceptable, e.status, accept)
	}
}

// TestRefusedBeforeExecution: a request that parses as HTTP but not as a
// GraphQL document, or fails validation or variable coercion, is answered
// without a data entry, with 200 for application/json clients (which read
// the body) and 400 for application/graphql-response+json ones.
func TestRefusedBeforeExecution(t *testing.T) {
	endpoint := serve(t, fixtureStore(t))
	for name, body := range map[string]string{
		"parse":             `{"query":"{"}`,
		"validation":        `{"query":"{ noSuchField }"}`,
		"coercion":          `{"query":"query($n: String!) { unit(name: $n) { id } }","variables":{"n":null}}`,
		"unknown operation": `{"query":"query A { __typename }","operationName":"B"}`,
		"depth":             `{"query":` + jsonString(nestedSuccessors(50)) + `}`,
		"mutation by POST":  `{"query":"mutation { __typename }"}`,
	} {
		for media, status := range map[string]int{mediaJSON: http.StatusOK, mediaGraphQLResponse: http.StatusBadRequest} {
			e := postBody(t, endpoint, mediaJSON, media, body)
			require.Equal(t, status, e.status, "%s in %s: %s", name, media, e.body)
			require.Equal(t, media, e.contentType)
			errs, hasData := e.answer(t)
			require.NotEmpty(t, errs, name)
			require.False(t, hasData, "%s in %s: no data entry: %s", name, media, e.body)
		}
	}

	// Once execution began, the answer is 200 with data, errors or not.
	for _, media := range []string{mediaJSON, mediaGraphQLResponse} {
		e := postBody(t, endpoint, mediaJSON, media, `{"query":"{ unit(name: \"no such unit\") { id } plans { id } }"}`)
		require.Equal(t, http.StatusOK, e.status, e.body)
		errs, hasData := e.answer(t)
		require.Len(t, errs, 1)
		require.Equal(t, "NOT_FOUND", errs[0].Code())
		require.True(t, hasData, e.body)
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestPostBodyIsOneJSONObject: the body is exactly one JSON object of the
// spec's parameters, in UTF-8; anything else is a 400 that names what is
// wrong without quoting the body.
func TestPostBodyIsOneJSONObject(t *testing.T) {
	endpoint := serve(t, memstore.New())
	for _, tc := range []struct{ name, body, words string }{
		{"trailing garbage", `{"query":"{ __typename }"}garbage`, "data after the JSON value"},
		{"a second object", `{"query":"{ __typename }"} {"query":"{ plans { id } }"}`, "data after the JSON value"},
		{"empty", ``, "empty"},
		{"white space", " \n", "empty"},
		{"cut short", `{"query":"{ __typename }"`, "not JSON"},
		{"not JSON", `{ "not a JSON`, "not JSON"},
		{"a batch", `[{"query":"{ __typename }"}]`, "a JSON array where an object belongs"},
		{"query a number", `{"query":0}`, "query is a JSON number: want a string"},
		{"query an object", `{"query":{"obj":"ect"}}`, "query is a JSON object: want a string"},
		{"operationName an array", `{"query":"{ __typename }","operationName":["a"]}`, "operationName is a JSON array: want a string"},
		{"variables a string", `{"query":"{ __typename }","variables":"{}"}`, "variables is a JSON string: want an object"},
		{"extensions false", `{"query":"{ __typename }","extensions":false}`, "extensions is a JSON bool: want an object"},
		{"no query", `{"qeury":"{ __typename }"}`, "query parameter is missing"},
		{"null query", `{"query":null}`, "query parameter is missing"},
		{"latin-1", "{\"query\":\"{ unit(name: \\\"\xe9\\\") { id } }\"}", "not UTF-8"},
	} {
		e := postBody(t, endpoint, mediaJSON, "", tc.body)
		e.refusedBadly(t, http.StatusBadRequest, tc.words)
		require.Equal(t, mediaJSON, e.contentType, tc.name)
	}
	// Trailing white space is no garbage, and null parameters are absent ones.
	e := postBody(t, endpoint, mediaJSON, "", "{\"query\":\"{ __typename }\",\"variables\":null,\"operationName\":null,\"extensions\":null}\n\t ")
	require.Equal(t, http.StatusOK, e.status, e.body)
	require.JSONEq(t, `{"data":{"__typename":"Query"}}`, e.body)
}

// TestPostContentType: only application/json in UTF-8 is read; a form or
// text body (what another origin's page can send without a preflight) and
// another charset get 415.
func TestPostContentType(t *testing.T) {
	endpoint := serve(t, memstore.New())
	const body = `{"query":"{ __typename }"}`
	for _, ct := range []string{"application/json", "application/json; charset=utf-8", "application/json;charset=UTF-8"} {
		require.Equal(t, http.StatusOK, postBody(t, endpoint, ct, "", body).status, ct)
	}
	for ct, words := range map[string]string{
		"":                                  "needs Content-Type: application/json",
		"text/plain":                        "send application/json",
		"application/x-www-form-urlencoded": "send application/json",
		"application/graphql":               "send application/json",
		"application/json; charset=utf-16":  "must be UTF-8",
		"application/json; charset=latin1":  "must be UTF-8",
		"application/json; =":               "send application/json",
	} {
		postBody(t, endpoint, ct, "", body).refusedBadly(t, http.StatusUnsupportedMediaType, words)
	}
	// A UTF-16 body, whatever it claims, is no JSON we read.
	utf16 := []byte{0xff, 0xfe}
	for _, r := range body {
		utf16 = append(utf16, byte(r), 0)
	}
	postBody(t, endpoint, mediaJSON, "", string(utf16)).refusedBadly(t, http.StatusBadRequest, "not UTF-8")
}

// TestGetRunsOnlyQueries: a mutation or subscription by GET is refused
// with 405 and Allow: POST, as the spec says, even though the schema has
// neither; queries run, with JSON variables and extensions.
func TestGetRunsOnlyQueries(t *testing.T) {
	endpoint := serve(t, fixtureStore(t))
	for _, params := range []url.Values{
		{"query": {"mutation { __typename }"}},
		{"query": {"subscription { units { id } }"}},
		{"query": {"query A { __typename } mutation B { __typename }"}, "operationName": {"B"}},
		{"query": {"mutation($id: ID!) { __typename }"}, "variables": {`{"id":null}`}},
	} {
		for _, media := range []string{mediaJSON, mediaGraphQLResponse} {
			e := getQuery(t, endpoint, media, params)
			e.refusedBadly(t, http.StatusMethodNotAllowed, "only queries can be sent by GET")
			require.Equal(t, http.MethodPost, e.allow)
		}
	}

	e := getQuery(t, endpoint, "", url.Values{"query": {"query A { __typename } mutation B { __typename }"}, "operationName": {"A"}})
	require.Equal(t, http.StatusOK, e.status, "the query of a document that also has a mutation: refused for the mutation, not the method")

	e = getQuery(t, endpoint, mediaGraphQLResponse, url.Values{
		"query":     {"query($n: String!) { unit(name: $n) { name } }"},
		"variables": {`{"n":"市发改委"}`},
	})
	require.Equal(t, http.StatusOK, e.status, e.body)
	require.JSONEq(t, `{"data":{"unit":{"name":"市发改委"}}}`, e.body)

	for _, tc := range []struct {
		params url.Values
		words  string
	}{
		{url.Values{"query": {"{ __typename }"}, "variables": {`{"n":1} garbage`}}, "parameter variables: data after the JSON value"},
		{url.Values{"query": {"{ __typename }"}, "variables": {`["n"]`}}, "parameter variables: a JSON array where an object belongs"},
		{url.Values{"query": {"{ __typename }"}, "extensions": {`{`}}, "parameter extensions: not JSON"},
		{url.Values{"operationName": {"A"}}, "query parameter is missing"},
	} {
		getQuery(t, endpoint, "", tc.params).refusedBadly(t, http.StatusBadRequest, tc.words)
	}
	send(t, http.MethodGet, endpoint+"?query=%zz", "", "", nil).refusedBadly(t, http.StatusBadRequest, "the query string")
}

// TestBodyOverTheLimitUndeclared: a chunked body (no Content-Length)
// past the limit the server puts on bodies is cut off and answered 413.
func TestBodyOverTheLimitUndeclared(t *testing.T) {
	h, err := resolvers.NewHandler(duty.New(memstore.New()), discardLog(), resolvers.DefaultOptions())
	require.NoError(t, err)
	srv := httptest.NewServer(http.MaxBytesHandler(h, 1<<10))
	t.Cleanup(srv.Close)
	big := `{"query":"{ __typename }","variables":{"s":"` + strings.Repeat("x", 4<<10) + `"}}`
	// A reader the client cannot measure is sent chunked.
	e := send(t, http.MethodPost, srv.URL, mediaJSON, "", io.MultiReader(strings.NewReader(big)))
	e.refusedBadly(t, http.StatusRequestEntityTooLarge, "at most 1024 bytes")
}

// TestMalformedBodiesStayCheap: gqlgen's own transport quoted the whole
// body in its error, so each megabyte of garbage came back as a megabyte
// of answer. 8 such bodies at once are answered 400 quickly with short
// errors, the heap stays small, and a normal query answers meanwhile.
func TestMalformedBodiesStayCheap(t *testing.T) {
	endpoint := serve(t, fixtureStore(t))
	garbage := `{"query":"{ __typename }"}` + strings.Repeat("垃圾", 1<<19/3*2)
	before := heapAfterGC()
	start := time.Now()
	var wg sync.WaitGroup
	answers := make([]exchange, 8)
	for i := range answers {
		wg.Go(func() { answers[i] = postBody(t, endpoint, mediaJSON, "", garbage) })
	}
	got := apitest.Query[struct{ Plans []struct{ ID string } }](t, endpoint, `{ plans { id } }`, nil)
	require.NotEmpty(t, got.Plans, "a normal query answers during the attack")
	wg.Wait()
	took := time.Since(start)
	for _, e := range answers {
		e.refusedBadly(t, http.StatusBadRequest, "data after the JSON value")
		require.Less(t, len(e.body), 300, "the error does not quote the body")
	}
	require.Less(t, took, 5*time.Second)
	grown := int64(heapAfterGC()) - int64(before)
	require.Less(t, grown, int64(16<<20), "the heap grew by %d bytes", grown)
}

// heapAfterGC is the live heap once a collection has run.
func heapAfterGC() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestAnswerEncoding: an answer is the JSON encoding/json would write,
// strings escaped as it escapes them, whether computed or kept.
func TestAnswerEncoding(t *testing.T) {
	b := storetest.Nanjing2026()
	b.Plan.Title = "<b>A & B</b>\u2028\u2029 \"quoted\" \\ 南京"
	store := memstore.New()
	require.NoError(t, store.Load(context.Background(), b))
	url := serve(t, store)
	for range 2 { // the second time, as the answer cache keeps it
		got := postBody(t, url, "application/json", "", mustJSON(t, map[string]any{"query": `{ plans { title } }`}))
		var resp struct {
			Data json.RawMessage `json:"data"`
		}
		require.NoError(t, json.Unmarshal([]byte(got.body), &resp))
		want, err := json.Marshal(resp)
		require.NoError(t, err)
		require.Equal(t, string(want), got.body)
		require.Contains(t, got.body, `\u003cb\u003eA \u0026 B\u003c/b\u003e\u2028\u2029 \"quoted\" \\ 南京`)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}
