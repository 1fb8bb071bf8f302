// Package export writes dutygraph's graph in the formats other tools read:
// the co-ownership network as GraphML (yEd, Gephi, networkx), GEXF 1.2 or
// 1.3 (Gephi, networkx) and Cypher (Neo4j), and a unit's workload as CSV and XLSX (Excel). The
// numbers are the store's, under the same filters as the GraphQL API, and
// Handler serves every export over HTTP (GET /export/…).
package export

import (
	"context"
	"fmt"

	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/graph"
)

// Network is a co-ownership network with its units resolved, ready to
// write: the store's graph.Network plus the names and kinds viewers show.
type Network struct {
	Query NetworkQuery // what was asked, for headers
	Nodes []Node       // ordered by unit ID
	Edges []Edge       // most shared first, then by unit IDs
}

// Node is a unit and its workload under the network's filter.
type Node struct {
	Unit      graph.Unit
	Lead      int
	Cooperate int
}

// Workload is the number of distinct tasks: lead + cooperate.
func (n Node) Workload() int { return n.Lead + n.Cooperate }

// Edge is two units (A.ID < B.ID) and the tasks they share.
type Edge struct {
	A, B   string // Unit IDs
	Shared int
}

// LoadNetwork reads the network q selects.
func LoadNetwork(ctx context.Context, v *duty.View, q NetworkQuery) (Network, error) {
	f, err := q.resolve(ctx, v)
	if err != nil {
		return Network{}, err
	}
	q.Jurisdiction = f.Jurisdiction // headers name the path, not the user's spelling
	n, err := v.Network(ctx, f, q.MinShared)
	if err != nil {
		return Network{}, err
	}
	ids := make([]string, len(n.Nodes))
	for i, node := range n.Nodes {
		ids[i] = node.UnitID
	}
	units, err := v.Units(ctx, ids)
	if err != nil {
		return Network{}, fmt.Errorf("network nodes: %w", err)
	}
	out := Network{Query: q, Nodes: make([]Node, len(n.Nodes)), Edges: make([]Edge, len(n.Edges))}
	for i, node := range n.Nodes {
		out.Nodes[i] = Node{Unit: *units[i], Lead: node.Lead, Cooperate: node.Cooperate}
	}
	for i, e := range n.Edges {
		out.Edges[i] = Edge{A: e.A, B: e.B, Shared: e.Shared}
	}
	return out, nil
}
