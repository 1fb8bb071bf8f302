package main

import (
	"context"
	"flag"
	"fmt"
	"hash/fnv"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dutygraph/dutygraph/corpus"
	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/loader"
)

// dataFlag declares --data, the data directory of the kept corpus.
func dataFlag(fl *flag.FlagSet) *string {
	def, err := corpus.DefaultDir()
	if err != nil {
		def = "(none: " + err.Error() + ")"
	}
	return fl.String("data", envOr("DUTYGRAPH_DATA", ""), "data directory keeping the corpus of the embedded store, shared by load, remove, list, serve and export (env DUTYGRAPH_DATA; default "+def+")")
}

// openArchive opens the archive of the data directory dir, or of the
// default one when dir is "".
func openArchive(dir string) (*corpus.Archive, error) {
	if dir == "" {
		var err error
		if dir, err = corpus.DefaultDir(); err != nil {
			return nil, err
		}
	}
	return corpus.Open(dir)
}

// keeper is where load and remove keep documents: the data directory's
// archive for the embedded store, or Neo4j, which keeps its own.
type keeper struct {
	archive    *corpus.Archive // nil with Neo4j
	store      graph.Store     // nil with the archive
	closeStore func() error
	log        *slog.Logger
}

func openKeeper(ctx context.Context, sc storeConfig, dataDir string, log *slog.Logger) (*keeper, error) {
	k := &keeper{log: log, closeStore: func() error { return nil }}
	if sc.Kind == storeNeo4j {
		var err error
		k.store, k.closeStore, err = openStore(ctx, sc, log)
		return k, err
	}
	var err error
	k.archive, err = openArchive(dataDir)
	return k, err
}

func (k *keeper) close() { closeLogged(k.log, k.closeStore)() }

// where names the keeper for messages.
func (k *keeper) where() string {
	if k.archive == nil {
		return "Neo4j"
	}
	return "the data directory (" + k.archive.Path() + ")"
}

// held lists the documents kept now.
func (k *keeper) held(ctx context.Context) ([]corpus.Document, error) {
	if k.archive == nil {
		return corpus.Held(ctx, k.store)
	}
	return k.archive.Documents(0)
}

// add adds documents, keeping the old text of any that shrank sharply
// unless force.
func (k *keeper) add(ctx context.Context, docs []corpus.Document, force bool) (corpus.Change, error) {
	old, err := k.held(ctx)
	if err != nil {
		return corpus.Change{}, err
	}
	return k.apply(ctx, corpus.Reconcile(old, corpus.With(old, docs), nil, force))
}

// remove takes documents out by ID.
func (k *keeper) remove(ctx context.Context, old []corpus.Document, ids []string) (corpus.Change, error) {
	return k.apply(ctx, corpus.Reconcile(old, corpus.Without(old, ids), nil, true))
}

func (k *keeper) apply(ctx context.Context, c corpus.Change) (corpus.Change, error) {
	if k.archive == nil {
		return c, c.Apply(ctx, k.store)
	}
	removed := make([]string, len(c.Removed))
	for i, d := range c.Removed {
		removed[i] = d.ID
	}
	return c, k.archive.Apply(slices.Concat(c.Added, c.Changed), removed)
}

// describeDocument says in one line what a document is and where it came from.
func describeDocument(d corpus.Document) string {
	return fmt.Sprintf("%s (%s of %s %d, %d tasks, from %s)", d.ID, d.Kind, d.Jurisdiction, d.Year, d.Tasks, d.Source)
}

// bundledSource names the seeds bundled in the binary as sources.
const bundledSource = "(bundled)"

// source is where serve and export take their documents from.
type source struct {
	name  string // for the log
	read  corpus.Source
	guard bool // see corpus.Served.Guard
	// version changes when the corpus does: --watch polls it.
	version func() string
}

// openSource picks the corpus serve and export answer from: a folder or
// file (--seeds), the bundled seeds for Neo4j without one, or else the data
// directory, filled from the bundled seeds on its first use. A folder's
// registry is read at once, so that a mistake in it stops the command.
func openSource(sc storeConfig, seedsPath, regDir string, given loader.Overrides, dataDir string, log *slog.Logger) (source, error) {
	bundled := func() (duty.Corpus, error) {
		set, err := openSeeds("", regDir, loader.Overrides{})
		return set.corpus, err
	}
	inBundle := func(file string) string { return path.Join(bundledSource, file) }
	if seedsPath == "" && sc.Kind == storeMemory {
		archive, err := openArchive(dataDir)
		if err != nil {
			return source{}, err
		}
		return source{
			name: archive.Path(),
			read: archive.Source(corpus.Folder(bundled, inBundle)),
			version: func() string {
				size, modified := archive.Version()
				return fmt.Sprint(size, modified.UnixNano())
			},
		}, nil
	}
	set, err := openSeeds(seedsPath, regDir, given)
	if err != nil {
		return source{}, err
	}
	log.Info("registry", "files", strings.Join(set.registryFiles, ", "))
	if seedsPath == "" {
		return source{name: bundledSource, read: corpus.Folder(bundled, inBundle), guard: true, version: func() string { return "" }}, nil
	}
	abs, err := filepath.Abs(seedsPath)
	if err != nil {
		return source{}, err
	}
	name := func(file string) string { return filepath.Join(abs, filepath.FromSlash(file)) }
	if !isDir(abs) {
		name = func(string) string { return abs }
	}
	open := func() (duty.Corpus, error) {
		set, err := openSeeds(seedsPath, regDir, given)
		return set.corpus, err
	}
	return source{name: abs, read: corpus.Folder(open, name), guard: true, version: func() string { return treeVersion(abs) }}, nil
}

func isDir(name string) bool {
	info, err := os.Stat(name)
	return err == nil && info.IsDir()
}

// treeVersion sums up the names, sizes and modification times of the files
// under root (or of root, a file): it changes when a file is added,
// removed, or written.
func treeVersion(root string) string {
	h := fnv.New64a()
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			fmt.Fprintf(h, "%s: %v\n", p, err)
			return nil
		}
		if info, err := d.Info(); err == nil && !d.IsDir() {
			fmt.Fprintf(h, "%s %d %d\n", p, info.Size(), info.ModTime().UnixNano())
		}
		return nil
	})
	return fmt.Sprintf("%x", h.Sum64())
}
