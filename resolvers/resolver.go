// Package resolvers answers the GraphQL schema in schema/*.graphqls over a
// graph.Store. The executable schema it plugs into is generated into
// resolvers/generated and never edited by hand.
package resolvers

//go:generate go tool gqlgen generate

import "github.com/dutygraph/dutygraph/graph"

// Resolver holds the dependencies every resolver shares. One Resolver
// serves all requests; per-request state (the data loaders) travels in the
// context. Resolvers return plain errors and never log: the error presenter
// (errors.go) logs what is not the client's fault, once.
type Resolver struct {
	Store graph.Store
}
