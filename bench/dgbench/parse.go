package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"github.com/dutygraph/dutygraph/loader"
	"github.com/dutygraph/dutygraph/registry"
)

// runParse is `dgbench parse DIR`: reads every document into memory, then
// parses them all on one goroutine and reports the throughput. Reading the
// files is not timed: this is the parser's speed, not the disk's. By default
// one loader.Parser parses the run, as LoadFS does; with -each, every
// document is parsed alone by loader.Parse, as `dutygraph parse FILE` does.
func runParse(ctx context.Context, args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("parse", flag.ContinueOnError)
	prof := profileFlags(fl)
	regDir := fl.String("registry", "", "registry directory (default: DIR)")
	each := fl.Bool("each", false, "parse each document alone (loader.Parse) instead of with one loader.Parser")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		return fmt.Errorf("usage: dgbench parse [flags] DIR")
	}
	dir := fl.Arg(0)
	if *regDir == "" {
		*regDir = dir
	}
	reg, err := registry.Load(os.DirFS(*regDir))
	if err != nil {
		return err
	}
	var names []string
	var docs [][]byte
	total := 0
	err = fs.WalkDir(os.DirFS(dir), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !loader.IsDocumentFile(name) {
			return err
		}
		data, err := fs.ReadFile(os.DirFS(dir), name)
		names = append(names, name)
		docs = append(docs, data)
		total += len(data)
		return err
	})
	if err != nil {
		return err
	}
	stop, err := prof.start()
	if err != nil {
		return err
	}
	start := time.Now()
	tasks := 0
	parser := loader.NewParser(reg)
	for i, data := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if *each {
			parser = loader.NewParser(reg)
		}
		doc, err := parser.Parse(bytes.NewReader(data), names[i])
		if err != nil {
			return err
		}
		tasks += doc.TaskCount()
	}
	elapsed := time.Since(start)
	if err := stop(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "parse\t%d docs\t%d tasks\t%.1f MB\t%.2f s\t%.1f MB/s\n",
		len(docs), tasks, float64(total)/1e6, elapsed.Seconds(), float64(total)/1e6/elapsed.Seconds())
	return nil
}
