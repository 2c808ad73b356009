use crate::aws::workloads;
use crate::fix::{Change, Literal};
use crate::rules::settings::{Setting, setting};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-WKL-008",
    name: "sagemaker-notebook-root-access",
    pillar: Pillar::Workload,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "SageMaker notebook instance gives its users root access",
    page: rule_page!("workload/sagemaker_notebook_root_access.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for entry in workloads::NOTEBOOK_ROOT_ACCESS {
        let name = entry.path.last().copied().unwrap_or_default();
        for r in ctx
            .resources(std::slice::from_ref(&entry.kind))
            .collect::<Vec<_>>()
        {
            // A plan's computed value is the default the provider will ask for.
            let written = match setting(r, entry.path) {
                Setting::Value(v) if !v.is_unset() => Some(v),
                Setting::UnknownBlock(v) => Some(v),
                _ => None,
            };
            match written {
                None => ctx.report_fixable(
                    r,
                    r.span,
                    format!(
                        "`{}` gives its users root access ({name} is not set and defaults to Enabled)",
                        r.address
                    ),
                    vec![Change::Add {
                        resource: r.span,
                        path: entry.path.to_vec(),
                        value: Literal::Str("Disabled"),
                    }],
                ),
                Some(v) => match v.as_str() {
                    Some(s) if s.eq_ignore_ascii_case("Disabled") => {}
                    Some(_) => ctx.report_fixable(
                        r,
                        v.span,
                        format!("`{}` gives its users root access", r.address),
                        vec![Change::Set {
                            span: v.span,
                            value: Literal::Str("Disabled"),
                        }],
                    ),
                    None => ctx.unknown(r, v),
                },
            }
        }
    }
}
