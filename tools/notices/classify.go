package main

import (
	"embed"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// A licence file is classified by finding in it, word for word, the
// canonical text of a licence: licences/<SPDX id>.txt, or
// licences/<SPDX id>_<form>.txt for another form of the same licence
// (Apache-2.0_notice.txt, the notice that points to the full text). Words
// are compared in lower case with punctuation and line breaks ignored, so
// reflowed or re-quoted copies match; the only freedom a text has is where
// its template says so:
//
//	<<>>          up to three words: list markers ("*", "1.", "(a)") and
//	              "and/or" against "and"
//	<<name>>      one to twelve words: a holder's name, a URL
//	<<optional>>  the rest of the template may be missing (the Apache
//	              licence's appendix, which many copies leave out)
//
// A file that holds a licence with a sentence changed or added inside it
// (the JSON licence's "shall be used for Good, not Evil" in the MIT text)
// matches no template and is not classified.
//
//go:embed licences/*.txt
var templateFiles embed.FS

// maxStrayWords is how many words of a licence file may lie outside the
// licences found in it and outside its copyright lines: titles ("BSD
// 3-Clause License"), prefaces ("This license applies to
// simplelru/list.go", go.yaml.in/yaml's 70-word account of which files are
// MIT and which Apache). More than that may be terms of its own, such as a
// rider appended after the licence (the Commons Clause runs to some 130
// words), so such a file is not classified.
const maxStrayWords = 100

type template struct {
	id string
	re *regexp.Regexp
}

var templates = loadTemplates()

func loadTemplates() []template {
	names, err := templateFiles.ReadDir("licences")
	if err != nil {
		panic(err) // the directory is embedded: it exists
	}
	var out []template
	for _, e := range names {
		text, err := templateFiles.ReadFile("licences/" + e.Name())
		if err != nil {
			panic(err)
		}
		out = append(out, template{
			id: strings.Split(strings.TrimSuffix(e.Name(), ".txt"), "_")[0],
			re: regexp.MustCompile(templatePattern(string(text))),
		})
	}
	return out
}

var marker = regexp.MustCompile(`<<(|name|optional)>>`)

// templatePattern turns a template into a pattern over normalised text, in
// which every word is followed by one space and the text starts with one.
func templatePattern(text string) string {
	var b strings.Builder
	b.WriteString(" ")
	optional := false
	last := 0
	for _, m := range marker.FindAllStringSubmatchIndex(text, -1) {
		for _, w := range words(text[last:m[0]]) {
			b.WriteString(regexp.QuoteMeta(w.text) + " ")
		}
		switch text[m[2]:m[3]] {
		case "":
			b.WriteString(`(?:\S+ ){0,3}`)
		case "name":
			b.WriteString(`(?:\S+ ){1,12}`)
		case "optional":
			b.WriteString("(?:")
			optional = true
		}
		last = m[1]
	}
	for _, w := range words(text[last:]) {
		b.WriteString(regexp.QuoteMeta(w.text) + " ")
	}
	if optional {
		b.WriteString(")?")
	}
	return b.String()
}

// word is one word of a text, lower-cased, and whether it stands on a
// copyright line ("Copyright (c) 2016 …", "All rights reserved."), which
// licence files may carry any number of.
type word struct {
	text      string
	copyright bool
}

var copyrightLine = regexp.MustCompile(`(?i)^\s*(copyright\b|\(c\)|©|all rights reserved)`)

func words(text string) []word {
	var out []word
	for line := range strings.Lines(text) {
		c := copyrightLine.MatchString(line)
		for _, f := range strings.FieldsFunc(line, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			out = append(out, word{text: strings.ToLower(f), copyright: c})
		}
	}
	return out
}

// classify names the licences a licence file holds, as sorted SPDX ids. It
// fails when it finds none, or when more than maxStrayWords words lie
// outside them.
func classify(text string) ([]string, error) {
	ws := words(text)
	var doc strings.Builder
	starts := make([]int, len(ws))
	doc.WriteString(" ")
	for i, w := range ws {
		starts[i] = doc.Len()
		doc.WriteString(w.text + " ")
	}
	covered := make([]bool, doc.Len())
	var ids []string
	for _, t := range templates {
		// Each match ends on the space the next one starts with: the
		// search goes on from that space, not past it.
		for at := 0; ; {
			m := t.re.FindStringIndex(doc.String()[at:])
			if m == nil {
				break
			}
			ids = append(ids, t.id)
			for i := at + m[0]; i < at+m[1]; i++ {
				covered[i] = true
			}
			at += m[1] - 1
		}
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("no known licence text in it (known: %s)", strings.Join(templateIDs(), ", "))
	}
	stray := 0
	for i, w := range ws {
		if !covered[starts[i]] && !w.copyright {
			stray++
		}
	}
	if stray > maxStrayWords {
		return nil, fmt.Errorf("it holds %s, and %d words besides, which may be terms of their own", strings.Join(ids, ", "), stray)
	}
	slices.Sort(ids)
	return slices.Compact(ids), nil
}

func templateIDs() []string {
	var ids []string
	for _, t := range templates {
		ids = append(ids, t.id)
	}
	return slices.Compact(ids)
}
