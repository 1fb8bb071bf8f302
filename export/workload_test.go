package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/dutygraph/dutygraph/duty"
	"github.com/dutygraph/dutygraph/export"
	"github.com/dutygraph/dutygraph/graph"
	"github.com/dutygraph/dutygraph/graph/memstore"
	"github.com/dutygraph/dutygraph/graph/storetest"
)

// yearCounts are a unit's lead and cooperate tasks in a plan year, as the
// brief's verified numbers give them.
type yearCounts struct{ year, lead, cooperate int }

var workloadCases = []struct {
	unit  string
	years []yearCounts // newest first, as the exports order them
}{
	{"市文旅局", []yearCounts{{2026, 8, 4}, {2021, 5, 2}}},
	{"市文化和旅游局", []yearCounts{{2026, 8, 4}, {2021, 5, 2}}}, // the 2021 name, an alias
	{"市发改委", []yearCounts{{2026, 32, 13}, {2021, 23, 11}}},
	{"市规划资源局", []yearCounts{{2026, 7, 10}, {2021, 11, 7}}},
	{"区应急局", []yearCounts{{2026, 4, 0}, {2025, 1, 1}}},
}

func loadWorkload(t *testing.T, q export.WorkloadQuery) export.Workload {
	t.Helper()
	wl, err := export.LoadWorkload(context.Background(), duty.New(seededStore(t)).View(), q)
	require.NoError(t, err)
	return wl
}

func TestXLSXOneSheetPerYear(t *testing.T) {
	for _, tc := range workloadCases {
		t.Run(tc.unit, func(t *testing.T) {
			wl := loadWorkload(t, export.WorkloadQuery{Unit: tc.unit})
			var b bytes.Buffer
			require.NoError(t, export.WriteXLSX(&b, wl))

			f, err := excelize.OpenReader(&b)
			require.NoError(t, err)
			defer f.Close()
			var wantSheets []string
			for _, y := range tc.years {
				wantSheets = append(wantSheets, strconv.Itoa(y.year))
			}
			require.Equal(t, wantSheets, f.GetSheetList())
			for _, y := range tc.years {
				rows, err := f.GetRows(strconv.Itoa(y.year))
				require.NoError(t, err)
				require.Equal(t, []string{"序号 task", "部分 section", "任务 text", "角色 role", "合作单位 partners", "计划 plan", "辖区 jurisdiction",
					"完成时限 deadline", "到期 due", "责任领导 leaders"}, rows[0])
				require.Len(t, rows[1:], y.lead+y.cooperate, "tasks in %d", y.year)
				roles := map[string]int{}
				for _, r := range rows[1:] {
					// The seeds give no deadlines or leaders, and a sheet's
					// trailing empty cells are not stored.
					require.Len(t, r, 7, "row %v", r)
					n, err := strconv.Atoi(r[0])
					require.NoError(t, err, "task number %q", r[0])
					require.Positive(t, n)
					require.NotEmpty(t, r[2], "task text")
					require.NotEmpty(t, r[5], "plan")
					roles[r[3]]++
				}
				require.Equal(t, y.lead, roles["主办"], "lead tasks in %d", y.year)
				require.Equal(t, y.cooperate, roles["协办"], "cooperate tasks in %d", y.year)
				require.Len(t, roles, min(1, y.lead)+min(1, y.cooperate), "roles other than 主办 and 协办: %v", roles)
			}
		})
	}
}

func readCSV(t *testing.T, wl export.Workload) [][]string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, export.WriteCSV(&b, wl))
	text, ok := strings.CutPrefix(b.String(), "\uFEFF")
	require.True(t, ok, "the CSV starts with a UTF-8 byte order mark for Excel")
	records, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	require.NoError(t, err)
	return records
}

func TestCSVRows(t *testing.T) {
	for _, tc := range workloadCases {
		t.Run(tc.unit, func(t *testing.T) {
			records := readCSV(t, loadWorkload(t, export.WorkloadQuery{Unit: tc.unit}))
			require.Equal(t, "年度 year", records[0][0])
			perYear := map[string][2]int{}
			var order []string
			for _, r := range records[1:] {
				c := perYear[r[0]]
				switch r[6] {
				case "主办":
					c[0]++
				case "协办":
					c[1]++
				default:
					t.Fatalf("role %q", r[6])
				}
				if len(order) == 0 || order[len(order)-1] != r[0] {
					order = append(order, r[0])
				}
				perYear[r[0]] = c
			}
			var wantOrder []string
			for _, y := range tc.years {
				wantOrder = append(wantOrder, strconv.Itoa(y.year))
				require.Equal(t, [2]int{y.lead, y.cooperate}, perYear[strconv.Itoa(y.year)], "lead/cooperate in %d", y.year)
			}
			require.Equal(t, wantOrder, order, "years newest first, each once")
		})
	}
}

func TestWorkloadRowContent(t *testing.T) {
	s := seededStore(t)
	wl := loadWorkload(t, export.WorkloadQuery{Unit: "市发改委", Year: 2026, Role: graph.RoleLead})
	require.Len(t, wl.Years, 1)
	rows := wl.Years[0].Rows
	require.Len(t, rows, 32)
	self := unitID(t, s, "市发改委")
	tasks, err := s.TasksByID(context.Background(), []string{rows[0].TaskID})
	require.NoError(t, err)
	task := tasks[rows[0].TaskID]
	require.Contains(t, task.Leads, self)
	require.Equal(t, task.Number, rows[0].Number)
	require.Equal(t, task.Text, rows[0].Text)
	require.Equal(t, graph.RoleLead, rows[0].Role)
	// Partners are the clause's other units, none of them the unit itself.
	require.Len(t, rows[0].Partners, len(task.Leads)+len(task.Cooperators)-1)
	require.Regexp(t, `^[一二三四五六七八九十]+、`, rows[0].Section)

	records := readCSV(t, wl)
	require.Len(t, records, 33)
	for _, r := range records[1:] {
		require.Equal(t, "2026", r[0])
		require.Equal(t, "南京市", r[1])
		require.Equal(t, "主办", r[6])
		require.NotContains(t, r[7], "市发改委(")
	}
}

func TestWorkloadErrors(t *testing.T) {
	s := seededStore(t)
	cases := []struct {
		name  string
		query export.WorkloadQuery
		is    error
		msg   string
	}{
		{"unknown unit", export.WorkloadQuery{Unit: "市文旅"}, graph.ErrNotFound, "市文旅局"},
		{"no unit", export.WorkloadQuery{}, graph.ErrInvalid, "no unit"},
		{"wrong jurisdiction", export.WorkloadQuery{Unit: "市发改委", Jurisdiction: "南京市/鼓楼区"}, graph.ErrNotFound, "市发改委"},
		{"year without plan", export.WorkloadQuery{Unit: "市发改委", Year: 2019}, graph.ErrInvalid, "loaded years"},
		{"bad role", export.WorkloadQuery{Unit: "市发改委", Role: "owner"}, graph.ErrInvalid, "owner"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := export.LoadWorkload(context.Background(), duty.New(s).View(), tc.query)
			require.ErrorIs(t, err, tc.is)
			require.ErrorContains(t, err, tc.msg)
		})
	}
}

func TestEmptyWorkloadStillOpens(t *testing.T) {
	wl := export.Workload{Unit: graph.Unit{Name: "市发改委"}, Query: export.WorkloadQuery{Unit: "市发改委", Year: 2025}}
	var b bytes.Buffer
	require.NoError(t, export.WriteXLSX(&b, wl))
	f, err := excelize.OpenReader(&b)
	require.NoError(t, err)
	defer f.Close()
	require.Equal(t, []string{"2025"}, f.GetSheetList())
	rows, err := f.GetRows("2025")
	require.NoError(t, err)
	require.Len(t, rows, 1, "the header only")
	require.Len(t, readCSV(t, wl), 1)
}

// TestWorkloadCarriesDeadlines: a coordinator's task list shows what the
// plan's table said of each task — the deadline as written, its date and
// the leaders — in both the CSV and the workbook.
func TestWorkloadCarriesDeadlines(t *testing.T) {
	st := memstore.New()
	for _, b := range storetest.All() {
		require.NoError(t, st.Load(context.Background(), b), b.Source)
	}
	wl, err := export.LoadWorkload(context.Background(), duty.New(st).View(), export.WorkloadQuery{Unit: "市市场监管局", Jurisdiction: "南京市", Year: 2026})
	require.NoError(t, err)
	require.Len(t, wl.Years, 1)
	require.Len(t, wl.Years[0].Rows, 1)
	row := wl.Years[0].Rows[0]
	require.Equal(t, []string{"张三", "李四"}, row.Leaders)
	require.Equal(t, "2026年6月底前", row.Deadline)
	require.Equal(t, "2026-06-30", row.Due)

	records := readCSV(t, wl)
	require.Equal(t, []string{"完成时限 deadline", "到期 due", "责任领导 leaders"}, records[0][8:])
	require.Equal(t, []string{"2026年6月底前", "2026-06-30", "张三、李四"}, records[1][8:])

	var b bytes.Buffer
	require.NoError(t, export.WriteXLSX(&b, wl))
	f, err := excelize.OpenReader(&b)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows("2026")
	require.NoError(t, err)
	require.Equal(t, []string{"2026年6月底前", "2026-06-30", "张三、李四"}, rows[1][7:])
}
