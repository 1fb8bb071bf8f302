package loader

import (
	"fmt"
	"strings"
)

// evidence is one field's say on where a document comes from.
type evidence struct {
	what   string // "document number 鼓政〔2025〕2号"
	path   string
	weight int
	guess  bool // read from a government's name, not found in the gazetteer
}

// Evidence weights. A document number is printed by the issuing office and
// its prefix (鼓政, 宁政发) is hard to get wrong; names can be damaged by the
// scraping that copies a page (a seed's issuer field reads 金宝博-金宝博官网).
const (
	weightDocNumber = 3
	weightName      = 2
	weightLevel     = 1
	weightGuess     = 1
)

// decidePlace decides a document's jurisdiction and issuer. It does not
// trust one field: the document number, the issuer field, the signature, the
// title, and the level the body speaks at (区三届人大 and 区发改委 speak for
// a district, 市第十七届人大 and 市发改委 for a city) are weighed together.
// A field naming a government consistent with the outcome is kept as the
// issuer; otherwise the issuer is derived from the place and a warning says
// what was overridden and why. reportIssuer is a report's "我代表…人民政府".
func (p *parser) decidePlace(h header, unitNames []string, reportIssuer string) (string, string) {
	issuerField := h.meta["issuer"]
	var ev []evidence
	if h.docNumber != "" {
		if path, ok := p.reg.PlaceByDocNumber(h.docNumber); ok {
			ev = append(ev, evidence{what: "document number " + h.docNumber, path: path, weight: weightDocNumber})
		}
	}
	// A government's name the gazetteer knows only in part (南京市 but not
	// its 鼓楼区) still spells out its place: the guess weighs less than a
	// gazetteer match, and level hints decide between them.
	byName := func(what, name string) {
		if name == "" {
			return
		}
		desc := fmt.Sprintf("%s %q", what, name)
		known, ok := p.res.placeByName(name)
		if ok {
			ev = append(ev, evidence{what: desc, path: known, weight: weightName})
		}
		if g := placeFromGovName(name); g != "" && g != known {
			ev = append(ev, evidence{what: desc, path: g, weight: weightGuess, guess: true})
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
			ev = append(ev, evidence{what: "session " + h.session, path: path, weight: weightName})
		}
	}

	levels := map[int][]string{}
	if l := levelOf(h.session); l > 0 {
		levels[l] = append(levels[l], "session "+h.session)
	}
	if l, n := unitLevel(unitNames); l > 0 {
		levels[l] = append(levels[l], fmt.Sprintf("%d units named %s…", n, map[int]string{1: "市", 2: "区"}[l]))
	}

	path, reasons, guessed := bestPlace(ev, levels)
	if guessed {
		p.warn(0, "jurisdiction %s read from %s: the registry's gazetteer does not know it", path, strings.Join(reasons, ", "))
	}
	if path == "" {
		p.warn(0, "no jurisdiction found: no document number, issuer or signature the gazetteer knows")
		return "", strings.TrimSpace(issuerField.value)
	}

	consistent := func(name string) bool {
		if !isGovName(name) {
			return false
		}
		if got, ok := p.res.placeByName(name); ok {
			return got == path
		}
		// Guessed from names alone, a name may omit the city: 鼓楼区人民政府
		// names 南京市/鼓楼区.
		g := placeFromGovName(name)
		return guessed && g != "" && (g == path || strings.HasSuffix(path, "/"+g))
	}
	derived := strings.ReplaceAll(path, "/", "") + "人民政府"
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

// bestPlace picks the path with the most weight behind it. Level hints add
// weight to paths of their depth (南京市 is a city, 南京市/鼓楼区 a district).
// Ties go to the evidence seen first, the document number's. guessed says no
// gazetteer match supports the path.
func bestPlace(ev []evidence, levels map[int][]string) (string, []string, bool) {
	best, bestScore, bestGuessed := "", 0, false
	var bestReasons []string
	for _, e := range ev {
		score, guessed := 0, true
		var reasons []string
		for _, f := range ev {
			if f.path == e.path {
				score += f.weight
				guessed = guessed && f.guess
				reasons = append(reasons, f.what)
			}
		}
		depth := strings.Count(e.path, "/") + 1
		for _, hint := range levels[depth] {
			score += weightLevel
			reasons = append(reasons, hint+" ("+levelName(depth)+" level)")
		}
		if score > bestScore {
			best, bestScore, bestReasons, bestGuessed = e.path, score, reasons, guessed
		}
	}
	return best, bestReasons, bestGuessed
}

// unitLevel reads the level a document's units speak at: a district plan
// names 区发改委, a city plan 市发改委. It returns the level most names
// share and how many do, or 0 when neither prefix clearly dominates.
func unitLevel(names []string) (int, int) {
	var n [3]int
	for _, name := range names {
		n[levelOf(name)]++
	}
	switch {
	case n[1] > 2*n[2] && n[1] > 0:
		return 1, n[1]
	case n[2] > 2*n[1] && n[2] > 0:
		return 2, n[2]
	}
	return 0, 0
}

// placeFromGovName guesses a path from a government's name when the
// gazetteer does not know the place: 苏州市吴中区人民政府 → 苏州市/吴中区.
// A province is dropped: paths start at the city.
func placeFromGovName(name string) string {
	if !isGovName(name) {
		return ""
	}
	s := strings.Join(strings.Fields(name), "")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "办公厅"), "办公室")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "政府"), "人民")
	var parts []string
	start := 0
	for i, r := range s {
		switch r {
		case '省':
			start = i + len("省")
		case '市', '区', '县':
			parts = append(parts, s[start:i+len(string(r))])
			start = i + len(string(r))
		}
	}
	if start != len(s) || len(parts) == 0 || len(parts[0]) <= len("市") {
		return ""
	}
	return strings.Join(parts, "/")
}
