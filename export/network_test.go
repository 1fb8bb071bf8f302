package export_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/export"
	"github.com/dutygraph/dutygraph/graph"
)

// networkCase is an export asked for and the store filter it stands for.
type networkCase struct {
	name  string
	query export.NetworkQuery
	want  graph.CoOwnershipFilter // what the store is asked, for the expected counts
}

// networkCases are the filters every network format is checked under.
var networkCases = []networkCase{
	{"everything", export.NetworkQuery{MinShared: 1}, graph.CoOwnershipFilter{}},
	{"gulou 2026 by short name", export.NetworkQuery{Jurisdiction: "鼓楼", Year: 2026, MinShared: 1},
		graph.CoOwnershipFilter{Jurisdiction: "南京市/鼓楼区", Year: 2026}},
	{"city 2026 with placeholders, 3+ shared", export.NetworkQuery{Jurisdiction: "南京市", Year: 2026, IncludeCollective: true, MinShared: 3},
		graph.CoOwnershipFilter{Jurisdiction: "南京市", Year: 2026, IncludeCollective: true}},
	{"leads only", export.NetworkQuery{Roles: []graph.Role{graph.RoleLead}, MinShared: 1},
		graph.CoOwnershipFilter{Roles: []graph.Role{graph.RoleLead}}},
}

// graphMLFile is GraphML read back with no knowledge of the writer's types.
type graphMLFile struct {
	XMLName xml.Name `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
	Keys    []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		EdgeDefault string `xml:"edgedefault,attr"`
		Nodes       []struct {
			ID   string        `xml:"id,attr"`
			Data []graphMLData `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			Source string        `xml:"source,attr"`
			Target string        `xml:"target,attr"`
			Data   []graphMLData `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

type graphMLData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

func dataValue(ds []graphMLData, key string) string {
	for _, d := range ds {
		if d.Key == key {
			return d.Value
		}
	}
	return ""
}

func storeNetwork(t *testing.T, s graph.Store, f graph.CoOwnershipFilter, minShared int) graph.Network {
	t.Helper()
	n, err := s.Network(context.Background(), f, minShared)
	require.NoError(t, err)
	require.NotEmpty(t, n.Nodes, "a test filter should select something")
	return n
}

// exportNetwork writes the network of tc with write, and returns it with
// the store's own network for the same filter, for the test to compare.
func exportNetwork(t *testing.T, s graph.Store, tc networkCase, write func(io.Writer, export.Network) error) (graph.Network, bytes.Buffer) {
	t.Helper()
	want := storeNetwork(t, s, tc.want, tc.query.MinShared)
	n, err := export.LoadNetwork(context.Background(), duty.New(s).View(), tc.query)
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, write(&b, n))
	return want, b
}

func TestGraphMLMatchesStoreNetwork(t *testing.T) {
	s := seededStore(t)
	for _, tc := range networkCases {
		t.Run(tc.name, func(t *testing.T) {
			want, b := exportNetwork(t, s, tc, export.WriteGraphML)

			var got graphMLFile
			require.NoError(t, xml.Unmarshal(b.Bytes(), &got), b.String())
			require.Equal(t, "undirected", got.Graph.EdgeDefault)
			require.Len(t, got.Graph.Nodes, len(want.Nodes))
			require.Len(t, got.Graph.Edges, len(want.Edges))

			keys := map[string]string{}
			for _, k := range got.Keys {
				keys[k.For+":"+k.Name] = k.Type
			}
			for _, k := range []string{"node:label", "node:kind", "node:workload", "node:lead", "node:cooperate", "edge:weight"} {
				require.Contains(t, keys, k, "GraphML key missing")
			}
			for i, node := range got.Graph.Nodes {
				require.Equal(t, want.Nodes[i].UnitID, node.ID)
				require.Equal(t, strconv.Itoa(want.Nodes[i].Lead+want.Nodes[i].Cooperate), dataValue(node.Data, "workload"))
				require.NotEmpty(t, dataValue(node.Data, "label"))
				if !tc.query.IncludeCollective {
					require.NotEqual(t, string(graph.KindPlaceholder), dataValue(node.Data, "kind"))
				}
			}
			for i, e := range got.Graph.Edges {
				require.Equal(t, want.Edges[i].A, e.Source)
				require.Equal(t, want.Edges[i].B, e.Target)
				require.Equal(t, strconv.Itoa(want.Edges[i].Shared), dataValue(e.Data, "weight"))
			}
		})
	}
}

// gexfFile is GEXF read back, of any version; XMLName.Space is the
// namespace, which tells the versions apart.
type gexfFile struct {
	XMLName xml.Name `xml:"gexf"`
	Version string   `xml:"version,attr"`
	Graph   struct {
		DefaultEdgeType string `xml:"defaultedgetype,attr"`
		Attributes      []struct {
			Class      string `xml:"class,attr"`
			Attributes []struct {
				ID   string `xml:"id,attr"`
				Type string `xml:"type,attr"`
			} `xml:"attribute"`
		} `xml:"attributes"`
		Nodes struct {
			Count int `xml:"count,attr"`
			Nodes []struct {
				ID        string `xml:"id,attr"`
				Label     string `xml:"label,attr"`
				AttValues []struct {
					For   string `xml:"for,attr"`
					Value string `xml:"value,attr"`
				} `xml:"attvalues>attvalue"`
			} `xml:"node"`
		} `xml:"nodes"`
		Edges struct {
			Count int `xml:"count,attr"`
			Edges []struct {
				Source string  `xml:"source,attr"`
				Target string  `xml:"target,attr"`
				Weight float64 `xml:"weight,attr"`
			} `xml:"edge"`
		} `xml:"edges"`
	} `xml:"graph"`
}

// gexfVersions are the GEXF versions written, with the namespace each
// reader looks for (networkx finds the graph by it).
var gexfVersions = []struct {
	format             string
	namespace, version string
}{
	{"gexf", "http://www.gexf.net/1.2draft", "1.2"},
	{"gexf13", "http://gexf.net/1.3", "1.3"},
}

func TestGEXFMatchesStoreNetwork(t *testing.T) {
	s := seededStore(t)
	for _, v := range gexfVersions {
		format, err := export.FindNetworkFormat(v.format)
		require.NoError(t, err)
		for _, tc := range networkCases {
			t.Run(v.version+" "+tc.name, func(t *testing.T) {
				checkGEXF(t, s, tc, format.Write, v.namespace, v.version)
			})
		}
	}
}

func checkGEXF(t *testing.T, s graph.Store, tc networkCase, write func(io.Writer, export.Network) error, namespace, version string) {
	t.Helper()
	want, b := exportNetwork(t, s, tc, write)

	var got gexfFile
	require.NoError(t, xml.Unmarshal(b.Bytes(), &got), b.String())
	require.Equal(t, namespace, got.XMLName.Space)
	require.Equal(t, version, got.Version)
	require.Equal(t, "undirected", got.Graph.DefaultEdgeType)
	require.Equal(t, len(want.Nodes), got.Graph.Nodes.Count)
	require.Len(t, got.Graph.Nodes.Nodes, len(want.Nodes))
	require.Equal(t, len(want.Edges), got.Graph.Edges.Count)
	require.Len(t, got.Graph.Edges.Edges, len(want.Edges))
	require.Len(t, got.Graph.Attributes, 1)
	declared := map[string]bool{}
	for _, a := range got.Graph.Attributes[0].Attributes {
		declared[a.ID] = true
	}
	for i, node := range got.Graph.Nodes.Nodes {
		require.Equal(t, want.Nodes[i].UnitID, node.ID)
		require.NotEmpty(t, node.Label)
		for _, av := range node.AttValues {
			require.True(t, declared[av.For], "attvalue for undeclared attribute %q", av.For)
			if av.For == "workload" {
				require.Equal(t, strconv.Itoa(want.Nodes[i].Lead+want.Nodes[i].Cooperate), av.Value)
			}
		}
	}
	for i, e := range got.Graph.Edges.Edges {
		require.Equal(t, want.Edges[i].A, e.Source)
		require.Equal(t, want.Edges[i].B, e.Target)
		require.InDelta(t, float64(want.Edges[i].Shared), e.Weight, 0)
	}
}

// TestTopPairInExports checks the seeds' known top pair end to end: the
// heaviest edge of the whole network is 市发改委–市工信局 with 29 tasks.
func TestTopPairInExports(t *testing.T) {
	s := seededStore(t)
	n, err := export.LoadNetwork(context.Background(), duty.New(s).View(), export.NetworkQuery{MinShared: 1})
	require.NoError(t, err)
	require.NotEmpty(t, n.Edges)
	top := n.Edges[0]
	ids := []string{unitID(t, s, "市发改委"), unitID(t, s, "市工信局")}
	require.ElementsMatch(t, ids, []string{top.A, top.B})
	require.Equal(t, 29, top.Shared)

}

func TestNetworkQueryErrors(t *testing.T) {
	s := seededStore(t)
	cases := []struct {
		name  string
		query export.NetworkQuery
		is    error
		msg   string
	}{
		{"unknown jurisdiction", export.NetworkQuery{Jurisdiction: "鼓楼新区", MinShared: 1}, graph.ErrNotFound, `jurisdiction "鼓楼新区" not found`},
		{"year without plan", export.NetworkQuery{Jurisdiction: "南京市/鼓楼区", Year: 2021, MinShared: 1}, graph.ErrInvalid, "loaded years: 2025, 2026"},
		{"impossible year", export.NetworkQuery{Year: 26, MinShared: 1}, graph.ErrInvalid, "not a plan year"},
		{"unknown plan", export.NetworkQuery{PlanID: "plan:南京市:2025", MinShared: 1}, graph.ErrNotFound, `plan "plan:南京市:2025" not found`},
		{"min shared 0", export.NetworkQuery{}, graph.ErrInvalid, "minShared 0"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := export.LoadNetwork(context.Background(), duty.New(s).View(), tc.query)
			require.ErrorIs(t, err, tc.is)
			require.ErrorContains(t, err, tc.msg)
		})
	}
}
