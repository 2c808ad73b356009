#!/usr/bin/env python3
"""Synthetic zt-lint benchmark corpus: AWS Terraform, Terraform plan JSON and CloudFormation.

    python3 bench/generate.py --resources 100000 --out DIR [--seed 20240601]

Writes, under DIR, roughly a third of the resources in each input format:

  terraform/mod-NNNN/*.tf       one module per directory, ~50-200 resources in a few files
  plans/plan-NNNN.json          `terraform show -json` documents, ~500-5,000 resources each
  cloudformation/stack-NNNN.*   templates (YAML with short-form tags, and JSON), ~100-500 each

The output depends only on --resources and --seed. Most resources are secure; a small,
deterministic share is deliberately insecure (world-open SSH/RDP, allow-all egress, public or
unencrypted databases, databases in public subnets, unencrypted volumes, buckets without an
encryption configuration, full-admin IAM policies) so every rule has work to do.

DIR/.manifest.json (hidden, so zt-lint's directory walk skips it) records the files, resources
and bytes per format and how many findings of each rule were planted on purpose. Standard
library only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_SEED = 20240601
MANIFEST = ".manifest.json"
FORMATS = ("terraform", "plan", "cloudformation")
RULES = (
    "ZT-IAM-001",  # iam-policy-full-admin
    "ZT-NET-001",  # security-group-world-ingress-sensitive-port
    "ZT-NET-002",  # security-group-unrestricted-egress
    "ZT-NET-003",  # database-publicly-accessible
    "ZT-NET-004",  # data-store-in-public-subnet
    "ZT-DAT-001",  # storage-not-encrypted
    "ZT-DAT-002",  # s3-bucket-default-encryption-only
)

# How often each deliberate mistake is made (per candidate resource).
P_SSH_WORLD = 0.06  # bastion security group: SSH from 0.0.0.0/0
P_EGRESS_ALL = 0.05  # app security group: all protocols to 0.0.0.0/0
P_RDP_WORLD = 0.04  # an extra ingress rule: RDP from 0.0.0.0/0
P_DB_PUBLIC = 0.04  # publicly_accessible = true
P_DB_PUBLIC_SUBNETS = 0.05  # DB subnet group built from the public subnets
P_DB_UNENCRYPTED = 0.15  # storage_encrypted false or unset
P_EBS_UNENCRYPTED = 0.20  # encrypted unset
P_BUCKET_NO_SSE = 0.30  # no server-side encryption configuration
P_IAM_ADMIN = 0.04  # Action "*" on Resource "*"
P_CFN_DB_OMIT_PUBLIC = 0.03  # PubliclyAccessible omitted (public: the VPC has an IGW)
P_CFN_SG_NO_EGRESS = 0.04  # no SecurityGroupEgress: AWS's default allow-all rule stays

REGIONS = ("eu-west-1", "eu-central-1", "us-east-1", "us-west-2", "ap-southeast-2")
ENVIRONMENTS = ("prod", "staging", "dev", "qa")
WORDS = (
    "orders", "billing", "catalog", "search", "identity", "payments", "ledger", "inventory",
    "shipping", "reports", "media", "profile", "checkout", "pricing", "events", "audit",
)


def chance(rng: random.Random, p: float) -> bool:
    return rng.random() < p


# ----------------------------------------------------------------------------------------------
# Budgeted emission: a unit (one VPC's worth of infrastructure) is a list of atoms in dependency
# order; every reference points backwards. A format generator takes atoms while they fit in its
# budget, stops a unit at the first atom that does not, and tops up with standalone fillers, so
# resource counts are exact and no reference dangles.
# ----------------------------------------------------------------------------------------------


@dataclass
class Atom:
    resources: int
    payload: object
    expect: Counter = field(default_factory=Counter)


def take_atoms(atoms: list[Atom], budget: int) -> tuple[list[Atom], int]:
    taken = []
    used = 0
    for atom in atoms:
        if used + atom.resources > budget:
            break
        taken.append(atom)
        used += atom.resources
    return taken, used


# ----------------------------------------------------------------------------------------------
# Terraform HCL, written the way `terraform fmt` leaves it.
# ----------------------------------------------------------------------------------------------


class Hcl:
    """Body items: ("attr", key, value) one line; ("multi", key, [lines]) a multi-line value
    whose first line follows `key = `; ("block", header, items); ("blank",)."""

    @staticmethod
    def render(header: str, items: list, indent: int = 0) -> list[str]:
        pad = "  " * indent
        out = [f"{pad}{header} {{"]
        out.extend(Hcl.body(items, indent + 1))
        out.append(f"{pad}}}")
        return out

    @staticmethod
    def body(items: list, indent: int) -> list[str]:
        pad = "  " * indent
        out: list[str] = []
        group: list[tuple[str, str]] = []

        def flush():
            if group:
                width = max(len(k) for k, _ in group)
                out.extend(f"{pad}{k.ljust(width)} = {v}" for k, v in group)
                group.clear()

        for item in items:
            kind = item[0]
            if kind == "attr":
                group.append((item[1], item[2]))
                continue
            flush()
            if kind == "blank":
                out.append("")
            elif kind == "multi":
                lines = item[2]
                out.append(f"{pad}{item[1]} = {lines[0]}")
                out.extend(f"{pad}{line}" if line else "" for line in lines[1:])
            elif kind == "block":
                out.extend(Hcl.render(item[1], item[2], indent))
            else:
                raise ValueError(kind)
        flush()
        return out


def q(s: str) -> str:
    return json.dumps(s)


def hcl_list(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


def tf_policy(statements: list[dict]) -> list[str]:
    """`jsonencode({...})` lines (relative indentation) of an IAM policy document."""
    lines = ["jsonencode({", '  Version = "2012-10-17"', "  Statement = ["]
    for st in statements:
        lines.append("    {")
        block = [("Sid", q(st["Sid"]))] + [(k, st[k]) for k in ("Effect", "Action", "Resource")]
        width = max(len(k) for k, _ in block)
        for k, v in block:
            lines.append(f"      {k.ljust(width)} = {v}")
        lines.append("    },")
    lines.append("  ]")
    lines.append("})")
    return lines


def tags_expr(name: str) -> str:
    return f'merge(local.common_tags, {{ Name = "${{local.name_prefix}}-{name}" }})'


def tf_unit(rng: random.Random, k: int) -> list[Atom]:
    """One VPC with its subnets, routing, security groups, database, volumes, buckets and
    policies. Atom payloads are (file, [lines])."""
    s = "" if k == 0 else f"_{k}"  # unit 0 gets the plain names: aws_vpc.main, ...
    d = s.replace("_", "-")  # the same suffix in names AWS sees (bucket names allow no "_")
    cidr = f"var.vpc_cidrs[{k}]"
    vpc = f"aws_vpc.main{s}"
    atoms: list[Atom] = []

    def res(file: str, rtype: str, name: str, items: list, n: int = 1, expect=None) -> Atom:
        lines = Hcl.render(f"resource {q(rtype)} {q(name)}", items)
        atom = Atom(n, (file, lines), Counter(expect or {}))
        atoms.append(atom)
        return atom

    res("network.tf", "aws_vpc", f"main{s}", [
        ("attr", "cidr_block", cidr),
        ("attr", "enable_dns_support", "true"),
        ("attr", "enable_dns_hostnames", "true"),
        ("attr", "tags", tags_expr(f"vpc{d}")),
    ])
    res("network.tf", "aws_internet_gateway", f"main{s}", [
        ("attr", "vpc_id", f"{vpc}.id"),
        ("attr", "tags", tags_expr(f"igw{d}")),
    ])
    subnets = [("public_a", 0, True), ("public_b", 1, True), ("public_c", 2, True),
               ("private_a", 10, False), ("private_b", 11, False), ("private_c", 12, False),
               ("data_a", 20, False), ("data_b", 21, False)]
    for name, netnum, public in subnets:
        items = [
            ("attr", "vpc_id", f"{vpc}.id"),
            ("attr", "cidr_block", f"cidrsubnet({cidr}, 8, {netnum})"),
            ("attr", "availability_zone", f"local.azs[{netnum % 10}]"),
        ]
        if public:
            items.append(("attr", "map_public_ip_on_launch", "true"))
        items.append(("attr", "tags", tags_expr(f"{name.replace('_', '-')}{d}")))
        res("network.tf", "aws_subnet", f"{name}{s}", items)

    inline_route = k % 2 == 0
    rt_items = [("attr", "vpc_id", f"{vpc}.id"), ("attr", "tags", tags_expr(f"public{d}"))]
    if inline_route:
        rt_items += [("blank",), ("block", "route", [
            ("attr", "cidr_block", q("0.0.0.0/0")),
            ("attr", "gateway_id", f"aws_internet_gateway.main{s}.id"),
        ])]
    res("network.tf", "aws_route_table", f"public{s}", rt_items)
    if not inline_route:
        res("network.tf", "aws_route", f"public_internet{s}", [
            ("attr", "route_table_id", f"aws_route_table.public{s}.id"),
            ("attr", "destination_cidr_block", q("0.0.0.0/0")),
            ("attr", "gateway_id", f"aws_internet_gateway.main{s}.id"),
        ])
    res("network.tf", "aws_route_table", f"private{s}", [
        ("attr", "vpc_id", f"{vpc}.id"),
        ("attr", "tags", tags_expr(f"private{d}")),
    ])
    for name, _, public in subnets:
        table = "public" if public else "private"
        res("network.tf", "aws_route_table_association", f"{name}{s}", [
            ("attr", "subnet_id", f"aws_subnet.{name}{s}.id"),
            ("attr", "route_table_id", f"aws_route_table.{table}{s}.id"),
        ])

    def rule(kind, desc, port_from, port_to, proto, source: tuple[str, str]):
        return ("block", kind, [
            ("attr", "description", q(desc)),
            ("attr", "from_port", port_from),
            ("attr", "to_port", port_to),
            ("attr", "protocol", q(proto)),
            ("attr", source[0], source[1]),
        ])

    def sg(name, desc, ingress, egress, expect=None):
        items = [
            ("attr", "name", f'"${{local.name_prefix}}-{name.replace("_", "-")}{d}"'),
            ("attr", "description", q(desc)),
            ("attr", "vpc_id", f"{vpc}.id"),
        ]
        for block in ingress + egress:
            items += [("blank",), block]
        items += [("blank",), ("attr", "tags", tags_expr(f"{name.replace('_', '-')}{d}"))]
        res("security.tf", "aws_security_group", f"{name}{s}", items, expect=expect)

    sg("web", "Public HTTPS entry point",
       [rule("ingress", "HTTPS from anywhere", "443", "443", "tcp", ("cidr_blocks", '["0.0.0.0/0"]')),
        rule("ingress", "HTTP redirect", "80", "80", "tcp", ("cidr_blocks", '["0.0.0.0/0"]'))],
       [rule("egress", "To the application tier", "local.app_port", "local.app_port", "tcp",
             ("cidr_blocks", f"[{cidr}]"))])
    egress_all = chance(rng, P_EGRESS_ALL)
    app_egress = (rule("egress", "Anywhere", "0", "0", "-1", ("cidr_blocks", '["0.0.0.0/0"]'))
                  if egress_all else
                  rule("egress", "HTTPS to AWS APIs", "443", "443", "tcp", ("cidr_blocks", '["0.0.0.0/0"]')))
    sg("app", "Application tier",
       [rule("ingress", "From the web tier", "local.app_port", "local.app_port", "tcp",
             ("security_groups", f"[aws_security_group.web{s}.id]"))],
       [app_egress], expect={"ZT-NET-002": 1} if egress_all else None)
    sg("db", "Database tier",
       [rule("ingress", "PostgreSQL from the application tier", "local.db_port", "local.db_port",
             "tcp", ("security_groups", f"[aws_security_group.app{s}.id]"))], [])
    ssh_world = chance(rng, P_SSH_WORLD)
    ssh_source = (rng.choice(['["0.0.0.0/0"]', "[var.ssh_ingress_cidr]"]) if ssh_world
                  else "[var.admin_cidr]")
    sg("bastion", "SSH bastion",
       [rule("ingress", "SSH", "22", "22", "tcp", ("cidr_blocks", ssh_source))],
       [rule("egress", "SSH into the VPC", "22", "22", "tcp", ("cidr_blocks", f"[{cidr}]"))],
       expect={"ZT-NET-001": 1} if ssh_world else None)

    res("security.tf", "aws_security_group_rule", f"app_https_from_peers{s}", [
        ("attr", "type", q("ingress")),
        ("attr", "description", q("HTTPS from peered networks")),
        ("attr", "from_port", "443"),
        ("attr", "to_port", "443"),
        ("attr", "protocol", q("tcp")),
        ("attr", "cidr_blocks", "var.allowed_https_cidrs"),
        ("attr", "security_group_id", f"aws_security_group.app{s}.id"),
    ])
    if chance(rng, P_RDP_WORLD):
        res("security.tf", "aws_security_group_rule", f"bastion_rdp{s}", [
            ("attr", "type", q("ingress")),
            ("attr", "description", q("RDP for the vendor")),
            ("attr", "from_port", "3389"),
            ("attr", "to_port", "3389"),
            ("attr", "protocol", q("tcp")),
            ("attr", "cidr_blocks", '["0.0.0.0/0"]'),
            ("attr", "security_group_id", f"aws_security_group.bastion{s}.id"),
        ], expect={"ZT-NET-001": 1})
    else:
        res("security.tf", "aws_security_group_rule", f"db_from_bastion{s}", [
            ("attr", "type", q("ingress")),
            ("attr", "description", q("PostgreSQL from the bastion")),
            ("attr", "from_port", "local.db_port"),
            ("attr", "to_port", "local.db_port"),
            ("attr", "protocol", q("tcp")),
            ("attr", "source_security_group_id", f"aws_security_group.bastion{s}.id"),
            ("attr", "security_group_id", f"aws_security_group.db{s}.id"),
        ])

    # Database: subnet group and instance form one atom so the placement is always complete.
    in_public = chance(rng, P_DB_PUBLIC_SUBNETS)
    public = chance(rng, P_DB_PUBLIC)
    unencrypted = chance(rng, P_DB_UNENCRYPTED)
    group_subnets = ["public_a", "public_b"] if in_public else ["data_a", "data_b"]
    group = Hcl.render(f'resource "aws_db_subnet_group" "main{s}"', [
        ("attr", "name", f'"${{local.name_prefix}}-db{d}"'),
        ("attr", "subnet_ids", hcl_list([f"aws_subnet.{n}{s}.id" for n in group_subnets])),
        ("attr", "tags", "local.common_tags"),
    ])
    db_items = [
        ("attr", "identifier", f'"${{local.name_prefix}}-db{d}"'),
        ("attr", "engine", q("postgres")),
        ("attr", "engine_version", q("16.9")),
        ("attr", "instance_class", "var.db_instance_class"),
        ("attr", "allocated_storage", str(rng.choice([20, 50, 100, 200]))),
        ("attr", "db_subnet_group_name", f"aws_db_subnet_group.main{s}.name"),
        ("attr", "vpc_security_group_ids", f"[aws_security_group.db{s}.id]"),
        ("attr", "username", q("app")),
        ("attr", "manage_master_user_password", "true"),
        ("attr", "publicly_accessible", "true" if public else "false"),
    ]
    if not unencrypted:
        db_items.append(("attr", "storage_encrypted", "true"))
    elif rng.random() < 0.5:
        db_items.append(("attr", "storage_encrypted", "false"))
    db_items += [("attr", "skip_final_snapshot", "true"), ("attr", "tags", "local.common_tags")]
    db = Hcl.render(f'resource "aws_db_instance" "main{s}"', db_items)
    expect = Counter()
    expect["ZT-NET-004"] += in_public
    expect["ZT-NET-003"] += public
    expect["ZT-DAT-001"] += unencrypted
    atoms.append(Atom(2, ("data.tf", group + [""] + db), +expect))

    ebs_plain = chance(rng, P_EBS_UNENCRYPTED)
    enc = [] if ebs_plain else [("attr", "encrypted", "true")]
    if k % 2:
        res("data.tf", "aws_ebs_volume", f"scratch{s}", [
            ("attr", "for_each", "local.volumes"),
            ("blank",),
            ("attr", "availability_zone", "local.azs[0]"),
            ("attr", "size", "each.value"),
            ("attr", "type", q("gp3")),
            *enc,
            ("attr", "tags", f'merge(local.common_tags, {{ Name = "${{local.name_prefix}}-${{each.key}}{d}" }})'),
        ], n=2, expect={"ZT-DAT-001": 2} if ebs_plain else None)
    else:
        for vol, size in (("cache", 100), ("logs", 50)):
            res("data.tf", "aws_ebs_volume", f"{vol}{s}", [
                ("attr", "availability_zone", "local.azs[1]"),
                ("attr", "size", str(size)),
                ("attr", "type", q("gp3")),
                *enc,
                ("attr", "tags", tags_expr(f"{vol}{d}")),
            ], expect={"ZT-DAT-001": 1} if ebs_plain else None)

    for bucket in ("assets", "exports"):
        items = [
            ("attr", "bucket", f'"${{local.name_prefix}}-{bucket}{d}"'),
            ("attr", "tags", "local.common_tags"),
        ]
        if chance(rng, P_BUCKET_NO_SSE):
            res("data.tf", "aws_s3_bucket", f"{bucket}{s}", items, expect={"ZT-DAT-002": 1})
            continue
        lines = Hcl.render(f'resource "aws_s3_bucket" "{bucket}{s}"', items) + [""]
        lines += Hcl.render(
            f'resource "aws_s3_bucket_server_side_encryption_configuration" "{bucket}{s}"', [
                ("attr", "bucket", f"aws_s3_bucket.{bucket}{s}.id"),
                ("blank",),
                ("block", "rule", [("block", "apply_server_side_encryption_by_default", [
                    ("attr", "sse_algorithm", q("aws:kms")),
                ])]),
            ])
        atoms.append(Atom(2, ("data.tf", lines)))

    read = tf_policy([{
        "Sid": "ReadAssets",
        "Effect": q("Allow"),
        "Action": '["s3:GetObject", "s3:ListBucket"]',
        "Resource": f'[aws_s3_bucket.assets{s}.arn, "${{aws_s3_bucket.assets{s}.arn}}/*"]',
    }])
    res("iam.tf", "aws_iam_policy", f"assets_read{s}", [
        ("attr", "name", f'"${{local.name_prefix}}-assets-read{d}"'),
        ("attr", "description", q("Read the assets bucket")),
        ("blank",),
        ("multi", "policy", read),
    ])
    admin = chance(rng, P_IAM_ADMIN)
    ops = tf_policy([{
        "Sid": "Operations",
        "Effect": q("Allow"),
        "Action": '"*"' if admin else '["ec2:Describe*", "rds:Describe*", "cloudwatch:GetMetricData"]',
        "Resource": '"*"',
    }])
    res("iam.tf", "aws_iam_policy", f"operations{s}", [
        ("attr", "name", f'"${{local.name_prefix}}-operations{d}"'),
        ("attr", "description", q("Operators' read access")),
        ("blank",),
        ("multi", "policy", ops),
    ], expect={"ZT-IAM-001": 1} if admin else None)
    return atoms


def tf_filler(i: int) -> Atom:
    lines = Hcl.render(f'resource "aws_ebs_volume" "spare_{i}"', [
        ("attr", "availability_zone", "local.azs[2]"),
        ("attr", "size", "10"),
        ("attr", "encrypted", "true"),
        ("attr", "tags", "local.common_tags"),
    ])
    return Atom(1, ("data.tf", lines))


def tf_module(rng: random.Random, m: int, budget: int) -> tuple[dict[str, str], Counter]:
    files: dict[str, list[str]] = {n: [] for n in ("network.tf", "security.tf", "data.tf", "iam.tf")}
    expect: Counter = Counter()
    used = 0
    k = 0
    while used < budget:
        unit = tf_unit(rng, k)
        taken, n = take_atoms(unit, budget - used)
        if not taken:
            break
        used += n
        k += 1
        for atom in taken:
            file, lines = atom.payload
            files[file].extend(lines + [""])
            expect += atom.expect
        if len(taken) < len(unit):
            break
    i = 0
    while used < budget:
        atom = tf_filler(i)
        files[atom.payload[0]].extend(atom.payload[1] + [""])
        used += 1
        i += 1

    region = rng.choice(REGIONS)
    project = f"{rng.choice(WORDS)}{m}"
    env = rng.choice(ENVIRONMENTS)
    vpc_cidrs = [q(f"10.{(m * 7 + j) % 250}.0.0/16") for j in range(max(k, 1))]

    def variable(name, desc, vtype, default):
        return Hcl.render(f"variable {q(name)}", [
            ("attr", "description", q(desc)),
            ("attr", "type", vtype),
            ("attr", "default", default),
        ]) + [""]

    variables = []
    variables += variable("region", "AWS region", "string", q(region))
    variables += variable("project", "Project name, used in resource names", "string", q(project))
    variables += variable("environment", "Deployment environment", "string", q(env))
    variables += variable("vpc_cidrs", "One CIDR block per VPC", "list(string)", hcl_list(vpc_cidrs))
    variables += variable("admin_cidr", "Corporate VPN range allowed to reach the bastions",
                          "string", q("10.200.0.0/16"))
    variables += variable("ssh_ingress_cidr", "Where SSH is accepted from", "string", q("0.0.0.0/0"))
    variables += variable("allowed_https_cidrs", "Peered networks", "list(string)",
                          hcl_list([q("10.0.0.0/8"), q("172.16.0.0/12")]))
    variables += variable("db_instance_class", "RDS instance class", "string",
                          q(rng.choice(["db.t3.medium", "db.m6g.large", "db.r6g.xlarge"])))
    variables += Hcl.render("locals", [
        ("attr", "name_prefix", '"${var.project}-${var.environment}"'),
        ("attr", "azs", '["${var.region}a", "${var.region}b", "${var.region}c"]'),
        ("attr", "app_port", "8080"),
        ("attr", "db_port", "5432"),
        ("blank",),
        ("multi", "common_tags", ["{", "  Project     = var.project",
                                  "  Environment = var.environment",
                                  '  ManagedBy   = "terraform"', "}"]),
        ("blank",),
        ("multi", "volumes", ["{", "  cache = 100", "  logs  = 50", "}"]),
    ]) + [""]

    providers = Hcl.render("terraform", [
        ("attr", "required_version", q(">= 1.5")),
        ("blank",),
        ("block", "required_providers", [
            ("multi", "aws", ["{", '  source  = "hashicorp/aws"', '  version = "~> 5.0"', "}"]),
        ]),
    ]) + [""] + Hcl.render('provider "aws"', [("attr", "region", "var.region")]) + [""]

    out = {"versions.tf": providers, "variables.tf": variables}
    out.update({n: lines for n, lines in files.items() if lines})
    return {n: "\n".join(lines).rstrip("\n") + "\n" for n, lines in out.items()}, expect


def split_sizes(rng: random.Random, total: int, low: int, high: int) -> list[int]:
    """Random sizes in [low, high] adding up to total (the last ones adjusted)."""
    sizes = []
    left = total
    while left > 0:
        if left <= high:
            sizes.append(left)
            break
        n = rng.randint(low, high)
        if left - n < low:
            n = left - low
        sizes.append(n)
        left -= n
    return sizes


def gen_terraform(rng: random.Random, root: Path, budget: int) -> tuple[int, int, int, Counter]:
    files = resources = size = 0
    expect: Counter = Counter()
    for m, n in enumerate(split_sizes(rng, budget, 50, 200)):
        module, exp = tf_module(rng, m, n)
        d = root / f"mod-{m:04d}"
        d.mkdir(parents=True)
        for name, text in module.items():
            data = text.encode()
            (d / name).write_bytes(data)
            files += 1
            size += len(data)
        resources += n
        expect += exp
    return files, resources, size, expect


# ----------------------------------------------------------------------------------------------
# Terraform plan JSON (`terraform show -json`), format 1.2, AWS provider 5.x attribute sets.
# Unknown (computed) values are left out of `after`/`values` and marked in `after_unknown`;
# sets containing an unknown element are unknown as a whole, as Terraform encodes them.
# ----------------------------------------------------------------------------------------------

AWS = "registry.terraform.io/hashicorp/aws"


def markers(value):
    """The shape of `after_unknown`/`after_sensitive` for a known value: collections are kept,
    primitives are `false` inside lists and left out of objects."""
    if isinstance(value, dict):
        return {k: m for k, v in value.items() if (m := markers(v)) is not None}
    if isinstance(value, list):
        return [False if (m := markers(v)) is None else m for v in value]
    return None


def canonical(value):
    if isinstance(value, dict):
        return {k: canonical(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [canonical(v) for v in value]
    return value


def refs(*addresses: str) -> dict:
    """`references` as Terraform lists them: `aws_vpc.this.id` → the attribute and the object."""
    out = []
    for a in addresses:
        out.append(a)
        parts = a.split(".")
        if parts[0] not in ("var", "local", "each", "count") and len(parts) > 2:
            out.append(".".join(parts[:2]))
    return {"references": out}


def const(v) -> dict:
    return {"constant_value": v}


SCHEMA = {"aws_vpc": 1, "aws_security_group": 1, "aws_route_table": 0, "aws_db_instance": 2,
          "aws_security_group_rule": 2, "aws_s3_bucket": 0}


@dataclass
class PlanResource:
    module: str  # 'module.stack["svc-001"]' or ""
    rtype: str
    name: str
    index: object  # None, int or str
    after: dict
    unknown: list[str]
    schema_version: int = -1

    def __post_init__(self):
        self.after = canonical(self.after)  # Terraform writes object attributes sorted
        if self.schema_version < 0:
            self.schema_version = SCHEMA.get(self.rtype, 0)

    @property
    def address(self) -> str:
        a = f"{self.rtype}.{self.name}"
        if self.index is not None:
            a += f"[{json.dumps(self.index)}]"
        return f"{self.module}.{a}" if self.module else a


def tags(name: str, env: str, project: str) -> dict:
    return {"Environment": env, "ManagedBy": "terraform", "Name": name, "Project": project}


def sg_rule_obj(desc, port_from, port_to, proto, cidrs) -> dict:
    return {"cidr_blocks": cidrs, "description": desc, "from_port": port_from,
            "ipv6_cidr_blocks": [], "prefix_list_ids": [], "protocol": proto,
            "security_groups": [], "self": False, "to_port": port_to}


def policy_json(statements: list[dict]) -> str:
    return json.dumps({"Statement": statements, "Version": "2012-10-17"}, separators=(",", ":"))


def plan_stack(rng: random.Random, module: str, key: str, cidr: str, region: str, env: str,
               project: str) -> tuple[list[Atom], dict]:
    """One `module.stack[key]` instance (and its nested `module.data`): atoms of resources in
    dependency order, the planted findings, and the instance's input variables."""
    atoms: list[Atom] = []
    name = f"{project}-{env}-{key}"
    t = lambda n: tags(f"{name}-{n}", env, project)  # noqa: E731
    octets = cidr.split(".")

    def subnet_cidr(n):
        return f"{octets[0]}.{octets[1]}.{n}.0/24"

    def add(resources: list[PlanResource], expect=None):
        atoms.append(Atom(len(resources), resources, Counter(expect or {})))

    def r(rtype, rname, after, unknown, index=None, mod=module):
        return PlanResource(mod, rtype, rname, index, after, unknown)

    add([r("aws_vpc", "this", {
        "assign_generated_ipv6_cidr_block": None, "cidr_block": cidr,
        "enable_dns_hostnames": True, "enable_dns_support": True, "instance_tenancy": "default",
        "ipv4_ipam_pool_id": None, "ipv4_netmask_length": None, "ipv6_ipam_pool_id": None,
        "ipv6_netmask_length": None, "tags": t("vpc"), "tags_all": t("vpc")},
        ["arn", "default_network_acl_id", "default_route_table_id", "default_security_group_id",
         "dhcp_options_id", "enable_network_address_usage_metrics", "id", "ipv6_association_id",
         "ipv6_cidr_block", "ipv6_cidr_block_network_border_group", "main_route_table_id",
         "owner_id"])])
    add([r("aws_internet_gateway", "this", {"tags": t("igw"), "tags_all": t("igw"),
                                            "timeouts": None}, ["arn", "id", "owner_id", "vpc_id"])])
    tiers = (("public", 3, 0, True), ("private", 3, 10, False), ("data", 2, 20, False))
    for tier, count, base, public in tiers:
        for i in range(count):
            add([r("aws_subnet", tier, {
                "assign_ipv6_address_on_creation": False,
                "availability_zone": f"{region}{'abc'[i]}",
                "cidr_block": subnet_cidr(base + i), "customer_owned_ipv4_pool": None,
                "enable_dns64": False, "enable_lni_at_device_index": None,
                "enable_resource_name_dns_a_record_on_launch": False,
                "enable_resource_name_dns_aaaa_record_on_launch": False,
                "ipv6_cidr_block": None, "ipv6_native": False,
                "map_customer_owned_ip_on_launch": None, "map_public_ip_on_launch": public,
                "outpost_arn": None, "tags": t(f"{tier}-{i}"), "tags_all": t(f"{tier}-{i}"),
                "timeouts": None},
                ["arn", "availability_zone_id", "id", "ipv6_cidr_block_association_id",
                 "owner_id", "private_dns_hostname_type_on_launch", "vpc_id"], index=i)])
    for tier in ("public", "private"):
        add([r("aws_route_table", tier, {"tags": t(f"rt-{tier}"), "tags_all": t(f"rt-{tier}"),
                                         "timeouts": None},
               ["arn", "id", "owner_id", "propagating_vgws", "route", "vpc_id"])])
    add([r("aws_route", "public_internet", {
        "carrier_gateway_id": None, "core_network_arn": None,
        "destination_cidr_block": "0.0.0.0/0", "destination_ipv6_cidr_block": None,
        "destination_prefix_list_id": None, "egress_only_gateway_id": None,
        "local_gateway_id": None, "nat_gateway_id": None, "timeouts": None,
        "transit_gateway_id": None, "vpc_endpoint_id": None, "vpc_peering_connection_id": None},
        ["gateway_id", "id", "instance_id", "instance_owner_id", "network_interface_id", "origin",
         "route_table_id", "state"])])
    for tier, count, _, _ in tiers:
        for i in range(count):
            add([r("aws_route_table_association", tier, {"gateway_id": None, "timeouts": None},
                   ["id", "route_table_id", "subnet_id"], index=i)])

    def sg(sg_name, desc, ingress, egress, expect=None):
        after = {"description": desc, "name": f"{name}-{sg_name}", "revoke_rules_on_delete": False,
                 "tags": t(sg_name), "tags_all": t(sg_name), "timeouts": None}
        unknown = ["arn", "id", "name_prefix", "owner_id", "vpc_id"]
        for key_, rules in (("egress", egress), ("ingress", ingress)):
            if rules is None:  # references another security group: a set with unknowns
                unknown.append(key_)
            else:
                after[key_] = rules
        add([r("aws_security_group", sg_name, after, unknown)], expect)

    sg("web", "Public HTTPS entry point",
       [sg_rule_obj("HTTPS from anywhere", 443, 443, "tcp", ["0.0.0.0/0"]),
        sg_rule_obj("HTTP redirect", 80, 80, "tcp", ["0.0.0.0/0"])],
       [sg_rule_obj("To the application tier", 8080, 8080, "tcp", [cidr])])
    egress_all = chance(rng, P_EGRESS_ALL)
    sg("app", "Application tier", None,
       [sg_rule_obj("Anywhere", 0, 0, "-1", ["0.0.0.0/0"]) if egress_all else
        sg_rule_obj("HTTPS to AWS APIs", 443, 443, "tcp", ["0.0.0.0/0"])],
       {"ZT-NET-002": 1} if egress_all else None)
    sg("db", "Database tier", None, [])
    ssh_world = chance(rng, P_SSH_WORLD)
    ssh_cidr = "0.0.0.0/0" if ssh_world else "10.200.0.0/16"
    sg("bastion", "SSH bastion", [sg_rule_obj("SSH", 22, 22, "tcp", [ssh_cidr])],
       [sg_rule_obj("SSH into the VPC", 22, 22, "tcp", [cidr])],
       {"ZT-NET-001": 1} if ssh_world else None)

    def sg_rule(rname, desc, port, cidrs, unknown_extra, index=None, expect=None):
        add([r("aws_security_group_rule", rname, {
            "cidr_blocks": cidrs, "description": desc, "from_port": port,
            "ipv6_cidr_blocks": None, "prefix_list_ids": None, "protocol": "tcp", "self": False,
            "timeouts": None, "to_port": port, "type": "ingress"},
            ["id", "security_group_id", "security_group_rule_id"] + unknown_extra, index=index)],
            expect)

    sg_rule("app_https_from_peers", "HTTPS from peered networks", 443,
            ["10.0.0.0/8", "172.16.0.0/12"], ["source_security_group_id"])
    rdp = chance(rng, P_RDP_WORLD)
    if rdp:
        sg_rule("bastion_rdp", "RDP for the vendor", 3389, ["0.0.0.0/0"],
                ["source_security_group_id"], index=0, expect={"ZT-NET-001": 1})

    encrypt_assets = not chance(rng, P_BUCKET_NO_SSE)
    bucket = r("aws_s3_bucket", "assets", {
        "bucket": f"{name}-assets", "force_destroy": False, "tags": t("assets"),
        "tags_all": t("assets"), "timeouts": None},
        ["acceleration_status", "acl", "arn", "bucket_domain_name", "bucket_prefix",
         "bucket_regional_domain_name", "cors_rule", "grant", "hosted_zone_id", "id",
         "lifecycle_rule", "logging", "object_lock_configuration", "object_lock_enabled",
         "policy", "region", "replication_configuration", "request_payer",
         "server_side_encryption_configuration", "versioning", "website", "website_domain",
         "website_endpoint"])
    if encrypt_assets:
        add([bucket, r("aws_s3_bucket_server_side_encryption_configuration", "assets", {
            "expected_bucket_owner": None,
            "rule": [{"apply_server_side_encryption_by_default": [
                {"kms_master_key_id": None, "sse_algorithm": "aws:kms"}],
                "bucket_key_enabled": True}]}, ["bucket", "id"], index=0)])
    else:
        add([bucket], {"ZT-DAT-002": 1})
    add([r("aws_iam_policy", "assets_read", {
        "description": "Read the assets bucket", "name": f"{name}-assets-read",
        "name_prefix": None, "path": "/", "tags": t("assets-read"), "tags_all": t("assets-read")},
        ["arn", "attachment_count", "id", "policy", "policy_id"])])
    cache_plain = chance(rng, P_EBS_UNENCRYPTED)
    add([r("aws_ebs_volume", "cache", {
        "availability_zone": f"{region}a", "encrypted": not cache_plain, "final_snapshot": False,
        "multi_attach_enabled": None, "outpost_arn": None, "size": 100, "snapshot_id": None,
        "tags": t("cache"), "tags_all": t("cache"), "timeouts": None, "type": "gp3"},
        ["arn", "id", "iops", "kms_key_id", "throughput"])],
        {"ZT-DAT-001": 1} if cache_plain else None)

    data = f"{module}.module.data"
    in_public = chance(rng, P_DB_PUBLIC_SUBNETS)
    public = chance(rng, P_DB_PUBLIC)
    encrypted = not chance(rng, P_DB_UNENCRYPTED)
    add([r("aws_db_subnet_group", "this", {
        "description": "Managed by Terraform", "name": f"{name}-db", "tags": t("db"),
        "tags_all": t("db")}, ["arn", "id", "name_prefix", "subnet_ids", "supported_network_types",
                               "vpc_id"], mod=data),
        r("aws_db_instance", "this", {
            "allocated_storage": 50, "allow_major_version_upgrade": None,
            "auto_minor_version_upgrade": True, "blue_green_update": [],
            "copy_tags_to_snapshot": False, "customer_owned_ip_enabled": None,
            "db_subnet_group_name": f"{name}-db", "dedicated_log_volume": False,
            "delete_automated_backups": True, "deletion_protection": None, "domain": None,
            "domain_auth_secret_arn": None, "domain_dns_ips": None, "domain_fqdn": None,
            "domain_iam_role_name": None, "domain_ou": None,
            "enabled_cloudwatch_logs_exports": None, "engine": "postgres",
            "engine_version": "16.9", "final_snapshot_identifier": None,
            "iam_database_authentication_enabled": None, "identifier": f"{name}-db",
            "instance_class": "db.t3.medium", "manage_master_user_password": True,
            "master_user_secret_kms_key_id": None, "max_allocated_storage": None,
            "monitoring_interval": 0, "password": None, "performance_insights_enabled": False,
            "publicly_accessible": public, "replicate_source_db": None,
            "restore_to_point_in_time": [], "s3_import": [], "skip_final_snapshot": True,
            "snapshot_identifier": None, "storage_encrypted": encrypted, "tags": t("db"),
            "tags_all": t("db"), "timeouts": None, "upgrade_storage_config": None,
            "username": "app"},
            ["address", "apply_immediately", "arn", "availability_zone", "backup_retention_period",
             "backup_target", "backup_window", "ca_cert_identifier", "character_set_name",
             "db_name", "endpoint", "engine_version_actual", "hosted_zone_id", "id",
             "identifier_prefix", "iops", "kms_key_id", "latest_restorable_time",
             "license_model", "listener_endpoint", "maintenance_window", "master_user_secret",
             "monitoring_role_arn", "multi_az", "nchar_character_set_name", "network_type",
             "option_group_name", "parameter_group_name", "performance_insights_kms_key_id",
             "performance_insights_retention_period", "port", "replicas", "resource_id",
             "status", "storage_throughput", "storage_type", "timezone",
             "vpc_security_group_ids"], mod=data)],
        # The subnet group's subnet_ids is a set of unknown ids at plan time: the subnets a
        # plan puts a database in cannot be known, so ZT-NET-004 is not planted here.
        {"ZT-NET-003": int(public), "ZT-DAT-001": int(not encrypted)})
    variables = {"in_public_subnets": in_public, "rdp": rdp, "ssh_cidr": ssh_cidr,
                 "egress_all": egress_all, "encrypt_assets": encrypt_assets}
    return atoms, variables


def plan_root(rng, n_logs, n_archive, n_data, n_scratch, n_services, admin, env, project,
              region):
    """Root-module resources: count/for_each instances of buckets, volumes and policies."""
    out: list[tuple[PlanResource, Counter]] = []
    t = lambda n: tags(f"{project}-{env}-{n}", env, project)  # noqa: E731
    bucket_unknown = ["acceleration_status", "acl", "arn", "bucket_domain_name", "bucket_prefix",
                      "bucket_regional_domain_name", "cors_rule", "grant", "hosted_zone_id", "id",
                      "lifecycle_rule", "logging", "object_lock_configuration",
                      "object_lock_enabled", "policy", "region", "replication_configuration",
                      "request_payer", "server_side_encryption_configuration", "versioning",
                      "website", "website_domain", "website_endpoint"]
    for i in range(n_logs):
        out.append((PlanResource("", "aws_s3_bucket", "logs", i, {
            "bucket": f"{project}-{env}-logs-{i}", "force_destroy": False, "tags": t(f"logs-{i}"),
            "tags_all": t(f"logs-{i}"), "timeouts": None}, bucket_unknown), Counter()))
        out.append((PlanResource("", "aws_s3_bucket_server_side_encryption_configuration", "logs", i, {
            "expected_bucket_owner": None,
            "rule": [{"apply_server_side_encryption_by_default": [
                {"kms_master_key_id": None, "sse_algorithm": "AES256"}],
                "bucket_key_enabled": None}]}, ["bucket", "id"]), Counter()))
    for i in range(n_archive):
        out.append((PlanResource("", "aws_s3_bucket", "archive", i, {
            "bucket": f"{project}-{env}-archive-{i}", "force_destroy": False,
            "tags": t(f"archive-{i}"), "tags_all": t(f"archive-{i}"), "timeouts": None},
            bucket_unknown), Counter({"ZT-DAT-002": 1})))
    for kind, n, encrypted in (("data", n_data, True), ("scratch", n_scratch, False)):
        for i in range(n):
            out.append((PlanResource("", "aws_ebs_volume", kind, i, {
                "availability_zone": f"{region}b", "encrypted": encrypted,
                "final_snapshot": False, "multi_attach_enabled": None, "outpost_arn": None,
                "size": 200, "snapshot_id": None, "tags": t(f"{kind}-{i}"),
                "tags_all": t(f"{kind}-{i}"), "timeouts": None, "type": "gp3"},
                ["arn", "id", "iops", "kms_key_id", "throughput"]),
                Counter() if encrypted else Counter({"ZT-DAT-001": 1})))
    services = sorted(rng.sample(WORDS, n_services))
    for svc in services:
        doc = policy_json([{"Action": ["sqs:SendMessage", "sqs:ReceiveMessage"], "Effect": "Allow",
                            "Resource": f"arn:aws:sqs:{region}:123456789012:{svc}-*",
                            "Sid": "Queues"}])
        out.append((PlanResource("", "aws_iam_policy", "service", svc, {
            "description": f"{svc} queues", "name": f"{project}-{env}-{svc}", "name_prefix": None,
            "path": "/", "policy": doc, "tags": None}, ["arn", "attachment_count", "id",
                                                        "policy_id", "tags_all"]), Counter()))
    if admin:
        doc = policy_json([{"Action": "*", "Effect": "Allow", "Resource": "*",
                            "Sid": "BreakGlass"}])
        out.append((PlanResource("", "aws_iam_policy", "break_glass", None, {
            "description": "Emergency access", "name": f"{project}-{env}-break-glass",
            "name_prefix": None, "path": "/", "policy": doc, "tags": None},
            ["arn", "attachment_count", "id", "policy_id", "tags_all"]),
            Counter({"ZT-IAM-001": 1})))
    return out, services


def rule_block_expr(desc_ref=None, port_ref=None, cidr_ref=None, proto_ref=None, sg_ref=None):
    e = {"description": desc_ref or const("rule"),
         "from_port": port_ref or const(443), "to_port": port_ref or const(443),
         "protocol": proto_ref or const("tcp")}
    if cidr_ref:
        e["cidr_blocks"] = cidr_ref
    if sg_ref:
        e["security_groups"] = sg_ref
    return e


def plan_configuration(services: list[str], admin: bool, counts: dict) -> dict:
    """`configuration`: one declaration per resource, shared by every module instance."""
    def res(rtype, name, expressions, schema=None, **extra):
        d = {"address": f"{rtype}.{name}", "mode": "managed", "type": rtype, "name": name,
             "provider_config_key": "aws", "expressions": expressions,
             "schema_version": SCHEMA.get(rtype, 0) if schema is None else schema}
        d.update(extra)
        return d

    tags_ref = refs("local.tags", "var.name")
    stack = [
        res("aws_vpc", "this", {"cidr_block": refs("var.cidr"),
                                "enable_dns_hostnames": const(True),
                                "enable_dns_support": const(True), "tags": tags_ref}),
        res("aws_internet_gateway", "this", {"tags": tags_ref, "vpc_id": refs("aws_vpc.this.id")}),
    ]
    for tier, count, base in (("public", 3, 0), ("private", 3, 10), ("data", 2, 20)):
        e = {"availability_zone": refs("var.azs", "count.index"),
             "cidr_block": refs("var.cidr", "count.index"),
             "tags": refs("local.tags", "var.name", "count.index"),
             "vpc_id": refs("aws_vpc.this.id")}
        if tier == "public":
            e["map_public_ip_on_launch"] = const(True)
        stack.append(res("aws_subnet", tier, e, count_expression=const(count)))
    for tier in ("public", "private"):
        stack.append(res("aws_route_table", tier, {"tags": tags_ref,
                                                   "vpc_id": refs("aws_vpc.this.id")}))
    stack.append(res("aws_route", "public_internet", {
        "destination_cidr_block": const("0.0.0.0/0"),
        "gateway_id": refs("aws_internet_gateway.this.id"),
        "route_table_id": refs("aws_route_table.public.id")}))
    for tier, count in (("public", 3), ("private", 3), ("data", 2)):
        table = "public" if tier == "public" else "private"
        # A dynamic index: Terraform references the whole resource, not one instance.
        stack.append(res("aws_route_table_association", tier, {
            "route_table_id": refs(f"aws_route_table.{table}.id"),
            "subnet_id": {"references": [f"aws_subnet.{tier}", "count.index"]}},
            count_expression=const(count)))
    stack += [
        res("aws_security_group", "web", {
            "description": const("Public HTTPS entry point"),
            "egress": [rule_block_expr(cidr_ref=refs("var.cidr"), port_ref=const(8080))],
            "ingress": [rule_block_expr(cidr_ref=const(["0.0.0.0/0"])),
                        rule_block_expr(cidr_ref=const(["0.0.0.0/0"]), port_ref=const(80))],
            "name": refs("var.name"), "tags": tags_ref, "vpc_id": refs("aws_vpc.this.id")}),
        res("aws_security_group", "app", {
            "description": const("Application tier"),
            "egress": [rule_block_expr(cidr_ref=const(["0.0.0.0/0"]),
                                       port_ref=refs("var.egress_all"),
                                       proto_ref=refs("var.egress_all"))],
            "ingress": [rule_block_expr(port_ref=const(8080),
                                        sg_ref=refs("aws_security_group.web.id"))],
            "name": refs("var.name"), "tags": tags_ref, "vpc_id": refs("aws_vpc.this.id")}),
        res("aws_security_group", "db", {
            "description": const("Database tier"),
            "ingress": [rule_block_expr(port_ref=const(5432),
                                        sg_ref=refs("aws_security_group.app.id"))],
            "name": refs("var.name"), "tags": tags_ref, "vpc_id": refs("aws_vpc.this.id")}),
        res("aws_security_group", "bastion", {
            "description": const("SSH bastion"),
            "egress": [rule_block_expr(cidr_ref=refs("var.cidr"), port_ref=const(22))],
            "ingress": [rule_block_expr(cidr_ref=refs("var.ssh_cidr"), port_ref=const(22))],
            "name": refs("var.name"), "tags": tags_ref, "vpc_id": refs("aws_vpc.this.id")}),
        res("aws_security_group_rule", "app_https_from_peers", {
            "cidr_blocks": const(["10.0.0.0/8", "172.16.0.0/12"]),
            "description": const("HTTPS from peered networks"), "from_port": const(443),
            "protocol": const("tcp"), "security_group_id": refs("aws_security_group.app.id"),
            "to_port": const(443), "type": const("ingress")}),
        res("aws_security_group_rule", "bastion_rdp", {
            "cidr_blocks": const(["0.0.0.0/0"]), "description": const("RDP for the vendor"),
            "from_port": const(3389), "protocol": const("tcp"),
            "security_group_id": refs("aws_security_group.bastion.id"), "to_port": const(3389),
            "type": const("ingress")}, count_expression=refs("var.rdp")),
        res("aws_s3_bucket", "assets", {"bucket": refs("var.name"), "tags": tags_ref}),
        res("aws_s3_bucket_server_side_encryption_configuration", "assets", {
            "bucket": refs("aws_s3_bucket.assets.id"),
            "rule": [{"apply_server_side_encryption_by_default": [
                {"sse_algorithm": const("aws:kms")}], "bucket_key_enabled": const(True)}]},
            count_expression=refs("var.encrypt_assets")),
        res("aws_iam_policy", "assets_read", {
            "description": const("Read the assets bucket"), "name": refs("var.name"),
            "policy": refs("aws_s3_bucket.assets.arn"), "tags": tags_ref}),
        res("aws_ebs_volume", "cache", {
            "availability_zone": refs("var.azs"), "encrypted": refs("var.encrypt_cache"),
            "size": const(100), "tags": tags_ref, "type": const("gp3")}),
    ]
    data = [
        res("aws_db_subnet_group", "this", {"name": refs("var.name"),
                                            "subnet_ids": refs("var.subnet_ids"),
                                            "tags": refs("var.tags")}),
        res("aws_db_instance", "this", {
            "allocated_storage": const(50), "db_subnet_group_name":
                refs("aws_db_subnet_group.this.name"),
            "engine": const("postgres"), "engine_version": const("16.9"),
            "identifier": refs("var.name"), "instance_class": refs("var.instance_class"),
            "manage_master_user_password": const(True),
            "publicly_accessible": refs("var.publicly_accessible"),
            "skip_final_snapshot": const(True),
            "storage_encrypted": refs("var.storage_encrypted"), "tags": refs("var.tags"),
            "username": const("app"), "vpc_security_group_ids": refs("var.security_group_ids")}),
    ]
    variables = lambda *names: {n: {"description": n.replace("_", " ")} for n in names}  # noqa
    stack_call = {
        "source": "./modules/stack",
        "expressions": {"cidr": refs("each.value.cidr", "each.value"),
                        "egress_all": refs("each.value.egress_all", "each.value"),
                        "name": refs("each.key", "local.name_prefix"),
                        "rdp": refs("each.value.rdp", "each.value"),
                        "ssh_cidr": refs("each.value.ssh_cidr", "each.value")},
        "for_each_expression": refs("local.stacks"),
        "module": {
            "outputs": {"vpc_id": {"expression": refs("aws_vpc.this.id")}},
            "resources": stack,
            "module_calls": {"data": {
                "source": "../data",
                "expressions": {
                    "name": refs("var.name"),
                    "publicly_accessible": refs("var.db_public"),
                    "security_group_ids": refs("aws_security_group.db.id"),
                    "subnet_ids": refs("aws_subnet.data", "aws_subnet.public",
                                       "var.in_public_subnets"),
                    "storage_encrypted": refs("var.db_encrypted"), "tags": refs("local.tags")},
                "module": {"resources": data,
                           "variables": variables("name", "publicly_accessible",
                                                  "security_group_ids", "subnet_ids",
                                                  "storage_encrypted", "tags")}}},
            "variables": variables("cidr", "egress_all", "name", "rdp", "ssh_cidr")},
    }
    root = []
    if counts["logs"]:
        root += [res("aws_s3_bucket", "logs", {"bucket": refs("local.name_prefix", "count.index"),
                                               "tags": refs("local.tags")},
                     count_expression=const(counts["logs"])),
                 res("aws_s3_bucket_server_side_encryption_configuration", "logs", {
                     "bucket": {"references": ["aws_s3_bucket.logs", "count.index"]},
                     "rule": [{"apply_server_side_encryption_by_default": [
                         {"sse_algorithm": const("AES256")}]}]},
                     count_expression=const(counts["logs"]))]
    if counts["archive"]:
        root.append(res("aws_s3_bucket", "archive", {
            "bucket": refs("local.name_prefix", "count.index"), "tags": refs("local.tags")},
            count_expression=const(counts["archive"])))
    for kind, encrypted in (("data", True), ("scratch", False)):
        if counts[kind]:
            root.append(res("aws_ebs_volume", kind, {
                "availability_zone": refs("var.region"), "encrypted": const(encrypted),
                "size": const(200), "tags": refs("local.tags"), "type": const("gp3")},
                count_expression=const(counts[kind])))
    if services:
        root.append(res("aws_iam_policy", "service", {
            "description": refs("each.key"), "name": refs("local.name_prefix", "each.key"),
            "path": const("/"), "policy": refs("each.key", "var.region")},
            for_each_expression=const({s: s for s in services})))
    if admin:
        root.append(res("aws_iam_policy", "break_glass", {
            "description": const("Emergency access"), "name": refs("local.name_prefix"),
            "policy": const(policy_json([{"Action": "*", "Effect": "Allow", "Resource": "*",
                                          "Sid": "BreakGlass"}]))}))
    return {
        "provider_config": {"aws": {"name": "aws", "full_name": AWS,
                                    "version_constraint": "~> 5.0",
                                    "expressions": {"region": refs("var.region")}}},
        "root_module": {
            "resources": root,
            "module_calls": {"stack": stack_call},
            "variables": {"environment": {"default": "prod"}, "project": {},
                          "region": {"default": "eu-west-1"}},
        },
    }


def plan_document(rng: random.Random, p: int, budget: int) -> tuple[dict, Counter]:
    region = rng.choice(REGIONS)
    env = rng.choice(ENVIRONMENTS)
    project = f"{rng.choice(WORDS)}{p}"
    # About a tenth of the plan is root-module resources.
    root_budget = max(1, min(budget, budget // 10))
    admin = chance(rng, 0.5) and root_budget >= 6
    n_services = min(4, root_budget - int(admin))  # for_each policies
    variable_part = root_budget - n_services - int(admin)
    n_logs = variable_part // 4  # bucket + its encryption configuration: 2 resources each
    n_archive = max(0, round(variable_part * 0.1))
    n_scratch = max(0, round(variable_part * 0.05))
    n_data = variable_part - 2 * n_logs - n_archive - n_scratch
    if n_data < 0:
        n_logs, n_archive, n_scratch, n_data = 0, 0, 0, variable_part
    root, services = plan_root(rng, n_logs, n_archive, n_data, n_scratch, n_services, admin,
                               env, project, region)
    resources = [x[0] for x in root]
    expect: Counter = Counter()
    for _, e in root:
        expect += e
    used = len(resources)
    stacks = {}
    s = 0
    while used < budget:
        key = f"svc-{s:03d}"
        module = f'module.stack["{key}"]'
        cidr = f"10.{s % 250}.0.0/16" if s < 250 else f"172.{16 + s % 16}.0.0/16"
        atoms, variables = plan_stack(rng, module, key, cidr, region, env, project)
        taken, n = take_atoms(atoms, budget - used)
        if not taken:
            break
        for atom in taken:
            resources.extend(atom.payload)
            expect += atom.expect
        used += n
        stacks[key] = dict(variables, cidr=cidr)
        s += 1
        if len(taken) < len(atoms):
            break
    extra = budget - used  # top up with encrypted data volumes
    for i in range(extra):
        resources.append(PlanResource("", "aws_ebs_volume", "data", n_data + i, {
            "availability_zone": f"{region}b", "encrypted": True, "final_snapshot": False,
            "multi_attach_enabled": None, "outpost_arn": None, "size": 200, "snapshot_id": None,
            "tags": None, "timeouts": None, "type": "gp3"},
            ["arn", "id", "iops", "kms_key_id", "tags_all", "throughput"]))
    counts = {"logs": n_logs, "archive": n_archive, "data": n_data + extra, "scratch": n_scratch}

    # planned_values: a tree of modules, resources sorted by address as Terraform writes them.
    modules: dict[str, list[PlanResource]] = {}
    for r in resources:
        modules.setdefault(r.module, []).append(r)

    def pv(r: PlanResource) -> dict:
        d = {"address": r.address, "mode": "managed", "type": r.rtype, "name": r.name}
        if r.index is not None:
            d["index"] = r.index
        d.update({"provider_name": AWS, "schema_version": r.schema_version, "values": r.after,
                  "sensitive_values": markers(r.after)})
        return d

    def parent(address: str) -> str:
        i = address.rfind(".module.")  # instance keys here never contain ".module."
        return address[:i] if i >= 0 else ""

    def module_tree(address: str) -> dict:
        m = {"resources": [pv(r) for r in sorted(modules.get(address, []), key=lambda r: r.address)]}
        if address:
            m["address"] = address
        children = sorted(a for a in modules if a and parent(a) == address)
        if children:
            m["child_modules"] = [module_tree(c) for c in children]
        if not m["resources"]:
            del m["resources"]
        return m

    changes = []
    for r in sorted(resources, key=lambda r: r.address):
        unknown = markers(r.after)
        for k in r.unknown:
            unknown[k] = True
        unknown = canonical(unknown)
        d = {"address": r.address}
        if r.module:
            d["module_address"] = r.module
        d.update({"mode": "managed", "type": r.rtype, "name": r.name})
        if r.index is not None:
            d["index"] = r.index
        d.update({"provider_name": AWS, "change": {
            "actions": ["create"], "before": None, "after": r.after, "after_unknown": unknown,
            "before_sensitive": False, "after_sensitive": markers(r.after)}})
        changes.append(d)

    doc = {
        "format_version": "1.2",
        "terraform_version": "1.9.8",
        "variables": {"environment": {"value": env}, "project": {"value": project},
                      "region": {"value": region}},
        "planned_values": {"root_module": module_tree("")},
        "resource_changes": changes,
        "configuration": plan_configuration(services, admin, counts),
        "relevant_attributes": [],
        "timestamp": f"2024-06-{1 + p % 28:02d}T12:{p % 60:02d}:00Z",
        "applyable": True,
        "complete": True,
        "errored": False,
    }
    return doc, expect


def gen_plans(rng: random.Random, root: Path, budget: int) -> tuple[int, int, int, Counter]:
    files = resources = size = 0
    expect: Counter = Counter()
    root.mkdir(parents=True)
    for p, n in enumerate(split_sizes(rng, budget, 500, 5000)):
        doc, exp = plan_document(rng, p, n)
        assert len(doc["resource_changes"]) == n, (len(doc["resource_changes"]), n)
        # `terraform show -json` prints one line.
        data = (json.dumps(doc, separators=(",", ":")) + "\n").encode()
        (root / f"plan-{p:04d}.json").write_bytes(data)
        files += 1
        resources += n
        size += len(data)
        expect += exp
    return files, resources, size, expect


# ----------------------------------------------------------------------------------------------
# CloudFormation: templates as Python trees with Tag leaves, written as YAML (short-form tags)
# or JSON (Fn:: forms).
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tag:
    name: str  # Ref, GetAtt, Sub
    value: object

    def to_json(self):
        if self.name == "Ref":
            return {"Ref": self.value}
        if self.name == "GetAtt":
            return {"Fn::GetAtt": self.value.split(".", 1)}
        return {f"Fn::{self.name}": self.value}


def Ref(x):  # noqa: N802
    return Tag("Ref", x)


def GetAtt(x):  # noqa: N802
    return Tag("GetAtt", x)


def Sub(x):  # noqa: N802
    return Tag("Sub", x)


PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9_./:-]*$")
YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def yscalar(v) -> str:
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return "null"
    if isinstance(v, (int, float)):
        return str(v)
    if PLAIN.match(v) and v.lower() not in YAML_WORDS:
        return v
    return "'" + v.replace("'", "''") + "'"


def yaml_lines(v, indent: int) -> list[str]:
    """Lines of a mapping or sequence value at `indent` spaces."""
    pad = " " * indent
    out = []
    if isinstance(v, dict):
        for k, val in v.items():
            if isinstance(val, (dict, list)) and val:
                out.append(f"{pad}{k}:")
                out.extend(yaml_lines(val, indent + 2))
            else:
                out.append(f"{pad}{k}: {yinline(val)}")
    elif isinstance(v, list):
        for item in v:
            if isinstance(item, dict) and item:
                inner = yaml_lines(item, indent + 2)
                out.append(f"{pad}- {inner[0].lstrip()}")
                out.extend(inner[1:])
            elif isinstance(item, list) and item:
                out.append(f"{pad}-")
                out.extend(yaml_lines(item, indent + 2))
            else:
                out.append(f"{pad}- {yinline(item)}")
    return out


def yinline(v) -> str:
    if isinstance(v, Tag):
        if isinstance(v.value, str):
            return f"!{v.name} {yscalar(v.value)}"
        return f"!{v.name} {json.dumps(v.value)}"
    if isinstance(v, dict):
        return "{}"
    if isinstance(v, list):
        return "[]"
    return yscalar(v)


def to_json_tree(v):
    if isinstance(v, Tag):
        return v.to_json()
    if isinstance(v, dict):
        return {k: to_json_tree(x) for k, x in v.items()}
    if isinstance(v, list):
        return [to_json_tree(x) for x in v]
    return v


def cfn_tags(name: str) -> list:
    return [{"Key": "Name", "Value": Sub("${ProjectName}-${Environment}-" + name)},
            {"Key": "Environment", "Value": Ref("Environment")}]


def cfn_unit(rng: random.Random, k: int, t: int) -> list[Atom]:
    """Atoms whose payload is a dict of logical id → resource."""
    atoms: list[Atom] = []
    second = (t * 16 + k) % 250

    def add(resources: dict, expect=None):
        atoms.append(Atom(len(resources), resources, Counter(expect or {})))

    vpc = f"Vpc{k}"
    add({vpc: {"Type": "AWS::EC2::VPC", "Properties": {
        "CidrBlock": f"10.{second}.0.0/16", "EnableDnsSupport": True,
        "EnableDnsHostnames": True, "Tags": cfn_tags(f"vpc-{k}")}}})
    add({f"InternetGateway{k}": {"Type": "AWS::EC2::InternetGateway",
                                 "Properties": {"Tags": cfn_tags(f"igw-{k}")}}})
    add({f"GatewayAttachment{k}": {"Type": "AWS::EC2::VPCGatewayAttachment", "Properties": {
        "VpcId": Ref(vpc), "InternetGatewayId": Ref(f"InternetGateway{k}")}}})
    subnets = [("PublicSubnetA", 0, True, 0), ("PublicSubnetB", 1, True, 1),
               ("PublicSubnetC", 2, True, 2), ("PrivateSubnetA", 10, False, 0),
               ("PrivateSubnetB", 11, False, 1), ("PrivateSubnetC", 12, False, 2),
               ("DataSubnetA", 20, False, 0), ("DataSubnetB", 21, False, 1)]
    for name, third, public, az in subnets:
        props = {"VpcId": Ref(vpc), "CidrBlock": f"10.{second}.{third}.0/24",
                 "AvailabilityZone": Sub("${AWS::Region}" + "abc"[az])}
        if public:
            props["MapPublicIpOnLaunch"] = True
        props["Tags"] = cfn_tags(f"{name.lower()}-{k}")
        add({f"{name}{k}": {"Type": "AWS::EC2::Subnet", "Properties": props}})
    for table in ("Public", "Private"):
        add({f"{table}RouteTable{k}": {"Type": "AWS::EC2::RouteTable", "Properties": {
            "VpcId": Ref(vpc), "Tags": cfn_tags(f"{table.lower()}-rt-{k}")}}})
    add({f"PublicDefaultRoute{k}": {"Type": "AWS::EC2::Route",
                                    "DependsOn": f"GatewayAttachment{k}", "Properties": {
        "RouteTableId": Ref(f"PublicRouteTable{k}"), "DestinationCidrBlock": "0.0.0.0/0",
        "GatewayId": Ref(f"InternetGateway{k}")}}})
    for name, _, public, _ in subnets:
        table = "Public" if public else "Private"
        add({f"{name}RouteTableAssociation{k}": {
            "Type": "AWS::EC2::SubnetRouteTableAssociation", "Properties": {
                "SubnetId": Ref(f"{name}{k}"), "RouteTableId": Ref(f"{table}RouteTable{k}")}}})

    def rule(proto, port_from, port_to, desc, **source):
        d = {"IpProtocol": proto}
        if proto != "-1":  # all protocols: ports do not apply
            d.update(FromPort=port_from, ToPort=port_to)
        d.update(source)
        d["Description"] = desc
        return d

    def sg(name, desc, ingress, egress, expect=None):
        props = {"GroupDescription": desc, "VpcId": Ref(vpc), "SecurityGroupIngress": ingress}
        if egress is not None:
            props["SecurityGroupEgress"] = egress
        props["Tags"] = cfn_tags(f"{name.lower()}-sg-{k}")
        add({f"{name}SecurityGroup{k}": {"Type": "AWS::EC2::SecurityGroup",
                                         "Properties": props}}, expect)

    sg("Web", "Public HTTPS entry point",
       [rule("tcp", 443, 443, "HTTPS from anywhere", CidrIp="0.0.0.0/0"),
        rule("tcp", 80, 80, "HTTP redirect", CidrIp="0.0.0.0/0")],
       [rule("tcp", 8080, 8080, "To the application tier", CidrIp=GetAtt(f"{vpc}.CidrBlock"))])
    no_egress = chance(rng, P_CFN_SG_NO_EGRESS)
    egress_all = not no_egress and chance(rng, P_EGRESS_ALL)
    app_egress = (None if no_egress else
                  [rule("-1", -1, -1, "Anywhere", CidrIp="0.0.0.0/0")] if egress_all else
                  [rule("tcp", 443, 443, "HTTPS to AWS APIs", CidrIp="0.0.0.0/0")])
    sg("App", "Application tier",
       [rule("tcp", 8080, 8080, "From the web tier",
             SourceSecurityGroupId=GetAtt(f"WebSecurityGroup{k}.GroupId"))],
       app_egress, {"ZT-NET-002": 1} if (no_egress or egress_all) else None)
    sg("Db", "Database tier",
       [rule("tcp", 5432, 5432, "PostgreSQL from the application tier",
             SourceSecurityGroupId=GetAtt(f"AppSecurityGroup{k}.GroupId"))],
       [rule("-1", -1, -1, "No egress", CidrIp="127.0.0.1/32")])
    ssh_world = chance(rng, P_SSH_WORLD)
    sg("Bastion", "SSH bastion",
       [rule("tcp", 22, 22, "SSH", CidrIp="0.0.0.0/0" if ssh_world else Ref("AdminCidr"))]
       + ([rule("tcp", 3389, 3389, "RDP for the vendor", CidrIp="0.0.0.0/0")]
          if (rdp := chance(rng, P_RDP_WORLD)) else []),
       [rule("tcp", 22, 22, "SSH into the VPC", CidrIp=GetAtt(f"{vpc}.CidrBlock"))],
       {"ZT-NET-001": int(ssh_world) + int(rdp)} if (ssh_world or rdp) else None)

    in_public = chance(rng, P_DB_PUBLIC_SUBNETS)
    public = chance(rng, P_DB_PUBLIC)
    omit = not public and chance(rng, P_CFN_DB_OMIT_PUBLIC)
    unencrypted = chance(rng, P_DB_UNENCRYPTED)
    group_subnets = ["PublicSubnetA", "PublicSubnetB"] if in_public else ["DataSubnetA", "DataSubnetB"]
    db = {"DBInstanceIdentifier": Sub("${ProjectName}-${Environment}-db-" + str(k)),
          "Engine": "postgres", "EngineVersion": "16.9",
          "DBInstanceClass": Ref("DbInstanceClass"), "AllocatedStorage": "50",
          "DBSubnetGroupName": Ref(f"DbSubnetGroup{k}"),
          "VPCSecurityGroups": [GetAtt(f"DbSecurityGroup{k}.GroupId")],
          "MasterUsername": "app", "ManageMasterUserPassword": True}
    if not omit:
        db["PubliclyAccessible"] = public
    if not unencrypted:
        db["StorageEncrypted"] = True
    elif rng.random() < 0.5:
        db["StorageEncrypted"] = False
    db["Tags"] = cfn_tags(f"db-{k}")
    expect = Counter({"ZT-NET-004": int(in_public), "ZT-NET-003": int(public or omit),
                      "ZT-DAT-001": int(unencrypted)})
    add({f"DbSubnetGroup{k}": {"Type": "AWS::RDS::DBSubnetGroup", "Properties": {
        "DBSubnetGroupDescription": f"Database subnets of VPC {k}",
        "SubnetIds": [Ref(f"{n}{k}") for n in group_subnets]}},
        f"Database{k}": {"Type": "AWS::RDS::DBInstance", "DeletionPolicy": "Snapshot",
                         "UpdateReplacePolicy": "Snapshot", "Properties": db}}, +expect)

    for bucket in ("Assets", "Exports"):
        props = {"BucketName": Sub("${ProjectName}-${Environment}-" + bucket.lower() + f"-{k}")}
        plain = chance(rng, P_BUCKET_NO_SSE)
        if not plain:
            props["BucketEncryption"] = {"ServerSideEncryptionConfiguration": [
                {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"},
                 "BucketKeyEnabled": True}]}
        props["VersioningConfiguration"] = {"Status": "Enabled"}
        props["Tags"] = cfn_tags(f"{bucket.lower()}-{k}")
        add({f"{bucket}Bucket{k}": {"Type": "AWS::S3::Bucket", "Properties": props}},
            {"ZT-DAT-002": 1} if plain else None)

    add({f"AssetsReadPolicy{k}": {"Type": "AWS::IAM::Policy", "Properties": {
        "PolicyName": Sub("${ProjectName}-assets-read-" + str(k)),
        "Roles": [Ref("AppRoleName")],
        "PolicyDocument": {"Version": "2012-10-17", "Statement": [{
            "Sid": "ReadAssets", "Effect": "Allow",
            "Action": ["s3:GetObject", "s3:ListBucket"],
            "Resource": [GetAtt(f"AssetsBucket{k}.Arn"),
                         Sub("${AssetsBucket" + str(k) + ".Arn}/*")]}]}}}})
    admin = chance(rng, P_IAM_ADMIN)
    add({f"OperationsPolicy{k}": {"Type": "AWS::IAM::Policy", "Properties": {
        "PolicyName": Sub("${ProjectName}-operations-" + str(k)),
        "Roles": [Ref("OpsRoleName")],
        "PolicyDocument": {"Version": "2012-10-17", "Statement": [{
            "Sid": "Operations", "Effect": "Allow",
            "Action": "*" if admin else ["ec2:Describe*", "rds:Describe*"],
            "Resource": "*"}]}}}}, {"ZT-IAM-001": 1} if admin else None)
    return atoms


def cfn_template(rng: random.Random, t: int, budget: int) -> tuple[dict, Counter]:
    resources: dict = {}
    outputs: dict = {}
    expect: Counter = Counter()
    used = 0
    k = 0
    while used < budget:
        atoms = cfn_unit(rng, k, t)
        taken, n = take_atoms(atoms, budget - used)
        if not taken:
            break
        for atom in taken:
            resources.update(atom.payload)
            expect += atom.expect
        used += n
        outputs[f"VpcId{k}"] = {"Description": f"VPC {k}", "Value": Ref(f"Vpc{k}"),
                                "Export": {"Name": Sub("${AWS::StackName}-vpc-" + str(k))}}
        k += 1
        if len(taken) < len(atoms):
            break
    i = 0
    while used < budget:
        resources[f"SpareBucket{i}"] = {"Type": "AWS::S3::Bucket", "Properties": {
            "BucketEncryption": {"ServerSideEncryptionConfiguration": [
                {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}}}
        used += 1
        i += 1
    assert len(resources) == budget
    template = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": f"Synthetic zt-lint benchmark stack {t} ({budget} resources)",
        "Parameters": {
            "ProjectName": {"Type": "String", "Default": f"{rng.choice(WORDS)}{t}"},
            "Environment": {"Type": "String", "Default": rng.choice(ENVIRONMENTS),
                            "AllowedValues": list(ENVIRONMENTS)},
            "AdminCidr": {"Type": "String", "Default": "10.200.0.0/16",
                          "Description": "Corporate VPN range"},
            "DbInstanceClass": {"Type": "String", "Default": "db.t3.medium"},
            "AppRoleName": {"Type": "String", "Default": "app"},
            "OpsRoleName": {"Type": "String", "Default": "operations"},
        },
        "Resources": resources,
        "Outputs": outputs,
    }
    return template, expect


def gen_cloudformation(rng: random.Random, root: Path, budget: int) -> tuple[int, int, int, Counter]:
    files = resources = size = 0
    expect: Counter = Counter()
    root.mkdir(parents=True)
    for t, n in enumerate(split_sizes(rng, budget, 100, 500)):
        template, exp = cfn_template(rng, t, n)
        if t % 3 == 2:
            text = json.dumps(to_json_tree(template), indent=2) + "\n"
            path = root / f"stack-{t:04d}.json"
        else:
            text = "\n".join(yaml_lines(template, 0)) + "\n"
            path = root / f"stack-{t:04d}.yaml"
        data = text.encode()
        path.write_bytes(data)
        files += 1
        resources += n
        size += len(data)
        expect += exp
    return files, resources, size, expect


# ----------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--resources", type=int, default=100_000, help="total resources (default 100000)")
    ap.add_argument("--out", required=True, type=Path, help="output directory")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"default {DEFAULT_SEED}")
    args = ap.parse_args(argv)
    if args.resources < 3:
        ap.error("--resources must be at least 3")

    out: Path = args.out
    if out.exists():
        if any(out.iterdir()) and not (out / MANIFEST).exists():
            ap.error(f"{out} exists, is not empty and was not written by this generator")
        shutil.rmtree(out)
    out.mkdir(parents=True)

    third = args.resources // 3
    budgets = {"terraform": third, "plan": third, "cloudformation": args.resources - 2 * third}
    gens = {"terraform": (gen_terraform, "terraform"), "plan": (gen_plans, "plans"),
            "cloudformation": (gen_cloudformation, "cloudformation")}
    manifest = {"seed": args.seed, "resources": args.resources,
                "generator_sha256": hashlib.sha256(Path(__file__).read_bytes()).hexdigest(),
                "formats": {}}
    for fmt in FORMATS:
        fn, sub = gens[fmt]
        # One independent stream per format: changing one format leaves the others identical.
        rng = random.Random(f"{args.seed}/{fmt}")
        files, resources, size, expect = fn(rng, out / sub, budgets[fmt])
        manifest["formats"][fmt] = {"dir": sub, "files": files, "resources": resources,
                                    "bytes": size,
                                    "planted": {r: expect.get(r, 0) for r in RULES}}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")

    f = manifest["formats"]
    parts = [f"{fmt}: {v['files']} files, {v['resources']} resources, {v['bytes']:,} bytes"
             for fmt, v in f.items()]
    total = (sum(v["files"] for v in f.values()), sum(v["resources"] for v in f.values()),
             sum(v["bytes"] for v in f.values()))
    print(f"{out}: " + "; ".join(parts)
          + f"; total: {total[0]} files, {total[1]} resources, {total[2]:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
