package loader

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/dutygraph/dutygraph/graph"
)

// ManifestFile is the file a folder of documents may hold to say what its
// documents do not say themselves:
//
//	# file (relative to the folder) → year and/or jurisdiction
//	xianan-2023.txt: {year: 2023, jurisdiction: 湖北省/咸宁市/咸安区}
//	reports/plan.html:
//	  year: 2024
//	"*": {jurisdiction: 咸安区}   # every document without an entry of its own
const ManifestFile = "manifest.yaml"

// yamlLineRe reads the line of a YAML syntax error: line 3: did not find….
var yamlLineRe = regexp.MustCompile(`^line (\d+): (.*)$`)

// everyDocument is the manifest key whose entry holds for every document.
const everyDocument = "*"

// Manifest maps a document's path in its folder to what is given about it.
type Manifest map[string]Overrides

// For is what the manifest gives for one document: its own entry, its
// empty fields filled from the "*" entry.
func (m Manifest) For(name string) Overrides {
	o, all := m[name], m[everyDocument]
	if o.Year == 0 {
		o.Year = all.Year
	}
	if o.Jurisdiction == "" {
		o.Jurisdiction = all.Jurisdiction
	}
	return o
}

// ReadManifest reads the manifest.yaml at the root of fsys; without one
// the manifest is empty. Every mistake is an error naming the file and
// line: a file the folder does not hold, an unknown field, a year out of
// range.
func ReadManifest(fsys fs.FS) (Manifest, error) {
	data, err := fs.ReadFile(fsys, ManifestFile)
	if errors.Is(err, fs.ErrNotExist) {
		return Manifest{}, nil
	}
	if err != nil {
		return nil, err
	}
	return parseManifest(fsys, data)
}

func parseManifest(fsys fs.FS, data []byte) (Manifest, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
			return nil, &ManifestError{Line: atoi(m[1]), Msg: m[2]}
		}
		return nil, &ManifestError{Msg: msg}
	}
	m := Manifest{}
	if len(root.Content) == 0 {
		return m, nil
	}
	top := root.Content[0]
	if top.Kind != yaml.MappingNode {
		return nil, manifestError(top, "want a mapping of file names to {year, jurisdiction}")
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		key, val := top.Content[i], top.Content[i+1]
		name := path.Clean(key.Value)
		if key.Kind != yaml.ScalarNode || key.Value == "" {
			return nil, manifestError(key, "want a file name")
		}
		if _, dup := m[name]; dup {
			return nil, manifestError(key, "%s listed twice", name)
		}
		if name != everyDocument {
			if _, err := fs.Stat(fsys, name); err != nil {
				return nil, manifestError(key, "no file %s in the folder", name)
			}
			if !IsDocumentFile(name) {
				return nil, manifestError(key, "%s is not a document dutygraph reads", name)
			}
		}
		o, err := manifestEntry(name, val)
		if err != nil {
			return nil, err
		}
		m[name] = o
	}
	return m, nil
}

func manifestEntry(name string, n *yaml.Node) (Overrides, error) {
	var o Overrides
	if n.Kind != yaml.MappingNode {
		return o, manifestError(n, "%s: want {year: 2024, jurisdiction: 湖北省/咸宁市/咸安区}", name)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch k.Value {
		case "year":
			y, err := strconv.Atoi(v.Value)
			if err != nil || v.Kind != yaml.ScalarNode || y < graph.MinYear || y > graph.MaxYear {
				return o, manifestError(v, "%s: year %q is not a year between %d and %d", name, v.Value, graph.MinYear, graph.MaxYear)
			}
			o.Year = y
		case "jurisdiction":
			if v.Kind != yaml.ScalarNode || strings.TrimSpace(v.Value) == "" {
				return o, manifestError(v, "%s: jurisdiction must be a place's path or name", name)
			}
			o.Jurisdiction = strings.TrimSpace(v.Value)
		default:
			return o, manifestError(k, "%s: unknown field %q (want year, jurisdiction)", name, k.Value)
		}
	}
	if o == (Overrides{}) {
		return o, manifestError(n, "%s: gives neither year nor jurisdiction", name)
	}
	return o, nil
}

// ManifestError is a mistake in a manifest.yaml.
type ManifestError struct {
	Line int // 0 when the YAML is unreadable as a whole
	Msg  string
}

// Position is manifest.yaml:LINE, the form editors turn into links.
func (e *ManifestError) Position() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d", ManifestFile, e.Line)
	}
	return ManifestFile
}

func (e *ManifestError) Error() string { return e.Position() + ": " + e.Msg }

func manifestError(n *yaml.Node, format string, args ...any) error {
	return &ManifestError{Line: n.Line, Msg: fmt.Sprintf(format, args...)}
}
