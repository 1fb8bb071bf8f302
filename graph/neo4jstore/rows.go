package neo4jstore

import (
	"github.com/dutygraph/dutygraph/graph"
)

// Rows are the $rows parameters of the load statements: one map per node or
// edge, holding only values the driver sends as parameters. Property names
// are Go constants here; nothing a document contains ever reaches the text
// of a query.

func jurisdictionRows(js []graph.Jurisdiction) []map[string]any {
	rows := make([]map[string]any, 0, len(js))
	for _, j := range js {
		rows = append(rows, map[string]any{"path": j.Path, "name": j.Name, "parent": j.Parent})
	}
	return rows
}

func reportRows(rs []graph.Report) []map[string]any {
	rows := make([]map[string]any, 0, len(rs))
	for _, r := range rs {
		rows = append(rows, map[string]any{
			"id": r.ID, "jurisdiction": r.Jurisdiction, "year": r.Year, "session": r.Session,
			"title": r.Title, "date": r.Date, "file": r.File, "loaded": r.Loaded,
		})
	}
	return rows
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

// targetDocuments are the documents whose targets a batch replaces: its
// plan and the reports whose text it loads.
func targetDocuments(b *graph.Batch) []string {
	docs := []string{}
	if b.Plan != nil {
		docs = append(docs, b.Plan.ID)
	}
	for _, r := range b.Reports {
		if r.Loaded {
			docs = append(docs, r.ID)
		}
	}
	return docs
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

func unitRows(us []graph.Unit) []map[string]any {
	rows := make([]map[string]any, 0, len(us))
	for _, u := range us {
		aliases := u.Aliases
		if aliases == nil {
			aliases = []string{}
		}
		rows = append(rows, map[string]any{
			"id": u.ID, "name": u.Name, "nameYear": u.NameYear, "aliases": aliases,
			"kind": string(u.Kind), "jurisdiction": u.Jurisdiction,
		})
	}
	return rows
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
