package neo4jstore

import (
	"context"
	"fmt"
	"slices"

	"github.com/dutygraph/dutygraph/graph"
)

// Load merges one document's batch in a single write transaction: if any
// statement fails, Neo4j rolls all of them back and nothing of the document
// is visible.
func (s *Store) Load(ctx context.Context, b *graph.Batch) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := b.Validate(); err != nil {
		return err
	}
	var step string
	err := s.exec.write(ctx, func(r runner) error {
		step = ""
		return applyBatch(ctx, r, s.opts.Namespace, s.opts.BatchSize, b, &step)
	})
	if err != nil && step != "" {
		err = fmt.Errorf("%s: %w", step, err)
	}
	return translate("load "+b.Source, err)
}

// applyBatch runs the statements of one load on r, in dependency order:
// the namespace's load lock first, nodes before the edges that join them,
// stale nodes removed once the new ones are in, co-ownership refreshed and
// the counts recorded last.
//
// It names the statement running in *step and returns the driver's errors
// as they are: the driver decides whether to retry the transaction by the
// error's own type (a lost connection is a *ConnectivityError, not
// something wrapping one), so Load adds the step's name only once the
// driver has given up.
func applyBatch(ctx context.Context, r runner, ns string, batchSize int, b *graph.Batch, step *string) error {
	exec := func(what, cypher string, rows []map[string]any) error {
		*step = what
		for _, chunk := range chunks(rows, batchSize) {
			if _, err := r.run(ctx, statement{cypher: cypher, params: map[string]any{"ns": ns, "rows": chunk}}); err != nil {
				return err
			}
		}
		return nil
	}
	one := func(what, cypher string, params map[string]any) error {
		*step = what
		params["ns"] = ns
		_, err := r.run(ctx, statement{cypher: cypher, params: params})
		return err
	}

	if err := one("load lock", cypherLockNamespace, map[string]any{}); err != nil {
		return err
	}
	if err := exec("jurisdictions", cypherMergeJurisdictions, jurisdictionRows(b.Jurisdictions)); err != nil {
		return err
	}
	if err := exec("reports", cypherMergeReports, reportRows(b.Reports)); err != nil {
		return err
	}
	if err := one("old targets", cypherDeleteTargets, map[string]any{"documents": targetDocuments(b)}); err != nil {
		return err
	}
	if b.Plan != nil {
		if err := one("plan", cypherMergePlan, map[string]any{"id": b.Plan.ID, "props": planProps(*b.Plan)}); err != nil {
			return err
		}
	}
	if err := exec("sections", cypherMergeSections, sectionRows(b.Sections)); err != nil {
		return err
	}
	if err := exec("units", cypherMergeUnits, unitRows(b.Units)); err != nil {
		return err
	}

	touched := make([]string, 0, len(b.Units))
	for _, u := range b.Units {
		touched = append(touched, u.ID)
	}
	if b.Plan != nil {
		*step = "clear roles"
		recs, err := r.run(ctx, statement{cypher: cypherClearRoles, params: map[string]any{"ns": ns, "planId": b.Plan.ID}})
		if err != nil {
			return err
		}
		for _, rec := range recs {
			ids, _ := rec.Get("ids")
			touched = append(touched, stringList(ids)...)
		}
	}
	slices.Sort(touched)
	touched = slices.Compact(touched)

	if err := exec("tasks", cypherMergeTasks, taskRows(b.Tasks)); err != nil {
		return err
	}
	leads, cooperations := roleRows(b.Tasks)
	if err := exec("leads", cypherCreateLeads, leads); err != nil {
		return err
	}
	if err := exec("cooperations", cypherCreateCooperations, cooperations); err != nil {
		return err
	}
	if err := exec("targets", cypherCreateTargets, targetRows(b.Targets)); err != nil {
		return err
	}
	if err := deleteStale(b, one); err != nil {
		return err
	}
	if err := exec("successions", cypherMergeSuccessions, successionRows(b.Successions)); err != nil {
		return err
	}
	if len(touched) > 0 {
		if err := one("co-ownership", cypherDeleteCoOwns, map[string]any{"ids": touched}); err != nil {
			return err
		}
		params := map[string]any{"ids": touched, "placeholder": string(graph.KindPlaceholder)}
		if err := one("co-ownership", cypherCreateCoOwns, params); err != nil {
			return err
		}
	}
	return one("counts", cypherRecordCounts, map[string]any{})
}

// deleteStale removes what a reloaded document no longer contains: tasks
// and sections of the plan, sections of a loaded report.
func deleteStale(b *graph.Batch, one func(string, string, map[string]any) error) error {
	sectionsOf := map[string][]string{}
	for _, s := range b.Sections {
		sectionsOf[s.DocumentID] = append(sectionsOf[s.DocumentID], s.ID)
	}
	var documents []string
	if b.Plan != nil {
		taskIDs := make([]string, 0, len(b.Tasks))
		for _, t := range b.Tasks {
			taskIDs = append(taskIDs, t.ID)
		}
		if err := one("stale tasks", cypherDeleteStaleTasks, map[string]any{"planId": b.Plan.ID, "keep": taskIDs}); err != nil {
			return err
		}
		documents = append(documents, b.Plan.ID)
	}
	for _, r := range b.Reports {
		if r.Loaded {
			documents = append(documents, r.ID)
		}
	}
	for _, doc := range documents {
		keep := sectionsOf[doc]
		if keep == nil {
			keep = []string{}
		}
		if err := one("stale sections", cypherDeleteStaleSections, map[string]any{"documentId": doc, "keep": keep}); err != nil {
			return err
		}
	}
	return nil
}

// chunks splits rows into slices of at most size rows. No rows, no chunk:
// an empty UNWIND would be a wasted round trip.
func chunks(rows []map[string]any, size int) [][]map[string]any {
	var out [][]map[string]any
	for len(rows) > 0 {
		n := min(size, len(rows))
		out = append(out, rows[:n])
		rows = rows[n:]
	}
	return out
}

// stringList converts a list value from a record to strings.
func stringList(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
