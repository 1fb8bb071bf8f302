package corpus

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/dutygraph/dutygraph/graph"
)

// Shrink is a document whose new text has lost most of its tasks: a
// truncated download or a page saved half-loaded far more often than a
// plan that really dropped its tasks. It is kept as it was, unless forced.
type Shrink struct {
	Old      Document
	NewTasks int
	NewFile  string
}

// Shrunk tells whether a document going from before to after tasks has
// lost most of them: more than half, and at least minLost.
func Shrunk(before, after int) bool {
	const minLost = 5
	return before-after >= minLost && after*2 < before
}

// Change is what replacing a corpus by another does.
type Change struct {
	// Next is the corpus to keep: the new documents, but for those Kept.
	Next    []Document
	Added   []Document
	Changed []Document // a new text (another digest) of a document held
	Removed []Document // held, and not in the new corpus
	Kept    []Shrink   // shrunk sharply, so the old text is kept
}

// Reconcile compares a corpus with what it is to become: every document of
// next (in ID order), where one that shrank sharply from old keeps its old
// text unless force. Documents of old not in next are removed, but for
// those read from a file of unread (one that failed to parse: a download
// cut short, a page saved half-loaded), which are kept unless force.
func Reconcile(old, next []Document, unread []string, force bool) Change {
	before := byID(old)
	after := byID(next)
	var c Change
	for _, id := range slices.Sorted(maps.Keys(after)) {
		d := after[id]
		prev, held := before[id]
		switch {
		case !held:
			c.Added = append(c.Added, d)
		case !force && Shrunk(prev.Tasks, d.Tasks):
			c.Kept = append(c.Kept, Shrink{Old: prev, NewTasks: d.Tasks, NewFile: d.Source})
			d = prev
		case prev.SHA256 != d.SHA256 || prev.Source != d.Source:
			c.Changed = append(c.Changed, d)
		}
		c.Next = append(c.Next, d)
	}
	for _, id := range slices.Sorted(maps.Keys(before)) {
		d := before[id]
		switch _, ok := after[id]; {
		case ok:
		case !force && slices.Contains(unread, d.Source):
			c.Kept = append(c.Kept, Shrink{Old: d, NewFile: d.Source})
			c.Next = append(c.Next, d)
		default:
			c.Removed = append(c.Removed, d)
		}
	}
	slices.SortFunc(c.Next, func(a, b Document) int { return strings.Compare(a.ID, b.ID) })
	return c
}

// Tasks counts the tasks of a corpus.
func Tasks(docs []Document) int {
	n := 0
	for _, d := range docs {
		n += d.Tasks
	}
	return n
}

func byID(docs []Document) map[string]Document {
	m := make(map[string]Document, len(docs))
	for _, d := range docs {
		m[d.ID] = d
	}
	return m
}

// Store is what applying a change to a store that keeps its own documents
// needs.
type Store interface {
	graph.Writer
	graph.Remover
}

// Apply makes a store holding the old corpus of a change hold the new
// one: it loads what was added or changed and removes what went. Each
// document changes whole; on an error the documents before it have
// changed, the others not.
func (c Change) Apply(ctx context.Context, s Store) error {
	if err := Fill(ctx, s, slices.Concat(c.Added, c.Changed)); err != nil {
		return err
	}
	for _, d := range c.Removed {
		if err := s.Remove(ctx, d.ID); err != nil {
			return fmt.Errorf("remove %s (from %s): %w", d.ID, d.Source, err)
		}
	}
	return nil
}

// withoutBatches is the change with its documents' batches left out.
func (c Change) withoutBatches() Change {
	strip := func(docs []Document) []Document {
		out := slices.Clone(docs)
		for i := range out {
			out[i].Batch = nil
		}
		return out
	}
	kept := slices.Clone(c.Kept)
	for i := range kept {
		kept[i].Old.Batch = nil
	}
	return Change{Next: strip(c.Next), Added: strip(c.Added), Changed: strip(c.Changed), Removed: strip(c.Removed), Kept: kept}
}

// With is the corpus docs with added: a document of added replaces the
// one of the same ID.
func With(docs, added []Document) []Document {
	m := byID(docs)
	for _, d := range added {
		m[d.ID] = d
	}
	return slices.SortedFunc(maps.Values(m), func(a, b Document) int { return strings.Compare(a.ID, b.ID) })
}

// Without is the corpus docs without the documents of the given IDs.
func Without(docs []Document, ids []string) []Document {
	return slices.DeleteFunc(slices.Clone(docs), func(d Document) bool { return slices.Contains(ids, d.ID) })
}
