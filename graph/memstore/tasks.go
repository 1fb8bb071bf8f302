package memstore

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/dutygraph/dutygraph/graph"
)

// taskQuery is a TaskFilter checked against the index and turned into
// positions.
type taskQuery struct {
	f       graph.TaskFilter
	text    string
	bounds  span // the jurisdiction's and plan's tasks, or all of them
	any     []int32
	all     []int32
	roles   []graph.Role // for all
	section string
}

// Tasks pages through the tasks under the filter in task order.
func (s *Store) Tasks(ctx context.Context, f graph.TaskFilter, p graph.Page) (graph.TaskPage, error) {
	snap, err := s.read(ctx)
	if err != nil {
		return graph.TaskPage{}, err
	}
	if err := graph.CheckPage(p); err != nil {
		return graph.TaskPage{}, err
	}
	idx := snap.index()
	q, err := idx.taskQuery(snap, f)
	if err != nil {
		return graph.TaskPage{}, err
	}
	matched := q.run(idx)
	page := graph.TaskPage{Tasks: []graph.Task{}, Total: len(matched)}
	lo, hi := window(p, len(matched))
	for _, pos := range matched[lo:hi] {
		page.Tasks = append(page.Tasks, cloneTask(idx.tasks[pos]))
	}
	return page, nil
}

func (idx *index) taskQuery(snap *snapshot, f graph.TaskFilter) (*taskQuery, error) {
	if err := graph.CheckYear(f.Year); err != nil {
		return nil, err
	}
	if err := graph.CheckRole(f.Role); err != nil {
		return nil, err
	}
	for _, r := range f.Roles {
		if err := graph.CheckRole(r); err != nil {
			return nil, err
		}
	}
	if f.Role != "" && len(f.UnitIDs) == 0 {
		return nil, fmt.Errorf("a task filter by role %q needs the units to take it: %w", f.Role, graph.ErrInvalid)
	}
	if len(f.Roles) > 0 && len(f.AllUnitIDs) == 0 {
		return nil, fmt.Errorf("a task filter by roles %v needs the units to take them: %w", f.Roles, graph.ErrInvalid)
	}
	if err := snap.checkJurisdiction(f.Jurisdiction); err != nil {
		return nil, err
	}
	q := &taskQuery{f: f, text: strings.TrimSpace(f.Text), bounds: span{0, int32(len(idx.tasks))}, roles: f.Roles}
	if f.Jurisdiction != "" {
		q.bounds = idx.jurRange[f.Jurisdiction] // zero span: a jurisdiction without plans
	}
	if f.PlanID != "" {
		r, ok := idx.planRange[f.PlanID]
		if !ok {
			return nil, &graph.NotFoundError{What: "plan", Name: f.PlanID}
		}
		q.bounds = span{max(q.bounds.lo, r.lo), min(q.bounds.hi, r.hi)}
	}
	if f.SectionID != "" {
		if sec, ok := idx.sections[f.SectionID]; !ok || !isPlan(snap, sec.DocumentID) {
			return nil, &graph.NotFoundError{What: "plan section", Name: f.SectionID}
		}
		q.section = f.SectionID
	}
	var err error
	if q.any, err = idx.unitPositions(f.UnitIDs); err != nil {
		return nil, err
	}
	if q.all, err = idx.unitPositions(f.AllUnitIDs); err != nil {
		return nil, err
	}
	return q, nil
}

// run returns the matching task positions in task order, starting from the
// smallest list the index offers.
func (q *taskQuery) run(idx *index) []int32 {
	var candidates []int32
	switch {
	case len(q.all) > 0:
		candidates = idx.unitTasks(q.all[:1], "")
	case len(q.any) > 0:
		candidates = idx.unitTasks(q.any, q.f.Role)
	case q.f.Year != 0 && q.bounds.hi-q.bounds.lo > int32(len(idx.byYear[q.f.Year])):
		candidates = idx.byYear[q.f.Year]
	default:
		matched := make([]int32, 0, q.bounds.hi-q.bounds.lo)
		for pos := q.bounds.lo; pos < q.bounds.hi; pos++ {
			if q.match(idx, pos) {
				matched = append(matched, pos)
			}
		}
		return matched
	}
	matched := []int32{}
	for _, pos := range candidates {
		if pos >= q.bounds.lo && pos < q.bounds.hi && q.match(idx, pos) {
			matched = append(matched, pos)
		}
	}
	return matched
}

func (q *taskQuery) match(idx *index, pos int32) bool {
	t := idx.tasks[pos]
	if q.f.Year != 0 && t.Year != q.f.Year {
		return false
	}
	if q.section != "" && t.SectionID != q.section {
		return false
	}
	if q.text != "" && !strings.Contains(t.Text, q.text) {
		return false
	}
	parts := idx.partsOf(pos)
	if len(q.any) > 0 && !slices.ContainsFunc(q.any, func(u int32) bool { return takesPart(parts, u, q.f.Role) }) {
		return false
	}
	for _, u := range q.all {
		if !takesPartIn(parts, u, q.roles) {
			return false
		}
	}
	return true
}

// takesPart reports whether unit u is on the task, in role r when r is set.
func takesPart(parts []part, u int32, r graph.Role) bool {
	for _, p := range parts {
		if p.unit == u {
			return r == "" || roleOf(p) == r
		}
	}
	return false
}

// takesPartIn reports whether unit u is on the task in one of roles (any
// role when roles is empty).
func takesPartIn(parts []part, u int32, roles []graph.Role) bool {
	for _, p := range parts {
		if p.unit == u {
			return len(roles) == 0 || slices.Contains(roles, roleOf(p))
		}
	}
	return false
}

func roleOf(p part) graph.Role {
	if p.lead {
		return graph.RoleLead
	}
	return graph.RoleCooperator
}

// unitTasks merges the task lists of units into one ascending list without
// duplicates, keeping only tasks taken in role r when r is set.
func (idx *index) unitTasks(units []int32, r graph.Role) []int32 {
	var out []int32
	for _, u := range units {
		for _, tp := range idx.byUnit[u] {
			if r == "" || (r == graph.RoleLead) == tp.lead {
				out = append(out, tp.task)
			}
		}
	}
	if len(units) > 1 {
		slices.Sort(out)
		out = slices.Compact(out)
	}
	return out
}

// Workload counts the distinct tasks the units take part in, as lead when
// any of them leads.
func (s *Store) Workload(ctx context.Context, unitIDs []string, year int) (graph.Workload, error) {
	snap, err := s.read(ctx)
	if err != nil {
		return graph.Workload{}, err
	}
	if len(unitIDs) == 0 {
		return graph.Workload{}, fmt.Errorf("workload of no unit: %w", graph.ErrInvalid)
	}
	if err := graph.CheckYear(year); err != nil {
		return graph.Workload{}, err
	}
	idx := snap.index()
	units, err := idx.unitPositions(unitIDs)
	if err != nil {
		return graph.Workload{}, err
	}
	leads := map[int32]bool{}
	for _, u := range units {
		for _, tp := range idx.byUnit[u] {
			if year == 0 || idx.tasks[tp.task].Year == year {
				leads[tp.task] = leads[tp.task] || tp.lead
			}
		}
	}
	w := graph.Workload{BySection: []graph.SectionCount{}}
	bySection := map[string]*graph.SectionCount{}
	for pos, lead := range leads {
		t := idx.tasks[pos]
		sc := bySection[t.SectionID]
		if sc == nil {
			sc = &graph.SectionCount{SectionID: t.SectionID}
			bySection[t.SectionID] = sc
		}
		if lead {
			w.Lead++
			sc.Lead++
		} else {
			w.Cooperate++
			sc.Cooperate++
		}
	}
	for _, sc := range bySection {
		w.BySection = append(w.BySection, *sc)
	}
	sort.Slice(w.BySection, func(i, j int) bool {
		return idx.sectionLess(snap, w.BySection[i].SectionID, w.BySection[j].SectionID)
	})
	return w, nil
}

// sectionLess orders plan sections by plan year, jurisdiction, number.
func (idx *index) sectionLess(snap *snapshot, a, b string) bool {
	sa, sb := idx.sections[a], idx.sections[b]
	da, _ := snap.plans.get(sa.DocumentID)
	db, _ := snap.plans.get(sb.DocumentID)
	pa, pb := da.plan, db.plan
	if pa.Year != pb.Year {
		return pa.Year < pb.Year
	}
	if pa.Jurisdiction != pb.Jurisdiction {
		return pa.Jurisdiction < pb.Jurisdiction
	}
	if sa.Number != sb.Number {
		return sa.Number < sb.Number
	}
	return a < b
}

func isPlan(snap *snapshot, documentID string) bool {
	_, ok := snap.plans.get(documentID)
	return ok
}
