package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// webNoticesPath is the notice file the web build writes (web/notices.js)
// for the npm packages it bundles into the pages the binary serves.
const webNoticesPath = "web/dist/THIRD_PARTY_NOTICES"

// rule starts an entry, in the web build's notices as in ours.
var rule = strings.Repeat("=", 78)

// webNotices reads the web build's notice file: its text, carried whole,
// and its packages with the licences their package.json declares. An entry
// starts with the rule, then "name version", then "licence: expression".
func webNotices(root string) (string, []component, error) {
	raw, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(webNoticesPath)))
	if err != nil {
		return "", nil, fmt.Errorf("%w (run `npm ci && npm run build` in web/)", err)
	}
	text := string(raw)
	lines := strings.Split(text, "\n")
	var pkgs []component
	for i, line := range lines {
		if line != rule {
			continue
		}
		if i+2 >= len(lines) {
			return "", nil, fmt.Errorf("%s: an entry ends after its rule", webNoticesPath)
		}
		name, version, ok := strings.Cut(lines[i+1], " ")
		licence, hasLicence := strings.CutPrefix(lines[i+2], "licence: ")
		if !ok || !hasLicence {
			return "", nil, fmt.Errorf("%s line %d: want \"name version\" then \"licence: …\" after the rule", webNoticesPath, i+2)
		}
		pkgs = append(pkgs, component{name: name, version: version, licence: licence})
	}
	if len(pkgs) == 0 {
		return "", nil, fmt.Errorf("%s lists no package", webNoticesPath)
	}
	return text, pkgs, nil
}
