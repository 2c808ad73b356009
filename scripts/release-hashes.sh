#!/usr/bin/env bash
# Writes the pip requirements file that pins a release's wheels by hash (committed as
# dist/hashes.txt, read by the GitHub Action with `pip install --require-hashes`): one
# requirement `zt-lint==VERSION` listing the SHA-256 of every wheel, so pip accepts exactly the
# wheel the release built for the runner's platform.
#
#   scripts/release-hashes.sh WHEEL_DIR > dist/hashes.txt
set -euo pipefail

dir="${1:?usage: release-hashes.sh WHEEL_DIR}"
export LC_ALL=C # a stable order of wheels, whatever the locale
shopt -s nullglob
wheels=("$dir"/zt_lint-*.whl)
if [[ ${#wheels[@]} -eq 0 ]]; then
  echo "release-hashes.sh: no zt_lint-*.whl in $dir" >&2
  exit 1
fi

version=""
for wheel in "${wheels[@]}"; do
  # Wheel file names are NAME-VERSION-TAGS.whl (PEP 427); the version has no '-'.
  name="${wheel##*/}"
  this="${name#zt_lint-}"
  this="${this%%-*}"
  if [[ -z "$version" ]]; then
    version="$this"
  elif [[ "$this" != "$version" ]]; then
    echo "release-hashes.sh: $name is version $this, not $version" >&2
    exit 1
  fi
done

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  else
    shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

echo "# zt-lint $version: the release's wheels, one hash each (scripts/release-hashes.sh)."
printf 'zt-lint==%s' "$version"
for wheel in "${wheels[@]}"; do
  printf ' \\\n    --hash=sha256:%s' "$(sha256 "$wheel")"
done
printf '\n'
