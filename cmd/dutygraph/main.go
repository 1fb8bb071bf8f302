// Command dutygraph turns government work plans into a graph of who is
// responsible for what, and answers questions about it over GraphQL.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/dutygraph/dutygraph/registry"
)

// command is one subcommand: dutygraph NAME [flags] [args].
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

// commands lists the subcommands in the order help shows them.
var commands = []command{parseCommand, loadCommand, serveCommand, exportCommand, genCommand}

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
	return fl.String("registry", "", "directory holding units.yaml and jurisdictions.yaml (default: "+def+")")
}

// loadRegistry reads the registry of dir, or of fallback when dir is "".
func loadRegistry(dir string, fallback fs.FS) (*registry.Registry, error) {
	fsys := fallback
	if dir != "" {
		fsys = os.DirFS(dir)
	}
	reg, err := registry.Load(fsys)
	if err != nil {
		return nil, fmt.Errorf("registry: %w", err)
	}
	return reg, nil
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
