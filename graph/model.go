// Package graph holds dutygraph's domain model — jurisdictions, reports,
// plans, sections, tasks and the units responsible for them — and the Store
// interface every storage backend implements.
//
// The vocabulary is the domain's, not a database's: a Unit LEADS (主办) or
// COOPERATES_ON (协办) a Task; a Plan IMPLEMENTS the Report of the congress
// session it decomposes; a reorganised Unit is SUCCEEDED_BY its successor.
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
	Targets      []Target
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

// Target is a quantitative target (地区生产总值增长5%以上).
type Target struct {
	Metric     string
	Text       string
	Value      *float64
	Unit       string
	Comparator string
}
