package neo4jstore

import (
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/dutygraph/dutygraph/graph"
)

// Reads return nodes as property maps (`n {.*}`); these turn them into the
// domain's types. Lists come back nil when empty, as the embedded store
// returns them, so that the conformance suite can compare answers whole.

type props map[string]any

func (p props) str(k string) string {
	s, _ := p[k].(string)
	return s
}

func (p props) integer(k string) int {
	n, _ := p[k].(int64)
	return int(n)
}

func (p props) boolean(k string) bool {
	b, _ := p[k].(bool)
	return b
}

func (p props) strs(k string) []string {
	list := stringList(p[k])
	if len(list) == 0 {
		return nil
	}
	return list
}

// field returns column k of a record as a property map.
func field(rec *neo4j.Record, k string) props {
	v, _ := rec.Get(k)
	m, _ := v.(map[string]any)
	return m
}

// fieldList returns column k of a record as a list of property maps.
func fieldList(rec *neo4j.Record, k string) []props {
	v, _ := rec.Get(k)
	list, _ := v.([]any)
	out := make([]props, 0, len(list))
	for _, x := range list {
		if m, ok := x.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// get returns column k of a record, nil when absent.
func get(rec *neo4j.Record, k string) any {
	v, _ := rec.Get(k)
	return v
}

func fieldInt(rec *neo4j.Record, k string) int {
	v, _ := rec.Get(k)
	n, _ := v.(int64)
	return int(n)
}

func fieldStr(rec *neo4j.Record, k string) string {
	v, _ := rec.Get(k)
	s, _ := v.(string)
	return s
}

func toJurisdiction(p props) graph.Jurisdiction {
	return graph.Jurisdiction{Path: p.str("path"), Name: p.str("name"), Parent: p.str("parent")}
}

func toReport(p props) graph.Report {
	return graph.Report{
		ID: p.str("id"), Jurisdiction: p.str("jurisdiction"), Year: p.integer("year"),
		Session: p.str("session"), Title: p.str("title"), Date: p.str("date"), File: p.str("file"),
		Loaded: p.boolean("loaded"),
	}
}

func toTarget(p props) graph.Target {
	t := graph.Target{
		ID: p.str("id"), DocumentID: p.str("documentId"), TaskID: p.str("taskId"),
		TaskNumber: p.integer("taskNumber"), Index: p.integer("index"),
		Jurisdiction: p.str("jurisdiction"), Year: p.integer("year"),
		Metric: p.str("metric"), Measure: graph.TargetMeasure(p.str("measure")),
		Unit: p.str("unit"), Comparator: p.str("comparator"), Aspirational: p.boolean("aspirational"),
		Text: p.str("text"), Start: p.integer("startOffset"), End: p.integer("endOffset"),
	}
	switch v := p["value"].(type) {
	case float64:
		t.Value = &v
	case int64: // a whole number stored by another client
		f := float64(v)
		t.Value = &f
	}
	return t
}

func toPlan(p props) graph.Plan {
	return graph.Plan{
		ID: p.str("id"), Jurisdiction: p.str("jurisdiction"), Year: p.integer("year"),
		Title: p.str("title"), Issuer: p.str("issuer"), DocNumber: p.str("docNumber"),
		Date: p.str("date"), File: p.str("file"), ReportID: p.str("reportId"),
	}
}

func toSection(p props) graph.Section {
	return graph.Section{ID: p.str("id"), DocumentID: p.str("documentId"), Number: p.integer("number"), Title: p.str("title")}
}

func toTask(p props) graph.Task {
	return graph.Task{
		ID: p.str("id"), PlanID: p.str("planId"), SectionID: p.str("sectionId"),
		Jurisdiction: p.str("jurisdiction"), Year: p.integer("year"), Number: p.integer("number"),
		Text: p.str("text"), Line: p.integer("line"),
		Leads: p.strs("leads"), Cooperators: p.strs("cooperators"),
		Leaders: p.strs("leaders"), Deadline: p.str("deadline"), Due: p.str("due"), Source: p.str("source"),
	}
}

// toUnit sorts the aliases: the merge in Cypher keeps them in arrival order.
func toUnit(p props) graph.Unit {
	u := graph.Unit{
		ID: p.str("id"), Name: p.str("name"), NameYear: p.integer("nameYear"),
		Aliases: p.strs("aliases"), Kind: graph.UnitKind(p.str("kind")), Jurisdiction: p.str("jurisdiction"),
	}
	slices.Sort(u.Aliases)
	return u
}

func toSuccession(p props) graph.Succession {
	return graph.Succession{From: p.str("from"), To: p.str("to"), Note: p.str("note")}
}
