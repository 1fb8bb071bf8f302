package loader

import (
	"slices"
	"sync"

	"github.com/dutygraph/dutygraph/registry"
)

// resolutions remembers the registry's answers for a Parser (see there
// why): ResolveUnit's by name and document jurisdiction, PlaceNamed's and
// PlaceByName's by text, PlaceNamedAt's by name. Plain maps under a lock,
// not sync.Maps: a Parser stores most answers it reads only once, the
// first time its documents name a unit, and a sync.Map allocates for each
// store.
type resolutions struct {
	reg *registry.Registry

	mu       sync.RWMutex
	units    map[resolutionKey]registry.Resolution
	places   map[string]placeAnswer
	namedAts map[string]namedAt
}

type placeAnswer struct {
	match     registry.Match
	ok        bool
	preferred string // PlaceByName's answer: the one place the text settles, if any
}

type namedAt struct {
	match registry.Match
	ok    bool
}

type resolutionKey struct{ name, jurisdiction string }

func newResolutions(reg *registry.Registry) *resolutions {
	return &resolutions{
		reg:   reg,
		units: map[resolutionKey]registry.Resolution{}, places: map[string]placeAnswer{}, namedAts: map[string]namedAt{},
	}
}

// documentResolutions are the resolutions of a Parser made for one
// document (Parse): the parser remembers each unit it resolves by name
// already, so they do not, and remember only places, which the header and
// the units ask about again and again.
func documentResolutions(reg *registry.Registry) *resolutions {
	return &resolutions{reg: reg, places: map[string]placeAnswer{}, namedAts: map[string]namedAt{}}
}

// remembered returns m[key], asking the registry through answer the first
// time; a nil map remembers nothing. answer runs outside the lock: two goroutines may both ask, and
// both get the same answer.
func remembered[K comparable, V any](r *resolutions, m map[K]V, key K, answer func() V) V {
	if m == nil {
		return answer()
	}
	r.mu.RLock()
	v, ok := m[key]
	r.mu.RUnlock()
	if ok {
		return v
	}
	v = answer()
	r.mu.Lock()
	m[key] = v
	r.mu.Unlock()
	return v
}

// placeNamed is reg.PlaceNamed(text), with reg.PlaceByName's answer.
func (r *resolutions) placeNamed(text string) placeAnswer {
	return remembered(r, r.places, text, func() placeAnswer {
		var pa placeAnswer
		pa.match, pa.ok = r.reg.PlaceNamed(text)
		pa.preferred, _ = r.reg.Settled(pa.match)
		return pa
	})
}

// placeByName is reg.PlaceByName(text).
func (r *resolutions) placeByName(text string) (string, bool) {
	a := r.placeNamed(text)
	return a.preferred, a.preferred != ""
}

// placeNamedAt is reg.PlaceNamedAt(text); the caller must not change the
// match's Paths.
func (r *resolutions) placeNamedAt(text string) (registry.Match, bool) {
	a := remembered(r, r.namedAts, text, func() namedAt {
		var a namedAt
		a.match, a.ok = r.reg.PlaceNamedAt(text)
		return a
	})
	return a.match, a.ok
}

// resolve is reg.ResolveUnit(name, jurisdiction); the caller may keep and
// change the answer's Aliases.
func (r *resolutions) resolve(name, jurisdiction string) registry.Resolution {
	out := r.resolveShared(name, jurisdiction)
	out.Aliases = slices.Clone(out.Aliases)
	return out
}

// resolveShared is resolve for a caller that only reads the answer.
func (r *resolutions) resolveShared(name, jurisdiction string) registry.Resolution {
	return remembered(r, r.units, resolutionKey{name, jurisdiction}, func() registry.Resolution {
		return r.reg.ResolveUnit(name, jurisdiction)
	})
}
