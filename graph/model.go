// Package graph holds dutygraph's domain model — jurisdictions, reports,
// plans, sections, tasks and the units responsible for them — and the Store
// interface every storage backend implements.
//
// The vocabulary is the domain's, not a database's: a Unit LEADS (主办) or
// COOPERATES_ON (协办) a Task; a Plan IMPLEMENTS the Report of the congress
// session it decomposes; a reorganised Unit is SUCCEEDED_BY its successor;
// a Task, or a Report's headline sentence, HAS_TARGET a quantitative Target.
package graph

// UnitKind classifies a responsible unit. The values are stable strings: they
// appear in the parse JSON, the registry file and the Neo4j store.
type UnitKind string

const (
	// KindDepartment is a government department (市发改委, 区财政局).
	KindDepartment UnitKind = "department"
	// KindDistrictGovernment is a lower-level government named as a unit
	// (鼓楼区政府, 江宁区政府).
	KindDistrictGovernment UnitKind = "district_government"
	// KindManagementCommittee is a zone or area body (江北新区管委会, 铁北管理办).
	KindManagementCommittee UnitKind = "management_committee"
	// KindPartyOrgan is an organ of the Party committee (市委宣传部, 市委金融办).
	KindPartyOrgan UnitKind = "party_organ"
	// KindStateOwnedGroup is a state-owned enterprise group (南京地铁集团).
	KindStateOwnedGroup UnitKind = "state_owned_group"
	// KindMassOrganization is a people's organisation (市总工会, 市妇联, 团市委).
	KindMassOrganization UnitKind = "mass_organization"
	// KindSubdistrict is a street office or town (湖南路街道).
	KindSubdistrict UnitKind = "subdistrict"
	// KindExternal is a body outside the local government's line of command:
	// vertically managed agencies, courts, the military (南京海事局, 市税务局).
	KindExternal UnitKind = "external"
	// KindPlaceholder is a collective that names no single body (各区政府,
	// 相关街道板块, 区相关部门). Placeholders are never merged with real units
	// and are left out of co-ownership unless asked for.
	KindPlaceholder UnitKind = "placeholder"
)

// UnitKinds lists every kind, in the order they are documented.
var UnitKinds = []UnitKind{
	KindDepartment, KindDistrictGovernment, KindManagementCommittee, KindPartyOrgan,
	KindStateOwnedGroup, KindMassOrganization, KindSubdistrict, KindExternal, KindPlaceholder,
}

// Valid reports whether k is one of the known kinds.
func (k UnitKind) Valid() bool {
	for _, known := range UnitKinds {
		if k == known {
			return true
		}
	}
	return false
}

// Role is a unit's part in a task.
type Role string

const (
	RoleLead       Role = "lead"       // 主办, 牵头, 负责
	RoleCooperator Role = "cooperator" // 协办, 配合
)

// Jurisdiction is an administrative area, identified by its path from the
// top-level area loaded (南京市, 南京市/鼓楼区).
type Jurisdiction struct {
	Path   string // also the ID
	Name   string // last element of Path
	Parent string // Path of the enclosing jurisdiction, "" at the top
}

// Report is a government work report (政府工作报告). A Report exists as soon
// as a loaded plan names the congress session that adopted it; Loaded says
// whether its text has been loaded too.
type Report struct {
	ID           string
	Jurisdiction string
	Year         int
	Session      string // 市第十七届人大五次会议; "" when only the year is known
	Title        string
	Date         string // YYYY-MM-DD or ""
	File         string
	Loaded       bool
}

// Plan is a decomposition plan (主要工作目标任务分解落实方案) of one
// jurisdiction and year.
type Plan struct {
	ID           string
	Jurisdiction string
	Year         int
	Title        string
	Issuer       string
	DocNumber    string
	Date         string // YYYY-MM-DD or ""
	File         string
	ReportID     string // the Report this plan IMPLEMENTS; "" when it names none
}

// Section is a numbered part of a plan (一、…) or an area of a report (（一）…).
type Section struct {
	ID         string
	DocumentID string // Plan.ID or Report.ID
	Number     int
	Title      string
}

// Task is one numbered task of a plan with its responsibility clause
// resolved to units.
type Task struct {
	ID           string
	PlanID       string
	SectionID    string
	Jurisdiction string // the plan's, denormalised for filtering
	Year         int    // the plan's, denormalised for filtering
	Number       int
	Text         string   // the task without its number and responsibility clause
	Line         int      // line in the source file where the task starts
	Leads        []string // Unit IDs, in clause order
	Cooperators  []string // Unit IDs, in clause order
	// Leaders are the persons the plan names as answering for the task
	// (责任领导): people, so not units.
	Leaders []string
	// Deadline is the completion time as written (2025年6月底前); Due is
	// the date it names, YYYY-MM-DD, or "" when it names none (全年).
	Deadline string
	Due      string
	Source   string // 任务来源: where the task comes from, as the plan says
}

// Unit is a responsible body, scoped to a jurisdiction: 区发改委 of Gulou is not
// 市发改委. Name is the canonical name as the newest loaded plan writes it.
type Unit struct {
	ID           string
	Name         string
	NameYear     int // year of the document Name was taken from; decides which name wins
	Aliases      []string
	Kind         UnitKind
	Jurisdiction string
}

// Succession records that a reorganised unit's work passed to another
// (市大数据管理局 → 市数据局), with the evidence for it.
type Succession struct {
	From string // Unit ID of the predecessor
	To   string // Unit ID of the successor
	Note string
}

// TargetMeasure says what a target's figure measures, so that a growth
// rate is compared with growth rates and a level with levels.
type TargetMeasure string

const (
	// MeasureGrowth is a rate of increase: 地区生产总值增长5%以上, 提高1个百分点,
	// 正增长 (value 0, comparator >).
	MeasureGrowth TargetMeasure = "growth"
	// MeasureReduction is a rate of decrease, stated as a positive figure:
	// 一般性支出压减10%.
	MeasureReduction TargetMeasure = "reduction"
	// MeasureLevel is a magnitude reached: 产业规模达1800亿元, 占比80%以上,
	// 完成投资2400亿元.
	MeasureLevel TargetMeasure = "level"
	// MeasureCount is a number of things added in the year: 新增首店300家,
	// 新建公共停车场18处.
	MeasureCount TargetMeasure = "count"
	// MeasureQualitative is a headline target without a figure:
	// 实际使用外资稳中提质.
	MeasureQualitative TargetMeasure = "qualitative"
)

// TargetMeasures lists every measure, in the order they are documented.
var TargetMeasures = []TargetMeasure{MeasureGrowth, MeasureReduction, MeasureLevel, MeasureCount, MeasureQualitative}

// Valid reports whether m is one of the known measures.
func (m TargetMeasure) Valid() bool {
	for _, known := range TargetMeasures {
		if m == known {
			return true
		}
	}
	return false
}

// TargetComparators are the comparators a target's figure may carry: =
// when the text states the figure bare (增长7%), ≥ for 以上/不低于/达到, > for
// 超过/突破/正增长, ≈ for 左右, ≤ for 以内/不超过/控制在, < for 低于.
var TargetComparators = []string{"=", "≥", ">", "≈", "≤", "<"}

// Target is a quantitative target of a plan's task or of a work report's
// headline sentence (主要预期目标是：地区生产总值增长5%以上，…).
type Target struct {
	ID           string
	DocumentID   string // the Plan or Report it belongs to
	TaskID       string // "" for a report's headline target
	TaskNumber   int    // the task's number, 0 for a headline target; denormalised for ordering
	Index        int    // position among the targets of its task or headline sentence, from 1
	Jurisdiction string // the document's, denormalised for filtering
	Year         int    // the document's
	Metric       string // what is measured: 地区生产总值, 新增首店
	Measure      TargetMeasure
	Value        *float64 // nil only for a qualitative target
	Unit         string   // %, 亿元, 家, 个百分点 …; "" when none
	Comparator   string   // one of TargetComparators; "" for a qualitative target
	// Aspirational marks a figure the text strives for (力争, 争取, 冲刺)
	// rather than commits to.
	Aspirational bool
	// Text is the clause the target was read from (地区生产总值增长5%以上);
	// Start and End are its rune offsets in the task's text, or in the
	// report's headline sentence after 主要预期目标是：.
	Text       string
	Start, End int
}
