package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"os"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/loader"
	"github.com/dutygraph/dutygraph/registry"
	"github.com/dutygraph/dutygraph/seeds"
	"github.com/dutygraph/dutygraph/server"
)

var serveCommand = command{
	name:    "serve",
	summary: "answer GraphQL queries about the graph (loads the bundled seeds)",
	run:     runServe,
}

// defaultAddr is loopback only: exposing the API is a deliberate choice.
const defaultAddr = "127.0.0.1:8080"

// runServe is `dutygraph serve`: it listens at once (with /healthz at 503),
// loads the seeds when asked to, then reports healthy and serves until ctx
// ends, draining requests in flight.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	addr := fl.String("addr", defaultAddr, "address to listen on, host:port (port 0 picks a free port)")
	seedsDir := fl.String("seeds", "", "directory of plans and reports to load on start, with its units.yaml and jurisdictions.yaml if it has them (default: the seeds bundled in the binary)")
	regDir := registryFlag(fl, "the --seeds directory when it has them, else the bundled registry")
	loadSeeds := fl.Bool("load-seeds", false, "load the seeds on start into a persistent store (--store neo4j); the memory store always loads them")
	var sc storeConfig
	sc.addFlags(fl)
	fl.Usage = func() {
		fmt.Fprintln(stderr, "Usage: dutygraph serve [--addr HOST:PORT] [--seeds DIR] [--store memory|neo4j [--load-seeds]] [flags]")
		fmt.Fprintln(stderr, "\nServes the GraphQL API: POST /graphql (queries), GET /graphql (an IDE in the")
		fmt.Fprintln(stderr, "browser), GET /viewer (the co-ownership network), GET /export/… (GraphML, GEXF,")
		fmt.Fprintln(stderr, "Cypher, CSV, XLSX), GET /healthz (200 once the graph is loaded, 503 before). With the")
		fmt.Fprintln(stderr, "memory store (the default) the seeds are loaded on every start; a Neo4j store")
		fmt.Fprintln(stderr, "keeps what was loaded before, and loads the seeds only with --load-seeds.")
		fmt.Fprintln(stderr, "Stops on SIGINT or SIGTERM, letting requests in flight finish.")
		fmt.Fprintln(stderr, "\nFlags:")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return errUsageShown
	}
	if fl.NArg() > 0 {
		fl.Usage()
		return usageError{fmt.Sprintf("serve: unexpected argument %q", fl.Arg(0))}
	}
	log := newLogger(stderr)

	docs, reg, err := seedSource(*seedsDir, *regDir)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	store, closeStore, err := openStore(ctx, sc, log)
	if err != nil {
		return err
	}
	defer func() {
		if err := closeStore(); err != nil {
			log.Warn("closing the store", "err", err)
		}
	}()

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv := server.New(store, log)
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()
	log.Info("listening", "url", "http://"+ln.Addr().String()+"/graphql", "health", "http://"+ln.Addr().String()+"/healthz")

	if sc.Kind == storeMemory || *loadSeeds {
		if err := loadOnStart(ctx, log, store, docs, reg); err != nil {
			if ctx.Err() != nil {
				// Stopped while loading: a normal shutdown.
				return <-served
			}
			stop()
			return errors.Join(fmt.Errorf("serve: %w", err), <-served)
		}
	}
	srv.MarkLoaded()
	stats, err := store.Stats(ctx)
	if err != nil {
		log.Warn("store stats", "err", err)
	}
	log.Info("ready", "plans", stats.Plans, "reports", stats.LoadedReports, "tasks", stats.Tasks, "units", stats.Units)

	if err := <-served; err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("stopped")
	return nil
}

// seedSource picks the documents and registry to load: a directory's, or
// the ones bundled in the binary.
func seedSource(seedsDir, regDir string) (fs.FS, *registry.Registry, error) {
	docs := fs.FS(seeds.FS)
	regFS := fs.FS(seeds.FS)
	if seedsDir != "" {
		info, err := os.Stat(seedsDir)
		if err != nil {
			return nil, nil, fmt.Errorf("--seeds: %w", err)
		}
		if !info.IsDir() {
			return nil, nil, fmt.Errorf("--seeds %s: not a directory", seedsDir)
		}
		docs = os.DirFS(seedsDir)
		if _, err := fs.Stat(docs, "units.yaml"); err == nil {
			regFS = docs
		}
	}
	reg, err := loadRegistry(regDir, regFS)
	if err != nil {
		return nil, nil, err
	}
	return docs, reg, nil
}

// loadOnStart loads the seed documents. A document that fails is logged and
// left out — the others still serve — but a start that loads nothing fails.
func loadOnStart(ctx context.Context, log *slog.Logger, store graph.Store, docs fs.FS, reg *registry.Registry) error {
	sum, err := loader.LoadFS(ctx, store, docs, reg)
	warnings := 0
	for _, f := range sum.Loaded {
		warnings += len(f.Warnings)
		log.Info("loaded", "file", f.File, "kind", f.Kind, "jurisdiction", f.Jurisdiction, "year", f.Year,
			"sections", f.Sections, "tasks", f.Tasks, "warnings", len(f.Warnings))
	}
	for _, f := range sum.Failed {
		log.Error("not loaded", "file", f.File, "err", f.Err)
	}
	if ctxErr := ctx.Err(); ctxErr != nil {
		return ctxErr
	}
	if len(sum.Loaded) == 0 {
		if err == nil {
			err = errors.New("no documents")
		}
		return fmt.Errorf("nothing loaded: %w", err)
	}
	log.Info("seeds loaded", "documents", len(sum.Loaded), "tasks", sum.Tasks(), "warnings", warnings, "failed", len(sum.Failed))
	return nil
}
