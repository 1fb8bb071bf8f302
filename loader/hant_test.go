package loader_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/loader"
)

// TestTraditionalPlan: a plan republished in traditional characters (as
// legal databases and Taiwanese or Hong Kong mirrors do) is read as its
// simplified original, units and all, on the lines the file has.
func TestTraditionalPlan(t *testing.T) {
	const plan = "南京市人民政府關於印發2026年市政府主要工作目標任務分解落實方案的通知\n" +
		"寧政發〔2026〕16號\n" +
		"\n" +
		"一、推動經濟持續回升向好\n" +
		"1.擴大有效投資，加快重大項目建設進度。（牽頭單位：市發展和改革委員會；配合單位：市財政局）\n" +
		"2.辦好系列消費促進活動，穩住汽車、家電等重點領域消費。（市商務局主辦，市財政局、市農業農村局協辦）\n" +
		"二、加強民生保障\n" +
		"3.完善養老服務體系，擴大居家社區養老服務覆蓋面。（市民政局主辦，市衞生健康委員會協辦）\n"
	doc, err := loader.Parse(strings.NewReader(plan), "traditional.txt", loadRegistry(t))
	require.NoError(t, err)
	require.Equal(t, 2026, doc.Year)
	require.Equal(t, "南京市", doc.Jurisdiction)
	require.Contains(t, doc.Warnings, loader.Warning{Message: "text converted from traditional characters"},
		"a reader comparing the output with the page is told why the characters differ")
	type want struct {
		line         int
		text         string
		leads, coops []string
	}
	wants := []want{
		{5, "扩大有效投资，加快重大项目建设进度。", []string{"市发展和改革委员会"}, []string{"市财政局"}},
		{6, "办好系列消费促进活动，稳住汽车、家电等重点领域消费。", []string{"市商务局"}, []string{"市财政局", "市农业农村局"}},
		{8, "完善养老服务体系，扩大居家社区养老服务覆盖面。", []string{"市民政局"}, []string{"市卫生健康委员会"}},
	}
	var got []loader.Task
	for _, s := range doc.Sections {
		got = append(got, s.Tasks...)
	}
	require.Len(t, got, len(wants))
	for i, w := range wants {
		require.Equal(t, w.line, got[i].Line)
		require.Equal(t, w.text, got[i].Text)
		require.Equal(t, w.leads, unitNames(got[i].Leads))
		require.Equal(t, w.coops, unitNames(got[i].Cooperators))
		for _, u := range append(got[i].Leads, got[i].Cooperators...) {
			require.Equal(t, "南京市", u.Jurisdiction, u.Name)
		}
	}
}
