package export_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/export"
	"github.com/dutygraph/dutygraph/graph"
)

// networkxRead reads each file named on its command line (FORMAT PATH
// pairs) with networkx's own reader and prints what it found as JSON: the
// networkx version, and per file its nodes (label, workload) and edges
// (weight).
const networkxRead = `
import json, sys
import networkx as nx
files = []
for kind, path in zip(sys.argv[1::2], sys.argv[2::2]):
    g = nx.read_graphml(path) if kind == "graphml" else nx.read_gexf(path)
    files.append({
        "directed": g.is_directed(),
        "nodes": {n: {"label": d.get("label"), "workload": d.get("workload")} for n, d in g.nodes(data=True)},
        "edges": [[a, b, d.get("weight")] for a, b, d in g.edges(data=True)],
    })
json.dump({"version": nx.__version__, "files": files}, sys.stdout)
`

// networkxGraph is one file as networkx read it.
type networkxGraph struct {
	Directed bool `json:"directed"`
	Nodes    map[string]struct {
		Label    string `json:"label"`
		Workload int    `json:"workload"`
	} `json:"nodes"`
	Edges [][3]any `json:"edges"`
}

// requireNetworkx is the environment variable CI sets so that a machine
// without networkx fails the test instead of skipping it.
const requireNetworkx = "DUTYGRAPH_REQUIRE_NETWORKX"

// networkxPython is the Python whose networkx the test reads with:
// $DUTYGRAPH_PYTHON, else Debian's /usr/bin/python3 (with apt's
// python3-networkx, the oldest networkx a reader is likely to have, and the
// one the GEXF version was chosen for), else python3 on the PATH. Without
// one that imports networkx the test skips, saying how to install it, or
// fails where DUTYGRAPH_REQUIRE_NETWORKX=1 (CI).
func networkxPython(t *testing.T) string {
	t.Helper()
	candidates := []string{"/usr/bin/python3", "python3"}
	if p := os.Getenv("DUTYGRAPH_PYTHON"); p != "" {
		candidates = []string{p}
	}
	var tried []string
	for _, c := range candidates {
		out, err := exec.Command(c, "-c", "import networkx").CombinedOutput()
		if err == nil {
			return c
		}
		tried = append(tried, strings.TrimSpace(fmt.Sprintf("%s: %v %s", c, err, bytes.TrimSpace(out))))
	}
	msg := "no python3 with networkx (" + strings.Join(tried, "; ") + "): the test that networkx reads the GraphML and GEXF exports " +
		"needs it (Debian: apt-get install python3-networkx; or set DUTYGRAPH_PYTHON to a python3 that has networkx)"
	if os.Getenv(requireNetworkx) == "1" {
		t.Fatal(msg + "; " + requireNetworkx + "=1 makes this a failure")
	}
	t.Skip(msg)
	return ""
}

// readWithNetworkx writes each network in both formats networkx reads and
// returns what networkx found, in the order of networks, GraphML then GEXF.
func readWithNetworkx(t *testing.T, networks []export.Network) []networkxGraph {
	t.Helper()
	python := networkxPython(t)
	dir := t.TempDir()
	writers := []struct {
		kind  string
		write func(io.Writer, export.Network) error
	}{{"graphml", export.WriteGraphML}, {"gexf", export.WriteGEXF}}
	var args []string
	for i, n := range networks {
		for _, w := range writers {
			var b bytes.Buffer
			require.NoError(t, w.write(&b, n))
			path := filepath.Join(dir, fmt.Sprintf("%d.%s", i, w.kind))
			require.NoError(t, os.WriteFile(path, b.Bytes(), 0o644))
			args = append(args, w.kind, path)
		}
	}
	cmd := exec.Command(python, append([]string{"-c", networkxRead}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "networkx could not read the exports:\n%s", stderr.String())
	var got struct {
		Version string          `json:"version"`
		Files   []networkxGraph `json:"files"`
	}
	require.NoError(t, json.Unmarshal(out, &got))
	t.Logf("read with %s, networkx %s", python, got.Version)
	require.Len(t, got.Files, len(args)/2)
	return got.Files
}

// requireSameNetwork checks that networkx read n: every unit with its label
// and workload, every pair with its weight, undirected.
func requireSameNetwork(t *testing.T, n export.Network, got networkxGraph) {
	t.Helper()
	require.False(t, got.Directed)
	require.Len(t, got.Nodes, len(n.Nodes))
	for _, node := range n.Nodes {
		g, ok := got.Nodes[node.Unit.ID]
		require.True(t, ok, "node %q missing", node.Unit.ID)
		require.Equal(t, node.Unit.Name, g.Label)
		require.Equal(t, node.Workload(), g.Workload)
	}
	want := map[[2]string]float64{}
	for _, e := range n.Edges {
		want[[2]string{e.A, e.B}] = float64(e.Shared)
	}
	read := map[[2]string]float64{}
	for _, e := range got.Edges {
		a, b := e[0].(string), e[1].(string)
		if a > b {
			a, b = b, a
		}
		read[[2]string{a, b}] = e[2].(float64)
	}
	require.Len(t, got.Edges, len(n.Edges), "networkx merges no pair and drops none")
	require.Equal(t, want, read)
}

func TestNetworkxReadsExports(t *testing.T) {
	s := seededStore(t)
	networks := []export.Network{hostileNetwork()}
	for _, tc := range networkCases {
		n, err := export.LoadNetwork(context.Background(), duty.New(s).View(), tc.query)
		require.NoError(t, err)
		networks = append(networks, n)
	}
	files := readWithNetworkx(t, networks)
	for i, n := range networks {
		for j, format := range []string{"GraphML", "GEXF"} {
			t.Run(format+" "+n.Query.String(), func(t *testing.T) {
				requireSameNetwork(t, n, files[2*i+j])
			})
		}
	}
}

// hostileNetwork has units whose IDs, names and aliases hold what breaks a
// careless writer: quotes, markup, escapes, statement and comment
// delimiters, line breaks, astral characters. Its pairs span two years.
func hostileNetwork() export.Network {
	names := []string{
		`市'发改委`,
		`"引号" & <标记> ]]> --> <!--`,
		"换行\n制表\t回车\r",
		`反斜杠\ \' \\ \u0041 \n`,
		`'}] AS row MATCH (n) DETACH DELETE n; //`,
		"分号; /* 注释 */ // 注释",
		"🏛 U+2028\u2028U+2029\u2029NEL\u0085",
	}
	n := export.Network{Query: export.NetworkQuery{Jurisdiction: `南京市/"鼓楼区"; DROP`, MinShared: 1}}
	for i, name := range names {
		n.Nodes = append(n.Nodes, export.Node{
			Unit: graph.Unit{
				ID: fmt.Sprintf("unit:测试:%d:%s", i, name), Name: name, Kind: graph.KindDepartment,
				Jurisdiction: "南京市", Aliases: []string{name + "别名", `a'b"c;d`},
			},
			Lead: i, Cooperate: 1,
		})
	}
	// Pairs with the first unit, split over two years: the odd ones share
	// one task in 2025, each shares the rest in 2026.
	y2025 := export.YearNetwork{Year: 2025}
	y2026 := export.YearNetwork{Year: 2026, Nodes: n.Nodes}
	for i := 1; i < len(n.Nodes); i++ {
		e := export.Edge{A: n.Nodes[0].Unit.ID, B: n.Nodes[i].Unit.ID, Shared: i}
		n.Edges = append(n.Edges, e)
		if i%2 == 1 {
			y2025.Nodes = append(y2025.Nodes, export.Node{Unit: n.Nodes[i].Unit, Cooperate: 1})
			y2025.Edges = append(y2025.Edges, export.Edge{A: e.A, B: e.B, Shared: 1})
			e.Shared--
		}
		if e.Shared > 0 {
			y2026.Edges = append(y2026.Edges, e)
		}
	}
	y2025.Nodes = append([]export.Node{{Unit: n.Nodes[0].Unit, Lead: 1}}, y2025.Nodes...)
	n.Years = []export.YearNetwork{y2025, y2026}
	return n
}
