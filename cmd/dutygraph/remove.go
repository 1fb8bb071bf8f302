package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"slices"

	"github.com/dutygraph/dutygraph/corpus"
	"github.com/dutygraph/dutygraph/graph"
)

var removeCommand = command{
	name:    "remove",
	summary: "take documents out of the corpus, by document ID or by the file they were loaded from",
	run:     runRemove,
}

// runRemove is `dutygraph remove [flags] DOC-ID|FILE...`: every document
// named goes, in one step, or none does when one name is unknown.
func runRemove(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("remove", flag.ContinueOnError)
	fl.SetOutput(stderr)
	data := dataFlag(fl)
	var sc storeConfig
	sc.addFlags(fl)
	fl.Usage = func() {
		fmt.Fprintln(stderr, "Usage: dutygraph remove [--data DIR] [--store memory|neo4j] DOC-ID|FILE...")
		fmt.Fprintln(stderr, "\nTakes documents out of the corpus: afterwards it answers as if they had never")
		fmt.Fprintln(stderr, "been loaded. Name a document by its ID (plan:湖北省/咸宁市/咸安区:2023, as `dutygraph")
		fmt.Fprintln(stderr, "list` shows it) or by the file it was loaded from. When one name is unknown,")
		fmt.Fprintln(stderr, "nothing is removed.")
		fmt.Fprintln(stderr, "\nFlags:")
		fl.PrintDefaults()
	}
	names, proceed, err := parseArgs(fl, args)
	if !proceed {
		return err
	}
	if len(names) == 0 {
		fl.Usage()
		return usageError{"remove: no document named"}
	}
	if err := sc.validate(); err != nil {
		return usageError{"remove: " + err.Error()}
	}
	log := newLogger(stderr)
	keeper, err := openKeeper(ctx, sc, *data, log)
	if err != nil {
		return err
	}
	defer keeper.close()
	held, err := keeper.held(ctx)
	if err != nil {
		return fmt.Errorf("remove: %w", err)
	}
	var ids []string
	for _, name := range names {
		d, err := findDocument(held, name)
		if err != nil {
			return fmt.Errorf("remove: %w (nothing removed)", err)
		}
		ids = append(ids, d.ID)
	}
	change, err := keeper.remove(ctx, held, ids)
	if err != nil {
		return fmt.Errorf("remove: %w", err)
	}
	for _, d := range change.Removed {
		fmt.Fprintln(stdout, "removed", describeDocument(d))
	}
	fmt.Fprintf(stdout, "%s now holds %d documents, %d tasks\n", keeper.where(), len(change.Next), corpus.Tasks(change.Next))
	return nil
}

// findDocument finds a document by ID, by the path of the file it was
// loaded from, or by that file's name when one document has it.
func findDocument(docs []corpus.Document, name string) (corpus.Document, error) {
	for _, d := range docs {
		if d.ID == name {
			return d, nil
		}
	}
	if abs, err := filepath.Abs(name); err == nil {
		for _, d := range docs {
			if d.Source == abs {
				return d, nil
			}
		}
	}
	var byBase []corpus.Document
	for _, d := range docs {
		if filepath.Base(d.Source) == name {
			byBase = append(byBase, d)
		}
	}
	switch len(byBase) {
	case 1:
		return byBase[0], nil
	case 0:
		known := make([]string, 0, 2*len(docs))
		for _, d := range docs {
			known = append(known, d.ID, filepath.Base(d.Source))
		}
		slices.Sort(known)
		return corpus.Document{}, graph.NotFound("document", name, slices.Compact(known))
	}
	candidates := make([]string, len(byBase))
	for i, d := range byBase {
		candidates[i] = d.ID + " (" + d.Source + ")"
	}
	return corpus.Document{}, &graph.AmbiguousError{What: "document", Name: name, Candidates: candidates}
}
