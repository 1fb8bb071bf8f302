package synth_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"path"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/memstore"
	"github.com/dutygraph/dutygraph/loader"
	"github.com/dutygraph/dutygraph/registry"
	"github.com/dutygraph/dutygraph/synth"
)

func generate(t *testing.T, cfg synth.Config) (fstest.MapFS, synth.Summary) {
	t.Helper()
	fsys := fstest.MapFS{}
	sum, err := synth.Generate(cfg, func(name string, data []byte) error {
		fsys[name] = &fstest.MapFile{Data: bytes.Clone(data)}
		return nil
	})
	require.NoError(t, err)
	return fsys, sum
}

// TestGeneratedPlansParse parses every generated plan with the generated
// registry: each has the jurisdiction, year and number of tasks the
// generator reports, and not one warning.
func TestGeneratedPlansParse(t *testing.T) {
	fsys, sum := generate(t, synth.Config{Seed: 7, Tasks: 25_000})
	require.Equal(t, 25_000, sum.Tasks)
	reg, err := registry.Load(fsys)
	require.NoError(t, err)

	total := 0
	kinds := map[graph.UnitKind]int{}
	leadCount := map[string]int{}
	for _, f := range sum.Plans {
		doc, err := loader.Parse(bytes.NewReader(fsys[f.Name].Data), f.Name, reg)
		require.NoError(t, err)
		require.Empty(t, doc.Warnings, f.Name)
		require.Equal(t, loader.KindPlan, doc.Kind, f.Name)
		require.Equal(t, f.Jurisdiction, doc.Jurisdiction, f.Name)
		require.Equal(t, f.Year, doc.Year, f.Name)
		require.Equal(t, f.Tasks, doc.TaskCount(), f.Name)
		require.Equal(t, f.Bytes, len(fsys[f.Name].Data), f.Name)
		total += doc.TaskCount()
		for _, s := range doc.Sections {
			for _, task := range s.Tasks {
				require.NotEmpty(t, task.Leads)
				require.LessOrEqual(t, len(task.Cooperators), 8)
				for _, u := range append(task.Leads, task.Cooperators...) {
					kinds[u.Kind]++
				}
				for _, u := range task.Leads {
					leadCount[u.Jurisdiction+"/"+u.Canonical]++
				}
			}
		}
	}
	require.Equal(t, sum.Tasks, total)
	for _, k := range []graph.UnitKind{graph.KindDepartment, graph.KindPlaceholder, graph.KindDistrictGovernment,
		graph.KindStateOwnedGroup, graph.KindManagementCommittee, graph.KindPartyOrgan} {
		require.Positive(t, kinds[k], "no unit of kind %s", k)
	}
	// Skewed like the seeds: the busiest unit of a jurisdiction leads many
	// times what the median one does.
	top, n := 0, 0
	for _, c := range leadCount {
		top = max(top, c)
		n++
	}
	require.Greater(t, top, 10*total/n/4, "lead counts are not skewed")
}

// TestRenamedUnitsResolve checks that a body written under its old name in
// early years and its new one later is one unit in the store, named as the
// newest plan writes it, with the old name as an alias.
func TestRenamedUnitsResolve(t *testing.T) {
	fsys, sum := generate(t, synth.Config{Seed: 3, Plans: 30})
	reg, err := registry.Load(fsys)
	require.NoError(t, err)
	s := memstore.New()
	ls, err := loader.LoadFS(context.Background(), s, fsys, reg)
	require.NoError(t, err)
	require.Len(t, ls.Loaded, len(sum.Plans))
	require.Equal(t, sum.Tasks, ls.Tasks())

	page, err := s.Units(context.Background(), graph.UnitFilter{}, graph.Page{Limit: 10_000})
	require.NoError(t, err)
	renamed := 0
	for _, u := range page.Units {
		for _, a := range u.Aliases {
			// Every alias the corpus writes is an old name of a renamed body.
			require.NotEqual(t, u.Name, a)
			renamed++
		}
	}
	require.Positive(t, renamed, "no unit was written under two names")
}

// TestDeterministic: the same config gives the same bytes; another seed
// gives another corpus.
func TestDeterministic(t *testing.T) {
	digest := func(cfg synth.Config) [32]byte {
		h := sha256.New()
		_, err := synth.Generate(cfg, func(name string, data []byte) error {
			h.Write([]byte(name))
			h.Write(data)
			return nil
		})
		require.NoError(t, err)
		return [32]byte(h.Sum(nil))
	}
	cfg := synth.Config{Seed: 11, Tasks: 5_000}
	require.Equal(t, digest(cfg), digest(cfg))
	require.NotEqual(t, digest(cfg), digest(synth.Config{Seed: 12, Tasks: 5_000}))
}

func TestConfigErrors(t *testing.T) {
	for name, cfg := range map[string]synth.Config{
		"neither":     {},
		"both":        {Tasks: 10, Plans: 1},
		"negative":    {Tasks: -1},
		"too large":   {Tasks: synth.MaxTasks + 1},
		"bad years":   {Tasks: 10, FirstYear: 2095, Years: 10},
		"early years": {Tasks: 10, FirstYear: 1900},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := synth.Generate(cfg, func(string, []byte) error { return nil })
			require.Error(t, err)
		})
	}
}

// TestWriteRefusesNonEmptyDir: writing a corpus over another would mix them.
func TestWriteRefusesNonEmptyDir(t *testing.T) {
	dir := t.TempDir()
	sum, err := synth.Write(dir, synth.Config{Plans: 2})
	require.NoError(t, err)
	require.Len(t, sum.Plans, 2)
	require.FileExists(t, path.Join(dir, "units.yaml"))
	require.FileExists(t, path.Join(dir, sum.Plans[1].Name))
	_, err = synth.Write(dir, synth.Config{Plans: 2})
	require.ErrorContains(t, err, "not empty")
}
