package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/dutygraph/dutygraph/loader"
	"github.com/dutygraph/dutygraph/registry"
	"github.com/dutygraph/dutygraph/seeds"
)

var parseCommand = command{
	name:    "parse",
	summary: "read plans and work reports and print what was read",
	run:     runParse,
}

// runParse is `dutygraph parse [--json] [--registry DIR] FILE...`. A file
// that cannot be read is reported and the others are still parsed; the
// command then fails, so scripts notice.
func runParse(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("parse", flag.ContinueOnError)
	fl.SetOutput(stderr)
	asJSON := fl.Bool("json", false, "print the documents as JSON: {\"documents\":[…]}")
	regDir := registryFlag(fl, "the registry bundled in the binary, a copy of seeds/")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "Usage: dutygraph parse [--json] [--registry DIR] FILE...")
		fmt.Fprintln(stderr, "\nReads government work plans and work reports (UTF-8 or GB18030 text, or HTML")
		fmt.Fprintln(stderr, "pages saved from a site) and prints their sections, tasks and warnings.")
		fmt.Fprintln(stderr, "\nFlags:")
		fl.PrintDefaults()
	}
	files, proceed, err := parseArgs(fl, args)
	if !proceed {
		return err
	}
	if len(files) == 0 {
		fl.Usage()
		return usageError{"parse: no files given"}
	}
	reg, err := loadRegistry(*regDir, seeds.FS)
	if err != nil {
		return fmt.Errorf("parse: %w", err)
	}

	docs := make([]*loader.Document, 0, len(files))
	failed := 0
	for _, name := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		doc, err := parseFile(name, reg)
		if err != nil {
			fmt.Fprintln(stderr, "dutygraph:", err)
			failed++
			continue
		}
		docs = append(docs, doc)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(struct {
			Documents []*loader.Document `json:"documents"`
		}{docs}); err != nil {
			return err
		}
	} else {
		for _, d := range docs {
			printSummary(stdout, d)
		}
	}
	if failed > 0 {
		return fmt.Errorf("parse: %d of %d files could not be read", failed, len(files))
	}
	return nil
}

func parseFile(name string, reg *registry.Registry) (*loader.Document, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return loader.Parse(f, name, reg)
}

// printSummary prints what a reader checks first: what the document is,
// whose, how many tasks, and what was read on a best-effort basis.
func printSummary(w io.Writer, d *loader.Document) {
	fmt.Fprintf(w, "%s\n", d.File)
	fmt.Fprintf(w, "  title:        %s\n", d.Title)
	fmt.Fprintf(w, "  kind:         %s, year %d\n", d.Kind, d.Year)
	fmt.Fprintf(w, "  jurisdiction: %s\n", d.Jurisdiction)
	fmt.Fprintf(w, "  issuer:       %s\n", d.Issuer)
	if d.DocNumber != "" || d.Date != "" {
		fmt.Fprintf(w, "  number, date: %s %s\n", orDash(d.DocNumber), orDash(d.Date))
	}
	if r := d.ImplementsReport; r != nil {
		fmt.Fprintf(w, "  implements:   %s (%s, %d)\n", r.Session, r.Jurisdiction, r.Year)
	}
	fmt.Fprintf(w, "  contents:     %d sections, %d tasks", len(d.Sections), d.TaskCount())
	if len(d.Targets) > 0 {
		fmt.Fprintf(w, ", %d targets", len(d.Targets))
	}
	fmt.Fprintln(w)
	printWarnings(w, d.File, d.Warnings)
}

// printWarnings prints a document's warnings as file:line, the form editors
// and terminals turn into links.
func printWarnings(w io.Writer, file string, warnings []loader.Warning) {
	for _, wn := range warnings {
		if wn.Line > 0 {
			fmt.Fprintf(w, "  warning: %s:%d: %s\n", file, wn.Line, wn.Message)
		} else {
			fmt.Fprintf(w, "  warning: %s: %s\n", file, wn.Message)
		}
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
