package synth

// The vocabularies below are what the generated plans are made of. They
// imitate the seeds: department names as the 市/区 governments write them,
// a few bodies renamed over a decade, and task texts built from the phrases
// real plans repeat.

// placeSyllables make the two-character names of cities and districts. None
// of them starts a unit name the rules read specially (市, 区, 县, 各, 相, 团…),
// and none is a character of the documents' fixed wording, so a place name
// never turns up inside a unit name or a title by accident.
var placeSyllables = []rune("安宁川平昌泰和兴华隆嘉丰永德庆福盛清源湖桥阳江云山峰林溪岭汉沧临浦滨")

// department is a department stem (发改委) written after the level prefix
// (市发改委, 区发改委). old, when set, is the name the body had before its
// renaming: a jurisdiction writes old until its switch year, stem after.
type department struct {
	stem string
	old  string
}

// departments are the government's departments, most frequent first in real
// plans; the renamed ones are the reorganisations of 2018–2024.
var departments = []department{
	{stem: "发改委"}, {stem: "工信局"}, {stem: "财政局"}, {stem: "科技局"}, {stem: "商务局"},
	{stem: "住建局", old: "住房和城乡建设局"}, {stem: "规划资源局", old: "规划和自然资源局"},
	{stem: "交通运输局"}, {stem: "教育局"}, {stem: "民政局"},
	{stem: "人社局", old: "人力资源和社会保障局"}, {stem: "生态环境局", old: "环保局"},
	{stem: "水务局"}, {stem: "农业农村局"}, {stem: "文旅局", old: "文化和旅游局"},
	{stem: "卫健委", old: "卫生健康委"}, {stem: "应急局", old: "应急管理局"},
	{stem: "市场监管局", old: "市场监督管理局"}, {stem: "统计局"}, {stem: "审计局"},
	{stem: "医保局", old: "医疗保障局"}, {stem: "城管局"}, {stem: "体育局"}, {stem: "司法局"},
	{stem: "公安局"}, {stem: "退役军人局", old: "退役军人事务局"}, {stem: "数据局"},
	{stem: "信访局"}, {stem: "国资委"}, {stem: "投促局"}, {stem: "房产局"},
	{stem: "绿化园林局"}, {stem: "外办"}, {stem: "民宗局"}, {stem: "档案馆"},
	{stem: "机关事务管理局"}, {stem: "人防办"}, {stem: "粮食和储备局"}, {stem: "供销社"},
	{stem: "政务办"}, {stem: "建委"}, {stem: "城乡建设局"}, {stem: "地方志办"},
	{stem: "知识产权局"}, {stem: "行政审批局"}, {stem: "林业局"}, {stem: "侨办"},
	{stem: "口岸办"}, {stem: "公积金中心"}, {stem: "残联"}, {stem: "妇联"},
	{stem: "总工会"}, {stem: "科协"}, {stem: "税务局"}, {stem: "气象局"},
	{stem: "消防救援支队"},
}

// partyOrgans are the Party committee's bodies: 市委组织部, 区委宣传部.
var partyOrgans = []string{"委组织部", "委宣传部", "委网信办", "委政法委", "委金融办", "委社会工作部", "委编办", "委老干部局"}

// cityGroups and districtGroups are state-owned groups. A city's groups are
// written with the city's name (安平交通集团); one of them, the metro group,
// was written 市地铁集团 before its switch year, an alias the generated
// units.yaml records per city.
var (
	cityGroups     = []string{"交通集团", "城建集团", "国资集团", "文旅集团", "水务集团", "安居集团"}
	districtGroups = []string{"区国资集团", "区产发集团", "区文旅集团", "区城建集团"}
)

// Collective placeholders: named like the seeds' (各区政府, 相关街道板块).
var (
	cityPlaceholders     = []string{"各区政府", "相关区政府", "市相关部门", "各园区管委会", "国企集团"}
	districtPlaceholders = []string{"各街道", "相关街道板块", "区相关部门", "区政府各部门"}
)

// Task texts: an action, an object and, for some, a measurable tail.
var (
	actions = []string{"加快推进", "深入实施", "持续深化", "全面推进", "大力推动", "着力提升", "健全完善", "优化提升", "积极打造", "统筹推进", "扎实推进", "系统推进"}
	objects = []string{
		"城市更新行动", "老旧小区改造", "数字政府建设", "营商环境优化", "科技创新平台建设", "先进制造业集群培育",
		"乡村全面振兴", "生态环境综合治理", "养老服务体系建设", "优质教育资源供给", "医疗卫生服务能力建设",
		"公共文化服务体系建设", "综合交通枢纽建设", "水环境综合治理", "安全生产专项整治", "食品安全监管",
		"就业创业服务", "社会保障体系建设", "保障性住房建设", "重大项目招引", "高水平对外开放",
		"人才引育留用", "金融服务实体经济", "数据要素市场化配置", "低空经济示范应用", "新能源汽车产业链建设",
		"生物医药产业提质", "软件和信息服务业发展", "文旅深度融合", "全民健身设施建设", "基层治理现代化",
		"法治政府建设", "社会信用体系建设", "应急管理体系建设", "海绵城市建设", "城市精细化管理",
		"农村人居环境整治", "粮食安全责任制落实", "民营经济高质量发展", "国有企业改革深化", "区域协调发展",
	}
	means = []string{
		"强化部门协同和政策集成", "完善工作推进机制", "压实各方责任", "加强要素保障",
		"坚持问题导向和目标导向", "推动资源向基层倾斜", "健全常态长效机制", "加大财政资金支持力度",
	}
	indicators = []string{"地区生产总值", "固定资产投资", "社会消费品零售总额", "一般公共预算收入", "规上工业增加值", "外贸进出口总额", "高新技术产业产值"}
	counters   = []struct{ what, unit string }{
		{"新建改造", "个"}, {"新增", "家"}, {"培育", "个"}, {"完成", "项"}, {"建成", "处"}, {"新增就业岗位", "个"},
	}
	sectionTitles = []string{
		"聚力扩大有效需求,巩固经济回升向好态势", "聚力产业强市攻坚,加快构建现代化产业体系", "聚力科技创新,培育发展新质生产力",
		"聚力深化改革,持续激发发展动力活力", "聚力扩大开放,提升国际化水平", "聚力城乡融合,推进乡村全面振兴",
		"聚力城市建设,提升城市功能品质", "聚力绿色发展,建设美丽家园", "聚力民生保障,增进人民群众福祉",
		"聚力安全发展,推进治理体系和治理能力现代化",
	}
)
