package loader

import (
	"slices"
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
	if g := p.given.Jurisdiction; g != "" {
		path := p.givenPlace(g)
		if doc.Jurisdiction != "" && doc.Jurisdiction != path {
			p.warn(0, "jurisdiction %s given overrides %s read from the document", path, doc.Jurisdiction)
			doc.Issuer = ""
		}
		doc.Jurisdiction = path
		if doc.Issuer == "" {
			doc.Issuer = strings.ReplaceAll(path, "/", "") + "人民政府"
		}
	}
}

// givenPlace is the gazetteer path of a jurisdiction the user gave: a path
// it knows, a name of one of its places, or else the text itself, a place
// of its own.
func (p *parser) givenPlace(given string) string {
	given = strings.TrimSpace(given)
	if _, ok := p.reg.Place(given); ok {
		return given
	}
	if path, ok := p.res.placeByName(given); ok && !strings.Contains(given, "/") {
		if pl, _ := p.reg.Place(path); hasName(pl, given) {
			return path
		}
	}
	p.warn(0, "jurisdiction %q given is not in the gazetteer: loaded as a place of its own (add it to %s to place it under its parents)", given, registry.JurisdictionsFile)
	return given
}

// hasName reports whether name is one of pl's names (its last path element
// is always one).
func hasName(pl registry.Place, name string) bool {
	return slices.Contains(pl.Names, name)
}
