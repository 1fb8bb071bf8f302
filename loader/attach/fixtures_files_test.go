package attach_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/loader/attach"
)

var update = flag.Bool("update", false, "rewrite the committed fixtures in ../testdata/attach from the builders")

// fixtures are the plans the loader's tests read, committed so that anyone
// can open them in Word, Excel or a PDF viewer.
var fixtures = map[string]func(testing.TB) []byte{
	"qixia-2025-plan.docx": planDOCX,
	"qixia-2025-plan.xlsx": planXLSX,
	"qixia-2025-plan.pdf":  func(testing.TB) []byte { return planPDF() },
}

// TestFixtures: the committed fixtures read as the builders' output does
// (excelize stamps a workbook with the time, so bytes may differ).
func TestFixtures(t *testing.T) {
	for name, build := range fixtures {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("..", "testdata", "attach", name)
			want := build(t)
			if *update {
				require.NoError(t, os.WriteFile(path, want, 0o644))
			}
			got, err := os.ReadFile(path)
			require.NoError(t, err)
			if filepath.Ext(name) == ".pdf" {
				require.Equal(t, want, got)
				return
			}
			wantText, err := attach.Decode(want, name)
			require.NoError(t, err)
			gotText, err := attach.Decode(got, name)
			require.NoError(t, err)
			require.Equal(t, wantText, gotText)
		})
	}
}
