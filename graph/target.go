package graph

import (
	"cmp"
	"fmt"
	"strings"
	"unicode"
)

// NormalizeMetric is the form metrics are stored and matched in: without
// spaces, with full-width letters, digits and brackets folded to half-width
// (ＧＤＰ → GDP, （ → (), so that a metric typed either way finds the same
// targets.
func NormalizeMetric(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			continue
		case r >= '！' && r <= '～':
			r -= '！' - '!'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// CompareTargets is the documented target order: jurisdiction, year,
// document, task number, task ID (plans numbering each section anew), then
// index.
func CompareTargets(a, b Target) int {
	return cmp.Or(
		cmp.Compare(a.Jurisdiction, b.Jurisdiction),
		cmp.Compare(a.Year, b.Year),
		cmp.Compare(a.DocumentID, b.DocumentID),
		cmp.Compare(a.TaskNumber, b.TaskNumber),
		cmp.Compare(a.TaskID, b.TaskID),
		cmp.Compare(a.Index, b.Index),
	)
}

// Matches reports whether t passes the filter.
func (f TargetFilter) Matches(t Target) bool {
	return (f.Metric == "" || t.Metric == NormalizeMetric(f.Metric)) &&
		(f.MetricContains == "" || strings.Contains(t.Metric, NormalizeMetric(f.MetricContains))) &&
		(f.Measure == "" || t.Measure == f.Measure) &&
		(f.Jurisdiction == "" || t.Jurisdiction == f.Jurisdiction) &&
		(f.Year == 0 || t.Year == f.Year) &&
		(f.DocumentID == "" || t.DocumentID == f.DocumentID) &&
		(f.TaskID == "" || t.TaskID == f.TaskID)
}

// CheckTargetFilter rejects filters no target can pass: an unknown measure
// or an impossible year.
func CheckTargetFilter(f TargetFilter) error {
	if f.Measure != "" && !f.Measure.Valid() {
		return fmt.Errorf("unknown target measure %q: %w", f.Measure, ErrInvalid)
	}
	return CheckYear(f.Year)
}
