package server

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/dutygraph/dutygraph/duty"
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
)

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

	// IDE serves the GraphQL IDE on GET /graphql.
	IDE bool
	// CORSOrigins are the origins (scheme://host[:port]) whose pages may
	// call the API from a browser; "*" allows any. Empty allows none.
	CORSOrigins []string

	// AdminToken, when set, enables POST /admin/reload for requests bearing
	// it. It is a secret: never logged.
	AdminToken string
	// Seeds is what /admin/reload loads; required with AdminToken.
	Seeds duty.CorpusSource
}

// DefaultConfig is a server for a trusted network: the IDE and
// introspection on, no cross-origin access, no admin routes.
func DefaultConfig() Config {
	return Config{
		GraphQL:        resolvers.DefaultOptions(),
		RequestTimeout: DefaultRequestTimeout,
		MaxBodyBytes:   DefaultMaxBodyBytes,
		ReadyTimeout:   DefaultReadyTimeout,
		IDE:            true,
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
	for _, o := range c.CORSOrigins {
		if err := validateOrigin(o); err != nil {
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
		if c.Seeds == nil {
			errs = append(errs, errors.New("admin token set but no seed source to reload"))
		}
	}
	return errors.Join(errs...)
}

// minAdminTokenLen keeps guessable tokens out: 16 characters of a random
// token are far beyond guessing over HTTP.
const minAdminTokenLen = 16

// validateOrigin accepts "*" and a bare origin, as browsers send it in the
// Origin header: scheme and host, no path, query or trailing slash.
func validateOrigin(o string) error {
	if o == "*" {
		return nil
	}
	u, err := url.Parse(o)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		u.Path != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return fmt.Errorf("CORS origin %q: want scheme://host[:port], e.g. https://dash.example.org, or *", o)
	}
	return nil
}
