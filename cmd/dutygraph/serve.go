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
	"testing/fstest"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/dutygraph/dutygraph/corpus"
	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/standby"
	"github.com/dutygraph/dutygraph/loader"
	"github.com/dutygraph/dutygraph/seeds"
	"github.com/dutygraph/dutygraph/server"
)

var serveCommand = command{
	name:    "serve",
	summary: "answer GraphQL queries about the corpus (the data directory, a folder, or Neo4j)",
	run:     runServe,
}

// defaultAddr is loopback only: exposing the API is a deliberate choice.
const defaultAddr = "127.0.0.1:8080"

// watchEvery is how often --watch looks for changes.
const watchEvery = 2 * time.Second

// runServe is `dutygraph serve`: it listens at once (/healthz answers 200,
// /readyz 503), connects to the store — retrying with backoff while it is
// unreachable — loads the corpus, then reports ready and serves until ctx
// ends, draining requests in flight.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	addr := fl.String("addr", defaultAddr, "address to listen on, host:port (port 0 picks a free port)")
	seedsDir := fl.String("seeds", "", "serve this directory of plans and reports alone (with its units.yaml, jurisdictions.yaml and "+loader.ManifestFile+" if it has them), or one such file, instead of the data directory; with --store neo4j, what --load-seeds loads (default: the seeds bundled in the binary)")
	regDir := registryFlag(fl, "the --seeds directory (a file's: the one it is in) when it has them, else the bundled registry")
	given := givenFlags(fl)
	data := dataFlag(fl)
	watch := fl.Bool("watch", false, "follow the corpus: reload when a file of the --seeds folder changes, or when load or remove change the data directory")
	loadSeeds := fl.Bool("load-seeds", false, "with --store neo4j: add the --seeds documents (or the bundled seeds) to the store on start")
	var sc storeConfig
	sc.addFlags(fl)
	cfg := server.DefaultConfig()
	retryMax := fl.Duration("store-retry-max", standby.DefaultBackoff.Max, "longest wait between attempts to reach an unreachable store (the first waits 0.5s, each next twice as long)")
	addServerFlags(fl, &cfg)
	fl.Usage = func() {
		fmt.Fprintln(stderr, "Usage: dutygraph serve [--addr HOST:PORT] [--data DIR | --seeds DIR|FILE [--year N] [--jurisdiction PLACE]] [--watch] [--store memory|neo4j [--load-seeds]] [flags]")
		fmt.Fprintln(stderr, "\nServes the GraphQL API: POST /graphql (queries), GET /graphql (an IDE in the")
		fmt.Fprintln(stderr, "browser), GET /viewer (the co-ownership network), GET /export/… (GraphML, GEXF,")
		fmt.Fprintln(stderr, "Cypher, CSV, XLSX), GET /healthz (200 while the process serves), GET /readyz (200")
		fmt.Fprintln(stderr, "once the graph is loaded and the store answers, 503 with a reason before),")
		fmt.Fprintln(stderr, "GET /metrics (Prometheus), and POST /admin/reload (only with --admin-token, and")
		fmt.Fprintln(stderr, "only for requests bearing it).")
		fmt.Fprintln(stderr, "\nThe embedded store (the default) answers from the corpus kept in the data")
		fmt.Fprintln(stderr, "directory: what `dutygraph load` added and `dutygraph remove` did not take out;")
		fmt.Fprintln(stderr, "on a first run with an empty data directory, the seeds bundled in the binary.")
		fmt.Fprintln(stderr, "With --seeds it answers from that folder alone. A reload (POST /admin/reload, or")
		fmt.Fprintln(stderr, "--watch) makes it hold what its corpus holds then, removed files included, and")
		fmt.Fprintln(stderr, "swaps it in whole: a query sees the corpus before or after, never a mix. A document")
		fmt.Fprintln(stderr, "whose new text lost most of its tasks keeps its old one (POST /admin/reload?force=true")
		fmt.Fprintln(stderr, "replaces it). A Neo4j store keeps what was loaded before; an unreachable Neo4j is")
		fmt.Fprintln(stderr, "retried with backoff until it answers. Stops on SIGINT or SIGTERM, letting requests")
		fmt.Fprintln(stderr, "in flight finish (up to --shutdown-grace). Heavy requests (networks, analyses,")
		fmt.Fprintln(stderr, "exports) run --max-heavy at once; cheap queries never wait for them.")
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
	backoff := standby.DefaultBackoff
	backoff.Max = *retryMax
	if err := errors.Join(sc.validate(), backoff.Validate()); err != nil {
		return usageError{"serve: " + err.Error()}
	}
	src, err := openSource(sc, *seedsDir, *regDir, *given, *data, log)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	var served corpus.Served
	if cfg.AdminToken != "" {
		cfg.Reload = func(ctx context.Context, force bool) (corpus.Outcome, error) {
			return served.Reload(ctx, force, true)
		}
	}
	if err := cfg.Validate(); err != nil {
		return usageError{"serve: " + err.Error()}
	}
	opts := serveOptions{
		addr: *addr, store: sc, server: cfg, backoff: backoff, source: src, served: &served, watch: *watch,
		loadOnStart: sc.Kind == storeMemory || *loadSeeds,
		open:        func(ctx context.Context) (graph.Store, func() error, error) { return openStore(ctx, sc, log) },
	}
	return serve(ctx, log, opts)
}

// serveOptions is a validated serve configuration.
type serveOptions struct {
	addr        string
	store       storeConfig
	server      server.Config
	backoff     standby.Backoff
	source      source
	served      *corpus.Served // what the server's Reload reloads
	loadOnStart bool
	watch       bool
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
	log.Info("config", "store", o.store.String(), "corpus", o.source.name, "server", describe(o.server))

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

	o.served.Source, o.served.Guard = o.source.read, o.source.guard
	if o.store.Kind == storeMemory {
		o.served.Swap = srv.Connect
	} else {
		o.served.Store = store
	}
	if o.loadOnStart {
		srv.NotReady("loading the corpus")
		start := time.Now()
		out, err := o.served.Reload(ctx, false, false)
		logOutcome(log, out)
		if err != nil {
			if ctx.Err() != nil {
				// Stopped while loading: a normal shutdown.
				return stopped(log, <-served)
			}
			stop()
			return errors.Join(fmt.Errorf("serve: %w", err), <-served)
		}
		log.Info("corpus loaded", "documents", len(out.Change.Next), "tasks", corpus.Tasks(out.Change.Next),
			"failed", len(out.Read.Failed), "took", time.Since(start).Round(time.Millisecond))
	}
	srv.MarkLoaded()
	stats, err := srv.Core().Store().Stats(ctx)
	if err != nil {
		log.Warn("store stats", "err", err)
	}
	log.Info("ready", "plans", stats.Plans, "reports", stats.LoadedReports, "tasks", stats.Tasks, "units", stats.Units)
	if o.watch {
		go follow(ctx, log, o.source.version, o.served)
	}
	return stopped(log, <-served)
}

// follow reloads the corpus whenever its version changes, until ctx ends.
func follow(ctx context.Context, log *slog.Logger, version func() string, served *corpus.Served) {
	tick := time.NewTicker(watchEvery)
	defer tick.Stop()
	seen := version()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		now := version()
		if now == seen {
			continue
		}
		seen = now
		out, err := served.Reload(ctx, false, true)
		logOutcome(log, out)
		if err != nil {
			log.Error("reload failed; still serving the corpus as it was", "err", err)
			continue
		}
		log.Info("reloaded", "added", len(out.Change.Added), "changed", len(out.Change.Changed), "removed", len(out.Change.Removed),
			"kept", len(out.Change.Kept), "documents", len(out.Change.Next), "tasks", corpus.Tasks(out.Change.Next))
	}
}

// stopped reports the end of serving: err from Server.Serve, or a log line.
func stopped(log *slog.Logger, err error) error {
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("stopped")
	return nil
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

// logOutcome logs what a load of the corpus read and changed.
func logOutcome(log *slog.Logger, out corpus.Outcome) {
	sum := out.Read
	for _, f := range sum.Loaded {
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
	for _, k := range out.Change.Kept {
		log.Warn("shrunk sharply, old text kept", "document", k.Old.ID, "tasks", k.Old.Tasks, "new tasks", k.NewTasks, "file", k.NewFile)
	}
	for _, d := range out.Change.Removed {
		log.Info("removed", "document", d.ID, "file", d.Source)
	}
}
