//go:build race

// Package race says whether the race detector is built in, for tests
// whose time bounds are the plain build's: the detector makes code some
// tenfold slower.
package race

// Enabled reports the race detector.
const Enabled = true
