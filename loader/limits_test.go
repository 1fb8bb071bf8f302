package loader_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph/memstore"
	"github.com/dutygraph/dutygraph/loader"
	"github.com/dutygraph/dutygraph/seeds"
)

// seedPlan is the text of a seed plan of 87 tasks.
func seedPlan(t *testing.T) []byte {
	t.Helper()
	data, err := seeds.FS.ReadFile("gulou-2026-plan.txt")
	require.NoError(t, err)
	return data
}

// TestLoadFSFolders: folders as deployments have them. Symlinks are
// followed (a Kubernetes ConfigMap mounts every document as a link into a
// hidden ..data folder), a link back up the tree is a loop skipped, and an
// unreadable folder or a broken link is skipped with why: none of them
// stops the other documents from loading, and the summary says what was
// followed and what skipped.
func TestLoadFSFolders(t *testing.T) {
	plan := seedPlan(t)
	tests := []struct {
		name        string
		build       func(t *testing.T, root, outside string)
		unreadable  bool // needs a user that permissions stop
		wantLoaded  []string
		wantLinks   []loader.FollowedLink
		wantSkipped []loader.SkippedFile
		wantCopies  []loader.DuplicateFile
	}{
		{
			name: "config map: symlinks to files",
			build: func(t *testing.T, root, _ string) {
				write(t, filepath.Join(root, "..2026_01_01", "plan.txt"), plan)
				symlink(t, "..2026_01_01", filepath.Join(root, "..data"))
				symlink(t, filepath.Join("..data", "plan.txt"), filepath.Join(root, "plan.txt"))
			},
			wantLoaded:  []string{"plan.txt"},
			wantLinks:   []loader.FollowedLink{{File: "plan.txt", Target: "..data/plan.txt"}},
			wantSkipped: []loader.SkippedFile{{File: "..2026_01_01", Reason: "hidden directory"}, {File: "..data", Reason: "hidden directory"}},
		},
		{
			name: "symlink to a folder elsewhere",
			build: func(t *testing.T, root, outside string) {
				write(t, filepath.Join(outside, "plan.txt"), plan)
				symlink(t, outside, filepath.Join(root, "plans"))
			},
			wantLoaded: []string{"plans/plan.txt"},
			wantLinks:  []loader.FollowedLink{{File: "plans", Target: "OUTSIDE"}},
		},
		{
			name: "symlink loop",
			build: func(t *testing.T, root, _ string) {
				write(t, filepath.Join(root, "a", "plan.txt"), plan)
				symlink(t, "..", filepath.Join(root, "a", "up"))
				symlink(t, "a", filepath.Join(root, "b"))
			},
			wantLoaded:  []string{"a/plan.txt"},
			wantLinks:   []loader.FollowedLink{{File: "b", Target: "a"}},
			wantSkipped: []loader.SkippedFile{{File: "a/up", Reason: "symlink loop: leads back to ."}, {File: "b/up", Reason: "symlink loop: leads back to ."}},
			wantCopies:  []loader.DuplicateFile{{File: "b/plan.txt", Of: "a/plan.txt"}},
		},
		{
			name: "broken symlink",
			build: func(t *testing.T, root, _ string) {
				write(t, filepath.Join(root, "plan.txt"), plan)
				symlink(t, "gone.txt", filepath.Join(root, "old.txt"))
			},
			wantLoaded:  []string{"plan.txt"},
			wantSkipped: []loader.SkippedFile{{File: "old.txt", Reason: "unreadable: no such file or directory"}},
		},
		{
			name:       "unreadable folder",
			unreadable: true,
			build: func(t *testing.T, root, _ string) {
				write(t, filepath.Join(root, "plan.txt"), plan)
				lost := filepath.Join(root, "lost+found")
				write(t, filepath.Join(lost, "x.txt"), plan)
				require.NoError(t, os.Chmod(lost, 0))
				t.Cleanup(func() { os.Chmod(lost, 0o700) })
			},
			wantLoaded:  []string{"plan.txt"},
			wantSkipped: []loader.SkippedFile{{File: "lost+found", Reason: "unreadable: permission denied"}},
		},
	}
	reg := loadRegistry(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.unreadable && os.Geteuid() == 0 {
				t.Skip("root reads any folder")
			}
			root, outside := t.TempDir(), t.TempDir()
			tt.build(t, root, outside)
			for i, l := range tt.wantLinks {
				tt.wantLinks[i].Target = strings.Replace(l.Target, "OUTSIDE", outside, 1)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			sum, err := loader.LoadFS(ctx, memstore.New(), os.DirFS(root), reg)
			require.NoError(t, err)
			var loaded []string
			for _, f := range sum.Loaded {
				loaded = append(loaded, f.File)
			}
			require.Equal(t, tt.wantLoaded, loaded)
			require.Equal(t, tt.wantLinks, sum.Links)
			require.Equal(t, tt.wantSkipped, sum.Skipped)
			require.Equal(t, tt.wantCopies, sum.Duplicates)
		})
	}
}

func write(t *testing.T, name string, data []byte) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(name), 0o755))
	require.NoError(t, os.WriteFile(name, data, 0o644))
}

func symlink(t *testing.T, target, name string) {
	t.Helper()
	require.NoError(t, os.Symlink(target, name))
}

// TestLoadFSCountsDuplicatesOnce: 1,000 copies of one plan load once and
// are listed as duplicates (the summary used to report 87,000 tasks while
// the store held 87); a second text of the same plan replaces the first
// and the tasks are counted once.
func TestLoadFSCountsDuplicatesOnce(t *testing.T) {
	ctx := context.Background()
	plan := seedPlan(t)
	fsys := fstest.MapFS{}
	for i := range 1000 {
		fsys[fmt.Sprintf("copies/%04d.txt", i)] = &fstest.MapFile{Data: plan}
	}
	revised := bytes.Replace(plan, []byte("(此件公开发布)"), []byte("(此件公开发布,修订)"), 1)
	require.NotEqual(t, plan, revised)
	fsys["revised.txt"] = &fstest.MapFile{Data: revised}

	s := memstore.New()
	start := time.Now()
	sum, err := loader.LoadFS(ctx, s, fsys, loadRegistry(t))
	require.NoError(t, err)
	require.Less(t, time.Since(start), 10*time.Second)
	require.Len(t, sum.Loaded, 2)
	require.Equal(t, "copies/0000.txt", sum.Loaded[0].File)
	require.Equal(t, "revised.txt", sum.Loaded[0].ReplacedBy)
	require.Len(t, sum.Duplicates, 999)
	require.Equal(t, loader.DuplicateFile{File: "copies/0999.txt", Of: "copies/0000.txt"}, sum.Duplicates[998])
	st, err := s.Stats(ctx)
	require.NoError(t, err)
	require.Equal(t, 87, st.Tasks)
	require.Equal(t, 87, sum.Tasks())
}

// TestLoadFSRefusesTooManyDocuments: a folder of more documents than one
// load takes is refused before anything is read.
func TestLoadFSRefusesTooManyDocuments(t *testing.T) {
	fsys := fstest.MapFS{}
	for i := range loader.MaxLoadDocuments + 1 {
		fsys[fmt.Sprintf("%05d.txt", i)] = &fstest.MapFile{}
	}
	s := memstore.New()
	sum, err := loader.LoadFS(context.Background(), s, fsys, loadRegistry(t))
	require.ErrorContains(t, err, "20001 documents, more than the 20000 one load takes: nothing loaded")
	require.Empty(t, sum.Loaded)
	require.Empty(t, sum.Failed)
}

// planOf is a plan of one section whose tasks have the given clauses.
func planOf(clauses ...string) []byte {
	var b strings.Builder
	b.WriteString("2026年区政府主要工作目标任务分解落实方案\n一、推进重点工作\n")
	for i, c := range clauses {
		fmt.Fprintf(&b, "%d.推进第%d项重点工作,确保按期完成。（%s）\n", i+1, i+1, c)
	}
	return []byte(b.String())
}

// TestParseCapsUnitsPerClause: a clause naming 10,000 units keeps the
// first MaxClauseUnits with a warning on its line, quickly.
func TestParseCapsUnitsPerClause(t *testing.T) {
	names := make([]string, 10_000)
	for i := range names {
		names[i] = fmt.Sprintf("第%d局", i)
	}
	data := planOf("区发改委主办", strings.Join(names, "、")+"主办")
	start := time.Now()
	doc, err := loader.Parse(bytes.NewReader(data), "wide.txt", loadRegistry(t))
	require.NoError(t, err)
	require.Less(t, time.Since(start), 5*time.Second)
	task := doc.Sections[0].Tasks[1]
	require.Len(t, task.Leads, loader.MaxClauseUnits)
	require.Equal(t, "第0局", task.Leads[0].Name)
	require.Contains(t, doc.Warnings, loader.Warning{Line: 4, Message: "the clause names 10000 units; only the first 200 are kept"})
}

// TestParseRefusesTooManyTasks: a document of more tasks than
// MaxDocumentTasks fails with ErrTooManyTasks; one of exactly that many
// parses.
func TestParseRefusesTooManyTasks(t *testing.T) {
	reg := loadRegistry(t)
	clauses := make([]string, loader.MaxDocumentTasks+1)
	for i := range clauses {
		clauses[i] = "区发改委主办"
	}
	_, err := loader.Parse(bytes.NewReader(planOf(clauses...)), "long.txt", reg)
	require.True(t, errors.Is(err, loader.ErrTooManyTasks), "%v", err)
	require.ErrorContains(t, err, "long.txt: 5001 tasks, more than the 5000 a document may hold")
	doc, err := loader.Parse(bytes.NewReader(planOf(clauses[1:]...)), "long.txt", reg)
	require.NoError(t, err)
	require.Equal(t, loader.MaxDocumentTasks, doc.TaskCount())
}
