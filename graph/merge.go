package graph

import "slices"

// The merge rules: what the store answers for a unit, a report or a
// succession that several documents speak of. Every store folds the
// documents' views with these functions (the embedded store as it applies
// batches, Neo4j as it recomputes a node from the views each document left
// on it), so that the stores agree and load order never matters.

// MergeUnit combines two views of one unit. The name written by the newest
// document wins (equal years: the lexically smaller) and brings its kind;
// every other name becomes an alias. old is nil for the first view.
func MergeUnit(old *Unit, u Unit) Unit {
	names := append(slices.Clone(u.Aliases), u.Name)
	if old != nil {
		names = append(names, old.Name)
		names = append(names, old.Aliases...)
		if old.NameYear > u.NameYear || (old.NameYear == u.NameYear && old.Name < u.Name) {
			u.Name, u.NameYear, u.Kind = old.Name, old.NameYear, old.Kind
		}
	}
	u.Aliases = nil
	slices.Sort(names)
	for _, n := range slices.Compact(names) {
		if n != "" && n != u.Name {
			u.Aliases = append(u.Aliases, n)
		}
	}
	return u
}

// MergeReport combines two views of one report. A plan's batch carries a
// stub naming the session; the report's own batch carries its text. Loaded
// data wins, and a session named only by a stub is kept; between two stubs
// the lexically smaller session is kept, whatever the order they came in.
// old is nil for the first view.
func MergeReport(old *Report, r Report) Report {
	if old == nil {
		return r
	}
	if r.Loaded {
		if r.Session == "" {
			r.Session = old.Session
		}
		return r
	}
	merged := *old
	switch {
	case merged.Session == "":
		merged.Session = r.Session
	case !merged.Loaded && r.Session != "" && r.Session < merged.Session:
		merged.Session = r.Session
	}
	return merged
}

// MergeSuccessionNote keeps one note for a succession whatever the order
// documents gave it in: the non-empty one, then the lexically smaller.
// known says whether a note was kept before (old is then that note).
func MergeSuccessionNote(old string, known bool, note string) string {
	if !known || old == "" || (note != "" && note < old) {
		return note
	}
	return old
}
