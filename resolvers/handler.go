package resolvers

import (
	"context"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/resolvers/generated"
)

// queryCacheSize is how many parsed queries are kept: dashboards repeat a
// handful of queries, and parsing is the larger part of a small query's cost.
const queryCacheSize = 1000

// NewHandler serves the GraphQL API over store: queries by POST (JSON) and
// GET (?query=), with the error presenter, panic recovery and per-request
// data loaders in place. Introspection is on, for IDEs and code generators;
// queries asking for too much at once are refused (see maxComplexity).
func NewHandler(store graph.Store, log *slog.Logger) *handler.Server {
	r := &Resolver{Store: store}
	srv := handler.New(generated.NewExecutableSchema(generated.Config{Resolvers: r, Complexity: complexity()}))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](queryCacheSize))
	srv.Use(extension.Introspection{})
	srv.Use(extension.FixedComplexityLimit(maxComplexity))
	srv.SetErrorPresenter(presentError(log))
	srv.SetRecoverFunc(recoverPanic(log))
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(withLoaders(ctx, store))
	})
	return srv
}
