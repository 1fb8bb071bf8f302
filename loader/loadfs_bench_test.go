package loader_test

import (
	"bytes"
	"context"
	"testing"
	"testing/fstest"

	"github.com/dutygraph/dutygraph/graph/memstore"
	"github.com/dutygraph/dutygraph/loader"
	"github.com/dutygraph/dutygraph/registry"
	"github.com/dutygraph/dutygraph/synth"
)

// syntheticCorpus is a generated corpus of 20,000 tasks in memory, with its
// registry.
func syntheticCorpus(b *testing.B) (fstest.MapFS, *registry.Registry, int64) {
	b.Helper()
	fsys := fstest.MapFS{}
	sum, err := synth.Generate(synth.Config{Seed: 1, Tasks: 20_000}, func(name string, data []byte) error {
		fsys[name] = &fstest.MapFile{Data: bytes.Clone(data)}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	reg, err := registry.Load(fsys)
	if err != nil {
		b.Fatal(err)
	}
	return fsys, reg, sum.Bytes
}

// BenchmarkParseSynthetic reports parse throughput on generated plans, one
// Parser for the run as LoadFS uses.
func BenchmarkParseSynthetic(b *testing.B) {
	fsys, reg, total := syntheticCorpus(b)
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		p := loader.NewParser(reg)
		for name, f := range fsys {
			if !loader.IsDocumentFile(name) {
				continue
			}
			if _, err := p.Parse(bytes.NewReader(f.Data), name); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkLoadFS parses in parallel and loads a generated corpus into a
// new memory store.
func BenchmarkLoadFS(b *testing.B) {
	fsys, reg, total := syntheticCorpus(b)
	b.SetBytes(total)
	for b.Loop() {
		sum, err := loader.LoadFS(context.Background(), memstore.New(), fsys, reg)
		if err != nil || sum.Tasks() != 20_000 {
			b.Fatalf("%d tasks, %v", sum.Tasks(), err)
		}
	}
}
