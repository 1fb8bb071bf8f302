package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/dutygraph/dutygraph/server"
)

// addServerFlags registers the limits and switches of the HTTP server on
// fl, with cfg's values as defaults. The admin token defaults to
// DUTYGRAPH_ADMIN_TOKEN, so that it need not be on a command line.
func addServerFlags(fl *flag.FlagSet, cfg *server.Config) {
	fl.IntVar(&cfg.GraphQL.MaxDepth, "max-depth", cfg.GraphQL.MaxDepth, "deepest nesting of fields a GraphQL query may have")
	fl.IntVar(&cfg.GraphQL.MaxComplexity, "max-complexity", cfg.GraphQL.MaxComplexity, "largest estimated cost of a GraphQL query (lists count as many times as the items they may hold)")
	fl.IntVar(&cfg.GraphQL.MaxPageSize, "max-page-size", cfg.GraphQL.MaxPageSize, "largest page (first) or ranked list (limit) a query may ask for")
	fl.IntVar(&cfg.GraphQL.MaxTokens, "max-query-tokens", cfg.GraphQL.MaxTokens, "most tokens the GraphQL parser reads in one query")
	fl.IntVar(&cfg.GraphQL.MaxFields, "max-fields", cfg.GraphQL.MaxFields, "most fields a GraphQL query may have, aliases included and fragments counted where spread (checked before validation)")
	fl.IntVar(&cfg.GraphQL.MaxSelectionFields, "max-selection-fields", cfg.GraphQL.MaxSelectionFields, "most fields one selection set of a query may have")
	fl.IntVar(&cfg.GraphQL.MaxRepeatedFields, "max-repeated-fields", cfg.GraphQL.MaxRepeatedFields, "most fields answering under one name in a selection set")
	fl.IntVar(&cfg.GraphQL.MaxErrors, "max-errors", cfg.GraphQL.MaxErrors, "most errors an answer lists; one more error counts the rest")
	fl.IntVar(&cfg.GraphQL.MaxAnswerBytes, "max-answer-bytes", cfg.GraphQL.MaxAnswerBytes, "largest GraphQL answer; a larger one is replaced by an ANSWER_TOO_LARGE error")
	fl.IntVar(&cfg.GraphQL.PersistedQueries, "persisted-queries", cfg.GraphQL.PersistedQueries, "automatic persisted queries kept by hash (0 turns them off)")
	fl.BoolVar(&cfg.GraphQL.Introspection, "introspection", cfg.GraphQL.Introspection, "answer schema introspection (__schema, __type); turn off in production with --introspection=false")
	fl.BoolVar(&cfg.IDE, "ide", cfg.IDE, "serve the GraphQL IDE on GET /graphql; turn off in production with --ide=false")
	fl.DurationVar(&cfg.RequestTimeout, "request-timeout", cfg.RequestTimeout, "longest time one request may take, store calls included")
	fl.Int64Var(&cfg.MaxBodyBytes, "max-body-bytes", cfg.MaxBodyBytes, "largest request body accepted; larger ones get 413")
	fl.IntVar(&cfg.MaxHeavy, "max-heavy", cfg.MaxHeavy, "heavy requests (networks, analyses, co-ownership, exports) run at once; cheap queries never wait for them")
	fl.IntVar(&cfg.HeavyQueue, "heavy-queue", cfg.HeavyQueue, "heavy requests that wait for a place; more are answered 503 with Retry-After at once")
	fl.DurationVar(&cfg.HeavyWait, "heavy-wait", cfg.HeavyWait, "longest wait of a heavy request for a place before a 503 with Retry-After")
	fl.Float64Var(&cfg.RateLimit, "rate-limit", cfg.RateLimit, "GraphQL and export requests a second one client (remote address) may make, over it 429; 0 is no limit")
	fl.IntVar(&cfg.RateBurst, "rate-burst", cfg.RateBurst, "requests one client may make at once under --rate-limit")
	fl.DurationVar(&cfg.ShutdownGrace, "shutdown-grace", cfg.ShutdownGrace, "on SIGTERM or SIGINT, how long requests in flight may finish before they are cut")
	fl.Func("metrics-operation", "GraphQL operation name the metrics keep apart, besides the viewer's and the IDE's ("+strings.Join(cfg.MetricOperations, ", ")+"); repeat or separate by commas", func(v string) error {
		cfg.MetricOperations = append(cfg.MetricOperations, splitList(v)...)
		return nil
	})
	fl.Func("cors-origin", "origin allowed to call the API from a browser, e.g. https://dash.example.org; repeat or separate by commas; * allows any (default: none)", func(v string) error {
		cfg.CORSOrigins = append(cfg.CORSOrigins, splitList(v)...)
		return nil
	})
	fl.Func("frame-ancestors", "origin allowed to embed the viewer and the IDE in a frame (a portal, a Grafana panel), e.g. https://grafana.example.org or https://*.example.org; repeat or separate by commas; * allows any (default: none, only this server's own pages)", func(v string) error {
		cfg.FrameAncestors = append(cfg.FrameAncestors, splitList(v)...)
		return nil
	})
	cfg.AdminToken = os.Getenv("DUTYGRAPH_ADMIN_TOKEN")
	fl.Func("admin-token", "bearer token that enables POST /admin/reload (at least 16 characters; env DUTYGRAPH_ADMIN_TOKEN, preferred over the flag); without one the route does not exist", func(v string) error {
		cfg.AdminToken = v
		return nil
	})
}

// splitList is the non-empty items of a comma-separated flag value.
func splitList(v string) []string {
	var items []string
	for _, item := range strings.Split(v, ",") {
		if item = strings.TrimSpace(item); item != "" {
			items = append(items, item)
		}
	}
	return items
}

// describe summarises a server configuration for the log: every setting
// but the admin token, of which only its presence shows.
func describe(c server.Config) string {
	admin := "off"
	if c.AdminToken != "" {
		admin = "on"
	}
	return fmt.Sprintf("max-depth=%d max-complexity=%d max-page-size=%d max-query-tokens=%d max-fields=%d max-selection-fields=%d max-repeated-fields=%d max-errors=%d max-answer-bytes=%d persisted-queries=%d introspection=%t ide=%t request-timeout=%s max-body-bytes=%d max-heavy=%d heavy-queue=%d heavy-wait=%s rate-limit=%g rate-burst=%d shutdown-grace=%s cors=%s frame-ancestors=%s admin=%s",
		c.GraphQL.MaxDepth, c.GraphQL.MaxComplexity, c.GraphQL.MaxPageSize, c.GraphQL.MaxTokens,
		c.GraphQL.MaxFields, c.GraphQL.MaxSelectionFields, c.GraphQL.MaxRepeatedFields, c.GraphQL.MaxErrors, c.GraphQL.MaxAnswerBytes, c.GraphQL.PersistedQueries, c.GraphQL.Introspection,
		c.IDE, c.RequestTimeout, c.MaxBodyBytes, c.MaxHeavy, c.HeavyQueue, c.HeavyWait, c.RateLimit, c.RateBurst, c.ShutdownGrace,
		listOrNone(c.CORSOrigins), listOrNone(c.FrameAncestors), admin)
}

// listOrNone writes a list setting for the log: its items, or none.
func listOrNone(items []string) string {
	if len(items) == 0 {
		return "none"
	}
	return strings.Join(items, ",")
}
