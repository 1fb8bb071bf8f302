package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// runReload measures what a reload costs the queries running beside it:
// the same questions asked one after another before, during and after
// back-to-back forced reloads of the server's corpus (POST /admin/reload),
// each phase reported as p50, p99 and the slowest, in milliseconds.
func runReload(ctx context.Context, args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("reload", flag.ContinueOnError)
	reloads := fl.Int("reloads", 3, "reloads run back to back")
	quiet := fl.Duration("quiet", 5*time.Second, "how long the questions are asked before and after the reloads")
	token := fl.String("token", os.Getenv("DUTYGRAPH_ADMIN_TOKEN"), "the server's admin token (env DUTYGRAPH_ADMIN_TOKEN)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 1 || *token == "" {
		return fmt.Errorf("usage: dgbench reload [-reloads N] [-quiet D] -token T URL (http://127.0.0.1:PORT, a server started with that --admin-token)")
	}
	base := strings.TrimSuffix(fl.Arg(0), "/")
	client := &http.Client{Timeout: 5 * time.Minute}
	post := httpPoster(client, base+"/graphql")
	s, err := findSubject(ctx, post)
	if err != nil {
		return err
	}
	// Questions a dashboard asks: a workload, one place's co-ownership and
	// its network, each year in turn, with limits and minimums varied so
	// that the answer cache answers few of them.
	questions := func(i int) string {
		y := s.years[i%len(s.years)]
		switch i % 3 {
		case 0:
			return fmt.Sprintf(`{ unit(name: %q, jurisdiction: %q) { workload(year: %d) { lead cooperate total } } }`, s.unit, s.jurisdiction, y)
		case 1:
			return fmt.Sprintf(`{ coOwnership(filter: {jurisdiction: %q, year: %d}, limit: %d) { a { name } b { name } sharedTasks } }`, s.jurisdiction, y, 1+i%97)
		default:
			return fmt.Sprintf(`{ network(filter: {jurisdiction: %q, year: %d}, minShared: %d) { nodes { unit { name } lead cooperate } compactEdges } }`, s.jurisdiction, y, 1+(i/3)%3)
		}
	}
	ask := func(ctx context.Context, i *int, until func() bool) ([]time.Duration, error) {
		var lat []time.Duration
		for !until() {
			start := time.Now()
			if _, err := post(ctx, questions(*i)); err != nil {
				return lat, err
			}
			lat = append(lat, time.Since(start))
			*i++
		}
		return lat, nil
	}
	report := func(phase string, lat []time.Duration) {
		if len(lat) == 0 {
			fmt.Fprintf(stdout, "reload\t%s\tno requests\n", phase)
			return
		}
		fmt.Fprintf(stdout, "reload\t%s\t%.2f\t%.2f\t%.2f\t%d\n", phase, ms(pct(lat, 50)), ms(pct(lat, 99)), ms(pct(lat, 100)), len(lat))
	}
	elapsed := func(d time.Duration) func() bool {
		end := time.Now().Add(d)
		return func() bool { return time.Now().After(end) }
	}

	i := 0
	before, err := ask(ctx, &i, elapsed(*quiet))
	if err != nil {
		return err
	}
	report("before", before)

	var (
		wg        sync.WaitGroup
		done      atomic.Bool
		reloadErr error
		took      []time.Duration
	)
	wg.Go(func() {
		defer done.Store(true)
		for range *reloads {
			start := time.Now()
			if err := adminReload(ctx, client, base, *token); err != nil {
				reloadErr = err
				return
			}
			took = append(took, time.Since(start))
		}
	})
	during, err := ask(ctx, &i, done.Load)
	wg.Wait()
	if err != nil {
		return err
	}
	if reloadErr != nil {
		return reloadErr
	}
	report("during", during)
	for n, d := range took {
		fmt.Fprintf(stdout, "reload\treload_%d\t%.0f\n", n+1, ms(d))
	}

	after, err := ask(ctx, &i, elapsed(*quiet))
	if err != nil {
		return err
	}
	report("after", after)
	return nil
}

// adminReload asks the server to reload its corpus, forced, and waits for
// the answer.
func adminReload(ctx context.Context, client *http.Client, base, token string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/admin/reload?force=true", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("reload: status %d: %s", resp.StatusCode, truncate(body))
	}
	return nil
}
