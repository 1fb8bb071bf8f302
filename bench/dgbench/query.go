package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"time"
)

// poster sends one GraphQL query and returns the response body.
type poster func(ctx context.Context, query string) ([]byte, error)

// runQuery is `dgbench query DIR`: loads the corpus into a memory store
// and times the queries through the GraphQL handler in process.
func runQuery(ctx context.Context, args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("query", flag.ContinueOnError)
	prof := profileFlags(fl)
	n := fl.Int("n", 200, "requests per query")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		return fmt.Errorf("usage: dgbench query [flags] DIR")
	}
	store, _, err := loadCorpus(ctx, fl.Arg(0))
	if err != nil {
		return err
	}
	h, err := newHandler(store)
	if err != nil {
		return err
	}
	post := func(ctx context.Context, query string) ([]byte, error) {
		body, _ := json.Marshal(map[string]string{"query": query})
		req := httptest.NewRequestWithContext(ctx, http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return checkResponse(rec.Code, rec.Body.Bytes())
	}
	stop, err := prof.start()
	if err != nil {
		return err
	}
	defer stop()
	return measureQueries(ctx, post, *n, "inproc", stdout)
}

// runHTTP is `dgbench http URL`: the same queries against a running
// `dutygraph serve`, one request at a time over a kept-alive connection.
func runHTTP(ctx context.Context, args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("http", flag.ContinueOnError)
	n := fl.Int("n", 200, "requests per query")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		return fmt.Errorf("usage: dgbench http [flags] URL (http://127.0.0.1:PORT/graphql)")
	}
	post := httpPoster(&http.Client{Timeout: 5 * time.Minute}, fl.Arg(0))
	return measureQueries(ctx, post, *n, "http", stdout)
}

// httpPoster asks url's GraphQL endpoint; an answer with errors is one.
func httpPoster(client *http.Client, url string) poster {
	return func(ctx context.Context, query string) ([]byte, error) {
		body, _ := json.Marshal(map[string]string{"query": query})
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		data, err := io.ReadAll(resp.Body)
		if err != nil {
			return nil, err
		}
		return checkResponse(resp.StatusCode, data)
	}
}

func checkResponse(code int, body []byte) ([]byte, error) {
	var r struct {
		Errors []json.RawMessage `json:"errors"`
	}
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, fmt.Errorf("status %d: %s", code, truncate(body))
	}
	if code != http.StatusOK || len(r.Errors) > 0 {
		return nil, fmt.Errorf("status %d: %s", code, truncate(body))
	}
	return body, nil
}

func truncate(b []byte) string {
	if len(b) > 300 {
		return string(b[:300]) + "…"
	}
	return string(b)
}

// subject is what the queries ask about: the first jurisdiction's busiest
// unit, and the years of its plans.
type subject struct {
	jurisdiction, unit string
	years              []int
}

func findSubject(ctx context.Context, post poster) (subject, error) {
	var s subject
	body, err := post(ctx, `{ jurisdictions { path } }`)
	if err != nil {
		return s, err
	}
	var js struct {
		Data struct{ Jurisdictions []struct{ Path string } }
	}
	if err := json.Unmarshal(body, &js); err != nil || len(js.Data.Jurisdictions) == 0 {
		return s, fmt.Errorf("no jurisdictions: %s", truncate(body))
	}
	// The first city: jurisdictions come in path order, cities before their
	// districts.
	for _, j := range js.Data.Jurisdictions {
		if !strings.Contains(j.Path, "/") {
			body, err := post(ctx, fmt.Sprintf(`{ plans(jurisdiction: %q) { year } }`, j.Path))
			if err != nil {
				return s, err
			}
			var ps struct {
				Data struct{ Plans []struct{ Year int } }
			}
			if err := json.Unmarshal(body, &ps); err != nil {
				return s, err
			}
			if len(ps.Data.Plans) > 0 {
				s.jurisdiction = j.Path
				for _, p := range ps.Data.Plans {
					s.years = append(s.years, p.Year)
				}
				break
			}
		}
	}
	if s.jurisdiction == "" {
		return s, fmt.Errorf("no city with a plan")
	}
	slices.Sort(s.years)
	body, err = post(ctx, fmt.Sprintf(`{ coOwnership(filter: {jurisdiction: %q}, limit: 1) { a { name } } }`, s.jurisdiction))
	if err != nil {
		return s, err
	}
	var co struct {
		Data struct {
			CoOwnership []struct{ A struct{ Name string } }
		}
	}
	if err := json.Unmarshal(body, &co); err != nil || len(co.Data.CoOwnership) == 0 {
		return s, fmt.Errorf("no co-owned pair in %s: %s", s.jurisdiction, truncate(body))
	}
	s.unit = co.Data.CoOwnership[0].A.Name
	return s, nil
}

// measureQueries times each query kind and prints one line per figure:
// mode, query, p50 and p99 in milliseconds, and the number of requests.
func measureQueries(ctx context.Context, post poster, n int, mode string, stdout io.Writer) error {
	// The first query after the load. A server that has just reported
	// ready may still be building its read index (about a second at a
	// million tasks): this request then waits for it.
	const cheap = `{ units(first: 1) { totalCount } }` // reads the read index
	if err := timeOnce(ctx, post, mode, "first_query", cheap, stdout); err != nil {
		return err
	}
	// Then wait for the index: until a cheap query is quick again.
	for range 100 {
		start := time.Now()
		if _, err := post(ctx, cheap); err != nil {
			return err
		}
		if time.Since(start) < 20*time.Millisecond {
			break
		}
	}
	// The coOwnership ranking over every task, computed (the store then
	// keeps it for the snapshot).
	if err := timeOnce(ctx, post, mode, "coOwnership_all_cold", `{ coOwnership(limit: 20) { a { name } b { name } sharedTasks } }`, stdout); err != nil {
		return err
	}

	s, err := findSubject(ctx, post)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s\tsubject\t%s\t%s\t%d-%d\n", mode, s.jurisdiction, s.unit, s.years[0], s.years[len(s.years)-1])
	year := func(i int) int { return s.years[i%len(s.years)] }
	// cold kinds also report their first request of each distinct query
	// (the store computing rather than remembering) as NAME_cold.
	kinds := []struct {
		name  string
		n     int
		cold  bool
		query func(i int) string
	}{
		{"workload", n, false, func(i int) string {
			return fmt.Sprintf(`{ unit(name: %q, jurisdiction: %q) { workload(year: %d) { lead cooperate total } } }`, s.unit, s.jurisdiction, year(i))
		}},
		{"workloadChange", n, false, func(i int) string {
			return fmt.Sprintf(`{ workloadChange(unit: %q, jurisdiction: %q, fromYear: %d, toYear: %d) { leadDelta cooperateDelta totalDelta from { total } to { total } } }`,
				s.unit, s.jurisdiction, s.years[0], year(i+1))
		}},
		// Cached after the cold run above: what a dashboard polling the
		// ranking sees.
		{"coOwnership_all_warm", n, false, func(int) string {
			return `{ coOwnership(limit: 20) { a { name } b { name } sharedTasks } }`
		}},
		// One year of every jurisdiction: each year computed once (cold),
		// then answered from the store's cache.
		{"coOwnership_year", n, true, func(i int) string {
			return fmt.Sprintf(`{ coOwnership(filter: {year: %d}, limit: 20) { a { name } b { name } sharedTasks } }`, year(i))
		}},
		// One year of one place: the city's plan of that year.
		{"coOwnership_place_year", n, true, func(i int) string {
			return fmt.Sprintf(`{ coOwnership(filter: {jurisdiction: %q, year: %d}, limit: 20) { a { name } b { name } sharedTasks } }`,
				s.jurisdiction, year(i))
		}},
		// The network the viewer draws: one jurisdiction's plan of one year.
		{"network", max(20, n/4), true, func(i int) string {
			return fmt.Sprintf(`{ network(filter: {jurisdiction: %q, year: %d}) { nodes { unit { name } lead cooperate } edges { source target sharedTasks } } }`,
				s.jurisdiction, year(i))
		}},
		// The same network with its pairs as three integers each, as the
		// viewer asks it.
		{"network_compact", max(20, n/4), true, func(i int) string {
			return fmt.Sprintf(`{ network(filter: {jurisdiction: %q, year: %d}) { nodes { unit { name } lead cooperate } compactEdges } }`,
				s.jurisdiction, year(i))
		}},
	}
	// The ranking over every task with the placeholders: another question,
	// computed afresh.
	if err := timeOnce(ctx, post, mode, "coOwnership_collective_cold", `{ coOwnership(filter: {includeCollective: true}, limit: 20) { a { name } b { name } sharedTasks } }`, stdout); err != nil {
		return err
	}
	for _, k := range kinds {
		var lat []time.Duration
		var first []time.Duration // the first request of each distinct query
		seen := map[string]bool{}
		for i := range k.n {
			if err := ctx.Err(); err != nil {
				return err
			}
			q := k.query(i)
			start := time.Now()
			if _, err := post(ctx, q); err != nil {
				return fmt.Errorf("%s: %w", k.name, err)
			}
			d := time.Since(start)
			lat = append(lat, d)
			if !seen[q] {
				seen[q] = true
				first = append(first, d)
			}
		}
		fmt.Fprintf(stdout, "%s\t%s\t%.2f\t%.2f\t%d\n", mode, k.name, ms(pct(lat, 50)), ms(pct(lat, 99)), len(lat))
		if k.cold {
			fmt.Fprintf(stdout, "%s\t%s_cold\t%.2f\t%.2f\t%d\n", mode, k.name, ms(pct(first, 50)), ms(pct(first, 100)), len(first))
		}
	}
	return nil
}

// timeOnce times one request and prints it as p50 and p99 of one.
func timeOnce(ctx context.Context, post poster, mode, name, query string, stdout io.Writer) error {
	start := time.Now()
	if _, err := post(ctx, query); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	d := ms(time.Since(start))
	fmt.Fprintf(stdout, "%s\t%s\t%.2f\t%.2f\t1\n", mode, name, d, d)
	return nil
}

// pct is the p-th percentile (nearest rank) of ds.
func pct(ds []time.Duration, p int) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	return s[max(0, min(len(s)-1, i-1))]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
