#!/usr/bin/env python3
"""Cost of Guard policy evaluation: lints a synthetic corpus (bench/generate.py) without and
with policies and reports the extra wall time per 1,000 resources the policies see, per rule.

    python3 bench/guard.py [N]        N resources (default 20000), a third in each format

Environment: ZT_LINT=/path/to/zt-lint (default: builds target/release/zt-lint), RUNS=3 (best
of), THREADS=1 (RAYON_NUM_THREADS for the timed runs; "" for all cores).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def lint(binary, corpus, policies, threads):
    env = dict(os.environ, NO_COLOR="1")
    if threads:
        env["RAYON_NUM_THREADS"] = threads
    args = [str(binary), "--no-config", "-q", "--format", "json", "--soft-fail"]
    for p in policies:
        args += ["--policy", str(p)]
    start = time.perf_counter()
    out = subprocess.run(args + [str(corpus)], capture_output=True, env=env)
    elapsed = time.perf_counter() - start
    if out.returncode != 0:
        sys.exit(f"zt-lint exited {out.returncode}: {out.stderr.decode()[:2000]}")
    doc = json.loads(out.stdout)
    guard = sum(1 for f in doc["findings"] if f["rule_id"].startswith("guard:"))
    return elapsed, guard


def best(runs, *args):
    results = [lint(*args) for _ in range(runs)]
    return min(r[0] for r in results), results[0][1]


def count_rules(paths):
    return sum(
        1 for p in paths for line in p.read_text().splitlines() if line.startswith("rule ")
    )


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    runs = int(os.environ.get("RUNS", "3"))
    threads = os.environ.get("THREADS", "1")
    binary = os.environ.get("ZT_LINT")
    if not binary:
        subprocess.run(["cargo", "build", "--release", "--locked"], cwd=ROOT, check=True)
        target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
        binary = target / "release" / "zt-lint"
    corpus = ROOT / "target" / f"bench-guard-corpus-{n}"
    if not corpus.is_dir():
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "generate.py"), "--resources", str(n),
             "--out", str(corpus)],
            check=True,
        )
    per_format = n / 3
    shipped = sorted((ROOT / "policies").glob("*.guard"))
    graph_one = ROOT / "policies" / "permission-boundary.guard"
    native_one = ROOT / "tests" / "policies" / "registry-style" / "rds_storage_encrypted.guard"
    # (label, policy paths, rules, resources the policies see)
    cases = [
        ("graph, 1 rule (permission-boundary)", [graph_one], 1, n),
        ("cloudformation, 1 rule (registry-style RDS_STORAGE_ENCRYPTED)", [native_one], 1, per_format),
        (f"all shipped policies ({count_rules(shipped)} rules)", shipped, count_rules(shipped), n),
    ]
    base, _ = best(runs, binary, corpus, [], threads)
    print(f"corpus: {n} resources; threads: {threads or 'all'}; best of {runs}")
    print(f"no policies: {base:.3f} s")
    print("| policies | wall | extra | resources seen | ms per 1,000 resources per rule | guard findings |")
    print("|---|---|---|---|---|---|")
    for label, paths, rules, seen in cases:
        wall, findings = best(runs, binary, corpus, paths, threads)
        extra = wall - base
        per = extra * 1000 / (seen / 1000) / rules
        print(f"| {label} | {wall:.3f} s | {extra:.3f} s | {int(seen)} | {per:.1f} | {findings} |")


if __name__ == "__main__":
    main()
