// Package export writes dutygraph's graph in the formats other tools read:
// the co-ownership network as GraphML (yEd, Gephi, networkx), GEXF 1.2 or
// 1.3 (Gephi, networkx), Cypher (Neo4j) and JSON, a unit's workload as CSV
// and XLSX (Excel), and tables of units, tasks and pairs as CSV and JSON
// (dashboards: Grafana, Superset, Metabase). The numbers are the store's,
// under the same filters as the GraphQL API, and Handler serves every
// export over HTTP (GET /export/…).
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

	// Years is the same network split by plan year, oldest first: each
	// year's units and pairs under the same filter and minimum of shared
	// tasks, leaving out years with no task. The Cypher export writes
	// these, so that a pair's weight in one year never overwrites its
	// weight in another in a database that holds both.
	Years []YearNetwork
}

// YearNetwork is a network's units and pairs in one plan year.
type YearNetwork struct {
	Year  int
	Nodes []Node
	Edges []Edge
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

// LoadNetwork reads the network q selects, and year by year when q asks.
func LoadNetwork(ctx context.Context, v *duty.View, q NetworkQuery) (Network, error) {
	f, err := q.resolve(ctx, v)
	if err != nil {
		return Network{}, err
	}
	q.Jurisdiction = f.Jurisdiction // headers name the path, not the user's spelling
	out := Network{Query: q}
	if out.Nodes, out.Edges, err = loadNetwork(ctx, v, f, q.MinShared); err != nil {
		return Network{}, err
	}
	if !q.ByYear {
		return out, nil
	}
	years, err := networkYears(ctx, v, f)
	if err != nil {
		return Network{}, err
	}
	for _, year := range years {
		yn := YearNetwork{Year: year, Nodes: out.Nodes, Edges: out.Edges}
		if year != f.Year {
			fy := f
			fy.Year = year
			if yn.Nodes, yn.Edges, err = loadNetwork(ctx, v, fy, q.MinShared); err != nil {
				return Network{}, err
			}
		}
		if len(yn.Nodes) > 0 {
			out.Years = append(out.Years, yn)
		}
	}
	return out, nil
}

// networkYears are the plan years a network under f may have tasks in:
// its year, or every year its jurisdiction (or any) has a plan for.
func networkYears(ctx context.Context, v *duty.View, f graph.CoOwnershipFilter) ([]int, error) {
	if f.Year != 0 {
		return []int{f.Year}, nil
	}
	return v.PlanYears(ctx, f.Jurisdiction)
}

// loadNetwork reads the network under f and resolves its units.
func loadNetwork(ctx context.Context, v *duty.View, f graph.CoOwnershipFilter, minShared int) ([]Node, []Edge, error) {
	n, err := v.Network(ctx, f, minShared)
	if err != nil {
		return nil, nil, err
	}
	ids := make([]string, len(n.Nodes))
	for i, node := range n.Nodes {
		ids[i] = node.UnitID
	}
	units, err := v.Units(ctx, ids)
	if err != nil {
		return nil, nil, fmt.Errorf("network nodes: %w", err)
	}
	nodes := make([]Node, len(n.Nodes))
	for i, node := range n.Nodes {
		nodes[i] = Node{Unit: *units[i], Lead: node.Lead, Cooperate: node.Cooperate}
	}
	edges := make([]Edge, len(n.Edges))
	for i, e := range n.Edges {
		edges[i] = Edge{A: e.A, B: e.B, Shared: e.Shared}
	}
	return nodes, edges, nil
}
