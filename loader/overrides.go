package loader

import (
	"fmt"
	"strings"

	"github.com/dutygraph/dutygraph/registry"
)

// Overrides is what a user says about a document that it may not say
// itself, or says wrongly: dutygraph's --year and --jurisdiction, or the
// document's entry in its folder's manifest.yaml. A field given beats what
// is read, and a warning notes any disagreement; a zero field leaves the
// reading alone.
type Overrides struct {
	Year int
	// Jurisdiction is a gazetteer path (湖北省/咸宁市/咸安区) or a name the
	// gazetteer knows (咸安区); anything else is taken as a new place.
	Jurisdiction string
}

// applyOverrides puts what the user gave over what was read (yearFrom
// says where the year read came from), and says what is still missing and
// how to give it.
func (p *parser) applyOverrides(doc *Document, yearFrom string) {
	if g := p.given.Year; g != 0 {
		if doc.Year != 0 && doc.Year != g {
			p.warn(0, "year %d given overrides %d read from %s", g, doc.Year, yearFrom)
		}
		doc.Year = g
	}
	if doc.Year == 0 {
		p.warn(0, "no year found in the title, headings, notice, date or document number: give it with --year or in %s", ManifestFile)
	}
	if path := p.given.Jurisdiction; path != "" { // resolved by ParseWith
		if p.givenUnknown {
			p.warn(0, "jurisdiction %q given is not in the gazetteer: loaded as a place of its own (add it to %s to place it under its parents)", path, registry.JurisdictionsFile)
		}
		if doc.Jurisdiction != "" && doc.Jurisdiction != path {
			p.warn(0, "jurisdiction %s given overrides %s read from the document", path, doc.Jurisdiction)
			doc.Issuer = ""
		}
		doc.Jurisdiction = path
		if doc.Issuer == "" {
			doc.Issuer = govName(path)
		}
	}
}

// givenPlace is the gazetteer path of a jurisdiction the user gave: a path
// it knows, or the names of a place written out (咸安区, 湖北省咸宁市咸安区),
// or else the text itself, a place of its own. A name several places share
// (鼓楼区) is refused with the candidates: guessing would file the document
// under another city.
func givenPlace(reg *registry.Registry, given string) (path string, known bool, err error) {
	given = strings.TrimSpace(given)
	if _, ok := reg.Place(given); ok {
		return given, true, nil
	}
	if m, ok := reg.PlaceNamedAt(given); ok && m.End == len(given) && !strings.Contains(given, "/") {
		if len(m.Paths) > 1 {
			return "", false, fmt.Errorf("jurisdiction %q given is ambiguous: it may be %s; give the whole path", given, strings.Join(m.Paths, ", "))
		}
		return m.Paths[0], true, nil
	}
	return given, false, nil
}
