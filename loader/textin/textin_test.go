package textin_test

import (
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/dutygraph/dutygraph/loader/textin"
)

func lines(t *testing.T, in []byte) []textin.Line {
	t.Helper()
	text, err := textin.Decode(in)
	require.NoError(t, err)
	return text.Lines
}

func utf16Bytes(s string, bigEndian bool) []byte {
	var b []byte
	if bigEndian {
		b = []byte{0xFE, 0xFF}
	} else {
		b = []byte{0xFF, 0xFE}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return b
}

func TestEncodings(t *testing.T) {
	const s = "一、扩大内需\n1.任务(市发改委主办)\n"
	want := []textin.Line{{Num: 1, Text: "一、扩大内需"}, {Num: 2, Text: "1.任务(市发改委主办)"}}
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(s)
	require.NoError(t, err)
	tests := []struct {
		name, encoding string
		in             []byte
	}{
		{"UTF-8", "UTF-8", []byte(s)},
		{"UTF-8 with BOM", "UTF-8", append([]byte{0xEF, 0xBB, 0xBF}, s...)},
		{"GB18030", "GB18030", []byte(gb)},
		{"UTF-16LE", "UTF-16LE", utf16Bytes(s, false)},
		{"UTF-16BE", "UTF-16BE", utf16Bytes(s, true)},
		{"CRLF", "UTF-8", []byte(strings.ReplaceAll(s, "\n", "\r\n"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, err := textin.Decode(tt.in)
			require.NoError(t, err)
			require.Equal(t, tt.encoding, text.Encoding)
			require.Equal(t, textin.FormatText, text.Format)
			require.Equal(t, want, text.Lines)
		})
	}
}

// TestDamagedUTF8: a stray invalid byte in UTF-8 text is replaced, and the
// text is not misread as GB18030.
func TestDamagedUTF8(t *testing.T) {
	in := []byte(strings.Repeat("一、扩大内需\n", 20) + "1.任务\xff(市发改委主办)\n")
	text, err := textin.Decode(in)
	require.NoError(t, err)
	require.Equal(t, "UTF-8", text.Encoding)
	require.Equal(t, "1.任务\uFFFD(市发改委主办)", text.Lines[20].Text)
}

func TestLineBreaks(t *testing.T) {
	got := lines(t, []byte("a\r\nb\rc\u2028d\ne"))
	require.Equal(t, []textin.Line{{1, "a"}, {2, "b"}, {3, "c"}, {4, "d"}, {5, "e"}}, got)
}

func TestNormalizeLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"１．任务", "1．任务"},
		{"ＡＩ＋增长５％", "AI＋增长5%"},
		{"\u3000\u30001.任务\u3000", "1.任务"},
		{"市发改委\u200b主办", "市发改委主办"},
		{"a\u00a0b", "a b"},
		{"（市发改委主办，市财政局协办）", "（市发改委主办，市财政局协办）"},
		{"  plain  ", "plain"},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, textin.NormalizeLine(tt.in), tt.in)
	}
}

func TestUnreadable(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		is   error
		msg  string
	}{
		{"nothing", nil, textin.ErrEmpty, "empty file"},
		{"white space", []byte("\n \t\r\n"), textin.ErrEmpty, "empty file"},
		{"BOM only", []byte{0xEF, 0xBB, 0xBF, '\n'}, textin.ErrEmpty, "empty file"},
		{"HTML without text", []byte("<html><body><script>x()</script></body></html>"), textin.ErrEmpty, "empty file (HTML page without text)"},
		{"NUL", []byte("ab\x00cd"), textin.ErrBinary, "binary file, not text (NUL bytes)"},
		{"controls", []byte("\x01\x02\x03\x04abc"), textin.ErrBinary, "binary file, not text (control characters)"},
		{"docx", []byte("PK\x03\x04rest"), textin.ErrBinary, "binary file, not text (ZIP archive or Office document (.docx/.xlsx))"},
		{"PDF", []byte("%PDF-1.4"), textin.ErrBinary, "binary file, not text (PDF document)"},
		{"not GB18030 either", []byte{0x81, 0x20, 0x81, 0x20, 0x81, 0x20, 0xFF, 0xFF}, textin.ErrBinary, "binary file, not text (neither UTF-8 nor GB18030 text)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := textin.Decode(tt.in)
			require.ErrorIs(t, err, tt.is)
			require.EqualError(t, err, tt.msg)
		})
	}
}

func TestHTML(t *testing.T) {
	tests := []struct {
		name string
		page string
		want []textin.Line
	}{
		{
			name: "paragraphs, breaks, entities, skipped elements, source lines",
			page: "<!DOCTYPE html>\n<html><head><title>t</title>\n<script>var a='1.任务';</script></head>\n<body>\n<h1>关于印发方案的通知</h1>\n<p>一、扩大&amp;内需</p><p>1.推进消费升级,\n打造集聚区。<br/>(市商务局主办)</p>\n<!-- 注释 -->\n<div>Hello\n  world</div>\n</body></html>",
			want: []textin.Line{{5, "关于印发方案的通知"}, {6, "一、扩大&内需"}, {6, "1.推进消费升级,打造集聚区。"}, {7, "(市商务局主办)"}, {9, "Hello world"}},
		},
		{
			name: "a data table becomes pipe rows",
			page: "<html><body>\n<table>\n<tr><th>序号</th><th>任务</th><th>牵头单位</th></tr>\n<tr><td>1</td><td><p>推进消费</p></td><td>市商务局<br>市发改委</td></tr>\n</table>\n<p>结束</p></body></html>",
			want: []textin.Line{{3, "| 序号 | 任务 | 牵头单位 |"}, {4, "| 1 | 推进消费 | 市商务局 市发改委 |"}, {6, "结束"}},
		},
		{
			name: "a layout table is read as blocks",
			page: "<html><body><table><tr><td>\n<p>一、扩大内需</p>\n<p>1.任务。(市发改委主办)</p>\n</td></tr></table></body></html>",
			want: []textin.Line{{2, "一、扩大内需"}, {3, "1.任务。(市发改委主办)"}},
		},
		{
			name: "a nested table makes the outer one layout",
			page: "<html><body><table><tr><td>导航</td><td>\n<table><tr><td>发布机构:</td><td>南京市人民政府</td></tr></table>\n<p>正文</p></td></tr></table></body></html>",
			want: []textin.Line{{1, "导航"}, {2, "| 发布机构: | 南京市人民政府 |"}, {3, "正文"}},
		},
		{
			name: "a cell spanning rows is repeated in each, one spanning columns is followed by empty cells",
			page: "<html><body><table>\n<tr><td colspan=\"3\">分解表</td></tr>\n<tr><th rowspan=\"2\">序号</th><th colspan=\"2\">责任单位</th></tr>\n<tr><th>牵头</th><th>配合</th></tr>\n<tr><td>1</td><td rowspan=\"3\">市商务局</td><td>市发改委</td></tr>\n<tr><td>2</td><td></td></tr>\n<tr><td>3</td><td>市财政局</td></tr>\n</table></body></html>",
			want: []textin.Line{{2, "| 分解表 |  |  |"}, {3, "| 序号 | 责任单位 |  |"}, {4, "| 序号 | 牵头 | 配合 |"}, {5, "| 1 | 市商务局 | 市发改委 |"}, {6, "| 2 | 市商务局 |  |"}, {7, "| 3 | 市商务局 | 市财政局 |"}},
		},
		{
			name: "a span at a row's end, and a span ending before the table does",
			page: "<html><body><table>\n<tr><td>1</td><td>甲</td><td rowspan=\"2\">张三</td></tr>\n<tr><td>2</td><td>乙</td></tr>\n<tr><td>3</td><td>丙</td><td>李四</td></tr>\n</table></body></html>",
			want: []textin.Line{{2, "| 1 | 甲 | 张三 |"}, {3, "| 2 | 乙 | 张三 |"}, {4, "| 3 | 丙 | 李四 |"}},
		},
		{
			name: "line breaks and paragraphs in cells keep a table a data table",
			page: "<html><body><table>\n<tr><td>序号</td><td>牵头单位</td></tr>\n<tr><td>1</td><td>市商务局<br>市发改委<br>市财政局<br/>市科技局</td></tr>\n<tr><td>2</td><td><p>推进</p><p>消费</p></td></tr>\n</table></body></html>",
			want: []textin.Line{{2, "| 序号 | 牵头单位 |"}, {3, "| 1 | 市商务局 市发改委 市财政局 市科技局 |"}, {4, "| 2 | 推进 消费 |"}},
		},
		{
			name: "a row of a navigation cell beside an article is layout",
			page: "<html><body><table><tr><td>导航</td><td>\n<p>一、扩大内需</p>\n<p>1.任务。(市发改委主办)</p>\n</td></tr></table></body></html>",
			want: []textin.Line{{1, "导航"}, {2, "一、扩大内需"}, {3, "1.任务。(市发改委主办)"}},
		},
		{
			name: "a row leaving out its last cells has them empty",
			page: "<html><body><table>\n<tr><td>序号</td><td>牵头单位</td><td>完成时限</td></tr>\n<tr><td>1</td><td>市商务局</td></tr>\n<tr><td>2</td><td>市财政局</td><td>年底</td></tr>\n</body></html>",
			want: []textin.Line{{2, "| 序号 | 牵头单位 | 完成时限 |"}, {3, "| 1 | 市商务局 |  |"}, {4, "| 2 | 市财政局 | 年底 |"}},
		},
		{
			name: "pre keeps its lines",
			page: "<html><body><pre>1.任务甲\n2.任务乙</pre></body></html>",
			want: []textin.Line{{1, "1.任务甲"}, {2, "2.任务乙"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, err := textin.Decode([]byte(tt.page))
			require.NoError(t, err)
			require.Equal(t, textin.FormatHTML, text.Format)
			require.Equal(t, tt.want, text.Lines)
		})
	}
}

func TestHTMLInGB18030(t *testing.T) {
	page, err := simplifiedchinese.GBK.NewEncoder().String(`<html><head><meta charset="gbk"></head><body><p>一、扩大内需</p></body></html>`)
	require.NoError(t, err)
	text, err := textin.Decode([]byte(page))
	require.NoError(t, err)
	require.Equal(t, "GB18030", text.Encoding)
	require.Equal(t, []textin.Line{{1, "一、扩大内需"}}, text.Lines)
}

func TestTextIsNotHTML(t *testing.T) {
	text, err := textin.Decode([]byte("<<南京>>发展\n1.任务"))
	require.NoError(t, err)
	require.Equal(t, textin.FormatText, text.Format)
}
