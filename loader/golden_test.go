package loader_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/loader"
	"github.com/dutygraph/dutygraph/registry"
)

var update = flag.Bool("update", false, "rewrite loader/testdata/*.golden.json from the parser's output")

// seedNames are the seed documents copied into testdata.
var seedNames = []string{
	"nanjing-2026-plan", "nanjing-2021-plan", "gulou-2026-plan", "gulou-2025-plan", "nanjing-2024-report",
}

func loadRegistry(t testing.TB) *registry.Registry {
	t.Helper()
	reg, err := registry.Load(os.DirFS("../seeds"))
	require.NoError(t, err)
	return reg
}

func parseFile(t testing.TB, reg *registry.Registry, path string) *loader.Document {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	doc, err := loader.Parse(f, filepath.Base(path), reg)
	require.NoError(t, err)
	return doc
}

func marshal(t testing.TB, doc *loader.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	require.NoError(t, enc.Encode(doc))
	return buf.Bytes()
}

// goldenInputs are the seeds and the invented documents of
// testdata/invented: forms the seeds do not show (another city's label lines
// and unbracketed clauses in CRLF text, a GB18030 Markdown table, an HTML page)
// and the corpus of testdata/corpus.
func goldenInputs(t *testing.T) []string {
	inputs := make([]string, 0, len(seedNames))
	for _, name := range seedNames {
		inputs = append(inputs, filepath.Join("testdata", name+".txt"))
	}
	invented, err := filepath.Glob(filepath.Join("testdata", "invented", "*"))
	require.NoError(t, err)
	for _, f := range invented {
		if !strings.HasSuffix(f, ".golden.json") {
			inputs = append(inputs, f)
		}
	}
	// The corpus of other places' documents, each checked by hand against
	// its expectation; those marked unreadable have no output to pin.
	for _, doc := range corpusDocs(t) {
		if readExpectation(t, doc).Unreadable == "" {
			inputs = append(inputs, doc)
		}
	}
	return inputs
}

// TestGolden pins what the parser reads from each seed and invented
// document; a reviewer reads the golden diff to see what a change does to
// real documents.
func TestGolden(t *testing.T) {
	reg := loadRegistry(t)
	for _, src := range goldenInputs(t) {
		t.Run(filepath.Base(src), func(t *testing.T) {
			got := marshal(t, parseFile(t, reg, src))
			again := marshal(t, parseFile(t, reg, src))
			require.Equal(t, string(got), string(again), "parsing twice must give the same output")

			golden := strings.TrimSuffix(src, filepath.Ext(src)) + ".golden.json"
			if *update {
				require.NoError(t, os.WriteFile(golden, got, 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run go test ./loader -run TestGolden -update to create it")
			if d := firstDifference(string(want), string(got)); d != "" {
				t.Fatalf("%s differs from the parser's output (review, then rerun with -update):\n%s", golden, d)
			}
		})
	}
}

// firstDifference shows the first differing line of two goldens with some
// context, or "" when they are equal: a whole-file dump would bury it.
func firstDifference(want, got string) string {
	if want == got {
		return ""
	}
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	var b strings.Builder
	for j := max(0, i-4); j < i; j++ {
		fmt.Fprintf(&b, "  %5d   %s\n", j+1, w[j])
	}
	for j := i; j < min(len(w), i+4); j++ {
		fmt.Fprintf(&b, "- %5d   %s\n", j+1, w[j])
	}
	for j := i; j < min(len(g), i+4); j++ {
		fmt.Fprintf(&b, "+ %5d   %s\n", j+1, g[j])
	}
	return b.String()
}

// TestSeedsMatchTestdata keeps the golden inputs equal to the shipped seeds,
// so the goldens pin what users actually load.
func TestSeedsMatchTestdata(t *testing.T) {
	for _, name := range seedNames {
		seed, err := os.ReadFile(filepath.Join("..", "seeds", name+".txt"))
		require.NoError(t, err)
		copied, err := os.ReadFile(filepath.Join("testdata", name+".txt"))
		require.NoError(t, err)
		require.True(t, bytes.Equal(seed, copied), "testdata/%s.txt differs from seeds/; copy it again", name)
	}
}

// TestSeeds checks the facts the issue fixes for the seeds.
func TestSeeds(t *testing.T) {
	reg := loadRegistry(t)
	tests := []struct {
		name         string
		kind         loader.DocumentKind
		year         int
		sections     int
		tasks        int
		jurisdiction string
		issuer       string
		docNumber    string
		date         string
		session      string
	}{
		{"nanjing-2026-plan", loader.KindPlan, 2026, 10, 170, "南京市", "南京市人民政府", "宁政发〔2026〕16号", "2026-02-08", "市第十七届人大五次会议"},
		{"nanjing-2021-plan", loader.KindPlan, 2021, 11, 100, "南京市", "南京市人民政府", "宁政发〔2021〕16号", "2021-02-04", "市第十六届人大四次会议"},
		{"gulou-2026-plan", loader.KindPlan, 2026, 8, 87, "南京市/鼓楼区", "鼓楼区人民政府", "鼓政〔2026〕2号", "2026-02-09", "区三届人大五次会议"},
		{"gulou-2025-plan", loader.KindPlan, 2025, 7, 84, "南京市/鼓楼区", "南京市鼓楼区人民政府", "鼓政〔2025〕2号", "2025-01-27", "区三届人大四次会议"},
		{"nanjing-2024-report", loader.KindReport, 2024, 10, 0, "南京市", "南京市人民政府", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseFile(t, reg, filepath.Join("testdata", tt.name+".txt"))
			require.Equal(t, tt.kind, doc.Kind)
			require.Equal(t, tt.year, doc.Year)
			require.Len(t, doc.Sections, tt.sections)
			require.Equal(t, tt.tasks, doc.TaskCount())
			require.Equal(t, tt.jurisdiction, doc.Jurisdiction)
			require.Equal(t, tt.issuer, doc.Issuer)
			require.Equal(t, tt.docNumber, doc.DocNumber)
			require.Equal(t, tt.date, doc.Date)
			if tt.session == "" {
				require.Nil(t, doc.ImplementsReport)
			} else {
				require.Equal(t, &loader.ReportRef{Session: tt.session, Jurisdiction: tt.jurisdiction, Year: tt.year}, doc.ImplementsReport)
			}
			for _, s := range doc.Sections {
				for i, task := range s.Tasks {
					require.NotEmpty(t, task.Text, "task %d", task.Number)
					require.NotEmpty(t, task.Leads, "task %d has no lead", task.Number)
					if i > 0 {
						require.Equal(t, s.Tasks[i-1].Number+1, task.Number)
					}
				}
			}
		})
	}
}

// TestGulou2025IssuerOverridden: the issuer field and signature read
// 金宝博-金宝博官网 (a scraped site's spam); the number and body say Gulou.
func TestGulou2025IssuerOverridden(t *testing.T) {
	doc := parseFile(t, loadRegistry(t), filepath.Join("testdata", "gulou-2025-plan.txt"))
	var msg string
	for _, w := range doc.Warnings {
		if strings.Contains(w.Message, "金宝博") {
			msg = w.Message
			require.Equal(t, 3, w.Line)
		}
	}
	require.Contains(t, msg, "鼓政〔2025〕2号")
	require.Contains(t, msg, "区三届人大四次会议")
	require.Contains(t, msg, "南京市鼓楼区人民政府")
	require.Contains(t, msg, "signature")
}

// TestReportSeed checks the report's areas and headline targets.
func TestReportSeed(t *testing.T) {
	doc := parseFile(t, loadRegistry(t), filepath.Join("testdata", "nanjing-2024-report.txt"))
	require.Equal(t, "2024年南京市人民政府工作报告", doc.Title)
	require.Equal(t, "坚持扩大内需、稳定外需，着力巩固和增强经济回升向好态势", doc.Sections[0].Title)
	require.Equal(t, 10, doc.Sections[9].Number)
	require.Equal(t, 51, doc.Sections[0].Line)
	require.NotEmpty(t, doc.Warnings)
	require.Equal(t, 0, doc.Warnings[0].Line)

	require.Len(t, doc.Targets, 8)
	gdp := doc.Targets[0]
	require.Equal(t, "地区生产总值", gdp.Metric)
	require.Equal(t, "地区生产总值增长5%以上", gdp.Text)
	require.NotNil(t, gdp.Value)
	require.InDelta(t, 5.0, *gdp.Value, 1e-9)
	require.Equal(t, "%", gdp.Unit)
	require.Equal(t, "≥", gdp.Comparator)
}
