package loader

import (
	"iter"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// isSeparatorRune reports whether r separates the units of a list.
func isSeparatorRune(r rune) bool {
	switch r {
	case '、', ',', '，', ';', '；', '。', '．', '/':
		return true
	}
	return unicode.IsSpace(r)
}

// isListSeparator reports the runes that split a list outside brackets
// (、 , ， ; ； /); spaces do not, since scraped texts break names with stray
// spaces.
func isListSeparator(r rune) bool {
	switch r {
	case '、', ',', '，', ';', '；', '/':
		return true
	}
	return false
}

// etcRe matches the 等 ending of a list (临空经济示范区管委会等单位):
// it stands for units the clause does not name. Group 1, when present,
// makes the ending a collective (…等相关部门, …等市级有关部门).
// It is matched from the last 等 on, which it starts with.
var etcRe = regexp.MustCompile(`^等\s*((?:[省市区县州](?:级|直)?)?各?(?:相关|有关|其他|其它))?(?:部门|单位|机构)*$`)

// modifiers qualify a whole list (市发改委、市财政局共同主办) and name no unit.
var (
	listPrefixes = []string{"由"}
	listSuffixes = []string{"按职责分工", "按职责", "共同", "分别", "各自"}
)

// conjunctions join two units only when both sides are whole unit names:
// 国企集团和各街道板块 is two units, 市文化和旅游局 one.
var conjunctions = []string{"以及", "和", "及", "与"}

// unitEndings are how the names of bodies end. They decide whether 和
// joins two units and whether unbracketed text names units at all.
var unitEndings = []string{
	"局", "委", "办", "部", "会", "府", "门", "团", "司", "行", "处", "院", "社",
	"所", "队", "站", "中心", "街道", "板块", "镇", "乡", "区", "企业", "单位",
	"馆", "厅", "署", "联", "协", "室", "台", "校", "学", "园", "关", "组", "村",
}

// SplitUnits splits a list of unit names on 、 , ， ; ； / outside brackets
// (市委组织部(人才办) stays whole), and on 和 及 以及 与 where both sides are
// whole unit names. It drops 等 endings (…等单位, …等部门) and words that
// qualify the whole list (由…, …共同), trims each name, and closes
// brackets a name leaves open.
//
// A collective after the list's last 等 (…、市统计局等市级有关部门) names
// units the list leaves out, and is kept as a name of its own: a
// placeholder. Inside a list (…等相关部门、各区政府) it only sums up the
// names before it, and is dropped. Lists grouped by ， or ； (departments,
// then governments) end a group so too: 市税务局等相关部门，各区政府 keeps
// the placeholder.
func SplitUnits(list string) []string {
	var names []string
	pieces := joinLevels(splitOutsideBrackets(list))
	for i, piece := range pieces {
		piece = trimList(piece)
		collective := ""
		if at := strings.LastIndex(piece, "等"); at >= 0 { // the regexp is the parser's hot spot without this check
			if m := etcRe.FindStringSubmatchIndex(piece[at:]); m != nil {
				if m[2] >= 0 && m[1] > m[3] && (isLastPiece(pieces[i+1:]) || endsGroup(list, pieces[i])) {
					collective = piece[at+m[2] : at+m[1]]
				}
				piece = strings.TrimSpace(piece[:at])
			}
		}
		for name := range conjuncts(piece) {
			if name = strings.TrimFunc(name, isSeparatorRune); name != "" {
				if place, suffix, ok := governmentOf(name); ok {
					// 荔湾区、黄埔区政府: the bare places before a place's
					// government share it. Done here, not by a function
					// taking names, to keep a short list off the heap.
					level, _ := utf8.DecodeLastRuneInString(place)
					for j := len(names) - 1; j >= 0 && isBarePlace(names[j], level); j-- {
						names[j] += suffix
					}
				}
				names = append(names, closeBrackets(name))
			}
		}
		if collective != "" {
			names = append(names, collective)
		}
	}
	return names
}

// endsGroup reports whether piece of list is followed by the separator of a
// group, ， , ； or ;.
func endsGroup(list, piece string) bool {
	at := strings.Index(list, piece)
	if at < 0 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(list[at+len(piece):])
	return r == ',' || r == '，' || r == ';' || r == '；'
}

// governmentOf splits a named place's government (黄埔区政府, 武进区人民政府)
// into the place and the government's name.
func governmentOf(name string) (place, suffix string, ok bool) {
	if !strings.HasSuffix(name, "政府") { // most names: one test, not two
		return "", "", false
	}
	for _, suffix := range []string{"人民政府", "政府"} {
		if place, ok := strings.CutSuffix(name, suffix); ok && isBarePlace(place, 0) {
			return place, suffix, true
		}
	}
	return "", "", false
}

// isBarePlace reports a county-level place's name alone, 2 to 5 runes ending
// in its level (黄埔区; of the given level unless it is 0): not a
// collective (各区), nor an area that has no government of its own (江北新区,
// 高新区, 园区).
func isBarePlace(s string, level rune) bool {
	n := utf8.RuneCountInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	if n < 2 || n > 5 || !strings.ContainsRune("区县市旗", last) || (level != 0 && last != level) {
		return false
	}
	if strings.HasPrefix(s, "各") || strings.HasPrefix(s, "相关") || strings.HasPrefix(s, "有关") || isBareLevel(s) {
		return false
	}
	for _, area := range []string{"新区", "园区", "开发区", "片区", "景区", "社区", "城区", "市区", "辖区", "试验区", "示范区", "高新区", "保税区"} {
		if strings.HasSuffix(s, area) {
			return false
		}
	}
	return allHan(s)
}

// joinLevels joins a bare level (各县、市、区政府, 各乡、镇人民政府) to the
// piece after it: the list names one collective, the governments of every
// county, city and district.
func joinLevels(pieces []string) []string {
	for i := len(pieces) - 2; i >= 0; i-- { // from the end, so that 县 joins 市、区政府
		if len(pieces[i]) <= maxBareLevel && isBareLevel(strings.TrimSpace(pieces[i])) {
			pieces[i] = strings.TrimSpace(pieces[i]) + "、" + strings.TrimSpace(pieces[i+1])
			pieces = append(pieces[:i+1], pieces[i+2:]...)
		}
	}
	return pieces
}

// maxBareLevel is the longest bare level piece in bytes, spaces around it
// included: 各县区.
const maxBareLevel = 16

// isBareLevel reports a level with no name: 县, 市, 区, 乡, 镇, 各县 …,
// and a level with its alternative in brackets (各市(县)、区政府).
func isBareLevel(s string) bool {
	s = strings.TrimPrefix(s, "各")
	switch s {
	case "省", "市", "县", "区", "乡", "镇", "市区", "县区", "县市", "市(县)", "市（县）", "县(市)", "县（市）":
		return true
	}
	return false
}

// isLastPiece reports whether the pieces after one hold no name.
func isLastPiece(after []string) bool {
	for _, p := range after {
		if trimList(p) != "" {
			return false
		}
	}
	return true
}

// splitOutsideBrackets splits s at separators outside brackets; empty
// pieces may be left out. An opener never closed does not count, so
// (人才办、市工信局 still splits.
func splitOutsideBrackets(s string) []string {
	if !mayHoldBracket(s) {
		return strings.FieldsFunc(s, isListSeparator)
	}
	var pieces []string
	from := 0
	for i, r := range topLevel(s) {
		if isListSeparator(r) {
			pieces = append(pieces, s[from:i])
			from = i + utf8.RuneLen(r)
		}
	}
	return append(pieces, s[from:])
}

// closeBrackets closes the brackets a name opens and never closes: in a
// damaged clause 市委组织部(人才办、市工信局协办 the first unit is
// 市委组织部(人才办).
func closeBrackets(name string) string {
	unclosed := scanBrackets(name).unclosed
	for i := len(unclosed) - 1; i >= 0; i-- {
		r, _ := utf8.DecodeRuneInString(name[unclosed[i]:])
		name += string(closerFor(r))
	}
	return name
}

func trimList(s string) string {
	s = strings.TrimFunc(s, isSeparatorRune)
	for _, p := range listPrefixes {
		if rest := strings.TrimPrefix(s, p); rest != s && utf8.RuneCountInString(rest) >= 2 {
			s = rest
		}
	}
	for _, p := range listSuffixes {
		if rest := strings.TrimSuffix(s, p); rest != s && utf8.RuneCountInString(rest) >= 2 {
			s = rest
		}
	}
	return strings.TrimFunc(s, isSeparatorRune)
}

// conjuncts yields the parts of s split at the first conjunction outside
// brackets with a whole unit name on both sides, then the rest split the
// same way. It yields rather than returns a slice: most pieces of a list
// are one name.
func conjuncts(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for {
			left, right, ok := cutConjunction(s)
			if !ok {
				yield(s)
				return
			}
			if !yield(left) {
				return
			}
			s = right
		}
	}
}

// cutConjunction cuts s at its first conjunction outside brackets with a
// whole unit name on both sides.
func cutConjunction(s string) (left, right string, ok bool) {
	if !containsConjunction(s) {
		return "", "", false // most names: skip the bracket scan
	}
	for i := range topLevel(s) {
		for _, c := range conjunctions {
			if !strings.HasPrefix(s[i:], c) {
				continue
			}
			if left, right := s[:i], s[i+len(c):]; endsLikeUnit(left) && endsLikeUnit(right) {
				return left, right, true
			}
		}
	}
	return "", "", false
}

func containsConjunction(s string) bool {
	for _, c := range conjunctions {
		if strings.Contains(s, c) {
			return true
		}
	}
	return false
}

// endsLikeUnit reports whether s could be a whole unit name: two runes or
// more ending like a body's name, or a name with a bracketed part
// (市委组织部(人才办)).
func endsLikeUnit(s string) bool {
	s = strings.TrimSpace(s)
	if _, size := utf8.DecodeRuneInString(s); size == len(s) {
		return false // one rune at most
	}
	if last, _ := utf8.DecodeLastRuneInString(s); closerClass(last) != 0 {
		return true
	}
	for _, e := range unitEndings {
		if strings.HasSuffix(s, e) {
			return true
		}
	}
	return false
}
