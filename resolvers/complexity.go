package resolvers

import (
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/resolvers/generated"
	"github.com/dutygraph/dutygraph/resolvers/model"
)

// networkWeight stands for the size of a network: it holds every unit of
// the filter, hundreds on a city's plans.
const networkWeight = 200

// targetsWeight stands for the size of a targets answer: a metric is set
// by a few documents, but an unfiltered query lists every target, some 600
// on the seeds.
const targetsWeight = 100

// linkWeight stands for the work of a task's continuity or cascade links:
// each compares the task's plan with another, text against text.
const linkWeight = 10

// complexity weights the fields that return lists by the size asked for
// (at most maxPageSize). A query's complexity, limited by
// Options.MaxComplexity, thus counts lists as many times as the items they
// may hold: with the default limit a page of 20 units each with 20 of its
// tasks and their units passes, while 100 units each with 100 tasks (ten
// thousand rows, each fanning out again) is refused before any store call.
func complexity(maxPageSize int) generated.ComplexityRoot {
	listCost := func(child int, n *int) int { return listCost(child, n, maxPageSize) }
	var c generated.ComplexityRoot
	c.Query.Units = func(child int, _ *string, _ *string, _ *graph.UnitKind, first *int, _ *string) int {
		return listCost(child, first)
	}
	c.Query.Tasks = func(child int, _ *model.TaskFilter, first *int, _ *string) int { return listCost(child, first) }
	c.Query.CoOwnership = func(child int, _ *model.CoOwnershipFilter, limit *int) int { return listCost(child, limit) }
	c.Query.Network = func(child int, _ *model.CoOwnershipFilter, _ *int) int { return 1 + child*networkWeight }
	c.Query.Targets = func(child int, _ *string, _ *string, _ *graph.TargetMeasure, _ *string, _ *int) int {
		return 1 + child*targetsWeight
	}
	c.Unit.Tasks = func(child int, _ *graph.Role, _ *int, first *int, _ *string) int { return listCost(child, first) }
	c.Unit.Partners = func(child int, _ *int, limit *int) int { return listCost(child, limit) }
	c.Plan.Tasks = func(child int, first *int, _ *string) int { return listCost(child, first) }
	c.Section.Tasks = func(child int, first *int, _ *string) int { return listCost(child, first) }
	c.UnitPair.Tasks = func(child int, first *int) int { return listCost(child, first) }
	// A network's brokers and its communities' units are its nodes again,
	// which networkWeight already counts: they are not weighted twice.
	c.Query.LineageSuggestions = func(child int, _ string, _, _ int, _ *string, _ *bool, limit *int) int {
		return listCost(child, limit)
	}
	links := func(child int) int { return linkWeight * (1 + child) }
	c.Task.Continues = func(child int, _ *int) int { return links(child) }
	c.Task.ContinuedBy = func(child int, _ *int) int { return links(child) }
	c.Task.CascadesTo = links
	c.Task.CascadesFrom = links
	return c
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
