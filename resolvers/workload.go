package resolvers

import (
	"context"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/resolvers/model"
)

// workloadChange compares a unit's workload in two plan years, following
// reorganisations: see Query.workloadChange in schema/query.graphqls.
func (r *Resolver) workloadChange(ctx context.Context, name string, jurisdiction *string, fromYear, toYear int) (*model.WorkloadChange, error) {
	if err := checkYearRange("fromYear", fromYear); err != nil {
		return nil, err
	}
	if err := checkYearRange("toYear", toYear); err != nil {
		return nil, err
	}
	if fromYear > toYear {
		return nil, inputErrorf("fromYear %d is after toYear %d; swap them", fromYear, toYear)
	}
	asked, err := r.findUnit(ctx, name, jurisdiction)
	if err != nil {
		return nil, err
	}
	unit, err := r.latestSuccessor(ctx, asked)
	if err != nil {
		return nil, err
	}
	predecessors, err := graph.Predecessors(ctx, r.Store, unit.ID)
	if err != nil {
		return nil, err
	}
	l := r.requestLoaders(ctx)
	merged, err := l.units.loadMany(ctx, predecessors)
	if err != nil {
		return nil, err
	}
	from, err := r.unitWorkload(ctx, "fromYear", unit, append([]string{unit.ID}, predecessors...), fromYear)
	if err != nil {
		return nil, err
	}
	to, err := r.unitWorkload(ctx, "toYear", unit, []string{unit.ID}, toYear)
	if err != nil {
		return nil, err
	}
	gained, lost, err := r.sectionChanges(ctx, from.BySection, to.BySection)
	if err != nil {
		return nil, err
	}
	return &model.WorkloadChange{
		Unit:           &unit,
		From:           toGQLWorkload(l, fromYear, from),
		To:             toGQLWorkload(l, toYear, to),
		LeadDelta:      to.Lead - from.Lead,
		CooperateDelta: to.Cooperate - from.Cooperate,
		TotalDelta:     to.Total() - from.Total(),
		Gained:         toGQLSectionCounts(l, gained),
		Lost:           toGQLSectionCounts(l, lost),
		MergedFrom:     merged,
	}, nil
}

// latestSuccessor follows successor links from u while each leads to a
// single unit: the work of a body reorganised into one successor is that
// successor's now. A unit split among several successors stays itself.
func (r *Resolver) latestSuccessor(ctx context.Context, u graph.Unit) (graph.Unit, error) {
	seen := map[string]bool{u.ID: true}
	for {
		_, successors, err := r.Store.Successions(ctx, u.ID)
		if err != nil {
			return graph.Unit{}, err
		}
		if len(successors) != 1 || seen[successors[0].To] {
			return u, nil
		}
		next, err := r.requestLoaders(ctx).units.load(ctx, successors[0].To)
		if err != nil {
			return graph.Unit{}, err
		}
		seen[next.ID] = true
		u = *next
	}
}

// sectionChanges matches the sections of two years by title and returns
// where the unit gained tasks (the to-year sections, with the increase) and
// where it lost them (the from-year sections, with the decrease).
func (r *Resolver) sectionChanges(ctx context.Context, from, to []graph.SectionCount) (gained, lost []graph.SectionCount, err error) {
	fromByTitle, fromOrder, err := r.countsByTitle(ctx, from)
	if err != nil {
		return nil, nil, err
	}
	toByTitle, toOrder, err := r.countsByTitle(ctx, to)
	if err != nil {
		return nil, nil, err
	}
	for _, title := range toOrder {
		if c := difference(toByTitle[title], fromByTitle[title]); c.Lead+c.Cooperate > 0 {
			gained = append(gained, c)
		}
	}
	for _, title := range fromOrder {
		if c := difference(fromByTitle[title], toByTitle[title]); c.Lead+c.Cooperate > 0 {
			lost = append(lost, c)
		}
	}
	return gained, lost, nil
}

// countsByTitle sums counts per section title (a unit spread over two plans
// of one year can meet the same title twice), keeping the first section of
// each title to stand for it, and the titles in order.
func (r *Resolver) countsByTitle(ctx context.Context, counts []graph.SectionCount) (map[string]graph.SectionCount, []string, error) {
	ids := make([]string, len(counts))
	for i, c := range counts {
		ids[i] = c.SectionID
	}
	sections, err := r.requestLoaders(ctx).sections.loadMany(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	byTitle := map[string]graph.SectionCount{}
	var order []string
	for i, c := range counts {
		title := sections[i].Title
		sum, ok := byTitle[title]
		if !ok {
			order = append(order, title)
			sum.SectionID = c.SectionID
		}
		sum.Lead += c.Lead
		sum.Cooperate += c.Cooperate
		byTitle[title] = sum
	}
	return byTitle, order, nil
}

// difference is a − b, standing for a's section.
func difference(a, b graph.SectionCount) graph.SectionCount {
	return graph.SectionCount{SectionID: a.SectionID, Lead: a.Lead - b.Lead, Cooperate: a.Cooperate - b.Cooperate}
}
