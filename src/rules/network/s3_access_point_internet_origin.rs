use crate::aws::s3;
use crate::rules::settings::{Setting, setting};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-015",
    name: "s3-access-point-internet-origin",
    pillar: Pillar::Network,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "S3 access point accepts requests from the internet",
    page: rule_page!("network/s3_access_point_internet_origin.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for access_point in s3::ACCESS_POINT_VPC {
        let key = access_point.path.last().copied().unwrap_or_default();
        for r in ctx
            .resources(std::slice::from_ref(&access_point.kind))
            .collect::<Vec<_>>()
        {
            match setting(r, access_point.path) {
                Setting::Absent => ctx.report(
                    r,
                    r.span,
                    format!(
                        "`{}` accepts requests from the internet (no {key})",
                        r.address
                    ),
                ),
                Setting::Value(v) | Setting::UnknownBlock(v) if v.is_unknown() => ctx.unknown(r, v),
                Setting::Value(_) | Setting::UnknownBlock(_) => {}
            }
        }
    }
}
