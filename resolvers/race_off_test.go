//go:build !race

package resolvers_test

const raceSlowdown = 1
