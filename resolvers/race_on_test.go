//go:build race

package resolvers_test

// raceSlowdown scales the time bounds of the attack tests: the race
// detector makes the analysis some tenfold slower, and the bounds are the
// plain build's.
const raceSlowdown = 10
