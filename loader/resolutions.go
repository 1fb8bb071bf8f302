package loader

import (
	"slices"
	"sync"

	"github.com/dutygraph/dutygraph/registry"
)

// resolutions remembers the registry's answers for a Parser (see there
// why): ResolveUnit's by name and document jurisdiction, PlaceByName's by
// text.
type resolutions struct {
	reg    *registry.Registry
	memo   sync.Map // resolutionKey → registry.Resolution
	places sync.Map // text → placeAnswer
}

type placeAnswer struct {
	path string
	ok   bool
}

// placeByName is reg.PlaceByName(text).
func (r *resolutions) placeByName(text string) (string, bool) {
	a, ok := r.places.Load(text)
	if !ok {
		path, found := r.reg.PlaceByName(text)
		a, _ = r.places.LoadOrStore(text, placeAnswer{path, found})
	}
	pa := a.(placeAnswer)
	return pa.path, pa.ok
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
