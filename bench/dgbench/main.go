// Command dgbench measures dutygraph on a generated corpus (dutygraph gen):
// parse throughput, load time and peak memory of the memory store, query
// latency in process and over HTTP, and the CSV rows SQLite is compared on.
// bench/run drives it; BENCHMARKS.md holds what it measured.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"strconv"
	"strings"
)

var subcommands = map[string]func(ctx context.Context, args []string, stdout io.Writer) error{
	"parse":  runParse,
	"load":   runLoad,
	"query":  runQuery,
	"http":   runHTTP,
	"csv":    runCSV,
	"sqlite": runSQLite,
	"reload": runReload,
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if len(os.Args) < 2 || subcommands[os.Args[1]] == nil {
		fmt.Fprintln(os.Stderr, "usage: dgbench parse|load|query|http|reload|csv|sqlite [flags] ARGS")
		os.Exit(2)
	}
	if err := subcommands[os.Args[1]](ctx, os.Args[2:], os.Stdout); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "dgbench:", err)
		}
		os.Exit(1)
	}
}

// profiling is the -cpuprofile flag every subcommand takes.
type profiling struct{ cpu *string }

func profileFlags(fl *flag.FlagSet) profiling {
	return profiling{cpu: fl.String("cpuprofile", "", "write a CPU profile of the measured part to this file")}
}

// start starts the CPU profile if asked; the returned stop ends it.
func (p profiling) start() (func() error, error) {
	if *p.cpu == "" {
		return func() error { return nil }, nil
	}
	f, err := os.Create(*p.cpu)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() error {
		pprof.StopCPUProfile()
		return f.Close()
	}, nil
}

// peakRSS is the process's peak resident set (VmHWM), in bytes.
func peakRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
