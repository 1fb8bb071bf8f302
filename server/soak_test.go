package server_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/corpus"
	"github.com/dutygraph/dutygraph/server"
)

// soakRequest is one kind of request of the soak test: how to make it
// against the server at base, and the statuses it may get.
type soakRequest struct {
	name string
	make func(base string, i int) *http.Request
	// statuses are the answers expected; any other is an error.
	statuses []int
}

// soakHostile is what attackers send during the soak test, each without
// pause; an attack's answer may carry errors, but only the statuses
// listed. Add an attack here once the server defends against it.
var soakHostile = []soakRequest{
	{"viewer whole network", func(base string, _ int) *http.Request {
		return admissionQuery(base, viewerNetworkQuery)
	}, []int{http.StatusOK, http.StatusServiceUnavailable}},
	{"GraphML export of everything", func(base string, _ int) *http.Request {
		return admissionGet(base + "/export/network.graphml")
	}, []int{http.StatusOK, http.StatusServiceUnavailable}},
	{"GEXF export of everything", func(base string, _ int) *http.Request {
		return admissionGet(base + "/export/network.gexf")
	}, []int{http.StatusOK, http.StatusServiceUnavailable}},
	{"fragment-hidden co-ownership", func(base string, _ int) *http.Request {
		return admissionQuery(base, `query { ...A } fragment A on Query { coOwnership(limit: 100) { sharedTasks } }`)
	}, []int{http.StatusOK, http.StatusServiceUnavailable}},
	{"99 aliases of modularity", func(base string, _ int) *http.Request {
		var q strings.Builder
		q.WriteString("{")
		for i := range 99 {
			fmt.Fprintf(&q, " a%d: network { modularity }", i)
		}
		return admissionQuery(base, q.String()+" }")
	}, []int{http.StatusOK, http.StatusServiceUnavailable}},
	{"co-ownership filter of its own", func(base string, i int) *http.Request {
		return admissionQuery(base, fmt.Sprintf(`{ coOwnership(filter: {year: %d, roles: [%s], includeCollective: %t}, limit: 5) { sharedTasks } }`,
			2016+i%10, []string{"LEAD", "COOPERATOR", "LEAD, COOPERATOR"}[i%3], i%2 == 0))
	}, []int{http.StatusOK, http.StatusServiceUnavailable}},
	{"1,100 same-named fields with different arguments", func(base string, i int) *http.Request {
		var q strings.Builder
		q.WriteString("{")
		for j := range 1100 {
			fmt.Fprintf(&q, ` unit(name: "u%d-%d") { id }`, i, j)
		}
		return admissionQuery(base, q.String()+" }")
	}, []int{http.StatusOK}},
	{"4,000 unknown directives", func(base string, _ int) *http.Request {
		return admissionQuery(base, "{ reports "+strings.Repeat("@nope ", 4000)+"{ id } }")
	}, []int{http.StatusOK}},
	{"operation name of its own", func(base string, i int) *http.Request {
		return admissionQuery(base, fmt.Sprintf("query Flood%d { plans(year: 2020) { id } }", i))
	}, []int{http.StatusOK}},
	{"admin token guess", func(base string, i int) *http.Request {
		req, _ := http.NewRequest(http.MethodPost, base+"/admin/reload", nil)
		req.Header.Set("Authorization", fmt.Sprintf("bearer guess-%012d", i))
		return req
	}, []int{http.StatusUnauthorized}},
	{"body just under the limit", func(base string, _ int) *http.Request {
		return admissionQuery(base, `{ units(search: "`+strings.Repeat("x", server.DefaultMaxBodyBytes-200)+`") { totalCount } }`)
	}, []int{http.StatusOK}},
	{"body over the limit", func(base string, _ int) *http.Request {
		return admissionQuery(base, `{ units(search: "`+strings.Repeat("x", server.DefaultMaxBodyBytes)+`") { totalCount } }`)
	}, []int{http.StatusRequestEntityTooLarge}},
}

// soakNormal is what dashboards and viewers send: the cheap requests (all
// must answer 200 without errors) and, separately, the heavy ones a
// well-behaved client retries after Retry-After. They come from addresses
// other than the attackers', and the gate keeps a place for them (one
// client holds all but one), so after their retries they must answer 200.
func soakNormal(units []soakUnit) (cheap, heavy []soakRequest) {
	ok := []int{http.StatusOK}
	pick := func(i int) soakUnit { return units[i%len(units)] }
	cheap = []soakRequest{
		{"unit workload", func(base string, i int) *http.Request {
			u := pick(i)
			return admissionQuery(base, fmt.Sprintf(`query UnitWorkload { unit(name: %q, jurisdiction: %q) { name workload { lead cooperate total }
			  tasks(first: 10) { totalCount edges { node { number text leads { name } cooperators { name } } } } } }`, u.Name, u.Jurisdiction))
		}, ok},
		{"unit search", func(base string, i int) *http.Request {
			return admissionQuery(base, fmt.Sprintf(`query Search { units(search: %q, first: 20) { totalCount edges { node { id name kind jurisdiction } } } }`,
				string([]rune(pick(i).Name)[:2])))
		}, ok},
		{"tasks of a jurisdiction", func(base string, i int) *http.Request {
			return admissionQuery(base, fmt.Sprintf(`{ tasks(filter: {jurisdiction: %q}, first: 20) { totalCount edges { node { id text } } } }`, pick(i).Jurisdiction))
		}, ok},
		{"plans and partners", func(base string, i int) *http.Request {
			u := pick(i)
			return admissionQuery(base, fmt.Sprintf(`{ plans(jurisdiction: %q) { id year } unit(name: %q, jurisdiction: %q) { partners(limit: 5) { sharedTasks } } }`,
				u.Jurisdiction, u.Name, u.Jurisdiction))
		}, ok},
		{"healthz", func(base string, _ int) *http.Request { return admissionGet(base + "/healthz") }, ok},
		{"readyz", func(base string, _ int) *http.Request { return admissionGet(base + "/readyz") }, ok},
	}
	heavy = []soakRequest{
		{"network of a jurisdiction's year", func(base string, i int) *http.Request {
			return admissionQuery(base, fmt.Sprintf(`query Network { network(filter: {jurisdiction: %q, year: %d}) {
			  nodes { unit { id name } total community } edges { source target sharedTasks } } }`, pick(i).Jurisdiction, 2016+i%10))
		}, ok},
		{"top pairs of a jurisdiction", func(base string, i int) *http.Request {
			return admissionQuery(base, fmt.Sprintf(`query TopPairs { coOwnership(filter: {jurisdiction: %q}, limit: 10) { a { name } b { name } sharedTasks } }`, pick(i).Jurisdiction))
		}, ok},
		{"workload export", func(base string, i int) *http.Request {
			u := pick(i)
			return admissionGet(base + "/export/workload.csv?" + url.Values{"unit": {u.Name}, "jurisdiction": {u.Jurisdiction}}.Encode())
		}, ok},
	}
	return cheap, heavy
}

type soakUnit struct{ Name, Jurisdiction string }

// soakTally counts what one kind of request got.
type soakTally struct {
	mu        sync.Mutex
	byStatus  map[int]int
	latencies []time.Duration
	errors    []string
	retried   int
}

func (s *soakTally) add(a admissionAnswer, retried int, bad string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.byStatus[a.status]++
	s.latencies = append(s.latencies, a.took)
	s.retried += retried
	if bad != "" && len(s.errors) < 5 {
		s.errors = append(s.errors, bad)
	}
}

func (s *soakTally) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	slices.Sort(s.latencies)
	q := func(p float64) time.Duration {
		if len(s.latencies) == 0 {
			return 0
		}
		return s.latencies[int(p*float64(len(s.latencies)-1))].Round(time.Millisecond)
	}
	return fmt.Sprintf("%d requests %v, p50 %s p99 %s max %s, %d retries after 503", len(s.latencies), s.byStatus, q(.5), q(.99), q(1), s.retried)
}

// soakCheck says what is wrong with an answer, "" when nothing is. A
// normal request's 200 must carry no GraphQL error.
func soakCheck(r soakRequest, a admissionAnswer, normal bool) string {
	switch {
	case a.err != nil:
		return a.err.Error()
	case !slices.Contains(r.statuses, a.status):
		return fmt.Sprintf("status %d: %.200s", a.status, a.body)
	case normal && a.status == http.StatusOK && strings.HasPrefix(a.body, "{") && strings.Contains(a.body, `"errors"`):
		return fmt.Sprintf("errors: %.300s", a.body)
	}
	return ""
}

// TestSoak runs normal and hostile traffic together on a 100,000-task
// corpus for DUTYGRAPH_SOAK (a duration: DUTYGRAPH_SOAK=2m go test ./server
// -run Soak -v -timeout 10m). Normal requests must all answer 200 without
// errors (heavy ones after at most three retries on 503), hostile ones only
// their expected statuses, and the live heap must stay flat.
func TestSoak(t *testing.T) {
	env := os.Getenv("DUTYGRAPH_SOAK")
	if env == "" {
		t.Skip("set DUTYGRAPH_SOAK=2m to soak the server")
	}
	length, err := time.ParseDuration(env)
	require.NoError(t, err, "DUTYGRAPH_SOAK")

	loadStart := time.Now()
	store := admissionCorpusStore(t, 100_000)
	cfg := server.DefaultConfig()
	cfg.AdminToken = "soak-admin-token-never-guessed"
	cfg.Reload = func(context.Context, bool) (corpus.Outcome, error) {
		return corpus.Outcome{}, errors.New("not reloaded in the soak test")
	}
	srv := newServer(t, store, cfg)
	srv.MarkLoaded()
	ts := httptest.NewServer(srv)
	defer ts.Close()
	base := ts.URL
	t.Logf("corpus of 100,000 tasks loaded in %s", time.Since(loadStart).Round(time.Millisecond))

	var found struct {
		Units struct{ Edges []struct{ Node soakUnit } }
	}
	a := admissionSend(admissionQuery(base, `{ units(kind: DEPARTMENT, first: 100) { edges { node { name jurisdiction } } } }`))
	require.Equal(t, http.StatusOK, a.status, a.body)
	var resp struct{ Data json.RawMessage }
	require.NoError(t, json.Unmarshal([]byte(a.body), &resp))
	require.NoError(t, json.Unmarshal(resp.Data, &found))
	var units []soakUnit
	for _, e := range found.Units.Edges {
		units = append(units, e.Node)
	}
	require.NotEmpty(t, units)
	cheap, heavy := soakNormal(units)

	tallies := map[string]*soakTally{}
	for _, r := range slices.Concat(cheap, heavy, soakHostile) {
		tallies[r.name] = &soakTally{byStatus: map[int]int{}}
	}
	deadline := time.Now().Add(length)
	var wg sync.WaitGroup
	var n atomic.Int64
	// Hostile clients send one request after another, never pausing, from
	// one address; the normal ones come each from an address of their own.
	hostile := clientAt("127.1.0.1")
	for c := range 6 {
		wg.Go(func() {
			for i := c; time.Now().Before(deadline); i++ {
				r := soakHostile[i%len(soakHostile)]
				a := admissionSendWith(hostile, r.make(base, int(n.Add(1))))
				tallies[r.name].add(a, 0, soakCheck(r, a, false))
			}
		})
	}
	// Normal clients think a little between requests; heavy ones retry
	// after a 503 as Retry-After says, three times at most.
	for c := range 8 {
		wg.Go(func() {
			for i := c; time.Now().Before(deadline); i++ {
				r := cheap[i%len(cheap)]
				retries := 0
				if c%4 == 0 {
					r = heavy[i%len(heavy)]
				}
				a := admissionSend(r.make(base, i))
				for ; a.status == http.StatusServiceUnavailable && retries < 3; retries++ {
					wait, _ := strconv.Atoi(a.retryAfter)
					time.Sleep(time.Duration(wait) * time.Second)
					a = admissionSend(r.make(base, i))
				}
				tallies[r.name].add(a, retries, soakCheck(r, a, true))
				time.Sleep(20 * time.Millisecond)
			}
		})
	}

	// The live heap, every tenth of the run.
	heap := []uint64{liveHeap()}
	stopPeak := heapPeak()
	for time.Now().Before(deadline) {
		time.Sleep(length / 10)
		heap = append(heap, liveHeap())
	}
	wg.Wait()
	peak := stopPeak()
	heap = append(heap, liveHeap())

	mb := func(b uint64) uint64 { return b >> 20 }
	var heapMB []uint64
	for _, h := range heap {
		heapMB = append(heapMB, mb(h))
	}
	t.Logf("live heap (MB) every %s: %v; highest heap seen: %d MB", length/10, heapMB, mb(peak))
	for _, group := range []struct {
		name string
		reqs []soakRequest
	}{{"normal cheap", cheap}, {"normal heavy", heavy}, {"hostile", soakHostile}} {
		for _, r := range group.reqs {
			t.Logf("%s %s: %s", group.name, r.name, tallies[r.name])
		}
	}
	metricsBody := admissionSend(admissionGet(base + "/metrics")).body
	for _, line := range strings.Split(metricsBody, "\n") {
		if strings.HasPrefix(line, "dutygraph_overload_refusals_total") {
			t.Log(line)
		}
	}

	for _, r := range slices.Concat(cheap, heavy, soakHostile) {
		require.Empty(t, tallies[r.name].errors, r.name)
	}
	for _, r := range cheap {
		require.Positive(t, tallies[r.name].byStatus[http.StatusOK], r.name)
	}
	// Flat: the heap at the end is within 100 MB of the heap at the start,
	// and never more than what MaxHeavy heavy requests take above it.
	require.Less(t, int64(heap[len(heap)-1])-int64(heap[0]), int64(100<<20), "the live heap grew")
	require.Less(t, peak, heap[0]+uint64(cfg.MaxHeavy)*(600<<20))
}
