package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"
)

// runSQLite is `dgbench sqlite [-p NAME=VALUE...] DB QUERIES.sql`: times each
// "-- name:" block of QUERIES in the sqlite3 CLI. A block runs R times in one
// sqlite3 process, R chosen so that a run lasts about a second (-run), and
// the time of the same process running `SELECT 1;` R times is taken off:
// what is left is the block's own time. Three such runs; the median is
// printed, in milliseconds per execution, with R.
func runSQLite(ctx context.Context, args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("sqlite", flag.ContinueOnError)
	var params []string
	fl.Func("p", "NAME=VALUE: replace @NAME@ in the queries (repeatable)", func(s string) error {
		if !strings.Contains(s, "=") {
			return fmt.Errorf("-p %q: want NAME=VALUE", s)
		}
		params = append(params, s)
		return nil
	})
	target := fl.Duration("run", time.Second, "how long one timed run of a block should last")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 2 {
		return fmt.Errorf("usage: dgbench sqlite [-run DURATION] [-p NAME=VALUE...] DB QUERIES.sql")
	}
	db := fl.Arg(0)
	data, err := os.ReadFile(fl.Arg(1))
	if err != nil {
		return err
	}
	text := string(data)
	for _, p := range params {
		name, value, _ := strings.Cut(p, "=")
		text = strings.ReplaceAll(text, "@"+name+"@", value)
	}
	blocks := strings.Split(text, "-- name: ")[1:]
	if len(blocks) == 0 {
		return fmt.Errorf("%s: no \"-- name:\" blocks", fl.Arg(1))
	}
	for _, b := range blocks {
		name, sql, _ := strings.Cut(b, "\n")
		once, err := sqliteRun(ctx, db, sql, 1)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		reps := max(1, min(2000, int(*target/max(once, time.Microsecond))))
		var per []time.Duration
		if reps == 1 {
			// A query of a second or more: the first run is a sample too
			// (the start of sqlite3 is lost in it).
			per = append(per, once)
		}
		for len(per) < 3 {
			d, err := sqliteRun(ctx, db, sql, reps)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			base, err := sqliteRun(ctx, db, "SELECT 1;\n", reps)
			if err != nil {
				return err
			}
			per = append(per, max(0, d-base)/time.Duration(reps))
		}
		slices.Sort(per)
		fmt.Fprintf(stdout, "sqlite\t%s\t%.3f\t%d\n", name, float64(per[1].Nanoseconds())/1e6, reps)
	}
	return nil
}

// sqliteRun runs sql reps times in one sqlite3 process, output discarded.
func sqliteRun(ctx context.Context, db, sql string, reps int) (time.Duration, error) {
	cmd := exec.CommandContext(ctx, "sqlite3", "-bail", db)
	cmd.Stdin = strings.NewReader(strings.Repeat(sql+"\n", reps))
	cmd.Stdout = io.Discard
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("sqlite3: %v: %s", err, stderr.String())
	}
	if stderr.Len() > 0 {
		return 0, fmt.Errorf("sqlite3: %s", stderr.String())
	}
	return time.Since(start), nil
}
