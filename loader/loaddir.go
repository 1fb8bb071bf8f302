package loader

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"strings"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/registry"
)

// documentExtensions are the files LoadFS reads as documents; anything else
// (the registry's YAML, golden files, notes) is left alone.
var documentExtensions = map[string]bool{".txt": true, ".htm": true, ".html": true}

// IsDocumentFile reports whether LoadFS would read a file of this name.
func IsDocumentFile(name string) bool {
	return documentExtensions[strings.ToLower(path.Ext(name))]
}

// LoadSummary says what LoadFS did with each document file.
type LoadSummary struct {
	Loaded []LoadedFile
	Failed []FailedFile
}

// LoadedFile is a document loaded into the store.
type LoadedFile struct {
	File         string
	Kind         DocumentKind
	Jurisdiction string
	Year         int
	Sections     int
	Tasks        int
	Warnings     []Warning
}

// FailedFile is a document that could not be parsed or loaded; nothing of
// it is in the store.
type FailedFile struct {
	File string
	Err  error
}

// Tasks is the number of tasks loaded from all files.
func (s LoadSummary) Tasks() int {
	n := 0
	for _, f := range s.Loaded {
		n += f.Tasks
	}
	return n
}

// LoadFS parses and loads every document (*.txt, *.htm, *.html, at any
// depth, hidden directories skipped) in fsys, in name order. A file that
// fails to parse or load is reported in the summary's Failed list with its
// name and error, the other files still load, and nothing already loaded is
// lost.
//
// Files are parsed (and their batches built) by a pool of one worker per
// CPU, a few files ahead of the loading, while the documents go into the
// store one at a time in name order: the result is the same as loading them
// one by one.
//
// The error is non-nil when any file failed (it joins their errors), when
// fsys holds no document at all, when fsys cannot be read, or when ctx ends;
// in every case the summary tells what was loaded before.
func LoadFS(ctx context.Context, s graph.Store, fsys fs.FS, reg *registry.Registry) (LoadSummary, error) {
	var sum LoadSummary
	files, err := documentFiles(fsys)
	if err != nil {
		return sum, err
	}
	if len(files) == 0 {
		return sum, fmt.Errorf("no documents (*.txt, *.htm, *.html) to load: %w", fs.ErrNotExist)
	}
	ahead := parseAhead(ctx, fsys, files, reg)
	defer ahead.stop()
	var errs []error
	for i, name := range files {
		if err := ctx.Err(); err != nil {
			return sum, fmt.Errorf("loading stopped before %s: %w", name, err)
		}
		p := ahead.take(ctx, i)
		err := p.err
		if err == nil {
			err = storeBatch(ctx, s, p.doc, p.batch)
		}
		if err != nil {
			if ctxErr := ctx.Err(); ctxErr != nil {
				return sum, fmt.Errorf("loading stopped at %s: %w", name, ctxErr)
			}
			sum.Failed = append(sum.Failed, FailedFile{File: name, Err: err})
			errs = append(errs, err)
			continue
		}
		sum.Loaded = append(sum.Loaded, Summarize(p.doc))
	}
	if len(errs) > 0 {
		return sum, fmt.Errorf("%d of %d documents failed to load: %w", len(errs), len(files), errors.Join(errs...))
	}
	return sum, nil
}

// prepared is a file parsed and turned into its batch, or why it could not be.
type prepared struct {
	doc   *Document
	batch *graph.Batch
	err   error
}

// pipeline parses files and builds their batches on a worker per CPU, a
// few files ahead of the loading, which takes them in order.
type pipeline struct {
	done  []chan prepared // file i's result, once parsed
	slots chan struct{}   // one per file parsed and not yet taken
	stop  context.CancelFunc
}

func parseAhead(ctx context.Context, fsys fs.FS, files []string, reg *registry.Registry) *pipeline {
	workers := runtime.GOMAXPROCS(0)
	ps := NewParser(reg)
	ctx, cancel := context.WithCancel(ctx)
	p := &pipeline{done: make([]chan prepared, len(files)), slots: make(chan struct{}, 2*workers), stop: cancel}
	for i := range p.done {
		p.done[i] = make(chan prepared, 1)
	}
	jobs := make(chan int)
	go func() {
		defer close(jobs)
		for i := range files {
			// Parsed documents waiting to load stay few: a slot is taken
			// before a file is parsed and given back when it is taken.
			select {
			case p.slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range workers {
		go func() {
			for i := range jobs {
				var r prepared
				r.doc, r.err = parseFile(fsys, files[i], ps)
				if r.err == nil {
					r.batch, r.err = buildBatch(r.doc, reg, ps.res)
				}
				p.done[i] <- r
			}
		}()
	}
	return p
}

// take waits for file i; files must be taken in order. Once ctx ends a
// file not yet parsed may never be: its result is then ctx's error.
func (p *pipeline) take(ctx context.Context, i int) prepared {
	select {
	case r := <-p.done[i]:
		<-p.slots
		return r
	case <-ctx.Done():
		return prepared{err: ctx.Err()}
	}
}

// documentFiles lists the document files of fsys in name order (WalkDir
// walks in lexical order).
func documentFiles(fsys fs.FS) ([]string, error) {
	var files []string
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() && IsDocumentFile(name) && !strings.HasPrefix(d.Name(), ".") {
			files = append(files, name)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	return files, nil
}

func parseFile(fsys fs.FS, name string, ps *Parser) (*Document, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ps.Parse(f, name)
}

// Summarize says what loading doc put in the store.
func Summarize(doc *Document) LoadedFile {
	return LoadedFile{
		File: doc.File, Kind: doc.Kind, Jurisdiction: doc.Jurisdiction, Year: doc.Year,
		Sections: len(doc.Sections), Tasks: doc.TaskCount(), Warnings: doc.Warnings,
	}
}
