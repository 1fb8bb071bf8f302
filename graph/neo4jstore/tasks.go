package neo4jstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/dutygraph/dutygraph/graph"
)

// Relationship types of the roles.
const (
	relLeads        = "LEADS"
	relCooperatesOn = "COOPERATES_ON"
)

// relTypes maps roles to the relationship types that carry them; no role
// means both.
func relTypes(roles ...graph.Role) []string {
	var out []string
	for _, r := range roles {
		switch r {
		case graph.RoleLead:
			out = append(out, relLeads)
		case graph.RoleCooperator:
			out = append(out, relCooperatesOn)
		}
	}
	if len(out) == 0 {
		return []string{relLeads, relCooperatesOn}
	}
	return out
}

// Tasks pages through the tasks under the filter, by jurisdiction, year
// descending, number and ID.
func (s *Store) Tasks(ctx context.Context, f graph.TaskFilter, p graph.Page) (graph.TaskPage, error) {
	if err := ctx.Err(); err != nil {
		return graph.TaskPage{}, err
	}
	if err := checkTaskFilter(f, p); err != nil {
		return graph.TaskPage{}, err
	}
	page := graph.TaskPage{Tasks: []graph.Task{}}
	err := s.read(ctx, "tasks", func(r runner) error {
		page = graph.TaskPage{Tasks: []graph.Task{}}
		if err := s.checkJurisdiction(ctx, r, f.Jurisdiction); err != nil {
			return err
		}
		if err := s.checkExists(ctx, r, cypherPlanExists, f.PlanID, "plan"); err != nil {
			return err
		}
		if err := s.checkExists(ctx, r, cypherPlanSectionExists, f.SectionID, "plan section"); err != nil {
			return err
		}
		if err := s.checkUnits(ctx, r, f.UnitIDs); err != nil {
			return err
		}
		if err := s.checkUnits(ctx, r, f.AllUnitIDs); err != nil {
			return err
		}
		var anyTypes []string
		if f.Role != "" {
			anyTypes = relTypes(f.Role)
		} else {
			anyTypes = relTypes()
		}
		params := func() map[string]any {
			return map[string]any{
				"year": f.Year, "jurisdiction": f.Jurisdiction, "planId": f.PlanID, "sectionId": f.SectionID,
				"text": strings.TrimSpace(f.Text),
				"any":  nonNil(f.UnitIDs), "anyTypes": anyTypes,
				"all": nonNil(f.AllUnitIDs), "allTypes": relTypes(f.Roles...),
				"offset": p.Offset, "limit": pageLimit(p),
			}
		}
		key := taskKeyOf(f)
		recs, err := s.query(ctx, r, taskPageStatements[key], params())
		if err != nil {
			return err
		}
		for _, rec := range recs {
			page.Tasks = append(page.Tasks, toTask(field(rec, "t")))
		}
		page.Total, err = s.total(ctx, r, p, len(recs), taskCountStatements[key], params())
		return err
	})
	if err != nil {
		return graph.TaskPage{}, err
	}
	return page, nil
}

// checkTaskFilter rejects filters no answer can satisfy, before any query.
func checkTaskFilter(f graph.TaskFilter, p graph.Page) error {
	if err := graph.CheckPage(p); err != nil {
		return err
	}
	if err := graph.CheckYear(f.Year); err != nil {
		return err
	}
	if err := graph.CheckRole(f.Role); err != nil {
		return err
	}
	for _, r := range f.Roles {
		if err := graph.CheckRole(r); err != nil {
			return err
		}
	}
	if f.Role != "" && len(f.UnitIDs) == 0 {
		return fmt.Errorf("a task filter by role %q needs the units to take it: %w", f.Role, graph.ErrInvalid)
	}
	if len(f.Roles) > 0 && len(f.AllUnitIDs) == 0 {
		return fmt.Errorf("a task filter by roles %v needs the units to take them: %w", f.Roles, graph.ErrInvalid)
	}
	return nil
}

// checkExists runs a counting statement for id and fails with a
// NotFoundError when it counts nothing; "" passes.
func (s *Store) checkExists(ctx context.Context, r runner, cypher, id, what string) error {
	if id == "" {
		return nil
	}
	known, err := s.exists(ctx, r, cypher, id)
	if err != nil || known {
		return err
	}
	return &graph.NotFoundError{What: what, Name: id}
}

// Workload counts the distinct tasks the units take part in, as lead when
// any of them leads.
func (s *Store) Workload(ctx context.Context, unitIDs []string, year int) (graph.Workload, error) {
	if err := ctx.Err(); err != nil {
		return graph.Workload{}, err
	}
	if len(unitIDs) == 0 {
		return graph.Workload{}, fmt.Errorf("workload of no unit: %w", graph.ErrInvalid)
	}
	if err := graph.CheckYear(year); err != nil {
		return graph.Workload{}, err
	}
	type sectionRow struct {
		count        graph.SectionCount
		year, number int
		jurisdiction string
	}
	var rows []sectionRow
	err := s.read(ctx, "workload", func(r runner) error {
		rows = rows[:0]
		if err := s.checkUnits(ctx, r, unitIDs); err != nil {
			return err
		}
		workload := cypherWorkload
		if year != 0 {
			workload = cypherWorkloadOfYear
		}
		recs, err := s.query(ctx, r, workload, map[string]any{"ids": unitIDs, "year": year})
		for _, rec := range recs {
			rows = append(rows, sectionRow{
				count: graph.SectionCount{
					SectionID: fieldStr(rec, "section"), Lead: fieldInt(rec, "lead"), Cooperate: fieldInt(rec, "cooperate"),
				},
				year: fieldInt(rec, "year"), number: fieldInt(rec, "number"), jurisdiction: fieldStr(rec, "jurisdiction"),
			})
		}
		return err
	})
	if err != nil {
		return graph.Workload{}, err
	}
	// Plan year, jurisdiction, section number: a unit's work read in the
	// order the plans were issued.
	slices.SortFunc(rows, func(a, b sectionRow) int {
		return cmp.Or(cmp.Compare(a.year, b.year), strings.Compare(a.jurisdiction, b.jurisdiction),
			cmp.Compare(a.number, b.number), strings.Compare(a.count.SectionID, b.count.SectionID))
	})
	w := graph.Workload{BySection: make([]graph.SectionCount, 0, len(rows))}
	for _, row := range rows {
		w.Lead += row.count.Lead
		w.Cooperate += row.count.Cooperate
		w.BySection = append(w.BySection, row.count)
	}
	return w, nil
}
