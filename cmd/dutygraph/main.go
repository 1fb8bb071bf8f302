// Command dutygraph turns government work plans into a graph of who is
// responsible for what, and answers questions about it over GraphQL.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/loader"
	"github.com/dutygraph/dutygraph/registry"
	"github.com/dutygraph/dutygraph/seeds"
)

// command is one subcommand: dutygraph NAME [flags] [args].
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

// commands lists the subcommands in the order help shows them.
var commands = []command{parseCommand, loadCommand, removeCommand, listCommand, serveCommand, exportCommand, seedsCommand, genCommand}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, errUsageShown) {
			fmt.Fprintln(os.Stderr, "dutygraph:", err)
		}
		os.Exit(exitCode(err))
	}
}

// errUsageShown is returned when a usage message has already been printed.
var errUsageShown = errors.New("usage shown")

// usageError is a mistake in the command line: exit status 2, like flag's.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func exitCode(err error) int {
	var u usageError
	if errors.As(err, &u) || errors.Is(err, errUsageShown) {
		return 2
	}
	return 1
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printUsage(stdout)
		return nil
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	printUsage(stderr)
	return usageError{fmt.Sprintf("unknown command %q", args[0])}
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "dutygraph turns government work plans into a graph of who is responsible for what.")
	fmt.Fprintln(w, "\nUsage: dutygraph COMMAND [flags] [args]\n\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'dutygraph COMMAND -h' for a command's flags.")
}

// newLogger is the commands' structured log: text lines on stderr. Commands
// make it once and hand it down.
func newLogger(stderr io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(stderr, nil))
}

// registryFlag declares --registry; def says what is used without it.
func registryFlag(fl *flag.FlagSet, def string) *string {
	return fl.String("registry", "", "directory holding units.yaml and/or jurisdictions.yaml, a file it lacks taken from the bundled registry (default: "+def+")")
}

// openRegistry reads the registry in force for documents in dir: the
// bundled registry (the national gazetteer under seeds/), overlaid by the
// units.yaml and jurisdictions.yaml of --registry (regDir) when given, else
// of dir when it holds either. It returns the files in force, for the log.
func openRegistry(regDir, dir string) (*registry.Registry, []string, error) {
	if regDir != "" {
		dir = regDir
	}
	layers := []registry.Layer{{Name: "bundled", FS: seeds.FS}}
	if dir != "" && holdsRegistry(dir) {
		layers = append(layers, registry.Layer{Name: dir, FS: os.DirFS(dir)})
	} else if regDir != "" {
		return nil, nil, fmt.Errorf("registry: --registry %s holds neither %s nor %s", regDir, registry.UnitsFile, registry.JurisdictionsFile)
	}
	reg, err := registry.LoadLayers(layers...)
	if err != nil {
		return nil, nil, fmt.Errorf("registry: %w", err)
	}
	return reg, reg.Sources(), nil
}

// holdsRegistry reports whether dir holds a units.yaml or a
// jurisdictions.yaml of its own.
func holdsRegistry(dir string) bool {
	for _, name := range []string{registry.UnitsFile, registry.JurisdictionsFile} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return true
		}
	}
	return false
}

// registries remembers the registry of each folder a command reads
// documents from, so that a folder's registry is read once.
type registries struct {
	regDir string // --registry
	byDir  map[string]registryInForce
}

type registryInForce struct {
	reg    *registry.Registry
	parser *loader.Parser // remembers resolutions across the folder's documents
	files  []string
}

// newRegistries reads --registry's directory at once when one is given, so
// that a mistake there stops the command before any document is read.
func newRegistries(regDir string) (*registries, error) {
	r := &registries{regDir: regDir, byDir: map[string]registryInForce{}}
	if regDir != "" {
		if _, err := r.forDir(""); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// forDir is the registry of documents in dir.
func (r *registries) forDir(dir string) (registryInForce, error) {
	if r.regDir != "" {
		dir = "" // one registry for every folder
	}
	if rf, ok := r.byDir[dir]; ok {
		return rf, nil
	}
	reg, files, err := openRegistry(r.regDir, dir)
	if err != nil {
		return registryInForce{}, err
	}
	rf := registryInForce{reg, loader.NewParser(reg), files}
	r.byDir[dir] = rf
	return rf, nil
}

// givenFlags declares --year and --jurisdiction: what the user says about
// one document that it does not say itself, or says wrongly.
func givenFlags(fl *flag.FlagSet) *loader.Overrides {
	var o loader.Overrides
	fl.IntVar(&o.Year, "year", 0, "the year the document's tasks are for, over what it says (one document; for a folder, its "+loader.ManifestFile+")")
	fl.StringVar(&o.Jurisdiction, "jurisdiction", "", "the document's jurisdiction, a gazetteer path or name (湖北省/咸宁市/咸安区, 咸安区), over what it says (one document; for a folder, its "+loader.ManifestFile+")")
	return &o
}

// checkGiven refuses --year and --jurisdiction unless paths is one file.
func checkGiven(cmd string, given loader.Overrides, paths []string) error {
	if given == (loader.Overrides{}) {
		return nil
	}
	if given.Year != 0 && (given.Year < graph.MinYear || given.Year > graph.MaxYear) {
		return usageError{fmt.Sprintf("%s: --year %d is not a year between %d and %d", cmd, given.Year, graph.MinYear, graph.MaxYear)}
	}
	if len(paths) != 1 {
		return usageError{fmt.Sprintf("%s: --year and --jurisdiction describe one document, and %d are given; for several, write them in their folder's %s", cmd, len(paths), loader.ManifestFile)}
	}
	if info, err := os.Stat(paths[0]); err == nil && info.IsDir() {
		return usageError{fmt.Sprintf("%s: --year and --jurisdiction describe one document, and %s is a folder; write them in its %s", cmd, paths[0], loader.ManifestFile)}
	}
	return nil
}

// givenFor is what is given about the file name: its entry in the
// manifest.yaml beside it, with the command line's --year and
// --jurisdiction over it.
func givenFor(name string, flags loader.Overrides) (loader.Overrides, error) {
	dir := filepath.Dir(name)
	m, err := loader.ReadManifest(os.DirFS(dir))
	if err != nil {
		return loader.Overrides{}, inFolder(dir, err)
	}
	o := m.For(filepath.Base(name))
	if flags.Year != 0 {
		o.Year = flags.Year
	}
	if flags.Jurisdiction != "" {
		o.Jurisdiction = flags.Jurisdiction
	}
	return o, nil
}

// inFolder names a manifest's mistake by the manifest's path in dir.
func inFolder(dir string, err error) error {
	var me *loader.ManifestError
	if errors.As(err, &me) {
		return fmt.Errorf("%s: %s", filepath.Join(dir, me.Position()), me.Msg)
	}
	return err
}

// parseArgs parses a command's flags, which may come after its arguments
// too (parse a.txt --json), as users type them, and returns the arguments.
// proceed is false after -h (err nil: the usage was what was asked for) and
// after a mistake (err errUsageShown: flag has printed it).
func parseArgs(fl *flag.FlagSet, args []string) (rest []string, proceed bool, err error) {
	for {
		if err := fl.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, false, nil
			}
			return nil, false, errUsageShown
		}
		args = fl.Args()
		if len(args) == 0 {
			return rest, true, nil
		}
		if args[0] == "--" {
			return append(rest, args[1:]...), true, nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

// parseNoArgs is parseArgs for a command that takes flags only.
func parseNoArgs(fl *flag.FlagSet, args []string) (proceed bool, err error) {
	rest, proceed, err := parseArgs(fl, args)
	if proceed && len(rest) > 0 {
		fl.Usage()
		return false, usageError{fmt.Sprintf("%s: unexpected argument %q", fl.Name(), rest[0])}
	}
	return proceed, err
}
