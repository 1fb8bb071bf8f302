package analysis

import (
	"context"
	"math/rand/v2"

	gonumgraph "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/simple"
)

// interrupted is what a cancelled computation panics with to leave gonum's
// loops, which take no context; interruptible recovers it.
type interrupted struct{ err error }

// stopIfDone leaves the computation under way, through interruptible, once
// ctx is done.
func stopIfDone(ctx context.Context) {
	if err := ctx.Err(); err != nil {
		panic(interrupted{err})
	}
}

// interruptible runs work and returns ctx's error when work stopped because
// ctx was done (see stopIfDone). gonum's Louvain and shortest paths take no
// context but call back into what they are given, the random source and the
// graph, at every pass and every node; those callbacks stop them. The
// computations hold nothing beyond their own memory, so leaving them half
// way is safe: a request that times out or whose client left stops within
// one pass of the algorithm rather than running to the end.
func interruptible(ctx context.Context, work func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			stop, ok := r.(interrupted)
			if !ok {
				panic(r)
			}
			err = stop.err
		}
	}()
	stopIfDone(ctx)
	work()
	return nil
}

// cancellableSource is a random source that stops the computation drawing
// from it once ctx is done. Louvain draws a shuffle of the nodes at each
// pass of its local moving, so it stops within a pass.
type cancellableSource struct {
	ctx context.Context
	rand.Source
}

func (s cancellableSource) Uint64() uint64 {
	stopIfDone(s.ctx)
	return s.Source.Uint64()
}

// cancellableGraph is a graph whose walks stop once ctx is done: Dijkstra
// asks for the neighbours of every node it settles.
type cancellableGraph struct {
	ctx context.Context
	*simple.WeightedUndirectedGraph
}

func (g cancellableGraph) From(id int64) gonumgraph.Nodes {
	stopIfDone(g.ctx)
	return g.WeightedUndirectedGraph.From(id)
}
