package export

import (
	"context"
	"slices"

	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/graph"
)

// The tables' columns, in the order they are written; README.md
// ("Dashboards") documents them. A column may be added at the end, never
// moved or renamed: dashboards address columns by name and position.
var (
	// UnitColumns head the units table: the workload ranking.
	UnitColumns = []string{"rank", "id", "name", "jurisdiction", "kind", "lead", "cooperate", "total"}
	// NodeColumns head the network's nodes: the units without their rank.
	NodeColumns = UnitColumns[1:]
	// PairColumns head the pairs table and the network's edges.
	PairColumns = []string{"source", "sourceName", "sourceJurisdiction", "target", "targetName", "targetJurisdiction", "sharedTasks"}
	// TaskColumns head the tasks table: a row per task and unit.
	TaskColumns = []string{"taskId", "year", "jurisdiction", "planId", "number", "section", "unitId", "unit", "unitJurisdiction", "role", "deadline", "due", "text"}
)

// LoadUnitsTable is the units with a task under q, ranked by their
// workload there (duty.View.WorkloadRanking, by total): the GraphQL
// workloadRanking with every unit. q.MinShared plays no part.
func LoadUnitsTable(ctx context.Context, v *duty.View, q NetworkQuery) (Table, error) {
	ranked, err := v.WorkloadRanking(ctx, q.coOwnershipQuery(), "", 0)
	if err != nil {
		return Table{}, err
	}
	ids := make([]string, len(ranked))
	for i, r := range ranked {
		ids[i] = r.UnitID
	}
	units, err := v.Units(ctx, ids)
	if err != nil {
		return Table{}, err
	}
	t := Table{Columns: UnitColumns, Rows: make([][]any, len(ranked))}
	for i, r := range ranked {
		t.Rows[i] = append([]any{r.Rank}, unitCells(*units[i], r.Lead, r.Cooperate)...)
	}
	return t, nil
}

// unitCells are a unit's cells of NodeColumns.
func unitCells(u graph.Unit, lead, cooperate int) []any {
	return []any{u.ID, u.Name, u.Jurisdiction, string(u.Kind), lead, cooperate, lead + cooperate}
}

// NetworkTables are a network as two tables: its nodes (by unit ID) and
// its edges (most shared first), as the GraphQL network query lists them.
func NetworkTables(n Network) (nodes, edges Table) {
	nodes = Table{Columns: NodeColumns, Rows: make([][]any, len(n.Nodes))}
	units := make(map[string]graph.Unit, len(n.Nodes))
	for i, node := range n.Nodes {
		nodes.Rows[i] = unitCells(node.Unit, node.Lead, node.Cooperate)
		units[node.Unit.ID] = node.Unit
	}
	edges = Table{Columns: PairColumns, Rows: make([][]any, len(n.Edges))}
	for i, e := range n.Edges {
		a, b := units[e.A], units[e.B]
		edges.Rows[i] = []any{a.ID, a.Name, a.Jurisdiction, b.ID, b.Name, b.Jurisdiction, e.Shared}
	}
	return nodes, edges
}

// LoadTasksTable lists the tasks of the plans q selects, newest year
// first, then by jurisdiction and task number, with a row for each unit
// taking part: its leads in clause order, then its cooperators (a unit
// named as both is a lead). q.Roles keeps the rows of those roles, and
// placeholder units have rows only with q.IncludeCollective; q.MinShared
// plays no part. More than maxExportTasks tasks are refused.
func LoadTasksTable(ctx context.Context, v *duty.View, q NetworkQuery) (Table, error) {
	f, err := q.resolve(ctx, v)
	if err != nil {
		return Table{}, err
	}
	tasks, err := allTasks(ctx, v, graph.TaskFilter{Year: f.Year, Jurisdiction: f.Jurisdiction, PlanID: f.PlanID})
	if err != nil {
		return Table{}, err
	}
	counted := func(u *graph.Unit, r graph.Role) bool {
		return (len(f.Roles) == 0 || slices.Contains(f.Roles, r)) && (f.IncludeCollective || u.Kind != graph.KindPlaceholder)
	}
	t := Table{Columns: TaskColumns}
	for _, task := range tasks {
		var section any
		if task.SectionID != "" {
			sec, err := v.Section(ctx, task.SectionID)
			if err != nil {
				return Table{}, err
			}
			section = sec.Title
		}
		add := func(u *graph.Unit, r graph.Role) {
			if counted(u, r) {
				t.Rows = append(t.Rows, []any{
					task.ID, task.Year, task.Jurisdiction, task.PlanID, task.Number, section,
					u.ID, u.Name, u.Jurisdiction, string(r), orNull(task.Deadline), orNull(task.Due), task.Text,
				})
			}
		}
		leads, err := v.Units(ctx, task.Leads)
		if err != nil {
			return Table{}, err
		}
		for _, u := range leads {
			add(u, graph.RoleLead)
		}
		cooperators, err := v.Units(ctx, task.Cooperators)
		if err != nil {
			return Table{}, err
		}
		for _, u := range cooperators {
			if !slices.Contains(task.Leads, u.ID) {
				add(u, graph.RoleCooperator)
			}
		}
	}
	return t, nil
}

// orNull is a text the document did not give as a missing value.
func orNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}
