package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/memstore"
	"github.com/dutygraph/dutygraph/graph/neo4jstore"
)

// Store kinds accepted by --store.
const (
	storeMemory = "memory"
	storeNeo4j  = "neo4j"
)

// Defaults of the Neo4j flags when neither a flag nor the environment sets them.
const (
	defaultNeo4jURI     = "neo4j://localhost:7687"
	defaultNeo4jUser    = "neo4j"
	defaultNeo4jTimeout = 30 * time.Second
)

// neo4jSchemes are the URI schemes the driver speaks: bolt* talks to one
// server, neo4j* asks the cluster for a routing table and sends reads to
// readers; +s verifies TLS, +ssc accepts a self-signed certificate.
var neo4jSchemes = []string{"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"}

// storeConfig selects and configures the store; filled from flags with
// environment defaults.
type storeConfig struct {
	Kind          string // memory|neo4j
	Neo4jURI      string
	Neo4jUser     string
	Neo4jPassword string
	Neo4jDatabase string // "" is the server's default database
	BatchSize     int
	Timeout       time.Duration // per store call, and for the first connection
}

// addFlags registers the store flags on fs. Defaults come from NEO4J_URI,
// NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE so that a container or
// CI job configures the store without putting the password on a command line.
func (c *storeConfig) addFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.Kind, "store", storeMemory, "where the graph lives: memory (embedded, lost on exit) or neo4j")
	fs.StringVar(&c.Neo4jURI, "neo4j-uri", envOr("NEO4J_URI", defaultNeo4jURI),
		"Neo4j URI: bolt://, bolt+s:// (one server) or neo4j://, neo4j+s:// (cluster routing, reads go to readers) (env NEO4J_URI)")
	fs.StringVar(&c.Neo4jUser, "neo4j-user", envOr("NEO4J_USERNAME", defaultNeo4jUser), "Neo4j user (env NEO4J_USERNAME)")
	fs.StringVar(&c.Neo4jPassword, "neo4j-password", os.Getenv("NEO4J_PASSWORD"),
		"Neo4j password; empty connects without authentication (env NEO4J_PASSWORD, preferred over the flag)")
	fs.StringVar(&c.Neo4jDatabase, "neo4j-database", os.Getenv("NEO4J_DATABASE"), "Neo4j database; empty uses the server's default (env NEO4J_DATABASE)")
	fs.IntVar(&c.BatchSize, "neo4j-batch-size", neo4jstore.DefaultBatchSize, "rows per UNWIND statement when loading into Neo4j")
	fs.DurationVar(&c.Timeout, "neo4j-timeout", defaultNeo4jTimeout, "deadline of each Neo4j call and of the first connection")
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

// validate checks the configuration once, before anything connects. Its
// messages never contain the password.
func (c storeConfig) validate() error {
	switch c.Kind {
	case storeMemory:
		return nil
	case storeNeo4j:
	default:
		return fmt.Errorf("--store %q: want %s or %s", c.Kind, storeMemory, storeNeo4j)
	}
	if err := validateNeo4jURI(c.Neo4jURI); err != nil {
		return err
	}
	if c.Neo4jPassword != "" && c.Neo4jUser == "" {
		return errors.New("--neo4j-password is set but --neo4j-user (NEO4J_USERNAME) is empty")
	}
	if c.BatchSize < 1 {
		return fmt.Errorf("--neo4j-batch-size %d: want at least 1", c.BatchSize)
	}
	if c.Timeout <= 0 {
		return fmt.Errorf("--neo4j-timeout %s: want a positive duration", c.Timeout)
	}
	return nil
}

// validateNeo4jURI accepts the driver's schemes with a host and no
// credentials. Errors quote only the scheme and host: a URI can carry a
// password, and url.Parse's own errors would repeat it.
func validateNeo4jURI(raw string) error {
	if raw == "" {
		return errors.New("--neo4j-uri is empty: set it or NEO4J_URI, e.g. neo4j://localhost:7687")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return errors.New("--neo4j-uri is not a valid URI: want e.g. neo4j://localhost:7687")
	}
	known := false
	for _, s := range neo4jSchemes {
		known = known || u.Scheme == s
	}
	if !known {
		return fmt.Errorf("--neo4j-uri scheme %q is not supported: want one of %s", u.Scheme, strings.Join(neo4jSchemes, ", "))
	}
	if u.User != nil {
		return fmt.Errorf("--neo4j-uri %s://%s… carries credentials: pass them with --neo4j-user and NEO4J_PASSWORD instead", u.Scheme, u.Host)
	}
	if u.Hostname() == "" {
		return fmt.Errorf("--neo4j-uri %s:// names no host: want e.g. %s://localhost:7687", u.Scheme, u.Scheme)
	}
	return nil
}

// String describes the configuration for logs, with the password masked.
func (c storeConfig) String() string {
	if c.Kind != storeNeo4j {
		return "store=" + c.Kind
	}
	pw := "(none)"
	if c.Neo4jPassword != "" {
		pw = "****"
	}
	db := c.Neo4jDatabase
	if db == "" {
		db = "(default)"
	}
	return fmt.Sprintf("store=neo4j uri=%s user=%s password=%s database=%s batch=%d timeout=%s",
		neo4jstore.RedactURI(c.Neo4jURI), c.Neo4jUser, pw, db, c.BatchSize, c.Timeout)
}

// closeLogged makes a store's close a call to defer: closing after the
// work is done can only be reported, so a failure is a log line, not the
// command's error.
func closeLogged(log *slog.Logger, closeStore func() error) func() {
	return func() {
		if err := closeStore(); err != nil {
			log.Warn("closing the store", "err", err)
		}
	}
}

// openStore opens the configured store. The returned close function releases
// it (the Neo4j driver's connections); the caller owns it and must call it
// once, also after a later error.
func openStore(ctx context.Context, c storeConfig, log *slog.Logger) (graph.Store, func() error, error) {
	if err := c.validate(); err != nil {
		return nil, nil, usageError{err.Error()}
	}
	if c.Kind == storeMemory {
		log.Info("store opened", "store", storeMemory)
		return memstore.New(), func() error { return nil }, nil
	}

	st, closeStore, err := neo4jstore.Open(ctx,
		neo4jstore.Server{URI: c.Neo4jURI, User: c.Neo4jUser, Password: c.Neo4jPassword},
		neo4jstore.Options{Database: c.Neo4jDatabase, BatchSize: c.BatchSize, Timeout: c.Timeout})
	if err != nil {
		return nil, nil, err
	}
	log.Info("store opened", "config", c.String())
	return st, closeStore, nil
}
