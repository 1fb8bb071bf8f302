package storetest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
)

// State is everything a store answers about the fixtures, read through the
// Store interface: two stores (or one store at two moments) hold the same
// graph exactly when their States are equal.
type State struct {
	Stats         graph.Stats
	Jurisdictions []graph.Jurisdiction
	Reports       []graph.Report
	Plans         []graph.Plan
	Sections      map[string][]graph.Section // by document ID
	Units         []graph.Unit
	Tasks         []graph.Task
	Predecessors  map[string][]graph.Succession // by unit ID
	Successors    map[string][]graph.Succession
	Workloads     map[string]graph.Workload // by unit ID, all years
	Pairs         []graph.UnitPair          // with placeholders
	Network       graph.Network             // with placeholders
	Targets       []graph.Target
}

// ReadState reads a store's whole State.
func ReadState(t *testing.T, ctx context.Context, s graph.Store) State {
	t.Helper()
	var st State
	var err error
	st.Stats, err = s.Stats(ctx)
	require.NoError(t, err, "Stats")
	st.Jurisdictions, err = s.Jurisdictions(ctx)
	require.NoError(t, err, "Jurisdictions")
	st.Reports, err = s.Reports(ctx)
	require.NoError(t, err, "Reports")
	st.Plans, err = s.Plans(ctx, graph.PlanFilter{})
	require.NoError(t, err, "Plans")

	st.Sections = map[string][]graph.Section{}
	for _, r := range st.Reports {
		st.Sections[r.ID], err = s.Sections(ctx, r.ID)
		require.NoError(t, err, "Sections(%s)", r.ID)
	}
	for _, p := range st.Plans {
		st.Sections[p.ID], err = s.Sections(ctx, p.ID)
		require.NoError(t, err, "Sections(%s)", p.ID)
	}

	units, err := s.Units(ctx, graph.UnitFilter{}, graph.Page{})
	require.NoError(t, err, "Units")
	require.Len(t, units.Units, units.Total, "Units with Page{} must return every unit")
	st.Units = units.Units
	tasks, err := s.Tasks(ctx, graph.TaskFilter{}, graph.Page{})
	require.NoError(t, err, "Tasks")
	require.Len(t, tasks.Tasks, tasks.Total, "Tasks with Page{} must return every task")
	st.Tasks = tasks.Tasks

	st.Predecessors = map[string][]graph.Succession{}
	st.Successors = map[string][]graph.Succession{}
	st.Workloads = map[string]graph.Workload{}
	for _, u := range st.Units {
		st.Predecessors[u.ID], st.Successors[u.ID], err = s.Successions(ctx, u.ID)
		require.NoError(t, err, "Successions(%s)", u.ID)
		st.Workloads[u.ID], err = s.Workload(ctx, []string{u.ID}, 0)
		require.NoError(t, err, "Workload(%s)", u.ID)
	}
	st.Pairs, err = s.CoOwnership(ctx, graph.CoOwnershipFilter{IncludeCollective: true}, 1000)
	require.NoError(t, err, "CoOwnership")
	st.Network, err = s.Network(ctx, graph.CoOwnershipFilter{IncludeCollective: true}, 1)
	require.NoError(t, err, "Network")
	st.Targets, err = s.Targets(ctx, graph.TargetFilter{})
	require.NoError(t, err, "Targets")
	return normalizeState(st)
}

// unitIn returns a unit of a state, or a zero unit.
func unitIn(st State, id string) graph.Unit {
	for _, u := range st.Units {
		if u.ID == id {
			return u
		}
	}
	return graph.Unit{}
}

// requireSameState fails with a field-by-field diff when two states differ.
func requireSameState(t *testing.T, want, got State, msg string) {
	t.Helper()
	require.Equal(t, want.Stats, got.Stats, "%s: Stats", msg)
	require.Equal(t, want.Jurisdictions, got.Jurisdictions, "%s: Jurisdictions", msg)
	require.Equal(t, want.Reports, got.Reports, "%s: Reports", msg)
	require.Equal(t, want.Plans, got.Plans, "%s: Plans", msg)
	require.Equal(t, want.Sections, got.Sections, "%s: Sections", msg)
	require.Equal(t, want.Units, got.Units, "%s: Units", msg)
	require.Equal(t, want.Tasks, got.Tasks, "%s: Tasks", msg)
	require.Equal(t, want.Predecessors, got.Predecessors, "%s: predecessors", msg)
	require.Equal(t, want.Successors, got.Successors, "%s: successors", msg)
	require.Equal(t, want.Workloads, got.Workloads, "%s: Workloads", msg)
	require.Equal(t, want.Pairs, got.Pairs, "%s: CoOwnership", msg)
	require.Equal(t, want.Network, got.Network, "%s: Network", msg)
	require.Equal(t, want.Targets, got.Targets, "%s: Targets", msg)
}

// The normalisers make nil and empty slices compare equal, so that a store
// is free to return either.

func normalizeState(st State) State {
	st.Jurisdictions = nilIfEmpty(st.Jurisdictions)
	st.Reports = normalizeReports(st.Reports)
	st.Plans = nilIfEmpty(st.Plans)
	for k, v := range st.Sections {
		st.Sections[k] = nilIfEmpty(v)
	}
	st.Units = normalizeUnits(st.Units)
	st.Tasks = normalizeTasks(st.Tasks)
	for k, v := range st.Predecessors {
		st.Predecessors[k] = nilIfEmpty(v)
	}
	for k, v := range st.Successors {
		st.Successors[k] = nilIfEmpty(v)
	}
	for k, v := range st.Workloads {
		st.Workloads[k] = normalizeWorkload(v)
	}
	st.Pairs = nilIfEmpty(st.Pairs)
	st.Network = normalizeNetwork(st.Network)
	st.Targets = nilIfEmpty(st.Targets)
	return st
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

func normalizeUnit(u graph.Unit) graph.Unit {
	u.Aliases = nilIfEmpty(u.Aliases)
	return u
}

func normalizeUnits(us []graph.Unit) []graph.Unit {
	us = nilIfEmpty(us)
	for i := range us {
		us[i] = normalizeUnit(us[i])
	}
	return us
}

func normalizeTask(t graph.Task) graph.Task {
	t.Leads = nilIfEmpty(t.Leads)
	t.Cooperators = nilIfEmpty(t.Cooperators)
	t.Leaders = nilIfEmpty(t.Leaders)
	return t
}

func normalizeTasks(ts []graph.Task) []graph.Task {
	ts = nilIfEmpty(ts)
	for i := range ts {
		ts[i] = normalizeTask(ts[i])
	}
	return ts
}

func normalizeReports(rs []graph.Report) []graph.Report {
	return nilIfEmpty(rs)
}

func normalizeWorkload(w graph.Workload) graph.Workload {
	w.BySection = nilIfEmpty(w.BySection)
	return w
}

func normalizeNetwork(n graph.Network) graph.Network {
	n.Nodes = nilIfEmpty(n.Nodes)
	n.Edges = nilIfEmpty(n.Edges)
	return n
}
