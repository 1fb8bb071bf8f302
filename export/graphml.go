package export

import (
	"encoding/xml"
	"io"
	"strconv"
)

// GraphML (http://graphml.graphdrawing.org) is read by yEd, Gephi,
// Cytoscape desktop and networkx. Attributes are declared as keys; Gephi
// takes the edge key named "weight" as the edge weight and "label" as the
// node label.

const graphMLNamespace = "http://graphml.graphdrawing.org/xmlns"

type graphMLDoc struct {
	XMLName        xml.Name     `xml:"graphml"`
	XMLNS          string       `xml:"xmlns,attr"`
	XSI            string       `xml:"xmlns:xsi,attr"`
	SchemaLocation string       `xml:"xsi:schemaLocation,attr"`
	Keys           []graphMLKey `xml:"key"`
	Graph          graphMLGraph `xml:"graph"`
}

type graphMLKey struct {
	ID      string `xml:"id,attr"`
	For     string `xml:"for,attr"`
	Name    string `xml:"attr.name,attr"`
	Type    string `xml:"attr.type,attr"`
	Default string `xml:"default,omitempty"`
}

type graphMLGraph struct {
	ID          string        `xml:"id,attr"`
	EdgeDefault string        `xml:"edgedefault,attr"`
	Data        []graphMLData `xml:"data"`
	Nodes       []graphMLNode `xml:"node"`
	Edges       []graphMLEdge `xml:"edge"`
}

type graphMLNode struct {
	ID   string        `xml:"id,attr"`
	Data []graphMLData `xml:"data"`
}

type graphMLEdge struct {
	ID     string        `xml:"id,attr"`
	Source string        `xml:"source,attr"`
	Target string        `xml:"target,attr"`
	Data   []graphMLData `xml:"data"`
}

type graphMLData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

var graphMLKeys = []graphMLKey{
	{ID: "filter", For: "graph", Name: "filter", Type: "string"},
	{ID: "label", For: "node", Name: "label", Type: "string"},
	{ID: "kind", For: "node", Name: "kind", Type: "string"},
	{ID: "jurisdiction", For: "node", Name: "jurisdiction", Type: "string"},
	{ID: "aliases", For: "node", Name: "aliases", Type: "string"},
	{ID: "lead", For: "node", Name: "lead", Type: "int"},
	{ID: "cooperate", For: "node", Name: "cooperate", Type: "int"},
	{ID: "workload", For: "node", Name: "workload", Type: "int"},
	{ID: "weight", For: "edge", Name: "weight", Type: "int"},
}

// WriteGraphML writes n as an undirected GraphML graph: nodes are units
// (keyed by unit ID) with label, kind, jurisdiction, aliases, lead,
// cooperate and workload; edges carry weight = shared tasks.
func WriteGraphML(w io.Writer, n Network) error {
	doc := graphMLDoc{
		XMLNS:          graphMLNamespace,
		XSI:            "http://www.w3.org/2001/XMLSchema-instance",
		SchemaLocation: graphMLNamespace + " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
		Keys:           graphMLKeys,
		Graph: graphMLGraph{
			ID:          "co-ownership",
			EdgeDefault: "undirected",
			Data:        []graphMLData{{Key: "filter", Value: n.Query.String()}},
			Nodes:       make([]graphMLNode, len(n.Nodes)),
			Edges:       make([]graphMLEdge, len(n.Edges)),
		},
	}
	for i, node := range n.Nodes {
		doc.Graph.Nodes[i] = graphMLNode{ID: node.Unit.ID, Data: []graphMLData{
			{Key: "label", Value: node.Unit.Name},
			{Key: "kind", Value: string(node.Unit.Kind)},
			{Key: "jurisdiction", Value: node.Unit.Jurisdiction},
			{Key: "aliases", Value: joinAliases(node.Unit.Aliases)},
			{Key: "lead", Value: strconv.Itoa(node.Lead)},
			{Key: "cooperate", Value: strconv.Itoa(node.Cooperate)},
			{Key: "workload", Value: strconv.Itoa(node.Workload())},
		}}
	}
	for i, e := range n.Edges {
		doc.Graph.Edges[i] = graphMLEdge{
			ID: "e" + strconv.Itoa(i), Source: e.A, Target: e.B,
			Data: []graphMLData{{Key: "weight", Value: strconv.Itoa(e.Shared)}},
		}
	}
	return writeXML(w, doc)
}

// writeXML writes an indented document with its XML declaration.
func writeXML(w io.Writer, doc any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
