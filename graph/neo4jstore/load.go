package neo4jstore

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/dutygraph/dutygraph/graph"
)

// Load replaces the batch's document (see cypher_load.go) in a single
// write transaction: if any statement fails, Neo4j rolls all of them back
// and nothing of the document is visible.
func (s *Store) Load(ctx context.Context, b *graph.Batch) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := b.Validate(); err != nil {
		return err
	}
	return s.change(ctx, "load "+b.Source, func(w *writer) error { return w.load(b) })
}

// Remove takes a document out in a single write transaction, recomputing
// what it shared with other documents from theirs.
func (s *Store) Remove(ctx context.Context, documentID string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.change(ctx, "remove "+documentID, func(w *writer) error { return w.remove(documentID) })
}

// change runs one load or removal under the namespace's load lock.
//
// The statements' errors reach the driver as they are: it decides whether
// to retry the transaction by the error's own type (a lost connection is a
// *ConnectivityError, not something wrapping one), so the failing step's
// name is added only once the driver has given up.
func (s *Store) change(ctx context.Context, op string, work func(*writer) error) error {
	var step string
	err := s.exec.write(ctx, func(r runner) error {
		step = ""
		w := &writer{ctx: ctx, r: r, ns: s.opts.Namespace, batchSize: s.opts.BatchSize, step: &step}
		if _, err := w.one("load lock", cypherLockNamespace, map[string]any{"format": formatVersion}); err != nil {
			return err
		}
		return work(w)
	})
	if err != nil && step != "" {
		err = fmt.Errorf("%s: %w", step, err)
	}
	return translate(op, err)
}

// writer runs the statements of one change in its transaction, naming the
// statement running in *step.
type writer struct {
	ctx       context.Context
	r         runner
	ns        string
	batchSize int
	step      *string
}

// one runs one statement with the namespace added.
func (w *writer) one(what, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	*w.step = what
	params["ns"] = w.ns
	return w.r.run(w.ctx, statement{cypher: cypher, params: params})
}

// rows runs a statement over rows in chunks of the batch size. No rows, no
// statement: an empty UNWIND would be a wasted round trip.
func (w *writer) rows(what, cypher string, params map[string]any, rows []map[string]any) error {
	for _, chunk := range chunks(rows, w.batchSize) {
		p := maps.Clone(params)
		p["rows"] = chunk
		if _, err := w.one(what, cypher, p); err != nil {
			return err
		}
	}
	return nil
}

// touched is what a change touches: the nodes the document's loaded
// version and its new version speak of, which are recomputed once both are
// applied, and what the counts were among them before.
type touched struct {
	known         bool
	units         []string
	reports       []string
	jurisdictions []string
	successions   []successionKey
	before        graph.Stats // of the touched units and reports, and of what the old version held alone
	after         graph.Stats
}

type successionKey struct{ from, to string }

// load replaces the document: what its loaded version gave goes, the
// batch comes, and what both touched is recomputed.
func (w *writer) load(b *graph.Batch) error {
	id := b.DocumentID()
	units := make([]string, 0, len(b.Units))
	for _, u := range b.Units {
		units = append(units, u.ID)
	}
	reports := make([]string, 0, len(b.Reports))
	for _, r := range b.Reports {
		reports = append(reports, r.ID)
	}
	t, err := w.before(id, units, reports)
	if err != nil {
		return err
	}
	if t.known {
		if err := w.forget(id, &t); err != nil {
			return err
		}
	}
	if err := w.add(id, b, &t); err != nil {
		return err
	}
	t.units = union(t.units, units)
	t.reports = union(t.reports, reports)
	for _, sc := range b.Successions {
		t.successions = append(t.successions, successionKey{sc.From, sc.To})
	}
	return w.recompute(&t)
}

// remove takes the document out; an ID no loaded document has is not
// found, with the loaded documents' IDs nearest to it.
func (w *writer) remove(id string) error {
	t, err := w.before(id, []string{}, []string{})
	if err != nil {
		return err
	}
	if !t.known {
		recs, err := w.one("loaded documents", cypherDocumentIDs, map[string]any{})
		if err != nil {
			return err
		}
		var ids []string
		if len(recs) > 0 {
			ids = stringList(get(recs[0], "ids"))
		}
		return graph.NotFound("document", id, ids)
	}
	if err := w.forget(id, &t); err != nil {
		return err
	}
	return w.recompute(&t)
}

// before reads what the document's loaded version gave and counts the
// touched units and reports as they are.
func (w *writer) before(id string, units, reports []string) (touched, error) {
	recs, err := w.one("document before", cypherDocumentBefore, map[string]any{"id": id, "units": units, "reports": reports})
	if err != nil || len(recs) == 0 {
		return touched{}, err
	}
	rec := recs[0]
	t := touched{
		units:         stringList(get(rec, "units")),
		reports:       stringList(get(rec, "reports")),
		jurisdictions: stringList(get(rec, "jurisdictions")),
	}
	t.known, _ = get(rec, "known").(bool)
	for _, p := range fieldList(rec, "successions") {
		t.successions = append(t.successions, successionKey{p.str("from"), p.str("to")})
	}
	t.before.Units = fieldInt(rec, "unitsBefore")
	t.before.Reports = fieldInt(rec, "reportsBefore")
	t.before.LoadedReports = fieldInt(rec, "loadedBefore")
	return t, nil
}

// forget takes out what the document's loaded version gave, counting its
// plan, sections and tasks as gone.
func (w *writer) forget(id string, t *touched) error {
	recs, err := w.one("forget the loaded version", cypherForgetDocument, map[string]any{"id": id})
	if err != nil || len(recs) == 0 {
		return err
	}
	t.before.Plans += fieldInt(recs[0], "plans")
	t.before.Sections += fieldInt(recs[0], "sections")
	t.before.Tasks += fieldInt(recs[0], "tasks")
	return nil
}

// add writes the batch, nodes before the edges that join them, counting its
// plan, sections and tasks as come.
func (w *writer) add(id string, b *graph.Batch, t *touched) error {
	doc := map[string]any{"id": id}
	if _, err := w.one("document", cypherCreateDocument, map[string]any{"id": id, "source": b.Source}); err != nil {
		return err
	}
	if err := w.rows("jurisdictions", cypherMergeJurisdictions, doc, jurisdictionRows(b.Jurisdictions)); err != nil {
		return err
	}
	if err := w.rows("reports", cypherMergeReports, doc, reportRows(b.Reports)); err != nil {
		return err
	}
	if b.Plan != nil {
		if _, err := w.one("plan", cypherCreatePlan, map[string]any{"id": id, "props": planProps(*b.Plan)}); err != nil {
			return err
		}
		t.after.Plans = 1
	}
	if err := w.rows("sections", cypherCreateSections, doc, sectionRows(b.Sections)); err != nil {
		return err
	}
	if err := w.rows("units", cypherMergeUnits, doc, unitRows(b.Units)); err != nil {
		return err
	}
	if err := w.rows("tasks", cypherCreateTasks, doc, taskRows(b.Tasks)); err != nil {
		return err
	}
	leads, cooperations := roleRows(b.Tasks)
	if err := w.rows("leads", cypherCreateLeads, doc, leads); err != nil {
		return err
	}
	if err := w.rows("cooperations", cypherCreateCooperations, doc, cooperations); err != nil {
		return err
	}
	if err := w.rows("targets", cypherCreateTargets, doc, targetRows(b.Targets)); err != nil {
		return err
	}
	if err := w.rows("successions", cypherAddSuccessions, doc, successionRows(b.Successions)); err != nil {
		return err
	}
	t.after.Sections = len(b.Sections)
	t.after.Tasks = len(b.Tasks)
	return nil
}

// recompute rewrites every node the change touched from the views that
// remain on it, deletes those no document speaks of, rebuilds the touched
// units' co-ownership and moves the counts.
func (w *writer) recompute(t *touched) error {
	if err := w.recomputeSuccessions(t.successions); err != nil {
		return err
	}
	if err := w.recomputeReports(t); err != nil {
		return err
	}
	kept, err := w.recomputeUnits(t)
	if err != nil {
		return err
	}
	if len(t.jurisdictions) > 0 {
		if _, err := w.one("jurisdictions no document gives", cypherDeleteUngivenJurisdictions, map[string]any{"paths": t.jurisdictions}); err != nil {
			return err
		}
	}
	if len(kept) > 0 {
		if _, err := w.one("co-ownership", cypherDeleteCoOwns, map[string]any{"ids": kept}); err != nil {
			return err
		}
		params := map[string]any{"ids": kept, "placeholder": string(graph.KindPlaceholder)}
		if _, err := w.one("co-ownership", cypherCreateCoOwns, params); err != nil {
			return err
		}
	}
	_, err = w.one("counts", cypherMoveCounts, map[string]any{"deltas": deltas(t.before, t.after)})
	return err
}

// recomputeSuccessions keeps one note per succession from the documents
// that still give it, and deletes those no document gives.
func (w *writer) recomputeSuccessions(keys []successionKey) error {
	if len(keys) == 0 {
		return nil
	}
	pairs := make([]map[string]any, 0, len(keys))
	for _, k := range keys {
		pairs = append(pairs, map[string]any{"from": k.from, "to": k.to})
	}
	recs, err := w.one("succession views", cypherSuccessionViews, map[string]any{"pairs": pairs})
	if err != nil {
		return err
	}
	var keep, drop []map[string]any
	seen := map[successionKey]bool{}
	for _, rec := range recs {
		key := successionKey{fieldStr(rec, "from"), fieldStr(rec, "to")}
		if seen[key] {
			continue
		}
		seen[key] = true
		notes := stringList(get(rec, "notes"))
		row := map[string]any{"from": key.from, "to": key.to}
		if len(notes) == 0 {
			drop = append(drop, row)
			continue
		}
		note := ""
		for i, n := range notes {
			note = graph.MergeSuccessionNote(note, i > 0, n)
		}
		row["note"] = note
		keep = append(keep, row)
	}
	if err := w.rows("succession notes", cypherSetSuccessionNotes, map[string]any{}, keep); err != nil {
		return err
	}
	return w.rows("successions no document gives", cypherDeleteSuccessions, map[string]any{}, drop)
}

// recomputeReports folds each touched report's views, in document order
// as the embedded store rebuilds, and counts the reports after.
func (w *writer) recomputeReports(t *touched) error {
	if len(t.reports) == 0 {
		return nil
	}
	recs, err := w.one("report views", cypherReportViews, map[string]any{"ids": t.reports})
	if err != nil {
		return err
	}
	var rows []map[string]any
	var gone []string
	for _, rec := range recs {
		id := fieldStr(rec, "id")
		views := sortedViews(fieldList(rec, "views"))
		if len(views) == 0 {
			gone = append(gone, id)
			continue
		}
		var merged *graph.Report
		for _, v := range views {
			r := toReport(v)
			r.ID = id
			m := graph.MergeReport(merged, r)
			merged = &m
		}
		rows = append(rows, map[string]any{"id": id, "props": reportProps(*merged)})
		t.after.Reports++
		if merged.Loaded {
			t.after.LoadedReports++
		}
	}
	if err := w.rows("reports", cypherSetReports, map[string]any{}, rows); err != nil {
		return err
	}
	if len(gone) > 0 {
		_, err = w.one("reports no document names", cypherDeleteReports, map[string]any{"ids": gone})
	}
	return err
}

// recomputeUnits folds each touched unit's views, in document order as the
// embedded store rebuilds, deletes the units no document names, and
// returns the units kept.
func (w *writer) recomputeUnits(t *touched) ([]string, error) {
	if len(t.units) == 0 {
		return nil, nil
	}
	recs, err := w.one("unit views", cypherUnitViews, map[string]any{"ids": t.units})
	if err != nil {
		return nil, err
	}
	var rows []map[string]any
	var kept, gone, oldKeys []string
	keys := map[string]bool{}
	for _, rec := range recs {
		old := toUnit(field(rec, "unit"))
		_, before := unitProps(old)
		oldKeys = append(oldKeys, before...)
		views := sortedViews(fieldList(rec, "views"))
		if len(views) == 0 {
			gone = append(gone, old.ID)
			continue
		}
		var merged *graph.Unit
		for _, v := range views {
			u := toUnit(v)
			u.ID, u.Jurisdiction = old.ID, old.Jurisdiction
			m := graph.MergeUnit(merged, u)
			merged = &m
		}
		props, mergedKeys := unitProps(*merged)
		for _, k := range mergedKeys {
			keys[k] = true
		}
		rows = append(rows, map[string]any{"id": old.ID, "props": props, "keys": mergedKeys})
		kept = append(kept, old.ID)
	}
	t.after.Units = len(kept)
	if err := w.rows("units", cypherSetUnits, map[string]any{}, rows); err != nil {
		return nil, err
	}
	if len(gone) > 0 {
		if _, err := w.one("units no document names", cypherDeleteUnits, map[string]any{"ids": gone}); err != nil {
			return nil, err
		}
	}
	// A name a unit no longer has may leave its key to no unit.
	dropped := slices.DeleteFunc(union(oldKeys, nil), func(k string) bool { return keys[k] })
	if len(dropped) > 0 {
		if _, err := w.one("name keys no unit has", cypherDeleteOrphanKeys, map[string]any{"keys": dropped}); err != nil {
			return nil, err
		}
	}
	return kept, nil
}

// sortedViews orders a node's views by document ID: the order the embedded
// store applies documents in when it rebuilds, so that the few merge rules
// that depend on order (a kind between two equal names) agree.
func sortedViews(views []props) []props {
	slices.SortFunc(views, func(a, b props) int { return cmp.Compare(a.str("document"), b.str("document")) })
	return views
}

// union is the sorted set of a's and b's strings.
func union(a, b []string) []string {
	out := append(slices.Clone(a), b...)
	slices.Sort(out)
	return slices.Compact(out)
}

// chunks splits rows into slices of at most size rows.
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
