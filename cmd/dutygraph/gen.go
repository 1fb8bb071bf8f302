package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/dutygraph/dutygraph/synth"
)

var genCommand = command{
	name:    "gen",
	summary: "generate a synthetic corpus of plans for benchmarks",
	run:     runGen,
}

// runGen is `dutygraph gen [--seed N] (--tasks N | --plans N) --out DIR`.
func runGen(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("gen", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var cfg synth.Config
	fl.Uint64Var(&cfg.Seed, "seed", 1, "random seed: the same seed and sizes give the same bytes")
	fl.IntVar(&cfg.Tasks, "tasks", 0, "exact number of tasks to generate")
	fl.IntVar(&cfg.Plans, "plans", 0, "number of plans to generate (80–200 tasks each), instead of --tasks")
	fl.IntVar(&cfg.FirstYear, "first-year", synth.DefaultFirstYear, "year of the first plans")
	fl.IntVar(&cfg.Years, "years", synth.DefaultYears, "years of plans per jurisdiction")
	out := fl.String("out", "", "directory to write into; must be new or empty (required)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "Usage: dutygraph gen [--seed N] (--tasks N | --plans N) --out DIR")
		fmt.Fprintln(stderr, "\nWrites a synthetic corpus of work plans in the seeds' format: cities of")
		fmt.Fprintln(stderr, "about ten districts, one plan a year each, about sixty units per")
		fmt.Fprintln(stderr, "jurisdiction, plus the units.yaml and jurisdictions.yaml that resolve them.")
		fmt.Fprintln(stderr, "Load it with: dutygraph load DIR, or serve it with: dutygraph serve --seeds DIR")
		fmt.Fprintln(stderr, "\nFlags:")
		fl.PrintDefaults()
	}
	if proceed, err := parseNoArgs(fl, args); !proceed {
		return err
	}
	switch {
	case *out == "":
		fl.Usage()
		return usageError{"gen: --out DIR is required"}
	case (cfg.Tasks > 0) == (cfg.Plans > 0):
		fl.Usage()
		return usageError{"gen: give one of --tasks N and --plans N"}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	sum, err := synth.Write(*out, cfg)
	if err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %d plans, %d tasks, %d bytes of plans, %d jurisdictions in %s\n",
		len(sum.Plans), sum.Tasks, sum.Bytes, sum.Jurisdictions, *out)
	return nil
}
