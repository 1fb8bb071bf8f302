package analysis

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"

	gonumgraph "gonum.org/v1/gonum/graph"

	"github.com/dutygraph/dutygraph/graph"
)

// Resolution is the modularity resolution γ communities are found at: 1 is
// Newman's modularity, under which a community holds more shared tasks than
// the units' weighted degrees would lead one to expect by chance.
const Resolution = 1.0

// louvainSeeds are the fixed random sources Louvain runs from. Louvain visits
// nodes in random order and settles in a local optimum that depends on the
// order; running from several fixed seeds and keeping the partition of
// highest modularity makes the answer deterministic and less dependent on
// one unlucky order. Over 27 networks of the bundled seed documents (every
// year, each jurisdiction by year and over all years, and everything; each
// at minShared 1 to 3) the best of these 8 is within 0.005 of the best of
// 100 seeds (Q ranges 0.22 to 0.56); 32 seeds gain at most 0.002 more, at
// four times the cost.
var louvainSeeds = [...]uint64{1, 2, 3, 4, 5, 6, 7, 8}

// MaxBetweennessUnits bounds the networks betweenness is computed for in one
// request. gonum's weighted betweenness lists the shortest paths of every
// pair of units: BenchmarkNetworkStructure measures 0.08 s for the 160 units
// of all seed documents, 1.2 s and 1.5 GB allocated for 500 units, 8 s and
// 11 GB for 1,000. A city plan names 100 to 200 units; a city with all its
// districts over a year, several hundred.
const MaxBetweennessUnits = 500

// ErrNetworkTooLarge is returned for betweenness over more than
// MaxBetweennessUnits units.
var ErrNetworkTooLarge = errors.New("network too large for betweenness")

// digits is the number of decimal places betweenness and modularity are
// rounded to. gonum sums them in map order, so the last bits of a float
// differ from run to run; rounding far below any meaningful difference
// keeps answers, and rankings and choices by them, identical.
const digits = 12

// Structure is the shape of a co-ownership network: how connected and how
// central each unit is, and which groups of units work together.
type Structure struct {
	// Nodes holds each unit's measures by unit ID.
	Nodes map[string]NodeStructure
	// Communities are ordered by size, largest first, then by smallest unit
	// ID; a community's index is its ID.
	Communities []Community
	// Modularity is Newman's Q of the communities at Resolution, weighted
	// by shared tasks: 0 for no structure beyond chance, towards 1 for
	// groups that share tasks only among themselves.
	Modularity float64
}

// NodeStructure is one unit's place in the network.
type NodeStructure struct {
	// Degree is the number of partners: units it shares an edge with.
	Degree int
	// WeightedDegree is the sum of the shared tasks over its edges.
	WeightedDegree int
	// Community is the index of its community in Structure.Communities.
	Community int
}

// Community is a group of units found by modularity optimisation.
type Community struct {
	// ID is the community's position in Structure.Communities.
	ID int
	// UnitIDs are ordered by weighted degree, descending, then unit ID:
	// the first, the unit with the most joint work, is the community's hub.
	UnitIDs []string
}

// Size is the number of units in the community.
func (c Community) Size() int { return len(c.UnitIDs) }

// Hub is the community's unit with the most joint work.
func (c Community) Hub() string { return c.UnitIDs[0] }

// NetworkStructure computes the structure of a co-ownership network over
// exactly its nodes and edges (so a network read with minShared > 1 is
// analysed without its weaker ties): degrees, and communities that maximise
// modularity weighted by shared tasks, found by gonum's Louvain
// implementation from fixed random seeds. Louvain's cost grows with the
// network: some 20 ms for one jurisdiction's network of a year, 4.6 s for
// the 3,900 units of a 100,000-task corpus (BENCHMARKS.md); it stops with
// ctx's error within a pass once ctx is done. Betweenness, which costs more,
// is NetworkBetweenness.
func NetworkStructure(ctx context.Context, n graph.Network) (Structure, error) {
	g, err := newGonumGraphs(ctx, n)
	if err != nil {
		return Structure{}, err
	}
	s := Structure{Nodes: make(map[string]NodeStructure, len(g.ids))}
	partition, q, err := louvain(ctx, g.affinity)
	if err != nil {
		return Structure{}, err
	}
	s.Modularity = q
	for i, id := range g.ids {
		var ns NodeStructure
		for to := g.affinity.From(int64(i)); to.Next(); {
			w, _ := g.affinity.Weight(int64(i), to.Node().ID())
			ns.Degree++
			ns.WeightedDegree += int(w)
		}
		s.Nodes[id] = ns
	}
	for _, members := range partition {
		c := Community{UnitIDs: make([]string, len(members))}
		for j, m := range members {
			c.UnitIDs[j] = g.ids[m.ID()]
		}
		s.Communities = append(s.Communities, c)
	}
	slices.SortFunc(s.Communities, func(a, b Community) int {
		return cmp.Or(cmp.Compare(b.Size(), a.Size()), cmp.Compare(slices.Min(a.UnitIDs), slices.Min(b.UnitIDs)))
	})
	for i := range s.Communities {
		c := &s.Communities[i]
		c.ID = i
		slices.SortFunc(c.UnitIDs, s.moreJointWork)
		for _, id := range c.UnitIDs {
			ns := s.Nodes[id]
			ns.Community = i
			s.Nodes[id] = ns
		}
	}
	return s, nil
}

// NetworkBetweenness computes each unit's weighted betweenness centrality,
// normalised to [0, 1], with gonum; networks of more than
// MaxBetweennessUnits units give ErrNetworkTooLarge. It stops with ctx's
// error within one node's shortest paths once ctx is done.
//
// Betweenness is weighted: an edge's length is the inverse of its shared
// tasks, so two units that share 20 tasks are close and one shared task is a
// long way. A unit then counts as a broker when the strong ties between
// others run through it, not when it happens to share one task each with
// two otherwise distant units, which unweighted hop counts would reward.
// The lengths are scaled to integers where that is exact (see
// edgeLengths), so that paths of equal length tie exactly, as the
// definition of betweenness requires. The sum over pairs is divided by the number of pairs
// of other units, (n-1)(n-2)/2, so that networks of different years and
// sizes compare.
//
// Communities maximise modularity weighted by shared tasks, found by
// gonum's Louvain implementation from fixed random seeds.
func NetworkBetweenness(ctx context.Context, n graph.Network) (map[string]float64, error) {
	if units := countUnits(n); units > MaxBetweennessUnits {
		return nil, fmt.Errorf("%w: %d units, at most %d in one request; narrow the network by jurisdiction or year, or raise minShared",
			ErrNetworkTooLarge, units, MaxBetweennessUnits)
	}
	g, err := newGonumGraphs(ctx, n)
	if err != nil {
		return nil, err
	}
	between, err := betweenness(ctx, g.distance, len(g.ids))
	if err != nil {
		return nil, err
	}
	out := make(map[string]float64, len(g.ids))
	for i, id := range g.ids {
		out[id] = between[i]
	}
	return out, nil
}

// gonumGraphs is a network as gonum's graphs: node i is ids[i], the sorted
// unit IDs, so that answers do not depend on the order the network was
// listed in. affinity weighs an edge by its shared tasks, distance by the
// path length of edgeLengths.
type gonumGraphs struct {
	ids                []string
	affinity, distance *simple.WeightedUndirectedGraph
}

func newGonumGraphs(ctx context.Context, n graph.Network) (gonumGraphs, error) {
	ids := sortedUnits(n)
	g := gonumGraphs{
		ids:      ids,
		affinity: simple.NewWeightedUndirectedGraph(0, 0),
		distance: simple.NewWeightedUndirectedGraph(0, math.Inf(1)),
	}
	idx := make(map[string]int64, len(ids))
	for i, id := range ids {
		idx[id] = int64(i)
		g.affinity.AddNode(simple.Node(i))
		g.distance.AddNode(simple.Node(i))
	}
	length := edgeLengths(n.Edges)
	for i, e := range n.Edges {
		// A country's network has some 100,000 edges: adding them is
		// the first second of a request that may be gone already.
		if i%checkEvery == 0 && ctx.Err() != nil {
			return gonumGraphs{}, ctx.Err()
		}
		a, okA := idx[e.A]
		b, okB := idx[e.B]
		if !okA || !okB || a == b || e.Shared <= 0 {
			// A store's edges join its nodes and carry at least one task;
			// anything else is not part of the graph and is left out
			// rather than letting gonum panic.
			continue
		}
		g.affinity.SetWeightedEdge(simple.WeightedEdge{F: simple.Node(a), T: simple.Node(b), W: float64(e.Shared)})
		g.distance.SetWeightedEdge(simple.WeightedEdge{F: simple.Node(a), T: simple.Node(b), W: length(e.Shared)})
	}
	return g, nil
}

// checkEvery is how many steps of a cheap loop run between two checks of
// the context: a few milliseconds of work.
const checkEvery = 1024

// sortedUnits lists the network's unit IDs, sorted, each once.
func sortedUnits(n graph.Network) []string {
	ids := make([]string, 0, len(n.Nodes))
	for _, node := range n.Nodes {
		ids = append(ids, node.UnitID)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// countUnits is the number of distinct units of the network.
func countUnits(n graph.Network) int { return len(sortedUnits(n)) }

// Brokers returns the unit IDs of the network by betweenness, highest
// first, then by weighted degree, then by ID.
func (s *Structure) Brokers(betweenness map[string]float64) []string {
	ids := slices.Collect(maps.Keys(s.Nodes))
	slices.SortFunc(ids, func(a, b string) int {
		return cmp.Or(cmp.Compare(betweenness[b], betweenness[a]), s.moreJointWork(a, b))
	})
	return ids
}

// moreJointWork orders units by weighted degree, descending, then by ID.
func (s *Structure) moreJointWork(a, b string) int {
	return cmp.Or(cmp.Compare(s.Nodes[b].WeightedDegree, s.Nodes[a].WeightedDegree), cmp.Compare(a, b))
}

// edgeLengths returns the path length of an edge sharing w tasks: 1/w,
// scaled by the least common multiple of the weights present so that every
// length, and every sum of lengths, is an integer and equal paths tie
// exactly. When that multiple grows too large for sums of thousands of
// lengths to stay exact in a float64, plain 1/w is used and paths equal only
// in exact arithmetic may not tie.
func edgeLengths(edges []graph.UnitPair) func(w int) float64 {
	const maxScale = 1 << 32 // n·maxScale < 2^53 for networks below 2^21 units
	scale := 1
	seen := make(map[int]bool)
	for _, e := range edges {
		if e.Shared <= 0 || seen[e.Shared] {
			continue
		}
		seen[e.Shared] = true
		scale = lcm(scale, e.Shared)
		if scale > maxScale {
			return func(w int) float64 { return 1 / float64(w) }
		}
	}
	return func(w int) float64 { return float64(scale / w) }
}

func lcm(a, b int) int {
	x, y := a, b
	for y != 0 {
		x, y = y, x%y
	}
	return a / x * b
}

// betweenness returns the normalised weighted betweenness of nodes 0..n-1
// of g, whose edge weights are lengths.
func betweenness(ctx context.Context, g *simple.WeightedUndirectedGraph, n int) ([]float64, error) {
	out := make([]float64, n)
	if n < 3 {
		return out, nil
	}
	var raw map[int64]float64
	err := interruptible(ctx, func() {
		raw = betweennessWeighted(ctx, g, path.DijkstraAllPaths(cancellableGraph{ctx, g}))
	})
	if err != nil {
		return nil, err
	}
	// gonum counts each undirected pair twice, once from either end.
	pairs := float64(n-1) * float64(n-2)
	for id, b := range raw {
		out[id] = round(b / pairs)
	}
	return out, nil
}

// betweennessWeighted is gonum's network.BetweennessWeighted (v0.16.0),
// which sums over every pair the share of its shortest paths passing
// through each node, with a check of ctx for each source node: listing the
// paths of every pair is most of the work, and gonum's loop has no way out.
func betweennessWeighted(ctx context.Context, g gonumgraph.Weighted, p path.AllShortest) map[int64]float64 {
	cb := make(map[int64]float64)
	nodes := gonumgraph.NodesOf(g.Nodes())
	for i, s := range nodes {
		stopIfDone(ctx)
		sid := s.ID()
		for j, t := range nodes {
			if i == j {
				continue
			}
			tid := t.ID()
			if math.IsInf(p.Weight(sid, tid), 0) {
				continue
			}
			// A unique path needs no enumeration of all paths.
			if route, _, unique := p.Between(sid, tid); unique {
				for _, v := range route[1 : len(route)-1] {
					cb[v.ID()]++
				}
				continue
			}
			paths, _ := p.AllBetween(sid, tid)
			share := 1 / float64(len(paths))
			for _, route := range paths {
				for _, v := range route[1 : len(route)-1] {
					cb[v.ID()] += share
				}
			}
		}
	}
	return cb
}

func round(x float64) float64 {
	scale := math.Pow10(digits)
	return math.Round(x*scale) / scale
}

// louvain returns the partition of g of highest modularity Louvain
// finds from louvainSeeds (the first seed's on a tie) and that modularity.
// Without edges there is nothing to optimise: every node is alone and Q is
// taken as 0 (the formula divides by the total weight).
func louvain(ctx context.Context, g *simple.WeightedUndirectedGraph) ([][]gonumgraph.Node, float64, error) {
	if g.Edges().Len() == 0 {
		nodes := gonumgraph.NodesOf(g.Nodes())
		alone := make([][]gonumgraph.Node, len(nodes))
		for i, n := range nodes {
			alone[i] = []gonumgraph.Node{n}
		}
		return alone, 0, nil
	}
	var best [][]gonumgraph.Node
	bestQ := math.Inf(-1)
	for _, seed := range louvainSeeds {
		var c [][]gonumgraph.Node
		err := interruptible(ctx, func() {
			c = community.Modularize(cancellableGraph{ctx, g}, Resolution, cancellableSource{ctx, rand.NewPCG(seed, seed)}).Communities()
		})
		if err != nil {
			return nil, 0, err
		}
		if q := round(community.Q(g, c, Resolution)); q > bestQ {
			best, bestQ = c, q
		}
	}
	return best, bestQ, nil
}
