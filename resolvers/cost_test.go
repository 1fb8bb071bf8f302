package resolvers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/internal/race"
	"github.com/dutygraph/dutygraph/resolvers"
	"github.com/dutygraph/dutygraph/resolvers/apitest"
	"github.com/dutygraph/dutygraph/seeds/seedtest"
)

// aliased repeats field n times under aliases a0, a1, …; $I in field is
// the alias's number from 1, to vary an argument.
func aliased(n int, field string) string {
	var b strings.Builder
	b.WriteString("{")
	for i := range n {
		fmt.Fprintf(&b, " a%d: %s", i, strings.ReplaceAll(field, "$I", fmt.Sprint(i+1)))
	}
	b.WriteString(" }")
	return b.String()
}

// liveHeap is the heap still in use after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// normalQuery is what an ordinary client asks meanwhile.
const normalQuery = `{ unit(name: "市发改委", jurisdiction: "南京市") { workload(year: 2026) { total } } }`

// TestAnalysisAttacks replays the analysis attacks of issue 14 on the
// seeds. Before: 30 aliases of network.brokers answered in 1.9 s and 450
// of lineageSuggestions in 3.0 s, every alias computing its own analysis.
// Now an analysis is priced at its measured cost, so aliases asking for
// different networks are refused before anything runs, and aliases asking
// for the same one share one computation. Meanwhile an ordinary query
// answers, and the live heap stays under 150 MB above where it started.
func TestAnalysisAttacks(t *testing.T) {
	url := serve(t, seedtest.Shared(t))
	before := liveHeap()
	for _, tc := range []struct {
		name    string
		query   string
		refused bool
		within  time.Duration
	}{
		{"30 aliases of the whole network's brokers",
			aliased(30, `network { brokers(first: 3) { unit { id } } }`), true, time.Second},
		{"99 aliases of the whole network's modularity, each its own network",
			aliased(99, `network(minShared: $I) { modularity }`), true, time.Second},
		{"99 aliases of one whole network's modularity",
			aliased(99, `network { modularity }`), true, time.Second},
		{"30 aliases of one jurisdiction's brokers, computed once",
			aliased(30, `network(filter: {jurisdiction: "南京市", year: 2026}) { brokers(first: 3) { unit { id } } }`), false, time.Second},
		{"99 aliases of one jurisdiction's modularity, computed once",
			aliased(99, `network(filter: {jurisdiction: "南京市"}) { modularity }`), false, time.Second},
		{"450 aliases of lineageSuggestions, scored once",
			aliased(450, `lineageSuggestions(jurisdiction: "南京市", fromYear: 2021, toYear: 2026) { score }`), false, 2 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			normal := make(chan apitest.Response, 1)
			start := time.Now()
			go func() { normal <- apitest.Post(t, url, normalQuery, nil) }()
			resp := apitest.Post(t, url, tc.query, nil)
			took := time.Since(start)
			require.Less(t, took, race.Scaled(tc.within))
			if tc.refused {
				require.Len(t, resp.Errors, 1)
				require.Equal(t, "COMPLEXITY_LIMIT_EXCEEDED", resp.Errors[0].Code())
			} else {
				require.Empty(t, resp.Errors)
				require.Contains(t, string(resp.Data), `"a0"`)
			}
			require.Empty(t, (<-normal).Errors)
			require.Less(t, int64(liveHeap())-int64(before), int64(150<<20))
		})
	}
}

// TestAnalysisStopsWithRequest: before, neither the request timeout nor a
// client leaving stopped an analysis (99 aliases of network{modularity} on
// 100,000 tasks ran on for 3.5 minutes). Now a network whose communities
// take minutes stops within a second of the client leaving or of the
// request's deadline, and ordinary queries answer while it runs.
func TestAnalysisStopsWithRequest(t *testing.T) {
	store := hugeNetworkStore{Store: seedtest.Shared(t), network: denseNetwork(2500, 30)}
	for _, tc := range []struct {
		name     string
		deadline time.Duration // the server's request timeout; 0 for none
		leave    time.Duration // when the client gives up; 0 for never
	}{
		{name: "client leaves", leave: 500 * time.Millisecond},
		{name: "request timeout", deadline: 500 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, err := resolvers.NewHandler(duty.New(store), discardLog(), resolvers.DefaultOptions())
			require.NoError(t, err)
			type end struct {
				at  time.Time
				err error // the request's, when the handler returned
			}
			ended := make(chan end, 1)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				ctx := r.Context()
				if tc.deadline > 0 && strings.Contains(r.URL.RawQuery, "heavy") {
					var cancel context.CancelFunc
					ctx, cancel = context.WithTimeout(ctx, tc.deadline)
					defer cancel()
				}
				h.ServeHTTP(w, r.WithContext(ctx))
				if strings.Contains(r.URL.RawQuery, "heavy") {
					ended <- end{time.Now(), ctx.Err()}
				}
			}))
			defer srv.Close()

			clientCtx, leave := context.WithCancel(context.Background())
			defer leave()
			go func() {
				body, _ := json.Marshal(map[string]string{"query": `{ network { modularity } }`})
				req, _ := http.NewRequestWithContext(clientCtx, http.MethodPost, srv.URL+"?heavy", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				if resp, err := http.DefaultClient.Do(req); err == nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}()
			time.Sleep(200 * time.Millisecond)
			began := time.Now()
			require.Empty(t, apitest.Post(t, srv.URL, normalQuery, nil).Errors)
			require.Less(t, time.Since(began), time.Second, "an ordinary query answers meanwhile")

			stop := time.Now().Add(tc.deadline - 200*time.Millisecond)
			if tc.leave > 0 {
				time.Sleep(time.Until(began.Add(tc.leave - 200*time.Millisecond)))
				stop = time.Now()
				leave()
			}
			select {
			case e := <-ended:
				require.Error(t, e.err, "the analysis was still running when the request ended")
				require.Less(t, e.at.Sub(stop), race.Scaled(time.Second), "the analysis stopped within a second")
			case <-time.After(10 * time.Second):
				t.Fatal("the analysis still runs 10 s after the request ended")
			}
		})
	}
}

// hugeNetworkStore answers every network question with one network, too
// large to analyse in a request's time.
type hugeNetworkStore struct {
	graph.Store
	network graph.Network
}

func (s hugeNetworkStore) Network(context.Context, graph.CoOwnershipFilter, int) (graph.Network, error) {
	return s.network, nil
}

// denseNetwork links each of units units with degree others at random:
// Louvain over it takes minutes.
func denseNetwork(units, degree int) graph.Network {
	rnd := rand.New(rand.NewPCG(14, 2))
	id := func(i int) string { return fmt.Sprintf("unit:合成市:单位%04d", i) }
	var n graph.Network
	seen := map[[2]int]bool{}
	for a := range units {
		n.Nodes = append(n.Nodes, graph.NetworkNode{UnitID: id(a), Lead: 1})
		for range degree / 2 {
			b := rnd.IntN(units)
			pair := [2]int{min(a, b), max(a, b)}
			if a == b || seen[pair] {
				continue
			}
			seen[pair] = true
			n.Edges = append(n.Edges, graph.UnitPair{A: id(pair[0]), B: id(pair[1]), Shared: 1 + rnd.IntN(5)})
		}
	}
	return n
}

// TestViewerNetworkPasses: the viewer opens on the whole network with its
// communities, the heaviest question an ordinary client asks; it is priced
// as the country's network of 100,000 tasks (seconds of Louvain) and still
// passes the default limit, once. Two whole networks with communities in
// one request do not.
func TestViewerNetworkPasses(t *testing.T) {
	url := serve(t, seedtest.Shared(t))
	const viewer = `network(filter: {includeCollective: false}, minShared: $I) {
	  nodes { unit { id name aliases kind jurisdiction } lead cooperate total community }
	  compactEdges
	  communities { id size label } }`
	resp := apitest.Post(t, url, aliased(1, viewer), nil)
	require.Empty(t, resp.Errors)
	require.Contains(t, string(resp.Data), `"communities"`)

	resp = apitest.Post(t, url, aliased(2, viewer), nil)
	require.Len(t, resp.Errors, 1)
	require.Equal(t, "COMPLEXITY_LIMIT_EXCEEDED", resp.Errors[0].Code())
}
