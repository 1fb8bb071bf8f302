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
	"path/filepath"
	"strings"
	"testing/fstest"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/standby"
	"github.com/dutygraph/dutygraph/loader"
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

// runServe is `dutygraph serve`: it listens at once (/healthz answers 200,
// /readyz 503), connects to the store — retrying with backoff while it is
// unreachable — loads the seeds when asked to, then reports ready and
// serves until ctx ends, draining requests in flight.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	addr := fl.String("addr", defaultAddr, "address to listen on, host:port (port 0 picks a free port)")
	seedsDir := fl.String("seeds", "", "directory of plans and reports to load on start, with its units.yaml, jurisdictions.yaml and "+loader.ManifestFile+" if it has them, or one such file (default: the seeds bundled in the binary)")
	regDir := registryFlag(fl, "the --seeds directory (a file's: the one it is in) when it has them, else the bundled registry")
	given := givenFlags(fl)
	loadSeeds := fl.Bool("load-seeds", false, "load the seeds on start into a persistent store (--store neo4j); the memory store always loads them")
	var sc storeConfig
	sc.addFlags(fl)
	cfg := server.DefaultConfig()
	retryMax := fl.Duration("store-retry-max", standby.DefaultBackoff.Max, "longest wait between attempts to reach an unreachable store (the first waits 0.5s, each next twice as long)")
	addServerFlags(fl, &cfg)
	fl.Usage = func() {
		fmt.Fprintln(stderr, "Usage: dutygraph serve [--addr HOST:PORT] [--seeds DIR|FILE [--year N] [--jurisdiction PLACE]] [--store memory|neo4j [--load-seeds]] [flags]")
		fmt.Fprintln(stderr, "\nServes the GraphQL API: POST /graphql (queries), GET /graphql (an IDE in the")
		fmt.Fprintln(stderr, "browser), GET /viewer (the co-ownership network), GET /export/… (GraphML, GEXF,")
		fmt.Fprintln(stderr, "Cypher, CSV, XLSX), GET /healthz (200 while the process serves), GET /readyz (200")
		fmt.Fprintln(stderr, "once the graph is loaded and the store answers, 503 with a reason before),")
		fmt.Fprintln(stderr, "GET /metrics (Prometheus), and POST /admin/reload (reloads the seeds; only with")
		fmt.Fprintln(stderr, "--admin-token, and only for requests bearing it). With the memory store (the")
		fmt.Fprintln(stderr, "default) the seeds are loaded on every start; a Neo4j store keeps what was loaded")
		fmt.Fprintln(stderr, "before, and loads the seeds only with --load-seeds. An unreachable Neo4j is retried")
		fmt.Fprintln(stderr, "with backoff until it answers. Stops on SIGINT or SIGTERM, letting requests in")
		fmt.Fprintln(stderr, "flight finish (up to --shutdown-grace). Heavy requests (networks, analyses, exports)")
		fmt.Fprintln(stderr, "run --max-heavy at once; cheap queries never wait for them.")
		fmt.Fprintln(stderr, "\nFlags:")
		fl.PrintDefaults()
	}
	if proceed, err := parseNoArgs(fl, args); !proceed {
		return err
	}
	log := newLogger(stderr)

	if *given != (loader.Overrides{}) {
		if *seedsDir == "" {
			return usageError{"serve: --year and --jurisdiction describe one document: give it with --seeds FILE"}
		}
		if err := checkGiven("serve", *given, []string{*seedsDir}); err != nil {
			return err
		}
	}
	set, err := openSeeds(*seedsDir, *regDir, *given)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("registry", "files", strings.Join(set.registryFiles, ", "))
	if cfg.AdminToken != "" {
		cfg.Seeds = func() (duty.Corpus, error) {
			set, err := openSeeds(*seedsDir, *regDir, *given)
			return set.corpus, err
		}
	}
	backoff := standby.DefaultBackoff
	backoff.Max = *retryMax
	if err := errors.Join(sc.validate(), cfg.Validate(), backoff.Validate()); err != nil {
		return usageError{"serve: " + err.Error()}
	}
	opts := serveOptions{
		addr: *addr, store: sc, server: cfg, backoff: backoff, corpus: set.corpus,
		loadSeeds: sc.Kind == storeMemory || *loadSeeds,
		open:      func(ctx context.Context) (graph.Store, func() error, error) { return openStore(ctx, sc, log) },
	}
	return serve(ctx, log, opts)
}

// serveOptions is a validated serve configuration.
type serveOptions struct {
	addr      string
	store     storeConfig
	server    server.Config
	backoff   standby.Backoff
	corpus    duty.Corpus
	loadSeeds bool
	// open connects to the store; tried until it succeeds.
	open func(context.Context) (graph.Store, func() error, error)
}

// serve runs the server until ctx ends.
func serve(ctx context.Context, log *slog.Logger, o serveOptions) error {
	srv, err := server.New(nil, log, o.server)
	if err != nil {
		return usageError{"serve: " + err.Error()}
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()
	base := "http://" + ln.Addr().String()
	log.Info("listening", "url", base+"/graphql", "ready", base+"/readyz", "metrics", base+"/metrics")
	log.Info("config", "store", o.store.String(), "server", describe(o.server))

	srv.NotReady("connecting to the store")
	var store graph.Store
	var closeStore func() error
	err = standby.Retry(ctx, log, "store", o.backoff, func(ctx context.Context) error {
		var err error
		store, closeStore, err = o.open(ctx)
		return err
	})
	if err != nil {
		if ctx.Err() != nil {
			// Stopped while waiting for the store: a normal shutdown.
			return stopped(log, <-served)
		}
		// Not an unavailability (standby retries only those): bad
		// credentials or a schema error fail the same way every time.
		stop()
		return errors.Join(fmt.Errorf("serve: %w", err), <-served)
	}
	defer closeLogged(log, closeStore)()
	if err := srv.Connect(store); err != nil {
		stop()
		return errors.Join(fmt.Errorf("serve: %w", err), <-served)
	}

	if o.loadSeeds {
		srv.NotReady("loading the seeds")
		if err := loadOnStart(ctx, log, srv.Core(), o.corpus); err != nil {
			if ctx.Err() != nil {
				// Stopped while loading: a normal shutdown.
				return stopped(log, <-served)
			}
			stop()
			return errors.Join(fmt.Errorf("serve: %w", err), <-served)
		}
	}
	srv.MarkLoaded()
	stats, err := srv.Core().Store().Stats(ctx)
	if err != nil {
		log.Warn("store stats", "err", err)
	}
	log.Info("ready", "plans", stats.Plans, "reports", stats.LoadedReports, "tasks", stats.Tasks, "units", stats.Units)

	return stopped(log, <-served)
}

// stopped reports the end of serving: err from Server.Serve, or a log line.
func stopped(log *slog.Logger, err error) error {
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("stopped")
	return nil
}

// seedSource picks the documents and registry to load: a directory's, or
// the ones bundled in the binary.
func seedSource(seedsDir, regDir string) (duty.Corpus, error) {
	set, err := openSeeds(seedsDir, regDir, loader.Overrides{})
	return set.corpus, err
}

// seedSet is what serve loads: the documents, the registry they are read
// with, and the registry's files.
type seedSet struct {
	corpus        duty.Corpus
	registryFiles []string
}

// openSeeds picks the documents and registry to load: the bundled ones; a
// directory's, with the registry files it holds (see openRegistry); or one
// file's, with the registry of its folder and given (--year,
// --jurisdiction) over its folder's manifest entry.
func openSeeds(seedsPath, regDir string, given loader.Overrides) (seedSet, error) {
	var set seedSet
	set.corpus.Docs = seeds.FS
	dir := ""
	if seedsPath != "" {
		info, err := os.Stat(seedsPath)
		if err != nil {
			return set, fmt.Errorf("--seeds: %w", err)
		}
		dir = seedsPath
		if info.IsDir() {
			set.corpus.Docs = os.DirFS(seedsPath)
		} else {
			dir = filepath.Dir(seedsPath)
			if set.corpus.Docs, err = oneDocument(seedsPath, given); err != nil {
				return set, err
			}
		}
	}
	var err error
	set.corpus.Registry, set.registryFiles, err = openRegistry(regDir, dir)
	return set, err
}

// oneDocument is a folder holding only the document name, with a manifest
// giving what its folder's manifest and the command line say about it.
func oneDocument(name string, flags loader.Overrides) (fs.FS, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("--seeds: %w", err)
	}
	given, err := givenFor(name, flags)
	if err != nil {
		return nil, err
	}
	base := filepath.Base(name)
	fsys := fstest.MapFS{base: {Data: data}}
	if given != (loader.Overrides{}) {
		entry := map[string]any{}
		if given.Year != 0 {
			entry["year"] = given.Year
		}
		if given.Jurisdiction != "" {
			entry["jurisdiction"] = given.Jurisdiction
		}
		manifest, err := yaml.Marshal(map[string]any{base: entry})
		if err != nil {
			return nil, err
		}
		fsys[loader.ManifestFile] = &fstest.MapFile{Data: manifest}
	}
	return fsys, nil
}

// loadOnStart loads the seed documents, logging each document loaded,
// skipped or failed. A document that fails is left out — the others still
// serve — but a start that loads nothing fails.
func loadOnStart(ctx context.Context, log *slog.Logger, core *duty.Core, corpus duty.Corpus) error {
	start := time.Now()
	sum, err := core.Load(ctx, corpus)
	warnings := 0
	for _, f := range sum.Loaded {
		warnings += len(f.Warnings)
		log.Info("loaded", "file", f.File, "kind", f.Kind, "jurisdiction", f.Jurisdiction, "year", f.Year,
			"sections", f.Sections, "tasks", f.Tasks, "warnings", len(f.Warnings))
	}
	for _, l := range sum.Links {
		log.Info("symlink followed", "file", l.File, "target", l.Target)
	}
	for _, d := range sum.Duplicates {
		log.Info("duplicate not loaded", "file", d.File, "same text as", d.Of)
	}
	for _, f := range sum.Skipped {
		log.Info("skipped", "file", f.File, "why", f.Reason)
	}
	for _, f := range sum.Failed {
		log.Error("not loaded", "file", f.File, "err", f.Err)
	}
	if err != nil {
		return err
	}
	log.Info("seeds loaded", "documents", len(sum.Loaded), "tasks", sum.Tasks(), "warnings", warnings, "failed", len(sum.Failed),
		"duplicates", len(sum.Duplicates), "symlinks", len(sum.Links), "skipped", len(sum.Skipped),
		"took", time.Since(start).Round(time.Millisecond))
	return nil
}
