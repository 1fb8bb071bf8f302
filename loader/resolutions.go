package loader

import (
	"slices"
	"sync"

	"github.com/dutygraph/dutygraph/registry"
)

// resolutions remembers the registry's answers for a Parser (see there
// why): ResolveUnit's by name and document jurisdiction, PlaceNamed's and
// PlaceByName's by text.
type resolutions struct {
	reg    *registry.Registry
	memo   sync.Map // resolutionKey → registry.Resolution
	places sync.Map // text → placeAnswer
}

type placeAnswer struct {
	match     registry.Match
	ok        bool
	preferred string // PlaceByName's answer: the one place the text settles, if any
}

// placeNamed is reg.PlaceNamed(text), with reg.PlaceByName's answer.
func (r *resolutions) placeNamed(text string) placeAnswer {
	a, ok := r.places.Load(text)
	if !ok {
		var pa placeAnswer
		pa.match, pa.ok = r.reg.PlaceNamed(text)
		pa.preferred, _ = r.reg.PlaceByName(text)
		a, _ = r.places.LoadOrStore(text, pa)
	}
	return a.(placeAnswer)
}

// placeByName is reg.PlaceByName(text).
func (r *resolutions) placeByName(text string) (string, bool) {
	a := r.placeNamed(text)
	return a.preferred, a.preferred != ""
}

type resolutionKey struct{ name, jurisdiction string }

func newResolutions(reg *registry.Registry) *resolutions {
	return &resolutions{reg: reg}
}

// resolve is reg.ResolveUnit(name, jurisdiction); the caller may keep and
// change the answer's Aliases.
func (r *resolutions) resolve(name, jurisdiction string) registry.Resolution {
	key := resolutionKey{name, jurisdiction}
	res, ok := r.memo.Load(key)
	if !ok {
		res, _ = r.memo.LoadOrStore(key, r.reg.ResolveUnit(name, jurisdiction))
	}
	out := res.(registry.Resolution)
	out.Aliases = slices.Clone(out.Aliases)
	return out
}
