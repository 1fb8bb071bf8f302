package race

import "time"

// Scaled is a time bound measured on the plain build, made ten times
// longer when the race detector is built in.
func Scaled(d time.Duration) time.Duration {
	if Enabled {
		return 10 * d
	}
	return d
}
