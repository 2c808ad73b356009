use crate::aws::s3::{ACLS_DISABLED, OWNERSHIP_CONTROLS};
use crate::aws::{Setting, setting};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-DAT-016",
    name: "s3-object-acls-enabled",
    pillar: Pillar::Data,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "S3 bucket turns access control lists back on",
    page: rule_page!("data/s3_object_acls_enabled.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for controls in OWNERSHIP_CONTROLS {
        for r in ctx
            .resources(std::slice::from_ref(&controls.kind))
            .collect::<Vec<_>>()
        {
            let rules = match setting(r, controls.rules) {
                Setting::Absent => continue,
                Setting::Value(v) | Setting::UnknownBlock(v) if v.is_unknown() => {
                    ctx.unknown(r, v);
                    continue;
                }
                Setting::Value(v) | Setting::UnknownBlock(v) => v.items(),
            };
            for rule in rules {
                let Some(ownership) = rule.get(controls.ownership) else {
                    continue;
                };
                match ownership.as_str() {
                    Some(s) if s.trim().eq_ignore_ascii_case(ACLS_DISABLED) => {}
                    Some(s) => ctx.report(
                        r,
                        ownership.span,
                        format!(
                            "`{}` sets object ownership to {} and so turns ACLs on",
                            r.address,
                            s.trim()
                        ),
                    ),
                    None if ownership.is_null() => {}
                    None => ctx.unknown(r, ownership),
                }
            }
        }
    }
}
