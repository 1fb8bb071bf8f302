package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/loader"
	"github.com/dutygraph/dutygraph/registry"
	"github.com/dutygraph/dutygraph/seeds"
)

var loadCommand = command{
	name:    "load",
	summary: "parse plans and work reports and load them into the store",
	run:     runLoad,
}

// runLoad is `dutygraph load [flags] FILE|DIR...`. Each document loads
// whole or not at all; one that fails is named with its error and the others
// still load, and the command then fails so that scripts notice.
func runLoad(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("load", flag.ContinueOnError)
	fl.SetOutput(stderr)
	regDir := registryFlag(fl, "a directory's own units.yaml and jurisdictions.yaml when it has them, else the registry bundled in the binary")
	var sc storeConfig
	sc.addFlags(fl)
	fl.Usage = func() {
		fmt.Fprintln(stderr, "Usage: dutygraph load [--store memory|neo4j] [flags] FILE|DIR...")
		fmt.Fprintln(stderr, "\nParses plans and work reports and loads them into the store. A directory is")
		fmt.Fprintln(stderr, "read whole (*.txt, *.htm, *.html at any depth). Loading a document again")
		fmt.Fprintln(stderr, "changes nothing. With the memory store (the default) nothing outlives the")
		fmt.Fprintln(stderr, "command, so `load` only checks that the documents load; use --store neo4j to")
		fmt.Fprintln(stderr, "keep them.")
		fmt.Fprintln(stderr, "\nFlags:")
		fl.PrintDefaults()
	}
	paths, proceed, err := parseArgs(fl, args)
	if !proceed {
		return err
	}
	if len(paths) == 0 {
		fl.Usage()
		return usageError{"load: no files or directories given"}
	}
	reg, err := loadRegistry(*regDir, seeds.FS)
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	log := newLogger(stderr)
	store, closeStore, err := openStore(ctx, sc, log)
	if err != nil {
		return err
	}
	defer closeLogged(log, closeStore)()

	var total loadTally
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		pathReg, err := ownRegistry(p, *regDir == "", reg)
		if err != nil {
			fmt.Fprintf(stderr, "dutygraph: %s: %v\n", p, err)
			total.failed++
			continue
		}
		total.add(loadPath(ctx, store, pathReg, p, stdout, stderr))
	}
	fmt.Fprintf(stdout, "loaded %d documents, %d tasks, %d warnings", total.loaded, total.tasks, total.warnings)
	if total.failed > 0 {
		fmt.Fprintf(stdout, "; %d failed", total.failed)
	}
	fmt.Fprintln(stdout)
	if err := ctx.Err(); err != nil {
		return err
	}
	if total.failed > 0 {
		return fmt.Errorf("load: %d of %d documents failed", total.failed, total.failed+total.loaded)
	}
	return nil
}

// ownRegistry is the registry a directory brings (its units.yaml and
// jurisdictions.yaml, as `dutygraph gen` writes them and `serve --seeds`
// reads them) unless --registry was given; otherwise reg.
func ownRegistry(path string, mayOwn bool, reg *registry.Registry) (*registry.Registry, error) {
	if !mayOwn {
		return reg, nil
	}
	if _, err := os.Stat(filepath.Join(path, registry.UnitsFile)); err != nil {
		return reg, nil
	}
	return loadRegistry(path, nil)
}

// loadTally adds up what load did.
type loadTally struct{ loaded, failed, tasks, warnings int }

func (t *loadTally) add(u loadTally) {
	t.loaded += u.loaded
	t.failed += u.failed
	t.tasks += u.tasks
	t.warnings += u.warnings
}

// loadPath loads one file or directory, printing each document loaded to
// stdout and each failure to stderr.
func loadPath(ctx context.Context, store graph.Store, reg *registry.Registry, path string, stdout, stderr io.Writer) loadTally {
	info, err := os.Stat(path)
	if err != nil {
		fmt.Fprintln(stderr, "dutygraph:", err)
		return loadTally{failed: 1}
	}
	var sum loader.LoadSummary
	if info.IsDir() {
		sum, err = loader.LoadFS(ctx, store, os.DirFS(path), reg)
		if err != nil && len(sum.Loaded) == 0 && len(sum.Failed) == 0 {
			// Nothing to load, or the directory unreadable.
			fmt.Fprintf(stderr, "dutygraph: %s: %v\n", path, err)
			return loadTally{failed: 1}
		}
	} else {
		sum = loadFile(ctx, store, reg, path)
	}
	var t loadTally
	for _, f := range sum.Loaded {
		name := f.File
		if info.IsDir() {
			name = filepath.Join(path, f.File)
		}
		fmt.Fprintf(stdout, "%s: %s of %s %d, %d sections, %d tasks\n", name, f.Kind, f.Jurisdiction, f.Year, f.Sections, f.Tasks)
		printWarnings(stdout, name, f.Warnings)
		t.loaded++
		t.tasks += f.Tasks
		t.warnings += len(f.Warnings)
	}
	for _, f := range sum.Failed {
		fmt.Fprintln(stderr, "dutygraph:", failureMessage(path, info.IsDir(), f))
		t.failed++
	}
	return t
}

// failureMessage names the failed file by the path the user gave (the
// loader's own message names it relative to the directory).
func failureMessage(dir string, isDir bool, f loader.FailedFile) string {
	name := f.File
	if isDir {
		name = filepath.Join(dir, f.File)
	}
	return fmt.Sprintf("%s: not loaded: %v", name, f.Err)
}

// loadFile parses and loads one file given by name, whatever its extension.
func loadFile(ctx context.Context, store graph.Store, reg *registry.Registry, name string) loader.LoadSummary {
	doc, err := parseFile(name, reg)
	if err == nil {
		err = loader.Load(ctx, store, doc, reg)
	}
	if err != nil {
		return loader.LoadSummary{Failed: []loader.FailedFile{{File: name, Err: err}}}
	}
	return loader.LoadSummary{Loaded: []loader.LoadedFile{loader.Summarize(doc)}}
}
