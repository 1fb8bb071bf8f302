// Package resolvers answers the GraphQL schema in schema/*.graphqls over a
// graph.Store. The executable schema it plugs into is generated into
// resolvers/generated and never edited by hand.
package resolvers

//go:generate go tool gqlgen generate

import (
	"sync"

	"github.com/dutygraph/dutygraph/analysis"
	"github.com/dutygraph/dutygraph/graph"
)

// Resolver holds the dependencies every resolver shares. One Resolver
// serves all requests; per-request state (the data loaders) travels in the
// context. Resolvers return plain errors and never log: the error presenter
// (errors.go) logs what is not the client's fault, once.
type Resolver struct {
	Store graph.Store
	// MaxPageSize bounds first and limit arguments; 0 means
	// DefaultMaxPageSize.
	MaxPageSize int

	// analyzer answers continuity, lineage and cascade questions over Store;
	// built on first use (see analysis_helpers.go), so that every way of
	// making a Resolver gets one.
	analyzerOnce sync.Once
	analyzer     *analysis.Analyzer
}
