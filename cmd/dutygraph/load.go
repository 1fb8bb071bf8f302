package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dutygraph/dutygraph/corpus"
	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/loader"
)

var loadCommand = command{
	name:    "load",
	summary: "parse plans and work reports and add them to the corpus (the data directory, or Neo4j)",
	run:     runLoad,
}

// runLoad is `dutygraph load [flags] FILE|DIR...`. Each document loads
// whole or not at all; one that fails is named with its error and the others
// still load, and the command then fails so that scripts notice. Every file
// of a folder not read is listed with the reason. What loaded is added to
// the corpus in one step: a load stopped at any point adds all of it or
// nothing.
func runLoad(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("load", flag.ContinueOnError)
	fl.SetOutput(stderr)
	regDir := registryFlag(fl, "the folder's (a file's: the one it is in) own units.yaml and jurisdictions.yaml when it has them, else the registry bundled in the binary")
	given := givenFlags(fl)
	data := dataFlag(fl)
	force := fl.Bool("force", false, "replace a document even when its new text has lost most of its tasks (without it the old text is kept, as from a truncated download)")
	var sc storeConfig
	sc.addFlags(fl)
	fl.Usage = func() {
		fmt.Fprintln(stderr, "Usage: dutygraph load [--data DIR] [--year N] [--jurisdiction PLACE] [--force] [flags] FILE|DIR...")
		fmt.Fprintln(stderr, "\nParses plans and work reports and adds them to the corpus kept in the data")
		fmt.Fprintln(stderr, "directory, which serve, export, list and remove share. A directory is read whole,")
		fmt.Fprintln(stderr, "at any depth: text and HTML pages, .docx, .xlsx and .pdf (through pdftotext);")
		fmt.Fprintln(stderr, ".doc, .wps and .xls are listed as skipped with how to convert them, and so is")
		fmt.Fprintln(stderr, "every other file, with why. A year or place a document does not state comes from")
		fmt.Fprintln(stderr, "--year and --jurisdiction (one file), or from the "+loader.ManifestFile+" of its folder.")
		fmt.Fprintln(stderr, "Loading a document again replaces it, unless its new text has lost most of its")
		fmt.Fprintln(stderr, "tasks (--force replaces it anyway). With --store neo4j the documents go into Neo4j.")
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
	if err := sc.validate(); err != nil {
		return usageError{"load: " + err.Error()}
	}
	regs, err := newRegistries(*regDir)
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	log := newLogger(stderr)

	var read []corpus.Document
	var total loadTally
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		docs, t := readPath(ctx, log, regs, *given, p, stdout, stderr)
		read = append(read, docs...)
		total.add(t)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	keeper, err := openKeeper(ctx, sc, *data, log)
	if err != nil {
		return err
	}
	defer keeper.close()
	change, err := keeper.add(ctx, read, *force)
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	for _, k := range change.Kept {
		fmt.Fprintf(stdout, "%s: not loaded: it has %d tasks where %s of %s had %d; the old text is kept (--force replaces it)\n",
			k.NewFile, k.NewTasks, k.Old.ID, k.Old.Source, k.Old.Tasks)
		total.loaded--
		total.tasks -= k.NewTasks
		total.kept++
	}
	fmt.Fprintf(stdout, "loaded %d documents, %d tasks, %d warnings", total.loaded, total.tasks, total.warnings)
	if total.kept > 0 {
		fmt.Fprintf(stdout, "; %d shrunk and kept as they were", total.kept)
	}
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
	fmt.Fprintf(stdout, "\n%s now holds %d documents, %d tasks\n", keeper.where(), len(change.Next), corpus.Tasks(change.Next))
	if total.failed > 0 {
		return fmt.Errorf("load: %d of %d documents failed", total.failed, total.failed+total.loaded)
	}
	return nil
}

// loadTally adds up what load did.
type loadTally struct{ loaded, failed, skipped, duplicates, links, tasks, warnings, kept int }

func (t *loadTally) add(u loadTally) {
	t.loaded += u.loaded
	t.failed += u.failed
	t.skipped += u.skipped
	t.duplicates += u.duplicates
	t.links += u.links
	t.tasks += u.tasks
	t.warnings += u.warnings
}

// readPath reads one file or directory with the registry of the folder it
// is (a file) or that it is (a directory), printing each document read,
// each symlink followed, each duplicate and each file skipped to stdout and
// each failure to stderr. A document read from several files of the
// folder counts once.
func readPath(ctx context.Context, log *slog.Logger, regs *registries, given loader.Overrides, path string, stdout, stderr io.Writer) ([]corpus.Document, loadTally) {
	info, err := os.Stat(path)
	if err != nil {
		fmt.Fprintln(stderr, "dutygraph:", err)
		return nil, loadTally{failed: 1}
	}
	dir := filepath.Dir(path)
	if info.IsDir() {
		dir = path
	}
	rf, err := regs.forDir(dir)
	if err != nil {
		fmt.Fprintf(stderr, "dutygraph: %s: %v\n", path, err)
		return nil, loadTally{failed: 1}
	}
	log.Info("registry", "documents", path, "files", strings.Join(rf.files, ", "))
	var docs []corpus.Document
	var sum loader.LoadSummary
	if info.IsDir() {
		abs, err := filepath.Abs(path)
		if err != nil {
			fmt.Fprintf(stderr, "dutygraph: %s: %v\n", path, err)
			return nil, loadTally{failed: 1}
		}
		source := func(file string) string { return filepath.Join(abs, filepath.FromSlash(file)) }
		var r corpus.Reading
		r, err = corpus.Read(ctx, duty.Corpus{Docs: os.DirFS(path), Registry: rf.reg}, source, time.Now(), loader.FSOptions{})
		docs, sum = r.Docs, r.Summary
		if err != nil && len(sum.Failed) == 0 {
			// Nothing to load, a bad manifest, or the directory unreadable.
			printSkipped(stdout, path, sum.Skipped)
			fmt.Fprintf(stderr, "dutygraph: %s: %v\n", path, inFolder(path, err))
			return nil, loadTally{failed: 1, skipped: len(sum.Skipped)}
		}
	} else {
		docs, sum = readFile(rf, given, path)
	}
	t := loadTally{skipped: len(sum.Skipped), duplicates: len(sum.Duplicates), links: len(sum.Links), tasks: sum.Tasks()}
	name := func(file string) string {
		if info.IsDir() {
			return filepath.Join(path, file)
		}
		return file
	}
	for _, l := range sum.Links {
		fmt.Fprintf(stdout, "%s: symlink to %s, followed\n", name(l.File), l.Target)
	}
	for _, f := range sum.Loaded {
		fmt.Fprintf(stdout, "%s: %s of %s %d, %d sections, %d tasks", name(f.File), f.Kind, f.Jurisdiction, f.Year, f.Sections, f.Tasks)
		if f.ReplacedBy != "" {
			fmt.Fprintf(stdout, " (replaced by %s, another text of the document)", name(f.ReplacedBy))
		} else {
			t.loaded++
		}
		fmt.Fprintln(stdout)
		printWarnings(stdout, name(f.File), f.Warnings)
		t.warnings += len(f.Warnings)
	}
	for _, d := range sum.Duplicates {
		fmt.Fprintf(stdout, "%s: not loaded: the same text as %s\n", name(d.File), name(d.Of))
	}
	printSkipped(stdout, path, sum.Skipped)
	for _, f := range sum.Failed {
		fmt.Fprintf(stderr, "dutygraph: %s: not loaded: %v\n", name(f.File), f.Err)
		t.failed++
	}
	return docs, t
}

// printSkipped lists the files of dir a load did not read, and why.
func printSkipped(w io.Writer, dir string, skipped []loader.SkippedFile) {
	for _, s := range skipped {
		fmt.Fprintf(w, "%s: skipped: %s\n", filepath.Join(dir, s.File), s.Reason)
	}
}

// readFile parses one file given by name, whatever its extension, with
// what is given about it (its manifest entry, then flags), into the
// document it adds to the corpus.
func readFile(rf registryInForce, flags loader.Overrides, name string) ([]corpus.Document, loader.LoadSummary) {
	fail := func(err error) ([]corpus.Document, loader.LoadSummary) {
		return nil, loader.LoadSummary{Failed: []loader.FailedFile{{File: name, Err: err}}}
	}
	given, err := givenFor(name, flags)
	if err != nil {
		return fail(err)
	}
	doc, data, err := parseFile(rf.parser, name, given)
	if err != nil {
		return fail(err)
	}
	b, err := loader.BuildBatch(doc, rf.reg)
	if err == nil {
		err = b.Validate()
	}
	if err != nil {
		return fail(err)
	}
	abs, err := filepath.Abs(name)
	if err != nil {
		return fail(err)
	}
	f := loader.Summarize(doc)
	digest := sha256.Sum256(data)
	f.SHA256 = hex.EncodeToString(digest[:])
	return []corpus.Document{corpus.NewDocument(b, f, abs, time.Now())}, loader.LoadSummary{Loaded: []loader.LoadedFile{f}}
}

// parseFile reads and parses the file name with ps and what is given about
// it, returning the bytes read too.
func parseFile(ps *loader.Parser, name string, given loader.Overrides) (*loader.Document, []byte, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, nil, err
	}
	doc, err := ps.ParseWith(bytes.NewReader(data), name, given)
	return doc, data, err
}
