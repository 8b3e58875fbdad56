#!/usr/bin/env bash
# vendor-sarif-schema.sh fetches the SARIF 2.1.0 JSON schema that lint's
# tests validate archlab's SARIF against, from a pinned npm package, checks
# the tarball against the registry's sha512 integrity, and copies the schema
# and the package's manifest (which states its licence) into
# lint/testdata/sarif/. Run it after changing the version, then commit.
set -euo pipefail

pkg=@microsoft/jest-sarif
version=1.0.0-beta.0
schema=lib/schemas/sarif-2.1.0-rtm.5.json

registry=${NPM_REGISTRY:-https://registry.npmjs.org}
root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/lint/testdata/sarif"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

meta=$(curl -fsSL "$registry/$pkg/$version")
tarball=$(printf '%s' "$meta" | python3 -c 'import json,sys; print(json.load(sys.stdin)["dist"]["tarball"])')
integrity=$(printf '%s' "$meta" | python3 -c 'import json,sys; print(json.load(sys.stdin)["dist"]["integrity"])')
curl -fsSL "$tarball" -o "$work/pkg.tgz"
actual="sha512-$(openssl dgst -sha512 -binary "$work/pkg.tgz" | base64 -w0)"
if [ "$actual" != "$integrity" ]; then
  echo "vendor-sarif-schema: $pkg@$version: integrity mismatch (registry $integrity, got $actual)" >&2
  exit 1
fi
tar -xzf "$work/pkg.tgz" -C "$work"
mkdir -p "$dest"
cp "$work/package/$schema" "$dest/$(basename "$schema")"
cp "$work/package/package.json" "$dest/package.json"
echo "$pkg $version $integrity" >"$dest/VERSIONS"
echo "vendor-sarif-schema: $pkg@$version ok"
