package loader

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dutygraph/dutygraph/registry"
)

// UnknownJurisdiction is where a document that names no place is loaded:
// it is not refused for want of its place, and a query for 未知辖区 lists
// what still needs one (--jurisdiction or manifest.yaml).
const UnknownJurisdiction = "未知辖区"

// evidence is one field's say on where a document comes from.
type evidence struct {
	what   string // "document number 鼓政〔2025〕2号"
	path   string
	weight int
	guess  bool     // read from a government's name, not found in the gazetteer
	shared []string // every place a shared name (鼓楼区) may mean, this one among them
	// loose: a short name running into the next word (嘉鱼的, 建安投资),
	// which may be no place at all; it counts only beside other evidence.
	loose bool
}

// Evidence weights. A document number is printed by the issuing office and
// its prefix (鼓政, 宁政发) is hard to get wrong; names can be damaged by the
// scraping that copies a page (a seed's issuer field reads 金宝博-金宝博官网).
// A name several places share (鼓楼区) weighs less for each of them.
const (
	weightDocNumber = 3
	weightName      = 2
	weightShared    = 1
	weightLevel     = 1
	weightGuess     = 1
)

// decidePlace decides a document's jurisdiction and issuer. It does not
// trust one field: the document number, the issuer field, the signature, the
// title, and the level the body speaks at (区三届人大 and 区发改委 speak for
// a district, 市第十七届人大 and 市发改委 for a city, 省发展改革委 for a
// province) are weighed together; places the units name settle a tie
// between places sharing a name. A field naming a government consistent
// with the outcome is kept as the issuer; otherwise the issuer is derived
// from the place and a warning says what was overridden and why.
// reportIssuer is a report's "我代表…人民政府".
func (p *parser) decidePlace(h header, unitNames []string, reportIssuer string) (string, string) {
	issuerField := h.meta["issuer"]
	var named []evidence
	// A government's name the gazetteer does not know, or knows only in
	// part (咸宁市 but not its new 某某新区), still spells out its place: the
	// guess weighs less than a gazetteer match, and level hints decide
	// between them.
	byName := func(what, name string) {
		if name == "" {
			return
		}
		desc := fmt.Sprintf("%s %q", what, name)
		a := p.res.placeNamed(name)
		g, anchored := p.placeFromGovName(name)
		if g != "" && !slices.Contains(a.match.Paths, g) {
			w := weightGuess
			if anchored {
				// 咸宁市梓山湖新区人民政府: the gazetteer knows 咸宁市 and the
				// name goes on below it; 咸宁市 alone is not what it says.
				w, a = weightName, placeAnswer{}
			}
			named = append(named, evidence{what: desc, path: g, weight: w, guess: true})
		}
		for _, path := range a.match.Paths {
			e := evidence{what: desc, path: path, weight: weightName}
			if len(a.match.Paths) > 1 {
				e.shared = a.match.Paths
				if path != a.preferred {
					e.weight = weightShared
				}
			}
			named = append(named, e)
		}
	}
	byName("report's speaker", reportIssuer)
	byName("issuer field", issuerField.value)
	byName("signature", h.signature)
	if before, _, ok := strings.Cut(h.title, "关于"); ok {
		byName("title", before)
	}
	if h.sessionText != "" {
		if path, ok := p.res.placeByName(h.sessionText); ok {
			named = append(named, evidence{what: "session " + h.session, path: path, weight: weightName})
		}
	}
	ev := append(p.docNumberEvidence(h.docNumber, named), named...)
	ev = append(ev, p.creditCodeEvidence()...)
	if len(ev) == 0 {
		// No field names a place: a news repost or a page that lost its
		// header. The opening lines' governments (渝中区人民政府办公室印发…)
		// and places the document number fits (嘉政办发 and 嘉鱼) speak next,
		// then the places the units name (咸安分局).
		mentions := p.openingMentions()
		ev = append(p.docNumberEvidence(h.docNumber, mentions), mentions...)
		ev = append(ev, nestedMentions(mentions)...)
		ev = dropLoneLoose(ev)
		if len(ev) == 0 {
			ev = p.unitPlaces(unitNames)
		}
	}

	levels := map[string][]string{}
	if l := registry.LevelPrefix(h.session); l != "" {
		levels[l] = append(levels[l], "session "+h.session)
	}
	if l, n := unitLevel(unitNames); l != "" {
		levels[l] = append(levels[l], fmt.Sprintf("%d units named %s…", n, l))
	}

	path, reasons, guessed, tied := p.bestPlace(ev, levels)
	if rivals := sharedRivals(ev, path, tied); len(rivals) > 1 {
		settled, why := p.settleByUnits(rivals, unitNames)
		switch {
		case settled != "":
			if settled != path {
				_, reasons, guessed = p.scorePlace(ev, levels, settled)
			}
			path, reasons = settled, append(reasons, why)
		case sharesName(ev, path, tied):
			// No document is refused for want of its place: it loads under
			// the first candidate, and the warning says how to correct it.
			path = tied[0]
			p.warn(0, "jurisdiction ambiguous: %s may be any of %s; loaded as %s: give the right one with --jurisdiction or in %s",
				strings.Join(reasons, ", "), strings.Join(tied, ", "), path, ManifestFile)
		}
	}
	if guessed {
		p.warn(0, "jurisdiction %s read from %s: the registry's gazetteer does not know it", path, strings.Join(reasons, ", "))
	}
	if path == "" {
		if p.given.Jurisdiction != "" {
			return "", strings.TrimSpace(issuerField.value) // the given one is put in
		}
		p.warn(0, "no jurisdiction found: no document number, issuer, signature or title names a place; loaded under %s: give it with --jurisdiction or in %s",
			UnknownJurisdiction, ManifestFile)
		return UnknownJurisdiction, strings.TrimSpace(issuerField.value)
	}

	consistent := func(name string) bool {
		if !isGovName(name) {
			return false
		}
		if a := p.res.placeNamed(name); a.ok {
			return slices.Contains(a.match.Paths, path)
		}
		// Guessed from names alone, a name may omit the city: 鼓楼区人民政府
		// names 南京市/鼓楼区.
		g, _ := p.placeFromGovName(name)
		return guessed && g != "" && (g == path || strings.HasSuffix(path, "/"+g))
	}
	derived := govName(path)
	switch {
	case consistent(issuerField.value):
		return path, issuerField.value
	case issuerField.value != "":
		what := "does not name a government"
		if isGovName(issuerField.value) {
			what = "names a government the evidence contradicts"
		}
		msg := fmt.Sprintf("%s %s; jurisdiction %s taken from %s; issuer set to %s",
			describe("issuer field", issuerField.value, 0), what, path, strings.Join(reasons, ", "), derived)
		if h.signature != "" && !consistent(h.signature) {
			msg += fmt.Sprintf("; %s ignored too", describe("signature", h.signature, h.signLine))
		}
		p.warn(issuerField.line, "%s", msg)
		return path, derived
	case consistent(h.signature):
		return path, h.signature
	case consistent(reportIssuer):
		return path, reportIssuer
	case h.signature != "":
		p.warn(h.signLine, "%s does not name the government of %s; issuer set to %s",
			describe("signature", h.signature, h.signLine), path, derived)
	}
	return path, derived
}

// openingLines is how many lines of a document openingMentions reads.
const openingLines = 15

// openingMentions lists the places the first lines of a document name: a
// government (成都市人民政府网站公布…) weighs as a name, any other mention
// (陕西《政府工作报告》部门分工确定) as a guess.
func (p *parser) openingMentions() []evidence {
	var ev []evidence
	for _, l := range p.lines[:min(len(p.lines), openingLines)] {
		for rest := l.text; rest != ""; {
			a := p.res.placeNamed(rest)
			if !a.ok {
				break
			}
			after := rest[a.match.End:]
			gov := strings.HasPrefix(after, "人民政府") || strings.HasPrefix(after, "政府")
			name := rest[a.match.Start:a.match.End]
			loose := !gov && !fullPlaceName(name) && startsWithHan(after) && !strings.HasPrefix(after, "分局")
			for _, path := range a.match.Paths {
				e := evidence{what: fmt.Sprintf("line %d %q", l.num, name), path: path, weight: weightGuess, loose: loose}
				if gov {
					e.weight = weightName
					if len(a.match.Paths) > 1 {
						e.weight, e.shared = weightShared, a.match.Paths
					}
				}
				ev = append(ev, e)
			}
			rest = after
		}
	}
	return ev
}

// dropLoneLoose drops a loose mention that nothing else supports: 建安投资
// alone does not put a plan in 建安区, while 涉及嘉鱼 beside the number
// 嘉政办发 puts it in 嘉鱼县.
func dropLoneLoose(ev []evidence) []evidence {
	support := map[string]int{}
	for _, e := range ev {
		support[e.path]++
	}
	return slices.DeleteFunc(ev, func(e evidence) bool { return e.loose && support[e.path] == 1 })
}

// fullPlaceName reports whether a place's name ends with its level
// (咸安区, 湖北省, 恩施土家族苗族自治州), as a short name (咸安) does not.
func fullPlaceName(name string) bool { return levelPrefix(name) != "" }

func startsWithHan(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.Is(unicode.Han, r)
}

// nestedMentions weighs for each mentioned place the others that lie in
// it or enclose it: 常州 and 钟楼 named together mean 常州市/钟楼区 more
// than a stray 老城厢 means 老城区.
func nestedMentions(mentions []evidence) []evidence {
	var ev []evidence
	for _, m := range mentions {
		for _, o := range mentions {
			if strings.HasPrefix(o.path, m.path+"/") || strings.HasPrefix(m.path, o.path+"/") {
				ev = append(ev, evidence{what: "named beside " + o.what, path: m.path, weight: weightGuess})
			}
		}
	}
	return ev
}

// creditCodeRe reads the unified social credit code of a government body
// (机关, 11…) that portals print in a document's index number
// (索引号 11330922090963010M/2023-31395): its third to eighth characters
// are the GB/T 2260 code of the body's division.
var creditCodeRe = regexp.MustCompile(`(?:^|[^0-9A-Z])11(\d{6})[0-9A-Z]{10}(?:$|[^0-9A-Z])`)

// creditCodeEvidence reads the division of the body whose credit code the
// opening lines print.
func (p *parser) creditCodeEvidence() []evidence {
	for _, l := range p.lines[:min(len(p.lines), openingLines)] {
		if !hasCodeRun(l.text) {
			continue // the regexp is costly, and few lines hold a code
		}
		if m := creditCodeRe.FindStringSubmatch(l.text); m != nil {
			if path, ok := p.reg.PlaceByCode(m[1]); ok {
				return []evidence{{what: "index number " + strings.TrimSpace(strings.Trim(m[0], "/ ")), path: path, weight: weightDocNumber}}
			}
		}
	}
	return nil
}

// hasCodeRun reports whether s holds 18 ASCII digits or capitals in a row,
// the length of a credit code.
func hasCodeRun(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' {
			if run++; run == 18 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// unitPlaces lists the places unit names start with (咸安分局 → 咸安区),
// each once per name.
func (p *parser) unitPlaces(unitNames []string) []evidence {
	var ev []evidence
	for _, name := range unitNames {
		if m, ok := p.res.placeNamedAt(name); ok && len(m.Paths) == 1 {
			ev = append(ev, evidence{what: fmt.Sprintf("unit %q", name), path: m.Paths[0], weight: weightGuess})
		}
	}
	return ev
}

// docNumberEvidence reads the document number. Among the places the
// names give, those whose number it may be (咸政办发 for 咸宁市, 宁政发 for
// 南京市 by its abbreviation) take it; when none does, the places whose
// abbreviation starts it (鄂政办发 → 湖北省).
func (p *parser) docNumberEvidence(number string, named []evidence) []evidence {
	if number == "" {
		return nil
	}
	what := "document number " + number
	var ev []evidence
	for _, e := range named {
		if !e.guess && !slices.ContainsFunc(ev, func(f evidence) bool { return f.path == e.path }) && p.reg.NumberFits(number, e.path) {
			ev = append(ev, evidence{what: what, path: e.path, weight: weightDocNumber})
		}
	}
	if len(ev) > 0 {
		return ev
	}
	for _, path := range p.reg.PlacesByDocNumber(number) {
		ev = append(ev, evidence{what: what, path: path, weight: weightDocNumber})
	}
	return ev
}

// bestPlace picks the path with the most weight behind it (see
// scorePlace). Ties go to the evidence seen first, the document number's;
// tied lists every path as heavy as the best one. guessed says no
// gazetteer match supports the path.
func (p *parser) bestPlace(ev []evidence, levels map[string][]string) (best string, bestReasons []string, bestGuessed bool, tied []string) {
	bestScore := 0
	scored := map[string]bool{}
	for _, e := range ev {
		if scored[e.path] {
			continue
		}
		scored[e.path] = true
		score, reasons, guessed := p.scorePlace(ev, levels, e.path)
		switch {
		case score > bestScore:
			best, bestScore, bestReasons, bestGuessed = e.path, score, reasons, guessed
			tied = []string{e.path}
		case score == bestScore:
			tied = append(tied, e.path)
		}
	}
	return best, bestReasons, bestGuessed, tied
}

// scorePlace adds up the evidence for a path. A level hint adds weight to
// the paths whose place it names: 区… to a 区, 市… to a 市, 省… to a
// province.
func (p *parser) scorePlace(ev []evidence, levels map[string][]string, path string) (int, []string, bool) {
	score, guessed := 0, true
	var reasons []string
	for _, f := range ev {
		if f.path == path {
			score += f.weight
			guessed = guessed && f.guess
			reasons = append(reasons, f.what)
		}
	}
	for _, suffix := range slices.Sorted(maps.Keys(levels)) {
		if at, _ := p.reg.Enclosing(path, suffix); at != path {
			continue // the hint names another level than this place's
		}
		for _, hint := range levels[suffix] {
			score += weightLevel
			reasons = append(reasons, hint+" ("+levelName(suffix)+" level)")
		}
	}
	return score, reasons, guessed
}

// sharedRivals lists the places the document may be from when its best
// path came from a name several places share, or several paths tie: the
// places the document's units name settle between them.
func sharedRivals(ev []evidence, best string, tied []string) []string {
	rivals := slices.Clone(tied)
	for _, e := range ev {
		if e.path == best {
			for _, s := range e.shared {
				if !slices.Contains(rivals, s) {
					rivals = append(rivals, s)
				}
			}
		}
	}
	return rivals
}

// sharesName reports whether best ties with another place a name it was
// read from may also mean (鼓楼区人民政府 and nothing else): then neither
// can be chosen. Other ties go to the evidence seen first.
func sharesName(ev []evidence, best string, tied []string) bool {
	for _, e := range ev {
		if e.path != best {
			continue
		}
		for _, t := range tied {
			if t != best && slices.Contains(e.shared, t) {
				return true
			}
		}
	}
	return false
}

// settleByUnits chooses among places (a 鼓楼区人民政府 with nothing else
// to say which) by the places the document's units name: 台江区政府 and
// 福州市财政局 put it in 福州. It returns "" when they do not settle it.
func (p *parser) settleByUnits(candidates, unitNames []string) (string, string) {
	count := make([]int, len(candidates))
	parents, speaksOf := make([]string, len(candidates)), make([]bool, len(candidates))
	for i, c := range candidates {
		parents[i], _ = p.reg.ParentOf(c)
	}
	for _, name := range unitNames {
		m, ok := p.res.placeNamedAt(name)
		if !ok {
			continue
		}
		clear(speaksOf)
		for _, named := range m.Paths {
			parent, known := p.reg.ParentOf(named)
			for i, c := range candidates {
				speaksOf[i] = speaksOf[i] || related(c, parents[i], named, parent, known)
			}
		}
		for i, ok := range speaksOf {
			if ok {
				count[i]++
			}
		}
	}
	best, tie := 0, false
	for i := range candidates {
		switch {
		case count[i] > count[best]:
			best, tie = i, false
		case i != best && count[i] == count[best]:
			tie = true
		}
	}
	if tie || count[best] == 0 {
		return "", ""
	}
	return candidates[best], fmt.Sprintf("%d units naming places of %s", count[best], candidates[best])
}

// related reports whether a unit naming place named speaks of place c: it
// is c, lies in it, encloses it, or shares its parent (a sibling district).
// The parents are the gazetteer's, asked once per place by the caller.
func related(c, cParent, named, namedParent string, namedKnown bool) bool {
	if named == c || strings.HasPrefix(named, c+"/") || strings.HasPrefix(c, named+"/") {
		return true
	}
	return namedKnown && cParent != "" && cParent == namedParent
}

// unitLevel reads the level a document's units speak at: a district plan
// names 区发改委, a city plan 市发改委, a province's 省发展改革委. It
// returns the level prefix most names share and how many do, or "" when
// none clearly dominates. Only names the level starts count: 团区委 is
// named in plans of every level.
func unitLevel(names []string) (string, int) {
	// A handful of levels, counted over every unit name of a plan: a list
	// does it without hashing each name's level.
	type levelCount struct {
		level string
		n     int
	}
	var counts []levelCount
	for _, name := range names {
		l := registry.LevelPrefix(name)
		if l == "" || !strings.HasPrefix(name, l) {
			continue
		}
		i := slices.IndexFunc(counts, func(c levelCount) bool { return c.level == l })
		if i < 0 {
			i, counts = len(counts), append(counts, levelCount{level: l})
		}
		counts[i].n++
	}
	top, second := levelCount{}, 0
	for _, c := range counts {
		switch {
		case top.level == "" || c.n > top.n || (c.n == top.n && c.level < top.level):
			if top.level != "" {
				second = max(second, top.n)
			}
			top = c
		default:
			second = max(second, c.n)
		}
	}
	if top.level == "" || top.n <= 2*second {
		return "", 0
	}
	return top.level, top.n
}

// placeFromGovName reads a path from a government's name the gazetteer
// does not know, or knows only the start of: 湖北省咸宁市某某新区人民政府 →
// 湖北省/咸宁市/某某新区 when the gazetteer holds 咸宁市, 某某省某某市人民政府 →
// 某某省/某某市. It returns "" when the name is the gazetteer's own, and
// whether the path starts at a place the gazetteer knows.
func (p *parser) placeFromGovName(name string) (string, bool) {
	s, ok := govPlaceName(name)
	if !ok {
		return "", false
	}
	known, rest := "", s
	if m, ok := p.res.placeNamedAt(s); ok {
		if m.End == len(s) {
			return "", false
		}
		known, rest = m.Paths[0], s[m.End:]
	}
	var parts []string
	start := 0
	for i, r := range rest {
		switch r {
		case '省', '市', '区', '县', '州', '旗', '盟':
			parts = append(parts, rest[start:i+len(string(r))])
			start = i + len(string(r))
		}
	}
	if start != len(rest) || len(parts) == 0 || len(parts[0]) <= len("市") {
		return "", false
	}
	if known != "" {
		parts = append([]string{known}, parts...)
	}
	return strings.Join(parts, "/"), known != ""
}

// govName is the name of a place's government: 南京市鼓楼区人民政府,
// 咸宁市咸安区人民政府 (a province is not written before a city, a city is
// before its district), 海盐县人民政府 and 昆山市人民政府 (nor before a
// county or a county-level city of a province), 重庆市城口县人民政府 (a
// municipality is), 广东省人民政府.
func govName(path string) string {
	elems := strings.Split(path, "/")
	if len(elems) > 1 && (strings.HasSuffix(elems[0], "省") || strings.HasSuffix(elems[0], "自治区")) {
		elems = elems[1:]
		if last := elems[len(elems)-1]; len(elems) > 1 && !strings.HasSuffix(last, "区") {
			elems = elems[len(elems)-1:]
		}
	}
	return strings.Join(elems, "") + "人民政府"
}

// sessionJurisdiction is the jurisdiction whose congress held a session: a
// district plan may cite the city's congress (市第…届人大), and the reverse.
// The session's level prefix names the nearest place enclosing the
// document's with that level.
func (p *parser) sessionJurisdiction(session, docPath string) string {
	if level := registry.LevelPrefix(session); level != "" {
		if at, ok := p.reg.Enclosing(docPath, level); ok {
			return at
		}
	}
	return docPath
}

func levelName(suffix string) string {
	switch suffix {
	case "市":
		return "city"
	case "区":
		return "district"
	case "县", "旗":
		return "county"
	case "州", "盟":
		return "prefecture"
	}
	return "province"
}
