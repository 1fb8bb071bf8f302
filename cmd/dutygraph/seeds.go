package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/dutygraph/dutygraph/seeds"
)

var seedsCommand = command{
	name:    "seeds",
	summary: "write the bundled sample documents and registry files to a folder, to start a corpus from",
	run:     runSeeds,
}

// runSeeds is `dutygraph seeds --out DIR`. It never overwrites: a file
// already in DIR stops it before anything is written.
func runSeeds(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("seeds", flag.ContinueOnError)
	fl.SetOutput(stderr)
	out := fl.String("out", "", "folder to write into (created if missing)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "Usage: dutygraph seeds --out DIR")
		fmt.Fprintln(stderr, "\nWrites the documents bundled in the binary (Nanjing and Gulou plans and a work")
		fmt.Fprintln(stderr, "report) and its registry files (units.yaml, jurisdictions.yaml: the national")
		fmt.Fprintln(stderr, "gazetteer and Nanjing's units) to DIR, to edit and load with `dutygraph load DIR`.")
		fmt.Fprintln(stderr, "\nFlags:")
		fl.PrintDefaults()
	}
	if proceed, err := parseNoArgs(fl, args); !proceed {
		return err
	}
	if *out == "" {
		fl.Usage()
		return usageError{"seeds: --out DIR is required"}
	}
	names, err := fs.Glob(seeds.FS, "*")
	if err != nil {
		return err
	}
	for _, name := range names {
		if _, err := os.Lstat(filepath.Join(*out, name)); !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("seeds: %s is already there; nothing written (choose an empty folder)", filepath.Join(*out, name))
		}
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("seeds: %w", err)
	}
	for _, name := range names {
		data, err := fs.ReadFile(seeds.FS, name)
		if err != nil {
			return fmt.Errorf("seeds: %w", err)
		}
		if err := os.WriteFile(filepath.Join(*out, name), data, 0o644); err != nil {
			return fmt.Errorf("seeds: %w", err)
		}
		fmt.Fprintln(stdout, filepath.Join(*out, name))
	}
	return nil
}
