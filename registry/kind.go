package registry

import (
	"strings"
	"unicode/utf8"

	"github.com/dutygraph/dutygraph/graph"
)

// Kinds are decided by the rules below, in order; a unit's kind in
// units.yaml overrides them. The rules read the name without the place that
// starts it (市, 区, 县, 鼓楼区 …), so 鼓楼区委组织部 is read as 委组织部.

// placeholderStarts begin a collective: 各区政府, 相关街道板块, 有关部门,
// 属地街道. 区相关部门 and 市相关部门 match once their 区/市 is stripped.
var placeholderStarts = []string{"各", "相关", "有关", "其他", "其它", "属地", "所在"}

// placeholderParts name a collective inside a name: 区政府各部门.
var placeholderParts = []string{"各部门", "各单位", "各有关", "各相关"}

// massOrganizations are people's organisations. They are tested before
// party organs: 团市委 and 关工委 contain 市委 and 工委.
var massOrganizations = []string{
	"总工会", "妇联", "妇女联合会", "科协", "科学技术协会", "文联", "文学艺术界联合会",
	"残联", "残疾人联合会", "工商联", "工商业联合会", "红十字会", "关工委", "侨联",
	"社科联", "作协", "台联", "共青团",
}

// externalBodies are outside the local government's line of command:
// vertically managed agencies (海事, 海关, 税务, 气象, 邮政, the central bank
// and the financial regulator, the fire and rescue service since the 2018
// reform put it under the Ministry of Emergency Management), the courts and
// procuratorates, and the military. A local 地方金融监管局 is a department
// and is excluded below.
var externalBodies = []string{
	"海事局", "海关", "税务局", "气象局", "邮政管理局", "人民银行", "金融监管总局",
	"金融监督管理", "监管分局", "银保监", "证监", "警备区", "军分区", "武警", "法院",
	"检察院", "消防救援", "调查队", "通信管理局", "烟草专卖", "供电公司", "边检",
}

// partyOrganParts name organs of the Party committee that do not start with
// 委 once the place is stripped (市纪委监委 does; 市文明办 does not).
var partyOrganParts = []string{
	"纪委", "监委", "党工委", "工委", "宣传部", "组织部", "统战部", "政法委",
	"网信办", "编办", "党校", "党史", "文明办", "老干部局", "机要保密局",
}

// classify applies the kind rules to a normalised unit name written in a
// document of docJurisdiction.
func (r *Registry) classify(name, docJurisdiction string) graph.UnitKind {
	if r.placeholders[name] {
		return graph.KindPlaceholder
	}
	bare := r.stripPlace(name, docJurisdiction)
	// bare ends name: a part at or after where it starts is in bare.
	last, inBare := lastParts(name), len(name)-len(bare)
	switch {
	case startsPlaceholder(bare) || startsPlaceholder(name) || last[placeholderPart] >= 0 || isUnnamedLowerGovernment(name, bare):
		return graph.KindPlaceholder
	case strings.HasPrefix(bare, "团") || last[massPart] >= inBare:
		return graph.KindMassOrganization
	case strings.HasPrefix(name, "人行") || (last[externalPart] >= 0 && !strings.Contains(name, "地方金融")):
		return graph.KindExternal
	case strings.HasPrefix(bare, "委") || last[partyPart] >= inBare:
		return graph.KindPartyOrgan
	case hasAnySuffix(name, "镇政府", "乡政府", "镇人民政府", "乡人民政府"):
		return graph.KindSubdistrict
	case strings.HasSuffix(name, "政府"):
		return graph.KindDistrictGovernment
	case hasAnySuffix(name, "管委会", "管理办", "管理办公室", "管理委员会"):
		return graph.KindManagementCommittee
	case hasAnySuffix(name, "集团", "公司"):
		return graph.KindStateOwnedGroup
	case hasAnySuffix(name, "街道", "街道办事处", "街道办", "镇", "乡"):
		return graph.KindSubdistrict
	}
	return graph.KindDepartment
}

// isUnnamedLowerGovernment reports a district or county government that
// names no district (区人民政府, from 各市、区人民政府): in a list of units it
// stands for all of them.
func isUnnamedLowerGovernment(name, bare string) bool {
	return (bare == "政府" || bare == "人民政府") && (strings.HasPrefix(name, "区") || strings.HasPrefix(name, "县"))
}

func startsPlaceholder(name string) bool {
	for _, s := range placeholderStarts {
		if strings.HasPrefix(name, s) {
			return true
		}
	}
	return false
}

// The lists of parts classify looks for inside a name.
const (
	placeholderPart = iota
	massPart
	externalPart
	partyPart
	partLists
)

// part is one part of a list, filed under its first rune.
type part struct {
	text string
	list int
}

// partsByFirstRune files the parts of the lists by their first rune, and
// partFirstRunes marks those runes: classify runs on every unit a plan
// names, and asking strings.Contains for each of sixty parts was most of
// its time; one pass over the name's runes finds them all.
var partsByFirstRune, partFirstRunes = func() (map[rune][]part, *[0x10000 / 64]uint64) {
	byRune, marks := map[rune][]part{}, new([0x10000 / 64]uint64)
	for list, parts := range [partLists][]string{placeholderParts, massOrganizations, externalBodies, partyOrganParts} {
		for _, p := range parts {
			r, _ := utf8.DecodeRuneInString(p)
			byRune[r] = append(byRune[r], part{p, list})
			marks[r/64] |= 1 << (r % 64)
		}
	}
	return byRune, marks
}()

// lastParts returns, for each list, the byte offset in name of the last
// part of it the name holds, -1 for none.
func lastParts(name string) [partLists]int {
	last := [partLists]int{-1, -1, -1, -1}
	for i, r := range name {
		if r >= 0x10000 || partFirstRunes[r/64]&(1<<(r%64)) == 0 {
			continue
		}
		for _, p := range partsByFirstRune[r] {
			if strings.HasPrefix(name[i:], p.text) {
				last[p.list] = i
			}
		}
	}
	return last
}

// stripPlace removes the place a unit name starts with: a place of the
// document's province (鼓楼区委组织部 → 委组织部) or a level prefix
// (市委宣传部 → 委宣传部, 自治区党委 → 党委).
func (r *Registry) stripPlace(name, docJurisdiction string) string {
	if p, ok := r.placePrefix(name, docJurisdiction); ok {
		longest := ""
		i, _ := r.places.find(p)
		for _, sp := range r.places.allNames(i) {
			if n := r.places.str(sp); len(n) > len(longest) && strings.HasPrefix(name, n) {
				longest = n
			}
		}
		return name[len(longest):]
	}
	for _, l := range levelPrefixes[3:] { // the Youth League's 团市委 keeps its 团
		if rest, ok := strings.CutPrefix(name, l.prefix); ok && !strings.HasPrefix(rest, "场") {
			return rest
		}
	}
	return name
}

func hasAnySuffix(s string, suffixes ...string) bool {
	for _, suf := range suffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}
