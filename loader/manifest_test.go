package loader_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph/memstore"
	"github.com/dutygraph/dutygraph/loader"
)

// undatedPlan states neither its year nor its place.
const undatedPlan = "关于印发重点工作任务分工方案的通知\n" + planBody

func TestLoadFSManifestGivesYearAndPlace(t *testing.T) {
	fsys := fstest.MapFS{
		"a.txt":     {Data: []byte(undatedPlan)},
		"sub/b.txt": {Data: []byte(undatedPlan)},
		"manifest.yaml": {Data: []byte(`# what the documents do not say
"*": {jurisdiction: 南京市/玄武区}
a.txt: {year: 2023}
sub/b.txt:
  year: 2024
  jurisdiction: 南京市/秦淮区
`)},
	}
	sum, err := loader.LoadFS(context.Background(), memstore.New(), fsys, loadRegistry(t))
	require.NoError(t, err)
	require.Len(t, sum.Loaded, 2)
	require.Equal(t, "a.txt", sum.Loaded[0].File)
	require.Equal(t, 2023, sum.Loaded[0].Year)
	require.Equal(t, "南京市/玄武区", sum.Loaded[0].Jurisdiction)
	require.Equal(t, 2024, sum.Loaded[1].Year)
	require.Equal(t, "南京市/秦淮区", sum.Loaded[1].Jurisdiction)
	require.Empty(t, sum.Skipped, "the manifest is read, not skipped")
}

func TestLoadFSWithoutYearSaysHowToGiveIt(t *testing.T) {
	fsys := fstest.MapFS{"a.txt": {Data: []byte(undatedPlan)}}
	sum, err := loader.LoadFS(context.Background(), memstore.New(), fsys, loadRegistry(t))
	require.Error(t, err)
	require.Len(t, sum.Failed, 1)
	require.ErrorContains(t, sum.Failed[0].Err, "a.txt: cannot load:")
	require.ErrorContains(t, sum.Failed[0].Err, "give it with --year or in manifest.yaml")
}

func TestManifestErrors(t *testing.T) {
	for _, tc := range []struct{ name, manifest, want string }{
		{"not yaml", "a.txt: {year: [\n", "manifest.yaml:"},
		{"not a mapping", "- a.txt\n", "manifest.yaml:1: want a mapping of file names"},
		{"missing file", "a.txt: {year: 2023}\nb.txt: {year: 2023}\n", "manifest.yaml:2: no file b.txt in the folder"},
		{"not a document", "notes.md: {year: 2023}\n", "manifest.yaml:1: notes.md is not a document"},
		{"listed twice", "a.txt: {year: 2023}\n./a.txt: {year: 2024}\n", "manifest.yaml:2: a.txt listed twice"},
		{"year not a number", "a.txt:\n  year: 二〇二三\n", "manifest.yaml:2: a.txt: year \"二〇二三\" is not a year between 1949 and 2100"},
		{"year out of range", "a.txt: {year: 23}\n", "manifest.yaml:1: a.txt: year \"23\" is not a year"},
		{"unknown field", "a.txt:\n  year: 2023\n  place: 玄武区\n", "manifest.yaml:3: a.txt: unknown field \"place\" (want year, jurisdiction)"},
		{"empty jurisdiction", "a.txt: {jurisdiction: \"\"}\n", "manifest.yaml:1: a.txt: jurisdiction must be"},
		{"nothing given", "a.txt: {}\n", "manifest.yaml:1: a.txt: gives neither year nor jurisdiction"},
		{"entry not a mapping", "a.txt: 2023\n", "manifest.yaml:1: a.txt: want {year: 2024"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"a.txt":         {Data: []byte(undatedPlan)},
				"notes.md":      {Data: []byte("notes")},
				"manifest.yaml": {Data: []byte(tc.manifest)},
			}
			_, err := loader.ReadManifest(fsys)
			require.ErrorContains(t, err, tc.want)
			s := memstore.New()
			sum, err := loader.LoadFS(context.Background(), s, fsys, loadRegistry(t))
			require.ErrorContains(t, err, tc.want)
			require.Empty(t, sum.Loaded, "a bad manifest loads nothing")
		})
	}
}

func TestReadManifestAbsent(t *testing.T) {
	m, err := loader.ReadManifest(fstest.MapFS{"a.txt": {Data: []byte(undatedPlan)}})
	require.NoError(t, err)
	require.Equal(t, loader.Overrides{}, m.For("a.txt"))
}

func TestLoadFSListsSkippedFiles(t *testing.T) {
	plan := []byte("南京市玄武区人民政府关于印发2023年重点工作任务分工方案的通知\n" + planBody)
	fsys := fstest.MapFS{
		"a.txt":                  {Data: plan},
		"b.doc":                  {Data: ole2},
		"c.wps":                  {Data: ole2},
		"d.xls":                  {Data: ole2},
		"notes.md":               {Data: []byte("notes")},
		".hidden.txt":            {Data: plan},
		".git/config":            {Data: []byte("x")},
		"units.yaml":             {Data: []byte("units: []\n")},
		"sub/jurisdictions.yaml": {Data: []byte("x")},
	}
	sum, err := loader.LoadFS(context.Background(), memstore.New(), fsys, loadRegistry(t))
	require.NoError(t, err)
	require.Len(t, sum.Loaded, 1)
	reasons := map[string]string{}
	for _, s := range sum.Skipped {
		reasons[s.File] = s.Reason
	}
	require.Contains(t, reasons[".git"], "hidden directory")
	require.Contains(t, reasons[".hidden.txt"], "hidden file")
	require.Contains(t, reasons["b.doc"], "libreoffice --headless --convert-to docx b.doc")
	require.Contains(t, reasons["c.wps"], "libreoffice --headless --convert-to docx c.wps")
	require.Contains(t, reasons["d.xls"], "libreoffice --headless --convert-to xlsx d.xls")
	require.Contains(t, reasons["notes.md"], "not a document")
	require.Contains(t, reasons["sub/jurisdictions.yaml"], "not a document", "only the root's registry is read")
	require.NotContains(t, reasons, "units.yaml")
	require.Len(t, sum.Skipped, 7)
}

// ole2 starts an OLE2 compound file: a Word 97-2003, WPS or Excel 97-2003
// document, which the loader cannot read itself.
var ole2 = []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x00\x00")

// lockedDirFS is a folder one of whose directories cannot be listed.
type lockedDirFS struct {
	fstest.MapFS
	locked string
}

func (f lockedDirFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == f.locked {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.ReadDir(name)
}

func TestLoadFSSkipsUnreadableDirectory(t *testing.T) {
	plan := []byte("南京市玄武区人民政府关于印发2023年重点工作任务分工方案的通知\n" + planBody)
	fsys := lockedDirFS{fstest.MapFS{"a.txt": {Data: plan}, "locked/b.txt": {Data: plan}}, "locked"}
	sum, err := loader.LoadFS(context.Background(), memstore.New(), fsys, loadRegistry(t))
	require.NoError(t, err)
	require.Len(t, sum.Loaded, 1)
	require.Equal(t, []loader.SkippedFile{{File: "locked", Reason: "unreadable: permission denied"}}, sum.Skipped)
}

// TestLoadFSReadsAttachments: a folder of plans as published — a Word
// document and a workbook beside a page — loads whole.
func TestLoadFSReadsAttachments(t *testing.T) {
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("testdata", "attach", name))
		require.NoError(t, err)
		return b
	}
	fsys := fstest.MapFS{
		"plan.docx": {Data: read("qixia-2025-plan.docx")},
		"page.txt":  {Data: []byte("南京市玄武区人民政府关于印发2023年重点工作任务分工方案的通知\n" + planBody)},
	}
	sum, err := loader.LoadFS(context.Background(), memstore.New(), fsys, loadRegistry(t))
	require.NoError(t, err)
	require.Len(t, sum.Loaded, 2)
	docx := sum.Loaded[1]
	require.Equal(t, "plan.docx", docx.File)
	require.Equal(t, "南京市/栖霞区", docx.Jurisdiction)
	require.Equal(t, 2025, docx.Year)
	require.Equal(t, 6, docx.Tasks)
}
