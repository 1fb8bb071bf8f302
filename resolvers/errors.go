package resolvers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/dutygraph/dutygraph/graph"
)

// Codes in a GraphQL error's extensions.code, for clients to branch on.
const (
	codeNotFound    = "NOT_FOUND"
	codeAmbiguous   = "AMBIGUOUS"
	codeBadInput    = "BAD_USER_INPUT"
	codeUnavailable = "UNAVAILABLE"
	codeTimeout     = "TIMEOUT"
	codeCancelled   = "CANCELLED"
	codeInternal    = "INTERNAL_SERVER_ERROR"
)

// errPanic stands in for a recovered panic, already logged with its stack.
var errPanic = errors.New("internal error")

// internalMessage is all a client learns of a failure that is not its own.
const internalMessage = "internal error; the server has logged it"

// presentError turns resolver errors into GraphQL errors. Domain errors keep
// their message and get a code; anything else is a fault of ours, logged
// here — the one place errors are logged — and shown generically so that no
// internal detail (a Cypher fragment, a file path) reaches clients.
func presentError(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		var code string
		switch {
		case errors.Is(err, errPanic):
			code, gqlErr.Message = codeInternal, internalMessage
		case errors.Is(err, graph.ErrNotFound):
			code = codeNotFound
		case errors.Is(err, graph.ErrAmbiguous):
			code = codeAmbiguous
		case errors.Is(err, graph.ErrInvalid):
			code = codeBadInput
		case errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil:
			// The request's own deadline passed: a store may report it
			// as unavailable, but the client should hear it timed out.
			log.Warn("request timed out", "path", gqlErr.Path.String(), "err", err)
			code, gqlErr.Message = codeTimeout, "the request timed out"
		case errors.Is(err, graph.ErrUnavailable):
			log.Warn("store unavailable", "path", gqlErr.Path.String(), "err", err)
			code, gqlErr.Message = codeUnavailable, "the graph store is unavailable; try again later"
		case errors.Is(err, context.DeadlineExceeded):
			log.Warn("request timed out", "path", gqlErr.Path.String(), "err", err)
			code, gqlErr.Message = codeTimeout, "the request timed out"
		case errors.Is(err, context.Canceled):
			code, gqlErr.Message = codeCancelled, "the request was cancelled"
		case isGraphQLError(err):
			// gqlgen's own complaints about the request (argument
			// coercion, null in a non-null field) are for the client.
			gqlErr.Message = truncate(gqlErr.Message)
			return gqlErr
		default:
			log.Error("resolver failed", "path", gqlErr.Path.String(), "err", err)
			code, gqlErr.Message = codeInternal, internalMessage
		}
		gqlErr.Message = truncate(gqlErr.Message)
		if gqlErr.Extensions == nil {
			gqlErr.Extensions = map[string]any{}
		}
		gqlErr.Extensions["code"] = code
		return gqlErr
	}
}

// maxMessageBytes bounds an error message. Messages quote the name asked
// for, and a name can be as long as the request body: a 1 MB name is not
// worth sending back.
const maxMessageBytes = 1 << 10

// truncate shortens msg to maxMessageBytes, at a character boundary.
func truncate(msg string) string {
	if len(msg) <= maxMessageBytes {
		return msg
	}
	cut := maxMessageBytes
	for cut > 0 && !utf8.RuneStart(msg[cut]) {
		cut--
	}
	return msg[:cut] + fmt.Sprintf("… (%d more bytes)", len(msg)-cut)
}

// isGraphQLError reports whether err is an error gqlgen or gqlparser made
// itself, rather than one a resolver returned.
func isGraphQLError(err error) bool {
	var gqlErr *gqlerror.Error
	return errors.As(err, &gqlErr) && gqlErr.Err == nil
}

// recoverPanic keeps a panicking resolver from taking the request (or the
// server) down: the panic is logged with its stack and the client gets a
// generic error.
func recoverPanic(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, v any) error {
		path := ""
		if fc := graphql.GetFieldContext(ctx); fc != nil {
			path = fc.Path().String()
		}
		log.Error("panic in resolver", "path", path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
		return errPanic
	}
}
