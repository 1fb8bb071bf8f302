package neo4jstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/dutygraph/dutygraph/graph"
)

// read runs work in one read transaction (routed to a reader in a cluster)
// and translates its error. The driver runs work again when a transient
// error (a leader switch, a lost connection) ends a try, so work must fill
// its results afresh on every run, never append to a previous try's.
func (s *Store) read(ctx context.Context, op string, work func(r runner) error) error {
	return translate(op, s.exec.read(ctx, work))
}

// query runs one read statement with the store's namespace added.
func (s *Store) query(ctx context.Context, r runner, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	if params == nil {
		params = map[string]any{}
	}
	params["ns"] = s.opts.Namespace
	return r.run(ctx, statement{cypher: cypher, params: params})
}

// Jurisdictions lists every jurisdiction by path.
func (s *Store) Jurisdictions(ctx context.Context) ([]graph.Jurisdiction, error) {
	out := []graph.Jurisdiction{}
	err := s.read(ctx, "jurisdictions", func(r runner) error {
		out = out[:0]
		recs, err := s.query(ctx, r, cypherJurisdictions, nil)
		for _, rec := range recs {
			out = append(out, toJurisdiction(field(rec, "j")))
		}
		return err
	})
	slices.SortFunc(out, func(a, b graph.Jurisdiction) int { return strings.Compare(a.Path, b.Path) })
	return out, err
}

// Reports lists every report, loaded or only referenced, by jurisdiction
// and year descending.
func (s *Store) Reports(ctx context.Context) ([]graph.Report, error) {
	out := []graph.Report{}
	err := s.read(ctx, "reports", func(r runner) error {
		out = out[:0]
		recs, err := s.query(ctx, r, cypherReports, nil)
		for _, rec := range recs {
			out = append(out, toReport(field(rec, "report")))
		}
		return err
	})
	slices.SortFunc(out, func(a, b graph.Report) int { return docCompare(a.Jurisdiction, a.Year, b.Jurisdiction, b.Year) })
	return out, err
}

// Plans lists the plans under the filter by jurisdiction and year
// descending.
func (s *Store) Plans(ctx context.Context, f graph.PlanFilter) ([]graph.Plan, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := graph.CheckYear(f.Year); err != nil {
		return nil, err
	}
	out := []graph.Plan{}
	err := s.read(ctx, "plans", func(r runner) error {
		out = out[:0]
		if err := s.checkJurisdiction(ctx, r, f.Jurisdiction); err != nil {
			return err
		}
		recs, err := s.query(ctx, r, plansStatement(f), map[string]any{"jurisdiction": f.Jurisdiction, "year": f.Year})
		for _, rec := range recs {
			out = append(out, toPlan(field(rec, "p")))
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b graph.Plan) int { return docCompare(a.Jurisdiction, a.Year, b.Jurisdiction, b.Year) })
	return out, nil
}

// plansStatement picks the plans statement for the filter's fields.
func plansStatement(f graph.PlanFilter) string {
	switch {
	case f.Jurisdiction != "" && f.Year != 0:
		return cypherPlansOfJurisdictionYear
	case f.Jurisdiction != "":
		return cypherPlansOfJurisdiction
	case f.Year != 0:
		return cypherPlansOfYear
	}
	return cypherPlans
}

// Sections lists a plan's or report's sections by number; a report known
// only from a plan's reference has none yet.
func (s *Store) Sections(ctx context.Context, documentID string) ([]graph.Section, error) {
	out := []graph.Section{}
	err := s.read(ctx, "sections", func(r runner) error {
		out = out[:0]
		recs, err := s.query(ctx, r, cypherSections, map[string]any{"id": documentID})
		if err != nil {
			return err
		}
		if len(recs) == 0 || fieldInt(recs[0], "documents") == 0 {
			return &graph.NotFoundError{What: "document", Name: documentID}
		}
		for _, p := range fieldList(recs[0], "sections") {
			out = append(out, toSection(p))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, sectionCompare)
	return out, nil
}

func (s *Store) PlansByID(ctx context.Context, ids []string) (map[string]graph.Plan, error) {
	return byID(ctx, s, "plans by id", cypherPlansByID, "p", ids, toPlan)
}

func (s *Store) SectionsByID(ctx context.Context, ids []string) (map[string]graph.Section, error) {
	return byID(ctx, s, "sections by id", cypherSectionsByID, "s", ids, toSection)
}

func (s *Store) UnitsByID(ctx context.Context, ids []string) (map[string]graph.Unit, error) {
	return byID(ctx, s, "units by id", cypherUnitsByID, "u", ids, toUnit)
}

func (s *Store) TasksByID(ctx context.Context, ids []string) (map[string]graph.Task, error) {
	return byID(ctx, s, "tasks by id", cypherTasksByID, "t", ids, toTask)
}

// byID fetches nodes by ID in one statement; unknown IDs are absent.
func byID[T any](ctx context.Context, s *Store, op, cypher, column string, ids []string, convert func(props) T) (map[string]T, error) {
	out := make(map[string]T, len(ids))
	err := s.read(ctx, op, func(r runner) error {
		clear(out)
		recs, err := s.query(ctx, r, cypher, map[string]any{"ids": nonNil(ids)})
		for _, rec := range recs {
			p := field(rec, column)
			out[p.str("id")] = convert(p)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// FindUnit resolves a canonical name or alias, written with either kind of
// brackets, to one unit.
func (s *Store) FindUnit(ctx context.Context, name, jurisdiction string) (graph.Unit, error) {
	if err := ctx.Err(); err != nil {
		return graph.Unit{}, err
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return graph.Unit{}, fmt.Errorf("empty unit name: %w", graph.ErrInvalid)
	}
	var found []graph.Unit
	err := s.read(ctx, "find unit", func(r runner) error {
		found = found[:0]
		if err := s.checkJurisdiction(ctx, r, jurisdiction); err != nil {
			return err
		}
		find, near := cypherFindUnit, cypherUnitNames
		if jurisdiction != "" {
			find, near = cypherFindUnitIn, cypherUnitNamesIn
		}
		params := map[string]any{"jurisdiction": jurisdiction, "key": normalizeName(name)}
		recs, err := s.query(ctx, r, find, params)
		if err != nil {
			return err
		}
		for _, rec := range recs {
			found = append(found, toUnit(field(rec, "u")))
		}
		if len(found) > 0 {
			return nil
		}
		recs, err = s.query(ctx, r, near, map[string]any{"jurisdiction": jurisdiction})
		if err != nil {
			return err
		}
		var names []string
		if len(recs) > 0 {
			names = stringList(get(recs[0], "names"))
		}
		return graph.NotFound("unit", name, names)
	})
	if err != nil {
		return graph.Unit{}, err
	}
	if len(found) == 1 {
		return found[0], nil
	}
	return graph.Unit{}, graph.AmbiguousUnit(name, found)
}

// Units pages through the units under the filter, by jurisdiction, name
// and ID: one statement for the page, one for the total when the page
// does not tell it.
func (s *Store) Units(ctx context.Context, f graph.UnitFilter, p graph.Page) (graph.UnitPage, error) {
	if err := ctx.Err(); err != nil {
		return graph.UnitPage{}, err
	}
	if err := graph.CheckPage(p); err != nil {
		return graph.UnitPage{}, err
	}
	if f.Kind != "" && !f.Kind.Valid() {
		return graph.UnitPage{}, fmt.Errorf("unknown unit kind %q: %w", f.Kind, graph.ErrInvalid)
	}
	search := normalizeName(f.Search)
	key := unitKey{jurisdiction: f.Jurisdiction != "", kind: f.Kind != "", search: search != ""}
	page := graph.UnitPage{Units: []graph.Unit{}}
	err := s.read(ctx, "units", func(r runner) error {
		page = graph.UnitPage{Units: []graph.Unit{}}
		if err := s.checkJurisdiction(ctx, r, f.Jurisdiction); err != nil {
			return err
		}
		params := func() map[string]any {
			return map[string]any{
				"jurisdiction": f.Jurisdiction, "kind": string(f.Kind), "search": search,
				"offset": p.Offset, "limit": pageLimit(p),
			}
		}
		recs, err := s.query(ctx, r, unitPageStatements[key], params())
		if err != nil {
			return err
		}
		for _, rec := range recs {
			page.Units = append(page.Units, toUnit(field(rec, "u")))
		}
		page.Total, err = s.total(ctx, r, p, len(recs), unitCountStatements[key], params())
		return err
	})
	if err != nil {
		return graph.UnitPage{}, err
	}
	return page, nil
}

// pageLimit is a page's LIMIT: Limit 0 reads to the end.
func pageLimit(p graph.Page) int {
	if p.Limit == 0 {
		return noLimit
	}
	return p.Limit
}

// total is the size of a paged result whose page held n rows: told by the
// page itself when it ends before its limit (and is not past the end),
// else counted by the count statement.
func (s *Store) total(ctx context.Context, r runner, p graph.Page, n int, count string, params map[string]any) (int, error) {
	if (n > 0 || p.Offset == 0) && (p.Limit == 0 || n < p.Limit) {
		return p.Offset + n, nil
	}
	recs, err := s.query(ctx, r, count, params)
	if err != nil || len(recs) == 0 {
		return 0, err
	}
	return fieldInt(recs[0], "total"), nil
}

// Successions lists the successions into and out of a unit.
func (s *Store) Successions(ctx context.Context, unitID string) (predecessors, successors []graph.Succession, err error) {
	predecessors, successors = []graph.Succession{}, []graph.Succession{}
	err = s.read(ctx, "successions", func(r runner) error {
		predecessors, successors = predecessors[:0], successors[:0]
		recs, err := s.query(ctx, r, cypherSuccessions, map[string]any{"id": unitID})
		if err != nil {
			return err
		}
		if len(recs) == 0 {
			return &graph.NotFoundError{What: "unit", Name: unitID}
		}
		for _, p := range fieldList(recs[0], "predecessors") {
			predecessors = append(predecessors, toSuccession(p))
		}
		for _, p := range fieldList(recs[0], "successors") {
			successors = append(successors, toSuccession(p))
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	slices.SortFunc(predecessors, func(a, b graph.Succession) int { return strings.Compare(a.From, b.From) })
	slices.SortFunc(successors, func(a, b graph.Succession) int { return strings.Compare(a.To, b.To) })
	return predecessors, successors, nil
}

// checkJurisdiction accepts "" and known jurisdictions: a filter naming an
// unknown one is a mistake to report, not an empty answer, with the known
// paths nearest to it.
func (s *Store) checkJurisdiction(ctx context.Context, r runner, path string) error {
	if path == "" {
		return nil
	}
	known, err := s.exists(ctx, r, cypherJurisdictionExists, path)
	if err != nil || known {
		return err
	}
	recs, err := s.query(ctx, r, cypherJurisdictionPaths, nil)
	if err != nil {
		return err
	}
	var paths []string
	if len(recs) > 0 {
		paths = stringList(get(recs[0], "paths"))
	}
	slices.Sort(paths)
	return graph.NotFound("jurisdiction", path, paths)
}

// exists runs a counting statement for id and says whether it counted
// anything.
func (s *Store) exists(ctx context.Context, r runner, cypher, id string) (bool, error) {
	recs, err := s.query(ctx, r, cypher, map[string]any{"id": id})
	if err != nil {
		return false, err
	}
	return len(recs) > 0 && fieldInt(recs[0], "n") > 0, nil
}

// checkUnits fails with a NotFoundError naming the first unknown unit ID.
func (s *Store) checkUnits(ctx context.Context, r runner, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	recs, err := s.query(ctx, r, cypherUnitsExist, map[string]any{"ids": ids})
	if err != nil || len(recs) == 0 {
		return err
	}
	missing := stringList(get(recs[0], "missing"))
	for _, id := range ids { // report the first in the caller's order
		if slices.Contains(missing, id) {
			return &graph.NotFoundError{What: "unit", Name: id}
		}
	}
	return nil
}

// docCompare orders plans and reports: jurisdiction, then newest first.
func docCompare(ja string, ya int, jb string, yb int) int {
	return cmp.Or(strings.Compare(ja, jb), cmp.Compare(yb, ya))
}

func sectionCompare(a, b graph.Section) int {
	return cmp.Or(cmp.Compare(a.Number, b.Number), strings.Compare(a.ID, b.ID))
}

// bracketFolder maps full-width brackets to their ASCII forms, as the
// Cypher fragment normalized does.
var bracketFolder = strings.NewReplacer("（", "(", "）", ")", "［", "[", "］", "]")

func normalizeName(name string) string {
	return bracketFolder.Replace(strings.TrimSpace(name))
}
