package model

import (
	"sync"

	"github.com/dutygraph/dutygraph/analysis"
	"github.com/dutygraph/dutygraph/graph"
)

// Network backs the GraphQL Network: the nodes and edges the store returned
// and their structure, computed on first ask and then shared by every field
// of the response that needs it (each node's community, the brokers), so
// one request analyses one network once. Make it with NewNetwork.
type Network struct {
	Nodes []*graph.NetworkNode
	Edges []*graph.UnitPair

	// lazy is behind a pointer because gqlgen's generated code copies a
	// Network by value, which its sync.Onces must not be.
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

// NewNetwork presents n.
func NewNetwork(n graph.Network) *Network {
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
