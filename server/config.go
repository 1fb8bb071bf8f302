package server

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/dutygraph/dutygraph/corpus"
	"github.com/dutygraph/dutygraph/resolvers"
)

// Defaults of Config.
const (
	// DefaultMaxBodyBytes bounds a request body; real queries are a few KB.
	DefaultMaxBodyBytes = 1 << 20
	// DefaultRequestTimeout bounds the work of one request, store calls
	// included.
	DefaultRequestTimeout = 30 * time.Second
	// DefaultReadyTimeout bounds the store call /readyz makes.
	DefaultReadyTimeout = 2 * time.Second

	// DefaultHeavyWait is how long a heavy request waits for a place before
	// a 503: about one heavy answer's time.
	DefaultHeavyWait = 3 * time.Second
	// DefaultRateBurst is how many requests a rate-limited client may send
	// at once: a page of the viewer or the IDE sends a few.
	DefaultRateBurst = 20
	// DefaultShutdownGrace is how long a stopping server lets the requests
	// in flight finish: as long as one may take.
	DefaultShutdownGrace = DefaultRequestTimeout
)

// DefaultMaxHeavy is how many heavy requests run at once unless told: one
// per core, at least two. Heavy work is CPU-bound (the viewer's
// whole-network query on 100,000 tasks takes seconds of one core and some
// 200 MB), so more at once would only make each slower and take more
// memory.
func DefaultMaxHeavy() int { return max(2, runtime.GOMAXPROCS(0)) }

// DefaultMetricOperations are the operation names of the clients bundled
// with the server (the viewer and the IDE's examples), which the metrics
// keep apart without being told.
var DefaultMetricOperations = []string{"Network", "Search", "UnitWorkload", "TopPairs", "WorkloadChange"}

// Config is everything a Server can be told; start from DefaultConfig. It
// is validated once, in New.
type Config struct {
	// GraphQL bounds queries (depth, complexity, tokens), and turns
	// persisted queries and introspection on or off.
	GraphQL resolvers.Options

	// RequestTimeout bounds one request; MaxBodyBytes its body.
	RequestTimeout time.Duration
	MaxBodyBytes   int64
	// ReadyTimeout bounds the store call of /readyz.
	ReadyTimeout time.Duration

	// MaxHeavy bounds the heavy requests running at once: GraphQL
	// operations that build networks or compare texts (see heavyFields) and
	// exports. Up to HeavyQueue more (by default twice MaxHeavy) wait, each
	// at most HeavyWait, for a place; the others are answered 503 with
	// Retry-After. Cheap requests never wait.
	MaxHeavy   int
	HeavyQueue int
	HeavyWait  time.Duration

	// RateLimit, when positive, bounds the GraphQL and export requests of
	// one client (by remote address) to that many a second, with bursts of
	// RateBurst; over it, they are answered 429. Behind a proxy every
	// client has the proxy's address: limit there instead.
	RateLimit float64
	RateBurst int

	// ShutdownGrace is how long Serve, once stopped, lets the requests in
	// flight finish before cutting them.
	ShutdownGrace time.Duration

	// MetricOperations are the GraphQL operation names the metrics keep
	// apart; others count as "other", so that clients cannot fill the
	// series with names of their own.
	MetricOperations []string

	// IDE serves the GraphQL IDE on GET /graphql.
	IDE bool
	// CORSOrigins are the origins (scheme://host[:port]) whose pages may
	// call the API from a browser; "*" allows any. Empty allows none.
	CORSOrigins []string
	// FrameAncestors are the origins (scheme://host[:port], the host may
	// start with *.) whose pages may embed the viewer and the IDE in a
	// frame (a portal, a Grafana panel), besides the server's own; "*"
	// allows any. Empty allows only the server's own pages.
	FrameAncestors []string

	// AdminToken, when set, enables POST /admin/reload for requests bearing
	// it. It is a secret: never logged.
	AdminToken string
	// Reload makes the store follow its corpus (a folder, the data
	// directory) as POST /admin/reload asks, forced or not (see
	// corpus.Served.Reload); required with AdminToken.
	Reload func(ctx context.Context, force bool) (corpus.Outcome, error)
}

// DefaultConfig is a server for a trusted network: the IDE and
// introspection on, no cross-origin access, no admin routes.
func DefaultConfig() Config {
	return Config{
		GraphQL:          resolvers.DefaultOptions(),
		RequestTimeout:   DefaultRequestTimeout,
		MaxBodyBytes:     DefaultMaxBodyBytes,
		ReadyTimeout:     DefaultReadyTimeout,
		MaxHeavy:         DefaultMaxHeavy(),
		HeavyQueue:       2 * DefaultMaxHeavy(),
		HeavyWait:        DefaultHeavyWait,
		RateBurst:        DefaultRateBurst,
		ShutdownGrace:    DefaultShutdownGrace,
		MetricOperations: slices.Clone(DefaultMetricOperations),
		IDE:              true,
	}
}

// Validate reports every setting no server can run with. Its messages
// never contain the admin token.
func (c Config) Validate() error {
	errs := []error{c.GraphQL.Validate()}
	if c.RequestTimeout <= 0 {
		errs = append(errs, fmt.Errorf("request timeout %s: want a positive duration", c.RequestTimeout))
	}
	if c.ReadyTimeout <= 0 {
		errs = append(errs, fmt.Errorf("ready timeout %s: want a positive duration", c.ReadyTimeout))
	}
	if c.MaxBodyBytes < 1<<10 {
		errs = append(errs, fmt.Errorf("max body size %d bytes: want at least 1024", c.MaxBodyBytes))
	}
	if c.MaxHeavy < 1 {
		errs = append(errs, fmt.Errorf("max heavy requests %d: want at least 1", c.MaxHeavy))
	}
	if c.HeavyQueue < 0 {
		errs = append(errs, fmt.Errorf("heavy queue %d: want 0 (refuse at once) or more", c.HeavyQueue))
	}
	if c.HeavyWait < 0 {
		errs = append(errs, fmt.Errorf("heavy wait %s: want 0 or a positive duration", c.HeavyWait))
	}
	if c.RateLimit < 0 {
		errs = append(errs, fmt.Errorf("rate limit %g: want 0 (off) or a positive number of requests a second", c.RateLimit))
	}
	if c.RateLimit > 0 && c.RateBurst < 1 {
		errs = append(errs, fmt.Errorf("rate burst %d: want at least 1", c.RateBurst))
	}
	if c.ShutdownGrace < 0 {
		errs = append(errs, fmt.Errorf("shutdown grace %s: want 0 or a positive duration", c.ShutdownGrace))
	}
	for _, name := range c.MetricOperations {
		if !validOperationName(name) {
			errs = append(errs, fmt.Errorf("metric operation %q: want a GraphQL name (letters, digits, _)", name))
		}
	}
	for _, o := range c.CORSOrigins {
		if err := validateOrigin("CORS origin", o, false); err != nil {
			errs = append(errs, err)
		}
	}
	for _, o := range c.FrameAncestors {
		if err := validateOrigin("frame ancestor", o, true); err != nil {
			errs = append(errs, err)
		}
	}
	if c.AdminToken != "" {
		if len(c.AdminToken) < minAdminTokenLen {
			errs = append(errs, fmt.Errorf("admin token: want at least %d characters", minAdminTokenLen))
		}
		if strings.ContainsAny(c.AdminToken, " \t\r\n") {
			errs = append(errs, errors.New("admin token: must not contain white space"))
		}
		if c.Reload == nil {
			errs = append(errs, errors.New("admin token set but no corpus to reload"))
		}
	}
	return errors.Join(errs...)
}

// minAdminTokenLen keeps guessable tokens out: 16 characters of a random
// token are far beyond guessing over HTTP.
const minAdminTokenLen = 16

// validateOrigin accepts "*" and a bare origin, as browsers send it in the
// Origin header: scheme and host, no path, query or trailing slash. The
// host holds only what a host name, an IP address or a port are written
// with, and with wildcardHost may start with a wildcard label
// (*.example.org, which frame-ancestors understands): an origin goes into
// a header, where a ; or a quote would start a directive of its own. what
// names the setting in the error.
func validateOrigin(what, o string, wildcardHost bool) error {
	if o == "*" {
		return nil
	}
	u, err := url.Parse(o)
	host := ""
	if err == nil {
		host = u.Host
		if wildcardHost {
			host = strings.TrimPrefix(host, "*.")
		}
	}
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !hostChars(host) ||
		u.Path != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return fmt.Errorf("%s %q: want scheme://host[:port], e.g. https://dash.example.org, or *", what, o)
	}
	return nil
}

// hostChars reports whether host is written with letters, digits and . -
// : [ ] only.
func hostChars(host string) bool {
	for _, r := range host {
		if !('a' <= r && r <= 'z') && !('A' <= r && r <= 'Z') && !('0' <= r && r <= '9') && !strings.ContainsRune(".-:[]", r) {
			return false
		}
	}
	return host != ""
}

// validOperationName accepts a GraphQL name: /[_A-Za-z][_0-9A-Za-z]*/.
func validOperationName(name string) bool {
	for i, r := range name {
		if r != '_' && !('a' <= r && r <= 'z') && !('A' <= r && r <= 'Z') && (i == 0 || !('0' <= r && r <= '9')) {
			return false
		}
	}
	return name != ""
}
