// Package neo4jstore keeps dutygraph's graph in Neo4j 5 (Community or
// Enterprise, single server, cluster or Aura) behind the graph.Store
// interface, with answers identical to the embedded store's.
//
// Every query is a constant Cypher string with $parameters; no value is ever
// written into a query. Loads run in one write transaction per document
// (session.ExecuteWrite, retried by the driver on transient errors); reads
// run in read transactions (session.ExecuteRead), which a neo4j:// URI
// routes to the cluster's readers.
//
// Every node carries a namespace property, ns, and every query matches on
// it. Production uses the empty namespace; the conformance tests give each
// test its own, so that they can share one live server (Community has a
// single database) and delete exactly what they wrote.
package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/dutygraph/dutygraph/graph"
)

// Defaults for zero Options fields.
const (
	DefaultBatchSize = 500
	DefaultTimeout   = 30 * time.Second
)

// Options configures a Store.
type Options struct {
	// Database is the Neo4j database; "" uses the server's default.
	Database string
	// BatchSize is the number of rows per UNWIND statement on load.
	BatchSize int
	// Timeout bounds every store call, on the client (context deadline) and
	// on the server (transaction timeout).
	Timeout time.Duration
	// Namespace isolates this store's nodes from others in the same
	// database; "" in production. Tests use a unique one each.
	Namespace string
}

// Store is a graph.Store on Neo4j.
type Store struct {
	exec executor
	opts Options
}

var (
	_ graph.Store     = (*Store)(nil)
	_ graph.Versioned = (*Store)(nil)
)

// New returns a store on driver, which the caller keeps and closes, after
// making sure the constraints and indexes exist and that the namespace is
// of the store's format (see checkFormat).
func New(ctx context.Context, driver neo4j.DriverWithContext, opts Options) (*Store, error) {
	if driver == nil {
		return nil, fmt.Errorf("neo4jstore: nil driver: %w", graph.ErrInvalid)
	}
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	s := newStore(driverExecutor{
		driver:    driver,
		database:  opts.Database,
		timeout:   opts.Timeout,
		bookmarks: neo4j.NewBookmarkManager(neo4j.BookmarkManagerConfig{}),
	}, opts)
	if err := s.EnsureSchema(ctx); err != nil {
		return nil, err
	}
	if err := s.checkFormat(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

func newStore(exec executor, opts Options) *Store {
	return &Store{exec: exec, opts: opts}
}

func (o Options) withDefaults() (Options, error) {
	if o.BatchSize < 0 {
		return o, fmt.Errorf("neo4jstore: batch size %d: %w", o.BatchSize, graph.ErrInvalid)
	}
	if o.BatchSize == 0 {
		o.BatchSize = DefaultBatchSize
	}
	if o.Timeout < 0 {
		return o, fmt.Errorf("neo4jstore: timeout %s: %w", o.Timeout, graph.ErrInvalid)
	}
	if o.Timeout == 0 {
		o.Timeout = DefaultTimeout
	}
	return o, nil
}

// statement is one Cypher query and its parameters.
type statement struct {
	cypher string
	params map[string]any
}

// runner runs statements inside one transaction. It is the boundary the
// unit tests record at: everything the store sends to Neo4j passes here.
type runner interface {
	run(ctx context.Context, s statement) ([]*neo4j.Record, error)
}

// executor opens transactions: a driver session in production.
type executor interface {
	write(ctx context.Context, work func(runner) error) error
	read(ctx context.Context, work func(runner) error) error
}

// driverExecutor runs work in managed transactions, which the driver retries
// on transient errors (leader switch, deadlock) until its retry time is up.
// All its sessions share one bookmark manager: in a cluster, a read that
// follows a load of this store waits until its reader has that load, so
// the store reads its own writes even on read replicas.
type driverExecutor struct {
	driver    neo4j.DriverWithContext
	database  string
	timeout   time.Duration
	bookmarks neo4j.BookmarkManager
}

func (d driverExecutor) write(ctx context.Context, work func(runner) error) error {
	return d.execute(ctx, neo4j.AccessModeWrite, work)
}

func (d driverExecutor) read(ctx context.Context, work func(runner) error) error {
	return d.execute(ctx, neo4j.AccessModeRead, work)
}

func (d driverExecutor) execute(parent context.Context, mode neo4j.AccessMode, work func(runner) error) error {
	if err := parent.Err(); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(parent, d.timeout)
	defer cancel()
	session := d.driver.NewSession(ctx, neo4j.SessionConfig{
		DatabaseName: d.database, AccessMode: mode, BookmarkManager: d.bookmarks,
	})
	// Closed without the deadline, so a timed-out call still hands its
	// connection back to the pool.
	defer session.Close(context.WithoutCancel(ctx))
	tw := func(tx neo4j.ManagedTransaction) (any, error) { return nil, work(txRunner{tx}) }
	var err error
	if mode == neo4j.AccessModeRead {
		_, err = session.ExecuteRead(ctx, tw, neo4j.WithTxTimeout(d.timeout))
	} else {
		_, err = session.ExecuteWrite(ctx, tw, neo4j.WithTxTimeout(d.timeout))
	}
	if err != nil && parent.Err() != nil {
		// The caller gave up; say so in a way errors.Is recognises, which
		// the driver's own errors do not always do.
		return fmt.Errorf("%w (%v)", parent.Err(), err)
	}
	return err
}

type txRunner struct{ tx neo4j.ManagedTransaction }

func (r txRunner) run(ctx context.Context, s statement) ([]*neo4j.Record, error) {
	res, err := r.tx.Run(ctx, s.cypher, s.params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// translate turns driver errors into the domain's, keeping domain errors
// raised inside a transaction as they are.
func translate(op string, err error) error {
	if err == nil {
		return nil
	}
	for _, domain := range []error{graph.ErrNotFound, graph.ErrAmbiguous, graph.ErrInvalid, graph.ErrUnavailable, context.Canceled} {
		if errors.Is(err, domain) {
			return err
		}
	}
	if unavailable(err) {
		return fmt.Errorf("neo4j %s: %w: %w", op, err, graph.ErrUnavailable)
	}
	return fmt.Errorf("neo4j %s: %w", op, err)
}

// unavailable says whether err means Neo4j cannot answer now but may
// later: no connection, no connection free in the pool, a deadline, the
// driver's retries exhausted, a transient or cluster-role server error.
// It is the one place that decides: errors it accepts are wrapped with
// graph.ErrUnavailable (by translate and connectError), and only those are
// retried by `serve` (graph/standby). Anything else — credentials refused,
// a Cypher, schema or constraint error — fails the same way every time.
func unavailable(err error) bool {
	var conn *neo4j.ConnectivityError
	var limit *neo4j.TransactionExecutionLimit
	var n4 *neo4j.Neo4jError
	switch {
	case errors.As(err, &n4):
		return n4.IsRetriable()
	case errors.As(err, &conn), errors.As(err, &limit), errors.Is(err, context.DeadlineExceeded):
		return true
	}
	return neo4j.IsRetryable(err)
}
