package graph

import (
	"sort"
	"strings"
)

// Suggest returns up to n of candidates that come close to name, best first,
// for "did you mean" messages. Similarity is measured on characters (runes),
// not bytes or words, so that it works for Chinese names, where one mistyped
// or omitted character (市文旅 for 市文旅局, 市文化旅游局 for 市文化和旅游局)
// is the usual mistake. A candidate containing the name, or contained in it,
// ranks above one that merely shares characters. Ties are broken by the
// candidate itself, so the answer is deterministic; duplicates are dropped.
func Suggest(name string, candidates []string, n int) []string {
	name = strings.TrimSpace(name)
	if n <= 0 || name == "" {
		return nil
	}
	query := []rune(name)
	type scored struct {
		name      string
		score     float64
		contained bool
	}
	var found []scored
	best := 0.0
	seen := map[string]bool{}
	for _, c := range candidates {
		if seen[c] || c == "" {
			continue
		}
		seen[c] = true
		cr := []rune(c)
		if len(query) > maxLengthRatio*len(cr) {
			// Cannot reach the threshold (see maxLengthRatio); skipping it
			// also keeps a megabyte-long name from costing a megabyte of
			// edit distance per candidate.
			continue
		}
		f := scored{c, similarity(query, cr), strings.Contains(c, name) || strings.Contains(name, c)}
		if f.score >= suggestThreshold {
			found = append(found, f)
			best = max(best, f.score)
		}
	}
	// Keep only the candidates close to the best one: when 市数据局 fits,
	// 市工信局 (which shares just 市…局) is noise.
	kept := found[:0]
	for _, f := range found {
		if f.score >= best-suggestSpread {
			kept = append(kept, f)
		}
	}
	sort.Slice(kept, func(i, j int) bool {
		a, b := kept[i], kept[j]
		// Containment is the strongest hint (a dropped prefix or suffix).
		if a.contained != b.contained {
			return a.contained
		}
		if a.score != b.score {
			return a.score > b.score
		}
		return a.name < b.name
	})
	var out []string
	for _, f := range kept[:min(n, len(kept))] {
		out = append(out, f.name)
	}
	return out
}

// suggestThreshold keeps out candidates that share little more than the
// ubiquitous 市…局 frame with the name: 市科技局 is not offered for 市文旅局.
const suggestThreshold = 0.55

// maxLengthRatio: a name more than three times as long as a candidate
// scores below suggestThreshold against it whatever their characters. With
// r = len(candidate)/len(name) < 1/3, coverage and the edit term are at most
// r and the Dice term at most 2r/(1+r), so the mean stays under 0.39.
const maxLengthRatio = 3

// suggestSpread is how far below the best candidate another may score and
// still be offered.
const suggestSpread = 0.25

// similarity scores name a against candidate b between 0 and 1: the mean of
// the shared characters (Dice coefficient over rune multisets), the share of
// a's characters found in b (so 市文旅 still finds the longer 市文化和旅游局)
// and the normalised edit distance.
func similarity(a, b []rune) float64 {
	longest := max(len(a), len(b))
	if longest == 0 {
		return 0
	}
	edit := 1 - float64(runeDistance(a, b))/float64(longest)
	shared := sharedRunes(a, b)
	dice := 2 * float64(shared) / float64(len(a)+len(b))
	coverage := float64(shared) / float64(len(a))
	return (dice + coverage + edit) / 3
}

// sharedRunes counts the runes a and b have in common, a repeated rune as
// often as both hold it.
func sharedRunes(a, b []rune) int {
	counts := map[rune]int{}
	for _, r := range a {
		counts[r]++
	}
	shared := 0
	for _, r := range b {
		if counts[r] > 0 {
			counts[r]--
			shared++
		}
	}
	return shared
}

// runeDistance is the Levenshtein distance between a and b in runes.
func runeDistance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
