// Package neo4jlive opens the live Neo4j server that the tests needing one
// run against: the one NEO4J_URI names, with the credentials of the URI's
// user info or of NEO4J_USERNAME and NEO4J_PASSWORD. Without NEO4J_URI
// such a test skips, saying how to run it; a server named but not
// answering fails it, so that it never passes unnoticed.
package neo4jlive

import (
	"context"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stretchr/testify/require"
)

// Open returns a driver on the server, closed when the test ends, or skips
// the test with skip when NEO4J_URI is unset.
func Open(t testing.TB, skip string) neo4j.DriverWithContext {
	t.Helper()
	raw := os.Getenv("NEO4J_URI")
	if raw == "" {
		t.Skip(skip)
	}
	target, auth := credentials(t, raw)
	driver, err := neo4j.NewDriverWithContext(target, auth)
	require.NoError(t, err, "NEO4J_URI")
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = driver.Close(ctx)
	})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	require.NoError(t, driver.VerifyConnectivity(ctx), "NEO4J_URI is set but the server does not answer")
	return driver
}

// credentials takes them from the URI's user info, else from
// NEO4J_USERNAME (default neo4j) and NEO4J_PASSWORD; none without a
// password.
func credentials(t testing.TB, raw string) (string, neo4j.AuthToken) {
	t.Helper()
	u, err := url.Parse(raw)
	require.NoError(t, err, "NEO4J_URI is not a URI")
	if u.User != nil {
		pw, _ := u.User.Password()
		user := u.User.Username()
		u.User = nil
		return u.String(), neo4j.BasicAuth(user, pw, "")
	}
	pw := os.Getenv("NEO4J_PASSWORD")
	if pw == "" {
		return raw, neo4j.NoAuth()
	}
	user := os.Getenv("NEO4J_USERNAME")
	if user == "" {
		user = "neo4j"
	}
	return raw, neo4j.BasicAuth(user, pw, "")
}
