package neo4jstore

// TestLiveBenchmark measures the store on a live Neo4j against the same
// questions written by hand in plain Cypher, in one run, on corpora the
// generator makes (package synth, as `dutygraph gen`). It needs a server
// and is slow, so it runs only when asked:
//
//	NEO4J_URI=neo4j://localhost:7687 NEO4J_BENCH_TASKS=10000,100000 \
//	  go test -run TestLiveBenchmark -timeout 2h -v ./graph/neo4jstore/
//
// NEO4J_BENCH_OUT=FILE appends the table to FILE. Each question is asked
// NEO4J_BENCH_RUNS times (default 50) after 5 warm-up runs, API and
// hand-written alternately, and the medians are compared. Both go through
// the same driver, session and read transaction kind, so the difference
// is the store's statements and Go work.
//
// NEO4J_BENCH_KEEP=1 leaves each corpus and the store's schema on the
// server and prints the command that asks the same questions of it
// through @neo4j/graphql (bench/neo4jgraphql).

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/loader"
	"github.com/dutygraph/dutygraph/registry"
	"github.com/dutygraph/dutygraph/synth"
)

// Hand-written Cypher for each question: what a Neo4j user would write
// with the schema's indexes, no store around it.
const (
	handUnitTasks = `
MATCH (:Unit {ns: $ns, id: $unit})-[:LEADS|COOPERATES_ON]->(t:Task)
WITH DISTINCT t ORDER BY t.jurisdiction, t.year DESC, t.number, t.id
LIMIT 20
RETURN t {.*} AS t`
	handUnitTaskCount = `
MATCH (:Unit {ns: $ns, id: $unit})-[:LEADS|COOPERATES_ON]->(t:Task)
RETURN count(DISTINCT t) AS total`
	handPairsYearPlace = `
MATCH (t:Task {ns: $ns, jurisdiction: $jurisdiction, year: $year})
MATCH (a:Unit)-[:LEADS|COOPERATES_ON]->(t)<-[:LEADS|COOPERATES_ON]-(b:Unit)
WHERE a.id < b.id AND a.kind <> 'placeholder' AND b.kind <> 'placeholder'
RETURN a.id AS a, b.id AS b, count(DISTINCT t) AS shared
ORDER BY shared DESC, a, b LIMIT 20`
	handNetworkNodes = `
MATCH (t:Task {ns: $ns, jurisdiction: $jurisdiction, year: $year})<-[r:LEADS|COOPERATES_ON]-(u:Unit)
WHERE u.kind <> 'placeholder'
RETURN u.id AS unit, sum(CASE WHEN type(r) = 'LEADS' THEN 1 ELSE 0 END) AS lead,
       sum(CASE WHEN type(r) = 'COOPERATES_ON' THEN 1 ELSE 0 END) AS cooperate`
	handPairsAll = `
MATCH (a:Unit)-[:LEADS|COOPERATES_ON]->(t:Task)<-[:LEADS|COOPERATES_ON]-(b:Unit)
WHERE a.ns = $ns AND a.id < b.id AND a.kind <> 'placeholder' AND b.kind <> 'placeholder'
RETURN a.id AS a, b.id AS b, count(DISTINCT t) AS shared
ORDER BY shared DESC, a, b LIMIT 20`
	handWorkload = `
MATCH (:Unit {ns: $ns, id: $unit})-[r:LEADS|COOPERATES_ON]->(t:Task {year: $year})
WITH t, max(CASE WHEN type(r) = 'LEADS' THEN 1 ELSE 0 END) AS lead
RETURN sum(lead) AS lead, count(t) - sum(lead) AS cooperate`
	handFindUnit = `
MATCH (u:Unit {ns: $ns, jurisdiction: $jurisdiction})
WHERE u.name = $name OR $name IN u.aliases
RETURN u {.*} AS u`
)

type benchQuestion struct {
	name string
	api  func(ctx context.Context) error
	hand []statement // run in one read transaction
}

func TestLiveBenchmark(t *testing.T) {
	driver := OpenLive(t)
	sizes := os.Getenv("NEO4J_BENCH_TASKS")
	if sizes == "" {
		t.Skip("NEO4J_BENCH_TASKS is not set: the benchmark loads generated corpora into the server named by NEO4J_URI; " +
			"run it with NEO4J_BENCH_TASKS=10000,100000 go test -run TestLiveBenchmark -timeout 2h -v ./graph/neo4jstore/")
	}
	runs := 50
	if v := os.Getenv("NEO4J_BENCH_RUNS"); v != "" {
		n, err := strconv.Atoi(v)
		require.NoError(t, err, "NEO4J_BENCH_RUNS")
		runs = n
	}
	var report strings.Builder
	for _, field := range strings.Split(sizes, ",") {
		tasks, err := strconv.Atoi(strings.TrimSpace(field))
		require.NoError(t, err, "NEO4J_BENCH_TASKS")
		benchSize(t, driverStore(t, driver), tasks, runs, &report)
	}
	t.Log("\n" + report.String())
	if out := os.Getenv("NEO4J_BENCH_OUT"); out != "" {
		f, err := os.OpenFile(out, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		require.NoError(t, err)
		defer f.Close()
		_, err = f.WriteString(report.String())
		require.NoError(t, err)
	}
}

// driverStore is a store with the production batch size in a namespace of
// its own, cleared when the test ends.
func driverStore(t *testing.T, driver neo4j.DriverWithContext) *Store {
	t.Helper()
	s := NewLive(t, driver)
	s.opts.BatchSize = DefaultBatchSize
	return s
}

// timedWriter times each document's load and counts the tasks loaded.
type timedWriter struct {
	s     *Store
	tasks int
	marks []time.Duration // time to load each successive 10k tasks
	since time.Time
	next  int
}

var _ graph.Writer = (*timedWriter)(nil)

func (w *timedWriter) Load(ctx context.Context, b *graph.Batch) error {
	err := w.s.Load(ctx, b)
	w.tasks += len(b.Tasks)
	for w.tasks >= w.next {
		now := time.Now()
		w.marks = append(w.marks, now.Sub(w.since))
		w.since = now
		w.next += 10000
	}
	return err
}

func benchSize(t *testing.T, s *Store, tasks, runs int, report *strings.Builder) {
	ctx := context.Background()
	files := fstest.MapFS{}
	_, err := synth.Generate(synth.Config{Seed: 1, Tasks: tasks}, func(name string, data []byte) error {
		files[name] = &fstest.MapFile{Data: slices.Clone(data)}
		return nil
	})
	require.NoError(t, err)
	reg, err := registry.Load(files)
	require.NoError(t, err)

	w := &timedWriter{s: s, since: time.Now(), next: 10000}
	start := time.Now()
	sum, err := loader.LoadFS(ctx, w, files, reg)
	require.NoError(t, err)
	require.Empty(t, sum.Failed)
	loaded := time.Since(start)

	subject := benchSubject(t, ctx, s)
	ns := s.opts.Namespace
	y0, y1 := subject.years[0], subject.years[len(subject.years)-1]
	params := func(year int) map[string]any {
		return map[string]any{"ns": ns, "unit": subject.unit.ID, "name": subject.unit.Name,
			"jurisdiction": subject.jurisdiction, "year": year}
	}
	hand := func(cyphers ...string) []statement {
		out := make([]statement, len(cyphers))
		for i, c := range cyphers {
			out[i] = statement{cypher: c, params: params(y1)}
		}
		return out
	}
	yearPlace := graph.CoOwnershipFilter{Year: y1, Jurisdiction: subject.jurisdiction}
	questions := []benchQuestion{
		{"a unit's first page of 20 tasks", func(ctx context.Context) error {
			_, err := s.Tasks(ctx, graph.TaskFilter{UnitIDs: []string{subject.unit.ID}}, graph.Page{Limit: 20})
			return err
		}, hand(handUnitTasks, handUnitTaskCount)},
		{"network of one year and place", func(ctx context.Context) error {
			_, err := s.Network(ctx, yearPlace, 1)
			return err
		}, hand(handPairsYearPlace, handNetworkNodes)},
		{"co-ownership top 20, one year and place", func(ctx context.Context) error {
			_, err := s.CoOwnership(ctx, yearPlace, 20)
			return err
		}, hand(handPairsYearPlace)},
		{"co-ownership top 20, all tasks (materialised vs counted)", func(ctx context.Context) error {
			_, err := s.CoOwnership(ctx, graph.CoOwnershipFilter{}, 20)
			return err
		}, hand(handPairsAll)},
		{"workload of a unit in a year", func(ctx context.Context) error {
			_, err := s.Workload(ctx, []string{subject.unit.ID}, y1)
			return err
		}, hand(handWorkload)},
		{"workloadChange: unit by name, two workloads", func(ctx context.Context) error {
			u, err := s.FindUnit(ctx, subject.unit.Name, subject.jurisdiction)
			if err != nil {
				return err
			}
			if _, err := s.Workload(ctx, []string{u.ID}, y0); err != nil {
				return err
			}
			_, err = s.Workload(ctx, []string{u.ID}, y1)
			return err
		}, []statement{
			{cypher: handFindUnit, params: params(y1)}, {cypher: handWorkload, params: params(y0)},
			{cypher: handWorkload, params: params(y1)},
		}},
	}

	fmt.Fprintf(report, "\n%d tasks (%d plans), namespace %s, %d runs each; medians in ms\n\n", tasks, len(sum.Loaded), ns, runs)
	fmt.Fprintf(report, "| load | %.1f s in all; per 10k tasks: %s |\n|---|---|\n", loaded.Seconds(), durations(w.marks))
	fmt.Fprintf(report, "\n| question | API (store) | hand-written Cypher | ratio |\n|---|---|---|---|\n")
	for _, q := range questions {
		byHand := func(ctx context.Context) error {
			return s.exec.read(ctx, func(r runner) error {
				for _, st := range q.hand {
					if _, err := r.run(ctx, st); err != nil {
						return err
					}
				}
				return nil
			})
		}
		api, manual := alternate(t, ctx, runs, q.api, byHand)
		fmt.Fprintf(report, "| %s | %.2f | %.2f | %.1f× |\n", q.name, ms(api), ms(manual), float64(api)/float64(max(manual, 1)))
	}
	if keepLive() {
		fmt.Fprintf(report, "\nKept namespace %s. The same questions through @neo4j/graphql, from the repository root:\n\n"+
			"    node bench/neo4jgraphql/bench.mjs --ns %s --jurisdiction %s --unit %s --name %s --years %d,%d --runs %d\n",
			ns, shellQuote(ns), shellQuote(subject.jurisdiction), shellQuote(subject.unit.ID), shellQuote(subject.unit.Name), y0, y1, runs)
	}
}

// shellQuote quotes s as one word of a POSIX shell.
func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// alternate runs a and b in turns, after warming both, and returns their
// medians.
func alternate(t *testing.T, ctx context.Context, runs int, a, b func(context.Context) error) (time.Duration, time.Duration) {
	t.Helper()
	for range 5 {
		require.NoError(t, a(ctx))
		require.NoError(t, b(ctx))
	}
	var da, db []time.Duration
	for range runs {
		start := time.Now()
		require.NoError(t, a(ctx))
		da = append(da, time.Since(start))
		start = time.Now()
		require.NoError(t, b(ctx))
		db = append(db, time.Since(start))
	}
	return median(da), median(db)
}

func median(ds []time.Duration) time.Duration {
	slices.Sort(ds)
	return ds[len(ds)/2]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func durations(ds []time.Duration) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = fmt.Sprintf("%.1f s", d.Seconds())
	}
	return strings.Join(parts, ", ")
}

type benchSubjectOf struct {
	jurisdiction string
	years        []int
	unit         graph.Unit
}

// benchSubject is the first city with plans and the first unit of its most
// co-owned pair in its newest year, as bench/dgbench picks.
func benchSubject(t *testing.T, ctx context.Context, s *Store) benchSubjectOf {
	t.Helper()
	js, err := s.Jurisdictions(ctx)
	require.NoError(t, err)
	for _, j := range js {
		if strings.Contains(j.Path, "/") {
			continue
		}
		plans, err := s.Plans(ctx, graph.PlanFilter{Jurisdiction: j.Path})
		require.NoError(t, err)
		if len(plans) == 0 {
			continue
		}
		sub := benchSubjectOf{jurisdiction: j.Path}
		for _, p := range plans {
			sub.years = append(sub.years, p.Year)
		}
		slices.SortFunc(sub.years, cmp.Compare)
		pairs, err := s.CoOwnership(ctx, graph.CoOwnershipFilter{Jurisdiction: j.Path}, 1)
		require.NoError(t, err)
		require.NotEmpty(t, pairs)
		units, err := s.UnitsByID(ctx, []string{pairs[0].A})
		require.NoError(t, err)
		sub.unit = units[pairs[0].A]
		return sub
	}
	t.Fatal("no city with a plan")
	return benchSubjectOf{}
}
