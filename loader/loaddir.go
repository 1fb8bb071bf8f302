package loader

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

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
	Links   []FollowedLink
	// Duplicates are files not loaded because an earlier file of the load
	// holds the same text, read the same way.
	Duplicates []DuplicateFile

	// registry is the Digest of the registry the files were read with, and
	// texts what each file loaded held: what a later load of the folder
	// needs to tell which files it may take from this one (FSOptions).
	registry string
	texts    map[string]textKey
}

// DuplicateFile is a file with the same text as an earlier one, Of.
type DuplicateFile struct {
	File string
	Of   string
}

// MaxLoadDocuments is the most document files one load reads. The
// million-task corpus of BENCHMARKS.md is 7,141 plans, about 0.9 GB live in
// the memory store; 20,000 leaves room for nearly three times that, and a
// volume holding more is refused before anything loads rather than
// filling the server's memory.
const MaxLoadDocuments = 20_000

// FollowedLink is a symlink LoadFS followed, and where it leads.
type FollowedLink struct {
	File   string
	Target string
}

// SkippedFile is a file or directory LoadFS did not read, and why.
type SkippedFile struct {
	File   string
	Reason string
}

// LoadedFile is a document loaded into the store.
type LoadedFile struct {
	File string
	// ID is the store's ID of the document (graph.Batch.DocumentID).
	ID string
	// SHA256 is the hex digest of the file as read, when LoadFS read it.
	SHA256       string
	Kind         DocumentKind
	Jurisdiction string
	Year         int
	Sections     int
	Tasks        int
	Warnings     []Warning
	// ReplacedBy is a later file of the same load holding another text of
	// the same document, which replaced this one in the store.
	ReplacedBy string
}

// FailedFile is a document that could not be parsed or loaded; nothing of
// it is in the store.
type FailedFile struct {
	File string
	Err  error
}

// Tasks is the number of tasks the load left in the store: a document
// loaded from several files counts once.
func (s LoadSummary) Tasks() int {
	n := 0
	for _, f := range s.Loaded {
		if f.ReplacedBy == "" {
			n += f.Tasks
		}
	}
	return n
}

// LoadFS parses and loads every document (text and HTML pages, and the
// attachments of IsDocumentFile, at any depth) in fsys, in name order. A file that fails to parse or load is
// reported in the summary's Failed list with its name and error, the other
// files still load, and nothing already loaded is lost. Every other file
// and directory (hidden, unreadable, of another kind) is listed in Skipped
// with the reason, but the registry files and the manifest beside the
// documents. Symlinks are followed and listed in Links. A file with the
// same text as an earlier one is listed in Duplicates and not loaded again;
// a later text of the same document replaces the earlier, which says so
// (LoadedFile.ReplacedBy), so that Tasks counts what the store holds. A
// manifest.yaml at the root of fsys gives documents a year or jurisdiction
// they do not state (see ManifestFile); a mistake in it is an error, and
// nothing loads.
//
// Files are parsed (and their batches built) by a pool of one worker per
// CPU (see LoadFSWith), a few files ahead of the loading, while the
// documents go into the store one at a time in name order: the result is
// the same as loading them one by one.
//
// The error is non-nil when any file failed (it joins their errors), when
// fsys holds no document at all or more than MaxLoadDocuments, when fsys or
// its manifest cannot be read, or when ctx ends; in every case the summary tells what was loaded before.
func LoadFS(ctx context.Context, s graph.Writer, fsys fs.FS, reg *registry.Registry) (LoadSummary, error) {
	return LoadFSWith(ctx, s, fsys, reg, FSOptions{})
}

// FSOptions are what a reload of a folder beside a server's requests
// changes in LoadFS.
type FSOptions struct {
	// Workers is how many files are parsed at once; < 1 is one per CPU, as
	// LoadFS. A reload beside requests parses on fewer, so that a request
	// finds a CPU free.
	Workers int
	// Earlier is the summary of an earlier load of the same folder, and
	// Batch gives the batch a store holds of a document of that load (f as
	// Earlier lists it), or false when it holds none or another text of it.
	// A file that holds the same text as then, with the same manifest
	// entry, read with a registry of the same Digest, is not parsed again:
	// its batch and summary are taken from there, as parsing would give
	// them again. Adding one plan to a folder of a million tasks then
	// parses one file instead of seven thousand.
	Earlier LoadSummary
	Batch   func(f LoadedFile) (*graph.Batch, bool)
}

// earlier is what a load may take from an earlier one (FSOptions): by
// file, what the earlier load said of it and what it held; none when the
// registry differs.
type earlier struct {
	batch func(f LoadedFile) (*graph.Batch, bool)
	files map[string]LoadedFile
	texts map[string]textKey
}

func newEarlier(opts FSOptions, reg *registry.Registry) earlier {
	if opts.Batch == nil || reg == nil || opts.Earlier.registry != reg.Digest() {
		return earlier{}
	}
	e := earlier{batch: opts.Batch, files: make(map[string]LoadedFile, len(opts.Earlier.Loaded)), texts: opts.Earlier.texts}
	for _, f := range opts.Earlier.Loaded {
		if f.ReplacedBy == "" {
			e.files[f.File] = f
		}
	}
	return e
}

// take is file as the earlier load gave it, if it held text then too and
// the store still holds its batch.
func (e earlier) take(file string, text textKey) (prepared, bool) {
	f, ok := e.files[file]
	if !ok || e.texts[file] != text {
		return prepared{}, false
	}
	b, ok := e.batch(f)
	return prepared{read: true, text: text, file: f, batch: b}, ok
}

// LoadFSWith is LoadFS as opts say.
func LoadFSWith(ctx context.Context, s graph.Writer, fsys fs.FS, reg *registry.Registry, opts FSOptions) (LoadSummary, error) {
	if opts.Workers < 1 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	sum := LoadSummary{texts: map[string]textKey{}}
	if reg != nil {
		sum.registry = reg.Digest()
	}
	files, skipped, links, err := documentFiles(fsys)
	sum.Skipped, sum.Links = skipped, links
	if err != nil {
		return sum, err
	}
	if len(files) == 0 {
		return sum, fmt.Errorf("no documents (%s) to load: %w", strings.Join(readExtensions(), ", "), fs.ErrNotExist)
	}
	if len(files) > MaxLoadDocuments {
		return sum, fmt.Errorf("%d documents, more than the %d one load takes: nothing loaded (load the folders one by one)", len(files), MaxLoadDocuments)
	}
	manifest, err := ReadManifest(fsys)
	if err != nil {
		return sum, err
	}
	ahead := parseAhead(ctx, fsys, files, reg, manifest, opts.Workers, newEarlier(opts, reg))
	defer ahead.stop()
	var errs []error
	seen := map[textKey]string{} // → the first file with that text
	loadedAt := map[string]int{} // document ID → its entry in sum.Loaded
	for i, name := range files {
		if err := ctx.Err(); err != nil {
			return sum, fmt.Errorf("loading stopped before %s: %w", name, err)
		}
		p := ahead.take(ctx, i)
		if p.read {
			if first, ok := seen[p.text]; ok {
				sum.Duplicates = append(sum.Duplicates, DuplicateFile{File: name, Of: first})
				continue
			}
			seen[p.text] = name
		}
		err := p.err
		if err == nil {
			err = storeBatch(ctx, s, name, p.batch)
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
		f := p.file
		if j, ok := loadedAt[f.ID]; ok {
			sum.Loaded[j].ReplacedBy = name
		}
		loadedAt[f.ID] = len(sum.Loaded)
		f.SHA256 = hex.EncodeToString(p.text.sum[:])
		sum.Loaded = append(sum.Loaded, f)
		sum.texts[name] = p.text
	}
	if len(errs) > 0 {
		return sum, fmt.Errorf("%d of %d documents failed to load: %w", len(errs), len(files), errors.Join(errs...))
	}
	return sum, nil
}

// prepared is a file parsed and turned into its batch (or taken from an
// earlier load), or why it could not be; a copy of an earlier file's text
// is read, not parsed.
type prepared struct {
	read  bool // text is known
	text  textKey
	file  LoadedFile // what the summary says of it
	batch *graph.Batch
	err   error
}

// textKey tells files apart by what they hold, how it is decoded (by
// extension) and what is given about them: two files alike in all three
// are one document.
type textKey struct {
	sum   [sha256.Size]byte
	ext   string
	given Overrides
}

// documentID is the store's ID of the document doc is.
func documentID(doc *Document) string {
	if doc.Kind == KindReport {
		return graph.ReportID(doc.Jurisdiction, doc.Year)
	}
	return graph.PlanID(doc.Jurisdiction, doc.Year)
}

// pipeline parses files and builds their batches on a worker per CPU, a
// few files ahead of the loading, which takes them in order.
type pipeline struct {
	done  []chan prepared // file i's result, once parsed
	slots chan struct{}   // one per file parsed and not yet taken
	stop  context.CancelFunc

	mu sync.Mutex
	// firstOf is the first file read of each text: a later file with the
	// same text is not parsed, LoadFS lists it as a duplicate.
	firstOf map[textKey]int
}

// isCopy records that file i holds text and reports whether an earlier
// file holds it too.
func (p *pipeline) isCopy(text textKey, i int) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if j, ok := p.firstOf[text]; ok && j < i {
		return true
	}
	p.firstOf[text] = i
	return false
}

func parseAhead(ctx context.Context, fsys fs.FS, files []string, reg *registry.Registry, manifest Manifest, workers int, before earlier) *pipeline {
	ps := NewParser(reg)
	ctx, cancel := context.WithCancel(ctx)
	p := &pipeline{done: make([]chan prepared, len(files)), slots: make(chan struct{}, 2*workers), stop: cancel, firstOf: map[textKey]int{}}
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
				r := prepared{read: true}
				given := manifest.For(files[i])
				var data []byte
				data, r.err = readFile(fsys, files[i])
				if r.err == nil {
					r.text = textKey{sum: sha256.Sum256(data), ext: strings.ToLower(path.Ext(files[i])), given: given}
					if p.isCopy(r.text, i) {
						p.done[i] <- r
						continue
					}
					if taken, ok := before.take(files[i], r.text); ok {
						p.done[i] <- taken
						continue
					}
					var doc *Document
					if doc, r.err = ps.ParseWith(bytes.NewReader(data), files[i], given); r.err == nil {
						r.file = Summarize(doc)
						r.batch, r.err = buildBatch(doc, reg, ps.res)
					}
				} else {
					r.read = false
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

// documentFiles lists the document files of fsys in name order, the files
// and directories it skips, and the symlinks it follows. Symlinks to files
// and folders are followed, as Kubernetes mounts a ConfigMap (every
// document a link into a hidden ..data folder); a link back to a folder it
// is in is skipped as a loop. A folder that cannot be read is skipped (a
// root-owned lost+found on a volume must not stop a server), but the root.
func documentFiles(fsys fs.FS) (files []string, skipped []SkippedFile, links []FollowedLink, err error) {
	root, err := fs.Stat(fsys, ".")
	if err == nil {
		w := folderWalk{fsys: fsys}
		err = w.walk(".", []fs.FileInfo{root})
		files, skipped, links = w.files, w.skipped, w.links
	}
	if err != nil {
		return nil, skipped, links, fmt.Errorf("list documents: %w", err)
	}
	return files, skipped, links, nil
}

// maxFolderDepth bounds how deep a walk goes: where a file system cannot
// tell two folders are one (os.SameFile knows only the operating system's),
// a symlink loop stops here.
const maxFolderDepth = 40

// folderWalk is documentFiles' walk and what it found.
type folderWalk struct {
	fsys    fs.FS
	files   []string
	skipped []SkippedFile
	links   []FollowedLink
}

// walk lists dir's entries in name order (fs.ReadDir sorts them), going
// into each folder as it meets it; ancestors are dir and the folders
// above it.
func (w *folderWalk) walk(dir string, ancestors []fs.FileInfo) error {
	entries, err := fs.ReadDir(w.fsys, dir)
	if err != nil {
		if dir == "." {
			return err
		}
		w.skip(dir, "unreadable: "+pathErrorCause(err))
		return nil
	}
	for _, e := range entries {
		name := path.Join(dir, e.Name())
		info, linked, err := w.resolve(name, e)
		if err != nil {
			w.skip(name, "unreadable: "+pathErrorCause(err))
			continue
		}
		hidden := strings.HasPrefix(e.Name(), ".")
		switch {
		case info.IsDir() && hidden:
			w.skip(name, "hidden directory")
			continue
		case hidden:
			w.skip(name, "hidden file")
			continue
		}
		if info.IsDir() {
			if i := slices.IndexFunc(ancestors, func(a fs.FileInfo) bool { return os.SameFile(a, info) }); i >= 0 {
				w.skip(name, "symlink loop: leads back to "+ancestorName(name, len(ancestors)-i))
				continue
			}
			if len(ancestors) > maxFolderDepth {
				w.skip(name, fmt.Sprintf("deeper than %d folders (a symlink loop?)", maxFolderDepth))
				continue
			}
		}
		if linked != "" {
			w.links = append(w.links, FollowedLink{File: name, Target: linked})
		}
		switch {
		case info.IsDir():
			if err := w.walk(name, append(ancestors, info)); err != nil {
				return err
			}
		case !info.Mode().IsRegular():
			w.skip(name, "not a regular file")
		case dir == "." && registryFiles[e.Name()]:
		default:
			if why := skipReason(name); why != "" {
				w.skip(name, why)
			} else {
				w.files = append(w.files, name)
			}
		}
	}
	return nil
}

// resolve is what entry name is, through its symlink if it is one, and the
// link's target ("" when it is no link).
func (w *folderWalk) resolve(name string, e fs.DirEntry) (info fs.FileInfo, linked string, err error) {
	if e.Type()&fs.ModeSymlink == 0 {
		info, err = e.Info()
		return info, "", err
	}
	if info, err = fs.Stat(w.fsys, name); err != nil {
		return nil, "", err
	}
	if linked, err = fs.ReadLink(w.fsys, name); err != nil {
		return nil, "", err
	}
	return info, linked, nil
}

func (w *folderWalk) skip(name, reason string) {
	w.skipped = append(w.skipped, SkippedFile{File: name, Reason: reason})
}

// ancestorName is the folder up levels above name: "." at the root.
func ancestorName(name string, up int) string {
	for range up {
		name = path.Dir(name)
	}
	return name
}

// pathErrorCause is err without the path a *fs.PathError repeats.
func pathErrorCause(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return err.Error()
}

// readFile reads the file name as Parse would: no more than maxInput+1
// bytes, so that Parse refuses a larger one without it filling memory.
func readFile(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := readInput(f)
	if err != nil {
		return nil, &ParseError{File: name, Msg: "read: " + err.Error(), Err: err}
	}
	return data, nil
}

// Summarize says what loading doc put in the store.
func Summarize(doc *Document) LoadedFile {
	return LoadedFile{
		File: doc.File, ID: documentID(doc), Kind: doc.Kind, Jurisdiction: doc.Jurisdiction, Year: doc.Year,
		Sections: len(doc.Sections), Tasks: doc.TaskCount(), Warnings: doc.Warnings,
	}
}
