package loader_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/loader"
)

func TestFindClause(t *testing.T) {
	tests := []struct {
		name        string
		text        string
		body        string // strings.TrimSpace(text[:Start])
		leads       []string
		cooperators []string
		leaders     []string
		unranked    bool
		bracketed   bool
		problems    []string // substrings, one per expected problem
	}{
		{
			name:      "leads only",
			text:      "地区生产总值增长5%以上。(区发改委、区财政局主办)",
			body:      "地区生产总值增长5%以上。",
			leads:     []string{"区发改委", "区财政局"},
			bracketed: true,
		},
		{
			name:        "leads and cooperators, half-width comma",
			text:        "加快湖南路商圈振兴步伐。(湖南路街道主办,区发改委、区商务局、区建设局、区城管局协办)",
			body:        "加快湖南路商圈振兴步伐。",
			leads:       []string{"湖南路街道"},
			cooperators: []string{"区发改委", "区商务局", "区建设局", "区城管局"},
			bracketed:   true,
		},
		{
			name:        "full-width brackets and comma",
			text:        "外贸稳中提质。（市商务局、市农业农村局主办，市税务局、市财政局协办）",
			body:        "外贸稳中提质。",
			leads:       []string{"市商务局", "市农业农村局"},
			cooperators: []string{"市税务局", "市财政局"},
			bracketed:   true,
		},
		{
			name:        "mixed bracket widths",
			text:        "推进试点。（市发改委主办,市财政局协办)",
			body:        "推进试点。",
			leads:       []string{"市发改委"},
			cooperators: []string{"市财政局"},
			bracketed:   true,
		},
		{
			name:        "tortoise-shell brackets around a unit name with brackets",
			text:        "推动高价值科技成果精准对接和高效转化。〔市科技局主办,市委组织部(人才办)、市工信局协办〕",
			body:        "推动高价值科技成果精准对接和高效转化。",
			leads:       []string{"市科技局"},
			cooperators: []string{"市委组织部(人才办)", "市工信局"},
			bracketed:   true,
		},
		{
			name:        "round brackets nested in the clause",
			text:        "引育高层次人才。(市委组织部(人才办)、市科技局主办,市财政局协办)",
			body:        "引育高层次人才。",
			leads:       []string{"市委组织部(人才办)", "市科技局"},
			cooperators: []string{"市财政局"},
			bracketed:   true,
		},
		{
			name:        "text brackets earlier in the task are not the clause",
			text:        "高标准建设江苏(南京)涉外法律服务中心,专业服务业营收同比增长5%。(区商务局、区发改委、区司法局主办,区财政局、相关街道板块协办)",
			body:        "高标准建设江苏(南京)涉外法律服务中心,专业服务业营收同比增长5%。",
			leads:       []string{"区商务局", "区发改委", "区司法局"},
			cooperators: []string{"区财政局", "相关街道板块"},
			bracketed:   true,
		},
		{
			name:        "和 between two whole unit names separates them",
			text:        "力争央企新设企业不少于20个。(区投促局主办,区相关部门、国企集团和各街道板块协办)",
			body:        "力争央企新设企业不少于20个。",
			leads:       []string{"区投促局"},
			cooperators: []string{"区相关部门", "国企集团", "各街道板块"},
			bracketed:   true,
		},
		{
			name:        "和 inside unit names does not",
			text:        "加强乡村风貌管控。(市规划和自然资源局主办,市文化和旅游局、市住房和城乡建设局协办)",
			body:        "加强乡村风貌管控。",
			leads:       []string{"市规划和自然资源局"},
			cooperators: []string{"市文化和旅游局", "市住房和城乡建设局"},
			bracketed:   true,
		},
		{
			name:        "及 between whole unit names",
			text:        "推进项目。(市发改委主办,市财政局及各区政府协办)",
			body:        "推进项目。",
			leads:       []string{"市发改委"},
			cooperators: []string{"市财政局", "各区政府"},
			bracketed:   true,
		},
		{
			name:        "comma inside a list: roles split by role words",
			text:        "推进城市更新。(市建委、市规划资源局主办,市财政局、市国动办,玄武区政府、秦淮区政府、雨花台区政府协办)",
			body:        "推进城市更新。",
			leads:       []string{"市建委", "市规划资源局"},
			cooperators: []string{"市财政局", "市国动办", "玄武区政府", "秦淮区政府", "雨花台区政府"},
			bracketed:   true,
		},
		{
			name:        "等单位 ending",
			text:        "建设临空经济区。(市发改委主办,市公安局、临空经济示范区管委会等单位协办)",
			body:        "建设临空经济区。",
			leads:       []string{"市发改委"},
			cooperators: []string{"市公安局", "临空经济示范区管委会"},
			bracketed:   true,
		},
		{
			name:        "等相关部门 inside a list",
			text:        "开展安全生产专项整治。(市应急管理局、市水务局主办,市商务局、市消防救援支队等相关部门、各区政府、各园区管委会协办)",
			body:        "开展安全生产专项整治。",
			leads:       []string{"市应急管理局", "市水务局"},
			cooperators: []string{"市商务局", "市消防救援支队", "各区政府", "各园区管委会"},
			bracketed:   true,
		},
		{
			name:        "等部门 ending",
			text:        "做好保障。(市发改委、市财政局等部门主办,各区政府协办)",
			body:        "做好保障。",
			leads:       []string{"市发改委", "市财政局"},
			cooperators: []string{"各区政府"},
			bracketed:   true,
		},
		{
			name:      "several leads, no cooperators",
			text:      "全年新增就业20万人。(市人社局、市发改委、市财政局主办)",
			body:      "全年新增就业20万人。",
			leads:     []string{"市人社局", "市发改委", "市财政局"},
			bracketed: true,
		},
		{
			name:        "only cooperators",
			text:        "配合完成普查。(市统计局协办)",
			body:        "配合完成普查。",
			cooperators: []string{"市统计局"},
			bracketed:   true,
		},
		{
			name:        "牵头 and 配合",
			text:        "推进数字政府建设。(市数据局牵头，市财政局、市委网信办配合)",
			body:        "推进数字政府建设。",
			leads:       []string{"市数据局"},
			cooperators: []string{"市财政局", "市委网信办"},
			bracketed:   true,
		},
		{
			name:      "负责",
			text:      "完成年度目标。（市发改委负责）",
			body:      "完成年度目标。",
			leads:     []string{"市发改委"},
			bracketed: true,
		},
		{
			name:        "由…负责 and 参与",
			text:        "完成年度目标。（由市发改委负责，各区政府参与）",
			body:        "完成年度目标。",
			leads:       []string{"市发改委"},
			cooperators: []string{"各区政府"},
			bracketed:   true,
		},
		{
			name:        "牵头负责 with 共同 before the role",
			text:        "推进改革。（市发改委、市财政局共同牵头负责，市税务局配合）",
			body:        "推进改革。",
			leads:       []string{"市发改委", "市财政局"},
			cooperators: []string{"市税务局"},
			bracketed:   true,
		},
		{
			name:        "semicolon between roles",
			text:        "推进改革。(市发改委主办；市财政局协办)",
			body:        "推进改革。",
			leads:       []string{"市发改委"},
			cooperators: []string{"市财政局"},
			bracketed:   true,
		},
		{
			name:        "labels inside brackets",
			text:        "推进改革。（牵头单位：市发改委；配合单位：市财政局、市商务局）",
			body:        "推进改革。",
			leads:       []string{"市发改委"},
			cooperators: []string{"市财政局", "市商务局"},
			bracketed:   true,
		},
		{
			name:      "责任单位 label inside brackets: all responsible units lead",
			text:      "推进改革。（责任单位：市发改委、市财政局）",
			body:      "推进改革。",
			leads:     []string{"市发改委", "市财政局"},
			unranked:  true,
			bracketed: true,
		},
		{
			name:        "责任单位 label with a lead mark",
			text:        "推进改革。（责任单位：市发改委（牵头）、市财政局）",
			body:        "推进改革。",
			leads:       []string{"市发改委"},
			cooperators: []string{"市财政局"},
			bracketed:   true,
		},
		{
			name:        "labels with half-width colons and spaces",
			text:        "推进改革。(主办单位 : 市发改委 ; 协办单位: 市财政局,市商务局)",
			body:        "推进改革。",
			leads:       []string{"市发改委"},
			cooperators: []string{"市财政局", "市商务局"},
			bracketed:   true,
		},
		{
			name:        "spaces around names are trimmed",
			text:        "推进改革。( 市发改委 、 市财政局 主办 , 市税务局 协办 )",
			body:        "推进改革。",
			leads:       []string{"市发改委", "市财政局"},
			cooperators: []string{"市税务局"},
			bracketed:   true,
		},
		{
			name:      "a unit named twice in one role counts once",
			text:      "推进改革。(市发改委、市发改委主办)",
			body:      "推进改革。",
			leads:     []string{"市发改委"},
			bracketed: true,
		},
		{
			name:      "sentence punctuation after the clause",
			text:      "推进改革。(市发改委主办)。 ",
			body:      "推进改革。",
			leads:     []string{"市发改委"},
			bracketed: true,
		},
		{
			name:        "units after the last role word are read as cooperators",
			text:        "推进改革。(市发改委主办,各区政府)",
			body:        "推进改革。",
			leads:       []string{"市发改委"},
			cooperators: []string{"各区政府"},
			bracketed:   true,
			problems:    []string{"without a role word"},
		},
		{
			name:      "a deadline after the roles is not a unit",
			text:      "推进改革。(市发改委牵头，2025年底前完成)",
			body:      "推进改革。",
			leads:     []string{"市发改委"},
			bracketed: true,
			problems:  []string{"text after the roles ignored: 2025年底前完成"},
		},
		{
			name:        "missing closing bracket at the end of the task",
			text:        "推进改革。(市发改委主办,市财政局协办",
			body:        "推进改革。",
			leads:       []string{"市发改委"},
			cooperators: []string{"市财政局"},
			bracketed:   true,
			problems:    []string{"missing closing bracket"},
		},
		{
			name:        "missing closing bracket after text brackets",
			text:        "建设江苏(南京)涉外法律服务中心。（区司法局主办，区商务局协办",
			body:        "建设江苏(南京)涉外法律服务中心。",
			leads:       []string{"区司法局"},
			cooperators: []string{"区商务局"},
			bracketed:   true,
			problems:    []string{"missing closing bracket"},
		},
		{
			name:      "closed with a bracket of another kind",
			text:      "推进改革。〔市发改委主办)",
			body:      "推进改革。",
			leads:     []string{"市发改委"},
			bracketed: true,
			problems:  []string{"closed with"},
		},
		{
			name:        "a bracket opened inside the clause and never closed",
			text:        "推动成果转化。(市科技局主办,市委组织部(人才办、市工信局协办)",
			body:        "推动成果转化。",
			leads:       []string{"市科技局"},
			cooperators: []string{"市委组织部(人才办)", "市工信局"},
			bracketed:   true,
			problems:    []string{"never closed"},
		},
		{
			name:        "the clause bracket never closed around a closed inner bracket",
			text:        "推动成果转化。〔市科技局主办,市委组织部(人才办)、市工信局协办",
			body:        "推动成果转化。",
			leads:       []string{"市科技局"},
			cooperators: []string{"市委组织部(人才办)", "市工信局"},
			bracketed:   true,
			problems:    []string{"missing closing bracket"},
		},
		{
			name:        "the clause's closing bracket missing after a closed inner bracket",
			text:        "引育人才。(市科技局主办,市委组织部(人才办)",
			body:        "引育人才。",
			leads:       []string{"市科技局"},
			cooperators: []string{"市委组织部(人才办)"},
			bracketed:   true,
			problems:    []string{"without a role word", "missing closing bracket"},
		},
		{
			name:      "an earlier text bracket left open is not the clause",
			text:      "建设江苏(南京涉外法律服务中心。推进改革。(市发改委主办",
			body:      "建设江苏(南京涉外法律服务中心。推进改革。",
			leads:     []string{"市发改委"},
			bracketed: true,
			problems:  []string{"missing closing bracket"},
		},
		{
			name:     "an earlier text bracket left open before an unbracketed clause",
			text:     "建设江苏(南京涉外法律服务中心。市发改委主办",
			body:     "建设江苏(南京涉外法律服务中心。",
			leads:    []string{"市发改委"},
			problems: []string{"without brackets"},
		},
		{
			name:        "missing opening bracket",
			text:        "推进改革。市发改委主办,市财政局协办)",
			body:        "推进改革。",
			leads:       []string{"市发改委"},
			cooperators: []string{"市财政局"},
			problems:    []string{"missing opening bracket"},
		},
		{
			name:        "clause without brackets after the last sentence",
			text:        "深化垃圾分类。市发改委主办，市财政局协办",
			body:        "深化垃圾分类。",
			leads:       []string{"市发改委"},
			cooperators: []string{"市财政局"},
			problems:    []string{"without brackets"},
		},
		{
			name:        "clause without brackets after a comma",
			text:        "推进项目建设，市发改委、市建委主办，市财政局协办",
			body:        "推进项目建设，",
			leads:       []string{"市发改委", "市建委"},
			cooperators: []string{"市财政局"},
			problems:    []string{"without brackets"},
		},
		{
			name:      "label without brackets after the last sentence",
			text:      "推进项目建设。责任单位：市发改委、市建委",
			body:      "推进项目建设。",
			leads:     []string{"市发改委", "市建委"},
			unranked:  true,
			problems:  []string{"without brackets"},
			bracketed: false,
		},
		{
			name:      "text after the clause",
			text:      "推进项目建设。(市发改委主办)2025年底前完成",
			body:      "推进项目建设。",
			leads:     []string{"市发改委"},
			bracketed: true,
			problems:  []string{"text after the responsibility clause"},
		},
		{
			name:        "square brackets with labels",
			text:        "推进改革。[牵头单位:市发改委;责任单位:市财政局、市商务局]",
			body:        "推进改革。",
			leads:       []string{"市发改委"},
			cooperators: []string{"市财政局", "市商务局"},
			bracketed:   true,
		},
		{
			name:        "full-width square brackets",
			text:        "推进改革。［牵头单位：市发改委；配合单位：市财政局］",
			body:        "推进改革。",
			leads:       []string{"市发改委"},
			cooperators: []string{"市财政局"},
			bracketed:   true,
		},
		{
			name:        "lenticular brackets",
			text:        "推进改革。【市发改委牵头，市财政局配合】",
			body:        "推进改革。",
			leads:       []string{"市发改委"},
			cooperators: []string{"市财政局"},
			bracketed:   true,
		},
		{
			name:        "a leader, a lead and responsible units",
			text:        "推进改革。(责任领导:王小明;牵头单位:区发改委;责任单位:区财政局、区统计局)",
			body:        "推进改革。",
			leads:       []string{"区发改委"},
			cooperators: []string{"区财政局", "区统计局"},
			leaders:     []string{"王小明"},
			bracketed:   true,
		},
		{
			name:      "牵头落实",
			text:      "推进改革。（市发改委、市财政局牵头落实）",
			body:      "推进改革。",
			leads:     []string{"市发改委", "市财政局"},
			bracketed: true,
		},
		{
			name:      "等负责",
			text:      "推进改革。（市发改委、市财政局等负责）",
			body:      "推进改革。",
			leads:     []string{"市发改委", "市财政局"},
			unranked:  true,
			bracketed: true,
		},
		{
			name:        "负责 after a lead: the others share the work",
			text:        "推进改革。（省发展改革委牵头，省商务厅、财政厅等相关部门按职责分工负责）",
			body:        "推进改革。",
			leads:       []string{"省发展改革委"},
			cooperators: []string{"省商务厅", "财政厅", "相关部门"},
			bracketed:   true,
		},
		{
			name:        "labels separated by a space",
			text:        "推进改革。（牵头单位：市发改委 配合单位：市财政局）",
			body:        "推进改革。",
			leads:       []string{"市发改委"},
			cooperators: []string{"市财政局"},
			bracketed:   true,
		},
		{
			name:        "tortoise-shell brackets, 牵头 and 配合",
			text:        "推进改革。〔区发改委牵头,区财政局、区统计局配合〕",
			body:        "推进改革。",
			leads:       []string{"区发改委"},
			cooperators: []string{"区财政局", "区统计局"},
			bracketed:   true,
		},
		{
			name:     "a label inside the text, a remark after it",
			text:     "农村道路畅通工程，牵头部门：市交通局。部分县进度偏慢。",
			body:     "农村道路畅通工程，",
			leads:    []string{"市交通局"},
			problems: []string{"text after the responsibility clause"},
		},
		{
			name:        "牵头 and 协助",
			text:        "推进改革。（区发改委牵头，区财政局协助）",
			body:        "推进改革。",
			leads:       []string{"区发改委"},
			cooperators: []string{"区财政局"},
			bracketed:   true,
		},
		{
			name:        "short labels",
			text:        "推进改革。（牵头：区发改委；配合：区财政局）",
			body:        "推进改革。",
			leads:       []string{"区发改委"},
			cooperators: []string{"区财政局"},
			bracketed:   true,
		},
		{
			name:      "clause is the whole text",
			text:      "(市发改委主办)",
			body:      "",
			leads:     []string{"市发改委"},
			bracketed: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ok := loader.FindClause(tt.text)
			require.True(t, ok)
			require.Equal(t, tt.body, strings.TrimSpace(tt.text[:c.Start]))
			require.Equal(t, tt.leads, c.Leads)
			require.Equal(t, tt.cooperators, c.Cooperators)
			require.Equal(t, tt.leaders, c.Leaders)
			require.Equal(t, tt.unranked, c.Unranked)
			require.Equal(t, tt.bracketed, c.Bracketed)
			require.Len(t, c.Problems, len(tt.problems), "problems: %q", c.Problems)
			for i, p := range tt.problems {
				require.Contains(t, c.Problems[i], p)
			}
		})
	}
}

func TestFindClauseNone(t *testing.T) {
	for _, text := range []string{
		"",
		"推进项目建设。",
		"高标准建设江苏(南京)涉外法律服务中心",
		"制定实施方案(试行)",
		"明确项目负责人(负责人)",
		"(市发改委、市财政局)",
		"各项工作由专人负责，确保按期完成任务并及时报送",
		"主办",
		"(主办)",
	} {
		t.Run(text, func(t *testing.T) {
			c, ok := loader.FindClause(text)
			require.False(t, ok, "clause %+v", c)
		})
	}
}

func TestSplitUnits(t *testing.T) {
	tests := []struct {
		list string
		want []string
	}{
		{"市发改委、市财政局", []string{"市发改委", "市财政局"}},
		{"市发改委,市财政局，市商务局；市建委;市水务局/市城管局", []string{"市发改委", "市财政局", "市商务局", "市建委", "市水务局", "市城管局"}},
		{"区相关部门、国企集团和各街道板块", []string{"区相关部门", "国企集团", "各街道板块"}},
		{"市文化和旅游局", []string{"市文化和旅游局"}},
		{"市规划和自然资源局和市工业和信息化局", []string{"市规划和自然资源局", "市工业和信息化局"}},
		{"市委宣传部以及市文化和旅游局", []string{"市委宣传部", "市文化和旅游局"}},
		{"市发改委与市财政局", []string{"市发改委", "市财政局"}},
		{"市委组织部(人才办)、市工信局", []string{"市委组织部(人才办)", "市工信局"}},
		{"市委组织部(人才办、人才中心)", []string{"市委组织部(人才办、人才中心)"}},
		{"市委组织部(人才办和人才中心)", []string{"市委组织部(人才办和人才中心)"}},
		{"市委组织部(人才办、市工信局", []string{"市委组织部(人才办)", "市工信局"}},
		{"临空经济示范区管委会等单位", []string{"临空经济示范区管委会"}},
		{"市消防救援支队等相关部门、各区政府", []string{"市消防救援支队", "各区政府"}},
		{"市公安局等部门", []string{"市公安局"}},
		{"市公安局等有关单位", []string{"市公安局", "有关单位"}},
		{"市发改委、市统计局等市级有关部门", []string{"市发改委", "市统计局", "市级有关部门"}},
		{"市商务局等相关部门、各区政府", []string{"市商务局", "各区政府"}},
		{"市商务局等相关部门，各区政府、各园区管委会", []string{"市商务局", "相关部门", "各区政府", "各园区管委会"}},
		{"省财政厅等相关部门按职责分工", []string{"省财政厅", "相关部门"}},
		{"市财政局、各县、市、区政府", []string{"市财政局", "各县、市、区政府"}},
		{"市人社局,各市(县)、区政府", []string{"市人社局", "各市(县)、区政府"}},
		{"市水务局,东湖区、西湖区、南湖区人民政府", []string{"市水务局", "东湖区人民政府", "西湖区人民政府", "南湖区人民政府"}},
		{"江东新区、北湖区政府", []string{"江东新区", "北湖区政府"}},
		{"海城县、北湖区政府", []string{"海城县", "北湖区政府"}},
		{"北湖区、各区政府", []string{"北湖区", "各区政府"}},
		{"各县（市）、区人民政府", []string{"各县（市）、区人民政府"}},
		{"各乡、镇人民政府、县直各有关单位", []string{"各乡、镇人民政府", "县直各有关单位"}},
		{"市公安局等", []string{"市公安局"}},
		{"由市发改委", []string{"市发改委"}},
		{"市发改委、市财政局共同", []string{"市发改委", "市财政局"}},
		{"  市发改委 、 ", []string{"市发改委"}},
		{"相关部门街道板块", []string{"相关部门街道板块"}},
		{"", nil},
		{"、，", nil},
	}
	for _, tt := range tests {
		t.Run(tt.list, func(t *testing.T) {
			require.Equal(t, tt.want, loader.SplitUnits(tt.list))
		})
	}
}

// FuzzFindClause checks that no input makes the clause reader panic or
// return an offset that cuts the text anywhere but at a rune boundary.
func FuzzFindClause(f *testing.F) {
	for _, seed := range []string{
		"推进改革。(市发改委主办,市财政局协办)",
		"推动转化。〔市科技局主办,市委组织部(人才办)、市工信局协办〕",
		"推动转化。(市科技局主办,市委组织部(人才办、市工信局协办)",
		"推进改革。(市发改委主办,市财政局协办",
		"推进改革。市发改委主办,市财政局协办)",
		"深化垃圾分类。市发改委主办，市财政局协办",
		"推进改革。（牵头单位：市发改委；配合单位：市财政局）",
		"推进项目建设。(市发改委主办)2025年底前完成",
		"((((〔〔】】))",
		"主办协办牵头负责：:",
		"\xff\xfe(市发改委主办)",
		"推进改革。[牵头单位:市发改委;责任单位:市财政局]",
		"推进改革。(责任领导:王明;牵头单位:区发改委;责任单位:区财政局)",
		"建设示范区(分管副市长负责，市科技局牵头。列第一位的为牵头部门，下同)，建成众创空间(市科技局牵头)",
		"农村道路畅通工程，牵头部门：市交通局。部分县进度偏慢。",
		"地区生产总值增长6%。牵头单位:市发改委;责任单位:各县、市、区政府",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		c, ok := loader.FindClause(text)
		require.GreaterOrEqual(t, c.Start, 0)
		require.LessOrEqual(t, c.Start, len(text))
		if utf8.ValidString(text) {
			require.True(t, utf8.ValidString(text[:c.Start]), "start %d cuts a rune", c.Start)
		}
		if !ok {
			return
		}
		require.NotEmpty(t, append(c.Leads, c.Cooperators...))
		for _, name := range append(c.Leads, c.Cooperators...) {
			require.NotEmpty(t, name)
			require.Equal(t, strings.TrimSpace(name), name)
		}
		loader.SplitUnits(text)
		loader.ParseLabels(text)
	})
}
