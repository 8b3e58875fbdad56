#!/usr/bin/env bash
# vendor.sh fetches the pinned browser assets from the npm registry, checks
# each tarball against the registry's sha512 integrity, and copies the files
# archlab serves, with their licences, into static/vendor/. Run it after
# changing a version below, then commit static/vendor/.
set -euo pipefail

# package  version  files to copy (paths inside the package)
PACKAGES=(
  "htmx.org      2.0.11 dist/htmx.min.js LICENSE"
  "htmx-ext-sse  2.2.4  dist/sse.min.js LICENSE"
)

registry=${NPM_REGISTRY:-https://registry.npmjs.org}
root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/static/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

: >"$work/VERSIONS"
for entry in "${PACKAGES[@]}"; do
  read -r pkg version files <<<"$entry"
  meta=$(curl -fsSL "$registry/$pkg/$version")
  tarball=$(printf '%s' "$meta" | python3 -c 'import json,sys; print(json.load(sys.stdin)["dist"]["tarball"])')
  integrity=$(printf '%s' "$meta" | python3 -c 'import json,sys; print(json.load(sys.stdin)["dist"]["integrity"])')
  curl -fsSL "$tarball" -o "$work/$pkg.tgz"
  actual="sha512-$(openssl dgst -sha512 -binary "$work/$pkg.tgz" | base64 -w0)"
  if [ "$actual" != "$integrity" ]; then
    echo "vendor: $pkg@$version: integrity mismatch (registry $integrity, got $actual)" >&2
    exit 1
  fi
  mkdir -p "$work/$pkg"
  tar -xzf "$work/$pkg.tgz" -C "$work/$pkg"
  out="$dest/$pkg"
  rm -rf "$out"
  mkdir -p "$out"
  for f in $files; do
    cp "$work/$pkg/package/$f" "$out/$(basename "$f")"
  done
  echo "$pkg $version $integrity" >>"$work/VERSIONS"
  echo "vendor: $pkg@$version ok"
done
cp "$work/VERSIONS" "$dest/VERSIONS"
