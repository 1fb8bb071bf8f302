package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/dutygraph/dutygraph/corpus"
)

var listCommand = command{
	name:    "list",
	summary: "show the documents of the corpus: place, year, tasks, when loaded, from which file",
	run:     runList,
}

// runList is `dutygraph list [--json]`.
func runList(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("list", flag.ContinueOnError)
	fl.SetOutput(stderr)
	data := dataFlag(fl)
	asJSON := fl.Bool("json", false, "write a JSON array instead of a table")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "Usage: dutygraph list [--data DIR] [--json]")
		fmt.Fprintln(stderr, "\nLists the documents kept in the data directory, by ID: kind, place, year, tasks,")
		fmt.Fprintln(stderr, "when loaded, the file each was read from and the first 12 digits of its SHA-256.")
		fmt.Fprintln(stderr, "\nFlags:")
		fl.PrintDefaults()
	}
	if proceed, err := parseNoArgs(fl, args); !proceed {
		return err
	}
	archive, err := openArchive(*data)
	if err != nil {
		return fmt.Errorf("list: %w", err)
	}
	docs, err := archive.Documents(0)
	if err != nil {
		return fmt.Errorf("list: %w", err)
	}
	if *asJSON {
		for i := range docs {
			docs[i].Batch = nil // the graph is for stores, not for reading
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(docs)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DOCUMENT\tKIND\tPLACE\tYEAR\tTASKS\tLOADED\tSOURCE\tSHA-256")
	for _, d := range docs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\t%s\t%.12s\n", d.ID, d.Kind, d.Jurisdiction, d.Year, d.Tasks,
			d.LoadedAt.Local().Format("2006-01-02 15:04"), d.Source, d.SHA256)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d documents, %d tasks in %s\n", len(docs), corpus.Tasks(docs), archive.Path())
	return nil
}
