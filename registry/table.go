package registry

import (
	"hash/maphash"
	"math/bits"
	"slices"
	"strings"
)

// placeTable is the gazetteer as the registry keeps it once built: rows
// without pointers, their strings spans of one text, and a table of row
// numbers instead of a map from paths. The registry stays in the heap while
// documents are parsed, and the garbage collector scans every pointer of it
// at each cycle: kept as Place values (seven strings and slices each) in a
// map by path, the 3,200 places were half of what it scanned during a parse
// of the seeds, 1.5 MB a cycle; now 0.8 MB is.
type placeTable struct {
	rows   []placeRow
	text   string  // every path, code and name, one after another
	lists  []span  // the rows' names, former names and abbreviations: spans of text
	levels []Level // the levels rows name, by placeRow.level
	// byPath finds a row by its path without a map of strings: rows by
	// the hash of their path, open addressing, -1 for an empty slot.
	byPath []int32
	seed   maphash.Seed
}

type placeRow struct {
	path, code span  // of text
	parent     int32 // row of the enclosing place; -1 for a top place
	layer      int32 // 0 bundled; n: the nth jurisdictions.yaml named it last
	level      uint8 // index in levels
	// names, former and abbreviations are spans of lists, one after
	// another, so that names and former names are one span (allNames).
	names, former, abbreviations span
}

// newPlaceTable packs the gazetteer's places into a table.
func newPlaceTable(places []place) placeTable {
	size, items := 0, 0
	for _, p := range places {
		size += len(p.Path) + len(p.Code)
		for _, l := range [...][]string{p.Names, p.Former, p.Abbreviations} {
			items += len(l)
			for _, s := range l {
				if !strings.Contains(p.Path, s) { // see below
					size += len(s)
				}
			}
		}
	}
	var text strings.Builder
	text.Grow(size)
	add := func(s string) span {
		start := text.Len()
		text.WriteString(s)
		return span{int32(start), int32(text.Len())}
	}
	t := placeTable{rows: make([]placeRow, len(places)), lists: make([]span, 0, items), seed: maphash.MakeSeed()}
	// Twice as many slots as rows, so that a probe seldom goes past one.
	t.byPath = make([]int32, 1<<bits.Len(uint(2*len(places))))
	for k := range t.byPath {
		t.byPath[k] = -1
	}
	for i, p := range places {
		row := placeRow{path: add(p.Path), code: add(p.Code), parent: int32(p.parent), layer: int32(p.layer)}
		level := slices.Index(t.levels, p.Level)
		if level < 0 {
			level = len(t.levels)
			t.levels = append(t.levels, p.Level)
		}
		row.level = uint8(level)
		path := row.path
		for _, l := range [...]struct {
			names []string
			dst   *span
		}{{p.Names, &row.names}, {p.Former, &row.former}, {p.Abbreviations, &row.abbreviations}} {
			start := int32(len(t.lists))
			for _, s := range l.names {
				// A place's names are mostly a part of its path (咸安区 and
				// 咸安 of 湖北省/咸宁市/咸安区): they need no text of their own.
				if at := strings.Index(p.Path, s); at >= 0 {
					t.lists = append(t.lists, span{path.start + int32(at), path.start + int32(at+len(s))})
				} else {
					t.lists = append(t.lists, add(s))
				}
			}
			*l.dst = span{start, int32(len(t.lists))}
		}
		t.rows[i] = row
	}
	t.text = text.String()
	for i := range t.rows {
		k := t.slot(t.path(i))
		for t.byPath[k] >= 0 {
			k = (k + 1) % len(t.byPath)
		}
		t.byPath[k] = int32(i)
	}
	return t
}

// slot is where a path's probe starts in byPath.
func (t *placeTable) slot(path string) int {
	return int(maphash.String(t.seed, path) & uint64(len(t.byPath)-1))
}

func (t *placeTable) str(s span) string { return t.text[s.start:s.end] }

func (t *placeTable) path(i int) string { return t.str(t.rows[i].path) }

func (t *placeTable) layer(i int) int { return int(t.rows[i].layer) }

// parentPath is the path of place i's parent, "" for a top place.
func (t *placeTable) parentPath(i int) string {
	if p := t.rows[i].parent; p >= 0 {
		return t.path(int(p))
	}
	return ""
}

// names lists place i's names, the last element of its path first.
func (t *placeTable) names(i int) []span { return t.list(t.rows[i].names) }

// allNames lists place i's names, then its former names.
func (t *placeTable) allNames(i int) []span {
	r := t.rows[i]
	return t.list(span{r.names.start, r.former.end})
}

func (t *placeTable) abbreviations(i int) []span { return t.list(t.rows[i].abbreviations) }

func (t *placeTable) list(s span) []span { return t.lists[s.start:s.end:s.end] }

// find returns the row of a path.
func (t *placeTable) find(path string) (int, bool) {
	for k := t.slot(path); ; k = (k + 1) % len(t.byPath) {
		switch i := int(t.byPath[k]); {
		case i < 0:
			return -1, false
		case t.path(i) == path:
			return i, true
		}
	}
}

// place is place i as a Place of its own, which the caller may change.
func (t *placeTable) place(i int) Place {
	r := t.rows[i]
	return Place{
		Path: t.path(i), Parent: t.parentPath(i), Level: t.levels[r.level], Code: t.str(r.code),
		Names: t.strings(r.names), Abbreviations: t.strings(r.abbreviations), Former: t.strings(r.former),
	}
}

// strings is a span of lists as strings; nil when it is empty, as a Place
// has it.
func (t *placeTable) strings(s span) []string {
	if s.start == s.end {
		return nil
	}
	out := make([]string, 0, s.end-s.start)
	for _, n := range t.list(s) {
		out = append(out, t.str(n))
	}
	return out
}
