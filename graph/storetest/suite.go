// Package storetest is the conformance suite every graph.Store passes: one
// table of named scenarios, each run on a fresh store built from the
// fixtures in this package, with the exact answers a store must give.
//
// A store's test calls Run:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) graph.Store { return memstore.New() })
//	}
//
// Conventions the suite fixes beyond graph/store.go, so that every store
// answers alike:
//   - Page{Limit: 0} means "to the end"; a negative offset or limit is
//     ErrInvalid.
//   - Jurisdiction filters match the path exactly (南京市 does not include
//     南京市/鼓楼区); an unknown jurisdiction, plan, section or unit ID in a
//     filter is ErrNotFound, never an empty answer. A known one with nothing
//     under it gives an empty answer.
//   - Ties in task order (plans numbering each section anew) are broken by
//     task ID; Plans and Reports are ordered by jurisdiction, then year
//     descending; Jurisdictions by path.
//   - CoOwnership with f.UnitID counts that unit even if it is a placeholder
//     (it was named); its partners follow IncludeCollective.
//   - Network node counts are each unit's lead and cooperate tasks under the
//     filter's year, jurisdiction, plan and roles; with f.UnitID the network
//     is the unit and its partners sharing at least minShared tasks.
//     UnitWorkloads answers exactly the nodes of the filter's network.
//   - Targets are ordered by jurisdiction, year (oldest first), document ID
//     (so a year's plan before its report), task number, task ID, index;
//     a filter's Metric matches after graph.NormalizeMetric; an unknown
//     metric, document or task is ErrNotFound. Loading a plan or a report's
//     text replaces all of that document's targets; a report stub in a
//     plan's batch leaves the report's targets alone.
//   - Every method returns an error wrapping context.Canceled when called
//     with a cancelled context.
//
// Slices in answers may be nil or empty, whichever a store finds natural:
// the suite compares them as equal.
package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
)

// scenario is one named check on a fresh store.
type scenario struct {
	name string
	run  func(t *testing.T, ctx context.Context, s graph.Store)
}

// scenarioTimeout bounds each scenario, so a store that hangs (a database
// that does not answer) fails with a message instead of stalling the run.
const scenarioTimeout = 2 * time.Minute

// Run runs every scenario as a subtest, each on a store newStore makes. The
// store must be empty; newStore should register its cleanup with t.Cleanup.
// Scenario names are stable: other stores' CI and reviewers refer to them.
func Run(t *testing.T, newStore func(t *testing.T) graph.Store) {
	t.Helper()
	var all []scenario
	all = append(all, loadScenarios()...)
	all = append(all, removeScenarios()...)
	all = append(all, documentScenarios()...)
	all = append(all, unitScenarios()...)
	all = append(all, taskScenarios()...)
	all = append(all, workloadScenarios()...)
	all = append(all, coOwnershipScenarios()...)
	all = append(all, targetScenarios()...)
	all = append(all, argumentScenarios()...)
	all = append(all, faultScenarios()...)
	for _, sc := range all {
		t.Run(sc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), scenarioTimeout)
			defer cancel()
			s := newStore(t)
			require.NotNil(t, s, "newStore returned nil")
			sc.run(t, ctx, s)
		})
	}
}

// load loads batches in order, failing the test with the batch's source.
func load(t *testing.T, ctx context.Context, s graph.Store, batches ...*graph.Batch) {
	t.Helper()
	for _, b := range batches {
		require.NoError(t, s.Load(ctx, b), "loading fixture %s", b.Source)
	}
}

// loadAll loads every valid fixture.
func loadAll(t *testing.T, ctx context.Context, s graph.Store) {
	t.Helper()
	load(t, ctx, s, All()...)
}

// reversed returns the batches in reverse order.
func reversed(bs []*graph.Batch) []*graph.Batch {
	out := make([]*graph.Batch, len(bs))
	for i, b := range bs {
		out[len(bs)-1-i] = b
	}
	return out
}
