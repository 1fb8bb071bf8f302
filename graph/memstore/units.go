package memstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/dutygraph/dutygraph/graph"
)

// FindUnit resolves a canonical name or alias, written with either kind of
// brackets, to one unit.
func (s *Store) FindUnit(ctx context.Context, name, jurisdiction string) (graph.Unit, error) {
	snap, err := s.read(ctx)
	if err != nil {
		return graph.Unit{}, err
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return graph.Unit{}, fmt.Errorf("empty unit name: %w", graph.ErrInvalid)
	}
	if err := snap.checkJurisdiction(jurisdiction); err != nil {
		return graph.Unit{}, err
	}
	idx := snap.index()
	var found []*graph.Unit
	for _, pos := range idx.names[normalizeName(name)] {
		if u := idx.units[pos]; jurisdiction == "" || u.Jurisdiction == jurisdiction {
			found = append(found, u)
		}
	}
	switch len(found) {
	case 0:
		return graph.Unit{}, graph.NotFound("unit", name, idx.nameList[jurisdiction])
	case 1:
		return cloneUnit(found[0]), nil
	}
	units := make([]graph.Unit, len(found))
	for i, u := range found {
		units[i] = *u
	}
	return graph.Unit{}, graph.AmbiguousUnit(name, units)
}

// Units pages through the units under the filter, by jurisdiction and name.
func (s *Store) Units(ctx context.Context, f graph.UnitFilter, p graph.Page) (graph.UnitPage, error) {
	snap, err := s.read(ctx)
	if err != nil {
		return graph.UnitPage{}, err
	}
	if err := graph.CheckPage(p); err != nil {
		return graph.UnitPage{}, err
	}
	if f.Kind != "" && !f.Kind.Valid() {
		return graph.UnitPage{}, fmt.Errorf("unknown unit kind %q: %w", f.Kind, graph.ErrInvalid)
	}
	if err := snap.checkJurisdiction(f.Jurisdiction); err != nil {
		return graph.UnitPage{}, err
	}
	search := normalizeName(f.Search)
	var matched []*graph.Unit
	for _, u := range snap.index().units {
		if (f.Jurisdiction == "" || u.Jurisdiction == f.Jurisdiction) &&
			(f.Kind == "" || u.Kind == f.Kind) &&
			(search == "" || unitNameContains(u, search)) {
			matched = append(matched, u)
		}
	}
	page := graph.UnitPage{Units: []graph.Unit{}, Total: len(matched)}
	lo, hi := window(p, len(matched))
	for _, u := range matched[lo:hi] {
		page.Units = append(page.Units, cloneUnit(u))
	}
	return page, nil
}

func unitNameContains(u *graph.Unit, search string) bool {
	if strings.Contains(normalizeName(u.Name), search) {
		return true
	}
	for _, a := range u.Aliases {
		if strings.Contains(normalizeName(a), search) {
			return true
		}
	}
	return false
}

// Successions lists the successions into and out of a unit.
func (s *Store) Successions(ctx context.Context, unitID string) (predecessors, successors []graph.Succession, err error) {
	snap, err := s.read(ctx)
	if err != nil {
		return nil, nil, err
	}
	idx := snap.index()
	if _, ok := idx.unitPos[unitID]; !ok {
		return nil, nil, &graph.NotFoundError{What: "unit", Name: unitID}
	}
	return append([]graph.Succession{}, idx.predecessors[unitID]...),
		append([]graph.Succession{}, idx.successors[unitID]...), nil
}

// window turns a page into bounds on a result of n items; Limit 0 means to
// the end.
func window(p graph.Page, n int) (lo, hi int) {
	lo = min(p.Offset, n)
	hi = n
	if p.Limit > 0 {
		hi = min(lo+p.Limit, n)
	}
	return lo, hi
}

// unitPositions resolves unit IDs to index positions; an unknown ID is a
// NotFoundError, not a silently empty answer.
func (idx *index) unitPositions(ids []string) ([]int32, error) {
	out := make([]int32, 0, len(ids))
	for _, id := range ids {
		pos, ok := idx.unitPos[id]
		if !ok {
			return nil, &graph.NotFoundError{What: "unit", Name: id}
		}
		out = append(out, pos)
	}
	return out, nil
}
