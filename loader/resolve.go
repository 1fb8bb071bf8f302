package loader

import (
	"strings"
	"unicode/utf8"
)

// resolveSections turns the sections read from a plan's body into the
// document model, resolving each unit against the registry in the scope of
// the document's jurisdiction (区发改委 in a Gulou plan is Gulou's).
func (p *parser) resolveSections(raw []rawSection, jurisdiction string) []Section {
	// Every task's units go into one array, each list a run of it: a plan
	// has hundreds of lists of a few units.
	n := 0
	for _, rs := range raw {
		for _, rt := range rs.tasks {
			n += min(len(rt.leads)+len(rt.coops), MaxClauseUnits)
		}
	}
	units := make([]UnitRef, 0, n)
	out := make([]Section, 0, len(raw))
	for _, rs := range raw {
		s := Section{Number: rs.number, Title: rs.title, Line: rs.line, Tasks: make([]Task, 0, len(rs.tasks))}
		for _, rt := range rs.tasks {
			leads, coops := p.capClauseUnits(rt)
			s.Tasks = append(s.Tasks, Task{
				Number:      rt.number,
				Text:        rt.text,
				Line:        rt.line,
				Leads:       p.resolveUnits(&units, leads, jurisdiction),
				Cooperators: p.resolveUnits(&units, coops, jurisdiction),
				Leaders:     rt.leaders,
				Deadline:    rt.deadline,
				Source:      rt.source,
				Targets:     taskTargets(rt.text),
			})
		}
		out = append(out, s)
	}
	return out
}

// MaxClauseUnits is the most units one task's clause may name; the
// first ones are kept, leads before cooperators, with a warning. The
// clauses of real plans name at most a few dozen (every district and a
// dozen departments); a clause naming 10,000 made co-ownership count 50
// million pairs for one task (issue 14).
const MaxClauseUnits = 200

// capClauseUnits is rt's leads and cooperators within MaxClauseUnits.
func (p *parser) capClauseUnits(rt rawTask) (leads, coops []string) {
	n := len(rt.leads) + len(rt.coops)
	if n <= MaxClauseUnits {
		return rt.leads, rt.coops
	}
	p.warn(rt.line, "the clause names %d units; only the first %d are kept", n, MaxClauseUnits)
	leads = rt.leads[:min(len(rt.leads), MaxClauseUnits)]
	return leads, rt.coops[:MaxClauseUnits-len(leads)]
}

// resolveUnits resolves names once each per document: a plan names the same
// few dozen units in hundreds of clauses. A department written without its
// level (发改委, 统计局 in a city's plan) is the document's own
// jurisdiction's (市发改委) unless the registry knows the name as written
// (铁北管理办): it keeps its name as written and resolves as the prefixed
// name would.
//
// The refs are appended to units, and returned as their own run of it.
func (p *parser) resolveUnits(units *[]UnitRef, names []string, jurisdiction string) []UnitRef {
	start := len(*units)
	for _, n := range names {
		ref, ok := p.units[n]
		if !ok {
			r := p.res.resolveShared(n, jurisdiction)
			// The registry renames only names it knows; a name it would
			// normalise (spaces, full-width brackets) is left as it is.
			known := len(r.Aliases) > 0 || r.Canonical != n
			if level := levelPrefix(jurisdiction); !known && level != "" && p.lacksLevel(n) {
				r = p.res.resolveShared(level+n, jurisdiction)
			}
			ref = UnitRef{Name: n, Canonical: r.Canonical, Kind: r.Kind, Jurisdiction: r.Jurisdiction}
			p.units[n] = ref
		}
		*units = append(*units, ref)
	}
	return (*units)[start:len(*units):len(*units)]
}

// levelPrefix is how the units of a jurisdiction start their names: 省 in a
// province's plan (自治区 in an autonomous region's), 市, 区, 县, 州, 盟 or
// 旗 below, read from the last element of its path; "" when unknown.
func levelPrefix(jurisdiction string) string {
	name := jurisdiction[strings.LastIndex(jurisdiction, "/")+1:]
	if strings.HasSuffix(name, "自治区") {
		return "自治区"
	}
	last, size := utf8.DecodeLastRuneInString(name)
	switch last {
	case '省', '市', '区', '县', '州', '盟', '旗':
		return name[len(name)-size:]
	}
	return ""
}

// unprefixedEndings end the names of government departments, the only
// units a plan writes without their level (发改委, 财政局, 财政厅, 人防办).
// Management offices and committees are named by their area, not their
// level (环南艺管理办, 湖南路管委).
var (
	unprefixedEndings = []string{"局", "委", "办", "厅", "署"}
	areaEndings       = []string{"管理办", "管委", "管理局"}
)

// lacksLevel reports a department's name that starts with neither a level
// (市, 区 …), nor a collective (各, 相关 …), nor a place (鼓楼公安分局).
func (p *parser) lacksLevel(name string) bool {
	first, _ := utf8.DecodeRuneInString(name)
	if strings.ContainsRune("省市区县州盟旗各团", first) || isOffice(name) {
		return false
	}
	ends := false
	for _, e := range unprefixedEndings {
		ends = ends || strings.HasSuffix(name, e)
	}
	for _, e := range areaEndings {
		ends = ends && !strings.HasSuffix(name, e)
	}
	if !ends || strings.HasPrefix(name, "自治区") || strings.HasPrefix(name, "相关") || strings.HasPrefix(name, "有关") {
		return false
	}
	_, named := p.res.placeByName(name)
	return !named
}
