use crate::aws::workloads;
use crate::fix::{Change, Literal};
use crate::rules::settings::{Setting, setting};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-WKL-005",
    name: "ecr-mutable-tags",
    pillar: Pillar::Workload,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "ECR repository allows image tags to be overwritten",
    page: rule_page!("workload/ecr_mutable_tags.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for repository in workloads::TAG_MUTABILITY {
        let key = repository.path.last().copied().unwrap_or_default();
        for r in ctx
            .resources(std::slice::from_ref(&repository.kind))
            .collect::<Vec<_>>()
        {
            match setting(r, repository.path) {
                Setting::Absent => ctx.report_fixable(
                    r,
                    r.span,
                    format!(
                        "`{}` allows image tags to be overwritten ({key} defaults to MUTABLE)",
                        r.address
                    ),
                    vec![Change::Add {
                        resource: r.span,
                        path: repository.path.to_vec(),
                        value: Literal::Str("IMMUTABLE"),
                    }],
                ),
                Setting::Value(v) | Setting::UnknownBlock(v) => match v.as_str() {
                    Some(m) if m.starts_with("IMMUTABLE") => {}
                    Some(_) => ctx.report_fixable(
                        r,
                        v.span,
                        format!("`{}` allows image tags to be overwritten", r.address),
                        vec![Change::Set {
                            span: v.span,
                            value: Literal::Str("IMMUTABLE"),
                        }],
                    ),
                    None => ctx.unknown(r, v),
                },
            }
        }
    }
}
