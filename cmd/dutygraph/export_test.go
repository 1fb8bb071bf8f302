package main

import (
	"bytes"
	"context"
	"encoding/xml"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

func TestExportNetworkToFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "gulou.graphml")
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"export", "network", "--jurisdiction", "鼓楼区", "--year", "2026", "-o", out}, &stdout, &stderr)
	require.NoError(t, err, stderr.String())
	require.Contains(t, stdout.String(), out+": ")
	require.Contains(t, stdout.String(), "jurisdiction 南京市/鼓楼区, year 2026")
	require.NotContains(t, stderr.String(), "level=INFO", "an export logs warnings only")

	data, err := os.ReadFile(out)
	require.NoError(t, err)
	var g struct {
		Nodes []struct{} `xml:"graph>node"`
		Edges []struct{} `xml:"graph>edge"`
	}
	require.NoError(t, xml.Unmarshal(data, &g))
	require.NotEmpty(t, g.Nodes)
	require.Contains(t, stdout.String(), ": "+strconv.Itoa(len(g.Nodes))+" units, "+strconv.Itoa(len(g.Edges))+" pairs")
}

func TestExportNetworkFormatFromExtension(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name   string
		format []string
		want   string
	}{
		{"n.gexf", nil, `<gexf xmlns="http://www.gexf.net/1.2draft"`},
		{"n13.gexf", []string{"--format", "gexf13"}, `<gexf xmlns="http://gexf.net/1.3"`},
		{"n.cypher", nil, "MERGE (a)-[r:CO_OWNS {year: row.year}]->(b)"},
	}
	for _, tc := range cases {
		out := filepath.Join(dir, tc.name)
		var stdout, stderr bytes.Buffer
		args := append([]string{"export", "network", "-o", out}, tc.format...)
		require.NoError(t, run(context.Background(), args, &stdout, &stderr), stderr.String())
		data, err := os.ReadFile(out)
		require.NoError(t, err)
		require.Contains(t, string(data), tc.want)
	}
}

func TestExportWorkloadXLSX(t *testing.T) {
	out := filepath.Join(t.TempDir(), "wenlv.xlsx")
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"export", "workload", "--unit", "市文化和旅游局", "-o", out}, &stdout, &stderr)
	require.NoError(t, err, stderr.String())
	require.Contains(t, stdout.String(), "市文旅局 (南京市), 19 tasks in 2 plan years")
	f, err := excelize.OpenFile(out)
	require.NoError(t, err)
	defer f.Close()
	require.Equal(t, []string{"2026", "2021"}, f.GetSheetList())
}

func TestExportUsageErrors(t *testing.T) {
	cases := []struct {
		args []string
		msg  string
	}{
		{[]string{"export"}, "say what to export"},
		{[]string{"export", "units"}, `unknown export "units"`},
		{[]string{"export", "network", "--format", "svg"}, `network format "svg"`},
		{[]string{"export", "network", "--roles", "boss"}, `--roles: role "boss"`},
		{[]string{"export", "network", "extra"}, `unexpected argument "extra"`},
		{[]string{"export", "workload", "-o", "x.xlsx"}, "--unit is required"},
		{[]string{"export", "workload", "--unit", "市发改委"}, "-o FILE is required"},
		{[]string{"export", "workload", "--unit", "市发改委", "-o", "-", "--format", "xlsx"}, "XLSX is a binary file"},
		{[]string{"export", "workload", "--unit", "市发改委", "-o", "out"}, "--format csv|xlsx is required"},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), tc.args, &stdout, &stderr)
			require.ErrorContains(t, err, tc.msg)
			require.Equal(t, 2, exitCode(err))
		})
	}
}

// TestExportStoreErrors: a well-formed command asking for what is not
// loaded fails with the store's explanation, and writes no file.
func TestExportStoreErrors(t *testing.T) {
	out := filepath.Join(t.TempDir(), "x.csv")
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"export", "workload", "--unit", "市文旅", "-o", out}, &stdout, &stderr)
	require.ErrorContains(t, err, `unit "市文旅" not found; did you mean`)
	require.Equal(t, 1, exitCode(err))
	require.NoFileExists(t, out)
}
