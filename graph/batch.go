package graph

import (
	"fmt"
	"strconv"
)

// Batch is one document's contribution to the graph, applied by Store.Load
// as a whole. The loader builds it; IDs in it are the stable IDs below, so
// loading the same document twice writes the same nodes.
type Batch struct {
	// Source names the document (its file) in errors and logs.
	Source        string
	Jurisdictions []Jurisdiction // the document's jurisdiction and its ancestors, and those of its units
	// Reports holds the loaded report, or the report a plan implements (with
	// Loaded false unless its text is in this batch).
	Reports     []Report
	Plan        *Plan // nil for a report
	Sections    []Section
	Tasks       []Task
	Units       []Unit
	Successions []Succession
	// Targets are the quantitative targets of the plan's tasks, or of the
	// loaded report's headline sentence. Loading a document replaces all of
	// its targets.
	Targets []Target
}

// DocumentID is the ID of the one document whose text a valid batch
// carries: its plan, or else its loaded report. A store keys what a batch
// gave by it, so that loading the document again replaces it and
// Remover.Remove takes it out.
func (b *Batch) DocumentID() string {
	if b.Plan != nil {
		return b.Plan.ID
	}
	for _, r := range b.Reports {
		if r.Loaded {
			return r.ID
		}
	}
	return ""
}

// Stable IDs. They are derived from content only, readable in Neo4j Browser,
// and never depend on load order.

// ReportID identifies the work report of a jurisdiction's year.
func ReportID(jurisdiction string, year int) string {
	return "report:" + jurisdiction + ":" + strconv.Itoa(year)
}

// PlanID identifies the decomposition plan of a jurisdiction's year.
func PlanID(jurisdiction string, year int) string {
	return "plan:" + jurisdiction + ":" + strconv.Itoa(year)
}

// SectionID identifies a section of a plan or report.
func SectionID(documentID string, number int) string {
	return documentID + ":s" + strconv.Itoa(number)
}

// TaskID identifies a task of a plan by its number. Plans whose numbering
// restarts in each section pass the section number too (section > 0), so
// that IDs stay unique.
func TaskID(planID string, section, number int) string {
	if section > 0 {
		return fmt.Sprintf("%s:t%d.%d", planID, section, number)
	}
	return planID + ":t" + strconv.Itoa(number)
}

// UnitID identifies a unit by its jurisdiction and the registry's canonical
// name, which does not change when a newer plan writes the unit differently.
func UnitID(jurisdiction, canonical string) string {
	return "unit:" + jurisdiction + ":" + canonical
}

// TargetID identifies the index-th target (from 1) of a task or of a
// report's headline sentence: ownerID is the Task's ID or the Report's.
func TargetID(ownerID string, index int) string {
	return ownerID + ":g" + strconv.Itoa(index)
}
