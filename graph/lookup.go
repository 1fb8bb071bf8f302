package graph

import (
	"context"
	"strings"
)

// MatchJurisdiction finds the jurisdiction a user means among all: its path
// (南京市/鼓楼区), a name fitting one jurisdiction (鼓楼区), or that name
// without its 市/区/县 suffix (鼓楼). An empty name means every jurisdiction
// and gives "". An unknown name is a *NotFoundError with near names; a name
// fitting several jurisdictions an *AmbiguousError.
func MatchJurisdiction(all []Jurisdiction, name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", nil
	}
	var matches []string
	for _, j := range all {
		if j.Path == name {
			return j.Path, nil
		}
		if j.Name == name || trimAdminSuffix(j.Name) == name {
			matches = append(matches, j.Path)
		}
	}
	switch len(matches) {
	case 1:
		return matches[0], nil
	case 0:
		// Only a miss lists the names: every request naming a place passes
		// here, and a national corpus has thousands.
		known := make([]string, 0, 2*len(all))
		for _, j := range all {
			known = append(known, j.Path, j.Name)
		}
		return "", NotFound("jurisdiction", name, known)
	}
	return "", &AmbiguousError{What: "jurisdiction", Name: name, Candidates: matches}
}

// trimAdminSuffix drops the level from a place name: 鼓楼区 → 鼓楼. Names
// that would be left with one character (东区) keep their suffix.
func trimAdminSuffix(name string) string {
	for _, s := range []string{"市", "区", "县", "镇", "街道"} {
		if rest, ok := strings.CutSuffix(name, s); ok && len([]rune(rest)) >= 2 {
			return rest
		}
	}
	return name
}

// SuccessionReader reads a unit's direct reorganisations, as Store does.
type SuccessionReader interface {
	Successions(ctx context.Context, unitID string) (predecessors, successors []Succession, err error)
}

// Predecessors lists the IDs of the units reorganised into unitID, directly
// or through others, nearest first.
func Predecessors(ctx context.Context, s SuccessionReader, unitID string) ([]string, error) {
	return lineage(ctx, s, unitID, func(preds, _ []Succession) ([]Succession, func(Succession) string) {
		return preds, func(x Succession) string { return x.From }
	})
}

// Successors lists the IDs of the units unitID was reorganised into,
// directly or through others, nearest first.
func Successors(ctx context.Context, s SuccessionReader, unitID string) ([]string, error) {
	return lineage(ctx, s, unitID, func(_, succs []Succession) ([]Succession, func(Succession) string) {
		return succs, func(x Succession) string { return x.To }
	})
}

// lineage walks successions breadth first from unitID in the direction side
// picks; a cycle in a hand-edited registry ends the walk instead of looping.
func lineage(ctx context.Context, s SuccessionReader, unitID string, side func(preds, succs []Succession) ([]Succession, func(Succession) string)) ([]string, error) {
	seen := map[string]bool{unitID: true}
	var out []string
	queue := []string{unitID}
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		preds, succs, err := s.Successions(ctx, id)
		if err != nil {
			return nil, err
		}
		links, other := side(preds, succs)
		for _, l := range links {
			if next := other(l); !seen[next] {
				seen[next] = true
				out = append(out, next)
				queue = append(queue, next)
			}
		}
	}
	return out, nil
}
