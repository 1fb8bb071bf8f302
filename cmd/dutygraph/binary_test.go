package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/corpus"
	"github.com/dutygraph/dutygraph/resolvers/apitest"
)

// The tests of this file run the dutygraph binary as a user does, each
// command its own process sharing a data directory.

var built struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// binary builds the command once for the package's tests; TestMain removes
// it.
func binary(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		built.dir, built.err = os.MkdirTemp("", "dutygraph-bin-")
		if built.err != nil {
			return
		}
		built.path = filepath.Join(built.dir, "dutygraph")
		out, err := exec.Command("go", "build", "-o", built.path, ".").CombinedOutput()
		if err != nil {
			built.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	require.NoError(t, built.err)
	return built.path
}

// dutygraph runs one command to its end and returns its output.
func dutygraph(t *testing.T, data string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Env = append(os.Environ(), "DUTYGRAPH_DATA="+data)
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	return out.String(), errOut.String(), err
}

// serveBinary starts `dutygraph serve` on a free port and returns its base
// URL once ready; the process is stopped at the test's end.
func serveBinary(t *testing.T, data string, args ...string) string {
	t.Helper()
	cmd := exec.Command(binary(t), append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), "DUTYGRAPH_DATA="+data)
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	})
	urls := make(chan string, 1)
	go func() {
		lines := bufio.NewScanner(stderr)
		for lines.Scan() {
			if m := listeningURL.FindStringSubmatch(lines.Text()); m != nil {
				urls <- m[1]
			}
		}
	}()
	var base string
	select {
	case base = <-urls:
	case <-time.After(60 * time.Second):
		t.Fatal("serve never said where it listens")
	}
	waitHealthy(t, base)
	return base
}

// planIDs asks a server for its plans.
func planIDs(t *testing.T, base string) []string {
	t.Helper()
	ids := []string{}
	for _, p := range apitest.Query[struct{ Plans []struct{ ID string } }](t, base+"/graphql", `{ plans { id } }`, nil).Plans {
		ids = append(ids, p.ID)
	}
	return ids
}

const xianan = "plan:湖北省/咸宁市/咸安区:2024"

// TestBinaryLoadServeRemove: a plan loaded by one process is served by the
// next; removed by a third while the server watches, it disappears.
func TestBinaryLoadServeRemove(t *testing.T) {
	data := t.TempDir()
	plan := filepath.Join("testdata", "xianan-2024-plan.txt")
	out, errOut, err := dutygraph(t, data, "load", plan)
	require.NoError(t, err, errOut)
	require.Contains(t, out, "plan of 湖北省/咸宁市/咸安区 2024, 2 sections, 3 tasks")
	require.Contains(t, out, "now holds 1 documents, 3 tasks")

	out, _, err = dutygraph(t, data, "list")
	require.NoError(t, err)
	require.Regexp(t, regexp.QuoteMeta(xianan)+`\s+plan\s+湖北省/咸宁市/咸安区\s+2024\s+3\s+\S+ \S+\s+`+regexp.QuoteMeta(mustAbs(t, plan)), out)

	base := serveBinary(t, data, "--watch")
	require.Equal(t, []string{xianan}, planIDs(t, base), "the loaded plan, and no seeds: the data directory was not empty")
	got := apitest.Query[struct {
		Unit struct{ Workload struct{ Lead, Cooperate int } }
	}](t, base+"/graphql", `{ unit(name: "区财政局", jurisdiction: "咸安区") { workload { lead cooperate } } }`, nil)
	require.Equal(t, 2, got.Unit.Workload.Cooperate, "区财政局 cooperates on tasks 1 and 3")

	out, errOut, err = dutygraph(t, data, "remove", "xianan-2024-plan.txt")
	require.NoError(t, err, errOut)
	require.Contains(t, out, "removed "+xianan)
	require.Eventually(t, func() bool { return len(planIDs(t, base)) == 0 }, 20*time.Second, 100*time.Millisecond,
		"serve --watch still answers about the removed plan")

	_, errOut, err = dutygraph(t, data, "remove", "plan:湖北省/咸宁市/咸安区:2023")
	require.Error(t, err)
	require.Contains(t, errOut, `document "plan:湖北省/咸宁市/咸安区:2023" not found`)
}

// TestBinaryFirstRunSeeds: an empty data directory is filled with the
// bundled seeds on the first serve, and keeps them.
func TestBinaryFirstRunSeeds(t *testing.T) {
	data := t.TempDir()
	base := serveBinary(t, data)
	require.Len(t, planIDs(t, base), 4)
	out, _, err := dutygraph(t, data, "list")
	require.NoError(t, err)
	require.Contains(t, out, "5 documents, 441 tasks")
	require.Contains(t, out, "(bundled)/nanjing-2024-report.txt")
}

// TestBinaryKillMidLoad kills `load` of a large folder at points spread over
// its run: each time the corpus is as before or as after, never between.
func TestBinaryKillMidLoad(t *testing.T) {
	data := t.TempDir()
	_, errOut, err := dutygraph(t, data, "load", filepath.Join("..", "..", "seeds"))
	require.NoError(t, err, errOut)
	big := filepath.Join(t.TempDir(), "big")
	_, errOut, err = dutygraph(t, data, "gen", "--plans", "300", "--out", big)
	require.NoError(t, err, errOut)

	count := func() int {
		out, errOut, err := dutygraph(t, data, "list", "--json")
		require.NoError(t, err, errOut)
		var docs []corpus.Document
		require.NoError(t, json.Unmarshal([]byte(out), &docs))
		return len(docs)
	}
	require.Equal(t, 5, count())

	// How long a whole load takes, to spread the kills over it.
	copyData := t.TempDir()
	require.NoError(t, os.CopyFS(copyData, os.DirFS(data)))
	start := time.Now()
	_, errOut, err = dutygraph(t, copyData, "load", big)
	require.NoError(t, err, errOut)
	whole := time.Since(start)

	outcomes := map[int]int{}
	for i := 1; i <= 8; i++ {
		cmd := exec.Command(binary(t), "load", big)
		cmd.Env = append(os.Environ(), "DUTYGRAPH_DATA="+data)
		cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
		require.NoError(t, cmd.Start())
		time.Sleep(whole * time.Duration(i) / 8)
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		n := count()
		require.Contains(t, []int{5, 305}, n, "after a kill at %d/8 of a load", i)
		outcomes[n]++
		if n == 305 {
			_, errOut, err := dutygraph(t, data, append([]string{"remove"}, genPlanIDs(t, data)...)...)
			require.NoError(t, err, errOut)
		}
	}
	t.Logf("kills left the corpus as before %d times, as after %d times (a whole load takes %s)", outcomes[5], outcomes[305], whole)
	_, errOut, err = dutygraph(t, data, "load", big)
	require.NoError(t, err, errOut)
	require.Equal(t, 305, count())
}

// genPlanIDs lists the IDs of the generated plans in the corpus: all but
// the seeds'.
func genPlanIDs(t *testing.T, data string) []string {
	t.Helper()
	out, errOut, err := dutygraph(t, data, "list", "--json")
	require.NoError(t, err, errOut)
	var docs []corpus.Document
	require.NoError(t, json.Unmarshal([]byte(out), &docs))
	var ids []string
	for _, d := range docs {
		if !strings.Contains(d.ID, "南京市") {
			ids = append(ids, d.ID)
		}
	}
	return ids
}

// TestBinaryReloadEqualsFolder: after POST /admin/reload the store holds
// what the folder holds, a file deleted included, and the answer, plans,
// /readyz and /metrics agree.
func TestBinaryReloadEqualsFolder(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"gulou-2025-plan.txt", "gulou-2026-plan.txt", "nanjing-2021-plan.txt"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), mustRead(t, filepath.Join("..", "..", "seeds", name)), 0o644))
	}
	const token = "reload-token-0123456789"
	base := serveBinary(t, t.TempDir(), "--seeds", dir, "--admin-token", token)
	require.Len(t, planIDs(t, base), 3)

	require.NoError(t, os.Remove(filepath.Join(dir, "nanjing-2021-plan.txt")))
	req, err := http.NewRequest(http.MethodPost, base+"/admin/reload", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	require.Contains(t, string(body), `"removed":["plan:南京市:2021"]`)
	require.Contains(t, string(body), `"documents":2,"tasks":171`)
	require.ElementsMatch(t, []string{"plan:南京市/鼓楼区:2025", "plan:南京市/鼓楼区:2026"}, planIDs(t, base))

	resp, err = http.Get(base + "/metrics")
	require.NoError(t, err)
	metrics, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	require.Contains(t, string(metrics), "dutygraph_tasks_loaded 171\n")
	resp, err = http.Get(base + "/readyz")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
}

func mustAbs(t *testing.T, name string) string {
	t.Helper()
	abs, err := filepath.Abs(name)
	require.NoError(t, err)
	return abs
}
