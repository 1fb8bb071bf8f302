package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// xlsxColumns are the columns of a year's sheet; the year is the sheet's name.
var xlsxColumns = []struct {
	title string
	width float64
}{
	{"序号 task", 9},
	{"部分 section", 28},
	{"任务 text", 80},
	{"角色 role", 9},
	{"合作单位 partners", 40},
	{"计划 plan", 36},
	{"辖区 jurisdiction", 14},
	{"完成时限 deadline", 16},
	{"到期 due", 11},
	{"责任领导 leaders", 14},
}

// WriteXLSX writes a workload as an Excel workbook with one sheet per plan
// year, newest first, named by the year (2026), each a table of task number,
// section, text, the unit's role, its partners, the plan and its
// jurisdiction. A workload without tasks is one sheet holding the header.
func WriteXLSX(w io.Writer, wl Workload) error {
	f := excelize.NewFile()
	defer f.Close()
	years := wl.Years
	if len(years) == 0 {
		years = []YearTasks{{Year: wl.Query.Year}}
	}
	for i, y := range years {
		name := "tasks"
		if y.Year != 0 {
			name = strconv.Itoa(y.Year)
		}
		if i == 0 {
			if err := f.SetSheetName(f.GetSheetName(0), name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		if err := writeYearSheet(f, name, y.Rows); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
	}
	f.SetActiveSheet(0)
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator:     "dutygraph",
		Title:       wl.Unit.Name + " 任务清单",
		Description: "Tasks of " + wl.Unit.Name + " (" + wl.Unit.Jurisdiction + ") by plan year",
	}); err != nil {
		return err
	}
	_, err := f.WriteTo(w)
	return err
}

func writeYearSheet(f *excelize.File, sheet string, rows []TaskRow) error {
	header := make([]any, len(xlsxColumns))
	for i, c := range xlsxColumns {
		header[i] = c.title
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		if err := f.SetColWidth(sheet, col, col, c.width); err != nil {
			return err
		}
	}
	if err := f.SetSheetRow(sheet, "A1", &header); err != nil {
		return err
	}
	for i, r := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return err
		}
		row := []any{r.Number, r.Section, r.Text, roleName(r.Role), partnersText(r.Partners), r.Plan, r.Jurisdiction,
			r.Deadline, r.Due, strings.Join(r.Leaders, "、")}
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return err
		}
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE6F2"}}})
	if err != nil {
		return err
	}
	lastCol, err := excelize.ColumnNumberToName(len(xlsxColumns))
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", lastCol+"1", bold); err != nil {
		return err
	}
	if len(rows) > 0 {
		wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
		if err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, "A2", lastCol+strconv.Itoa(len(rows)+1), wrap); err != nil {
			return err
		}
	}
	// Keep the header in view while scrolling a long year.
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}
