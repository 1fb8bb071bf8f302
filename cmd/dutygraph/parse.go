package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/dutygraph/dutygraph/loader"
)

var parseCommand = command{
	name:    "parse",
	summary: "read plans and work reports and print what was read",
	run:     runParse,
}

// runParse is `dutygraph parse [--json] [--registry DIR] [--year N]
// [--jurisdiction PLACE] FILE...`. A file is read with the registry beside
// it (see openRegistry) and its entry in the manifest.yaml beside it. A
// file that cannot be read is reported and the others are still parsed;
// the command then fails, so scripts notice.
func runParse(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("parse", flag.ContinueOnError)
	fl.SetOutput(stderr)
	asJSON := fl.Bool("json", false, "print the documents as JSON: {\"documents\":[…]}")
	regDir := registryFlag(fl, "the file's folder's units.yaml and jurisdictions.yaml when it has them, else the registry bundled in the binary")
	given := givenFlags(fl)
	fl.Usage = func() {
		fmt.Fprintln(stderr, "Usage: dutygraph parse [--json] [--registry DIR] [--year N] [--jurisdiction PLACE] FILE...")
		fmt.Fprintln(stderr, "\nReads government work plans and work reports (UTF-8 or GB18030 text, or HTML")
		fmt.Fprintln(stderr, "pages saved from a site) and prints their sections, tasks and warnings. A year or")
		fmt.Fprintln(stderr, "place a document does not state comes from --year and --jurisdiction, or from")
		fmt.Fprintln(stderr, "the "+loader.ManifestFile+" beside it.")
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
	if err := checkGiven("parse", *given, files); err != nil {
		return err
	}
	regs, err := newRegistries(*regDir)
	if err != nil {
		return fmt.Errorf("parse: %w", err)
	}

	docs := make([]*loader.Document, 0, len(files))
	var inForce [][]string
	failed := 0
	for _, name := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		doc, rf, err := parseNamed(name, regs, *given)
		if err != nil {
			fmt.Fprintln(stderr, "dutygraph:", err)
			failed++
			continue
		}
		docs = append(docs, doc)
		inForce = append(inForce, rf.files)
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
		for i, d := range docs {
			printSummary(stdout, d, inForce[i])
		}
	}
	if failed > 0 {
		return fmt.Errorf("parse: %d of %d files could not be read", failed, len(files))
	}
	return nil
}

// parseNamed parses the file name with the registry of its folder and what
// is given about it (its manifest entry, then flags).
func parseNamed(name string, regs *registries, flags loader.Overrides) (*loader.Document, registryInForce, error) {
	rf, err := regs.forDir(filepath.Dir(name))
	if err != nil {
		return nil, rf, err
	}
	given, err := givenFor(name, flags)
	if err != nil {
		return nil, rf, err
	}
	doc, _, err := parseFile(rf.parser, name, given)
	return doc, rf, err
}

// printSummary prints what a reader checks first: what the document is,
// whose, how many tasks, and what was read on a best-effort basis.
func printSummary(w io.Writer, d *loader.Document, registryFiles []string) {
	fmt.Fprintf(w, "%s\n", d.File)
	fmt.Fprintf(w, "  title:        %s\n", d.Title)
	fmt.Fprintf(w, "  kind:         %s, year %d\n", d.Kind, d.Year)
	fmt.Fprintf(w, "  jurisdiction: %s\n", d.Jurisdiction)
	fmt.Fprintf(w, "  issuer:       %s\n", d.Issuer)
	fmt.Fprintf(w, "  registry:     %s\n", strings.Join(registryFiles, ", "))
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
