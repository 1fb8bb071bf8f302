package loader

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/registry"
)

// Load builds one document's batch and loads it into the store, whole or
// not at all.
func Load(ctx context.Context, s graph.Writer, doc *Document, reg *registry.Registry) error {
	b, err := BuildBatch(doc, reg)
	if err != nil {
		return err
	}
	return storeBatch(ctx, s, doc.File, b)
}

// storeBatch loads the batch of file into the store, naming the file on failure.
func storeBatch(ctx context.Context, s graph.Writer, file string, b *graph.Batch) error {
	if err := s.Load(ctx, b); err != nil {
		if errors.Is(err, graph.ErrInvalid) {
			return err // a batch error already names the file
		}
		return fmt.Errorf("load %s: %w", file, err)
	}
	return nil
}

// BuildBatch turns a parsed document into the graph batch it contributes:
// for a plan, the plan, its sections and tasks, the units its clauses name,
// a stub of the report it implements and the lineage links of its units;
// for a work report, the loaded report with its sections; for either, the
// quantitative targets it sets.
//
// reg supplies unit aliases and lineage; with a nil registry the batch holds
// only what the document itself says.
func BuildBatch(doc *Document, reg *registry.Registry) (*graph.Batch, error) {
	var res *resolutions
	if reg != nil {
		res = newResolutions(reg)
	}
	return buildBatch(doc, reg, res)
}

// buildBatch is BuildBatch resolving units through res (nil when reg is).
func buildBatch(doc *Document, reg *registry.Registry, res *resolutions) (*graph.Batch, error) {
	if doc == nil {
		return nil, errors.New("build batch: nil document")
	}
	if err := checkDocument(doc); err != nil {
		return nil, err
	}
	bb := &batchBuilder{
		doc:           doc,
		reg:           reg,
		res:           res,
		b:             &graph.Batch{Source: doc.File},
		jurisdictions: map[string]bool{},
		units:         map[string]*unitBuilder{},
	}
	bb.addJurisdiction(doc.Jurisdiction)
	var err error
	switch doc.Kind {
	case KindReport:
		bb.report()
	case KindPlan:
		err = bb.plan()
	}
	if err != nil {
		return nil, err
	}
	bb.lineage()
	bb.finish()
	return bb.b, nil
}

// checkDocument rejects documents no batch can be built from, naming the
// file and what is missing.
func checkDocument(doc *Document) error {
	var problems []string
	if doc.Kind != KindPlan && doc.Kind != KindReport {
		problems = append(problems, fmt.Sprintf("unknown kind %q (want %s or %s)", doc.Kind, KindPlan, KindReport))
	}
	if doc.Jurisdiction == "" {
		problems = append(problems, "no jurisdiction (no document number, issuer, signature or title names a place): give it with --jurisdiction or in "+ManifestFile)
	}
	switch {
	case doc.Year == 0:
		problems = append(problems, "no year (none in the title, headings, notice, date or document number): give it with --year or in "+ManifestFile)
	case doc.Year < graph.MinYear || doc.Year > graph.MaxYear:
		problems = append(problems, fmt.Sprintf("no plausible year (got %d): give it with --year or in %s", doc.Year, ManifestFile))
	}
	if len(problems) == 0 {
		return nil
	}
	file := doc.File
	if file == "" {
		file = "(unnamed document)"
	}
	return fmt.Errorf("%s: cannot load: %s: %w", file, strings.Join(problems, "; "), graph.ErrInvalid)
}

type batchBuilder struct {
	doc           *Document
	reg           *registry.Registry
	res           *resolutions
	b             *graph.Batch
	jurisdictions map[string]bool
	units         map[string]*unitBuilder // by unit ID
}

// unitBuilder gathers how one document writes one unit.
type unitBuilder struct {
	unit    graph.Unit
	written map[string]int // written form → times
	// canonical is the registry's name; it wins as the unit's name when the
	// document uses it.
	canonical string
}

// addJurisdiction adds a path and every path enclosing it.
func (bb *batchBuilder) addJurisdiction(path string) {
	for p := path; p != "" && !bb.jurisdictions[p]; p = parentOf(p) {
		bb.jurisdictions[p] = true
		bb.b.Jurisdictions = append(bb.b.Jurisdictions, graph.Jurisdiction{Path: p, Name: p[strings.LastIndex(p, "/")+1:], Parent: parentOf(p)})
	}
}

func parentOf(path string) string {
	if i := strings.LastIndex(path, "/"); i >= 0 {
		return path[:i]
	}
	return ""
}

func (bb *batchBuilder) report() {
	doc := bb.doc
	id := graph.ReportID(doc.Jurisdiction, doc.Year)
	r := graph.Report{
		ID: id, Jurisdiction: doc.Jurisdiction, Year: doc.Year,
		Title: doc.Title, Date: doc.Date, File: doc.File, Loaded: true,
	}
	bb.b.Reports = []graph.Report{r}
	bb.targets(doc.Targets, id, "", 0)
	bb.sections(id)
}

// targets adds the targets of a task (taskID set) or of the report's
// headline sentence, numbered from 1 in text order.
func (bb *batchBuilder) targets(ts []Target, documentID, taskID string, taskNumber int) {
	owner := documentID
	if taskID != "" {
		owner = taskID
	}
	for i, t := range ts {
		var value *float64
		if t.Value != nil {
			v := *t.Value
			value = &v
		}
		bb.b.Targets = append(bb.b.Targets, graph.Target{
			ID: graph.TargetID(owner, i+1), DocumentID: documentID, TaskID: taskID, TaskNumber: taskNumber, Index: i + 1,
			Jurisdiction: bb.doc.Jurisdiction, Year: bb.doc.Year,
			Metric: t.Metric, Measure: t.Measure, Value: value, Unit: t.Unit, Comparator: t.Comparator,
			Aspirational: t.Aspirational, Text: t.Text, Start: t.Start, End: t.End,
		})
	}
}

// sections adds the document's sections; a number met twice keeps its
// first title (a report may repeat an area heading).
func (bb *batchBuilder) sections(docID string) {
	seen := map[int]bool{}
	for _, s := range bb.doc.Sections {
		if seen[s.Number] {
			continue
		}
		seen[s.Number] = true
		bb.b.Sections = append(bb.b.Sections, graph.Section{
			ID: graph.SectionID(docID, s.Number), DocumentID: docID, Number: s.Number, Title: s.Title,
		})
	}
}

func (bb *batchBuilder) plan() error {
	doc := bb.doc
	id := graph.PlanID(doc.Jurisdiction, doc.Year)
	p := &graph.Plan{
		ID: id, Jurisdiction: doc.Jurisdiction, Year: doc.Year, Title: doc.Title, Issuer: doc.Issuer,
		DocNumber: doc.DocNumber, Date: doc.Date, File: doc.File,
	}
	if ref := doc.ImplementsReport; ref != nil {
		jur, year := ref.Jurisdiction, ref.Year
		if jur == "" {
			jur = doc.Jurisdiction
		}
		if year == 0 {
			year = doc.Year
		}
		bb.addJurisdiction(jur)
		p.ReportID = graph.ReportID(jur, year)
		bb.b.Reports = []graph.Report{{ID: p.ReportID, Jurisdiction: jur, Year: year, Session: ref.Session}}
	}
	bb.b.Plan = p
	bb.sections(id)

	perSection, err := bb.numbering()
	if err != nil {
		return err
	}
	for _, s := range doc.Sections {
		for _, t := range s.Tasks {
			idSection := 0
			if perSection {
				idSection = s.Number
			}
			task := graph.Task{
				ID: graph.TaskID(id, idSection, t.Number), PlanID: id, SectionID: graph.SectionID(id, s.Number),
				Jurisdiction: doc.Jurisdiction, Year: doc.Year, Number: t.Number, Text: t.Text, Line: t.Line,
				Leaders: t.Leaders, Deadline: t.Deadline, Due: t.Due, Source: t.Source,
			}
			// A unit named as both lead and cooperator of one task stays
			// lead only; a unit named twice in one role counts once.
			named := map[string]bool{}
			for _, ref := range t.Leads {
				if uid := bb.unit(ref); !named[uid] {
					named[uid] = true
					task.Leads = append(task.Leads, uid)
				}
			}
			for _, ref := range t.Cooperators {
				if uid := bb.unit(ref); !named[uid] {
					named[uid] = true
					task.Cooperators = append(task.Cooperators, uid)
				}
			}
			bb.b.Tasks = append(bb.b.Tasks, task)
			bb.targets(t.Targets, id, task.ID, t.Number)
		}
	}
	return nil
}

// numbering reports whether the plan numbers its tasks anew in each section
// (then task IDs carry the section number). A number repeated inside one
// section cannot be told apart and is an error.
func (bb *batchBuilder) numbering() (perSection bool, err error) {
	inPlan := map[int]bool{}
	for _, s := range bb.doc.Sections {
		inSection := map[int]int{} // number → line
		for _, t := range s.Tasks {
			if line, dup := inSection[t.Number]; dup {
				return false, fmt.Errorf("%s:%d: task %d appears twice in section %d (first at line %d): %w",
					bb.doc.File, t.Line, t.Number, s.Number, line, graph.ErrInvalid)
			}
			inSection[t.Number] = t.Line
			if inPlan[t.Number] {
				perSection = true
			}
			inPlan[t.Number] = true
		}
	}
	return perSection, nil
}

// unit records one mention of a unit and returns its ID.
func (bb *batchBuilder) unit(ref UnitRef) string {
	jur := ref.Jurisdiction
	if jur == "" {
		jur = bb.doc.Jurisdiction
	}
	canonical := ref.Canonical
	if canonical == "" {
		canonical = ref.Name
	}
	id := graph.UnitID(jur, canonical)
	ub := bb.units[id]
	if ub == nil {
		ub = &unitBuilder{
			unit:      graph.Unit{ID: id, Kind: ref.Kind, Jurisdiction: jur, NameYear: bb.doc.Year},
			written:   map[string]int{},
			canonical: canonical,
		}
		if bb.reg != nil {
			ub.unit.Aliases = bb.res.resolve(ref.Name, bb.doc.Jurisdiction).Aliases
		}
		bb.units[id] = ub
		bb.addJurisdiction(jur)
	}
	ub.written[ref.Name]++
	return id
}

// lineage adds the registry's successions that touch a unit of the
// document, with the unit at the other end (under its registry name, and
// NameYear 0 so that any document naming it wins).
func (bb *batchBuilder) lineage() {
	if bb.reg == nil || len(bb.units) == 0 {
		return
	}
	for _, l := range bb.reg.Lineage() {
		from := bb.res.resolve(l.From, l.Jurisdiction)
		to := bb.res.resolve(l.To, l.Jurisdiction)
		fromID := graph.UnitID(from.Jurisdiction, from.Canonical)
		toID := graph.UnitID(to.Jurisdiction, to.Canonical)
		if fromID == toID || (bb.units[fromID] == nil && bb.units[toID] == nil) {
			continue
		}
		for _, end := range []struct {
			id  string
			res registry.Resolution
		}{{fromID, from}, {toID, to}} {
			if bb.units[end.id] != nil {
				continue
			}
			bb.units[end.id] = &unitBuilder{unit: graph.Unit{
				ID: end.id, Name: end.res.Canonical, Kind: end.res.Kind,
				Jurisdiction: end.res.Jurisdiction, Aliases: end.res.Aliases,
			}}
			bb.addJurisdiction(end.res.Jurisdiction)
		}
		bb.b.Successions = append(bb.b.Successions, graph.Succession{From: fromID, To: toID, Note: l.Note})
	}
}

// finish names each unit and puts everything in a stable order, so that the
// same document always gives the same batch.
func (bb *batchBuilder) finish() {
	for _, ub := range bb.units {
		u := ub.unit
		if len(ub.written) > 0 {
			u.Name = ub.name()
		}
		names := append([]string{ub.canonical}, u.Aliases...)
		for w := range ub.written {
			names = append(names, w)
		}
		u.Aliases = nil
		sort.Strings(names)
		for i, n := range names {
			if n != "" && n != u.Name && (i == 0 || n != names[i-1]) {
				u.Aliases = append(u.Aliases, n)
			}
		}
		bb.b.Units = append(bb.b.Units, u)
	}
	sort.Slice(bb.b.Units, func(i, j int) bool { return bb.b.Units[i].ID < bb.b.Units[j].ID })
	sort.Slice(bb.b.Jurisdictions, func(i, j int) bool { return bb.b.Jurisdictions[i].Path < bb.b.Jurisdictions[j].Path })
	sort.Slice(bb.b.Successions, func(i, j int) bool {
		a, b := bb.b.Successions[i], bb.b.Successions[j]
		if a.From != b.From {
			return a.From < b.From
		}
		return a.To < b.To
	})
}

// name is the unit's name in this document: the registry's canonical name
// if the document writes it, else the form it writes most (ties: the
// lexically first).
func (ub *unitBuilder) name() string {
	if ub.written[ub.canonical] > 0 {
		return ub.canonical
	}
	best, most := "", 0
	for w, n := range ub.written {
		if n > most || (n == most && w < best) {
			best, most = w, n
		}
	}
	return best
}
