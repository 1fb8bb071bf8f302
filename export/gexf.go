package export

import (
	"encoding/xml"
	"io"
	"strconv"
)

// GEXF (https://gexf.net) is Gephi's own format: node attributes are
// declared once, and edges carry their weight natively. Version 1.2 is the
// default because every reader takes it: Gephi, and networkx of every
// release (Debian 12 ships 2.8, which reads 1.1 and 1.2 only; 1.3 came
// with networkx 3.6). 1.3 is written when asked for by name.

// gexfVersion is what tells one GEXF version from another in our files:
// the namespace, the schema and the version attribute. The elements we
// write are the same in 1.2 and 1.3.
type gexfVersion struct {
	namespace, schema, version string
}

var (
	// gexf12 is spelt as Gephi and networkx write and expect it: the
	// "draft" namespace on www.gexf.net, which networkx matches exactly.
	gexf12 = gexfVersion{namespace: "http://www.gexf.net/1.2draft", schema: "http://www.gexf.net/1.2draft/gexf.xsd", version: "1.2"}
	gexf13 = gexfVersion{namespace: "http://gexf.net/1.3", schema: "http://gexf.net/1.3/gexf.xsd", version: "1.3"}
)

type gexfDoc struct {
	XMLName        xml.Name  `xml:"gexf"`
	XMLNS          string    `xml:"xmlns,attr"`
	XSI            string    `xml:"xmlns:xsi,attr"`
	SchemaLocation string    `xml:"xsi:schemaLocation,attr"`
	Version        string    `xml:"version,attr"`
	Meta           gexfMeta  `xml:"meta"`
	Graph          gexfGraph `xml:"graph"`
}

type gexfMeta struct {
	Creator     string `xml:"creator"`
	Description string `xml:"description"`
}

type gexfGraph struct {
	DefaultEdgeType string         `xml:"defaultedgetype,attr"`
	Mode            string         `xml:"mode,attr"`
	Attributes      gexfAttributes `xml:"attributes"`
	Nodes           gexfNodes      `xml:"nodes"`
	Edges           gexfEdges      `xml:"edges"`
}

type gexfAttributes struct {
	Class      string          `xml:"class,attr"`
	Attributes []gexfAttribute `xml:"attribute"`
}

type gexfAttribute struct {
	ID    string `xml:"id,attr"`
	Title string `xml:"title,attr"`
	Type  string `xml:"type,attr"`
}

type gexfNodes struct {
	Count int        `xml:"count,attr"`
	Nodes []gexfNode `xml:"node"`
}

type gexfNode struct {
	ID        string         `xml:"id,attr"`
	Label     string         `xml:"label,attr"`
	AttValues []gexfAttValue `xml:"attvalues>attvalue"`
}

type gexfAttValue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

type gexfEdges struct {
	Count int        `xml:"count,attr"`
	Edges []gexfEdge `xml:"edge"`
}

type gexfEdge struct {
	ID     string `xml:"id,attr"`
	Source string `xml:"source,attr"`
	Target string `xml:"target,attr"`
	Weight int    `xml:"weight,attr"`
}

var gexfNodeAttributes = []gexfAttribute{
	{ID: "kind", Title: "kind", Type: "string"},
	{ID: "jurisdiction", Title: "jurisdiction", Type: "string"},
	{ID: "aliases", Title: "aliases", Type: "string"},
	{ID: "lead", Title: "lead", Type: "integer"},
	{ID: "cooperate", Title: "cooperate", Type: "integer"},
	{ID: "workload", Title: "workload", Type: "integer"},
}

// WriteGEXF writes n as a static, undirected GEXF 1.2 graph: nodes are
// units labelled by name, with kind, jurisdiction, aliases, lead, cooperate
// and workload attributes; edge weight is the number of shared tasks.
func WriteGEXF(w io.Writer, n Network) error { return writeGEXF(w, n, gexf12) }

// WriteGEXF13 writes n as WriteGEXF does, as GEXF 1.3.
func WriteGEXF13(w io.Writer, n Network) error { return writeGEXF(w, n, gexf13) }

func writeGEXF(w io.Writer, n Network, v gexfVersion) error {
	doc := gexfDoc{
		XMLNS:          v.namespace,
		XSI:            "http://www.w3.org/2001/XMLSchema-instance",
		SchemaLocation: v.namespace + " " + v.schema,
		Version:        v.version,
		Meta: gexfMeta{
			Creator:     "dutygraph",
			Description: "Co-ownership of plan tasks (" + n.Query.String() + "): units sharing tasks, weighted by the number shared.",
		},
		Graph: gexfGraph{
			DefaultEdgeType: "undirected",
			Mode:            "static",
			Attributes:      gexfAttributes{Class: "node", Attributes: gexfNodeAttributes},
			Nodes:           gexfNodes{Count: len(n.Nodes), Nodes: make([]gexfNode, len(n.Nodes))},
			Edges:           gexfEdges{Count: len(n.Edges), Edges: make([]gexfEdge, len(n.Edges))},
		},
	}
	for i, node := range n.Nodes {
		doc.Graph.Nodes.Nodes[i] = gexfNode{ID: node.Unit.ID, Label: node.Unit.Name, AttValues: []gexfAttValue{
			{For: "kind", Value: string(node.Unit.Kind)},
			{For: "jurisdiction", Value: node.Unit.Jurisdiction},
			{For: "aliases", Value: joinAliases(node.Unit.Aliases)},
			{For: "lead", Value: strconv.Itoa(node.Lead)},
			{For: "cooperate", Value: strconv.Itoa(node.Cooperate)},
			{For: "workload", Value: strconv.Itoa(node.Workload())},
		}}
	}
	for i, e := range n.Edges {
		doc.Graph.Edges.Edges[i] = gexfEdge{ID: strconv.Itoa(i), Source: e.A, Target: e.B, Weight: e.Shared}
	}
	return writeXML(w, doc)
}
