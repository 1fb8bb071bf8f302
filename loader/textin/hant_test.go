package textin_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/loader/textin"
)

// quoting is a simplified plan quoting names written in traditional
// characters (臺灣 美食節 會議 展覽): markers, but two in a hundred.
var quoting = "一、扩大内需\n" +
	"1.推进消费升级，办好“臺灣美食節”等系列活动，扩大服务消费。（市商务局主办，市财政局协办）\n" +
	"2.组团参加香港會議展覽中心的投资推介活动，乾坤未定，于是继续推进。（市投促局主办）\n" +
	strings.Repeat("3.加快重大项目建设，保持投资稳定增长，提高民间投资占比。（市发改委主办，市财政局协办）\n", 8)

// flattened is a long traditional plan scraped onto one line: past its
// first thousand Han characters it is read by sample.
var flattened = strings.Repeat("推進數字經濟發展（牽頭單位：市發展和改革委員會）", 80)

// longQuoting is a long simplified plan with a quoted traditional name
// every tenth line: one character in a hundred is a marker.
var longQuoting = strings.Repeat(strings.Repeat("1.加快重大项目建设，保持投资稳定增长。（市发改委主办，市财政局协办）\n", 9)+
	"2.办好“臺灣美食節”活动。（市商务局主办）\n", 40)

func numbered(s string) []textin.Line {
	var out []textin.Line
	for i, l := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		out = append(out, textin.Line{Num: i + 1, Text: l})
	}
	return out
}

func TestTraditional(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		converted bool
		want      []textin.Line
	}{
		{
			name:      "a plan in traditional characters, blank and Latin lines keeping their numbers",
			in:        "2026年重點工作任務分解\n\n一、擴大內需\r\nGDP增長5%\n1.推進消費升級。（牽頭單位：市發展和改革委員會；配合單位：市財政局）\n",
			converted: true,
			want: []textin.Line{
				{1, "2026年重点工作任务分解"}, {2, ""}, {3, "一、扩大内需"}, {4, "GDP增长5%"},
				{5, "1.推进消费升级。（牵头单位：市发展和改革委员会；配合单位：市财政局）"},
			},
		},
		{
			name:      "words converted as a whole: 乾坤 keeps 乾, 乾淨 does not, 計畫 is a plan",
			in:        "縣政府辦公室：扭轉乾坤，保持環境乾淨，落實計畫，後續瞭解情況並答覆。",
			converted: true,
			want:      []textin.Line{{1, "县政府办公室：扭转乾坤，保持环境干净，落实计划，后续了解情况并答复。"}},
		},
		{
			name:      "Taiwan's 著 is 着 but in the words that keep 著",
			in:        "著力推進，隨著改革深化，成效顯著、卓著，著名品牌，著作權保護。",
			converted: true,
			want:      []textin.Line{{1, "着力推进，随着改革深化，成效显著、卓著，著名品牌，著作权保护。"}},
		},
		{
			name:      "Hong Kong's 衞 and Taiwan's 臺 and 裡",
			in:        "市衞生健康委員會、臺灣事務辦公室在社區裡協辦。",
			converted: true,
			want:      []textin.Line{{1, "市卫生健康委员会、台湾事务办公室在社区里协办。"}},
		},
		{
			name: "a simplified plan quoting traditional names, six characters in some 340, stays as written",
			in:   quoting,
			want: numbered(quoting),
		},
		{
			name:      "a mirror's pinyin glosses are dropped, other brackets kept",
			in:        "各縣(市、區(qū))人民政府，鹽城經濟技術開發(fā)區(qū)管委會，市發展改革委(a)，市財政局(GDP)：",
			converted: true,
			want:      []textin.Line{{1, "各县(市、区)人民政府，盐城经济技术开发区管委会，市发展改革委(a)，市财政局(GDP)："}},
		},
		{
			name:      "a long plan flattened onto one line",
			in:        flattened,
			converted: true,
			want:      []textin.Line{{1, strings.Repeat("推进数字经济发展（牵头单位：市发展和改革委员会）", 80)}},
		},
		{
			name: "a long simplified plan quoting a traditional name every tenth line stays as written",
			in:   longQuoting,
			want: numbered(longQuoting),
		},
		{
			name: "a short note with fewer than five traditional characters stays as written",
			in:   "關於會議",
			want: []textin.Line{{1, "關於會議"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, err := textin.Decode([]byte(tt.in))
			require.NoError(t, err)
			require.Equal(t, tt.converted, text.ConvertedFromTraditional)
			require.Equal(t, tt.want, text.Lines)
		})
	}
}

// TestTraditionalHTML: a page's text is converted after its tables become
// pipe rows, each on the line its row starts on in the page.
func TestTraditionalHTML(t *testing.T) {
	page := "<html><body>\n<h1>重點工作任務分解表</h1>\n<table>\n<tr><th>序號</th><th>工作任務</th><th>牽頭單位</th><th>責任單位</th></tr>\n" +
		"<tr><td>1</td><td>推進數字經濟發展</td><td>市發展改革委</td><td>市工業和信息化局</td></tr>\n</table></body></html>"
	text, err := textin.Decode([]byte(page))
	require.NoError(t, err)
	require.True(t, text.ConvertedFromTraditional)
	require.Equal(t, []textin.Line{
		{2, "重点工作任务分解表"},
		{4, "| 序号 | 工作任务 | 牵头单位 | 责任单位 |"},
		{5, "| 1 | 推进数字经济发展 | 市发展改革委 | 市工业和信息化局 |"},
	}, text.Lines)
}

// FuzzTraditional: whatever UTF-8 text follows a traditional opening,
// conversion keeps the text valid UTF-8 and every line where the file has
// it. (Invalid bytes would make the file GB18030, another test's matter.)
func FuzzTraditional(f *testing.F) {
	const opening = "縣政府關於印發重點工作任務分解的通知\n牽頭單位：市發展和改革委員會；配合單位：市財政局\n"
	f.Add("開發(fā)區(qū)管委會\n乾坤(")
	f.Add("\r\n(ǖ)後裡\u2028")
	f.Fuzz(func(t *testing.T, rest string) {
		if !utf8.ValidString(rest) {
			return
		}
		in := opening + rest
		text, err := textin.Decode([]byte(in))
		if err != nil {
			return
		}
		require.True(t, text.ConvertedFromTraditional)
		require.Equal(t, "县政府关于印发重点工作任务分解的通知", text.Lines[0].Text)
		for i, l := range text.Lines {
			require.True(t, utf8.ValidString(l.Text), l.Text)
			require.Equal(t, i+1, l.Num)
		}
	})
}
