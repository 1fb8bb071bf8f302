// Package registry holds what dutygraph knows about units and places beyond
// the documents themselves: the gazetteer of jurisdictions
// (jurisdictions.yaml) and the alias, kind and lineage registry of units
// (units.yaml). Both are data, so users extend them without recompiling.
//
// A written unit name is resolved in three steps: the jurisdiction it
// belongs to (from its name and the document's jurisdiction), its canonical
// name (the alias group of that jurisdiction that holds it), and its kind
// (units.yaml, else rules on the name).
package registry

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode"

	"github.com/dutygraph/dutygraph/graph"
	"go.yaml.in/yaml/v3"
)

// File names of the registry inside the directory Load reads.
const (
	UnitsFile         = "units.yaml"
	JurisdictionsFile = "jurisdictions.yaml"
)

// anyJurisdiction scopes a units.yaml entry to every jurisdiction.
const anyJurisdiction = "*"

// Registry is the parsed gazetteer and unit registry. It is read-only once
// built and safe for concurrent use.
type Registry struct {
	places       []place
	byPath       map[string]int
	index        placeIndex
	units        map[string]map[string]*unit // jurisdiction path or "*" → normalised name → unit
	placeholders map[string]bool             // normalised names of collectives, in every jurisdiction
	lineage      []Lineage
	sources      []string
}

// unit is one body of units.yaml: its canonical name first, then its aliases.
type unit struct {
	jurisdiction string
	names        []string
	kind         graph.UnitKind // "" when the rules decide
	file         string
	line         int
}

// Resolution is a written unit name resolved against the registry.
type Resolution struct {
	// Canonical is the registry's name for the body (alias groups merged),
	// else the normalised written name.
	Canonical    string
	Kind         graph.UnitKind
	Jurisdiction string   // path of the jurisdiction the unit belongs to
	Aliases      []string // other names of the same body known to the registry
}

// Lineage records that a reorganised body's work passed to another
// (市大数据管理局 → 市数据局). From and To are canonical names in
// Jurisdiction; a lineage link never merges the two units.
type Lineage struct{ Jurisdiction, From, To, Note string }

// Layer is a directory that may hold units.yaml and jurisdictions.yaml.
// Name says where it is, for errors and Sources (seeds, /data); "" names
// the files alone.
type Layer struct {
	Name string
	FS   fs.FS
}

// Load builds the registry from the bundled gazetteer and the registry
// files at the root of each layer, in order (see LoadLayers).
func Load(layers ...fs.FS) (*Registry, error) {
	named := make([]Layer, len(layers))
	for i, l := range layers {
		named[i] = Layer{FS: l}
	}
	return LoadLayers(named...)
}

// LoadLayers builds the registry from the bundled gazetteer and the files
// of each layer, later layers adding to and overriding earlier ones: each
// jurisdictions.yaml is laid over the gazetteer (see parseJurisdictions),
// then each units.yaml adds units, a name already given by an earlier file
// now meaning the later file's unit. A layer may hold either file or both,
// so a folder with only jurisdictions.yaml or only units.yaml overlays the
// bundled registry.
func LoadLayers(layers ...Layer) (*Registry, error) {
	g, err := parseBundled(bundledGazetteer)
	if err != nil {
		return nil, err
	}
	sources := []string{g.source}
	unitFiles := make([][]byte, len(layers))
	for i, l := range layers {
		places, err := readOptional(l.FS, JurisdictionsFile)
		if err != nil {
			return nil, fmt.Errorf("registry: %w", err)
		}
		if unitFiles[i], err = readOptional(l.FS, UnitsFile); err != nil {
			return nil, fmt.Errorf("registry: %w", err)
		}
		if places == nil && unitFiles[i] == nil {
			return nil, fmt.Errorf("registry: %s holds neither %s nor %s", layerName(l), UnitsFile, JurisdictionsFile)
		}
		if places != nil {
			name := path.Join(l.Name, JurisdictionsFile)
			if err := parseJurisdictions(name, places, g, i+1, false); err != nil {
				return nil, err
			}
			sources = append(sources, name)
		}
	}
	r := newRegistry(g)
	for i, l := range layers {
		if unitFiles[i] != nil {
			name := path.Join(l.Name, UnitsFile)
			if err := r.parseUnits(name, unitFiles[i]); err != nil {
				return nil, err
			}
			sources = append(sources, name)
		}
	}
	r.sources = sources
	return r, nil
}

// readOptional reads a file of fsys; nil, without error, when there is none.
func readOptional(fsys fs.FS, name string) ([]byte, error) {
	b, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if b == nil && err == nil {
		b = []byte{}
	}
	return b, err
}

func layerName(l Layer) string {
	if l.Name == "" {
		return "the registry directory"
	}
	return l.Name
}

// Parse builds a registry from the contents of the two files alone, without
// the bundled gazetteer: jurisdictions.yaml is then the whole gazetteer.
// The names are used in error messages (units.yaml:12: unknown kind
// "agency").
func Parse(unitsYAML, jurisdictionsYAML []byte, unitsName, jurisdictionsName string) (*Registry, error) {
	g := &gazetteer{byPath: map[string]int{}}
	if err := parseJurisdictions(jurisdictionsName, jurisdictionsYAML, g, 1, true); err != nil {
		return nil, err
	}
	r := newRegistry(g)
	if err := r.parseUnits(unitsName, unitsYAML); err != nil {
		return nil, err
	}
	r.sources = []string{jurisdictionsName, unitsName}
	return r, nil
}

func newRegistry(g *gazetteer) *Registry {
	return &Registry{
		places: g.places, byPath: g.byPath, index: indexPlaces(g.places),
		units: map[string]map[string]*unit{}, placeholders: map[string]bool{},
	}
}

// Sources names what the registry was built from, for the log: the bundled
// gazetteer with its version and size, then each file read.
func (r *Registry) Sources() []string { return slices.Clone(r.sources) }

func (r *Registry) parseUnits(file string, data []byte) error {
	root, err := parseYAML(file, data)
	if err != nil || root == nil {
		return err
	}
	top, err := mapping(file, root, "the file", "units", "placeholders", "lineage")
	if err != nil {
		return err
	}
	items, err := sequence(file, top["units"], "units")
	if err != nil {
		return err
	}
	for _, item := range items {
		if err := r.parseUnit(file, item); err != nil {
			return err
		}
	}
	names, err := texts(file, top["placeholders"], "placeholders")
	if err != nil {
		return err
	}
	for _, n := range names {
		r.placeholders[normalise(n)] = true
	}
	links, err := sequence(file, top["lineage"], "lineage")
	if err != nil {
		return err
	}
	for _, item := range links {
		if err := r.parseLineage(file, item); err != nil {
			return err
		}
	}
	return nil
}

func (r *Registry) parseUnit(file string, n *yaml.Node) error {
	f, err := mapping(file, n, "a unit", "name", "jurisdiction", "aliases", "kind")
	if err != nil {
		return err
	}
	name, err := text(file, f["name"], "name")
	if err != nil {
		return err
	}
	if name == "" {
		return errAt(file, n, "unit without a name")
	}
	jur, err := r.jurisdictionField(file, n, f["jurisdiction"])
	if err != nil {
		return err
	}
	aliases, err := texts(file, f["aliases"], "aliases")
	if err != nil {
		return err
	}
	kind, err := text(file, f["kind"], "kind")
	if err != nil {
		return err
	}
	if kind != "" && !graph.UnitKind(kind).Valid() {
		return errAt(file, f["kind"], "unknown kind %q (known: %s)", kind, kindList())
	}
	u := &unit{jurisdiction: jur, kind: graph.UnitKind(kind), file: file, line: n.Line}
	if r.units[jur] == nil {
		r.units[jur] = map[string]*unit{}
	}
	for _, written := range append([]string{name}, aliases...) {
		key := normalise(written)
		if other, dup := r.units[jur][key]; dup && other.file == file {
			return errAt(file, n, "%q is already a name of the unit at line %d in %s", written, other.line, jur)
		}
		r.units[jur][key] = u
		u.names = append(u.names, key)
	}
	return nil
}

func (r *Registry) parseLineage(file string, n *yaml.Node) error {
	f, err := mapping(file, n, "a lineage link", "jurisdiction", "from", "to", "note")
	if err != nil {
		return err
	}
	jur, err := r.jurisdictionField(file, n, f["jurisdiction"])
	if err != nil {
		return err
	}
	if jur == anyJurisdiction {
		return errAt(file, f["jurisdiction"], "a lineage link belongs to one jurisdiction, not %q", anyJurisdiction)
	}
	l := Lineage{Jurisdiction: jur}
	for _, field := range []struct {
		key string
		dst *string
	}{{"from", &l.From}, {"to", &l.To}, {"note", &l.Note}} {
		v, err := text(file, f[field.key], field.key)
		if err != nil {
			return err
		}
		if v == "" {
			return errAt(file, n, "lineage link without %q (a note gives the evidence for the link)", field.key)
		}
		*field.dst = v
	}
	l.From = r.canonical(jur, normalise(l.From))
	l.To = r.canonical(jur, normalise(l.To))
	if l.From == l.To {
		return errAt(file, n, "lineage link from %q to itself (aliases of one unit are not a succession)", l.From)
	}
	r.lineage = append(r.lineage, l)
	return nil
}

// jurisdictionField reads a required jurisdiction: a gazetteer path or "*".
func (r *Registry) jurisdictionField(file string, parent, n *yaml.Node) (string, error) {
	jur, err := text(file, n, "jurisdiction")
	if err != nil {
		return "", err
	}
	switch {
	case jur == "":
		return "", errAt(file, parent, "missing jurisdiction (a path of %s such as 南京市/鼓楼区, or %q for every jurisdiction)", JurisdictionsFile, anyJurisdiction)
	case jur == anyJurisdiction:
		return jur, nil
	}
	if _, ok := r.byPath[jur]; !ok {
		return "", errAt(file, n, "unknown jurisdiction %q: add it to %s", jur, JurisdictionsFile)
	}
	return jur, nil
}

func (r *Registry) canonical(jur, key string) string {
	if u := r.lookup(jur, key); u != nil {
		return u.names[0]
	}
	return key
}

// ResolveUnit resolves a unit name as written in a document of
// docJurisdiction.
//
// The unit's jurisdiction is that of a units.yaml entry for the name in the
// document's jurisdiction or one enclosing it, nearest first; else it is read
// from the name: 市… belongs to the nearest enclosing 市, 区… to the nearest
// 区, 县… to the nearest 县, 省… to the province (团市委, 州…, 旗… likewise),
// a name starting with a place of the document's province to that place
// (鼓楼区政府, 南京海事局), anything else to the document's jurisdiction.
func (r *Registry) ResolveUnit(name, docJurisdiction string) Resolution {
	key := normalise(name)
	var jur string
	u := r.visible(key, docJurisdiction)
	if u != nil {
		jur = u.jurisdiction
	} else {
		jur = r.unitJurisdiction(key, docJurisdiction)
		u = r.lookup(jur, key)
	}
	res := Resolution{Canonical: key, Jurisdiction: jur}
	if u != nil {
		res.Canonical = u.names[0]
		res.Aliases = append([]string(nil), u.names[1:]...)
		res.Kind = u.kind
	}
	if res.Kind == "" {
		res.Kind = r.classify(res.Canonical, docJurisdiction)
	}
	return res
}

// visible returns the units.yaml entry named key in jurisdiction doc or the
// nearest one enclosing it: it fixes the jurisdiction of names the rules
// would misread (雨花台烈士陵园管理局 is the city's, not 雨花台区's).
func (r *Registry) visible(key, doc string) *unit {
	for p := doc; p != ""; p = parentPath(p) {
		if u := r.units[p][key]; u != nil {
			return u
		}
		if i, ok := r.byPath[p]; ok {
			for _, a := range r.ancestors(i)[1:] {
				if u := r.units[r.places[a].Path][key]; u != nil {
					return u
				}
			}
			return nil
		}
	}
	return nil
}

// lookup returns the entry named key in jurisdiction jur, else one valid in
// every jurisdiction.
func (r *Registry) lookup(jur, key string) *unit {
	if u := r.units[jur][key]; u != nil {
		return u
	}
	return r.units[anyJurisdiction][key]
}

// levelPrefixes start unit names that say their level instead of their
// place (市发改委, 县财政局, 州民政局, 自治区发展改革委), and the suffix of
// the place they mean. 团市委 is the Youth League's city committee.
var levelPrefixes = []struct{ prefix, suffix string }{
	{"团市委", "市"}, {"团区委", "区"}, {"团县委", "县"},
	{"自治区", "自治区"}, {"省", "省"}, {"市", "市"}, {"区", "区"}, {"县", "县"},
	{"州", "州"}, {"盟", "盟"}, {"旗", "旗"},
}

// LevelPrefix returns the level a unit name starts with (市 for 市发改委,
// 自治区 for 自治区发展改革委), "" when it starts with none; 市场监管局
// starts with no level.
func LevelPrefix(name string) string {
	for _, l := range levelPrefixes {
		if strings.HasPrefix(name, l.prefix) && !strings.HasPrefix(name, "市场") {
			return l.suffix
		}
	}
	return ""
}

// unitJurisdiction reads a unit's jurisdiction from its name.
func (r *Registry) unitJurisdiction(name, doc string) string {
	if level := LevelPrefix(name); level != "" {
		if p, ok := r.Enclosing(doc, level); ok {
			return p
		}
		return doc
	}
	if p, ok := r.placePrefix(name, doc); ok {
		return p
	}
	return doc
}

// Lineage lists the successor links of units.yaml in file order.
func (r *Registry) Lineage() []Lineage { return append([]Lineage(nil), r.lineage...) }

// normalise is the form names are matched in: no spaces, half-width round
// brackets, so 市委组织部（人才办） matches 市委组织部(人才办).
func normalise(name string) string {
	return strings.Map(func(c rune) rune {
		switch {
		case unicode.IsSpace(c):
			return -1
		case c == '（':
			return '('
		case c == '）':
			return ')'
		}
		return c
	}, name)
}

func kindList() string {
	names := make([]string, len(graph.UnitKinds))
	for i, k := range graph.UnitKinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}
