package loader

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestMayHoldBracket: the byte test never misses a bracket rune, so
// scanBrackets's shortcut changes no result.
func TestMayHoldBracket(t *testing.T) {
	for r := rune(0); r <= 0xFFFF; r++ {
		if openerClass(r) != 0 || closerClass(r) != 0 {
			s := string(r)
			require.True(t, mayHoldBracket("市发改委"+s+"主办"), "%q", s)
			require.True(t, mayHoldBracket(s), "%q", s)
		}
	}
	for _, s := range []string{"", "市发改委、市财政局主办", "市委组织部。", "ａｂｃ，"} {
		require.False(t, mayHoldBracket(s), s)
	}
}
