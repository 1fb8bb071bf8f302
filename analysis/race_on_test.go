//go:build race

package analysis_test

// raceDetector: the race detector slows gonum's loops some tenfold, so a
// bound on how soon work stops is a bound on the plain build.
const raceDetector = true
