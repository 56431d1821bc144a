#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# e2e: the Debian package of a built tree. `scripts/package --check` on BUILD_DIR without
# building anything (the binaries of this build are packed as they are), the .deb written to a
# temporary directory (the build dir gets only the install_manifest.txt cpack writes).
# usage: package.sh BUILD_DIR   Exit 0 pass, 1 fail, 77 skip (dpkg-deb or cpack missing; lintian
# missing after every other check passed).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:?usage: package.sh BUILD_DIR}
command -v dpkg-deb >/dev/null && command -v cpack >/dev/null || { echo "SKIP: no dpkg-deb/cpack"; exit 77; }
[[ -x $build/gatewatch && -x $build/ccm-sim ]] || { echo "SKIP: $build has no gatewatch/ccm-sim"; exit 77; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$here/../../scripts/package" --check --build-dir "$build" --no-build --out "$out"
