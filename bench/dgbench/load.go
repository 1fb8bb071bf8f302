package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/memstore"
	"github.com/dutygraph/dutygraph/loader"
	"github.com/dutygraph/dutygraph/registry"
)

// runLoad is `dgbench load DIR`: LoadFS into a memory store, then the first
// query, timed apart; then the process's peak RSS.
func runLoad(ctx context.Context, args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("load", flag.ContinueOnError)
	prof := profileFlags(fl)
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		return fmt.Errorf("usage: dgbench load [flags] DIR")
	}
	dir := fl.Arg(0)
	stop, err := prof.start()
	if err != nil {
		return err
	}
	start := time.Now()
	_, _, err = loadCorpus(ctx, dir)
	if err != nil {
		return err
	}
	loaded := time.Since(start)
	if err := stop(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "load\t%.2f s\npeak_rss\t%d MiB\n", loaded.Seconds(), peakRSS()>>20)
	return nil
}

// loadCorpus loads a generated corpus with its own registry and answers a
// first query, so that the store's read index is built.
func loadCorpus(ctx context.Context, dir string) (*memstore.Store, *registry.Registry, error) {
	reg, err := registry.Load(os.DirFS(dir))
	if err != nil {
		return nil, nil, err
	}
	s := memstore.New()
	if _, err := loader.LoadFS(ctx, s, os.DirFS(dir), reg); err != nil {
		return nil, nil, err
	}
	if _, err := s.Tasks(ctx, graph.TaskFilter{}, graph.Page{Limit: 1}); err != nil {
		return nil, nil, err
	}
	runtime.GC()
	return s, reg, nil
}
