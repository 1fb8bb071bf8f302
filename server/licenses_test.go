package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dutygraph/dutygraph/graph/memstore"
	"github.com/dutygraph/dutygraph/server"
)

func TestLicenses(t *testing.T) {
	url := start(t, newServer(t, memstore.New(), server.DefaultConfig()))

	resp, body := get(t, url+"/licenses")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, "text/plain; charset=utf-8", resp.Header.Get("Content-Type"))
	require.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"))
	require.Contains(t, resp.Header.Get("Cache-Control"), "max-age=")

	require.True(t, strings.HasPrefix(body, "Copyright 2026 The dutygraph authors\n"), "dutygraph's own licence comes first")
	// A Go module linked into the binary, and an npm package of the web
	// pages, each with its licence's text.
	require.Regexp(t, `\n={78}\ngithub\.com/neo4j/neo4j-go-driver/v5 v\S+\nlicence: Apache-2\.0\n-{78}\nLICENSE:\n\n\s*Apache License\n\s*Version 2\.0, January 2004\n`, body)
	require.Regexp(t, `\n={78}\nreact 18\.\S+\nlicence: MIT\n-{78}\nLICENSE:\n\nMIT License\n\nCopyright \(c\) Facebook, Inc\. and its affiliates\.\n`, body)

	// A client that kept it revalidates by its ETag.
	etag := resp.Header.Get("ETag")
	require.NotEmpty(t, etag)
	req := mustRequest(t, http.MethodGet, url+"/licenses", nil)
	req.Header.Set("If-None-Match", etag)
	resp, body = do(t, req)
	require.Equal(t, http.StatusNotModified, resp.StatusCode)
	require.Empty(t, body)
}
