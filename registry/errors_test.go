package registry_test

import (
	"fmt"

	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/registry"
)

// TestParseErrorLines: a YAML mistake and a lineage cycle are refused at
// load, naming the file and the line at fault.
func TestParseErrorLines(t *testing.T) {
	const places = "jurisdictions:\n  - path: 南京市\n  - path: 南京市/鼓楼区\n"
	const link = "  - jurisdiction: 南京市\n    from: %s\n    to: %s\n    note: x\n"
	tests := []struct {
		name, units, want string
	}{
		// go.yaml.in/yaml/v3's parser counts these lines from 0 (and gives a
		// list's first line for a problem in it).
		{"item outside its list", "units:\n  - name: 市发改委\n    jurisdiction: 南京市\n  jurisdiction: 南京市\n", "units.yaml:2: did not find expected '-' indicator"},
		{"unclosed flow list", "units:\n  - name: 市发改委\n    jurisdiction: 南京市\n    aliases: [发改委\n", "units.yaml:4: did not find expected ',' or ']'"},
		{"key outside its mapping", "units: []\nlineage: []\n placeholders: []\n", "units.yaml:3: did not find expected key"},
		// Its scanner counts from 1.
		{"tab", "units: []\n\tlineage: []\n", "units.yaml:2: found character that cannot start any token"},
		{"unterminated quote", "units: []\nplaceholders: [\"各区\n", "units.yaml:2: found unexpected end of stream"},
		{"lineage cycle of two", "lineage:\n" + fmt.Sprintf(link, "市政务办", "市数据局") + fmt.Sprintf(link, "市数据局", "市政务办"),
			"units.yaml:6: lineage cycle 市数据局 → 市政务办 → 市数据局: a unit cannot succeed itself"},
		{"lineage cycle of three", "lineage:\n" + fmt.Sprintf(link, "a局", "b局") + fmt.Sprintf(link, "b局", "c局") + fmt.Sprintf(link, "c局", "a局"),
			"units.yaml:10: lineage cycle c局 → a局 → b局 → c局"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := registry.Parse([]byte(tt.units), []byte(places), "units.yaml", "jurisdictions.yaml")
			require.ErrorContains(t, err, tt.want)
		})
	}
}

// TestLineageChainIsNoCycle: links that only share units, or a chain in
// one direction, load.
func TestLineageChainIsNoCycle(t *testing.T) {
	const link = "  - jurisdiction: 南京市\n    from: %s\n    to: %s\n    note: x\n"
	units := "lineage:\n" + fmt.Sprintf(link, "a局", "b局") + fmt.Sprintf(link, "b局", "c局") + fmt.Sprintf(link, "a局", "c局")
	r, err := registry.Parse([]byte(units), []byte("jurisdictions: [{path: 南京市}]"), "units.yaml", "jurisdictions.yaml")
	require.NoError(t, err)
	require.Len(t, r.Lineage(), 3)
}

// TestLineageCycleAcrossLayers: a folder's units.yaml closing a cycle with
// the links of the layer below is refused, naming the folder's file.
func TestLineageCycleAcrossLayers(t *testing.T) {
	const link = "lineage:\n  - jurisdiction: 江苏省/南京市\n    from: %s\n    to: %s\n    note: x\n"
	_, err := registry.LoadLayers(
		registry.Layer{Name: "base", FS: fstest.MapFS{"units.yaml": {Data: []byte(fmt.Sprintf(link, "市政务办", "市数据局"))}}},
		registry.Layer{Name: "/data", FS: fstest.MapFS{"units.yaml": {Data: []byte(fmt.Sprintf(link, "市数据局", "市政务办"))}}},
	)
	require.ErrorContains(t, err, "units.yaml:2: lineage cycle 市数据局 → 市政务办 → 市数据局")
	require.ErrorContains(t, err, "/data")
}
