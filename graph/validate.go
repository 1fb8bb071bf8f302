package graph

import (
	"fmt"
	"slices"
	"strings"
)

// Years a document, filter or unit name may carry. The bounds are wide on
// purpose: they only catch mistakes such as a two-digit year or a task
// number read as a year.
const (
	MinYear = 1949
	MaxYear = 2100
)

// CheckYear accepts 0 (meaning "every year") and the years between MinYear
// and MaxYear; anything else wraps ErrInvalid.
func CheckYear(year int) error {
	if year == 0 || (year >= MinYear && year <= MaxYear) {
		return nil
	}
	return fmt.Errorf("year %d is impossible (want %d..%d): %w", year, MinYear, MaxYear, ErrInvalid)
}

// CheckPage rejects windows no store can serve.
func CheckPage(p Page) error {
	if p.Offset < 0 || p.Limit < 0 {
		return fmt.Errorf("page offset %d, limit %d: must not be negative: %w", p.Offset, p.Limit, ErrInvalid)
	}
	return nil
}

// CheckRole accepts "" (any role) and the known roles.
func CheckRole(r Role) error {
	if r == "" || r == RoleLead || r == RoleCooperator {
		return nil
	}
	return fmt.Errorf("unknown role %q (want %s or %s): %w", r, RoleLead, RoleCooperator, ErrInvalid)
}

// Validate checks that a batch is self-contained and well-formed, so that a
// store can apply it whole: every node has an ID, every edge ends at a node
// of the batch, kinds and years are known. Stores call it before changing
// anything; the error wraps ErrInvalid and names the batch's source and the
// offending node.
func (b *Batch) Validate() error {
	if b == nil {
		return fmt.Errorf("nil batch: %w", ErrInvalid)
	}
	v := batchValidator{b: b}
	v.check()
	if len(v.problems) == 0 {
		return nil
	}
	source := b.Source
	if source == "" {
		source = "(unnamed batch)"
	}
	// Report the first few problems: one is usually enough to find the bug,
	// a hundred would drown it.
	const shown = 5
	msg := strings.Join(v.problems[:min(shown, len(v.problems))], "; ")
	if len(v.problems) > shown {
		msg += fmt.Sprintf("; and %d more", len(v.problems)-shown)
	}
	return fmt.Errorf("%s: invalid batch: %s: %w", source, msg, ErrInvalid)
}

type batchValidator struct {
	b        *Batch
	problems []string
}

func (v *batchValidator) fail(format string, args ...any) {
	v.problems = append(v.problems, fmt.Sprintf(format, args...))
}

func (v *batchValidator) year(what string, year int) {
	if year < MinYear || year > MaxYear {
		v.fail("%s has impossible year %d", what, year)
	}
}

func (v *batchValidator) check() {
	b := v.b
	jurisdictions := v.jurisdictions()
	inJurisdictions := func(what, path string) {
		if path == "" {
			v.fail("%s has no jurisdiction", what)
		} else if !jurisdictions[path] {
			v.fail("%s belongs to jurisdiction %q, which is not in the batch", what, path)
		}
	}

	// Documents whose sections the batch may carry: the plan, and reports
	// whose text is loaded.
	documents := map[string]bool{}
	reports := map[string]bool{}
	for i, r := range b.Reports {
		what := fmt.Sprintf("report %d (%s)", i, r.ID)
		if r.ID == "" {
			v.fail("report %d has no ID", i)
			continue
		}
		if reports[r.ID] {
			v.fail("report %s appears twice", r.ID)
		}
		reports[r.ID] = true
		v.year(what, r.Year)
		inJurisdictions(what, r.Jurisdiction)
		if r.Loaded {
			documents[r.ID] = true
		}
	}
	if p := b.Plan; p != nil {
		what := "plan " + p.ID
		if p.ID == "" {
			v.fail("plan has no ID")
		}
		v.year(what, p.Year)
		inJurisdictions(what, p.Jurisdiction)
		if p.ReportID != "" && !reports[p.ReportID] {
			v.fail("%s implements report %s, which is not in the batch", what, p.ReportID)
		}
		documents[p.ID] = true
	}
	// One document a batch: stores key what a batch gave by its document,
	// to replace and remove it whole.
	if len(documents) != 1 {
		v.fail("a batch carries one document, a plan or a loaded report; this one carries %d", len(documents))
	}

	sections := map[string]string{} // section ID → document ID
	for i, s := range b.Sections {
		if s.ID == "" {
			v.fail("section %d has no ID", i)
			continue
		}
		if _, dup := sections[s.ID]; dup {
			v.fail("section %s appears twice", s.ID)
		}
		sections[s.ID] = s.DocumentID
		if !documents[s.DocumentID] {
			v.fail("section %s belongs to document %q, which is not the batch's plan or a loaded report", s.ID, s.DocumentID)
		}
	}

	units := map[string]bool{}
	for i, u := range b.Units {
		what := fmt.Sprintf("unit %s", u.ID)
		if u.ID == "" {
			v.fail("unit %d (%q) has no ID", i, u.Name)
			continue
		}
		if units[u.ID] {
			v.fail("%s appears twice", what)
		}
		units[u.ID] = true
		if strings.TrimSpace(u.Name) == "" {
			v.fail("%s has no name", what)
		}
		if !u.Kind.Valid() {
			v.fail("%s has unknown kind %q", what, u.Kind)
		}
		if u.NameYear != 0 {
			v.year(what, u.NameYear)
		}
		inJurisdictions(what, u.Jurisdiction)
	}

	tasks := v.tasks(sections, units)
	v.targets(tasks)

	for _, s := range b.Successions {
		if !units[s.From] || !units[s.To] {
			v.fail("succession %s → %s names a unit that is not in the batch", s.From, s.To)
		}
		if s.From == s.To {
			v.fail("succession %s → %s: a unit cannot succeed itself", s.From, s.To)
		}
	}
}

// jurisdictions checks the batch's jurisdictions form a tree of paths and
// returns the set of them.
func (v *batchValidator) jurisdictions() map[string]bool {
	paths := map[string]bool{}
	for _, j := range v.b.Jurisdictions {
		if j.Path == "" {
			v.fail("a jurisdiction has no path")
			continue
		}
		paths[j.Path] = true
	}
	for _, j := range v.b.Jurisdictions {
		if j.Parent != "" && !paths[j.Parent] {
			v.fail("jurisdiction %s is part of %s, which is not in the batch", j.Path, j.Parent)
		}
	}
	return paths
}

// tasks checks the batch's tasks and returns them by ID.
func (v *batchValidator) tasks(sections map[string]string, units map[string]bool) map[string]*Task {
	b := v.b
	seen := map[string]*Task{}
	if len(b.Tasks) > 0 && b.Plan == nil {
		v.fail("batch has %d tasks but no plan", len(b.Tasks))
		return seen
	}
	for i, t := range b.Tasks {
		what := fmt.Sprintf("task %s", t.ID)
		if t.ID == "" {
			v.fail("task %d (number %d, line %d) has no ID", i, t.Number, t.Line)
			continue
		}
		if seen[t.ID] != nil {
			v.fail("%s appears twice", what)
		}
		seen[t.ID] = &b.Tasks[i]
		if t.PlanID != b.Plan.ID {
			v.fail("%s belongs to plan %q, not the batch's plan %s", what, t.PlanID, b.Plan.ID)
		}
		if doc, ok := sections[t.SectionID]; !ok || doc != b.Plan.ID {
			v.fail("%s is in section %q, which is not a section of plan %s in the batch", what, t.SectionID, b.Plan.ID)
		}
		if t.Jurisdiction != b.Plan.Jurisdiction || t.Year != b.Plan.Year {
			v.fail("%s has jurisdiction %q and year %d, but its plan has %q and %d",
				what, t.Jurisdiction, t.Year, b.Plan.Jurisdiction, b.Plan.Year)
		}
		if t.Number <= 0 {
			v.fail("%s has number %d", what, t.Number)
		}
		roles := map[string]bool{}
		for _, id := range append(append([]string(nil), t.Leads...), t.Cooperators...) {
			if !units[id] {
				v.fail("%s (line %d) names unit %q, which is not in the batch", what, t.Line, id)
			}
			if roles[id] {
				v.fail("%s names unit %s twice", what, id)
			}
			roles[id] = true
		}
	}
	return seen
}

// targets checks that each target belongs to a task of the batch's plan or
// to a report whose text the batch loads, agrees with its document's
// jurisdiction and year, and is well-formed: a known measure, a figure
// unless qualitative, a known comparator.
func (v *batchValidator) targets(tasks map[string]*Task) {
	b := v.b
	loaded := map[string]Report{}
	for _, r := range b.Reports {
		if r.Loaded {
			loaded[r.ID] = r
		}
	}
	seen := map[string]bool{}
	for i, g := range b.Targets {
		what := fmt.Sprintf("target %s", g.ID)
		if g.ID == "" {
			v.fail("target %d (%q) has no ID", i, g.Text)
			continue
		}
		if seen[g.ID] {
			v.fail("%s appears twice", what)
		}
		seen[g.ID] = true
		var jurisdiction string
		var year, number int
		switch {
		case g.TaskID != "":
			t := tasks[g.TaskID]
			if t == nil {
				v.fail("%s belongs to task %q, which is not in the batch", what, g.TaskID)
				continue
			}
			jurisdiction, year, number = t.Jurisdiction, t.Year, t.Number
			if g.DocumentID != t.PlanID {
				v.fail("%s belongs to document %q, but its task to plan %s", what, g.DocumentID, t.PlanID)
			}
		default:
			r, ok := loaded[g.DocumentID]
			if !ok {
				v.fail("%s has no task and belongs to document %q, which is not a loaded report of the batch", what, g.DocumentID)
				continue
			}
			jurisdiction, year = r.Jurisdiction, r.Year
		}
		if g.Jurisdiction != jurisdiction || g.Year != year || g.TaskNumber != number {
			v.fail("%s has jurisdiction %q, year %d and task number %d, but its document or task has %q, %d and %d",
				what, g.Jurisdiction, g.Year, g.TaskNumber, jurisdiction, year, number)
		}
		if g.Index <= 0 {
			v.fail("%s has index %d", what, g.Index)
		}
		if strings.TrimSpace(g.Metric) == "" || strings.TrimSpace(g.Text) == "" {
			v.fail("%s has no metric or no text", what)
		}
		if !g.Measure.Valid() {
			v.fail("%s has unknown measure %q", what, g.Measure)
		}
		qualitative := g.Measure == MeasureQualitative
		if (g.Value == nil) != qualitative {
			v.fail("%s: measure %s with value %v: only a qualitative target has no figure", what, g.Measure, g.Value)
		}
		if qualitative != (g.Comparator == "") || (!qualitative && !slices.Contains(TargetComparators, g.Comparator)) {
			v.fail("%s has comparator %q for measure %s", what, g.Comparator, g.Measure)
		}
		if g.Start < 0 || g.End < g.Start {
			v.fail("%s has span %d..%d", what, g.Start, g.End)
		}
	}
}
