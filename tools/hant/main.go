// Command hant writes loader/textin/hant.txt, the traditional-to-simplified
// table textin converts traditional-character documents with, from OpenCC's
// dictionaries. It is run by hand through scripts/hant/regen.sh, never by go
// generate or CI: the table changes only when OpenCC's data is upgraded, and
// a reviewer reads the diff.
//
// Usage: go run ./tools/hant OPENCC_PACKAGE_DIR VERSION > loader/textin/hant.txt
//
// OPENCC_PACKAGE_DIR is the unpacked npm package opencc (its
// data/dictionary folder is read). What is taken, and why:
//
//   - TSCharacters.txt, each character's first (default) simplified
//     candidate. Lines whose default is the character itself (OpenCC's
//     "tofu-risk" entries, and 覆 藉 瞭 whose simplification depends on the
//     word) are left out: the character stays as written.
//   - TWVariants.txt and HKVariants.txt read backwards: Taiwan and Hong Kong
//     write some characters in a regional form that TSCharacters does not
//     list (Hong Kong's 衞 in 衞生健康委員會). Such a form converts as the
//     standard form it stands for, unless it is a simplified character too
//     (才, 核, 群); 著 is dealt with apart, see simplifiedVariants.
//   - TSPhrases.txt, the words whose conversion differs from converting
//     their characters one by one (乾坤 keeps 乾, 乾淨 becomes 干净, 瞭解
//     becomes 了解); words the character table already converts alike are
//     dropped.
//   - TWVariantsRevPhrases.txt, the words that keep 著 (顯著, 著名), with
//     keptWords.
//
// A converted character is a marker of traditional text when it is never a
// simplified character itself (發, 單, 會; not 乾 or 於, which simplified
// text writes in 乾坤 and as a surname): textin counts only markers to tell a
// traditional document from a simplified one with a stray character.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"
)

// simplifiedVariants are regional forms that simplified text writes too, in
// other words: Taiwan writes 著 both for 着 (意味著, 著力) and for 著 itself
// (顯著, 著作). They convert as the form they stand for, like OpenCC's tw2s,
// but are no markers, and the words that keep them are listed as phrases:
// OpenCC's own exceptions (TWVariantsRevPhrases.txt) and keptWords.
var simplifiedVariants = map[rune]bool{'著': true}

// keptWords are words of government text that keep 著 and that OpenCC's
// exceptions lack (成效卓著 is common in work reports).
var keptWords = []string{"卓著", "編著", "專著", "論著", "原著", "土著", "譯著", "遺著"}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: go run ./tools/hant OPENCC_PACKAGE_DIR VERSION > loader/textin/hant.txt")
		os.Exit(2)
	}
	if err := run(filepath.Join(os.Args[1], "data", "dictionary"), os.Args[2], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "hant:", err)
		os.Exit(1)
	}
}

func run(dir, version string, out io.Writer) error {
	chars, err := readDict(filepath.Join(dir, "TSCharacters.txt"))
	if err != nil {
		return err
	}
	simplified := map[rune]bool{} // every simplified candidate OpenCC gives
	table := map[rune]rune{}
	for key, values := range chars {
		for _, v := range values {
			simplified[single(v)] = true
		}
		if values[0] != key {
			table[single(key)] = single(values[0])
		}
	}
	for _, name := range []string{"TWVariants.txt", "HKVariants.txt"} {
		variants, err := readDict(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		for std, forms := range variants {
			if utf8.RuneCountInString(std) != 1 {
				continue
			}
			target := single(std)
			if s, ok := table[target]; ok {
				target = s
			}
			for _, f := range forms {
				r := single(f)
				if _, ok := table[r]; ok || r == target || simplified[r] && !simplifiedVariants[r] {
					continue
				}
				if _, ok := chars[f]; ok {
					continue // TSCharacters keeps it as written on purpose
				}
				table[r] = target
			}
		}
	}
	phrases, err := readDict(filepath.Join(dir, "TSPhrases.txt"))
	if err != nil {
		return err
	}
	marker := func(r rune) bool { _, ok := table[r]; return ok && !simplified[r] && !simplifiedVariants[r] }
	var words []string
	for key, values := range phrases {
		// OpenCC leaves a traditional character unconverted in a few words'
		// values (不可貲計 gives 不可赀計); a marker is never simplified, so
		// it is converted there too.
		value := strings.Map(func(r rune) rune {
			if marker(r) {
				return table[r]
			}
			return r
		}, values[0])
		if convertChars(key, table) != value {
			words = append(words, key+" "+value)
		}
	}
	exceptions, err := readDict(filepath.Join(dir, "TWVariantsRevPhrases.txt"))
	if err != nil {
		return err
	}
	for _, w := range keptWords {
		exceptions[w] = []string{w}
	}
	for key, values := range exceptions {
		if !strings.ContainsFunc(key, func(r rune) bool { return simplifiedVariants[r] }) {
			continue // 參, 才, 核…: their reverse variants are not converted at all
		}
		value := strings.Map(func(r rune) rune {
			if s, ok := table[r]; ok && !simplifiedVariants[r] {
				return s
			}
			return r
		}, values[0])
		if convertChars(key, table) != value {
			words = append(words, key+" "+value)
		}
	}
	slices.Sort(words)
	words = slices.Compact(words)

	var markers, shared []rune
	for k := range table {
		if marker(k) {
			markers = append(markers, k)
		} else {
			shared = append(shared, k)
		}
	}
	slices.Sort(markers)
	slices.Sort(shared)

	w := bufio.NewWriter(out)
	fmt.Fprintf(w, `# Traditional to simplified Chinese, read by loader/textin/hant.go.
# Generated from OpenCC %s (npm package opencc@%s, https://github.com/BYVoid/OpenCC),
# data/dictionary/TSCharacters.txt, TWVariants.txt, HKVariants.txt, TSPhrases.txt
# and TWVariantsRevPhrases.txt, by scripts/hant/regen.sh; do not edit by hand.
# Licence: Apache-2.0 (OpenCC's data); see NOTICE and LICENSE.opencc beside this file.
#
# [markers] and [shared] hold pairs of characters, traditional then simplified, run
# together; a marker is never a simplified character itself, a shared one is (乾, 於, 著).
# [phrases] holds one word a line, traditional and simplified, where converting the
# word differs from converting its characters.
`, version, version)
	writePairs(w, "markers", markers, table)
	writePairs(w, "shared", shared, table)
	fmt.Fprintln(w, "[phrases]")
	for _, p := range words {
		fmt.Fprintln(w, p)
	}
	return w.Flush()
}

func writePairs(w io.Writer, section string, keys []rune, table map[rune]rune) {
	fmt.Fprintf(w, "[%s]\n", section)
	for i := 0; i < len(keys); i += 32 {
		var b strings.Builder
		for _, k := range keys[i:min(i+32, len(keys))] {
			b.WriteRune(k)
			b.WriteRune(table[k])
		}
		fmt.Fprintln(w, b.String())
	}
}

func convertChars(s string, table map[rune]rune) string {
	return strings.Map(func(r rune) rune {
		if s, ok := table[r]; ok {
			return s
		}
		return r
	}, s)
}

// readDict reads an OpenCC dictionary: "key<TAB>value value…" lines, with
// comments after #.
func readDict(path string) (map[string][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	d := map[string][]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, values, ok := strings.Cut(line, "\t")
		if !ok || strings.TrimSpace(values) == "" {
			return nil, fmt.Errorf("%s:%d: not key<TAB>values", path, n)
		}
		if _, dup := d[key]; !dup { // OpenCC repeats tofu-risk lines in an audit list
			d[key] = strings.Fields(values)
		}
	}
	return d, sc.Err()
}

// single returns the one character s holds; dictionaries of characters hold
// nothing else.
func single(s string) rune {
	r, n := utf8.DecodeRuneInString(s)
	if n != len(s) {
		panic(fmt.Sprintf("%q is not one character", s))
	}
	return r
}
