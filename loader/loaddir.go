package loader

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"strings"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/loader/attach"
	"github.com/dutygraph/dutygraph/registry"
)

// documentExtensions are the files LoadFS reads as documents.
var documentExtensions = map[string]bool{".txt": true, ".htm": true, ".html": true}

// registryFiles are the files a folder of documents holds beside them that
// are read, not skipped.
var registryFiles = map[string]bool{registry.UnitsFile: true, registry.JurisdictionsFile: true, ManifestFile: true}

// IsDocumentFile reports whether LoadFS would read a file of this name:
// text and HTML pages, and the attachments package attach recognises (those
// it cannot read itself are skipped with how to convert them).
func IsDocumentFile(name string) bool {
	return documentExtensions[strings.ToLower(path.Ext(name))] || attach.IsAttachment(name)
}

// skipReason says why LoadFS does not read a file of this name, or ""
// when it does.
func skipReason(name string) string {
	if IsDocumentFile(name) {
		return ""
	}
	return "not a document (dutygraph reads " + strings.Join(readExtensions(), ", ") + ")"
}

// readExtensions lists the extensions LoadFS reads, in order.
func readExtensions() []string {
	exts := slices.Concat(slices.Collect(maps.Keys(documentExtensions)), attach.Extensions)
	slices.Sort(exts)
	return exts
}

// LoadSummary says what LoadFS did with each document file.
type LoadSummary struct {
	Loaded  []LoadedFile
	Failed  []FailedFile
	Skipped []SkippedFile
}

// SkippedFile is a file or directory LoadFS did not read, and why.
type SkippedFile struct {
	File   string
	Reason string
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

// LoadFS parses and loads every document (text and HTML pages, and the
// attachments of IsDocumentFile, at any depth) in fsys, in name order. A file that fails to parse or load is
// reported in the summary's Failed list with its name and error, the other
// files still load, and nothing already loaded is lost. Every other file
// and directory (hidden, unreadable, of another kind) is listed in Skipped
// with the reason, but the registry files and the manifest beside the
// documents. A manifest.yaml at the root of fsys gives documents a year or
// jurisdiction they do not state (see ManifestFile); a mistake in it is an
// error, and nothing loads.
//
// Files are parsed (and their batches built) by a pool of one worker per
// CPU, a few files ahead of the loading, while the documents go into the
// store one at a time in name order: the result is the same as loading them
// one by one.
//
// The error is non-nil when any file failed (it joins their errors), when
// fsys holds no document at all, when fsys or its manifest cannot be read,
// or when ctx ends; in every case the summary tells what was loaded before.
func LoadFS(ctx context.Context, s graph.Writer, fsys fs.FS, reg *registry.Registry) (LoadSummary, error) {
	var sum LoadSummary
	files, skipped, err := documentFiles(fsys)
	sum.Skipped = skipped
	if err != nil {
		return sum, err
	}
	if len(files) == 0 {
		return sum, fmt.Errorf("no documents (%s) to load: %w", strings.Join(readExtensions(), ", "), fs.ErrNotExist)
	}
	manifest, err := ReadManifest(fsys)
	if err != nil {
		return sum, err
	}
	ahead := parseAhead(ctx, fsys, files, reg, manifest)
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
			if unsupported := (*attach.UnsupportedError)(nil); errors.As(err, &unsupported) {
				// A .doc or .xls beside the plans is not a failure of
				// the folder: it is listed with how to convert it.
				sum.Skipped = append(sum.Skipped, SkippedFile{File: name, Reason: unsupported.Error()})
				continue
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

func parseAhead(ctx context.Context, fsys fs.FS, files []string, reg *registry.Registry, manifest Manifest) *pipeline {
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
				r.doc, r.err = parseFile(fsys, files[i], ps, manifest.For(files[i]))
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
// walks in lexical order), and the files and directories it skips.
func documentFiles(fsys fs.FS) (files []string, skipped []SkippedFile, err error) {
	err = fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if name == "." {
				return err
			}
			// A directory that cannot be read is skipped, not fatal.
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			skipped = append(skipped, SkippedFile{File: name, Reason: "unreadable: " + err.Error()})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		hidden := name != "." && strings.HasPrefix(d.Name(), ".")
		switch {
		case d.IsDir() && hidden:
			skipped = append(skipped, SkippedFile{File: name, Reason: "hidden directory"})
			return fs.SkipDir
		case d.IsDir():
		case hidden:
			skipped = append(skipped, SkippedFile{File: name, Reason: "hidden file"})
		case !d.Type().IsRegular():
			skipped = append(skipped, SkippedFile{File: name, Reason: "not a regular file"})
		case name == d.Name() && registryFiles[name]:
		default:
			if why := skipReason(name); why != "" {
				skipped = append(skipped, SkippedFile{File: name, Reason: why})
			} else {
				files = append(files, name)
			}
		}
		return nil
	})
	if err != nil {
		return nil, skipped, fmt.Errorf("list documents: %w", err)
	}
	return files, skipped, nil
}

func parseFile(fsys fs.FS, name string, ps *Parser, given Overrides) (*Document, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ps.ParseWith(f, name, given)
}

// Summarize says what loading doc put in the store.
func Summarize(doc *Document) LoadedFile {
	return LoadedFile{
		File: doc.File, Kind: doc.Kind, Jurisdiction: doc.Jurisdiction, Year: doc.Year,
		Sections: len(doc.Sections), Tasks: doc.TaskCount(), Warnings: doc.Warnings,
	}
}
