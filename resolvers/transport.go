package resolvers

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
)

// The GraphQL-over-HTTP spec's two response media types. application/json
// is what clients written before the spec expect, and what a request
// without Accept gets; application/graphql-response+json tells the client
// apart a request refused before execution (4xx, no data entry) from one
// that ran.
const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

// codeBadRequest is the extensions.code of a request refused before it is
// a GraphQL request at all: a body that is not one JSON object of the
// spec's parameters, a media type we do not speak, a mutation by GET.
const codeBadRequest = "BAD_REQUEST"

// getTransport runs queries sent by GET, parameters in the URL. Only
// queries: a GET must not change anything, so any other operation is
// refused with 405 as the spec says, even when the schema has none.
// maxTokens bounds the parse done to tell a refused document's operation.
type getTransport struct{ maxTokens int }

// postTransport runs requests sent by POST as a JSON body, and refuses
// every other body with 415: a form or plain-text body is what a page of
// another origin can send without a CORS preflight.
type postTransport struct{}

var (
	_ graphql.Transport = getTransport{}
	_ graphql.Transport = postTransport{}
)

func (getTransport) Supports(r *http.Request) bool  { return r.Method == http.MethodGet }
func (postTransport) Supports(r *http.Request) bool { return r.Method == http.MethodPost }

func (t getTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	media, ok := negotiate(r.Header.Get("Accept"))
	if !ok {
		writeRefusal(w, mediaJSON, http.StatusNotAcceptable, errNotAcceptable)
		return
	}
	params, err := getParams(r.URL.RawQuery)
	if err != nil {
		writeRefusal(w, media, http.StatusBadRequest, err)
		return
	}
	params.Headers = r.Header
	opCtx, errs := exec.CreateOperationContext(r.Context(), params)
	if !t.runsByGET(opCtx, params) {
		w.Header().Set("Allow", http.MethodPost)
		writeRefusal(w, media, http.StatusMethodNotAllowed, errors.New("only queries can be sent by GET"))
		return
	}
	respond(w, r, exec, media, opCtx, errs)
}

func (postTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	if err := requireJSON(r.Header.Get("Content-Type")); err != nil {
		writeRefusal(w, mediaJSON, http.StatusUnsupportedMediaType, err)
		return
	}
	media, ok := negotiate(r.Header.Get("Accept"))
	if !ok {
		writeRefusal(w, mediaJSON, http.StatusNotAcceptable, errNotAcceptable)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		status := http.StatusBadRequest
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			status = http.StatusRequestEntityTooLarge
			err = fmt.Errorf("request body too large: at most %d bytes", tooLarge.Limit)
		}
		writeRefusal(w, media, status, err)
		return
	}
	params, err := postParams(body)
	if err != nil {
		writeRefusal(w, media, http.StatusBadRequest, err)
		return
	}
	params.Headers = r.Header
	opCtx, errs := exec.CreateOperationContext(r.Context(), params)
	respond(w, r, exec, media, opCtx, errs)
}

// runsByGET reports whether the operation a GET selects may run: a query.
// When the document was refused (by validation, say: the schema has no
// mutation type), it is parsed again to tell, so that a mutation by GET
// always meets 405. A document that does not parse is left to its parse
// error.
func (t getTransport) runsByGET(opCtx *graphql.OperationContext, params *graphql.RawParams) bool {
	if opCtx != nil && opCtx.Operation != nil {
		return opCtx.Operation.Operation == ast.Query
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: params.Query}, t.maxTokens)
	if err != nil {
		return true
	}
	op := doc.Operations.ForName(params.OperationName)
	return op == nil || op.Operation == ast.Query
}

// respond runs a request that CreateOperationContext accepted, or reports
// the errors it refused the request with, and writes the answer in media.
func respond(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor, media string, opCtx *graphql.OperationContext, refused gqlerror.List) {
	ctx := r.Context()
	if refused != nil {
		writeResponse(w, media, refusedStatus(media), exec.DispatchError(graphql.WithOperationContext(ctx, opCtx), refused))
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, opCtx)
	resp := responses(ctx)
	status := http.StatusOK
	if resp.Data == nil {
		// Refused by an operation middleware before execution began.
		status = refusedStatus(media)
	}
	writeResponse(w, media, status, resp)
}

// refusedStatus is the status of a well-formed request refused before
// execution (a parse, validation or variable error, a limit): 400 in
// application/graphql-response+json, and 200 in application/json, whose
// clients read the errors from the body whatever the status.
func refusedStatus(media string) int {
	if media == mediaGraphQLResponse {
		return http.StatusBadRequest
	}
	return http.StatusOK
}

// wireResponse is a GraphQL response as sent. Unlike graphql.Response it
// leaves out data when there is none: a request refused before execution
// has no data entry, while one whose execution nulled the root has
// "data": null.
type wireResponse struct {
	Errors     gqlerror.List   `json:"errors,omitempty"`
	Data       json.RawMessage `json:"data,omitempty"`
	Extensions map[string]any  `json:"extensions,omitempty"`
}

// writeResponse sends resp in media with status. JSON has no charset
// parameter (RFC 8259): it is UTF-8. An answer with errors is marked
// no-store, whatever its status: some errors pass (the store unavailable,
// a timeout, a persisted query not known yet), and a cache keeping them
// would keep them.
func writeResponse(w http.ResponseWriter, media string, status int, resp *graphql.Response) {
	body := encodeResponse(resp)
	if len(resp.Errors) > 0 {
		w.Header().Set("Cache-Control", "no-store")
	}
	w.Header().Set("Content-Type", media)
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// encodeResponse is resp as json.Marshal writes a wireResponse. An answer
// with data only, which most are, is put together without it: Marshal
// checks and compacts data that gqlgen wrote compact, which was three
// quarters of the cost of a network answered from the answer cache. The
// bytes are the same: the data, with what Marshal escapes in strings
// (<, >, &, U+2028, U+2029) escaped the same way.
func encodeResponse(resp *graphql.Response) []byte {
	if len(resp.Errors) == 0 && len(resp.Extensions) == 0 && len(resp.Data) > 0 {
		var body bytes.Buffer
		body.Grow(len(resp.Data) + len(`{"data":}`))
		body.WriteString(`{"data":`)
		json.HTMLEscape(&body, resp.Data)
		body.WriteByte('}')
		return body.Bytes()
	}
	body, err := json.Marshal(wireResponse{Errors: resp.Errors, Data: resp.Data, Extensions: resp.Extensions})
	if err != nil {
		// Data is gqlgen's own JSON and errors are our presenter's: a
		// failure here is a fault of ours, for the handler's recovery.
		panic(fmt.Errorf("encode GraphQL response: %w", err))
	}
	return body
}

// writeRefusal answers a request refused before it reached GraphQL, with
// err as its one error.
func writeRefusal(w http.ResponseWriter, media string, status int, err error) {
	refusal := &gqlerror.Error{Message: err.Error(), Extensions: map[string]any{"code": codeBadRequest}}
	writeResponse(w, media, status, &graphql.Response{Errors: gqlerror.List{refusal}})
}

var errNotAcceptable = errors.New("the Accept header allows neither application/graphql-response+json nor application/json")

// negotiate picks the response's media type from a request's Accept
// header: application/json when there is none; else the acceptable type
// with the highest quality, an exact match before a wildcard, the earlier
// listed on a tie, and application/json for a bare wildcard. ok is false
// when neither type is acceptable, e.g. Accept: text/html, or a charset
// other than UTF-8.
func negotiate(accept string) (media string, ok bool) {
	if strings.TrimSpace(accept) == "" {
		return mediaJSON, true
	}
	ranges := strings.Split(accept, ",")
	var best acceptance
	for _, offer := range []string{mediaJSON, mediaGraphQLResponse} {
		if a := accepted(ranges, offer); a.q > 0 && a.betterThan(best) {
			best, media = a, offer
		}
	}
	return media, media != ""
}

// acceptance is how an Accept header takes one media type: its quality,
// from the most specific range matching it (RFC 9110, 12.5.1), how
// specific that range is (2 names the type, 1 is application/*, 0 */*),
// and where it stands in the header.
type acceptance struct {
	q           float64
	specificity int
	position    int
}

func (a acceptance) betterThan(b acceptance) bool {
	if a.q != b.q {
		return a.q > b.q
	}
	if a.specificity != b.specificity {
		return a.specificity > b.specificity
	}
	return a.specificity == 2 && a.position < b.position
}

// accepted is how ranges, the parts of an Accept header, take offer; its
// q is 0 when no range matches.
func accepted(ranges []string, offer string) acceptance {
	specificity := map[string]int{offer: 2, "application/*": 1, "*/*": 0}
	found := acceptance{specificity: -1}
	for i, r := range ranges {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(r))
		if err != nil {
			continue
		}
		s, matches := specificity[mt]
		if !matches || s <= found.specificity {
			continue
		}
		q := 1.0
		if v, set := params["q"]; set {
			if q, err = strconv.ParseFloat(v, 64); err != nil || q < 0 || q > 1 {
				continue
			}
		}
		if cs, set := params["charset"]; set && !strings.EqualFold(cs, "utf-8") {
			q = 0
		}
		found = acceptance{q: q, specificity: s, position: i}
	}
	return found
}

// requireJSON accepts a POST's Content-Type if it is application/json in
// UTF-8, the spec's one request media type every server must read.
func requireJSON(contentType string) error {
	if contentType == "" {
		return errors.New("a POST needs Content-Type: application/json")
	}
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil || mt != mediaJSON {
		return fmt.Errorf("Content-Type %q: send application/json", contentType)
	}
	if cs, set := params["charset"]; set && !strings.EqualFold(cs, "utf-8") {
		return fmt.Errorf("Content-Type %q: the body must be UTF-8", contentType)
	}
	return nil
}

// postParams reads the GraphQL parameters from a POST body: exactly one
// JSON object, in UTF-8, with nothing after it.
func postParams(body []byte) (*graphql.RawParams, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, errors.New("the request body is empty: send a JSON object with the query")
	}
	if !utf8.Valid(body) {
		return nil, errors.New("the request body is not UTF-8")
	}
	params := &graphql.RawParams{}
	if err := decodeJSON(body, params); err != nil {
		return nil, fmt.Errorf("the request body: %w", err)
	}
	return params, requireQuery(params)
}

// getParams reads the GraphQL parameters from a GET's query string, where
// variables and extensions are JSON objects.
func getParams(rawQuery string) (*graphql.RawParams, error) {
	values, err := url.ParseQuery(rawQuery)
	if err != nil {
		return nil, fmt.Errorf("the query string: %w", err)
	}
	params := &graphql.RawParams{Query: values.Get("query"), OperationName: values.Get("operationName")}
	for name, into := range map[string]*map[string]any{"variables": &params.Variables, "extensions": &params.Extensions} {
		if v := values.Get(name); v != "" {
			if err := decodeJSON([]byte(v), into); err != nil {
				return nil, fmt.Errorf("parameter %s: %w", name, err)
			}
		}
	}
	return params, requireQuery(params)
}

// requireQuery refuses parameters without a query, unless they name a
// persisted query for the extension to look up.
func requireQuery(params *graphql.RawParams) error {
	if params.Query == "" && params.Extensions["persistedQuery"] == nil {
		return errors.New("the query parameter is missing")
	}
	return nil
}

// decodeJSON decodes data, one JSON value with nothing but white space
// after it, into v, numbers kept as written for gqlgen to coerce. Its
// errors name the offset or the field, never quote the data: a body can
// be a megabyte.
func decodeJSON(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	err := dec.Decode(v)
	if err == nil {
		end := dec.InputOffset()
		if _, err = dec.Token(); err == io.EOF {
			return nil
		}
		return fmt.Errorf("data after the JSON value, which ends at byte %d", end)
	}
	var syntax *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return fmt.Errorf("not JSON: %s at byte %d", syntax, syntax.Offset)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("not JSON: it ends before the value does")
	case errors.As(err, &typeErr) && typeErr.Field == "":
		return fmt.Errorf("a JSON %s where an object belongs", typeErr.Value)
	case errors.As(err, &typeErr):
		return fmt.Errorf("%s is a JSON %s: want %s", typeErr.Field, typeErr.Value, wantedJSON(typeErr.Type.Kind().String()))
	default:
		return err
	}
}

// wantedJSON names the JSON kind a Go kind of RawParams decodes from.
func wantedJSON(goKind string) string {
	if goKind == "string" {
		return "a string"
	}
	return "an object"
}
