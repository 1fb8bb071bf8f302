package loader_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/dutygraph/dutygraph/loader"
)

// hangLimit is far beyond any real input's parse time (a seed takes about
// a millisecond), and short enough that a hang fails the fuzz run.
const hangLimit = 5 * time.Second

// FuzzParse: no input makes Parse panic or hang, and every failure is a
// *ParseError naming the file. Plain `go test` runs the seed corpus below;
// `go test -fuzz FuzzParse ./loader` explores further.
func FuzzParse(f *testing.F) {
	for _, name := range seedNames {
		data, err := os.ReadFile(filepath.Join("testdata", name+".txt"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		// A cut-off copy: truncated tasks, clauses and UTF-8 sequences.
		f.Add(data[:len(data)/3])
	}
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(planHeader + "一、扩大内需\n1.任务甲。(市发改委主办)\n")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		"", "\uFEFF", "\x00\x01", "<html><body><table><tr><td><table><tr><td>1.任务(市发改委主办)</td></tr></table></td></tr></table>",
		"一、\n1.\n(\n)\n（一）（）〔〕", "| 序号 | 牵头单位 |\n| 一 | |\n| x | 市发改委 |", gb,
		"各位代表：\n一、2023年工作回顾\n二、2024年重点工作\n主要预期目标是：增长，，％以上。",
		"1.任务(主办)\n牵头单位：\n配合单位：、、\n",
	} {
		f.Add([]byte(s))
	}
	reg := loadRegistry(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		type result struct {
			doc *loader.Document
			err error
		}
		done := make(chan result, 1)
		go func() {
			doc, err := loader.Parse(bytes.NewReader(data), "fuzz.txt", reg)
			done <- result{doc, err}
		}()
		var doc *loader.Document
		var err error
		select {
		case r := <-done:
			doc, err = r.doc, r.err
		case <-time.After(hangLimit):
			stacks := make([]byte, 1<<20)
			stacks = stacks[:runtime.Stack(stacks, true)]
			t.Fatalf("Parse still running after %v on %d bytes:\n%s", hangLimit, len(data), stacks)
		}
		if err != nil {
			var pe *loader.ParseError
			if !errors.As(err, &pe) || pe.File != "fuzz.txt" {
				t.Fatalf("error %v is not a *ParseError naming the file", err)
			}
			return
		}
		if doc.Sections == nil || doc.Targets == nil || doc.Warnings == nil {
			t.Fatal("nil slice in a parsed document: JSON would say null")
		}
		for _, s := range doc.Sections {
			if s.Tasks == nil {
				t.Fatal("nil task slice")
			}
			for _, task := range s.Tasks {
				if task.Leads == nil || task.Cooperators == nil {
					t.Fatal("nil unit slice")
				}
			}
		}
	})
}
