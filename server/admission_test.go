package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/resolvers/apitest"
	"github.com/dutygraph/dutygraph/seeds/seedtest"
	"github.com/dutygraph/dutygraph/server"
)

// admissionAnswer is one HTTP answer, read whole, for tests that send many
// requests at once (and so cannot fail the test from their goroutines).
type admissionAnswer struct {
	status     int
	retryAfter string
	body       string
	took       time.Duration
	err        error
}

// manyClients sends each request from a loopback address of its own
// (127.0.0.2 on): the gate takes each for a different client, as it takes
// the many users of a real server, so that the tests fill every place
// (one client may hold only some of them).
var manyClients = &http.Client{Transport: &http.Transport{
	DisableKeepAlives: true,
	DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		n := nextClient.Add(1)
		d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, byte(n/250%250), byte(2+n%250))}}
		return d.DialContext(ctx, network, addr)
	},
}}

var nextClient atomic.Uint64

// clientAt sends every request from the loopback address ip: one client.
func clientAt(ip string) *http.Client {
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
	return &http.Client{Transport: &http.Transport{DialContext: d.DialContext, MaxIdleConnsPerHost: 64}}
}

// admissionSend sends req as a client of its own and reads the answer.
func admissionSend(req *http.Request) admissionAnswer {
	return admissionSendWith(manyClients, req)
}

// admissionSendWith sends req with c and reads the answer.
func admissionSendWith(c *http.Client, req *http.Request) admissionAnswer {
	start := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		return admissionAnswer{err: err, took: time.Since(start)}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return admissionAnswer{status: resp.StatusCode, retryAfter: resp.Header.Get("Retry-After"), body: string(body), took: time.Since(start), err: err}
}

// admissionQuery is a POST /graphql request of query.
func admissionQuery(url, query string) *http.Request {
	body, _ := json.Marshal(map[string]any{"query": query})
	req, _ := http.NewRequest(http.MethodPost, url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return req
}

func admissionGet(url string) *http.Request {
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	return req
}

// heldNetworkStore holds every Network call until released, counting how
// many are held at once.
type heldNetworkStore struct {
	graph.Store
	release chan struct{}
	held    atomic.Int32
	most    atomic.Int32
}

func (s *heldNetworkStore) Network(ctx context.Context, f graph.CoOwnershipFilter, minShared int) (graph.Network, error) {
	n := s.held.Add(1)
	defer s.held.Add(-1)
	for m := s.most.Load(); n > m && !s.most.CompareAndSwap(m, n); m = s.most.Load() {
	}
	select {
	case <-s.release:
	case <-ctx.Done():
		return graph.Network{}, ctx.Err()
	}
	return s.Store.Network(ctx, f, minShared)
}

// TestOneClientLeavesRoomForOthers: a client flooding heavy requests holds
// at most MaxHeavy−1 places, so another client's dashboard still runs
// (in the soak test, normal heavy queries were refused a third of the time
// while one address flooded the gate).
func TestOneClientLeavesRoomForOthers(t *testing.T) {
	store := &heldNetworkStore{Store: seedtest.Store(t), release: make(chan struct{})}
	cfg := server.DefaultConfig()
	cfg.MaxHeavy, cfg.HeavyQueue, cfg.HeavyWait = 2, 8, 2*time.Second
	url := start(t, newServer(t, store, cfg))
	const network = `{ network(filter: {year: 2026}) { nodes { total } } }`

	flooder := clientAt("127.1.0.1")
	var wg sync.WaitGroup
	for range 6 {
		wg.Go(func() { admissionSendWith(flooder, admissionQuery(url, network)) })
	}
	require.Eventually(t, func() bool { return store.held.Load() == 1 }, 5*time.Second, 5*time.Millisecond)
	time.Sleep(100 * time.Millisecond)
	require.EqualValues(t, 1, store.held.Load(), "the flooding client holds one place of two")

	other := make(chan admissionAnswer, 1)
	go func() { other <- admissionSendWith(clientAt("127.1.0.2"), admissionQuery(url, network)) }()
	require.Eventually(t, func() bool { return store.held.Load() == 2 }, 5*time.Second, 5*time.Millisecond,
		"another client gets the place left")
	close(store.release)
	a := <-other
	require.NoError(t, a.err)
	require.Equal(t, http.StatusOK, a.status, a.body)
	wg.Wait()
}

// TestHeavyRequestsAreAdmittedInBoundedNumbers: of 24 network queries and
// exports sent at once, MaxHeavy run, HeavyQueue wait and are refused
// after HeavyWait, the rest are refused at once; all refusals are 503 with
// Retry-After. Meanwhile cheap queries and /healthz answer at once, and
// once the held ones are released they answer 200.
func TestHeavyRequestsAreAdmittedInBoundedNumbers(t *testing.T) {
	store := &heldNetworkStore{Store: seedtest.Store(t), release: make(chan struct{})}
	cfg := server.DefaultConfig()
	cfg.MaxHeavy, cfg.HeavyQueue, cfg.HeavyWait = 2, 3, 500*time.Millisecond
	url := start(t, newServer(t, store, cfg))

	heavy := []*http.Request{}
	for range 12 {
		heavy = append(heavy, admissionQuery(url, `{ network(filter: {year: 2026}) { nodes { total } } }`))
		heavy = append(heavy, admissionGet(url+"/export/network.graphml?year=2026"))
	}
	answers := make([]admissionAnswer, len(heavy))
	var wg sync.WaitGroup
	for i, req := range heavy {
		wg.Go(func() { answers[i] = admissionSend(req) })
	}
	require.Eventually(t, func() bool { return store.held.Load() == 2 }, 5*time.Second, 5*time.Millisecond)

	// While the server is full of heavy work, the cheap requests answer.
	for _, req := range []*http.Request{
		admissionQuery(url, `{ plans { id } units(first: 5) { totalCount } }`),
		admissionGet(url + "/healthz"),
	} {
		a := admissionSend(req)
		require.NoError(t, a.err)
		require.Equal(t, http.StatusOK, a.status, a.body)
		require.Less(t, a.took, time.Second, req.URL.Path)
	}
	// Exports are charged to the same budget, whatever they export.
	a := admissionSend(admissionGet(url + "/export/workload.csv?unit=市发改委"))
	require.Equal(t, http.StatusServiceUnavailable, a.status, a.body)

	time.Sleep(cfg.HeavyWait + 200*time.Millisecond) // the queue gives up
	close(store.release)
	wg.Wait()
	ok, refused := 0, 0
	for _, a := range answers {
		require.NoError(t, a.err)
		switch a.status {
		case http.StatusOK:
			ok++
		case http.StatusServiceUnavailable:
			refused++
			require.Equal(t, "1", a.retryAfter, "a refusal says when to come back")
			require.Contains(t, a.body, "busy with other heavy requests")
			require.Less(t, a.took, cfg.HeavyWait+time.Second, "refused after a brief wait at most")
		default:
			t.Fatalf("status %d: %s", a.status, a.body)
		}
	}
	require.Equal(t, 2, ok, "only the admitted ones ran")
	require.Equal(t, len(heavy)-2, refused)
	require.EqualValues(t, 2, store.most.Load(), "never more than MaxHeavy at once")
}

// TestRefusedGraphQLSaysOverloaded: a GraphQL request refused for want of
// a place is told why in GraphQL's terms, at once when the queue is full.
func TestRefusedGraphQLSaysOverloaded(t *testing.T) {
	store := &heldNetworkStore{Store: seedtest.Store(t), release: make(chan struct{})}
	defer close(store.release)
	cfg := server.DefaultConfig()
	cfg.MaxHeavy, cfg.HeavyQueue = 2, 3
	url := start(t, newServer(t, store, cfg))
	for range 2 + 3 {
		go admissionSend(admissionQuery(url, `{ network { edges { sharedTasks } } }`))
	}
	requireHeavy(t, url, 2, 3)
	a := admissionSend(admissionQuery(url, `{ network { edges { sharedTasks } } }`))
	require.Equal(t, http.StatusServiceUnavailable, a.status)
	require.Less(t, a.took, cfg.HeavyWait/2, "the queue is full: refused at once")
	var resp apitest.Response
	require.NoError(t, json.Unmarshal([]byte(a.body), &resp))
	require.Len(t, resp.Errors, 1)
	require.Equal(t, "OVERLOADED", resp.Errors[0].Code())
}

// TestHeavyFieldsAnywhere: a heavy field is found through aliases, inline
// fragments and fragment spreads, and under other fields; a query without
// one is never held.
func TestHeavyFieldsAnywhere(t *testing.T) {
	store := &heldNetworkStore{Store: seedtest.Store(t), release: make(chan struct{})}
	defer close(store.release)
	cfg := server.DefaultConfig()
	cfg.MaxHeavy, cfg.HeavyQueue = 1, 0
	url := start(t, newServer(t, store, cfg))
	go admissionSend(admissionQuery(url, `{ network { nodes { total } } }`))
	require.Eventually(t, func() bool { return store.held.Load() == 1 }, 5*time.Second, 5*time.Millisecond)

	for query, heavy := range map[string]bool{
		`{ n: network { nodes { total } } }`:                                                              true,
		`{ ... on Query { network { nodes { total } } } }`:                                                true,
		`query { ...A } fragment A on Query { ...B } fragment B on Query { coOwnership { sharedTasks } }`: true,
		`{ lineageSuggestions(jurisdiction: "南京市", fromYear: 2021, toYear: 2026) { score } }`:             true,
		`{ tasks(first: 1) { edges { node { continues { score } } } } }`:                                  true,
		`{ tasks(first: 1) { edges { node { cascadesFrom { score } } } } }`:                               true,
		`{ workloadChange(unit: "市发改委", fromYear: 2021, toYear: 2026) { added { id } } }`:                 true,
		`{ tasks(first: 1) { edges { node { id text } } } }`:                                              false,
		`query { ...A } fragment A on Query { plans { id } }`:                                             false,
		`{ unit(name: "市发改委") { partners(limit: 3) { sharedTasks } } }`:                                   false,
		`{ workloadChange(unit: "市发改委", fromYear: 2021, toYear: 2026) { totalDelta } }`:                   false,
	} {
		a := admissionSend(admissionQuery(url, query))
		require.NoError(t, a.err)
		if heavy {
			require.Equal(t, http.StatusServiceUnavailable, a.status, query)
		} else {
			require.Equal(t, http.StatusOK, a.status, query)
			require.NotContains(t, a.body, `"errors"`, query)
		}
	}
}

func TestRateLimit(t *testing.T) {
	cfg := server.DefaultConfig()
	cfg.RateLimit, cfg.RateBurst = 1, 3
	srv := newServer(t, seedtest.Shared(t), cfg)
	srv.MarkLoaded()
	from := func(client string, req *http.Request) *httptest.ResponseRecorder {
		req.RemoteAddr = client + ":40000"
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		return rec
	}
	for range 3 {
		require.Equal(t, http.StatusOK, from("10.0.0.1", admissionQuery("", `{ plans { id } }`)).Code)
	}
	rec := from("10.0.0.1", admissionQuery("", `{ plans { id } }`))
	require.Equal(t, http.StatusTooManyRequests, rec.Code)
	require.Equal(t, "1", rec.Header().Get("Retry-After"))
	require.Contains(t, rec.Body.String(), `"code":"RATE_LIMITED"`)
	rec = from("10.0.0.1", admissionGet("/export/network.graphml"))
	require.Equal(t, http.StatusTooManyRequests, rec.Code, "exports count against the same rate")
	require.Contains(t, rec.Body.String(), "too many requests from this client: at most 1 a second")

	require.Equal(t, http.StatusOK, from("10.0.0.2", admissionQuery("", `{ plans { id } }`)).Code, "other clients are not limited")
	require.Equal(t, http.StatusOK, from("10.0.0.1", admissionGet("/healthz")).Code, "probes are not limited")
	require.Equal(t, http.StatusOK, from("10.0.0.1", admissionGet("/readyz")).Code)
	require.Contains(t, from("10.0.0.1", admissionGet("/metrics")).Body.String(), `dutygraph_overload_refusals_total{reason="rate_limited"} 2`)
}

// TestNoSniff: JSON and export answers, errors included, tell browsers not
// to guess their type.
func TestNoSniff(t *testing.T) {
	srv := newServer(t, seedtest.Shared(t), server.DefaultConfig())
	srv.MarkLoaded()
	url := start(t, srv)
	for _, req := range []*http.Request{
		admissionQuery(url, `{ plans { id } }`),
		admissionQuery(url, `{ nope }`),
		admissionGet(url + "/export/network.graphml"),
		admissionGet(url + "/export/workload.xlsx?unit=市发改委"),
		admissionGet(url + "/export/workload.csv?unit=nobody"),
		admissionGet(url + "/healthz"),
		admissionGet(url + "/readyz"),
	} {
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"), req.URL.String())
	}
}

// requireHeavy waits until the server's metrics say running heavy
// requests run and waiting wait.
func requireHeavy(t *testing.T, url string, running, waiting int) {
	t.Helper()
	want := []string{
		fmt.Sprintf("dutygraph_heavy_requests_running %d\n", running),
		fmt.Sprintf("dutygraph_heavy_requests_waiting %d\n", waiting),
	}
	require.Eventually(t, func() bool {
		a := admissionSend(admissionGet(url + "/metrics"))
		return strings.Contains(a.body, want[0]) && strings.Contains(a.body, want[1])
	}, 5*time.Second, 10*time.Millisecond, "want %s", want)
}

// pacedNetworkStore takes a while over every Network call, as a large
// network does.
type pacedNetworkStore struct {
	graph.Store
	pace    time.Duration
	running atomic.Int32
}

func (s *pacedNetworkStore) Network(ctx context.Context, f graph.CoOwnershipFilter, minShared int) (graph.Network, error) {
	s.running.Add(1)
	defer s.running.Add(-1)
	select {
	case <-time.After(s.pace):
	case <-ctx.Done():
		return graph.Network{}, ctx.Err()
	}
	return s.Store.Network(ctx, f, minShared)
}

// serveOnLoopback runs srv.Serve on a loopback port until the returned
// stop is called; Serve's result arrives on done.
func serveOnLoopback(t *testing.T, srv *server.Server) (url string, stop context.CancelFunc, done <-chan error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()
	return "http://" + ln.Addr().String(), cancel, served
}

// TestStopLetsHeavyRequestsFinish: stopped with 12 heavy requests in
// flight (MaxHeavy running, the rest queued), the server answers all of
// them and Serve returns nil: `serve` exits 0.
func TestStopLetsHeavyRequestsFinish(t *testing.T) {
	store := &pacedNetworkStore{Store: seedtest.Store(t), pace: 200 * time.Millisecond}
	cfg := server.DefaultConfig()
	srv := newServer(t, store, cfg)
	url, stop, done := serveOnLoopback(t, srv)

	answers := make([]admissionAnswer, cfg.MaxHeavy+cfg.HeavyQueue)
	var wg sync.WaitGroup
	for i := range answers {
		wg.Go(func() {
			answers[i] = admissionSend(admissionQuery(url, `{ network(filter: {year: 2026}) { nodes { total } } }`))
		})
	}
	requireHeavy(t, url, cfg.MaxHeavy, cfg.HeavyQueue)
	stop()
	wg.Wait()
	for _, a := range answers {
		require.NoError(t, a.err)
		require.Equal(t, http.StatusOK, a.status, a.body)
		require.NotContains(t, a.body, `"errors"`)
	}
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return once the requests were answered")
	}
}

// TestStopCutsAfterGrace: a request still running when the grace ends has
// its work cancelled and its connection closed, and Serve says so.
func TestStopCutsAfterGrace(t *testing.T) {
	cfg := server.DefaultConfig()
	cfg.ShutdownGrace = 300 * time.Millisecond
	srv := newServer(t, stuckStore{seedtest.Store(t)}, cfg)
	url, stop, done := serveOnLoopback(t, srv)
	answered := make(chan admissionAnswer, 1)
	go func() { answered <- admissionSend(admissionQuery(url, `{ reports { id } }`)) }()
	time.Sleep(100 * time.Millisecond)
	start := time.Now()
	stop()
	select {
	case err := <-done:
		require.ErrorContains(t, err, "1 requests still running after the 300ms grace were cut")
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return after the grace")
	}
	require.Less(t, time.Since(start), 2*time.Second)
	a := <-answered
	// Cut: its connection closed, or its work cancelled in time to say so.
	require.True(t, a.err != nil || strings.Contains(a.body, `"code":"UNAVAILABLE"`), "the stuck request was cut: %d %s", a.status, a.body)
}
