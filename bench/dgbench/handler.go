package main

import (
	"io"
	"log/slog"
	"net/http"

	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/resolvers"
)

// newHandler is the GraphQL handler `dutygraph serve` mounts at /graphql,
// with its default limits, logging nowhere.
func newHandler(store graph.Store) (http.Handler, error) {
	return resolvers.NewHandler(duty.New(store), slog.New(slog.NewTextHandler(io.Discard, nil)), resolvers.DefaultOptions())
}
