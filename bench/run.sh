#!/usr/bin/env bash
# zt-lint throughput benchmark: lint a synthetic corpus of N resources (a third each Terraform
# HCL, Terraform plan JSON and CloudFormation) and report the best of several runs.
#
#   bench/run.sh [N]            N resources, default 100000
#
# Environment:
#   ZT_LINT=/path/to/zt-lint    benchmark this binary instead of building target/release/zt-lint
#   RUNS=3                      how many timed runs (the fastest is reported)
#   SEED=20240601               generator seed (the corpus is regenerated when it changes)
#
# The corpus is cached in target/bench-corpus-N and regenerated when bench/generate.py or the
# seed changes. Peak RSS comes from /usr/bin/time (Debian: `apt-get install time`) when it is
# installed, else from Python's getrusage(RUSAGE_CHILDREN).
set -euo pipefail

usage() {
    sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
}

case "${1:-}" in
    -h | --help)
        usage
        exit 0
        ;;
esac
if [[ $# -gt 1 ]]; then
    usage >&2
    exit 2
fi
N="${1:-100000}"
if ! [[ "$N" =~ ^[0-9]+$ ]] || ((N < 3)); then
    echo "run.sh: N must be a whole number of at least 3, not '$N'" >&2
    exit 2
fi
RUNS="${RUNS:-3}"
if ! [[ "$RUNS" =~ ^[1-9][0-9]*$ ]]; then
    echo "run.sh: RUNS must be a positive whole number, not '$RUNS'" >&2
    exit 2
fi
SEED="${SEED:-20240601}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
GENERATOR="$ROOT/bench/generate.py"

# 1. The binary.
if [[ -n "${ZT_LINT:-}" ]]; then
    BIN="$ZT_LINT"
    echo "binary: $BIN (ZT_LINT, not built)"
else
    echo "building: cargo build --release --locked"
    (cd "$ROOT" && cargo build --release --locked)
    BIN="$TARGET/release/zt-lint"
fi
if [[ ! -x "$BIN" ]]; then
    echo "run.sh: $BIN is not an executable" >&2
    exit 2
fi

# 2. The corpus, cached per N while the generator and the seed stay the same.
CORPUS="$TARGET/bench-corpus-$N"
want_sha="$(python3 -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' "$GENERATOR")"
corpus_ok() {
    python3 - "$CORPUS/.manifest.json" "$want_sha" "$SEED" "$N" <<'EOF'
import json, sys
try:
    m = json.load(open(sys.argv[1]))
except (OSError, ValueError):
    sys.exit(1)
ok = (m.get("generator_sha256") == sys.argv[2] and str(m.get("seed")) == sys.argv[3]
      and str(m.get("resources")) == sys.argv[4])
sys.exit(0 if ok else 1)
EOF
}
if corpus_ok; then
    echo "corpus: $CORPUS (cached)"
else
    echo "corpus: generating $CORPUS"
    mkdir -p "$TARGET"
    staging="$(mktemp -d "$TARGET/bench-corpus-$N.tmp.XXXXXX")"
    python3 "$GENERATOR" --resources "$N" --seed "$SEED" --out "$staging/corpus"
    rm -rf "$CORPUS"
    mv "$staging/corpus" "$CORPUS"
    rmdir "$staging"
fi

# 3. Timed runs.
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
if [[ -x /usr/bin/time ]]; then
    RSS_SOURCE="/usr/bin/time -f %M"
else
    RSS_SOURCE="python getrusage(RUSAGE_CHILDREN)"
fi

# Runs zt-lint once: stdout to $1, "<wall seconds> <peak RSS KiB> <exit code>" to stdout.
run_once() {
    local out="$1" rc=0 start end rss
    if [[ -x /usr/bin/time ]]; then
        start="$(date +%s%N)"
        /usr/bin/time -f '%M' -o "$WORK/time" "$BIN" --format json "$CORPUS" >"$out" || rc=$?
        end="$(date +%s%N)"
        rss="$(tail -n 1 "$WORK/time")"
        echo "$(((end - start) / 1000)) $rss $rc" |
            awk '{ printf "%.6f %s %s\n", $1 / 1e6, $2, $3 }'
    else
        python3 - "$out" "$BIN" --format json "$CORPUS" <<'EOF'
import resource, subprocess, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
with open(out, "wb") as f:
    start = time.perf_counter()
    rc = subprocess.call(cmd, stdout=f)
    wall = time.perf_counter() - start
print(f"{wall:.6f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss} {rc}")
EOF
    fi
}

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //' || echo unknown CPU)"
echo "runs: $RUNS x $BIN --format json $CORPUS   (peak RSS: $RSS_SOURCE)"
best=""
for ((i = 1; i <= RUNS; i++)); do
    read -r wall rss rc < <(run_once "$WORK/out-$i.json")
    if [[ "$rc" != 0 && "$rc" != 1 ]]; then
        echo "run $i: zt-lint exited $rc (2 = an input could not be read or parsed)" >&2
        python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); [print("  ", e) for e in d.get("errors", [])[:10]]' \
            "$WORK/out-$i.json" >&2 || head -c 2000 "$WORK/out-$i.json" >&2
        exit 1
    fi
    printf 'run %d: %.3f s, peak RSS %.1f MiB, exit %s\n' "$i" "$wall" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$rc"
    echo "$wall $rss $i" >>"$WORK/runs"
done
best="$(sort -n "$WORK/runs" | head -n 1)"
read -r wall rss i <<<"$best"

# 4. Report the fastest run.
python3 - "$WORK/out-$i.json" "$CORPUS" "$wall" "$rss" "$RUNS" <<'EOF'
import collections, json, os, sys

out_path, corpus, wall, rss_kib, runs = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
doc = json.load(open(out_path))
summary = doc["summary"]
manifest = json.load(open(os.path.join(corpus, ".manifest.json")))

size = 0
for dirpath, dirnames, filenames in os.walk(corpus):
    dirnames[:] = [d for d in dirnames if not d.startswith(".")]
    size += sum(os.path.getsize(os.path.join(dirpath, f)) for f in filenames if not f.startswith("."))

print()
print(f"zt-lint benchmark, {manifest['resources']} resources, best of {runs} runs")
print(f"  wall            {wall:10.3f} s")
print(f"  files           {summary['files']:10d}   {summary['files'] / wall:12,.0f} files/s")
print(f"  resources       {summary['resources']:10d}   {summary['resources'] / wall:12,.0f} resources/s")
print(f"  input           {size / 1e6:10.1f} MB   {size / 1e6 / wall:12,.1f} MB/s")
print(f"  peak RSS        {rss_kib / 1024:10.1f} MiB")
print(f"  findings        {summary['findings']:10d}")
print(f"  errors          {summary['errors']:10d}")

# Findings per rule and format against what the generator planted on purpose.
by_dir = {v["dir"]: k for k, v in manifest["formats"].items()}
reported = collections.Counter()
for f in doc["findings"]:
    rel = os.path.relpath(f["file"], corpus).split(os.sep)[0]
    reported[(by_dir.get(rel, "?"), f["rule_id"])] += 1
print()
print(f"  {'format':15} {'rule':11} {'planted':>8} {'reported':>9}")
for fmt, v in manifest["formats"].items():
    for rule, planted in v["planted"].items():
        got = reported[(fmt, rule)]
        if planted or got:
            note = "" if got == planted else "   (differs)"
            print(f"  {fmt:15} {rule:11} {planted:8d} {got:9d}{note}")
stray = sum(n for (fmt, _), n in reported.items() if fmt == "?")
if stray:
    print(f"  {stray} findings outside the corpus's format directories")

expected = sum(v["resources"] for v in manifest["formats"].values())
problems = []
if summary["errors"]:
    problems.append(f"{summary['errors']} load errors: the generator wrote input zt-lint cannot read")
    for e in doc.get("errors", [])[:10]:
        problems.append(f"  {e.get('file')}:{e.get('line')}:{e.get('column')}: {e.get('message')}")
if summary["resources"] != expected:
    problems.append(f"zt-lint counted {summary['resources']} resources, the generator wrote {expected}")
print()
print("markdown row:")
print(f"| {manifest['resources']:,} | {summary['files']:,} | {size / 1e6:.1f} MB | {wall:.3f} s "
      f"| {summary['files'] / wall:,.0f} | {summary['resources'] / wall:,.0f} | {size / 1e6 / wall:.1f} "
      f"| {rss_kib / 1024:.1f} MiB | {summary['findings']:,} | {summary['errors']} |")
if problems:
    print()
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
EOF
