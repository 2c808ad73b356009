#!/usr/bin/env bash
# The GitHub Action's logic (action.yml only passes inputs here), kept in a script so tests can
# run it with a simulated Actions environment.
#
#   action.sh install   install-wheel, or install-source when it installed nothing
#   action.sh install-wheel
#                       the release wheel pinned by hash in dist/hashes.txt, when that file pins
#                       this version; output `installed` true or false, and `cache-key` for
#                       the cargo cache that install-source uses
#   action.sh install-source
#                       build zt-lint from the action's source with cargo (zt-lint is not on
#                       crates.io)
#   action.sh run       lint INPUT_PATHS: annotations on stdout, SARIF to INPUT_SARIF_FILE,
#                       the Markdown summary appended to $GITHUB_STEP_SUMMARY, outputs
#                       `findings` and `sarif-file` appended to $GITHUB_OUTPUT; first, with
#                       INPUT_TERRAFORM_INIT=auto, `terraform init -backend=false` where needed;
#                       with INPUT_SCOPE=changed on a pull request, only findings its changes
#                       touch (--diff-base against the base branch)
set -euo pipefail

action_path="${ZT_LINT_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}"

install_root="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/zt-lint"

# The version this action's source is, from Cargo.toml's [package] table.
action_version() {
  sed -n '/^\[package\]/,/^\[/s/^version = "\(.*\)"$/\1/p' "$action_path/Cargo.toml" | head -n 1
}

# dist/hashes.txt is a pip requirements file committed with each release: one requirement
# `zt-lint==VERSION` with the `--hash=sha256:...` of every platform's wheel (written by
# scripts/release-hashes.sh). pip picks the runner's wheel and refuses it unless its hash is
# listed, so what runs is what the release built and attested. Succeeds only when it installed.
try_wheel() {
  local version="$1" hashes="$action_path/dist/hashes.txt"
  if ! grep -q '^zt-lint==' "$hashes" 2>/dev/null; then
    echo "zt-lint: no release wheel is pinned in dist/hashes.txt" >&2
    return 1
  fi
  if ! grep -Eq "^zt-lint==${version//./\\.}( |\\\\|\$)" "$hashes"; then
    echo "::warning title=zt-lint::dist/hashes.txt pins $(grep -o '^zt-lint==[^ ]*' "$hashes" | head -n 1), not this action's version $version"
    return 1
  fi
  local python
  python="$(command -v python3 || command -v python || true)"
  if [[ -z "$python" ]]; then
    echo "::warning title=zt-lint::no Python on the runner to install the release wheel with"
    return 1
  fi
  local venv="$install_root/venv" bin
  rm -rf "$venv"
  "$python" -m venv "$venv" || return 1
  bin="$venv/bin"
  [[ -d "$bin" ]] || bin="$venv/Scripts" # Windows
  # --only-binary: on a platform without a release wheel, pip must not compile the sdist.
  if ! "$bin/python" -m pip install --quiet --disable-pip-version-check --no-deps \
    --only-binary :all: --require-hashes -r "$hashes" >&2; then
    rm -rf "$venv"
    echo "::warning title=zt-lint::the release wheel of zt-lint $version did not install on this runner (none for this platform, or a hash mismatch)"
    return 1
  fi
  if command -v cygpath >/dev/null 2>&1; then
    bin="$(cygpath -w "$bin")"
  fi
  echo "$bin" >>"${GITHUB_PATH:?GITHUB_PATH is not set}"
}

# Outputs `installed` (true or false) and `cache-key`, the key of the cargo cache that
# install-source fills when no wheel was installed.
install_wheel() {
  : "${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"
  local version installed=false
  version="$(action_version)"
  if try_wheel "$version"; then
    installed=true
    echo "::notice title=zt-lint::installed the release wheel of zt-lint $version, verified by its hash in dist/hashes.txt"
  else
    echo "zt-lint: building zt-lint $version from source with cargo instead" >&2
  fi
  {
    echo "installed=$installed"
    echo "cache-key=zt-lint-cargo-$version-$(cksum <"$action_path/Cargo.lock" | cut -d' ' -f1)"
  } >>"$GITHUB_OUTPUT"
}

install_source() {
  # A target directory of its own, which the action's cache step restores between runs.
  CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$install_root/target}" \
    cargo install --locked --root "$install_root" --path "$action_path"
  echo "$install_root/bin" >>"${GITHUB_PATH:?GITHUB_PATH is not set}"
  echo "::notice title=zt-lint::built zt-lint $(action_version) from the action's source with cargo"
}

install() {
  local version
  version="$(action_version)"
  if try_wheel "$version"; then
    echo "::notice title=zt-lint::installed the release wheel of zt-lint $version, verified by its hash in dist/hashes.txt"
  else
    install_source
  fi
}

# Directories under the given paths whose .tf files call a module that is neither local
# (`./`, `../`) nor installed (no .terraform/ beside them): `terraform init -backend=false`
# installs those modules without touching any state, so zt-lint can read them.
init_terraform() {
  local mode="${INPUT_TERRAFORM_INIT:-auto}"
  case "$mode" in
    false) return 0 ;;
    auto) ;;
    *)
      echo "::error title=zt-lint::terraform-init must be auto or false, not $mode"
      return 2
      ;;
  esac
  if ! command -v terraform >/dev/null 2>&1; then
    return 0
  fi
  local path file dir
  local -A seen=()
  for path in "$@"; do
    [[ -d "$path" ]] || continue
    while IFS= read -r -d '' file; do
      dir="${file%/*}"
      [[ -n "${seen[$dir]:-}" || -d "$dir/.terraform" ]] && continue
      seen[$dir]=1
      if grep -Eqs '^[[:space:]]*source[[:space:]]*=[[:space:]]*"[^.]' "$dir"/*.tf; then
        echo "zt-lint: terraform init -backend=false in $dir" >&2
        if ! terraform -chdir="$dir" init -backend=false -input=false >&2; then
          echo "::warning title=zt-lint::terraform init failed in $dir; its modules are reported as not linted"
        fi
      fi
    done < <(find "$path" \( -name .terraform -o -name .git -o -name node_modules \) -prune \
      -o -type f -name '*.tf' -print0)
  done
}

# Adds --diff-base to `args` on pull request events with INPUT_SCOPE=changed (the default).
# The base branch must be in the checkout already: zt-lint and this script never fetch.
pull_request_scope() {
  local scope="${INPUT_SCOPE:-changed}"
  case "$scope" in
    changed | all) ;;
    *)
      echo "::error title=zt-lint::the scope input is changed or all, not '$scope'"
      return 2
      ;;
  esac
  [[ "$scope" == changed && "${GITHUB_EVENT_NAME:-}" == pull_request* ]] || return 0
  [[ -n "${GITHUB_BASE_REF:-}" ]] || return 0
  local base="origin/$GITHUB_BASE_REF"
  if git rev-parse --verify --quiet "$base^{commit}" >/dev/null 2>&1; then
    echo "zt-lint: reporting findings this pull request touches (changes since its merge base with $base)"
    args+=(--diff-base "$base")
  else
    echo "::warning title=zt-lint::$base is not in the checkout (actions/checkout with fetch-depth: 0 fetches it); reporting every finding"
  fi
}

run() {
  : "${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"
  local workspace="${GITHUB_WORKSPACE:-$PWD}"
  cd "$workspace"
  local bin="${ZT_LINT_BIN:-zt-lint}"
  local sarif="${INPUT_SARIF_FILE:-zt-lint.sarif}"
  local tmp
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' RETURN

  # What both runs share: the findings they judge.
  local common=(--color never)
  [[ -n "${INPUT_CONFIG:-}" ]] && common+=(--config "$INPUT_CONFIG")
  [[ -n "${INPUT_BASELINE:-}" ]] && common+=(--baseline "$INPUT_BASELINE")
  local args=("${common[@]}" --format "${INPUT_FORMAT:-github}"
    --output "markdown=$tmp/summary.md" --output "json=$tmp/report.json")
  [[ -n "${INPUT_FAIL_ON:-}" ]] && args+=(--fail-on "$INPUT_FAIL_ON")
  [[ "${INPUT_SOFT_FAIL:-false}" == "true" ]] && args+=(--soft-fail)

  pull_request_scope || return $?
  # Code scanning takes each upload as the whole state of the code and itself shows a pull
  # request only the alerts on lines it changed: the SARIF is always the full analysis.
  local full_sarif=false
  if [[ " ${args[*]} " == *" --diff-base "* ]]; then
    full_sarif=true
  else
    args+=(--output "sarif=$sarif")
  fi

  local paths=()
  # Word splitting on spaces and newlines is the documented input syntax.
  read -r -d '' -a paths <<<"${INPUT_PATHS:-.}" || true
  [[ ${#paths[@]} -eq 0 ]] && paths=(.)

  init_terraform "${paths[@]}" || return $?

  local status=0
  "$bin" "${args[@]}" -- "${paths[@]}" || status=$?
  if [[ "$full_sarif" == true ]]; then
    rm -f "$sarif"
    "$bin" "${common[@]}" --quiet --soft-fail --format compact --output "sarif=$sarif" \
      -- "${paths[@]}" >/dev/null || true
  fi

  local findings=0
  if [[ -f "$tmp/report.json" ]]; then
    # The summary object closes the document: its "findings" is the count in effect.
    findings="$(sed -n 's/^    "findings": \([0-9][0-9]*\),\{0,1\}$/\1/p' "$tmp/report.json" | tail -n 1)"
  fi
  if [[ -f "$tmp/summary.md" && -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
    cat "$tmp/summary.md" >>"$GITHUB_STEP_SUMMARY"
  fi
  # An upload step must not be handed a file that was never written (a usage error stops
  # zt-lint before it writes reports): say so, and leave the output empty.
  if [[ -f "$sarif" ]]; then
    {
      echo "findings=${findings:-0}"
      echo "sarif-file=$sarif"
    } >>"$GITHUB_OUTPUT"
  else
    echo "::error title=zt-lint::no SARIF was written (zt-lint exit status $status); see the log above"
    echo "sarif-file=" >>"$GITHUB_OUTPUT"
  fi
  return "$status"
}

case "${1:-}" in
  install) install ;;
  install-wheel) install_wheel ;;
  install-source) install_source ;;
  run) run ;;
  *)
    echo "usage: $0 install|install-wheel|install-source|run" >&2
    exit 2
    ;;
esac
