package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/dutygraph/dutygraph/corpus"
	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/export"
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/loader"
)

var exportCommand = command{
	name:    "export",
	summary: "write the co-ownership network (GraphML, GEXF, Cypher) or a unit's workload (CSV, XLSX)",
	run:     runExport,
}

// exportSources are the flags both exports share: where the graph comes
// from, loaded as `serve` loads it.
type exportSources struct {
	seedsDir, regDir, data *string
	loadSeeds              *bool
	store                  storeConfig
}

func (s *exportSources) addFlags(fl *flag.FlagSet) {
	s.seedsDir = fl.String("seeds", "", "export this directory of plans and reports alone, read with its units.yaml and jurisdictions.yaml if it has them, instead of the data directory")
	s.regDir = registryFlag(fl, "the --seeds directory when it has them, else the bundled registry")
	s.data = dataFlag(fl)
	s.loadSeeds = fl.Bool("load-seeds", false, "with --store neo4j: add the --seeds documents (or the bundled seeds) first")
	s.store.addFlags(fl)
}

// open loads the graph as `serve` does: the data directory's corpus (or the
// --seeds folder) into the memory store, or a Neo4j store as it is (with
// the seeds added first when asked). The returned function closes the
// store.
func (s *exportSources) open(ctx context.Context, log *slog.Logger) (*duty.Core, func(), error) {
	if err := s.store.validate(); err != nil {
		return nil, nil, usageError{err.Error()}
	}
	src, err := openSource(s.store, *s.seedsDir, *s.regDir, loader.Overrides{}, *s.data, log)
	if err != nil {
		return nil, nil, err
	}
	store, closeStore, err := openStore(ctx, s.store, log)
	if err != nil {
		return nil, nil, err
	}
	closeFn := closeLogged(log, closeStore)
	served := corpus.Served{Source: src.read, Guard: src.guard}
	if s.store.Kind == storeMemory {
		served.Swap = func(built graph.Store) error {
			store = built
			return nil
		}
	} else {
		served.Store = store
	}
	if s.store.Kind == storeMemory || *s.loadSeeds {
		out, err := served.Reload(ctx, false, false)
		logOutcome(log, out)
		if err != nil {
			closeFn()
			return nil, nil, err
		}
	}
	return duty.New(store), closeFn, nil
}

func exportUsage(w io.Writer) {
	fmt.Fprintln(w, "Usage:")
	fmt.Fprintln(w, "  dutygraph export network [--format graphml|gexf|gexf13|cypher|json] [filters] [-o FILE]")
	fmt.Fprintln(w, "  dutygraph export workload --unit NAME [--jurisdiction J] [filters] [--format csv|xlsx] -o FILE")
	fmt.Fprintln(w, "\nRun 'dutygraph export network -h' or 'dutygraph export workload -h' for the flags.")
}

// runExport is `dutygraph export network|workload [flags]`.
func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		exportUsage(stderr)
		if len(args) == 0 {
			return usageError{"export: say what to export: network or workload"}
		}
		return nil
	}
	switch args[0] {
	case "network":
		return runExportNetwork(ctx, args[1:], stdout, stderr)
	case "workload":
		return runExportWorkload(ctx, args[1:], stdout, stderr)
	}
	exportUsage(stderr)
	return usageError{fmt.Sprintf("export: unknown export %q: want network or workload", args[0])}
}

func runExportNetwork(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("export network", flag.ContinueOnError)
	fl.SetOutput(stderr)
	format := fl.String("format", "", "graphml, gexf (GEXF 1.2), gexf13 (GEXF 1.3), cypher or json (nodes and edges, as the dashboards' tables) (default: from the -o file's extension, else graphml)")
	out := fl.String("o", "-", "file to write; - is standard output")
	jurisdiction := fl.String("jurisdiction", "", "only the plans of this jurisdiction: a path (南京市/鼓楼区) or a name (鼓楼区, 鼓楼)")
	year := fl.Int("year", 0, "only the plans of this year")
	plan := fl.String("plan", "", "only the tasks of this plan (plan:南京市:2026)")
	roles := fl.String("roles", "", "count a task only when both units have one of these roles: lead, cooperator (comma-separated)")
	collective := fl.Bool("include-collective", false, "keep placeholder units (各区政府, 相关街道板块 …)")
	minShared := fl.Int("min-shared", 1, "only pairs sharing at least this many tasks")
	var src exportSources
	src.addFlags(fl)
	fl.Usage = func() {
		fmt.Fprintln(stderr, "Usage: dutygraph export network [--format graphml|gexf|gexf13|cypher|json] [filters] [-o FILE]")
		fmt.Fprintln(stderr, "\nWrites the co-ownership network — units as nodes (with workload), pairs sharing")
		fmt.Fprintln(stderr, "tasks as weighted edges — as the GraphQL network query gives it: GraphML for")
		fmt.Fprintln(stderr, "yEd, Gephi and networkx; GEXF 1.2 for Gephi and every networkx (gexf13 writes")
		fmt.Fprintln(stderr, "GEXF 1.3, which networkx reads from 3.6 on); or a Cypher script for Neo4j")
		fmt.Fprintln(stderr, "Browser or cypher-shell, one CO_OWNS relationship per pair and plan year, so")
		fmt.Fprintln(stderr, "that scripts of several years imported into one database keep each year's")
		fmt.Fprintln(stderr, "weights. The graph is loaded as `serve` loads it (the data directory, unless")
		fmt.Fprintln(stderr, "told otherwise).")
		fmt.Fprintln(stderr, "\nFlags:")
		fl.PrintDefaults()
	}
	if proceed, err := parseNoArgs(fl, args); !proceed {
		return err
	}
	f, err := networkFormat(*format, *out)
	if err != nil {
		return usageError{"export network: " + err.Error()}
	}
	q := export.NetworkQuery{Jurisdiction: *jurisdiction, Year: *year, PlanID: *plan, IncludeCollective: *collective, MinShared: *minShared}
	if q.Roles, err = export.ParseRoles(*roles); err != nil {
		return usageError{"export network: --roles: " + err.Error()}
	}

	log := quietLogger(stderr)
	core, closeStore, err := src.open(ctx, log)
	if err != nil {
		return fmt.Errorf("export network: %w", err)
	}
	defer closeStore()
	q.ByYear = f.ByYear
	n, err := export.LoadNetwork(ctx, core.View(), q)
	if err != nil {
		return fmt.Errorf("export network: %w", err)
	}
	if err := writeOutput(*out, stdout, func(w io.Writer) error { return f.Write(w, n) }); err != nil {
		return fmt.Errorf("export network: %w", err)
	}
	if *out != "-" {
		fmt.Fprintf(stdout, "%s: %d units, %d pairs (%s)\n", *out, len(n.Nodes), len(n.Edges), n.Query.String())
	}
	return nil
}

func runExportWorkload(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("export workload", flag.ContinueOnError)
	fl.SetOutput(stderr)
	format := fl.String("format", "", "csv or xlsx (default: from the -o file's extension)")
	out := fl.String("o", "", "file to write (required; - writes CSV to standard output)")
	unit := fl.String("unit", "", "the unit, by name or any alias (市发改委, 市文化和旅游局)")
	jurisdiction := fl.String("jurisdiction", "", "where to look the unit up, when its name is used in more than one jurisdiction (南京市/鼓楼区, 鼓楼区)")
	year := fl.Int("year", 0, "only the plans of this year (default: every year, one sheet each)")
	plan := fl.String("plan", "", "only the tasks of this plan (plan:南京市:2026)")
	role := fl.String("role", "", "only the tasks where the unit has this role: lead or cooperator")
	var src exportSources
	src.addFlags(fl)
	fl.Usage = func() {
		fmt.Fprintln(stderr, "Usage: dutygraph export workload --unit NAME [--jurisdiction J] [filters] [--format csv|xlsx] -o FILE")
		fmt.Fprintln(stderr, "\nWrites every task a unit leads (主办) or cooperates on (协办): task number,")
		fmt.Fprintln(stderr, "section, text, its role, its partners, plan and jurisdiction. XLSX has one sheet")
		fmt.Fprintln(stderr, "per plan year, newest first; CSV is one table with the year first, UTF-8 with a")
		fmt.Fprintln(stderr, "byte order mark so that Excel reads the Chinese.")
		fmt.Fprintln(stderr, "\nFlags:")
		fl.PrintDefaults()
	}
	if proceed, err := parseNoArgs(fl, args); !proceed {
		return err
	}
	if strings.TrimSpace(*unit) == "" {
		fl.Usage()
		return usageError{"export workload: --unit is required"}
	}
	if *out == "" {
		fl.Usage()
		return usageError{"export workload: -o FILE is required"}
	}
	f, err := workloadFormat(*format, *out)
	if err != nil {
		return usageError{"export workload: " + err.Error()}
	}
	q := export.WorkloadQuery{Unit: strings.TrimSpace(*unit), Jurisdiction: *jurisdiction, Year: *year, PlanID: *plan}
	if *role != "" {
		if q.Role, err = export.ParseRole(*role); err != nil {
			return usageError{"export workload: --role: " + err.Error()}
		}
	}

	log := quietLogger(stderr)
	core, closeStore, err := src.open(ctx, log)
	if err != nil {
		return fmt.Errorf("export workload: %w", err)
	}
	defer closeStore()
	wl, err := export.LoadWorkload(ctx, core.View(), q)
	if err != nil {
		return fmt.Errorf("export workload: %w", err)
	}
	if err := writeOutput(*out, stdout, func(w io.Writer) error { return f.Write(w, wl) }); err != nil {
		return fmt.Errorf("export workload: %w", err)
	}
	if *out != "-" {
		tasks := 0
		for _, y := range wl.Years {
			tasks += len(y.Rows)
		}
		fmt.Fprintf(stdout, "%s: %s (%s), %d tasks in %d plan years\n", *out, wl.Unit.Name, wl.Unit.Jurisdiction, tasks, len(wl.Years))
	}
	return nil
}

// networkFormat picks the format from --format, else the output file's
// extension, else GraphML.
func networkFormat(name, out string) (export.NetworkFormat, error) {
	if name == "" {
		name = strings.TrimPrefix(filepath.Ext(out), ".")
		if _, err := export.FindNetworkFormat(name); err != nil {
			name = "graphml"
		}
	}
	return export.FindNetworkFormat(name)
}

// workloadFormat picks the format from --format, else the output file's
// extension. XLSX is binary and goes to a file only.
func workloadFormat(name, out string) (export.WorkloadFormat, error) {
	if name == "" {
		name = strings.TrimPrefix(filepath.Ext(out), ".")
		if name == "" {
			return export.WorkloadFormat{}, errors.New("--format csv|xlsx is required when -o has no .csv or .xlsx extension")
		}
	}
	f, err := export.FindWorkloadFormat(name)
	if err != nil {
		return f, err
	}
	if f.Name == "xlsx" && out == "-" {
		return f, errors.New("XLSX is a binary file: give -o FILE.xlsx")
	}
	return f, nil
}

// writeOutput renders an export whole, then writes it to path (or stdout
// for "-"). A file appears complete or not at all: it is written beside its
// final name and renamed into place.
func writeOutput(path string, stdout io.Writer, render func(io.Writer) error) error {
	var b bytes.Buffer
	if err := render(&b); err != nil {
		return err
	}
	if path == "-" {
		_, err := b.WriteTo(stdout)
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if _, err := b.WriteTo(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// quietLogger logs warnings and errors only: an export's output is the file,
// and the seeds' per-document lines would bury it.
func quietLogger(stderr io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
}
