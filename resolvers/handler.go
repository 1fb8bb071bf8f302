package resolvers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/resolvers/generated"
)

// queryCacheSize is how many parsed queries are kept: dashboards repeat a
// handful of queries, and parsing is the larger part of a small query's cost.
const queryCacheSize = 1000

// Defaults of Options: generous for every query of the README, the IDE and
// the viewer, tight enough that one request cannot occupy the server.
const (
	DefaultMaxDepth         = 15
	DefaultMaxComplexity    = 20_000
	DefaultMaxTokens        = 10_000
	DefaultPersistedQueries = 1000
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
	// PersistedQueries is how many automatic persisted queries are kept (by
	// their SHA-256); 0 turns automatic persisted queries off.
	PersistedQueries int
	// Introspection lets clients ask for the schema (__schema, __type).
	Introspection bool
}

// DefaultOptions are the limits a server has unless configured otherwise.
func DefaultOptions() Options {
	return Options{
		MaxDepth:         DefaultMaxDepth,
		MaxComplexity:    DefaultMaxComplexity,
		MaxPageSize:      DefaultMaxPageSize,
		MaxTokens:        DefaultMaxTokens,
		PersistedQueries: DefaultPersistedQueries,
		Introspection:    true,
	}
}

// Validate reports the first option no server can run with.
func (o Options) Validate() error {
	var errs []error
	if o.MaxDepth < 1 {
		errs = append(errs, fmt.Errorf("max depth %d: want at least 1", o.MaxDepth))
	}
	if o.MaxComplexity < 1 {
		errs = append(errs, fmt.Errorf("max complexity %d: want at least 1", o.MaxComplexity))
	}
	if o.MaxPageSize < 1 {
		errs = append(errs, fmt.Errorf("max page size %d: want at least 1", o.MaxPageSize))
	}
	if o.MaxTokens < 1 {
		errs = append(errs, fmt.Errorf("max tokens %d: want at least 1", o.MaxTokens))
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
func NewHandler(core *duty.Core, log *slog.Logger, opts Options) (*handler.Server, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	r := &Resolver{Core: core, MaxPageSize: opts.MaxPageSize}
	srv := handler.New(generated.NewExecutableSchema(generated.Config{Resolvers: r, Complexity: complexity(opts.MaxPageSize)}))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(getTransport{maxTokens: opts.MaxTokens})
	srv.AddTransport(postTransport{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](queryCacheSize))
	srv.SetParserTokenLimit(opts.MaxTokens)
	if opts.Introspection {
		srv.Use(extension.Introspection{})
	} else {
		srv.Use(noIntrospection{})
	}
	if opts.PersistedQueries > 0 {
		srv.Use(extension.AutomaticPersistedQuery{Cache: newPersistedQueries(opts.PersistedQueries)})
	}
	srv.Use(depthLimit{max: opts.MaxDepth})
	srv.Use(extension.FixedComplexityLimit(opts.MaxComplexity))
	srv.SetErrorPresenter(presentError(log))
	srv.SetRecoverFunc(recoverPanic(log))
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(core.WithView(ctx))
	})
	return srv, nil
}
