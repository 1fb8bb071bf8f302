package registry

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The registry files are read node by node rather than decoded into structs,
// so that every error can name the file and line a user has to fix.

// fileError is an error at a line of a registry file.
type fileError struct {
	file string
	line int
	msg  string
}

func (e *fileError) Error() string {
	if e.line == 0 {
		return fmt.Sprintf("%s: %s", e.file, e.msg)
	}
	return fmt.Sprintf("%s:%d: %s", e.file, e.line, e.msg)
}

func errAt(file string, n *yaml.Node, format string, args ...any) error {
	line := 0
	if n != nil {
		line = n.Line
	}
	return &fileError{file: file, line: line, msg: fmt.Sprintf(format, args...)}
}

var yamlLineRe = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlParserErrors are the problems go.yaml.in/yaml/v3's parser reports
// (parserc.go). It gives their line counted from 0, where its scanner
// counts from 1; a problem inside a block may be given the block's first
// line.
var yamlParserErrors = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"did not find expected node content":     true,
	"found undefined tag handle":             true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
}

// parseYAML parses data into its document node; nil for an empty file.
func parseYAML(file string, data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			return nil, &fileError{file: file, msg: strings.Join(te.Errors, "; ")}
		}
		line, msg := 0, strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLineRe.FindStringSubmatch(err.Error()); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		}
		if yamlParserErrors[msg] {
			line++
		}
		return nil, &fileError{file: file, line: line, msg: msg}
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}

// mapping returns the keys of a mapping node, rejecting keys not in allowed:
// a misspelt key would otherwise be silently ignored.
func mapping(file string, n *yaml.Node, what string, allowed ...string) (map[string]*yaml.Node, error) {
	if n.Kind != yaml.MappingNode {
		return nil, errAt(file, n, "%s must be a mapping (key: value), not %s", what, describe(n))
	}
	fields := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !slices.Contains(allowed, k.Value) {
			return nil, errAt(file, k, "unknown key %q in %s (known: %s)", k.Value, what, strings.Join(allowed, ", "))
		}
		if _, dup := fields[k.Value]; dup {
			return nil, errAt(file, k, "key %q given twice in %s", k.Value, what)
		}
		fields[k.Value] = v
	}
	return fields, nil
}

// sequence returns the items of a sequence node; a missing or null node is
// an empty sequence.
func sequence(file string, n *yaml.Node, what string) ([]*yaml.Node, error) {
	if n == nil || n.Tag == "!!null" {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, errAt(file, n, "%s must be a list, not %s", what, describe(n))
	}
	return n.Content, nil
}

// text returns a scalar's trimmed value; "" when the node is missing.
func text(file string, n *yaml.Node, what string) (string, error) {
	if n == nil || n.Tag == "!!null" {
		return "", nil
	}
	if n.Kind != yaml.ScalarNode {
		return "", errAt(file, n, "%s must be a single value, not %s", what, describe(n))
	}
	return strings.TrimSpace(n.Value), nil
}

// texts returns the values of a list of scalars, dropping none: an empty
// item is an error, since it would match every empty name.
func texts(file string, n *yaml.Node, what string) ([]string, error) {
	items, err := sequence(file, n, what)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(items))
	for _, item := range items {
		v, err := text(file, item, what)
		if err != nil {
			return nil, err
		}
		if v == "" {
			return nil, errAt(file, item, "empty item in %s", what)
		}
		out = append(out, v)
	}
	return out, nil
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("the value %q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "an empty document"
}
