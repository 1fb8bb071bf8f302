#!/bin/sh
# Regenerates loader/textin/hant.txt, the traditional-to-simplified table,
# from OpenCC's dictionaries as the npm package opencc ships them. Run by
# hand from the repository root when upgrading OpenCC (never from go
# generate or CI), then review the diff and update the version in
# loader/textin/NOTICE.
#
#   scripts/hant/regen.sh [VERSION]    # default 1.4.2
set -eu
version=${1:-1.4.2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "opencc@$version" >/dev/null && tar xzf "opencc-$version.tgz")
go run ./tools/hant "$work/package" "$version" > loader/textin/hant.txt
cp "$work/package/LICENSE" loader/textin/LICENSE.opencc
echo "wrote loader/textin/hant.txt from OpenCC $version"
