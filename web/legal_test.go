package web_test

import (
	"net/http"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestBundleKeepsLicenceComments checks that minifying kept the licence
// comments of the bundled packages (esbuild's legalComments in
// vite.config.js): React's, in the IDE's script.
func TestBundleKeepsLicenceComments(t *testing.T) {
	srv := newServer(t)
	_, page := get(t, srv.URL+"/graphql")
	script := regexp.MustCompile(`src="(/ui/assets/ide-[^"]+\.js)"`).FindStringSubmatch(page)
	require.NotNil(t, script, "the IDE page names no ide-*.js script")
	res, body := get(t, srv.URL+script[1])
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "@license React")
}
