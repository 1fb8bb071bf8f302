package loader_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/dutygraph/dutygraph/loader"
)

// BenchmarkParse reports parse throughput (MB/s) over the five seeds.
func BenchmarkParse(b *testing.B) {
	reg := loadRegistry(b)
	var inputs [][]byte
	total := 0
	for _, name := range seedNames {
		data, err := os.ReadFile(filepath.Join("testdata", name+".txt"))
		if err != nil {
			b.Fatal(err)
		}
		inputs = append(inputs, data)
		total += len(data)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		for i, data := range inputs {
			if _, err := loader.Parse(bytes.NewReader(data), seedNames[i], reg); err != nil {
				b.Fatal(err)
			}
		}
	}
}
