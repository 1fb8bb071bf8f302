package resolvers

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"

	"github.com/dutygraph/dutygraph/analysis"
	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/graph"
)

// enclosingNetwork finds the network a node was listed in. A node is the
// store's graph.NetworkNode, which knows nothing of its network; the field
// context does: walking up from the node's field reaches the field that
// returned the *duty.Network, whose analysis every node of it shares.
func enclosingNetwork(ctx context.Context, node *graph.NetworkNode) (*duty.Network, error) {
	for fc := graphql.GetFieldContext(ctx); fc != nil; fc = fc.Parent {
		if n, ok := fc.Result.(*duty.Network); ok {
			return n, nil
		}
	}
	return nil, fmt.Errorf("network structure: node %s asked outside a network", node.UnitID)
}

// nodeStructure returns the degrees and community of a network node.
func nodeStructure(ctx context.Context, node *graph.NetworkNode) (analysis.NodeStructure, error) {
	n, err := enclosingNetwork(ctx, node)
	if err != nil {
		return analysis.NodeStructure{}, err
	}
	s, err := n.Structure(ctx)
	if err != nil {
		return analysis.NodeStructure{}, err
	}
	ns, ok := s.Nodes[node.UnitID]
	if !ok {
		return analysis.NodeStructure{}, fmt.Errorf("network structure: node %s is not in its network", node.UnitID)
	}
	return ns, nil
}
