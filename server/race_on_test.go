//go:build race

package server_test

// raceSlowdown scales the time bounds of the attack tests: they are the
// plain build's, and the race detector makes the server some tenfold
// slower.
const raceSlowdown = 10
