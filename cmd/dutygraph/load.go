package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/loader"
)

var loadCommand = command{
	name:    "load",
	summary: "parse plans and work reports and load them into the store",
	run:     runLoad,
}

// runLoad is `dutygraph load [flags] FILE|DIR...`. Each document loads
// whole or not at all; one that fails is named with its error and the others
// still load, and the command then fails so that scripts notice. Every file
// of a folder not read is listed with the reason.
func runLoad(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("load", flag.ContinueOnError)
	fl.SetOutput(stderr)
	regDir := registryFlag(fl, "the folder's (a file's: the one it is in) own units.yaml and jurisdictions.yaml when it has them, else the registry bundled in the binary")
	given := givenFlags(fl)
	var sc storeConfig
	sc.addFlags(fl)
	fl.Usage = func() {
		fmt.Fprintln(stderr, "Usage: dutygraph load [--store memory|neo4j] [--year N] [--jurisdiction PLACE] [flags] FILE|DIR...")
		fmt.Fprintln(stderr, "\nParses plans and work reports and loads them into the store. A directory is")
		fmt.Fprintln(stderr, "read whole, at any depth: text and HTML pages, .docx, .xlsx and .pdf (through")
		fmt.Fprintln(stderr, "pdftotext); .doc, .wps and .xls are listed as skipped with how to convert them,")
		fmt.Fprintln(stderr, "and so is every other file, with why. A year or place a document does not state comes from --year")
		fmt.Fprintln(stderr, "and --jurisdiction (one file), or from the "+loader.ManifestFile+" of its folder. Loading a")
		fmt.Fprintln(stderr, "document again changes nothing. With the memory store (the default) nothing")
		fmt.Fprintln(stderr, "outlives the command, so `load` only checks that the documents load; use --store")
		fmt.Fprintln(stderr, "neo4j to keep them.")
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
	if err := checkGiven("load", *given, paths); err != nil {
		return err
	}
	regs, err := newRegistries(*regDir)
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	log := newLogger(stderr)
	store, closeStore, err := openStore(ctx, sc, log)
	if err != nil {
		return err
	}
	defer closeLogged(log, closeStore)()
	core := duty.New(store)

	var total loadTally
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		total.add(loadPath(ctx, log, core, regs, *given, p, stdout, stderr))
	}
	fmt.Fprintf(stdout, "loaded %d documents, %d tasks, %d warnings", total.loaded, total.tasks, total.warnings)
	if total.failed > 0 {
		fmt.Fprintf(stdout, "; %d failed", total.failed)
	}
	if total.skipped > 0 {
		fmt.Fprintf(stdout, "; %d files skipped", total.skipped)
	}
	if total.duplicates > 0 {
		fmt.Fprintf(stdout, "; %d duplicates counted once", total.duplicates)
	}
	if total.links > 0 {
		fmt.Fprintf(stdout, "; %d symlinks followed", total.links)
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

// loadTally adds up what load did.
type loadTally struct{ loaded, failed, skipped, duplicates, links, tasks, warnings int }

func (t *loadTally) add(u loadTally) {
	t.loaded += u.loaded
	t.failed += u.failed
	t.skipped += u.skipped
	t.duplicates += u.duplicates
	t.links += u.links
	t.tasks += u.tasks
	t.warnings += u.warnings
}

// loadPath loads one file or directory with the registry of the folder it
// is (a file) or that it is (a directory), printing each document loaded,
// each symlink followed, each duplicate and each file skipped to stdout and
// each failure to stderr. A document loaded from several files of the
// folder counts once.
func loadPath(ctx context.Context, log *slog.Logger, core *duty.Core, regs *registries, given loader.Overrides, path string, stdout, stderr io.Writer) loadTally {
	info, err := os.Stat(path)
	if err != nil {
		fmt.Fprintln(stderr, "dutygraph:", err)
		return loadTally{failed: 1}
	}
	dir := filepath.Dir(path)
	if info.IsDir() {
		dir = path
	}
	rf, err := regs.forDir(dir)
	if err != nil {
		fmt.Fprintf(stderr, "dutygraph: %s: %v\n", path, err)
		return loadTally{failed: 1}
	}
	log.Info("registry", "documents", path, "files", strings.Join(rf.files, ", "))
	var sum loader.LoadSummary
	if info.IsDir() {
		sum, err = core.Load(ctx, duty.Corpus{Docs: os.DirFS(path), Registry: rf.reg})
		if err != nil && len(sum.Failed) == 0 {
			// Nothing to load, a bad manifest, or the directory unreadable.
			printSkipped(stdout, path, sum.Skipped)
			fmt.Fprintf(stderr, "dutygraph: %s: %v\n", path, inFolder(path, err))
			return loadTally{failed: 1, skipped: len(sum.Skipped)}
		}
	} else {
		sum = loadFile(ctx, core.Store(), rf, given, path)
	}
	t := loadTally{skipped: len(sum.Skipped), duplicates: len(sum.Duplicates), links: len(sum.Links), tasks: sum.Tasks()}
	for _, l := range sum.Links {
		fmt.Fprintf(stdout, "%s: symlink to %s, followed\n", filepath.Join(path, l.File), l.Target)
	}
	for _, f := range sum.Loaded {
		name := f.File
		if info.IsDir() {
			name = filepath.Join(path, f.File)
		}
		fmt.Fprintf(stdout, "%s: %s of %s %d, %d sections, %d tasks", name, f.Kind, f.Jurisdiction, f.Year, f.Sections, f.Tasks)
		if f.ReplacedBy != "" {
			fmt.Fprintf(stdout, " (replaced by %s, another text of the document)", filepath.Join(path, f.ReplacedBy))
		} else {
			t.loaded++
		}
		fmt.Fprintln(stdout)
		printWarnings(stdout, name, f.Warnings)
		t.warnings += len(f.Warnings)
	}
	for _, d := range sum.Duplicates {
		fmt.Fprintf(stdout, "%s: not loaded: the same text as %s\n", filepath.Join(path, d.File), filepath.Join(path, d.Of))
	}
	printSkipped(stdout, path, sum.Skipped)
	for _, f := range sum.Failed {
		fmt.Fprintln(stderr, "dutygraph:", failureMessage(path, info.IsDir(), f))
		t.failed++
	}
	return t
}

// printSkipped lists the files of dir a load did not read, and why.
func printSkipped(w io.Writer, dir string, skipped []loader.SkippedFile) {
	for _, s := range skipped {
		fmt.Fprintf(w, "%s: skipped: %s\n", filepath.Join(dir, s.File), s.Reason)
	}
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

// loadFile parses and loads one file given by name, whatever its extension,
// with what is given about it (its manifest entry, then flags).
func loadFile(ctx context.Context, store graph.Writer, rf registryInForce, flags loader.Overrides, name string) loader.LoadSummary {
	given, err := givenFor(name, flags)
	var doc *loader.Document
	if err == nil {
		doc, err = parseWith(rf.parser, name, given)
	}
	if err == nil {
		err = loader.Load(ctx, store, doc, rf.reg)
	}
	if err != nil {
		return loader.LoadSummary{Failed: []loader.FailedFile{{File: name, Err: err}}}
	}
	return loader.LoadSummary{Loaded: []loader.LoadedFile{loader.Summarize(doc)}}
}

// parseWith parses the file name with ps and what is given about it.
func parseWith(ps *loader.Parser, name string, given loader.Overrides) (*loader.Document, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ps.ParseWith(f, name, given)
}
