package resolvers

import (
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/resolvers/generated"
	"github.com/dutygraph/dutygraph/resolvers/model"
)

// A query's complexity counts two kinds of work in one number. Lists count
// the items they may hold, each a few microseconds: there the limit bounds
// the size of an answer. Analysis counts the time it was measured to take,
// a point for about 0.6 ms of one core, so the default limit of 20,000
// admits some 12 s of analysis in one request, well inside its timeout.
// The weights were measured on the 100,000-task synthetic corpus
// (BENCHMARKS.md, "Cost of the analysis"); the complexity function sees the
// query's arguments but no data, so a network's weight depends on how far
// its filter narrows it.

// networkScale is how much more a network the filter leaves country-wide
// (no jurisdiction or plan: every jurisdiction, or one year of all of them)
// costs than one jurisdiction's. At 100,000 tasks it holds 3,900 units and
// 96,000 edges against 66 and 1,800, and Louvain takes 4.6 s against 78 ms.
const networkScale = 60

// structureWeight is the Louvain communities of one jurisdiction's network
// over all its years (78 ms); degrees come with them.
const structureWeight = 130

// betweennessWeight is the betweenness of one jurisdiction's network
// (135 ms).
const betweennessWeight = 225

// networkListWeight is a field of every node or edge of one jurisdiction's
// network, listed: the country's 3,900 nodes with their units and 96,000
// edges took 1.6 s.
const networkListWeight = 3

// lineageWeight is one pair of years' lineage suggestions for a
// jurisdiction (7 ms), scored once per request however many ask.
const lineageWeight = 12

// targetsWeight stands for the size of a targets answer: a metric is set
// by a few documents, but an unfiltered query lists every target, some 600
// on the seeds.
const targetsWeight = 100

// linkWeight is the work of a task's continuity or cascade links, or of a
// workload change's continued, added and dropped tasks: each compares a
// plan with another, text against text (5 ms the first time).
const linkWeight = 10

// seriesWeight stands for the points of a workload series, one per loaded
// plan year: 3 on the seeds, some 20 for a national corpus, each a store
// call.
const seriesWeight = 20

// complexity weights the fields that return lists by the size asked for
// (at most maxPageSize). A query's complexity, limited by
// Options.MaxComplexity, thus counts lists as many times as the items they
// may hold: with the default limit a page of 20 units each with 20 of its
// tasks and their units passes, while 100 units each with 100 tasks (ten
// thousand rows, each fanning out again) is refused before any store call.
// The analysis fields weigh their measured cost (see networkScale).
func complexity(maxPageSize int) generated.ComplexityRoot {
	listCost := func(child int, n *int) int { return listCost(child, n, maxPageSize) }
	var c generated.ComplexityRoot
	c.Query.Units = func(child int, _ *string, _ *string, _ *graph.UnitKind, first *int, _ *string) int {
		return listCost(child, first)
	}
	c.Query.Tasks = func(child int, _ *model.TaskFilter, first *int, _ *string) int { return listCost(child, first) }
	c.Query.CoOwnership = func(child int, _ *model.CoOwnershipFilter, limit *int) int { return listCost(child, limit) }
	c.Query.WorkloadRanking = func(child int, _ *int, _ *string, _ *string, _ *graph.Role, _ *bool, first *int) int {
		return listCost(child, first)
	}
	c.Query.Targets = func(child int, _ *string, _ *string, _ *graph.TargetMeasure, _ *string, _ *int) int {
		return 1 + child*targetsWeight
	}
	c.Unit.Tasks = func(child int, _ *graph.Role, _ *int, first *int, _ *string) int { return listCost(child, first) }
	c.Unit.Partners = func(child int, _ *int, limit *int) int { return listCost(child, limit) }
	c.Unit.Workloads = func(child int) int { return 1 + child*seriesWeight }
	c.Plan.Tasks = func(child int, first *int, _ *string) int { return listCost(child, first) }
	c.Section.Tasks = func(child int, first *int, _ *string) int { return listCost(child, first) }
	c.UnitPair.Tasks = func(child int, first *int) int { return listCost(child, first) }

	// A network's fields are weighed as one jurisdiction's network, and the
	// whole as many times over as its filter leaves it larger. The
	// structure and the betweenness are computed once per network, and
	// weigh once whether asked of the network or of every node.
	c.Query.Network = func(child int, f *model.CoOwnershipFilter, _ *int) int { return 1 + child*networkScaleOf(f) }
	networkList := func(child int) int { return 1 + child*networkListWeight }
	c.Network.Nodes = networkList
	c.Network.Edges = networkList
	c.Network.Modularity = func(int) int { return structureWeight }
	c.Network.Communities = func(child int) int { return structureWeight + networkList(child) }
	c.Network.Brokers = func(child int, _ int) int { return structureWeight + betweennessWeight + networkList(child) }
	perNode := func(weight int) func(int) int { return func(int) int { return weight / networkListWeight } }
	c.NetworkNode.Degree = perNode(structureWeight)
	c.NetworkNode.WeightedDegree = perNode(structureWeight)
	c.NetworkNode.Community = perNode(structureWeight)
	c.NetworkNode.Betweenness = perNode(betweennessWeight)

	c.Query.LineageSuggestions = func(child int, _ string, _, _ int, _ *string, _ *bool, limit *int) int {
		return lineageWeight + listCost(child, limit)
	}
	links := func(child int) int { return linkWeight * (1 + child) }
	c.Task.Continues = func(child int, _ *int) int { return links(child) }
	c.Task.ContinuedBy = func(child int, _ *int) int { return links(child) }
	c.Task.CascadesTo = links
	c.Task.CascadesFrom = links
	c.WorkloadChange.Continued = links
	c.WorkloadChange.Added = links
	c.WorkloadChange.Dropped = links
	return c
}

// networkScaleOf is networkScale for a filter that leaves the network
// country-wide, 1 for one narrowed to a jurisdiction or a plan.
func networkScaleOf(f *model.CoOwnershipFilter) int {
	if f != nil && (f.Jurisdiction != nil || f.PlanID != nil) {
		return 1
	}
	return networkScale
}

// listCost is the cost of a list of up to n items (the default page size
// when n is not given), at most maxPageSize.
func listCost(child int, n *int, maxPageSize int) int {
	size := min(defaultPageSize, maxPageSize)
	if n != nil && *n >= 0 {
		size = min(*n, maxPageSize)
	}
	return 1 + child*size
}
