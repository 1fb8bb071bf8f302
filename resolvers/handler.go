package resolvers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/internal/costlru"
	"github.com/dutygraph/dutygraph/resolvers/generated"
)

// Defaults of Options: generous for every query of the README, the IDE and
// the viewer, tight enough that one request cannot occupy the server.
const (
	DefaultMaxDepth         = 15
	DefaultMaxComplexity    = 20_000
	DefaultMaxTokens        = 10_000
	DefaultPersistedQueries = 1000

	DefaultMaxFields          = 1000
	DefaultMaxSelectionFields = 500
	DefaultMaxRepeatedFields  = 50
	DefaultMaxErrors          = 20
	DefaultMaxAnswerBytes     = 32 << 20
)

// Options bound what one GraphQL request may ask for, and say which of the
// API's conveniences are on. The zero value is not usable: start from
// DefaultOptions.
type Options struct {
	// MaxDepth is the deepest nesting of fields a query may have.
	MaxDepth int
	// MaxComplexity bounds the estimated work of a query (see complexity.go).
	MaxComplexity int
	// MaxPageSize is the largest page (first) or ranked list (limit) a
	// query may ask for.
	MaxPageSize int
	// MaxTokens bounds the size of a query the parser reads.
	MaxTokens int
	// MaxFields bounds the fields of a query (aliases and fragment
	// spreads included, fragments counted where spread),
	// MaxSelectionFields those of one selection set, and
	// MaxRepeatedFields those answering under one name in a selection
	// set; all are checked before validation (see bounds.go).
	MaxFields          int
	MaxSelectionFields int
	MaxRepeatedFields  int
	// MaxErrors is how many errors an answer lists; one more counts the rest.
	MaxErrors int
	// MaxAnswerBytes bounds an answer's JSON; a larger one is replaced by
	// an error.
	MaxAnswerBytes int
	// PersistedQueries is how many automatic persisted queries are kept (by
	// their SHA-256); 0 turns automatic persisted queries off.
	PersistedQueries int
	// Introspection lets clients ask for the schema (__schema, __type).
	Introspection bool
}

// DefaultOptions are the limits a server has unless configured otherwise.
func DefaultOptions() Options {
	return Options{
		MaxDepth:           DefaultMaxDepth,
		MaxComplexity:      DefaultMaxComplexity,
		MaxPageSize:        DefaultMaxPageSize,
		MaxTokens:          DefaultMaxTokens,
		MaxFields:          DefaultMaxFields,
		MaxSelectionFields: DefaultMaxSelectionFields,
		MaxRepeatedFields:  DefaultMaxRepeatedFields,
		MaxErrors:          DefaultMaxErrors,
		MaxAnswerBytes:     DefaultMaxAnswerBytes,
		PersistedQueries:   DefaultPersistedQueries,
		Introspection:      true,
	}
}

// Validate reports the first option no server can run with.
func (o Options) Validate() error {
	var errs []error
	for _, limit := range []struct {
		name  string
		value int
	}{
		{"max depth", o.MaxDepth},
		{"max complexity", o.MaxComplexity},
		{"max page size", o.MaxPageSize},
		{"max tokens", o.MaxTokens},
		{"max fields", o.MaxFields},
		{"max selection fields", o.MaxSelectionFields},
		{"max repeated fields", o.MaxRepeatedFields},
		{"max errors", o.MaxErrors},
		{"max answer bytes", o.MaxAnswerBytes},
	} {
		if limit.value < 1 {
			errs = append(errs, fmt.Errorf("%s %d: want at least 1", limit.name, limit.value))
		}
	}
	if o.PersistedQueries < 0 {
		errs = append(errs, fmt.Errorf("persisted queries %d: want 0 (off) or more", o.PersistedQueries))
	}
	return errors.Join(errs...)
}

// NewHandler serves the GraphQL API over the domain core: queries by POST (JSON) and
// GET (?query=), with the error presenter, panic recovery and per-request
// data loaders in place, and the limits of opts checked before any resolver
// runs. The schema has no mutations or subscriptions: the API is read-only.
func NewHandler(core *duty.Core, log *slog.Logger, opts Options) (*Handler, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	r := &Resolver{Core: core, MaxPageSize: opts.MaxPageSize}
	srv := handler.New(generated.NewExecutableSchema(generated.Config{Resolvers: r, Complexity: complexity(opts.MaxPageSize)}))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(getTransport{maxTokens: opts.MaxTokens})
	srv.AddTransport(postTransport{})
	queries := newQueryCache(queryCacheEntries, queryCacheBytes)
	h := &Handler{queries: queries, answers: newAnswerCache(core.StoreVersion, answerCacheEntries, answerCacheBytes)}
	srv.SetQueryCache(queries)
	srv.SetParserTokenLimit(opts.MaxTokens)
	if opts.Introspection {
		srv.Use(extension.Introspection{})
	} else {
		srv.Use(noIntrospection{})
	}
	if opts.PersistedQueries > 0 {
		h.persisted = newPersistedQueries(opts.PersistedQueries)
		srv.Use(extension.AutomaticPersistedQuery{Cache: h.persisted})
	}
	// After the persisted queries, which fill in the query a hash stands for.
	srv.Use(documentBounds{maxFields: opts.MaxFields, maxSelectionFields: opts.MaxSelectionFields,
		maxRepeatedFields: opts.MaxRepeatedFields, maxTokens: opts.MaxTokens, queries: queries})
	srv.Use(answerBounds{maxErrors: opts.MaxErrors, maxBytes: opts.MaxAnswerBytes})
	srv.Use(depthLimit{max: opts.MaxDepth})
	srv.Use(extension.FixedComplexityLimit(opts.MaxComplexity))
	srv.SetErrorPresenter(presentError(log))
	srv.SetRecoverFunc(recoverPanic(log))
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(core.WithView(ctx))
	})
	srv.AroundRootFields(h.answers.aroundRootFields)
	h.Server = srv
	return h, nil
}

// Handler is the GraphQL API's HTTP handler and gqlgen's server, which
// takes further extensions.
type Handler struct {
	*handler.Server
	queries   queryCache
	answers   answerCache
	persisted persistedQueries // its lru is nil when persisted queries are off
}

// CacheStats are the handler's caches' figures by name: the parsed
// queries, the answers, and the persisted queries when they are on.
func (h *Handler) CacheStats() map[string]costlru.Stats {
	out := map[string]costlru.Stats{"query": h.queries.lru.Stats(), "answer": h.answers.lru.Stats()}
	if h.persisted.lru != nil {
		out["persisted"] = h.persisted.lru.Stats()
	}
	return out
}
