package analysis

import (
	"context"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Terms splits a task's text into the terms similarity is computed over, in
// text order: every Chinese character alone (unigram) followed by the pair
// it ends (bigram) when the character before it is Chinese too, and every
// run of Latin letters as one lower-cased word (AI, 5G's G).
//
// Chinese has no spaces and plan language has no dictionary a segmenter
// would know (首店经济, 一网通办); character bigrams need none and catch most
// two-character words, the unit Chinese vocabulary is built from. Unigrams
// catch the rewordings bigrams miss (托育 and 托位 share 托): on the labelled
// pairs they raised recall at equal precision (see ContinuityThreshold).
//
// Digits and punctuation are dropped and break runs: the numbers are what
// changes from one year's task to the next (5% → 7%, 2021年 → 2026年), so
// keeping them would hide a continued task, and matching on a shared "2026"
// would link unrelated tasks of one year. Full-width Latin letters (ＡＩ) are
// folded to ASCII first.
func Terms(text string) []string {
	terms := make([]string, 0, 2*len(text)/3)
	// Terms are substrings of text where they can be, so that splitting
	// allocates only the slice: start and prev are byte offsets of the
	// current Han run's first and last character.
	start, prev := -1, -1
	var latin strings.Builder
	flushLatin := func() {
		if latin.Len() > 0 {
			terms = append(terms, latin.String())
			latin.Reset()
		}
	}
	for i, r := range text {
		if r >= 'Ａ' && r <= 'ｚ' {
			r = r - 'Ａ' + 'A'
		}
		switch {
		case unicode.Is(unicode.Han, r):
			flushLatin()
			size := utf8.RuneLen(r)
			terms = append(terms, text[i:i+size])
			if start >= 0 {
				terms = append(terms, text[prev:i+size])
			} else {
				start = i
			}
			prev = i
		case r < unicode.MaxASCII && unicode.IsLetter(r):
			start = -1
			latin.WriteRune(unicode.ToLower(r))
		default:
			start = -1
			flushLatin()
		}
	}
	flushLatin()
	if len(terms) == 0 {
		return nil
	}
	return terms
}

// Vector is a text's TF-IDF weights, L2-normalised, sorted by term ID so
// that two vectors' cosine is one merge.
type Vector []weight

type weight struct {
	term int
	w    float64
}

// Corpus weights terms by how rare they are among a set of texts. Tasks of
// one plan repeat the plan's own vocabulary (推进, 加快, 建设, 实施) in
// nearly every task; inverse document frequency makes those count little and
// the words that say what a task is about (湖南路, 首店, 数据要素) count much.
type Corpus struct {
	ids   map[string]int
	df    []int
	texts [][]string
}

// NewCorpus builds the term statistics of texts. Similarities computed
// with it depend only on these texts, so two stores holding the same plans
// give the same answers whatever else they hold.
func NewCorpus(texts []string) *Corpus {
	c := &Corpus{ids: map[string]int{}, texts: make([][]string, len(texts))}
	var lastText []int // term ID → 1 + the last text counted in its df
	for i, text := range texts {
		terms := Terms(text)
		c.texts[i] = terms
		for _, t := range terms {
			id, ok := c.ids[t]
			if !ok {
				id = len(c.df)
				c.ids[t] = id
				c.df = append(c.df, 0)
				lastText = append(lastText, 0)
			}
			if lastText[id] != i+1 {
				lastText[id] = i + 1
				c.df[id]++
			}
		}
	}
	return c
}

// Vector is the weighted vector of the corpus's i-th text: term frequency
// dampened as 1+ln(tf) (a task naming 数据 three times is not three times
// about data) times the smoothed inverse document frequency
// ln((1+N)/(1+df))+1.
func (c *Corpus) Vector(i int) Vector {
	return c.weigh(c.texts[i])
}

// VectorOf weighs any text by the corpus's statistics; terms the corpus
// does not hold are left out.
func (c *Corpus) VectorOf(text string) Vector {
	return c.weigh(Terms(text))
}

func (c *Corpus) weigh(terms []string) Vector {
	ids := make([]int, 0, len(terms))
	for _, t := range terms {
		if id, ok := c.ids[t]; ok {
			ids = append(ids, id)
		}
	}
	// Sorted, the IDs come in runs of one term: the run's length is the
	// term's frequency, and the vector comes out sorted by term. Summing the
	// norm in that order also makes every score the same to the last bit on
	// every run.
	slices.Sort(ids)
	n := float64(len(c.texts))
	var v Vector
	for i := 0; i < len(ids); {
		j := i + 1
		for j < len(ids) && ids[j] == ids[i] {
			j++
		}
		w := (1 + math.Log(float64(j-i))) * (math.Log((1+n)/(1+float64(c.df[ids[i]]))) + 1)
		v = append(v, weight{term: ids[i], w: w})
		i = j
	}
	var norm float64
	for _, w := range v {
		norm += w.w * w.w
	}
	if norm == 0 {
		return nil // a text of digits and punctuation only
	}
	norm = math.Sqrt(norm)
	for k := range v {
		v[k].w /= norm
	}
	return v
}

// Cosine is the cosine similarity of two vectors of one corpus: 0 when they
// share no term, 1 when they are the same text (up to term order).
func Cosine(a, b Vector) float64 {
	var dot float64
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].term < b[j].term:
			i++
		case a[i].term > b[j].term:
			j++
		default:
			dot += a[i].w * b[j].w
			i++
			j++
		}
	}
	return min(dot, 1)
}

// Similarity is the |a|×|b| matrix of cosine similarities between two sets
// of texts, weighted over both sets together.
type Similarity struct {
	rows, cols int
	scores     []float64
}

// Compare scores every text of a against every text of b. It goes through
// an inverted index of b's terms, so the work is proportional to the pairs
// that share a term, not to all pairs. It stops with ctx's error, between
// two rows, once ctx is done.
func Compare(ctx context.Context, a, b []string) (*Similarity, error) {
	c := NewCorpus(append(slices.Clip(a), b...))
	s := &Similarity{rows: len(a), cols: len(b), scores: make([]float64, len(a)*len(b))}
	postings := make([][]weight, len(c.df)) // term → (column, weight)
	for j := range b {
		for _, w := range c.Vector(len(a) + j) {
			postings[w.term] = append(postings[w.term], weight{term: j, w: w.w})
		}
	}
	for i := range a {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		row := s.scores[i*s.cols : (i+1)*s.cols]
		for _, w := range c.Vector(i) {
			for _, p := range postings[w.term] {
				row[p.term] += w.w * p.w
			}
		}
		for j := range row {
			row[j] = min(row[j], 1)
		}
	}
	return s, nil
}

// At is the similarity of a's i-th text and b's j-th.
func (s *Similarity) At(i, j int) float64 { return s.scores[i*s.cols+j] }

// Rows and Cols are the sizes of a and b.
func (s *Similarity) Rows() int { return s.rows }

// Cols is the size of b.
func (s *Similarity) Cols() int { return s.cols }
