// Package dutygraph holds the project's legal texts for the binary to
// serve at /licenses: LICENSE, dutygraph's own licence, and
// THIRD_PARTY_NOTICES, the licences and notices of everything in the binary
// that others wrote. Both stay at the root of the repository, where people
// and tools look for them, and go:embed reaches no parent folder: hence a
// package here.
package dutygraph

import _ "embed"

// THIRD_PARTY_NOTICES follows the linked Go modules, the bundled data and
// the web build's notices; CI fails when it is stale.
//
//go:generate go run ./tools/notices

//go:embed LICENSE
var license string

//go:embed THIRD_PARTY_NOTICES
var thirdPartyNotices string

// Licenses is the text of /licenses: dutygraph's licence, then the
// third-party notices.
func Licenses() string { return license + "\n\n" + thirdPartyNotices }
