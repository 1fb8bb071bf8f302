package loader_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/dutygraph/dutygraph/loader"
	"github.com/dutygraph/dutygraph/registry"
)

// BenchmarkParse reports parse throughput (MB/s) over the five seeds on one
// goroutine.
func BenchmarkParse(b *testing.B) {
	reg := loadRegistry(b)
	inputs, total := readSeeds(b)
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		parseAll(b, reg, inputs)
	}
}

// BenchmarkParseParallel reports the machine's parse throughput with a
// goroutine per core, as LoadFS parses: documents are independent, so it
// is the figure a load of many files sees.
func BenchmarkParseParallel(b *testing.B) {
	reg := loadRegistry(b)
	inputs, total := readSeeds(b)
	b.SetBytes(int64(total))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			parseAll(b, reg, inputs)
		}
	})
}

func readSeeds(b *testing.B) (inputs [][]byte, total int) {
	for _, name := range seedNames {
		data, err := os.ReadFile(filepath.Join("testdata", name+".txt"))
		if err != nil {
			b.Fatal(err)
		}
		inputs = append(inputs, data)
		total += len(data)
	}
	return inputs, total
}

func parseAll(b *testing.B, reg *registry.Registry, inputs [][]byte) {
	for i, data := range inputs {
		if _, err := loader.Parse(bytes.NewReader(data), seedNames[i], reg); err != nil {
			b.Error(err)
			return
		}
	}
}
