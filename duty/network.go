package duty

import (
	"context"
	"errors"
	"fmt"

	"github.com/dutygraph/dutygraph/analysis"
	"github.com/dutygraph/dutygraph/graph"
)

// Network is a co-ownership network: the nodes and edges the store returned
// and their structure, computed on first ask and then shared by everything
// that reads it (each node's community, the brokers), so one request
// analyses one network once: the View hands every field that asks for the
// same network (aliases, an export and a query) the same Network.
type Network struct {
	Nodes []*graph.NetworkNode
	Edges []*graph.UnitPair

	// lazy is behind a pointer because a GraphQL executor copies a Network
	// by value, which its sync.Onces must not be.
	lazy *lazyNetwork
}

// lazyNetwork is a network's analysis, each part computed on first ask.
type lazyNetwork struct {
	structure   once[analysis.Structure]
	betweenness once[map[string]float64]
}

// CheckMinShared refuses a minimum of shared tasks that would draw pairs
// sharing nothing.
func CheckMinShared(minShared int) error {
	if minShared < 1 {
		return Invalidf("minShared %d: want at least 1", minShared)
	}
	return nil
}

// Network is the co-ownership network under f: every unit with a task in
// it and every pair sharing at least minShared tasks. Its units are
// announced to the view. A request asking for one network several times
// (99 aliases of one network's modularity) reads and analyses it once.
func (v *View) Network(ctx context.Context, f graph.CoOwnershipFilter, minShared int) (*Network, error) {
	if err := CheckMinShared(minShared); err != nil {
		return nil, err
	}
	return memoized(&v.results, ctx, fmt.Sprintf("Network %#v %d", f, minShared), func(ctx context.Context) (*Network, error) {
		n, err := v.store.Network(ctx, f, minShared)
		if err != nil {
			return nil, err
		}
		for _, node := range n.Nodes {
			v.units.expect(node.UnitID)
		}
		for _, e := range n.Edges {
			v.units.expect(e.A, e.B)
		}
		return newNetwork(n), nil
	})
}

// newNetwork wraps n for lazy analysis.
func newNetwork(n graph.Network) *Network {
	out := &Network{
		Nodes: make([]*graph.NetworkNode, len(n.Nodes)),
		Edges: make([]*graph.UnitPair, len(n.Edges)),
		lazy: &lazyNetwork{
			structure: once[analysis.Structure]{fetch: func(ctx context.Context) (analysis.Structure, error) {
				return analysis.NetworkStructure(ctx, n)
			}},
			betweenness: once[map[string]float64]{fetch: func(ctx context.Context) (map[string]float64, error) {
				return analysis.NetworkBetweenness(ctx, n)
			}},
		},
	}
	for i := range n.Nodes {
		out.Nodes[i] = &n.Nodes[i]
	}
	for i := range n.Edges {
		out.Edges[i] = &n.Edges[i]
	}
	return out
}

// CompactEdges is Edges as a flat list of three integers an edge, in
// Edges' order: the positions in Nodes of unit A and of unit B, and the
// tasks they share. A viewer drawing a national network of 100,000 pairs
// reads them this way in a tenth of the bytes, and the server writes them
// in a fraction of the time, that an object for each edge costs.
func (n *Network) CompactEdges() ([]int, error) {
	index := make(map[string]int, len(n.Nodes))
	for i, node := range n.Nodes {
		index[node.UnitID] = i
	}
	out := make([]int, 0, 3*len(n.Edges))
	for _, e := range n.Edges {
		a, okA := index[e.A]
		b, okB := index[e.B]
		if !okA || !okB {
			return nil, fmt.Errorf("network edge %s–%s: a unit without a node", e.A, e.B)
		}
		out = append(out, a, b, e.Shared)
	}
	return out, nil
}

// Structure returns the network's degrees and communities; safe for
// concurrent use by the field resolvers. The first to ask computes it under
// its ctx, which is the request's: when the request ends, the computation
// stops and every field waiting for it gets the request's error.
func (n *Network) Structure(ctx context.Context) (*analysis.Structure, error) {
	s, err := n.lazy.structure.get(ctx)
	return &s, err
}

// Betweenness returns each unit's betweenness, or why it was not computed:
// a network too large to measure is an InputError saying so, naming what
// asked (betweenness, brokers), or the request ended. Computed once, only
// when a query asks for it.
func (n *Network) Betweenness(ctx context.Context, what string) (map[string]float64, error) {
	b, err := n.lazy.betweenness.get(ctx)
	if errors.Is(err, analysis.ErrNetworkTooLarge) {
		return nil, Invalidf("%s: %v", what, err)
	}
	return b, err
}

// Brokers are the network's first n units by betweenness (see
// analysis.Structure.Brokers). A network too large to measure is an
// InputError saying so.
func (n *Network) Brokers(ctx context.Context, first int) ([]*graph.NetworkNode, error) {
	byID := make(map[string]*graph.NetworkNode, len(n.Nodes))
	for _, node := range n.Nodes {
		byID[node.UnitID] = node
	}
	betweenness, err := n.Betweenness(ctx, "brokers")
	if err != nil {
		return nil, err
	}
	s, err := n.Structure(ctx)
	if err != nil {
		return nil, err
	}
	ids := s.Brokers(betweenness)
	out := make([]*graph.NetworkNode, 0, min(first, len(ids)))
	for _, id := range ids[:min(first, len(ids))] {
		out = append(out, byID[id])
	}
	return out, nil
}
