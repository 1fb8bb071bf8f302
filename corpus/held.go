package corpus

import (
	"context"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/loader"
)

// Held lists the documents a store holds, without their batches: what a
// store that keeps its own documents (Neo4j) is reconciled from. A plan's
// Tasks count its tasks; Source is the file the store recorded.
func Held(ctx context.Context, r graph.Reader) ([]Document, error) {
	plans, err := r.Plans(ctx, graph.PlanFilter{})
	if err != nil {
		return nil, err
	}
	var docs []Document
	for _, p := range plans {
		page, err := r.Tasks(ctx, graph.TaskFilter{PlanID: p.ID}, graph.Page{Limit: 1})
		if err != nil {
			return nil, err
		}
		docs = append(docs, Document{ID: p.ID, Kind: string(loader.KindPlan), Jurisdiction: p.Jurisdiction, Year: p.Year, Tasks: page.Total, Source: p.File})
	}
	reports, err := r.Reports(ctx)
	if err != nil {
		return nil, err
	}
	for _, rep := range reports {
		if rep.Loaded {
			docs = append(docs, Document{ID: rep.ID, Kind: string(loader.KindReport), Jurisdiction: rep.Jurisdiction, Year: rep.Year, Source: rep.File})
		}
	}
	return docs, nil
}
