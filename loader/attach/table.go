package attach

import (
	"strings"
)

// row is a table row read from a document, its merges resolved: each cell
// is the lines of text it holds (paragraphs, line breaks), nil for an empty
// cell.
type row struct {
	num    int
	cells  [][]string
	copied map[int]bool // cells holding the text of a cell merged down into them
}

// copyDown puts the text of a cell merged down from a row above in cell i.
func (r *row) copyDown(i int, text []string) {
	for len(r.cells) <= i {
		r.cells = append(r.cells, nil)
	}
	r.cells[i] = text
	if r.copied == nil {
		r.copied = map[int]bool{}
	}
	r.copied[i] = true
}

// filled counts the cells of r holding text of their own: a row whose only
// text is merged down from above (the lower half of a two-row title) adds
// nothing.
func (r row) filled() int {
	n := 0
	for i, c := range r.cells {
		if !r.copied[i] && cellText(c) != "" {
			n++
		}
	}
	return n
}

// cellText joins a cell's lines with a space, which the table reader takes
// as a break between unit names, and keeps a | in the text from splitting
// the row.
func cellText(lines []string) string {
	var parts []string
	for _, l := range lines {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			parts = append(parts, l)
		}
	}
	return strings.ReplaceAll(strings.Join(parts, " "), "|", "｜")
}

// table writes rows as pipe rows. Rows with a single filled cell before the
// first row of several — a title or 附件1 above the header — are plain lines,
// as a clerk reading the page sees them; so is every row of a table that
// never has two filled cells, which lays text out rather than tabulating it.
//
// Columns empty in every row, left of the table (a sheet whose table starts
// in column B), are dropped.
func (o *out) table(rows []row) error {
	lead := -1
	for _, r := range rows {
		for i, c := range r.cells {
			if cellText(c) != "" {
				if lead < 0 || i < lead {
					lead = i
				}
				break
			}
		}
	}
	header := false
	for _, r := range rows {
		if lead > 0 {
			r.cells = r.cells[min(lead, len(r.cells)):]
			shifted := map[int]bool{}
			for i := range r.copied {
				shifted[i-lead] = true
			}
			r.copied = shifted
		}
		switch n := r.filled(); {
		case n == 0:
			continue
		case n == 1 && !header:
			for i, c := range r.cells {
				if r.copied[i] {
					continue
				}
				for _, l := range c {
					if err := o.add(r.num, l); err != nil {
						return err
					}
				}
			}
			continue
		}
		header = true
		cells := make([]string, len(r.cells))
		for i, c := range r.cells {
			cells[i] = cellText(c)
		}
		for len(cells) > 0 && cells[len(cells)-1] == "" {
			cells = cells[:len(cells)-1]
		}
		if err := o.add(r.num, "| "+strings.Join(cells, " | ")+" |"); err != nil {
			return err
		}
	}
	return nil
}
