package loader_test

import (
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/loader"
)

// taskUnits is what a test checks of a task: its number, line and units by
// name as written.
type taskUnits struct {
	Number int
	Line   int
	Leads  []string
	Coops  []string
}

func unitsOf(doc *loader.Document) map[string][]taskUnits {
	got := map[string][]taskUnits{}
	for _, s := range doc.Sections {
		for _, t := range s.Tasks {
			tu := taskUnits{Number: t.Number, Line: t.Line}
			for _, u := range t.Leads {
				tu.Leads = append(tu.Leads, u.Name)
			}
			for _, u := range t.Cooperators {
				tu.Coops = append(tu.Coops, u.Name)
			}
			got[s.Title] = append(got[s.Title], tu)
		}
	}
	return got
}

// TestAttachments: plans published as Word, Excel and PDF files read through
// Parse as their text would, tasks numbered by Word's lists and tables in
// all three read by the same column logic. Lines are paragraphs and table
// rows (DOCX), sheet rows (XLSX) and pdftotext's lines (PDF).
func TestAttachments(t *testing.T) {
	reg := loadRegistry(t)
	plan := func(s1, s3 []taskUnits) map[string][]taskUnits {
		return map[string][]taskUnits{
			"扩大有效需求": s1,
			"增进民生福祉": {{3, 0, []string{"区教育局"}, []string{"区财政局"}}, {4, 0, []string{"区民政局"}, nil}},
			"优化营商环境": s3,
		}
	}
	tests := []struct {
		file         string
		jurisdiction string
		year         int
		want         map[string][]taskUnits
		lines        []int // of the tasks in order
	}{
		{"qixia-2025-plan.docx", "南京市/栖霞区", 2025, plan(
			[]taskUnits{{1, 0, []string{"区商务局"}, []string{"各街道"}}, {2, 0, []string{"区发改委"}, []string{"区财政局", "区统计局"}}},
			[]taskUnits{{5, 0, []string{"区政务办"}, []string{"区数据局", "区司法局"}}, {6, 0, []string{"区政务办"}, []string{"区财政局"}}},
		), []int{9, 10, 12, 13, 18, 19}},
		{"qixia-2025-plan.pdf", "南京市/栖霞区", 2025, plan(
			[]taskUnits{{1, 0, []string{"区商务局"}, []string{"各街道"}}, {2, 0, []string{"区发改委"}, []string{"区财政局", "区统计局"}}},
			[]taskUnits{{5, 0, []string{"区政务办"}, []string{"区数据局", "区司法局"}}, {6, 0, []string{"区财政局"}, []string{"区工信局", "区商务局"}}},
		), []int{11, 12, 15, 16, 22, 24}},
		// The Word fixture printed to PDF by LibreOffice 7.4: a lead unit
		// merged down two rows is printed once, and a PDF does not say how
		// far down its cell reaches.
		{"qixia-2025-plan-libreoffice.pdf", "南京市/栖霞区", 2025, plan(
			[]taskUnits{{1, 0, []string{"区商务局"}, []string{"各街道"}}, {2, 0, []string{"区发改委"}, []string{"区财政局", "区统计局"}}},
			[]taskUnits{{5, 0, []string{"区政务办"}, []string{"区数据局", "区司法局"}}, {6, 0, nil, []string{"区财政局"}}},
		), []int{10, 11, 14, 15, 20, 22}},
		{"qixia-2025-plan.xlsx", "", 0, map[string][]taskUnits{
			"扩大有效需求": {
				{1, 0, []string{"区商务局"}, []string{"各街道"}},
				{2, 0, []string{"区发改委"}, []string{"区财政局", "区统计局"}},
				{3, 0, []string{"区发改委"}, []string{"区政务办"}}, // 牵头单位 merged down from row 5
			},
			"增进民生福祉": {{4, 0, []string{"区教育局"}, []string{"区财政局"}}},
		}, []int{4, 5, 6, 9}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			if filepath.Ext(tt.file) == ".pdf" {
				if _, err := exec.LookPath("pdftotext"); err != nil {
					t.Skip("pdftotext not installed (apt-get install poppler-utils): PDF attachments not tested")
				}
			}
			doc := parseFile(t, reg, filepath.Join("testdata", "attach", tt.file))
			if tt.year != 0 { // a bare task table's title is metadata work of its own
				require.Equal(t, tt.jurisdiction, doc.Jurisdiction)
				require.Equal(t, tt.year, doc.Year)
			}
			got := unitsOf(doc)
			var lines []int
			for _, s := range doc.Sections {
				for _, task := range s.Tasks {
					lines = append(lines, task.Line)
				}
			}
			for _, ts := range got {
				for i := range ts {
					ts[i].Line = 0
				}
			}
			require.Equal(t, tt.want, got)
			require.Equal(t, tt.lines, lines)
		})
	}
}
