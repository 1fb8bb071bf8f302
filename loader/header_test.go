package loader_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/loader"
)

// planBody is a plan's body for the header tests: one section, two tasks.
const planBody = `一、稳定经济增长
1.推进重大项目建设。(发展改革委牵头,财政局配合)
2.扩大有效投资。(财政局牵头)
`

// metaView is what a reader checks of a document's metadata.
type metaView struct {
	Title, Issuer, Jurisdiction, DocNumber, Date string
	Year                                         int
}

func metaOf(doc *loader.Document) metaView {
	return metaView{doc.Title, doc.Issuer, doc.Jurisdiction, doc.DocNumber, doc.Date, doc.Year}
}

func TestHeaderMetaRows(t *testing.T) {
	for _, tc := range []struct {
		name, header string
		want         metaView
	}{
		{"pipe rows with 发文机关", "| 发文机关: | 南京市人民政府 | 成文日期: | 2021-02-04 |\n| 标题: | 关于印发重点工作任务分工方案的通知 |\n| 发文字号: | 宁政发〔2021〕16号 |\n",
			metaView{"关于印发重点工作任务分工方案的通知", "南京市人民政府", "南京市", "宁政发〔2021〕16号", "2021-02-04", 2021}},
		{"pipe cells without colons", "| 发布机构 | 南京市人民政府 | 文号 | 宁政发〔2021〕16号 |\n",
			metaView{"", "南京市人民政府", "南京市", "宁政发〔2021〕16号", "", 2021}},
		{"pipe cells holding label and value", "| 发布机构：南京市人民政府 | 文号：宁政发〔2022〕3号 |\n",
			metaView{"", "南京市人民政府", "南京市", "宁政发〔2022〕3号", "", 2022}},
		{"制定机关 line", "制定机关：广东省人民政府\n成文日期：2021年3月21日\n",
			metaView{"", "广东省人民政府", "广东省", "", "2021-03-21", 2021}},
		{"成文机关 and 发文字号 lines", "成文机关: 河南省人民政府\n发文字号: 豫政〔2023〕5号\n",
			metaView{"", "河南省人民政府", "河南省", "豫政〔2023〕5号", "", 2023}},
		{"legal database brackets", "【发布部门】广东省人民政府 【发文字号】粤府〔2021〕22号\n【时效性】现行有效\n【发布日期】2021.03.21\n",
			metaView{"", "广东省人民政府", "广东省", "粤府〔2021〕22号", "2021-03-21", 2021}},
		{"legal database, one label a line", "【法规标题】广东省人民政府关于印发重点任务分工方案的通知\n【发布部门】广东省人民政府\n【发文字号】粤府〔2021〕22号\n【批准部门】\n【发布日期】2021.03.21\n【实施日期】2021.03.21\n【时效性】现行有效\n【效力级别】地方规范性文件\n",
			metaView{"广东省人民政府关于印发重点任务分工方案的通知", "广东省人民政府", "广东省", "粤府〔2021〕22号", "2021-03-21", 2021}},
		{"legal database spaced label", "【字 号】粤府〔2020〕9号\n【制定机关】广东省人民政府\n",
			metaView{"", "广东省人民政府", "广东省", "粤府〔2020〕9号", "", 2020}},
		{"索 引 号 and several labels on one line", "索 引 号：000014349/2025-06663\n发布时间：2025-02-07 来源：南京日报 浏览次数：\n发布机构：玄武区人民政府\n",
			metaView{"", "玄武区人民政府", "南京市/玄武区", "", "2025-02-07", 2025}},
		{"labels with spaces before the colon", "时间 : 2021-05-14 22:01:43 来源 : 本网原创稿\n发布机构 : 广东省人民政府\n",
			metaView{"", "广东省人民政府", "广东省", "", "2021-05-14", 2021}},
		{"bulleted list, 来源 naming a government", "  • 2021-03-05\n  • 来源: 广东省人民政府办公厅\n  • 分享到\n",
			metaView{"", "广东省人民政府办公厅", "广东省", "", "2021-03-05", 2021}},
		{"bulleted labels", "  • 发布日期:2022-12-14\n  • 浏览次数:\n",
			metaView{"", "", loader.UnknownJurisdiction, "", "2022-12-14", 2023}},
		{"bulleted labels, values on the next lines", "  • 索引号:\n    6107280000/2024-001005\n  • 来源:\n  • 发文机构:\n    测试县人民政府\n  • 发文字号:\n    测政发〔2024〕7号\n  • 发文日期:\n    2024年04月06日 16:40\n",
			metaView{"", "测试县人民政府", "测试县", "测政发〔2024〕7号", "2024-04-06", 2024}},
		{"an office in brackets, a 字号 font switch before the number", "来源:测试县政府门户网 日期:2023-01-30 08:56 字号:【\n发布机构: 测试县人民政府(办公室) 主题分类: 综合政务\n名称: 测试县人民政府关于分解落实政府工作报告目标任务的通知 文号: 测政〔2023〕1号\n",
			metaView{"测试县人民政府关于分解落实政府工作报告目标任务的通知", "测试县人民政府办公室", "测试县", "测政〔2023〕1号", "2023-01-30", 2023}},
		{"a source followed by the time posted", "来源:测试县政府   2021-03-23 10:56\n",
			metaView{"", "测试县政府", "测试县", "", "2021-03-23", 2021}},
		{"labels spaced out to align, several a line", "索引号 : K26422872/2023-08370 文       号 : 测政办发〔2024〕1号\n主题分类: 政务督查 发文单位: 测试县人民政府办公室\n名       称: 县人民政府办公室关于印发2024年重点工作责任分解方案的通知 发布日期: 2024年03月18日\n有效性: 有效 发文日期: 2024年02月22日\n",
			metaView{"县人民政府办公室关于印发2024年重点工作责任分解方案的通知", "测试县人民政府办公室", "测试县", "测政办发〔2024〕1号", "2024-02-22", 2024}},
		{"the page's date before the labels", "2021-05-27 14:31:36 来源：南京日报\n发布机构：玄武区人民政府\n",
			metaView{"", "玄武区人民政府", "南京市/玄武区", "", "2021-05-27", 2021}},
		{"breadcrumbs before the labels", "首页 > 政务公开 发布时间：2022-03-01 来源：本网\n",
			metaView{"", "", loader.UnknownJurisdiction, "", "2022-03-01", 2022}},
		{"label and value on two lines", "发布机构：\n广东省人民政府\n文号：\n粤府〔2019〕1号\n",
			metaView{"", "广东省人民政府", "广东省", "粤府〔2019〕1号", "", 2019}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := parseString(t, tc.header+planBody)
			got := metaOf(doc)
			require.Equal(t, tc.want, got, warningsText(doc))
			require.Equal(t, 2, doc.TaskCount())
		})
	}
}

// TestIssuerFromWhatSitesAdd: the government is read through what sites
// and news reports set around a notice.
func TestIssuerFromWhatSitesAdd(t *testing.T) {
	for _, tc := range []struct {
		name, header, title, jurisdiction string
	}{
		{"the number before the title", "鲁政办字〔2015〕46号 山东省人民政府办公厅关于落实重点工作部门分工的意见\n",
			"山东省人民政府办公厅关于落实重点工作部门分工的意见", "山东省"},
		{"the number before the title, and no other", "鲁政办字〔2015〕46号 山东省人民政府办公厅关于落实重点工作部门分工的意见\n现将重点工作分工如下。\n",
			"山东省人民政府办公厅关于落实重点工作部门分工的意见", "山东省"},
		{"breadcrumbs before the title", "首页 > 政务公开 > 广东省人民政府关于2020年重点工作及责任分解的通知\n",
			"广东省人民政府关于2020年重点工作及责任分解的通知", "广东省"},
		{"a column in 【】 before the title", "【市政府重点工作】广东省人民政府关于2020年重点工作及责任分解的通知\n",
			"广东省人民政府关于2020年重点工作及责任分解的通知", "广东省"},
		{"the site's name after the title", "广东省人民政府关于2021年重点工作及责任分解的通知-某某网络平台\n",
			"广东省人民政府关于2021年重点工作及责任分解的通知", "广东省"},
		{"a news report", "日前,广东省人民政府办公厅印发《2023年重点工作目标任务分解》方案。\n", "", "广东省"},
		{"a portal's name", "重点工作部门分工的意见-广东省人民政府门户网站\n", "", "广东省"},
		{"a higher government the notice cites", "样例市人民政府关于2021年重点工作及责任分解的通知\n根据广东省人民政府印发的《实施意见》，现将任务分解如下。\n", "", "样例市"},
		{"来源 naming a 政府办", "发布日期:2024-04-02 15:35 点击量:10\n来源:测试市政府办\n", "", "测试市"},
		{"a party committee is not a government", "近日，市委市政府印发《2023年重点工作目标任务分解》。\n", "", loader.UnknownJurisdiction},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := parseString(t, tc.header+planBody)
			if tc.title != "" {
				require.Equal(t, tc.title, doc.Title)
			}
			require.Equal(t, tc.jurisdiction, doc.Jurisdiction, warningsText(doc))
			if strings.HasPrefix(tc.header, "鲁") {
				require.Equal(t, "鲁政办字〔2015〕46号", doc.DocNumber)
				require.Equal(t, 2015, doc.Year)
			}
		})
	}
}

func TestHeaderDocNumbers(t *testing.T) {
	for _, written := range []string{"鄂咸政发〔2013〕5号", "鄂咸政发[2013]5号", "鄂咸政发（2013）5号", "鄂咸政发〔2013]5号", "鄂咸政发 [ 2013 ] 5 号", "鄂咸政发【2013】5号"} {
		t.Run(written, func(t *testing.T) {
			doc := parseString(t, "咸安区人民政府关于印发重点工作任务分工方案的通知\n"+written+"\n"+planBody)
			require.Equal(t, "鄂咸政发〔2013〕5号", doc.DocNumber)
			require.Equal(t, 2013, doc.Year)
		})
	}
}

func TestHeaderDates(t *testing.T) {
	for _, tc := range []struct{ written, want string }{
		{"2013年2月25日", "2013-02-25"},
		{"2013 年 2 月 25 日", "2013-02-25"},
		{"二〇一三年二月二十五日", "2013-02-25"},
		{"二○一三年十二月三十一日", "2013-12-31"},
		{"发布时间：2025-02-07", "2025-02-07"},
		{"发布时间:2025/2/7", "2025-02-07"},
		{"时间:2025/2/7 10:31", "2025-02-07"},
		{"日期：13.03.2015", "2015-03-13"},
		{"日期：2015.03.13", "2015-03-13"},
		{"成文日期：2015年3月13日", "2015-03-13"},
		{"2025-02-07 10:31:05", "2025-02-07"},
		{"（2013年2月25日）", "2013-02-25"},
		{"咸安区人民政府办公室 2013年2月25日印发", "2013-02-25"},
		{"13.03.2015  07:51", "2015-03-13"},
	} {
		t.Run(tc.written, func(t *testing.T) {
			doc := parseString(t, "咸安区人民政府关于印发重点工作任务分工方案的通知\n"+tc.written+"\n"+planBody)
			require.Equal(t, tc.want, doc.Date, warningsText(doc))
		})
	}
}

func TestHeaderTitles(t *testing.T) {
	for _, tc := range []struct {
		name, header, title string
		year                int
	}{
		{"office's notice", "咸安区人民政府办公室关于印发2023年政府工作报告重点工作任务分工方案的通知\n",
			"咸安区人民政府办公室关于印发2023年政府工作报告重点工作任务分工方案的通知", 2023},
		{"province office", "广东省人民政府办公厅关于印发2022年省政府工作报告重点任务分工方案的通知\n",
			"广东省人民政府办公厅关于印发2022年省政府工作报告重点任务分工方案的通知", 2022},
		{"over three lines", "广东省人民政府关于印发2021年\n省《政府工作报告》重点任务\n分工方案的通知\n粤府〔2021〕22号\n",
			"广东省人民政府关于印发2021年省《政府工作报告》重点任务分工方案的通知", 2021},
		{"issuer on the line above", "河南省人民政府\n关于明确政府工作报告提出的2023年重点工作责任单位的通知\n",
			"河南省人民政府关于明确政府工作报告提出的2023年重点工作责任单位的通知", 2023},
		{"in 《》 alone", "《2019年县政府工作报告重点工作任务分工方案》\n", "2019年县政府工作报告重点工作任务分工方案", 2019},
		{"heading ending 分解", "2023年区政府工作报告重点工作目标任务分解\n", "2023年区政府工作报告重点工作目标任务分解", 2023},
		{"heading with the place first", "咸安区2024年重点工作任务分工方案\n", "咸安区2024年重点工作任务分工方案", 2024},
		{"a table's heading", "2024年4月省政府民生实事项目进展情况汇总表\n", "2024年4月省政府民生实事项目进展情况汇总表", 2024},
		{"a heading with a note in brackets", "2022年度市县民生实事未完成项目进度表(截至10月31日)\n", "2022年度市县民生实事未完成项目进度表", 2022},
		{"a heading with its number in brackets", "2021年县政府重点工作任务(华政发〔2021〕2号)\n", "", 2021},
		{"a numbered heading", "2.2025年十五件民盼实事任务分解\n", "2025年十五件民盼实事任务分解", 2025},
		{"a title whose 《》 closes on the next line", "鞍山市人民政府关于印发《2023年市〈政府工作报告〉任务分解\n和责任分工方案》的通知\n",
			"鞍山市人民政府关于印发《2023年市〈政府工作报告〉任务分解和责任分工方案》的通知", 2023},
		{"a plan's name without a year", "支持四县小康攻坚重点工作责任分工方案\n鄂咸政发〔2017〕12号\n", "支持四县小康攻坚重点工作责任分工方案", 2017},
		{"an attachment's file name", "2021年重大民生实事项目目标任务责任分解表.docx\n", "2021年重大民生实事项目目标任务责任分解表", 2021},
		{"traditional characters, converted", "浙江省人民政府辦公廳關於印發2024年政府工作報告重點工作責任分解的通知\n", "浙江省人民政府办公厅关于印发2024年政府工作报告重点工作责任分解的通知", 2024},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := parseString(t, tc.header+planBody)
			require.Equal(t, tc.title, doc.Title, warningsText(doc))
			require.Equal(t, tc.year, doc.Year)
			require.NotContains(t, warningsText(doc), "no year found")
		})
	}
}

func TestHeaderSessions(t *testing.T) {
	for _, tc := range []struct{ written, session string }{
		{"第十六届人大四次会议", "第十六届人大四次会议"},
		{"十六届人大四次会议", "十六届人大四次会议"},
		{"市十五届人大三次会议", "市十五届人大三次会议"},
		{"第十六届人民代表大会第四次会议", "第十六届人民代表大会第四次会议"},
		{"县第十八届人民代表大会第三次会议", "县第十八届人民代表大会第三次会议"},
		{"自治区十四届人大二次会议", "自治区十四届人大二次会议"},
	} {
		t.Run(tc.written, func(t *testing.T) {
			doc := parseString(t, "咸安区人民政府关于印发2023年重点工作任务分工方案的通知\n"+tc.written+"审议通过的《政府工作报告》，明确了全年目标。\n"+planBody)
			require.NotNil(t, doc.ImplementsReport)
			require.Equal(t, tc.session, doc.ImplementsReport.Session)
			require.Equal(t, 2023, doc.ImplementsReport.Year)
		})
	}
}

// TestPlanYear: the year of a plan is the year its tasks are for, read from
// what says so most directly.
func TestPlanYear(t *testing.T) {
	const notice = "咸安区人民政府关于印发重点工作任务分工方案的通知\n"
	for _, tc := range []struct {
		name, header string
		year         int
		warning      string
	}{
		{"the title beats a heading of another page", "2023年市政府工作报告重点工作分解\n咸安区人民政府关于印发2024年政府工作报告重点工作分工方案的通知\n", 2024, ""},
		{"title beats a December date", "咸安区人民政府关于印发2024年政府工作报告重点工作分工方案的通知\n咸安区人民政府\n2023年12月28日\n", 2024, ""},
		{"heading beats the document number", notice + "鄂咸政发〔2023〕1号\n2024年区政府工作报告重点工作目标任务分解\n", 2024, ""},
		{"the notice names the year", notice + "现将《政府工作报告》所列2023年重点工作任务进行分解，请认真落实。\n咸安区人民政府\n2023年2月25日\n", 2023, "taken from the notice"},
		{"the notice's review year is not the work's", notice + "回顾2022年工作回顾，成绩来之不易。\n咸安区人民政府\n2023年2月25日\n", 2023, "its date 2023-02-25"},
		{"the year a notice sums up is not the work's", notice + "在总结2023年工作的基础上，现将任务分解如下。\n咸安区人民政府\n2023年12月28日\n", 2024, "for the next"},
		{"a session early in the year, dated after it", notice + "区十六届人大四次会议审议通过了《政府工作报告》。\n咸安区人民政府\n2023年3月2日\n", 2023, "its date 2023-03-02"},
		{"dated in December", notice + "咸安区人民政府\n2023年12月28日\n", 2024, "a plan issued at the end of a year is for the next"},
		{"dated in November speaking of 明年", notice + "为做好明年各项工作，现将任务分解如下。\n咸安区人民政府\n2023年11月20日\n", 2024, "for the next"},
		{"dated in November without 明年", notice + "咸安区人民政府\n2023年11月20日\n", 2023, "its date"},
		{"document number only", notice + "鄂咸政发〔2019〕7号\n", 2019, "document number"},
		{"document number and 明年", notice + "鄂咸政发〔2019〕7号\n明年工作任务分解如下。\n", 2020, "明年"},
		{"signed date beats the site's", "发布时间：2024-05-01\n" + notice + "咸安区人民政府\n2024年2月1日\n", 2024, "its date 2024-02-01"},
		{"document number beats the site's date", "发布时间：2026-05-01\n" + notice + "鄂咸政发〔2024〕3号\n", 2024, "document number"},
		{"a section heading", notice, 2021, "a section heading"},
		{"the notice names the year of its 民生工程", notice + "为扎实推进我市2017年民生工程，现将任务分解如下。\n", 2017, "the notice"},
		{"the number of the document carried out", "支持四县小康攻坚重点工作责任分工方案\n为落实《省人民政府关于支持四县小康攻坚的指导意见》(赣府发〔2017〕12号)，推动各项重点工作落地，现提出如下分工方案。\n", 2017, "the number of the document it carries out, 赣府发〔2017〕12号"},
		{"the year the tasks name most", notice, 2019, "the year its text names most often (2 times); if wrong, give it with --year"},
		{"a provincial session alone", "关于印发重点工作责任分解的通知\n依据省十三届人大五次会议审议通过的《政府工作报告》，现将任务分解如下。\n", 2022, "most provinces' congresses began their 13th term in 2018"},
		{"a session of another level gives no year", "关于印发重点工作责任分解的通知\n依据市十三届人大五次会议审议通过的《政府工作报告》，现将任务分解如下。\n", 0, "give it with --year"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := planBody
			switch tc.name {
			case "a section heading":
				body = strings.Replace(planBody, "一、稳定经济增长", "一、2021年经济社会发展主要预期目标", 1)
			case "the year the tasks name most":
				body = strings.Replace(planBody, "推进重大项目建设。", "2019年开工一批项目，到2025年建成，2019年底前完成规划。", 1)
			}
			doc := parseString(t, tc.header+body)
			require.Equal(t, tc.year, doc.Year, warningsText(doc))
			if tc.warning != "" {
				require.Contains(t, warningsText(doc), tc.warning)
			}
		})
	}
}

func TestSignatureAfterTheBody(t *testing.T) {
	doc := parseString(t, "关于印发重点工作任务分工方案的通知\n"+planBody+"南京市玄武区人民政府办公室\n2023年3月1日\n")
	require.Equal(t, "2023-03-01", doc.Date)
	require.Equal(t, 2023, doc.Year)
	require.Equal(t, "南京市/玄武区", doc.Jurisdiction, warningsText(doc))

	doc = parseString(t, "关于印发重点工作任务分工方案的通知\n"+planBody+"广东省人民政府 二〇二一年三月二十一日\n")
	require.Equal(t, "2021-03-21", doc.Date)
	require.Equal(t, "广东省", doc.Jurisdiction)
	require.Equal(t, "广东省人民政府", doc.Issuer)

	// A date among the tasks, with no government above it, is a deadline.
	doc = parseString(t, "关于印发重点工作任务分工方案的通知\n"+planBody+"2023年6月30日\n")
	require.Empty(t, doc.Date)
}

func TestSignatureIsNotAnAttachmentList(t *testing.T) {
	doc := parseString(t, "测试旗人民政府办公室\n关于印发2022年《政府工作报告》\n重点任务责任落实分工的通知\n经旗人民政府同意，现印发给你们。\n附件:2022年重点任务落实推进情况表\n2022年2月21日\n"+planBody)
	require.Equal(t, "测试旗人民政府办公室关于印发2022年《政府工作报告》重点任务责任落实分工的通知", doc.Title)
	require.Equal(t, "2022-02-21", doc.Date)
	require.Equal(t, "测试旗", doc.Jurisdiction, warningsText(doc))
	require.NotContains(t, warningsText(doc), "附件")
}

func TestNoYearSaysHowToGiveIt(t *testing.T) {
	doc := parseString(t, "关于印发重点工作任务分工方案的通知\n咸安区人民政府\n"+planBody)
	require.Zero(t, doc.Year)
	require.Contains(t, warningsText(doc), "give it with --year or in manifest.yaml")
}

// TestNoPlaceSaysHowToGiveIt: a plan that names no place is not refused:
// it loads under 未知辖区, and the warning says how to give its place.
func TestNoPlaceSaysHowToGiveIt(t *testing.T) {
	doc := parseString(t, "关于印发2023年重点工作任务分工方案的通知\n"+planBody)
	require.Equal(t, loader.UnknownJurisdiction, doc.Jurisdiction)
	require.Contains(t, warningsText(doc), "loaded under 未知辖区: give it with --jurisdiction")
	_, err := loader.BuildBatch(doc, loadRegistry(t))
	require.NoError(t, err)
}

func TestParseWithOverrides(t *testing.T) {
	reg := loadRegistry(t)
	ps := loader.NewParser(reg)
	parse := func(text string, o loader.Overrides) *loader.Document {
		doc, err := ps.ParseWith(strings.NewReader(text), "plan.txt", o)
		require.NoError(t, err)
		return doc
	}

	doc := parse("关于印发重点工作任务分工方案的通知\n"+planBody, loader.Overrides{Year: 2023, Jurisdiction: "测试省/样例市"})
	require.Equal(t, 2023, doc.Year)
	require.Equal(t, "测试省/样例市", doc.Jurisdiction)
	require.Equal(t, "样例市人民政府", doc.Issuer, "a city's government is named without its province")
	require.Contains(t, warningsText(doc), "not in the gazetteer")
	require.NotContains(t, warningsText(doc), "no year")

	// A name the gazetteer knows is its path.
	doc = parse("关于印发2023年重点工作任务分工方案的通知\n"+planBody, loader.Overrides{Jurisdiction: "咸安区"})
	require.Equal(t, "湖北省/咸宁市/咸安区", doc.Jurisdiction)
	require.NotContains(t, warningsText(doc), "not in the gazetteer")

	// A name several places share is refused with the candidates: filing
	// the plan under another city's 鼓楼区 would be worse than asking.
	_, err := ps.ParseWith(strings.NewReader(planBody), "plan.txt", loader.Overrides{Jurisdiction: "鼓楼区"})
	require.ErrorContains(t, err, `plan.txt: jurisdiction "鼓楼区" given is ambiguous: it may be 南京市/鼓楼区, 江苏省/徐州市/鼓楼区, 福建省/福州市/鼓楼区, 河南省/开封市/鼓楼区`)

	// What is given beats what is read, and the disagreement is noted.
	doc = parse("南京市人民政府关于印发2023年重点工作任务分工方案的通知\n"+planBody, loader.Overrides{Year: 2024, Jurisdiction: "南京市/玄武区"})
	require.Equal(t, 2024, doc.Year)
	require.Equal(t, "南京市/玄武区", doc.Jurisdiction)
	require.Equal(t, 2024, doc.Year)
	require.Contains(t, warningsText(doc), "year 2024 given overrides 2023 read from title")
	require.Contains(t, warningsText(doc), "jurisdiction 南京市/玄武区 given overrides 南京市 read from the document")
	require.Equal(t, "南京市玄武区人民政府", doc.Issuer)
}

func TestReportOfAPlaceTheGazetteerLacks(t *testing.T) {
	doc := parseString(t, `各位代表：
现在，我代表广东省人民政府向大会报告工作，请予审议。
一、2023年工作回顾
过去一年，全省经济稳中向好。
二、2024年重点工作
（一）扩大有效需求。推进重大项目建设。
（二）建设现代化产业体系。培育新兴产业。
`)
	require.Equal(t, loader.KindReport, doc.Kind)
	require.Equal(t, 2024, doc.Year)
	require.Equal(t, "广东省", doc.Jurisdiction, warningsText(doc))
	require.Equal(t, "广东省人民政府", doc.Issuer)
}

// TestPlanNamingAReport: a plan that names a work report on a line of its
// own, as a link, is read as the plan it is.
func TestPlanNamingAReport(t *testing.T) {
	doc := parseString(t, "相关链接\n2023年区政府工作报告\n南京市玄武区人民政府关于印发2023年重点工作任务分工方案的通知\n"+planBody)
	require.Equal(t, loader.KindPlan, doc.Kind)
	require.Equal(t, 2, doc.TaskCount())
	require.Equal(t, 2023, doc.Year)
}

func TestParseWithOverridesAReport(t *testing.T) {
	ps := loader.NewParser(loadRegistry(t))
	report := "各位代表：\n现在，我代表测试市人民政府向大会报告工作，请予审议。\n一、2023年工作回顾\n过去一年成绩显著。\n二、2024年重点工作\n（一）扩大有效需求。推进项目建设。\n"
	doc, err := ps.ParseWith(strings.NewReader(report), "report.txt", loader.Overrides{Year: 2025, Jurisdiction: "南京市"})
	require.NoError(t, err)
	require.Equal(t, loader.KindReport, doc.Kind)
	require.Equal(t, 2025, doc.Year)
	require.Equal(t, "南京市", doc.Jurisdiction)
	require.Contains(t, warningsText(doc), "year 2025 given overrides 2024 read from its heading of the year's work")
	require.Contains(t, warningsText(doc), "jurisdiction 南京市 given overrides 测试市 read from the document")
}
