package neo4jstore

import (
	"cmp"
	"slices"

	"github.com/dutygraph/dutygraph/graph"
)

// Rows are the $rows parameters of the load statements: one map per node or
// edge, holding only values the driver sends as parameters. Property names
// are Go constants here; nothing a document contains ever reaches the text
// of a query.

// jurisdictionRows come parents first: a parent's path is a prefix of its
// children's, so path order puts it before them, in every chunk.
func jurisdictionRows(js []graph.Jurisdiction) []map[string]any {
	js = slices.SortedFunc(slices.Values(js), func(a, b graph.Jurisdiction) int { return cmp.Compare(a.Path, b.Path) })
	rows := make([]map[string]any, 0, len(js))
	for _, j := range js {
		rows = append(rows, map[string]any{"path": j.Path, "name": j.Name, "parent": j.Parent})
	}
	return rows
}

// reportRows are the document's views of its reports: the stub of the
// report a plan implements, or the loaded report's text.
func reportRows(rs []graph.Report) []map[string]any {
	rows := make([]map[string]any, 0, len(rs))
	for _, r := range rs {
		rows = append(rows, map[string]any{"id": r.ID, "view": reportProps(r)})
	}
	return rows
}

// reportProps are a report's properties, on its node and in a view of it.
func reportProps(r graph.Report) map[string]any {
	return map[string]any{
		"jurisdiction": r.Jurisdiction, "year": r.Year, "session": r.Session,
		"title": r.Title, "date": r.Date, "file": r.File, "loaded": r.Loaded,
	}
}

// targetRows are the batch's targets, with their owner's IDs beside the
// properties for the statement to find the task or report.
func targetRows(ts []graph.Target) []map[string]any {
	rows := make([]map[string]any, 0, len(ts))
	for _, g := range ts {
		var value any // null, so no property, when the target names no figure
		if g.Value != nil {
			value = *g.Value
		}
		rows = append(rows, map[string]any{
			"id": g.ID, "taskId": g.TaskID, "documentId": g.DocumentID,
			"props": map[string]any{
				"documentId": g.DocumentID, "taskId": g.TaskID, "taskNumber": g.TaskNumber, "index": g.Index,
				"jurisdiction": g.Jurisdiction, "year": g.Year, "metric": g.Metric, "measure": string(g.Measure),
				"value": value, "unit": g.Unit, "comparator": g.Comparator, "aspirational": g.Aspirational,
				"text": g.Text, "startOffset": g.Start, "endOffset": g.End,
			},
		})
	}
	return rows
}

func planProps(p graph.Plan) map[string]any {
	return map[string]any{
		"jurisdiction": p.Jurisdiction, "year": p.Year, "title": p.Title, "issuer": p.Issuer,
		"docNumber": p.DocNumber, "date": p.Date, "file": p.File, "reportId": p.ReportID,
	}
}

func sectionRows(ss []graph.Section) []map[string]any {
	rows := make([]map[string]any, 0, len(ss))
	for _, s := range ss {
		rows = append(rows, map[string]any{
			"id": s.ID, "documentId": s.DocumentID,
			"props": map[string]any{"documentId": s.DocumentID, "number": s.Number, "title": s.Title},
		})
	}
	return rows
}

// unitRows are the document's views of its units.
func unitRows(us []graph.Unit) []map[string]any {
	rows := make([]map[string]any, 0, len(us))
	for _, u := range us {
		rows = append(rows, map[string]any{
			"id": u.ID, "name": u.Name, "nameYear": u.NameYear, "aliases": nonNil(u.Aliases),
			"kind": string(u.Kind), "jurisdiction": u.Jurisdiction,
		})
	}
	return rows
}

// unitProps are a merged unit's properties, and keys the forms of its
// names FindUnit looks it up by.
func unitProps(u graph.Unit) (props map[string]any, keys []string) {
	keys = []string{normalizeName(u.Name)}
	for _, a := range u.Aliases {
		keys = append(keys, normalizeName(a))
	}
	slices.Sort(keys)
	keys = slices.DeleteFunc(slices.Compact(keys), func(k string) bool { return k == "" })
	return map[string]any{
		"name": u.Name, "nameYear": u.NameYear, "aliases": nonNil(u.Aliases),
		"kind": string(u.Kind), "jurisdiction": u.Jurisdiction,
	}, keys
}

// taskRows keep the clause order of leads and cooperators on the task
// itself, so reading a task needs no traversal; the LEADS and
// COOPERATES_ON edges carry the same facts for graph queries.
func taskRows(ts []graph.Task) []map[string]any {
	rows := make([]map[string]any, 0, len(ts))
	for _, t := range ts {
		rows = append(rows, map[string]any{
			"id": t.ID,
			"props": map[string]any{
				"planId": t.PlanID, "sectionId": t.SectionID, "jurisdiction": t.Jurisdiction,
				"year": t.Year, "number": t.Number, "text": t.Text, "line": t.Line,
				"leads": nonNil(t.Leads), "cooperators": nonNil(t.Cooperators),
				"leaders": nonNil(t.Leaders), "deadline": t.Deadline, "due": t.Due, "source": t.Source,
			},
		})
	}
	return rows
}

func roleRows(ts []graph.Task) (leads, cooperations []map[string]any) {
	for _, t := range ts {
		for i, u := range t.Leads {
			leads = append(leads, map[string]any{"task": t.ID, "unit": u, "pos": i})
		}
		for i, u := range t.Cooperators {
			cooperations = append(cooperations, map[string]any{"task": t.ID, "unit": u, "pos": i})
		}
	}
	return leads, cooperations
}

func successionRows(ss []graph.Succession) []map[string]any {
	rows := make([]map[string]any, 0, len(ss))
	for _, s := range ss {
		rows = append(rows, map[string]any{"from": s.From, "to": s.To, "note": s.Note})
	}
	return rows
}

// nonNil keeps empty lists lists: Neo4j cannot store a null property.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
