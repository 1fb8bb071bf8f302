// Package corpus keeps the documents a user has loaded, so that they
// outlive the command that loaded them: `load` adds documents, `remove`
// takes them out, `list` shows them, and `serve` and `export` answer from
// them. A corpus is a set of documents, each the graph batch it
// contributes with where it came from; an Archive keeps one in a data
// directory. The graph itself is built from the batches when a command
// needs it, so a store never holds anything a document does not give.
package corpus

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/loader"
)

// Document is one loaded document: its batch and where it came from.
type Document struct {
	ID           string    `json:"id"`
	Kind         string    `json:"kind"` // plan or report
	Jurisdiction string    `json:"jurisdiction"`
	Year         int       `json:"year"`
	Tasks        int       `json:"tasks"`
	LoadedAt     time.Time `json:"loadedAt"`
	// Source is the file it was read from, as the user named it (an
	// absolute path for files on disk; a name inside the binary for the
	// bundled seeds), and SHA256 the digest of that file's bytes.
	Source string       `json:"source"`
	SHA256 string       `json:"sha256"`
	Batch  *graph.Batch `json:"batch,omitempty"`
}

// Reading is what reading a source gave: its documents, the loader's
// summary of the files, and the sources of the files that failed.
type Reading struct {
	Docs    []Document
	Summary loader.LoadSummary
	// Unread are the sources of files that could not be read or parsed:
	// the documents they held before are kept, not removed (see
	// Reconcile).
	Unread []string
}

// Read parses and builds every document of a folder as LoadFS does, without
// a store: the documents come back with their batches, their files named
// by source (the folder's name for each file) and loaded at now, as opts
// say (how many files are parsed at once, what an earlier read gives). The
// error is LoadFS's (a document that failed is not among the documents,
// the others are).
func Read(ctx context.Context, c duty.Corpus, source func(file string) string, now time.Time, opts loader.FSOptions) (Reading, error) {
	var rec recorder
	if storeBatch := opts.Batch; storeBatch != nil {
		opts.Batch = func(f loader.LoadedFile) (*graph.Batch, bool) {
			b, ok := storeBatch(f)
			if ok {
				rec.trust(b)
			}
			return b, ok
		}
	}
	sum, err := loader.LoadFSWith(ctx, &rec, c.Docs, c.Registry, opts)
	r := Reading{Summary: sum}
	for _, f := range sum.Failed {
		r.Unread = append(r.Unread, source(f.File))
	}
	for _, f := range sum.Loaded {
		if f.ReplacedBy != "" {
			continue
		}
		b := rec.batches[f.ID]
		if b == nil {
			return r, fmt.Errorf("corpus: %s: no batch recorded for %s", f.File, f.ID)
		}
		r.Docs = append(r.Docs, NewDocument(b, f, source(f.File), now))
	}
	return r, err
}

// NewDocument is the document a batch is, read from source as f says.
func NewDocument(b *graph.Batch, f loader.LoadedFile, source string, now time.Time) Document {
	return Document{
		ID: b.DocumentID(), Kind: string(f.Kind), Jurisdiction: f.Jurisdiction, Year: f.Year, Tasks: len(b.Tasks),
		LoadedAt: now, Source: source, SHA256: f.SHA256, Batch: b,
	}
}

// recorder is the graph.Writer Read gives the loader: it keeps each
// document's last batch instead of loading it anywhere. It validates the
// batches parsed, so that an invalid one fails its file rather than the
// store it is later filled into; a batch the loader took from a store
// (trusted) was validated when that store loaded it.
type recorder struct {
	mu      sync.Mutex
	batches map[string]*graph.Batch
	trusted map[*graph.Batch]bool
}

func (r *recorder) trust(b *graph.Batch) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.trusted == nil {
		r.trusted = map[*graph.Batch]bool{}
	}
	r.trusted[b] = true
}

func (r *recorder) Load(ctx context.Context, b *graph.Batch) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	r.mu.Lock()
	trusted := r.trusted[b]
	r.mu.Unlock()
	if !trusted {
		if err := b.Validate(); err != nil {
			return err
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.batches == nil {
		r.batches = map[string]*graph.Batch{}
	}
	r.batches[b.DocumentID()] = b
	return nil
}

// Fill loads documents into a store, in ID order (of two with one ID, the
// later), and lets go of each batch once loaded: docs[i].Batch is nil
// after, so that a million tasks' parsed batches are freed while the
// store fills rather than held beside it to the end. Loading is
// order-independent; the order only makes a failure reproducible.
func Fill(ctx context.Context, w graph.Writer, docs []Document) error {
	last := make(map[string]int, len(docs))
	for i, d := range docs {
		last[d.ID] = i
	}
	for _, id := range slices.Sorted(maps.Keys(last)) {
		d := &docs[last[id]]
		if err := w.Load(ctx, d.Batch); err != nil {
			return fmt.Errorf("%s (from %s): %w", id, d.Source, err)
		}
		d.Batch = nil
	}
	return nil
}
