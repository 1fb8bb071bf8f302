package export

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/graph"
)

// tasksPage is how many tasks one store call reads.
const tasksPage = 500

// WorkloadQuery selects a unit's tasks: the unit by name or any alias (looked
// up in Jurisdiction, or everywhere when that is empty, as the API's
// unit(name:, jurisdiction:)), narrowed by plan year, plan and role.
type WorkloadQuery struct {
	Unit         string
	Jurisdiction string
	Year         int
	PlanID       string
	Role         graph.Role // "" for any
}

// Workload is a unit's tasks grouped by plan year, newest year first.
type Workload struct {
	Unit  graph.Unit
	Query WorkloadQuery
	Years []YearTasks
}

// YearTasks is one plan year of a workload.
type YearTasks struct {
	Year int
	Rows []TaskRow
}

// TaskRow is one task as the workload exports list it.
type TaskRow struct {
	TaskID       string
	Jurisdiction string // of the plan
	Plan         string // the plan's title, or its ID when it has none
	Number       int
	Section      string // "一、…" style: number and title; "" when the plan has no sections
	Text         string
	Role         graph.Role // the unit's; lead when it is both
	Partners     []Partner  // the other units of the clause, leads first, in clause order
	Leaders      []string   // persons answering for the task (责任领导)
	Deadline     string     // as written (2026年6月底前)
	Due          string     // the deadline's date, YYYY-MM-DD; "" when it names none
}

// Partner is another unit on a task and its role there.
type Partner struct {
	Name string
	Role graph.Role
}

// LoadWorkload reads the tasks q selects: those the API's
// unit(name:, jurisdiction:) { tasks(year:, role:) } pages through, checked
// by the same rules (package duty).
func LoadWorkload(ctx context.Context, v *duty.View, q WorkloadQuery) (Workload, error) {
	if q.Unit == "" {
		return Workload{}, duty.Invalidf("no unit given")
	}
	if err := graph.CheckRole(q.Role); err != nil {
		return Workload{}, err
	}
	unit, err := v.FindUnit(ctx, q.Unit, q.Jurisdiction)
	if err != nil {
		return Workload{}, err
	}
	if err := v.CheckUnitYear(ctx, "year", unit, q.Year); err != nil {
		return Workload{}, err
	}
	if q.PlanID != "" {
		if err := v.CheckPlanID(ctx, "", q.PlanID); err != nil {
			return Workload{}, err
		}
	}
	tasks, err := allTasks(ctx, v, graph.TaskFilter{UnitIDs: []string{unit.ID}, Year: q.Year, PlanID: q.PlanID, Role: q.Role})
	if err != nil {
		return Workload{}, err
	}
	rows, err := taskRows(ctx, v, unit.ID, tasks)
	if err != nil {
		return Workload{}, err
	}
	w := Workload{Unit: unit, Query: q}
	for i, t := range tasks {
		if len(w.Years) == 0 || w.Years[len(w.Years)-1].Year != t.Year {
			w.Years = append(w.Years, YearTasks{Year: t.Year})
		}
		last := &w.Years[len(w.Years)-1]
		last.Rows = append(last.Rows, rows[i])
	}
	return w, nil
}

// maxExportTasks bounds the tasks one export lists: an export is rendered
// whole in memory before it is sent, and a table row repeats its task's
// text for each of its units.
const maxExportTasks = 20_000

// allTasks reads every page of a task filter, sorted newest year first, then
// by jurisdiction and task number (the store orders by jurisdiction first).
// A filter selecting more than maxExportTasks is refused.
func allTasks(ctx context.Context, v *duty.View, f graph.TaskFilter) ([]graph.Task, error) {
	var tasks []graph.Task
	for {
		page, err := v.Tasks(ctx, f, graph.Page{Offset: len(tasks), Limit: tasksPage})
		if err != nil {
			return nil, err
		}
		if page.Total > maxExportTasks {
			return nil, duty.Invalidf("%d tasks: an export lists at most %d; narrow it by jurisdiction, year or planId", page.Total, maxExportTasks)
		}
		tasks = append(tasks, page.Tasks...)
		if len(page.Tasks) == 0 || len(tasks) >= page.Total {
			break
		}
	}
	slices.SortStableFunc(tasks, func(a, b graph.Task) int {
		return cmp.Or(cmp.Compare(b.Year, a.Year), cmp.Compare(a.Jurisdiction, b.Jurisdiction))
	})
	return tasks, nil
}

// taskRows resolves the plans, sections and partner units of tasks, which
// the view fetches with one store call each (the tasks were announced to
// it as they were read).
func taskRows(ctx context.Context, v *duty.View, unitID string, tasks []graph.Task) ([]TaskRow, error) {
	rows := make([]TaskRow, len(tasks))
	for i, t := range tasks {
		row := TaskRow{
			TaskID: t.ID, Jurisdiction: t.Jurisdiction, Plan: t.PlanID, Number: t.Number, Text: t.Text, Role: graph.RoleCooperator,
			Leaders: t.Leaders, Deadline: t.Deadline, Due: t.Due,
		}
		plan, err := v.Plan(ctx, t.PlanID)
		if err != nil {
			return nil, err
		}
		if plan.Title != "" {
			row.Plan = plan.Title
		}
		if t.SectionID != "" {
			sec, err := v.Section(ctx, t.SectionID)
			if err != nil {
				return nil, err
			}
			row.Section = fmt.Sprintf("%s、%s", chineseNumber(sec.Number), sec.Title)
		}
		leads, err := v.Units(ctx, t.Leads)
		if err != nil {
			return nil, err
		}
		cooperators, err := v.Units(ctx, t.Cooperators)
		if err != nil {
			return nil, err
		}
		if slices.Contains(t.Leads, unitID) {
			row.Role = graph.RoleLead
		}
		for _, u := range leads {
			if u.ID != unitID {
				row.Partners = append(row.Partners, Partner{Name: u.Name, Role: graph.RoleLead})
			}
		}
		for _, u := range cooperators {
			if u.ID != unitID && !slices.Contains(t.Leads, u.ID) {
				row.Partners = append(row.Partners, Partner{Name: u.Name, Role: graph.RoleCooperator})
			}
		}
		rows[i] = row
	}
	return rows, nil
}

// chineseNumber writes a section number as plans do (一, 十二); numbers
// past 99 are written in digits.
func chineseNumber(n int) string {
	digits := []string{"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n <= 0 || n > 99:
		return fmt.Sprint(n)
	case n < 10:
		return digits[n]
	case n == 10:
		return "十"
	case n < 20:
		return "十" + digits[n%10]
	case n%10 == 0:
		return digits[n/10] + "十"
	}
	return digits[n/10] + "十" + digits[n%10]
}

// partnersText is a row's partners as one cell: 市财政局(主办)、市税务局(协办).
func partnersText(ps []Partner) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.Name + "(" + roleName(p.Role) + ")"
	}
	return strings.Join(parts, "、")
}
