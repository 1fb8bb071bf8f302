package duty

import (
	"context"
	"sync"

	"github.com/dutygraph/dutygraph/analysis"
	"github.com/dutygraph/dutygraph/graph"
)

// Network is a co-ownership network: the nodes and edges the store returned
// and their structure, computed on first ask and then shared by everything
// that reads it (each node's community, the brokers), so one request
// analyses one network once.
type Network struct {
	Nodes []*graph.NetworkNode
	Edges []*graph.UnitPair

	// lazy is behind a pointer because a GraphQL executor copies a Network
	// by value, which its sync.Onces must not be.
	lazy *lazyNetwork
}

type lazyNetwork struct {
	network graph.Network

	structureOnce sync.Once
	structure     analysis.Structure

	betweennessOnce sync.Once
	betweenness     map[string]float64
	betweennessErr  error
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
// announced to the view.
func (v *View) Network(ctx context.Context, f graph.CoOwnershipFilter, minShared int) (*Network, error) {
	if err := CheckMinShared(minShared); err != nil {
		return nil, err
	}
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
}

// newNetwork wraps n for lazy analysis.
func newNetwork(n graph.Network) *Network {
	out := &Network{
		Nodes: make([]*graph.NetworkNode, len(n.Nodes)),
		Edges: make([]*graph.UnitPair, len(n.Edges)),
		lazy:  &lazyNetwork{network: n},
	}
	for i := range n.Nodes {
		out.Nodes[i] = &n.Nodes[i]
	}
	for i := range n.Edges {
		out.Edges[i] = &n.Edges[i]
	}
	return out
}

// Structure returns the network's degrees and communities; safe for
// concurrent use by the field resolvers.
func (n *Network) Structure() *analysis.Structure {
	l := n.lazy
	l.structureOnce.Do(func() { l.structure = analysis.NetworkStructure(l.network) })
	return &l.structure
}

// Betweenness returns each unit's betweenness, or why it was not computed
// (analysis.ErrNetworkTooLarge); computed only when a query asks for it.
func (n *Network) Betweenness() (map[string]float64, error) {
	l := n.lazy
	l.betweennessOnce.Do(func() { l.betweenness, l.betweennessErr = analysis.NetworkBetweenness(l.network) })
	return l.betweenness, l.betweennessErr
}

// Brokers are the network's first n units by betweenness (see
// analysis.Structure.Brokers). A network too large to measure is an
// InputError saying so.
func (n *Network) Brokers(first int) ([]*graph.NetworkNode, error) {
	byID := make(map[string]*graph.NetworkNode, len(n.Nodes))
	for _, node := range n.Nodes {
		byID[node.UnitID] = node
	}
	betweenness, err := n.Betweenness()
	if err != nil {
		return nil, Invalidf("brokers: %v", err)
	}
	ids := n.Structure().Brokers(betweenness)
	out := make([]*graph.NetworkNode, 0, min(first, len(ids)))
	for _, id := range ids[:min(first, len(ids))] {
		out = append(out, byID[id])
	}
	return out, nil
}
