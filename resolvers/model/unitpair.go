package model

import "github.com/dutygraph/dutygraph/graph"

// UnitPair backs the GraphQL UnitPair: a ranked pair together with the
// filter it was counted under, so that its tasks field lists exactly the
// tasks its sharedTasks counted.
type UnitPair struct {
	graph.UnitPair
	Filter graph.CoOwnershipFilter
}
