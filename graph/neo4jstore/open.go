package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/dutygraph/dutygraph/graph"
)

// Server says how to reach a Neo4j server.
type Server struct {
	URI      string // bolt://, neo4j:// …, without credentials
	User     string
	Password string // "" connects without authentication
}

// Open connects to the server, checks that it answers, and returns the
// store with the function that closes its connections (the caller's to
// call once, also after a later error). A server that does not answer
// gives an error wrapping graph.ErrUnavailable; one that refuses the
// credentials, or any other error, does not (trying again would not help),
// and says which; no error repeats the password.
func Open(ctx context.Context, srv Server, opts Options) (*Store, func() error, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, nil, err
	}
	auth := neo4j.NoAuth()
	if srv.Password != "" {
		auth = neo4j.BasicAuth(srv.User, srv.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(srv.URI, auth)
	if err != nil {
		return nil, nil, fmt.Errorf("neo4j driver for %s: %s", RedactURI(srv.URI), redact(err, srv.Password))
	}
	closeDriver := func() error {
		cctx, cancel := context.WithTimeout(context.Background(), opts.Timeout)
		defer cancel()
		return driver.Close(cctx)
	}

	vctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	err = driver.VerifyConnectivity(vctx)
	cancel()
	if err != nil {
		_ = closeDriver()
		return nil, nil, connectError(srv, err)
	}
	st, err := New(ctx, driver, opts)
	if err != nil {
		_ = closeDriver()
		return nil, nil, fmt.Errorf("neo4j store at %s: %w", RedactURI(srv.URI), err)
	}
	return st, closeDriver, nil
}

// connectError explains a failed first connection. It wraps
// graph.ErrUnavailable when the server could not be reached (see
// unavailable), not the driver's error, whose text could in principle echo
// what it was given.
func connectError(srv Server, err error) error {
	msg := fmt.Sprintf("connect to Neo4j at %s: %s", RedactURI(srv.URI), redact(err, srv.Password))
	var n4 *neo4j.Neo4jError
	switch {
	case unavailable(err):
		return fmt.Errorf("%s (is Neo4j running and reachable?): %w", msg, graph.ErrUnavailable)
	case errors.As(err, &n4) && n4.HasSecurityCode():
		return fmt.Errorf("%s (authentication failed for user %q: check NEO4J_USERNAME and NEO4J_PASSWORD)", msg, srv.User)
	}
	return errors.New(msg)
}

// redact returns err's message with every occurrence of the password masked.
func redact(err error, password string) string {
	msg := err.Error()
	if password != "" {
		msg = strings.ReplaceAll(msg, password, "****")
	}
	return msg
}

// RedactURI keeps scheme, host and path of a URI and drops anything that
// could be a secret (user info, query), for logs and errors.
func RedactURI(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(invalid URI)"
	}
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
}
