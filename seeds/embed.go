// Package seeds bundles the documents dutygraph ships with and its unit
// registry (units.yaml, jurisdictions.yaml). They are used when no --seeds
// directory is given, so a fresh binary can load and answer out of the box.
package seeds

import "embed"

// FS holds the bundled documents (*.txt) and the registry files (*.yaml) at
// its root.
//
//go:embed *.txt *.yaml
var FS embed.FS
