package registry

import (
	"slices"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Place is a jurisdiction of the gazetteer.
type Place struct {
	// Path is the place's key: province first (湖北省/咸宁市/咸安区,
	// 北京市/朝阳区), or as a user's jurisdictions.yaml re-roots it
	// (南京市/鼓楼区).
	Path string
	// Parent is the enclosing place's path, "" for a top place. It is kept
	// apart from Path: 南京市, re-rooted, still lies in 江苏省.
	Parent        string
	Level         Level    // "" when neither the gazetteer nor the user says
	Code          string   // GB/T 2260 code; "" for a place a user added
	Names         []string // how texts name it: 咸安区, 咸安; the last element of Path first
	Abbreviations []string // what its document numbers start with: 鄂 (鄂政办发), 鼓 (鼓政〔2025〕2号)
	Former        []string // names before a merger or renaming: 襄樊市
}

// parseJurisdictions lays a jurisdictions.yaml over g. An entry whose path
// g holds adds names and abbreviations to it; one with replaces takes over
// a place and its children under a new path; any other adds a division
// under its parent, which g must hold or the file list before it.
// standalone reads the file as the whole gazetteer (Parse): it must list
// some place.
func parseJurisdictions(file string, data []byte, g *gazetteer, layer int, standalone bool) error {
	root, err := parseYAML(file, data)
	if err != nil {
		return err
	}
	if root == nil {
		if standalone {
			return errAt(file, nil, "no jurisdictions: the file is empty")
		}
		return nil
	}
	top, err := mapping(file, root, "the file", "jurisdictions")
	if err != nil {
		return err
	}
	items, err := sequence(file, top["jurisdictions"], "jurisdictions")
	if err != nil {
		return err
	}
	if len(items) == 0 && standalone {
		return errAt(file, root, "no jurisdictions listed")
	}
	seen := map[string]bool{}
	abbrevOwner := map[string]string{}
	for _, item := range items {
		e, err := parseEntry(file, item)
		if err != nil {
			return err
		}
		if seen[e.Path] {
			return errAt(file, item, "jurisdiction %q listed twice", e.Path)
		}
		seen[e.Path] = true
		for _, a := range e.Abbreviations {
			if owner, dup := abbrevOwner[a]; dup {
				return errAt(file, item, "abbreviation %q of %q is already %q's: document numbers would be ambiguous", a, e.Path, owner)
			}
			abbrevOwner[a] = e.Path
		}
		if err := g.apply(file, item, e, layer); err != nil {
			return err
		}
	}
	return nil
}

// entry is one item of jurisdictions.yaml.
type entry struct {
	Place
	replaces string
	fields   map[string]*yaml.Node
}

func parseEntry(file string, n *yaml.Node) (entry, error) {
	f, err := mapping(file, n, "a jurisdiction", "path", "replaces", "parent", "level", "names", "abbreviations", "former")
	if err != nil {
		return entry{}, err
	}
	e := entry{fields: f}
	for _, field := range []struct {
		key string
		dst *string
	}{{"path", &e.Path}, {"replaces", &e.replaces}, {"parent", &e.Parent}} {
		if *field.dst, err = text(file, f[field.key], field.key); err != nil {
			return entry{}, err
		}
	}
	if e.Path == "" {
		return entry{}, errAt(file, n, "jurisdiction without a path (e.g. path: 南京市/鼓楼区)")
	}
	for _, elem := range strings.Split(e.Path, "/") {
		if strings.TrimSpace(elem) != elem || elem == "" {
			return entry{}, errAt(file, f["path"], "path %q has an empty or padded element", e.Path)
		}
	}
	level, err := text(file, f["level"], "level")
	if err != nil {
		return entry{}, err
	}
	if e.Level = Level(level); level != "" && !e.Level.valid() {
		return entry{}, errAt(file, f["level"], "unknown level %q (known: province, prefecture, county)", level)
	}
	for _, field := range []struct {
		key string
		dst *[]string
	}{{"names", &e.Names}, {"abbreviations", &e.Abbreviations}, {"former", &e.Former}} {
		if *field.dst, err = texts(file, f[field.key], field.key); err != nil {
			return entry{}, err
		}
		if len(*field.dst) == 0 {
			*field.dst = nil
		}
	}
	return e, nil
}

// apply lays one entry over the gazetteer.
func (g *gazetteer) apply(file string, n *yaml.Node, e entry, layer int) error {
	if e.replaces != "" && g.rerooted[e.replaces] != e.Path {
		i, ok := g.byPath[e.replaces]
		switch {
		case !ok:
			return errAt(file, e.fields["replaces"], "%q replaces %q, which the gazetteer does not hold", e.Path, e.replaces)
		case e.Parent != "":
			return errAt(file, e.fields["parent"], "%q replaces %q and keeps its parent: give no parent", e.Path, e.replaces)
		}
		if j, taken := g.byPath[e.Path]; taken && j != i {
			return errAt(file, e.fields["path"], "%q cannot replace %q: the gazetteer already holds %q", e.Path, e.replaces, e.Path)
		}
		g.reroot(i, e.Path)
	}
	if i, ok := g.byPath[e.Path]; ok {
		if e.Parent != "" && e.Parent != g.places[i].Parent {
			return errAt(file, e.fields["parent"], "%q is already in the gazetteer under %q", e.Path, g.places[i].Parent)
		}
		p := &g.places[i]
		p.Names = appendNew(p.Names, e.Names...)
		p.Abbreviations = appendNew(p.Abbreviations, e.Abbreviations...)
		p.Former = appendNew(p.Former, e.Former...)
		if e.Level != "" {
			p.Level = e.Level
		}
		p.layer = layer
		return nil
	}
	parent := e.Parent
	if parent == "" {
		parent = parentPath(e.Path)
	}
	pi := -1
	if parent != "" {
		var ok bool
		if pi, ok = g.byPath[parent]; !ok {
			return errAt(file, n, "jurisdiction %q is listed before its parent %q (nor does the bundled gazetteer hold it)", e.Path, parent)
		}
	} else if other, ok := g.bundledNamed(lastElem(e.Path)); ok {
		return errAt(file, e.fields["path"], "%q is %q in the bundled gazetteer: write path: %s to add to it, or keep path: %s and add replaces: %s",
			e.Path, other, other, e.Path, other)
	}
	p := e.Place
	p.Names = appendNew([]string{lastElem(e.Path)}, e.Names...)
	if p.Level == "" && pi >= 0 {
		p.Level = childLevel(g.places[pi].Level)
	}
	g.add(p, pi, layer)
	return nil
}

// bundledNamed finds a bundled place whose full name is name.
func (g *gazetteer) bundledNamed(name string) (string, bool) {
	for _, p := range g.places {
		if p.layer == 0 && p.Names[0] == name {
			return p.Path, true
		}
	}
	return "", false
}

func childLevel(l Level) Level {
	switch l {
	case LevelProvince:
		return LevelPrefecture
	case LevelPrefecture, LevelCounty:
		return LevelCounty
	}
	return ""
}

func appendNew(list []string, items ...string) []string {
	for _, it := range items {
		if !slices.Contains(list, it) {
			list = append(list, it)
		}
	}
	return list
}

// placeIndex finds places by the names texts start with, without scanning
// the gazetteer: it lists some 3,200 places, and every unit name of every
// document is checked against it. Each of its lists is one array with
// spans into it, not a slice per key: the registry stays in the heap while
// documents are parsed, and the garbage collector visits every object of it
// at each cycle.
type placeIndex struct {
	names     []placeName   // names and former names, by first rune, in gazetteer order within a rune
	text      string        // the placeTable's text, where names lie: placeName holds no pointer
	firstRune map[rune]span // where each rune's names lie in names
	children  []int         // places by parent, in gazetteer order within a parent
	kids      []span        // kids[i] is where place i's children lie in children
	lines     []int         // each place and the places enclosing it, nearest first
	line      []span        // line[i] is where place i's line lies in lines
	// abbreviations lists every place's abbreviations in gazetteer order:
	// a few dozen places have one, so a document number is read without
	// scanning them all.
	abbreviations []abbreviation
}

type span struct{ start, end int32 }

// placeName is one of a place's names, former names included: where it
// lies in placeIndex.text, and its place's row in Registry.places.
type placeName struct{ start, end, place int32 }

// abbreviation is one of a place's abbreviations.
type abbreviation struct {
	text  string
	place int // row in Registry.places
}

func indexPlaces(t *placeTable) placeIndex {
	idx := placeIndex{text: t.text, kids: make([]span, len(t.rows)), line: make([]span, len(t.rows))}
	// Count first, then fill: each list is allocated once.
	perRune := make(map[rune]int32, 2000)
	perParent := make([]int32, len(t.rows))
	nNames, nLines := 0, 0
	for i, row := range t.rows {
		for _, name := range t.allNames(i) {
			r, _ := utf8.DecodeRuneInString(t.str(name))
			perRune[r]++
			nNames++
		}
		if row.parent >= 0 {
			perParent[row.parent]++
		}
		for j := i; j >= 0; j = int(t.rows[j].parent) {
			nLines++
		}
		for _, a := range t.abbreviations(i) {
			idx.abbreviations = append(idx.abbreviations, abbreviation{t.str(a), i})
		}
	}
	idx.firstRune = make(map[rune]span, len(perRune))
	at := int32(0)
	for r, n := range perRune {
		idx.firstRune[r] = span{at, at}
		at += n
	}
	at = 0
	for i, n := range perParent {
		idx.kids[i] = span{at, at}
		at += n
	}
	idx.names = make([]placeName, nNames)
	idx.children = make([]int, at)
	idx.lines = make([]int, 0, nLines)
	for i, row := range t.rows {
		for _, name := range t.allNames(i) {
			r, _ := utf8.DecodeRuneInString(t.str(name))
			sp := idx.firstRune[r]
			idx.names[sp.end] = placeName{name.start, name.end, int32(i)}
			sp.end++
			idx.firstRune[r] = sp
		}
		if row.parent >= 0 {
			sp := &idx.kids[row.parent]
			idx.children[sp.end] = i
			sp.end++
		}
		start := int32(len(idx.lines))
		for j := i; j >= 0; j = int(t.rows[j].parent) {
			idx.lines = append(idx.lines, j)
		}
		idx.line[i] = span{start, int32(len(idx.lines))}
	}
	return idx
}

// namesStarting returns the place names s might start with: those sharing
// its first rune.
func (idx placeIndex) namesStarting(s string) []placeName {
	r, _ := utf8.DecodeRuneInString(s)
	sp := idx.firstRune[r]
	return idx.names[sp.start:sp.end:sp.end]
}

func (idx placeIndex) nameOf(n placeName) string { return idx.text[n.start:n.end] }

// childrenOf lists the places directly under place i.
func (idx placeIndex) childrenOf(i int) []int {
	sp := idx.kids[i]
	return idx.children[sp.start:sp.end:sp.end]
}

// docNumberHeads are what follows a place's abbreviation in a government
// document number: 宁政发, 鄂政办发, 粤府, 川府发.
var docNumberHeads = []string{"政", "府"}

// PlacesByDocNumber finds the places whose abbreviation starts a
// government document number: 鼓政〔2025〕2号 → 南京市/鼓楼区, 鄂政办发 →
// 湖北省. The longest abbreviation wins, so 建邺政发 is not read as 建.
// Several places may share it (宁 is 南京's and 宁夏's); those a user's
// jurisdictions.yaml names come first, the latest file's first.
func (r *Registry) PlacesByDocNumber(docNumber string) []string {
	docNumber = strings.TrimSpace(docNumber)
	var best []int
	bestLen := 0
	for _, a := range r.index.abbreviations {
		if len(a.text) < bestLen || !startsWithHead(docNumber, a.text) {
			continue
		}
		if len(a.text) > bestLen {
			best, bestLen = best[:0], len(a.text)
		}
		best = append(best, a.place)
	}
	r.byLayer(best)
	return r.pathsOf(best)
}

// PlaceByDocNumber is the first of PlacesByDocNumber.
func (r *Registry) PlaceByDocNumber(docNumber string) (string, bool) {
	if paths := r.PlacesByDocNumber(docNumber); len(paths) > 0 {
		return paths[0], true
	}
	return "", false
}

// NumberFits reports whether a document number may be the place's own:
// it starts with one of its abbreviations or names (咸安政发), or with the
// first character of its short name (咸政办发 for 咸宁市), as cities
// usually number their documents. It settles between places a text names.
func (r *Registry) NumberFits(docNumber, path string) bool {
	i, ok := r.places.find(path)
	if !ok {
		return false
	}
	for _, names := range [...][]span{r.places.abbreviations(i), r.places.names(i)} {
		for _, a := range names {
			if startsWithHead(docNumber, r.places.str(a)) {
				return true
			}
		}
	}
	names := r.places.names(i)
	short := names[0]
	if len(names) > 1 {
		short = names[1]
	}
	first, _ := utf8.DecodeRuneInString(r.places.str(short))
	return startsWithHead(docNumber, string(first))
}

func startsWithHead(docNumber, abbrev string) bool {
	rest, ok := strings.CutPrefix(strings.TrimSpace(docNumber), abbrev)
	if !ok {
		return false
	}
	for _, h := range docNumberHeads {
		if strings.HasPrefix(rest, h) {
			return true
		}
	}
	return false
}

// Match is the place a text names and where it names it.
type Match struct {
	// Paths are the places the names may mean, best first: one, unless a
	// name several places share (鼓楼区) is written with nothing before it
	// that settles which. Places a user's jurisdictions.yaml names come
	// first.
	Paths []string
	// Start and End are the byte offsets of the names in the text: 湖北省
	// 咸宁市咸安区 is one match, each name followed down through the
	// children of the place before it.
	Start, End int
}

// PlaceNamed finds the first place a text names: the longest name at the
// first position where one starts, followed down through the names of its
// children written right after it (南京市鼓楼区人民政府 → 南京市/鼓楼区,
// 江苏省南京市 → 南京市 where a user re-rooted it).
func (r *Registry) PlaceNamed(text string) (Match, bool) {
	for i := 0; i < len(text); {
		if m, ok := r.placeNamedAt(text, i); ok {
			return m, true
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	return Match{}, false
}

// PlaceNamedAt is PlaceNamed for a name at the very start of text.
func (r *Registry) PlaceNamedAt(text string) (Match, bool) { return r.placeNamedAt(text, 0) }

func (r *Registry) placeNamedAt(text string, at int) (Match, bool) {
	starts, n := r.longestNamesAt(text[at:])
	if len(starts) == 0 {
		return Match{}, false
	}
	var ends []int
	end := 0
	for _, s := range starts {
		i, pos := s, at+n
		for {
			kids, n := r.longestNamesAmong(text[pos:], r.index.childrenOf(i))
			if len(kids) == 0 {
				// A county-level city is written under its province:
				// 江苏省昆山市.
				kids, n = r.longestNamesAmong(text[pos:], r.grandchildren(i))
			}
			if len(kids) == 0 {
				break
			}
			i, pos = kids[0], pos+n
		}
		switch {
		case pos > end:
			ends, end = []int{i}, pos
		case pos == end && !slices.Contains(ends, i):
			ends = append(ends, i)
		}
	}
	r.byLayer(ends)
	return Match{Paths: r.pathsOf(ends), Start: at, End: end}, true
}

func (r *Registry) grandchildren(i int) []int {
	var out []int
	for _, c := range r.index.childrenOf(i) {
		out = append(out, r.index.childrenOf(c)...)
	}
	return out
}

// longestNamesAt returns the places whose longest name s starts with, and
// its length.
func (r *Registry) longestNamesAt(s string) ([]int, int) {
	var l longest
	for _, n := range r.index.namesStarting(s) {
		l.consider(s, int(n.place), r.index.nameOf(n))
	}
	return l.places, l.n
}

// longestNamesAmong is longestNamesAt among candidates.
func (r *Registry) longestNamesAmong(s string, candidates []int) ([]int, int) {
	var l longest
	for _, i := range candidates {
		for _, name := range r.places.allNames(i) {
			l.consider(s, i, r.places.str(name))
		}
	}
	return l.places, l.n
}

// longest collects the places with the longest name a text starts with.
type longest struct {
	places []int
	n      int
}

func (l *longest) consider(s string, i int, name string) {
	if len(name) < l.n || !strings.HasPrefix(s, name) {
		return
	}
	if len(name) > l.n {
		l.places, l.n = l.places[:0], len(name)
	}
	if !slices.Contains(l.places, i) {
		l.places = append(l.places, i)
	}
}

// PlaceByName finds the place a text names (see PlaceNamed) when the text
// settles it: one place, or a name shared by several of which only one is
// in a user's jurisdictions.yaml.
func (r *Registry) PlaceByName(text string) (string, bool) {
	m, ok := r.PlaceNamed(text)
	if !ok {
		return "", false
	}
	return r.Settled(m)
}

// Settled is PlaceByName's answer for a match PlaceNamed found, for a
// caller that wants both without reading the text twice.
func (r *Registry) Settled(m Match) (string, bool) {
	if len(m.Paths) == 0 || len(m.Paths) > 1 && (r.layerOf(m.Paths[0]) == 0 || r.layerOf(m.Paths[1]) > 0) {
		return "", false
	}
	return m.Paths[0], true
}

// layerOf is the layer of a path; 0, the bundled gazetteer's, for a path
// it does not hold.
func (r *Registry) layerOf(path string) int {
	if i, ok := r.places.find(path); ok {
		return r.places.layer(i)
	}
	return 0
}

// byLayer orders place indices: a user's places first, the latest file's
// first, then in gazetteer order.
func (r *Registry) byLayer(is []int) {
	slices.SortStableFunc(is, func(a, b int) int { return r.places.layer(b) - r.places.layer(a) })
}

func (r *Registry) pathsOf(is []int) []string {
	if len(is) == 0 {
		return nil
	}
	out := make([]string, len(is))
	for k, i := range is {
		out[k] = r.places.path(i)
	}
	return out
}

// placePrefix returns the place whose name starts unit (鼓楼区政府,
// 鼓楼公安分局, 南京海事局). Only places of the document's province count:
// a Nanjing plan's 湖南路街道 is a street, not 湖南省's. Where several share
// the name (江苏 has a 鼓楼区 in 南京 and in 徐州) the one nearest the
// document's wins.
func (r *Registry) placePrefix(unit, docJurisdiction string) (string, bool) {
	line := r.line(docJurisdiction)
	if len(line) == 0 {
		return "", false
	}
	top := line[len(line)-1]
	best, bestLen, bestShared := -1, 0, -1
	for _, n := range r.index.namesStarting(unit) {
		name := r.index.nameOf(n)
		if len(name) < bestLen || !strings.HasPrefix(unit, name) {
			continue
		}
		ancestors := r.ancestors(int(n.place))
		if ancestors[len(ancestors)-1] != top {
			continue
		}
		shared := sharedTail(ancestors, line)
		if len(name) > bestLen || shared > bestShared {
			best, bestLen, bestShared = int(n.place), len(name), shared
		}
	}
	if best < 0 {
		return "", false
	}
	return r.places.path(best), true
}

// ancestors lists place i and the places enclosing it, nearest first. The
// list is the index's own: callers only read it.
func (r *Registry) ancestors(i int) []int {
	sp := r.index.line[i]
	return r.index.lines[sp.start:sp.end:sp.end]
}

// line lists the gazetteer places a path lies in, nearest first: the path
// itself when the gazetteer holds it, else its nearest enclosing path that
// it holds (a place read from a document, 湖北省/咸宁市/某某新区, lies in
// 湖北省/咸宁市), and then their parents.
func (r *Registry) line(path string) []int {
	for p := path; p != ""; p = parentPath(p) {
		if i, ok := r.places.find(p); ok {
			return r.ancestors(i)
		}
	}
	return nil
}

// sharedTail counts the enclosing places two lines share.
func sharedTail(a, b []int) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}

// Places lists the gazetteer: the bundled places in code order, then those
// users added, in file order.
func (r *Registry) Places() []Place {
	out := make([]Place, len(r.places.rows))
	for i := range out {
		out[i] = r.places.place(i)
	}
	return out
}

// PlaceByCode finds the place of a GB/T 2260 code (420102 → 湖北省/武汉市/江岸区).
func (r *Registry) PlaceByCode(code string) (string, bool) {
	for i, row := range r.places.rows {
		if r.places.str(row.code) == code {
			return r.places.path(i), true
		}
	}
	return "", false
}

// Place returns the gazetteer entry of a path.
func (r *Registry) Place(path string) (Place, bool) {
	if i, ok := r.places.find(path); ok {
		return r.places.place(i), true
	}
	return Place{}, false
}

// ParentOf is Place(path).Parent without copying the place: the path of
// the place enclosing it, "" for a top place; false when the gazetteer does
// not hold path.
func (r *Registry) ParentOf(path string) (string, bool) {
	if i, ok := r.places.find(path); ok {
		return r.places.parentPath(i), true
	}
	return "", false
}

// Enclosing returns the nearest place on path, itself included, whose name
// ends with suffix (省, 市, 州, 区, 县 …): 市 in a document of
// 江苏省/无锡市/江阴市 means 江阴市, a county-level city; 省 in one of
// 南京市 means 江苏省. A path the gazetteer does not hold is read by its
// elements, then its known part's parents.
func (r *Registry) Enclosing(path, suffix string) (string, bool) {
	for p := path; p != ""; p = parentPath(p) {
		if i, ok := r.places.find(p); ok {
			for _, a := range r.ancestors(i) {
				if endsWithLevel(r.places.str(r.places.names(a)[0]), suffix) {
					return r.places.path(a), true
				}
			}
			return "", false
		}
		if endsWithLevel(lastElem(p), suffix) {
			return p, true
		}
	}
	return "", false
}

// endsWithLevel reports whether name ends with a level's suffix; 区 is not
// 自治区's (广西壮族自治区 is a province).
func endsWithLevel(name, suffix string) bool {
	return strings.HasSuffix(name, suffix) && (suffix != "区" || !strings.HasSuffix(name, "自治区"))
}

func parentPath(path string) string {
	if i := strings.LastIndex(path, "/"); i >= 0 {
		return path[:i]
	}
	return ""
}

func lastElem(path string) string { return path[strings.LastIndex(path, "/")+1:] }
