package export

import (
	"io"
	"slices"
	"strings"

	"github.com/dutygraph/dutygraph/duty"
)

// NetworkFormat is a file format the co-ownership network exports to.
type NetworkFormat struct {
	Name        string // graphml, gexf, gexf13, cypher: the --format value and the URL's extension
	Extension   string // of the file written: gexf13 is still a .gexf file
	ContentType string
	Write       func(io.Writer, Network) error
	// ByYear: the format writes each year's network (NetworkQuery.ByYear).
	ByYear bool
}

// WorkloadFormat is a file format a unit's workload exports to.
type WorkloadFormat struct {
	Name        string // csv, xlsx
	ContentType string
	Write       func(io.Writer, Workload) error
}

// NetworkFormats lists the network's formats.
var NetworkFormats = []NetworkFormat{
	{Name: "graphml", Extension: "graphml", ContentType: "application/graphml+xml; charset=utf-8", Write: WriteGraphML},
	{Name: "gexf", Extension: "gexf", ContentType: "application/gexf+xml; charset=utf-8", Write: WriteGEXF},
	{Name: "gexf13", Extension: "gexf", ContentType: "application/gexf+xml; charset=utf-8", Write: WriteGEXF13},
	{Name: "cypher", Extension: "cypher", ContentType: "application/x-cypher-query; charset=utf-8", Write: WriteCypher, ByYear: true},
	{Name: "json", Extension: "json", ContentType: "application/json", Write: WriteNetworkJSON},
}

// WorkloadFormats lists the workload's formats.
var WorkloadFormats = []WorkloadFormat{
	{Name: "csv", ContentType: "text/csv; charset=utf-8", Write: WriteCSV},
	{Name: "xlsx", ContentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Write: WriteXLSX},
}

// FindNetworkFormat looks a network format up by name, case-insensitively.
func FindNetworkFormat(name string) (NetworkFormat, error) {
	i := slices.IndexFunc(NetworkFormats, func(f NetworkFormat) bool { return strings.EqualFold(f.Name, name) })
	if i < 0 {
		return NetworkFormat{}, duty.Invalidf("network format %q: want %s", name, formatNames(NetworkFormats, func(f NetworkFormat) string { return f.Name }))
	}
	return NetworkFormats[i], nil
}

// FindWorkloadFormat looks a workload format up by name, case-insensitively.
func FindWorkloadFormat(name string) (WorkloadFormat, error) {
	i := slices.IndexFunc(WorkloadFormats, func(f WorkloadFormat) bool { return strings.EqualFold(f.Name, name) })
	if i < 0 {
		return WorkloadFormat{}, duty.Invalidf("workload format %q: want %s", name, formatNames(WorkloadFormats, func(f WorkloadFormat) string { return f.Name }))
	}
	return WorkloadFormats[i], nil
}

func formatNames[F any](fs []F, name func(F) string) string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = name(f)
	}
	return strings.Join(names, ", ")
}
