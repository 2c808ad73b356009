use crate::aws::identity;
use crate::graph::{Node, Resource};
use crate::rules::settings::{Setting, setting};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-017",
    name: "efs-access-point-unscoped",
    pillar: Pillar::Identity,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "EFS access point does not confine clients to a directory or a POSIX user",
    docs: r#"
## What it checks
EFS access points (`aws_efs_access_point`, `AWS::EFS::AccessPoint`) that
- give no root directory (`root_directory.path` / `RootDirectory.Path`), or give `/`: clients
  of the access point see the whole file system;
- enforce no POSIX user (`posix_user` / `PosixUser`), or enforce user id 0: requests run as
  whatever user the client claims, root included.
A path or user id from a value not known statically is listed as undecided.

## Why it matters
An access point is how EFS gives one application its own view of a shared file system. Without
a root directory and an enforced identity, any client allowed to mount through it reads and
writes every other application's files, with the permissions of any user id it chooses.

## How to fix
Terraform: `root_directory { path = "/app" creation_info { ... } }` and
`posix_user { uid = 1000 gid = 1000 }`. CloudFormation: `RootDirectory: {Path: /app}` and
`PosixUser: {Uid: "1000", Gid: "1000"}`.

## References
- AWS Security Hub EFS.3 (root directory), EFS.4 (user identity)
- Amazon EFS User Guide, "Working with access points"
"#,
    fix_terraform: "give root_directory { path = \"/app\" } and posix_user { uid = ..., gid = ... }",
    fix_cloudformation: "give RootDirectory.Path and PosixUser (Uid, Gid)",
    check,
};

/// The value the configuration gives; a plan's computed value is the default AWS applies.
fn written<'r>(r: &'r Resource, path: &[&str]) -> Option<&'r Node> {
    match setting(r, path) {
        Setting::Value(v) if !v.is_unset() => Some(v),
        _ => None,
    }
}

fn check(ctx: &mut Context<'_>) {
    for entry in identity::EFS_ACCESS_POINTS {
        for r in ctx
            .resources(std::slice::from_ref(&entry.kind))
            .collect::<Vec<_>>()
        {
            match written(r, entry.root_path) {
                None => ctx.report(
                    r,
                    r.span,
                    format!(
                        "`{}` exposes the whole file system (no root directory is given)",
                        r.address
                    ),
                ),
                Some(v) => match v.as_str() {
                    Some(path) if path.trim_end_matches('/').is_empty() => ctx.report(
                        r,
                        v.span,
                        format!(
                            "`{}` exposes the whole file system (root directory `/`)",
                            r.address
                        ),
                    ),
                    Some(_) => {}
                    None => ctx.unknown(r, v),
                },
            }
            match written(r, entry.posix_uid) {
                None => ctx.report(
                    r,
                    r.span,
                    format!(
                        "`{}` enforces no POSIX user: clients act as any user they claim",
                        r.address
                    ),
                ),
                Some(v) => match v.as_i64().or_else(|| v.as_str()?.trim().parse().ok()) {
                    Some(0) => ctx.report(
                        r,
                        v.span,
                        format!("`{}` makes every client root (user id 0)", r.address),
                    ),
                    Some(_) => {}
                    None => ctx.unknown(r, v),
                },
            }
        }
    }
}
