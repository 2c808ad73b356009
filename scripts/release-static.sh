#!/usr/bin/env bash
# Packages a release's static Linux binary as zt-lint-VERSION-TARGET.tar.gz in OUTDIR, after
# checking that it is static: no program interpreter (dynamic loader) and no shared library
# it needs, so it runs on any Linux of its architecture, whatever its C library.
#
#   scripts/release-static.sh BINARY TARGET OUTDIR
set -euo pipefail

bin="${1:?usage: release-static.sh BINARY TARGET OUTDIR}"
target="${2:?usage: release-static.sh BINARY TARGET OUTDIR}"
out="${3:?usage: release-static.sh BINARY TARGET OUTDIR}"
root="$(cd "$(dirname "$0")/.." && pwd)"

if ! readelf -h "$bin" >/dev/null 2>&1; then
  echo "release-static.sh: $bin is not an ELF executable" >&2
  exit 1
fi
if readelf -lW "$bin" | grep -q 'Requesting program interpreter'; then
  echo "release-static.sh: $bin is dynamically linked (it names a program interpreter)" >&2
  exit 1
fi
if readelf -dW "$bin" | grep -q '(NEEDED)'; then
  echo "release-static.sh: $bin needs shared libraries: $(readelf -dW "$bin" | grep '(NEEDED)' | tr -s ' ')" >&2
  exit 1
fi

version="$(sed -n '/^\[package\]/,/^\[/s/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -n 1)"
name="zt-lint-$version-$target"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name" "$out"
cp "$bin" "$stage/$name/zt-lint"
chmod 755 "$stage/$name/zt-lint"
cp "$root/README.md" "$stage/$name/README.md"
# Fixed owners and times: the same binary always gives the same archive.
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner \
  -czf "$out/$name.tar.gz" -C "$stage" "$name"
echo "$out/$name.tar.gz"
