package export

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// utf8BOM starts the CSV so that Excel, which coordinators open it in,
// reads it as UTF-8 instead of mangling the Chinese.
const utf8BOM = "\uFEFF"

// workloadColumns heads both workload exports: the Chinese a coordinator
// reads, with the English name after it.
var workloadColumns = []string{
	"年度 year", "辖区 jurisdiction", "计划 plan", "序号 task", "部分 section", "任务 text", "角色 role", "合作单位 partners",
	"完成时限 deadline", "到期 due", "责任领导 leaders",
}

// WriteCSV writes a workload as one CSV table, a row per task, newest year
// first, preceded by a UTF-8 byte order mark.
func WriteCSV(w io.Writer, wl Workload) error {
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(workloadColumns); err != nil {
		return err
	}
	for _, y := range wl.Years {
		for _, r := range y.Rows {
			record := []string{
				strconv.Itoa(y.Year), r.Jurisdiction, r.Plan, strconv.Itoa(r.Number),
				r.Section, r.Text, roleName(r.Role), partnersText(r.Partners),
				r.Deadline, r.Due, strings.Join(r.Leaders, "、"),
			}
			if err := cw.Write(record); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
