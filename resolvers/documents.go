package resolvers

import (
	"context"
	"fmt"

	"github.com/dutygraph/dutygraph/graph"
)

// reportByID finds a report among the request's list of reports (a
// handful per jurisdiction and year, fetched once).
func (r *Resolver) reportByID(ctx context.Context, id string) (*graph.Report, error) {
	reports, err := r.requestLoaders(ctx).allReports.get(ctx)
	if err != nil {
		return nil, err
	}
	for i := range reports {
		if reports[i].ID == id {
			return &reports[i], nil
		}
	}
	return nil, fmt.Errorf("report %q: %w", id, graph.ErrNotFound)
}

// sections lists a plan's or report's sections, by number.
func (r *Resolver) sections(ctx context.Context, documentID string) ([]*graph.Section, error) {
	sections, err := r.Store.Sections(ctx, documentID)
	if err != nil {
		return nil, err
	}
	return ptrs(sections), nil
}
