#!/usr/bin/env python3
"""Single-model inputs for zt-lint's linearity budget: one plan, one template or one module of N
resources, and a measurement of how the cost grows with N.

    python3 bench/single.py generate --format plan --resources 100000 --out DIR [--seed S]
    python3 bench/single.py measure [--formats plan,cloudformation,terraform]
                                    [--sizes 1000,2000,...] [--bin PATH] [--work DIR]

`generate` writes one model into DIR: `plan.json` (one `terraform show -json` document),
`template.yaml` (one CloudFormation template) or `main/*.tf` (one Terraform module). The content
comes from bench/generate.py's builders for one plan, one template or one module, so it is the
same mix of resources and planted mistakes as the many-file corpus, only in a single model.
`plan-state` is `plan` as an update of what is deployed: a `prior_state` and each change's
`before` repeat the values, as real plans do. `plan-lean` is a plan of small resources (one
`count` of EBS volumes, about 345 bytes each): the
most resources one plan can hold under the file size limit.

`measure` generates each format at each size (cached in the work directory, default
$CARGO_TARGET_DIR/bench-single or target/bench-single), runs the binary over it twice (all rules,
then `--parse-only`: load and build the model, run no rule) and prints, per input, the wall time,
user instructions (`perf stat -e instructions:u`, when perf works; far less noisy than wall time
on a shared machine; else user+sys CPU seconds), peak RSS (`/usr/bin/time -f %M`, when installed), RSS / file size, the
ratio to the previous size (the budget: at most 2.2 per doubling) and all rules / parse-only.
Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Import the many-file generator from beside this script, leaving no __pycache__ in bench/.
sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402  (beside this script)

FORMATS = ("plan", "cloudformation", "terraform", "plan-lean", "plan-state")
DEFAULT_SIZES = (1000, 2000, 4000, 8000, 16000, 32000, 64000, 100000)


def write_model(fmt: str, n: int, seed: int, out: Path) -> int:
    """Writes one model of `n` resources into `out`; returns its size in bytes."""
    rng = random.Random(f"{seed}/single/{fmt}/{n}")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    if fmt == "plan":
        doc, _ = generate.plan_document(rng, 0, n)
        data = (json.dumps(doc, separators=(",", ":")) + "\n").encode()
        (out / "plan.json").write_bytes(data)
        return len(data)
    if fmt == "plan-state":
        doc, _ = generate.plan_document(rng, 0, n)
        data = (json.dumps(with_prior_state(doc), separators=(",", ":")) + "\n").encode()
        (out / "plan.json").write_bytes(data)
        return len(data)
    if fmt == "plan-lean":
        data = lean_plan(n)
        (out / "plan.json").write_bytes(data)
        return len(data)
    if fmt == "cloudformation":
        template, _ = generate.cfn_template(rng, 0, n)
        data = ("\n".join(generate.yaml_lines(template, 0)) + "\n").encode()
        (out / "template.yaml").write_bytes(data)
        return len(data)
    if fmt == "terraform":
        files, _ = generate.tf_module(rng, 0, n)
        (out / "main").mkdir()
        size = 0
        for name, text in files.items():
            data = text.encode()
            (out / "main" / name).write_bytes(data)
            size += len(data)
        return size
    raise ValueError(f"unknown format {fmt!r}")


def with_prior_state(doc: dict) -> dict:
    """The plan of an update to a deployed configuration, as real plans of large accounts are:
    every resource already exists, so `prior_state` repeats its values (as `planned_values`
    does) and each change carries them as `before`; plus one data source per 100 resources,
    which a plan reads from `prior_state`."""
    root = json.loads(json.dumps(doc["planned_values"]["root_module"]))
    n = sum(1 for _ in doc["resource_changes"])
    root.setdefault("resources", []).extend(
        {"address": f"data.aws_availability_zones.zones[{i}]", "mode": "data",
         "type": "aws_availability_zones", "name": "zones", "index": i,
         "provider_name": generate.AWS, "schema_version": 0,
         "values": {"id": "eu-west-1", "names": ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
                    "state": "available"},
         "sensitive_values": {"names": []}}
        for i in range(n // 100))
    for change in doc["resource_changes"]:
        change["change"]["actions"] = ["update"]
        change["change"]["before"] = change["change"]["after"]
    doc["prior_state"] = {"format_version": "1.0", "terraform_version": doc["terraform_version"],
                          "values": {"root_module": root}}
    return doc


def lean_plan(n: int) -> bytes:
    """The most resources a plan can hold under the file size limit: one `count` of `n` EBS
    volumes with few attributes (about 345 bytes each; 380,000 fit in 128 MiB), every tenth
    unencrypted."""
    changes = []
    for i in range(n):
        after = {"availability_zone": "eu-west-1a", "encrypted": i % 10 != 0, "size": 10,
                 "type": "gp3"}
        changes.append({
            "address": f"aws_ebs_volume.v[{i}]", "mode": "managed", "type": "aws_ebs_volume",
            "name": "v", "index": i, "provider_name": generate.AWS,
            "change": {"actions": ["create"], "before": None, "after": after,
                       "after_unknown": {"arn": True, "id": True, "kms_key_id": True}}})
    doc = {"format_version": "1.2", "terraform_version": "1.9.8",
           "resource_changes": changes, "complete": True, "errored": False}
    return (json.dumps(doc, separators=(",", ":")) + "\n").encode()


def cached_model(work: Path, fmt: str, n: int, seed: int) -> tuple[Path, int]:
    """The model for (fmt, n, seed), generated once while bench/generate.py stays the same."""
    d = work / f"{fmt}-{n}"
    stamp = d / ".stamp"
    key = f"{seed} {generate_sha()}"
    if stamp.exists() and stamp.read_text().split("\n")[0] == key:
        return d, int(stamp.read_text().split("\n")[1])
    size = write_model(fmt, n, seed, d)
    stamp.write_text(f"{key}\n{size}\n")
    return d, size


def generate_sha() -> str:
    import hashlib

    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for name in ("generate.py", "single.py"):
        h.update((here / name).read_bytes())
    return h.hexdigest()


def perf_works() -> bool:
    try:
        r = subprocess.run(["perf", "stat", "-x,", "-e", "instructions:u", "true"],
                           capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return r.returncode == 0 and "instructions" in r.stderr and "<not" not in r.stderr


def run(binary: str, path: Path, parse_only: bool, use_perf: bool) -> dict:
    """One run: wall seconds, instructions (or None), peak RSS KiB (or None), exit code."""
    cmd = [binary, "--format", "json", "--no-config", "--quiet", str(path)]
    if parse_only:
        cmd.append("--parse-only")
    with tempfile.TemporaryDirectory() as tmp:
        perf_out = Path(tmp) / "perf"
        time_out = Path(tmp) / "time"
        wrapped = cmd
        if Path("/usr/bin/time").exists():
            wrapped = ["/usr/bin/time", "-f", "%U %S %M", "-o", str(time_out)] + wrapped
        if use_perf:
            wrapped = ["perf", "stat", "-x,", "-e", "instructions:u", "-o", str(perf_out)] + wrapped
        start = time.perf_counter()
        r = subprocess.run(wrapped, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - start
        instructions = rss = cpu = None
        if use_perf and perf_out.exists():
            for line in perf_out.read_text().splitlines():
                fields = line.split(",")
                if len(fields) > 2 and fields[2].startswith("instructions") and fields[0].isdigit():
                    instructions = int(fields[0])
        if time_out.exists():
            last = time_out.read_text().strip().splitlines()
            fields = last[-1].split() if last else []
            if len(fields) == 3 and fields[2].isdigit():
                cpu = float(fields[0]) + float(fields[1])
                rss = int(fields[2])
    if r.returncode not in (0, 1):
        sys.exit(f"single.py: {' '.join(cmd)} exited {r.returncode}\n{r.stderr[-2000:]}")
    return {"wall": wall, "cpu": cpu, "instructions": instructions, "rss": rss}


def measure(args: argparse.Namespace) -> int:
    root = Path(__file__).resolve().parent.parent
    target = Path(os.environ.get("CARGO_TARGET_DIR", root / "target"))
    binary = args.bin or str(target / "release" / "zt-lint")
    if not os.access(binary, os.X_OK):
        sys.exit(f"single.py: {binary} is not an executable (build with cargo build --release)")
    work = Path(args.work) if args.work else target / "bench-single"
    use_perf = perf_works()
    print(f"binary: {binary}")
    print(f"instructions: {'perf stat -e instructions:u' if use_perf else 'not measured (perf)'}")
    print()
    header = (f"{'format':15} {'resources':>9} {'MB':>7} {'wall s':>7} {'cpu s':>6} {'Ginstr':>8} {'x prev':>6} "
              f"{'parse Gi':>8} {'rules/parse':>11} {'RSS MiB':>8} {'RSS/file':>8}")
    print(header)
    for fmt in args.formats.split(","):
        prev = None
        for n in (int(s) for s in args.sizes.split(",")):
            path, size = cached_model(work, fmt, n, args.seed)
            full = run(binary, path, False, use_perf)
            floor = run(binary, path, True, use_perf)
            cost = "instructions" if use_perf else "cpu" if full["cpu"] is not None else "wall"
            growth = f"{full[cost] / prev:6.2f}" if prev else f"{'':6}"
            prev = full[cost]
            ratio = full[cost] / floor[cost] if floor[cost] else float("nan")
            gi = lambda r: f"{r['instructions'] / 1e9:8.2f}" if r["instructions"] else f"{'-':>8}"
            rss = f"{full['rss'] / 1024:8.1f}" if full["rss"] else f"{'-':>8}"
            per_byte = f"{full['rss'] * 1024 / size:8.1f}" if full["rss"] else f"{'-':>8}"
            cpu = f"{full['cpu']:6.2f}" if full["cpu"] is not None else f"{'-':>6}"
            print(f"{fmt:15} {n:9d} {size / 1e6:7.1f} {full['wall']:7.2f} {cpu} {gi(full)} {growth} "
                  f"{gi(floor)} {ratio:11.2f} {rss} {per_byte}", flush=True)
    print()
    print("x prev: cost (instructions, else user+sys CPU, else wall) over the previous size's;"
          " budget 2.2 per doubling.")
    print("rules/parse: all rules over --parse-only (load and build the model only); budget 1.5.")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate", help="write one model of N resources")
    g.add_argument("--format", required=True, choices=FORMATS)
    g.add_argument("--resources", type=int, required=True)
    g.add_argument("--out", required=True, type=Path)
    g.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    m = sub.add_parser("measure", help="time one model per format and size")
    m.add_argument("--formats", default=",".join(FORMATS))
    m.add_argument("--sizes", default=",".join(str(n) for n in DEFAULT_SIZES))
    m.add_argument("--bin", help="the zt-lint binary (default: the release build)")
    m.add_argument("--work", help="where generated models are cached")
    m.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    args = ap.parse_args(argv)
    if args.command == "generate":
        if args.resources < 3:
            ap.error("--resources must be at least 3")
        if args.out.exists() and any(args.out.iterdir()):
            ap.error(f"{args.out} exists and is not empty")
        size = write_model(args.format, args.resources, args.seed, args.out)
        print(f"{args.out}: one {args.format} model, {args.resources} resources, {size:,} bytes")
        return 0
    for fmt in args.formats.split(","):
        if fmt not in FORMATS:
            ap.error(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    if not all(re.fullmatch(r"[0-9]+", s) and int(s) >= 3 for s in args.sizes.split(",")):
        ap.error("--sizes takes whole numbers of at least 3, separated by commas")
    return measure(args)


if __name__ == "__main__":
    sys.exit(main())
