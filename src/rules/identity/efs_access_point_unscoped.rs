use crate::aws::identity;
use crate::aws::written;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-017",
    name: "efs-access-point-unscoped",
    pillar: Pillar::Identity,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "EFS access point does not confine clients to a directory or a POSIX user",
    page: rule_page!("identity/efs_access_point_unscoped.md"),
    check,
};

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
