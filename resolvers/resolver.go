// Package resolvers answers the GraphQL schema in schema/*.graphqls: each
// resolver translates its arguments into the domain's (package duty), asks
// the request's duty.View, and presents the answer. The rules of the
// answers are duty's; the executable schema the resolvers plug into is
// generated into resolvers/generated and never edited by hand.
package resolvers

//go:generate go tool gqlgen generate

import (
	"context"

	"github.com/dutygraph/dutygraph/duty"
)

// Resolver holds the dependencies every resolver shares. One Resolver
// serves all requests; the request's duty.View travels in the context.
// Resolvers return plain errors and never log: the error presenter
// (errors.go) logs what is not the client's fault, once.
type Resolver struct {
	Core *duty.Core
	// MaxPageSize bounds first and limit arguments; 0 means
	// DefaultMaxPageSize.
	MaxPageSize int
}

// view is the request's view of the graph.
func (r *Resolver) view(ctx context.Context) *duty.View { return r.Core.ViewFrom(ctx) }
