package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestNoticesAreCurrent is the allow-list and freshness check: generating
// the notices fails when a linked module, a bundled data set or a web
// package has a licence that is not allowed or not recognised, and the
// committed THIRD_PARTY_NOTICES must be what generating writes, so a module
// linked but missing, or a version changed, fails here.
func TestNoticesAreCurrent(t *testing.T) {
	root, err := moduleRoot()
	require.NoError(t, err)
	want, err := generate(root)
	require.NoError(t, err)
	got, err := os.ReadFile(filepath.Join(root, outputName))
	require.NoError(t, err)
	if string(got) == string(want) {
		return
	}
	gotLines, wantLines := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range min(len(gotLines), len(wantLines)) {
		if gotLines[i] != wantLines[i] {
			t.Fatalf("%s is stale (run go generate ./...): line %d is\n\t%q\nwant\n\t%q", outputName, i+1, gotLines[i], wantLines[i])
		}
	}
	t.Fatalf("%s is stale (run go generate ./...): %d lines, want %d", outputName, len(gotLines), len(wantLines))
}

const mitText = `MIT License

Copyright (c) 2015 Someone

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`

// commonsClause is a rider that takes away the right to sell: appended to
// a permissive licence, it makes the whole something else.
const commonsClause = `
"Commons Clause" License Condition v1.0

The Software is provided to you by the Licensor under the License, as
defined below, subject to the following condition.

Without limiting other conditions in the License, the grant of rights under
the License will not include, and the License does not grant to you, the
right to Sell the Software.

For purposes of the foregoing, "Sell" means practicing any or all of the
rights granted to you under the License to provide to third parties, for a
fee or other consideration (including without limitation fees for hosting or
consulting/ support services related to the Software), a product or service
whose value derives, entirely or substantially, from the functionality of
the Software. Any license notice or attribution required by the License must
also include this Commons Clause License Condition notice.
`

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
		err        string
	}{
		{name: "MIT", text: mitText, want: []string{"MIT"}},
		{
			name: "reflowed, re-quoted",
			text: strings.ReplaceAll(strings.ReplaceAll(mitText, "\n", " "), `"`, "“"),
			want: []string{"MIT"},
		},
		{
			name: "ISC's older wording",
			text: "Copyright (c) 2012 Someone\n\nPermission to use, copy, modify, and distribute this software for any\n" +
				"purpose with or without fee is hereby granted, provided that the above\n" +
				"copyright notice and this permission notice appear in all copies.\n\n" +
				`THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES WITH REGARD TO THIS SOFTWARE ` +
				`INCLUDING ALL IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE ` +
				`FOR ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES WHATSOEVER RESULTING FROM ` +
				`LOSS OF USE, DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ` +
				`ARISING OUT OF OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.`,
			want: []string{"ISC"},
		},
		{
			name: "a sentence added inside",
			text: strings.Replace(mitText, "copies or substantial portions of the Software.",
				"copies or substantial portions of the Software.\n\nThe Software shall be used for Good, not Evil.", 1),
			err: "no known licence",
		},
		{name: "a rider appended", text: mitText + commonsClause, err: "words besides"},
		{
			name: "another licence",
			text: "This program is free software: you can redistribute it and/or modify it under the terms of " +
				"the GNU General Public License as published by the Free Software Foundation, either version 3 " +
				"of the License, or (at your option) any later version.",
			err: "no known licence",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := classify(tc.text)
			if tc.err != "" {
				require.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
}

func TestCheckAllowed(t *testing.T) {
	for expr, want := range map[string]string{
		"MIT":                            "",
		"Apache-2.0 AND BSD-3-Clause":    "",
		"(MIT OR GPL-3.0-only)":          "",
		"GPL-3.0-only OR (ISC AND 0BSD)": "",
		"MIT AND GPL-3.0-only":           "not on the allow-list",
		"GPL-2.0+":                       "not on the allow-list",
		"UNKNOWN":                        "not on the allow-list",
		"Apache-2.0 WITH LLVM-exception": `unexpected "WITH"`,
		"(MIT":                           "a ) is missing",
		"MIT AND":                        "a licence is missing",
		"":                               "a licence is missing",
	} {
		err := checkAllowed(expr)
		if want == "" {
			require.NoError(t, err, expr)
		} else {
			require.ErrorContains(t, err, want, expr)
		}
	}
}

func TestADisallowedLicenceStopsTheNotices(t *testing.T) {
	c := contents{npm: []component{{name: "left-pad", version: "1.0.0", licence: "MIT"}, {name: "copyleft", version: "2.1.0", licence: "AGPL-3.0-only"}}}
	require.ErrorContains(t, c.checkAllowed(), `copyleft 2.1.0: licence "AGPL-3.0-only" is not on the allow-list`)
}

func TestWebNoticesFormat(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, filepath.FromSlash(webNoticesPath))
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))

	require.NoError(t, os.WriteFile(path, []byte("header\n\n"+rule+"\nreact 18.3.1\nlicence: MIT\n"+strings.Repeat("-", 78)+"\nLICENSE:\n\nMIT License\n"), 0o644))
	_, pkgs, err := webNotices(root)
	require.NoError(t, err)
	require.Equal(t, []component{{name: "react", version: "18.3.1", licence: "MIT"}}, pkgs)

	require.NoError(t, os.WriteFile(path, []byte("header\n\n"+rule+"\nreact 18.3.1\nMIT\n"), 0o644))
	_, _, err = webNotices(root)
	require.ErrorContains(t, err, `want "name version" then "licence: …"`)
}
