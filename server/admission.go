package server

import (
	"context"
	"fmt"
	"math"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"golang.org/x/time/rate"
)

// heavyFields are the fields whose work grows with the corpus rather than
// with the page asked for: a network and its analysis (communities,
// betweenness) over every unit of the filter, co-ownership and the
// workload ranking over every task of it, lineage suggestions over two
// years of plans, and the text comparisons behind continuity and cascades.
// An operation selecting any of them is heavy, and waits for a place among
// Config.MaxHeavy.
var heavyFields = map[string]bool{
	"Query.network":            true,
	"Query.coOwnership":        true,
	"Query.workloadRanking":    true,
	"Query.lineageSuggestions": true,
	"Task.continues":           true,
	"Task.continuedBy":         true,
	"Task.cascadesTo":          true,
	"Task.cascadesFrom":        true,
	"WorkloadChange.continued": true,
	"WorkloadChange.added":     true,
	"WorkloadChange.dropped":   true,
}

// isHeavy reports whether op selects a heavy field anywhere, fragments
// included. Each fragment is walked once, however often it is spread, so
// that the walk stays linear in the document.
func isHeavy(op *ast.OperationDefinition) bool {
	walked := map[string]bool{}
	var heavy func(ast.SelectionSet) bool
	heavy = func(set ast.SelectionSet) bool {
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				if s.ObjectDefinition != nil && heavyFields[s.ObjectDefinition.Name+"."+s.Name] {
					return true
				}
				if heavy(s.SelectionSet) {
					return true
				}
			case *ast.InlineFragment:
				if heavy(s.SelectionSet) {
					return true
				}
			case *ast.FragmentSpread:
				if s.Definition == nil || walked[s.Name] {
					continue
				}
				walked[s.Name] = true
				if heavy(s.Definition.SelectionSet) {
					return true
				}
			}
		}
		return false
	}
	return op != nil && heavy(op.SelectionSet)
}

// heavyGate bounds the heavy requests running at once, and how many wait
// for a place, so that a burst of whole-network queries or exports costs
// a bounded amount of memory and CPU and leaves room for the cheap
// requests, which never pass through it.
//
// No client (by address) holds every place: one flooding heavy requests
// runs at most perClient of them at once, the rest of its requests waiting
// like anyone's, so that the others' dashboards still get a place.
type heavyGate struct {
	running    chan struct{} // one token per heavy request running
	waiting    atomic.Int64
	maxWaiting int64
	wait       time.Duration
	metrics    *metrics

	perClient int
	mu        sync.Mutex
	clients   map[string]*clientPlaces // clients holding or waiting for a place
}

// clientPlaces are one client's places at the gate.
type clientPlaces struct {
	held    chan struct{} // one token per place the client holds, perClient at most
	users   int           // its requests at the gate
	waiting int           // its requests waiting for one of its own places
}

func newHeavyGate(cfg Config, m *metrics) *heavyGate {
	return &heavyGate{
		running:    make(chan struct{}, cfg.MaxHeavy),
		maxWaiting: int64(cfg.HeavyQueue),
		wait:       cfg.HeavyWait,
		metrics:    m,
		perClient:  max(1, cfg.MaxHeavy-1),
		clients:    map[string]*clientPlaces{},
	}
}

// placesOf returns client's places, and the function to call when the
// request is done with the gate.
func (g *heavyGate) placesOf(client string) (*clientPlaces, func()) {
	g.mu.Lock()
	defer g.mu.Unlock()
	c := g.clients[client]
	if c == nil {
		c = &clientPlaces{held: make(chan struct{}, g.perClient)}
		g.clients[client] = c
	}
	c.users++
	return c, func() {
		g.mu.Lock()
		defer g.mu.Unlock()
		if c.users--; c.users == 0 {
			delete(g.clients, client)
		}
	}
}

// clientOf is the address a request comes from.
func clientOf(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// Reasons a heavy request is refused, as the metrics count them.
const (
	refusedQueueFull = "queue_full"
	refusedWaited    = "waited"
	// refusedRateLimited: a client over its rate (Config.RateLimit).
	refusedRateLimited = "rate_limited"
)

// Codes of the GraphQL errors a refused request is answered with.
const (
	codeOverloaded  = "OVERLOADED"
	codeRateLimited = "RATE_LIMITED"
)

// enter takes a place for a heavy request of client, waiting at most the
// gate's wait (and while ctx lasts) for one of the client's own and one of
// the gate's. It returns the function that gives the place back, or the
// reason it was refused.
func (g *heavyGate) enter(ctx context.Context, client string) (leave func(), refused string) {
	places, done := g.placesOf(client)
	mine := false
	select {
	case places.held <- struct{}{}:
		mine = true
		select {
		case g.running <- struct{}{}:
			return g.leaver(places, done), ""
		default:
		}
	default:
	}
	refuse := func(reason string) (func(), string) {
		if mine {
			<-places.held
		}
		done()
		g.metrics.refusals.WithLabelValues(reason).Inc()
		return nil, reason
	}
	timer := time.NewTimer(g.wait)
	defer timer.Stop()
	if !mine {
		// A client at its share waits for one of its own places, outside
		// the gate's queue, which it would otherwise fill for everyone;
		// as many of its requests wait as it may hold, the rest are
		// refused at once.
		if !g.queueForOwnPlace(places, +1) {
			return refuse(refusedQueueFull)
		}
		select {
		case places.held <- struct{}{}:
			mine = true
		case <-timer.C:
		case <-ctx.Done():
		}
		g.queueForOwnPlace(places, -1)
		if !mine {
			return refuse(refusedWaited)
		}
		select {
		case g.running <- struct{}{}:
			return g.leaver(places, done), ""
		default:
		}
	}
	if g.waiting.Add(1) > g.maxWaiting {
		g.waiting.Add(-1)
		return refuse(refusedQueueFull)
	}
	g.metrics.heavyWaiting.Inc()
	defer func() {
		g.waiting.Add(-1)
		g.metrics.heavyWaiting.Dec()
	}()
	select {
	case g.running <- struct{}{}:
		return g.leaver(places, done), ""
	case <-timer.C:
	case <-ctx.Done():
	}
	return refuse(refusedWaited)
}

// queueForOwnPlace counts a request of a client into (+1) or out of (−1)
// the wait for one of its own places; into it only while fewer than
// perClient wait.
func (g *heavyGate) queueForOwnPlace(places *clientPlaces, step int) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if step > 0 && places.waiting >= g.perClient {
		return false
	}
	places.waiting += step
	return true
}

// leaver counts a place taken and returns the function that gives it (and
// the client's) back, once however often it is called.
func (g *heavyGate) leaver(places *clientPlaces, done func()) func() {
	g.metrics.heavyRunning.Inc()
	var once atomic.Bool
	return func() {
		if once.CompareAndSwap(false, true) {
			g.metrics.heavyRunning.Dec()
			<-g.running
			<-places.held
			done()
		}
	}
}

// retryAfter is what a refused client is told to wait, in whole seconds:
// about as long as a place takes to free up.
func (g *heavyGate) retryAfter() string {
	return strconv.Itoa(max(1, int(math.Ceil(g.wait.Seconds()))))
}

// overloadMessage is what a client refused by the gate hears.
const overloadMessage = "the server is busy with other heavy requests (networks, analyses, exports); try again shortly"

// aroundOperations is a gqlgen operation middleware: a heavy operation
// runs only once it has a place at the gate, and gives it back when its
// answer is made. A refused one is answered with an OVERLOADED error, and
// its HTTP answer becomes a 503 (see gated).
func (g *heavyGate) aroundOperations(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	if !isHeavy(graphql.GetOperationContext(ctx).Operation) {
		return next(ctx)
	}
	t, _ := ctx.Value(ticketKey{}).(*ticket)
	client := ""
	if t != nil {
		client = t.client
	}
	leave, refused := g.enter(ctx, client)
	if refused != "" {
		if t != nil {
			t.refused = true
		}
		return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{{
			Message:    overloadMessage,
			Extensions: map[string]any{"code": codeOverloaded},
		}}})
	}
	if t != nil {
		t.leave = leave
	}
	respond := next(ctx)
	return func(ctx context.Context) *graphql.Response {
		// The transports dispatch a query's answer once: the work is done
		// when it returns, before the answer is written out.
		defer leave()
		return respond(ctx)
	}
}

// ticket is a GraphQL request's dealings with the gate, kept in its
// context: whether it was refused, so that its HTTP answer says 503, and
// the place it holds, given back when the request ends whatever happened
// to its operation. The transports run the operation middleware on the
// request's goroutine, so the fields need no lock.
type ticket struct {
	client  string // the address the request comes from
	refused bool
	leave   func()
}

type ticketKey struct{}

// gated serves GraphQL requests so that those the gate refuses answer 503
// with Retry-After, as a load balancer and a client's retry logic expect.
func (g *heavyGate) gated(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t := &ticket{client: clientOf(r)}
		defer func() {
			if t.leave != nil {
				t.leave()
			}
		}()
		// A refused request's status becomes 503.
		refusing := beforeHeader(w, func(code int) int {
			if !t.refused {
				return code
			}
			w.Header().Set("Retry-After", g.retryAfter())
			return http.StatusServiceUnavailable
		})
		next.ServeHTTP(refusing, r.WithContext(context.WithValue(r.Context(), ticketKey{}, t)))
	})
}

// charged runs every request of next (the exports) at the gate: each
// renders a whole network or workload in memory before answering.
func (g *heavyGate) charged(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leave, refused := g.enter(r.Context(), clientOf(r))
		if refused != "" {
			w.Header().Set("Retry-After", g.retryAfter())
			plainRefusal(w, http.StatusServiceUnavailable, overloadMessage)
			return
		}
		defer leave()
		next.ServeHTTP(w, r)
	})
}

// clientLimits hold a token bucket per client address, for the most
// recently seen clients: a client not seen among the last maxClients
// starts afresh with a full bucket, which costs an attacker nothing he
// could not get by waiting.
type clientLimits struct {
	every   rate.Limit
	burst   int
	clients *lru.Cache[string, *rate.Limiter]
	metrics *metrics
}

// maxRateClients bounds the clients whose buckets are kept: some 200 bytes
// each.
const maxRateClients = 10_000

func newClientLimits(perSecond float64, burst int, m *metrics) *clientLimits {
	clients, err := lru.New[string, *rate.Limiter](maxRateClients)
	if err != nil {
		panic(err) // only for a size below 1
	}
	return &clientLimits{every: rate.Limit(perSecond), burst: burst, clients: clients, metrics: m}
}

// limited lets through the requests of a client within its rate, and
// answers the others with 429 and Retry-After, in the words of refuse.
func (c *clientLimits) limited(next http.Handler, refuse func(http.ResponseWriter, int, string)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		client := clientOf(r)
		lim, ok := c.clients.Get(client)
		if !ok {
			lim = rate.NewLimiter(c.every, c.burst)
			c.clients.Add(client, lim)
		}
		if !lim.Allow() {
			c.metrics.refusals.WithLabelValues(refusedRateLimited).Inc()
			w.Header().Set("Retry-After", strconv.Itoa(max(1, int(math.Ceil(1/float64(c.every))))))
			refuse(w, http.StatusTooManyRequests, fmt.Sprintf("too many requests from this client: at most %g a second", float64(c.every)))
			return
		}
		next.ServeHTTP(w, r)
	})
}
