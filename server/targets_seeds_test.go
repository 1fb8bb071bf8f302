package server_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/resolvers/apitest"
)

// seedTarget is a target as the tests below compare it: where it is set
// and what it says, in one line.
type seedTarget struct {
	Year         int
	DocumentID   string
	Task         *struct{ Number int }
	Metric       string
	Measure      string
	Value        *float64
	Unit         string
	Comparator   string
	Aspirational bool
	Text         string
}

func (g seedTarget) String() string {
	where := g.DocumentID
	if g.Task != nil {
		where += fmt.Sprintf(" task %d", g.Task.Number)
	}
	value := "-"
	if g.Value != nil {
		value = fmt.Sprint(*g.Value)
	}
	strive := ""
	if g.Aspirational {
		strive = " 力争"
	}
	return fmt.Sprintf("%s: %s %s %s%s%s%s", where, g.Metric, g.Measure, g.Comparator, value, g.Unit, strive)
}

func seedTargets(t *testing.T, url, args string) []string {
	t.Helper()
	got := apitest.Query[struct{ Targets []seedTarget }](t, url,
		`{ targets(`+args+`) { year documentId task { number } metric measure value unit comparator aspirational text } }`, nil)
	out := make([]string, len(got.Targets))
	for i, g := range got.Targets {
		out[i] = g.String()
	}
	return out
}

// TestSeedsGDPGrowthTarget: Nanjing's GDP growth target went from 7% in
// the 2021 plan (task 2, 地区生产总值增长7%) to 5%以上 in the 2024 report and
// in the 2026 plan (task 1, 地区生产总值增长5%以上).
func TestSeedsGDPGrowthTarget(t *testing.T) {
	url := seedServer(t)
	require.Equal(t, []string{
		"plan:南京市:2021 task 2: 地区生产总值 GROWTH =7%",
		"report:南京市:2024: 地区生产总值 GROWTH ≥5%",
		"plan:南京市:2026 task 1: 地区生产总值 GROWTH ≥5%",
	}, seedTargets(t, url, `metric: "地区生产总值", measure: GROWTH, jurisdiction: "南京市"`))
	require.Equal(t, []string{
		"plan:南京市/鼓楼区:2025 task 1: 地区生产总值 GROWTH ≥5%",
		"plan:南京市/鼓楼区:2026 task 1: 地区生产总值 GROWTH ≥5%",
	}, seedTargets(t, url, `metric: "地区生产总值", jurisdiction: "鼓楼区"`))
}

// TestSeedsOtherHeadlineTargetsMove follows the other headline metrics the
// plans share with the report.
func TestSeedsOtherHeadlineTargetsMove(t *testing.T) {
	url := seedServer(t)
	require.Equal(t, []string{
		"plan:南京市:2021 task 3: 一般公共预算收入 GROWTH =5%",
		"report:南京市:2024: 一般公共预算收入 GROWTH ≈2%",
		"plan:南京市:2026 task 1: 一般公共预算收入 GROWTH ≈1%",
		"plan:南京市/鼓楼区:2025 task 1: 一般公共预算收入 GROWTH >0% 力争",
		"plan:南京市/鼓楼区:2026 task 1: 一般公共预算收入 GROWTH >0%",
	}, seedTargets(t, url, `metric: "一般公共预算收入"`))
	require.Equal(t, []string{
		"plan:南京市:2021 task 4: 社会消费品零售总额 GROWTH =8%",
		"report:南京市:2024: 社会消费品零售总额 GROWTH ≈5.5%",
		"plan:南京市:2026 task 2: 社会消费品零售总额 GROWTH ≈4.5%",
		"plan:南京市/鼓楼区:2025 task 2: 社会消费品零售总额 GROWTH ≥5%",
		"plan:南京市/鼓楼区:2026 task 2: 社会消费品零售总额 GROWTH =3%",
	}, seedTargets(t, url, `metric: "社会消费品零售总额"`))
	require.Equal(t, []string{
		"plan:南京市:2026 task 4: 新增首店 COUNT =300家",
		"plan:南京市/鼓楼区:2025 task 6: 新引进首店 COUNT ≥50家",
		"plan:南京市/鼓楼区:2026 task 27: 新引进品牌首店 COUNT =100家",
	}, seedTargets(t, url, `metricContains: "首店"`))
}

// TestSeedsReportHeadlineTargets pins every clause of the 2024 report's
// 主要预期目标是：… sentence, the qualitative ones included.
func TestSeedsReportHeadlineTargets(t *testing.T) {
	url := seedServer(t)
	got := apitest.Query[struct {
		Reports []struct {
			ID      string
			Loaded  bool
			Targets []seedTarget
		}
	}](t, url, `{ reports { id loaded targets { year documentId task { number } metric measure value unit comparator aspirational text } } }`, nil)
	var headline []string
	for _, r := range got.Reports {
		if r.ID != "report:南京市:2024" {
			require.Empty(t, r.Targets, "%s has no loaded headline sentence", r.ID)
			continue
		}
		require.True(t, r.Loaded)
		for _, g := range r.Targets {
			headline = append(headline, g.String()+" | "+g.Text)
		}
	}
	require.Equal(t, []string{
		"report:南京市:2024: 地区生产总值 GROWTH ≥5% | 地区生产总值增长5%以上",
		"report:南京市:2024: 一般公共预算收入 GROWTH ≈2% | 一般公共预算收入增长2%左右",
		"report:南京市:2024: 固定资产投资 GROWTH ≥3% 力争 | 固定资产投资保持稳定增长、力争达到3%",
		"report:南京市:2024: 社会消费品零售总额 GROWTH ≈5.5% | 社会消费品零售总额增长5.5%左右",
		"report:南京市:2024: 外贸进出口总额 GROWTH >0% 力争 | 外贸进出口总额力争正增长、保持全省前列",
		"report:南京市:2024: 实际使用外资 QUALITATIVE - | 实际使用外资稳中提质、保持全省前列",
		"report:南京市:2024: 居民人均可支配收入 QUALITATIVE - | 居民人均可支配收入增长与经济增长基本同步",
		"report:南京市:2024: 空气质量、水环境质量、粮食综合生产能力 QUALITATIVE - | 空气质量、水环境质量、粮食综合生产能力完成省定任务",
	}, headline)
}

// TestSeedsTargetCounts pins how many targets each seed's tasks set, by
// measure, so that a change to the extraction rules shows here as well as
// in the loader's goldens.
func TestSeedsTargetCounts(t *testing.T) {
	url := seedServer(t)
	got := apitest.Query[struct {
		Targets []struct {
			DocumentID string
			Measure    string
		}
	}](t, url, `{ targets { documentId measure } }`, nil)
	counts := map[string]map[string]int{}
	for _, g := range got.Targets {
		if counts[g.DocumentID] == nil {
			counts[g.DocumentID] = map[string]int{}
		}
		counts[g.DocumentID][g.Measure]++
	}
	require.Equal(t, map[string]map[string]int{
		"plan:南京市:2021":     {"COUNT": 64, "GROWTH": 11, "LEVEL": 17, "REDUCTION": 1},
		"report:南京市:2024":   {"GROWTH": 5, "QUALITATIVE": 3},
		"plan:南京市:2026":     {"COUNT": 39, "GROWTH": 3, "LEVEL": 15},
		"plan:南京市/鼓楼区:2025": {"COUNT": 28, "GROWTH": 11, "LEVEL": 9, "REDUCTION": 2},
		"plan:南京市/鼓楼区:2026": {"COUNT": 25, "GROWTH": 12, "LEVEL": 7},
	}, counts)
}
