package registry

import (
	"slices"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Place is a jurisdiction of the gazetteer (jurisdictions.yaml).
type Place struct {
	Path          string   // 南京市/鼓楼区
	Names         []string // how texts name it: 鼓楼区, 鼓楼; the last element of Path first
	Abbreviations []string // what its document numbers start with: 鼓 (鼓政〔2025〕2号)
}

// parseJurisdictions reads the gazetteer. A place's parent must be listed
// before it, so that every path is anchored at a known top.
func parseJurisdictions(file string, data []byte) ([]Place, error) {
	root, err := parseYAML(file, data)
	if err != nil {
		return nil, err
	}
	if root == nil {
		return nil, errAt(file, nil, "no jurisdictions: the file is empty")
	}
	top, err := mapping(file, root, "the file", "jurisdictions")
	if err != nil {
		return nil, err
	}
	items, err := sequence(file, top["jurisdictions"], "jurisdictions")
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return nil, errAt(file, root, "no jurisdictions listed")
	}
	var places []Place
	seen := map[string]bool{}
	abbrevOwner := map[string]string{}
	for _, item := range items {
		p, err := parsePlace(file, item)
		if err != nil {
			return nil, err
		}
		if seen[p.Path] {
			return nil, errAt(file, item, "jurisdiction %q listed twice", p.Path)
		}
		if parent := parentPath(p.Path); parent != "" && !seen[parent] {
			return nil, errAt(file, item, "jurisdiction %q is listed before its parent %q", p.Path, parent)
		}
		for _, a := range p.Abbreviations {
			if owner, dup := abbrevOwner[a]; dup {
				return nil, errAt(file, item, "abbreviation %q of %q is already %q's: document numbers would be ambiguous", a, p.Path, owner)
			}
			abbrevOwner[a] = p.Path
		}
		seen[p.Path] = true
		places = append(places, p)
	}
	return places, nil
}

func parsePlace(file string, n *yaml.Node) (Place, error) {
	f, err := mapping(file, n, "a jurisdiction", "path", "names", "abbreviations")
	if err != nil {
		return Place{}, err
	}
	path, err := text(file, f["path"], "path")
	if err != nil {
		return Place{}, err
	}
	if path == "" {
		return Place{}, errAt(file, n, "jurisdiction without a path (e.g. path: 南京市/鼓楼区)")
	}
	for _, elem := range strings.Split(path, "/") {
		if strings.TrimSpace(elem) != elem || elem == "" {
			return Place{}, errAt(file, f["path"], "path %q has an empty or padded element", path)
		}
	}
	names, err := texts(file, f["names"], "names")
	if err != nil {
		return Place{}, err
	}
	abbrevs, err := texts(file, f["abbreviations"], "abbreviations")
	if err != nil {
		return Place{}, err
	}
	p := Place{Path: path, Names: []string{lastElem(path)}, Abbreviations: abbrevs}
	for _, name := range names {
		if !slices.Contains(p.Names, name) {
			p.Names = append(p.Names, name)
		}
	}
	return p, nil
}

// placeIndex finds places by the names texts start with, without scanning
// the gazetteer: a national one lists some 3,000 places, and every unit name
// of every document is checked against it.
type placeIndex struct {
	byFirstRune map[rune][]placeName // names by their first rune
	children    map[string][]Place   // places by their parent's path
}

// placeName is one of a place's names.
type placeName struct {
	name  string
	place int // index in Registry.places
}

func indexPlaces(places []Place) placeIndex {
	idx := placeIndex{byFirstRune: map[rune][]placeName{}, children: map[string][]Place{}}
	for i, p := range places {
		for _, name := range p.Names {
			r, _ := utf8.DecodeRuneInString(name)
			idx.byFirstRune[r] = append(idx.byFirstRune[r], placeName{name, i})
		}
		if parent := parentPath(p.Path); parent != "" {
			idx.children[parent] = append(idx.children[parent], p)
		}
	}
	return idx
}

// namesStarting returns the place names s might start with: those sharing
// its first rune.
func (idx placeIndex) namesStarting(s string) []placeName {
	r, _ := utf8.DecodeRuneInString(s)
	return idx.byFirstRune[r]
}

// PlaceByDocNumber finds the place whose abbreviation, followed by 政, starts
// a document number: 鼓政〔2025〕2号 → 南京市/鼓楼区, 宁政发〔2021〕16号 → 南京市.
// The longest abbreviation wins, so 建邺政发 is not read as 建.
func (r *Registry) PlaceByDocNumber(docNumber string) (string, bool) {
	docNumber = strings.TrimSpace(docNumber)
	best, bestLen := "", 0
	for _, p := range r.places {
		for _, a := range p.Abbreviations {
			if strings.HasPrefix(docNumber, a+"政") && len(a) > bestLen {
				best, bestLen = p.Path, len(a)
			}
		}
	}
	return best, best != ""
}

// PlaceByName finds the place a text names: the first place name in it,
// followed down through the names of its children written right after it
// (南京市鼓楼区人民政府 → 南京市/鼓楼区). At each position the longest name
// wins (鼓楼区 over 鼓楼).
func (r *Registry) PlaceByName(text string) (string, bool) {
	for i := 0; i < len(text); {
		if p, n := r.topPlaceAt(text[i:]); p != nil {
			path := p.Path
			rest := text[i+n:]
			for {
				child, n := r.placeAt(rest, r.children(path))
				if child == nil {
					return path, true
				}
				path, rest = child.Path, rest[n:]
			}
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	return "", false
}

// topPlaceAt returns the place with the longest name that s starts with,
// and the name's length.
func (r *Registry) topPlaceAt(s string) (*Place, int) {
	var best *Place
	bestLen := 0
	for _, n := range r.index.namesStarting(s) {
		if len(n.name) > bestLen && strings.HasPrefix(s, n.name) {
			best, bestLen = &r.places[n.place], len(n.name)
		}
	}
	return best, bestLen
}

// placeAt returns the place among candidates with the longest name that s
// starts with, and the name's length.
func (r *Registry) placeAt(s string, candidates []Place) (*Place, int) {
	var best *Place
	bestLen := 0
	for i := range candidates {
		for _, name := range candidates[i].Names {
			if len(name) > bestLen && strings.HasPrefix(s, name) {
				best, bestLen = &candidates[i], len(name)
			}
		}
	}
	return best, bestLen
}

func (r *Registry) children(path string) []Place {
	return r.index.children[path]
}

// placePrefix returns the place whose name starts unit (鼓楼区政府,
// 鼓楼公安分局, 南京海事局). Where several places share a name (there is a
// 鼓楼区 in more than one city) the one nearest the document's wins.
func (r *Registry) placePrefix(unit, docJurisdiction string) (string, bool) {
	best, bestLen, bestShared := "", 0, -1
	for _, n := range r.index.namesStarting(unit) {
		if !strings.HasPrefix(unit, n.name) || len(n.name) < bestLen {
			continue
		}
		path := r.places[n.place].Path
		shared := sharedDepth(path, docJurisdiction)
		if len(n.name) > bestLen || shared > bestShared {
			best, bestLen, bestShared = path, len(n.name), shared
		}
	}
	return best, best != ""
}

// Places lists the gazetteer in file order.
func (r *Registry) Places() []Place {
	out := make([]Place, len(r.places))
	for i, p := range r.places {
		out[i] = clonePlace(p)
	}
	return out
}

// clonePlace copies p so that callers cannot change the registry.
func clonePlace(p Place) Place {
	return Place{Path: p.Path, Names: slices.Clone(p.Names), Abbreviations: slices.Clone(p.Abbreviations)}
}

// Place returns the gazetteer entry of a path.
func (r *Registry) Place(path string) (Place, bool) {
	for _, p := range r.places {
		if p.Path == path {
			return clonePlace(p), true
		}
	}
	return Place{}, false
}

// enclosing returns the nearest jurisdiction on path (itself included) whose
// name ends with suffix (市, 区, 县): a 市 prefix in a document of
// 无锡市/江阴市 means 江阴市, a county-level city.
func enclosing(path, suffix string) (string, bool) {
	for p := path; p != ""; p = parentPath(p) {
		if strings.HasSuffix(lastElem(p), suffix) {
			return p, true
		}
	}
	return "", false
}

func parentPath(path string) string {
	if i := strings.LastIndex(path, "/"); i >= 0 {
		return path[:i]
	}
	return ""
}

func lastElem(path string) string { return path[strings.LastIndex(path, "/")+1:] }

// sharedDepth counts the leading path elements a and b share.
func sharedDepth(a, b string) int {
	as, bs := strings.Split(a, "/"), strings.Split(b, "/")
	n := 0
	for n < len(as) && n < len(bs) && as[n] == bs[n] {
		n++
	}
	return n
}
