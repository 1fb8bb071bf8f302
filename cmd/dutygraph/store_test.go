package main

import (
	"bytes"
	"flag"
	"io"
	"log/slog"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
)

// secret is a password the tests make sure never shows.
const secret = "s3cr3t-Pa55w0rd"

func parseStoreFlags(t *testing.T, args ...string) storeConfig {
	t.Helper()
	var c storeConfig
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c.addFlags(fs)
	require.NoError(t, fs.Parse(args))
	return c
}

func TestStoreFlagsDefaultFromEnvironment(t *testing.T) {
	t.Setenv("NEO4J_URI", "neo4j+s://db.example.org")
	t.Setenv("NEO4J_USERNAME", "reader")
	t.Setenv("NEO4J_PASSWORD", secret)
	t.Setenv("NEO4J_DATABASE", "duties")
	c := parseStoreFlags(t, "--store", "neo4j")
	require.Equal(t, storeConfig{
		Kind: "neo4j", Neo4jURI: "neo4j+s://db.example.org", Neo4jUser: "reader", Neo4jPassword: secret,
		Neo4jDatabase: "duties", BatchSize: 500, Timeout: 30 * time.Second,
	}, c)
	require.NoError(t, c.validate())

	c = parseStoreFlags(t, "--neo4j-uri", "bolt://other:7687", "--neo4j-user", "admin", "--neo4j-batch-size", "50", "--neo4j-timeout", "5s")
	require.Equal(t, "memory", c.Kind, "the embedded store is the default")
	require.Equal(t, "bolt://other:7687", c.Neo4jURI, "a flag beats the environment")
	require.Equal(t, "admin", c.Neo4jUser)
	require.Equal(t, 50, c.BatchSize)
	require.Equal(t, 5*time.Second, c.Timeout)
}

func TestStoreFlagsWithoutEnvironment(t *testing.T) {
	for _, name := range []string{"NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"} {
		t.Setenv(name, "")
	}
	c := parseStoreFlags(t)
	require.Equal(t, "neo4j://localhost:7687", c.Neo4jURI)
	require.Equal(t, "neo4j", c.Neo4jUser)
	require.Empty(t, c.Neo4jPassword)
	require.Empty(t, c.Neo4jDatabase)
}

func TestStoreConfigValidate(t *testing.T) {
	good := storeConfig{Kind: "neo4j", Neo4jURI: "neo4j://localhost:7687", Neo4jUser: "neo4j", Neo4jPassword: secret, BatchSize: 500, Timeout: time.Second}
	for _, scheme := range []string{"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"} {
		c := good
		c.Neo4jURI = scheme + "://db.example.org:7687"
		require.NoError(t, c.validate(), scheme)
	}
	require.NoError(t, storeConfig{Kind: "memory"}.validate(), "memory needs no Neo4j settings")

	for _, tc := range []struct {
		name   string
		change func(*storeConfig)
		want   string
	}{
		{"unknown store", func(c *storeConfig) { c.Kind = "postgres" }, `--store "postgres": want memory or neo4j`},
		{"empty uri", func(c *storeConfig) { c.Neo4jURI = "" }, "--neo4j-uri is empty"},
		{"http scheme", func(c *storeConfig) { c.Neo4jURI = "http://localhost:7474" }, `scheme "http" is not supported`},
		{"no scheme", func(c *storeConfig) { c.Neo4jURI = "localhost:7687" }, "is not supported"},
		{"no host", func(c *storeConfig) { c.Neo4jURI = "neo4j://" }, "names no host"},
		{"credentials in uri", func(c *storeConfig) { c.Neo4jURI = "neo4j://neo4j:" + secret + "@db:7687" }, "carries credentials"},
		{"unparsable uri", func(c *storeConfig) { c.Neo4jURI = "neo4j://neo4j:" + secret + "@db:port%zz" }, "not a valid URI"},
		{"password without user", func(c *storeConfig) { c.Neo4jUser = "" }, "--neo4j-user"},
		{"batch size", func(c *storeConfig) { c.BatchSize = 0 }, "--neo4j-batch-size 0"},
		{"timeout", func(c *storeConfig) { c.Timeout = 0 }, "--neo4j-timeout"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := good
			tc.change(&c)
			err := c.validate()
			require.ErrorContains(t, err, tc.want)
			require.NotContains(t, err.Error(), secret)
		})
	}
}

func TestStoreConfigStringMasksPassword(t *testing.T) {
	c := storeConfig{Kind: "neo4j", Neo4jURI: "neo4j://db:7687", Neo4jUser: "neo4j", Neo4jPassword: secret, BatchSize: 500, Timeout: time.Second}
	s := c.String()
	require.NotContains(t, s, secret)
	require.Contains(t, s, "password=****")
	require.Contains(t, s, "uri=neo4j://db:7687")
	require.Contains(t, s, "database=(default)")

	c.Neo4jURI = "neo4j://neo4j:" + secret + "@db:7687?token=" + secret
	require.NotContains(t, c.String(), secret, "a URI's own secrets are dropped too")

	c.Neo4jPassword = ""
	require.Contains(t, c.String(), "password=(none)")
	require.Equal(t, "store=memory", storeConfig{Kind: "memory"}.String())
}

func TestOpenStoreMemory(t *testing.T) {
	st, closeStore, err := openStore(t.Context(), storeConfig{Kind: "memory"}, slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	require.NoError(t, closeStore())
	stats, err := st.Stats(t.Context())
	require.NoError(t, err)
	require.Equal(t, graph.Stats{}, stats)
}

// closedPort returns a local address nothing listens on: connecting there
// fails at once, without any network beyond the loopback.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	return addr
}

func TestOpenStoreNeo4jUnreachableKeepsPasswordSecret(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	c := storeConfig{
		Kind: "neo4j", Neo4jURI: "bolt://" + closedPort(t), Neo4jUser: "neo4j", Neo4jPassword: secret,
		BatchSize: 10, Timeout: 3 * time.Second,
	}
	_, _, err := openStore(t.Context(), c, log)
	require.Error(t, err)
	require.ErrorIs(t, err, graph.ErrUnavailable)
	require.Contains(t, err.Error(), "connect to Neo4j at bolt://127.0.0.1:")
	require.NotContains(t, err.Error(), secret)
	require.NotContains(t, logs.String(), secret)
}

func TestOpenStoreNeo4jBadConfigIsAUsageError(t *testing.T) {
	c := storeConfig{Kind: "neo4j", Neo4jURI: "neo4j://neo4j:" + secret + "@db:7687", Neo4jUser: "neo4j", Neo4jPassword: secret, BatchSize: 10, Timeout: time.Second}
	_, _, err := openStore(t.Context(), c, slog.New(slog.DiscardHandler))
	var u usageError
	require.ErrorAs(t, err, &u)
	require.Equal(t, 2, exitCode(err))
	require.NotContains(t, err.Error(), secret)
}
