// Package loader reads government plans and work reports into a typed
// document model (Parse) and loads that model into a graph.Store (Load).
//
// The parser does no I/O: it reads an io.Reader and is told the file name,
// so that every warning and error can name the file and line.
package loader

import "github.com/dutygraph/dutygraph/graph"

// DocumentKind tells a plan from a work report.
type DocumentKind string

const (
	KindPlan   DocumentKind = "plan"   // 主要工作目标任务分解落实方案
	KindReport DocumentKind = "report" // 政府工作报告
)

// Document is one parsed file. Its JSON form is the contract of
// `dutygraph parse --json`, read by dashboards and checks.
type Document struct {
	File             string       `json:"file"`
	Kind             DocumentKind `json:"kind"`
	Title            string       `json:"title"`
	Year             int          `json:"year"`
	Issuer           string       `json:"issuer"`
	Jurisdiction     string       `json:"jurisdiction"` // path: 南京市, 南京市/鼓楼区
	DocNumber        string       `json:"docNumber"`
	Date             string       `json:"date"` // YYYY-MM-DD, "" when the document gives none
	ImplementsReport *ReportRef   `json:"implementsReport"`
	Sections         []Section    `json:"sections"`
	Targets          []Target     `json:"targets"` // a report's headline targets; a plan's are on its tasks
	Warnings         []Warning    `json:"warnings"`
}

// TaskCount is the number of tasks in all sections.
func (d *Document) TaskCount() int {
	n := 0
	for _, s := range d.Sections {
		n += len(s.Tasks)
	}
	return n
}

// ReportRef names the work report a plan implements: the one adopted by the
// congress session the plan cites (市第十七届人大五次会议).
type ReportRef struct {
	Session      string `json:"session"`
	Jurisdiction string `json:"jurisdiction"`
	Year         int    `json:"year"`
}

// Section is a numbered part of a plan, or one area of a report's work for
// the year ahead.
type Section struct {
	Number int    `json:"number"`
	Title  string `json:"title"`
	Line   int    `json:"line"`
	Tasks  []Task `json:"tasks"`
}

// Task is one numbered task and its responsibility clause.
type Task struct {
	Number      int       `json:"number"`
	Text        string    `json:"text"` // without the number and the responsibility clause
	Line        int       `json:"line"`
	Leads       []UnitRef `json:"leads"`       // 主办, 牵头, 负责
	Cooperators []UnitRef `json:"cooperators"` // 协办, 配合
	// Leaders are the persons a task names as answering for it (责任领导,
	// 牵头领导, 分管领导): people, never units, even when one shares a
	// city's name.
	Leaders []string `json:"leaders,omitempty"`
	// Deadline is the completion time as the document writes it
	// (完成时限: 2025年6月底前, 全年); Due is the date it names, when it
	// names one (2025-06-30).
	Deadline string `json:"deadline,omitempty"`
	Due      string `json:"due,omitempty"`
	// Source is where the task comes from, as a 任务来源 column says.
	Source string `json:"source,omitempty"`
	// Targets are the quantitative targets the task's text sets, in text
	// order; absent when it sets none.
	Targets []Target `json:"targets,omitempty"`
}

// UnitRef is a unit as a clause names it, resolved against the registry.
type UnitRef struct {
	Name         string         `json:"name"`      // as written, trimmed
	Canonical    string         `json:"canonical"` // the registry's name for the body
	Kind         graph.UnitKind `json:"kind"`
	Jurisdiction string         `json:"jurisdiction"` // the jurisdiction the unit belongs to
}

// Target is a quantitative target read from a clause of a report's
// headline sentence (主要预期目标是：…) or of a task's text; see targets.go
// for what counts as one.
type Target struct {
	Metric  string              `json:"metric"`  // 地区生产总值, 新增首店
	Measure graph.TargetMeasure `json:"measure"` // growth, reduction, level, count, qualitative
	// Value is the figure (5); absent only for a qualitative target.
	Value      *float64 `json:"value,omitempty"`
	Unit       string   `json:"unit,omitempty"`       // %, 亿元, 家 …
	Comparator string   `json:"comparator,omitempty"` // = ≥ > ≈ ≤ <; absent when qualitative
	// Aspirational: the text strives for the figure (力争, 争取, 冲刺).
	Aspirational bool   `json:"aspirational,omitempty"`
	Text         string `json:"text"` // the clause: 地区生产总值增长5%以上
	// Start and End are the clause's rune offsets in the task's text, or in
	// the headline sentence after 主要预期目标是：.
	Start int `json:"start"`
	End   int `json:"end"`
}

// Warning is something read on a best-effort basis: a missing bracket, an
// overridden issuer, a task without a clause.
type Warning struct {
	Line    int    `json:"line"` // 0 when it concerns the whole document
	Message string `json:"message"`
}
