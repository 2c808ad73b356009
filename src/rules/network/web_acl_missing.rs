use crate::aws::waf::{ASSOCIATIONS, Exposure, TARGETS};
use crate::graph::{Model, ResourceId, Truth};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-028",
    name: "web-acl-missing",
    pillar: Pillar::Network,
    severity: Severity::Medium,
    enabled_by_default: false,
    inputs: ALL_INPUTS,
    summary: "Internet-facing HTTP endpoint has no WAF web ACL",
    page: rule_page!("network/web_acl_missing.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    let model = ctx.model;
    for target in TARGETS {
        for (id, r) in model.of_kind(std::slice::from_ref(&target.kind)) {
            if !r.is_managed() {
                continue;
            }
            match target.exposure(model, r) {
                Exposure::Private => continue,
                Exposure::Unknown(node) => {
                    ctx.unknown(r, node);
                    continue;
                }
                Exposure::Facing => {}
            }
            match target.inline_acl(r) {
                (Truth::Yes, _) => continue,
                (Truth::Unknown, Some(node)) => {
                    ctx.unknown(r, node);
                    continue;
                }
                _ => {}
            }
            // CloudFront takes its web ACL only inline: associations cannot name it.
            if target.inline.is_some() {
                ctx.report(
                    r,
                    r.span,
                    format!("`{}` is a {} without a WAF web ACL", r.address, target.what),
                );
                continue;
            }
            match associated(model, id) {
                Truth::Yes => {}
                Truth::No => ctx.report(
                    r,
                    r.span,
                    format!(
                        "`{}` is an {} that no WAF web ACL protects",
                        r.address, target.what
                    ),
                ),
                Truth::Unknown => ctx.unknown(
                    r,
                    &crate::graph::Node::unknown(
                        "a web ACL association names a resource not known statically",
                        r.span,
                    ),
                ),
            }
        }
    }
}

/// Does a web ACL association name resource `id`?
fn associated(model: &Model, id: ResourceId) -> Truth {
    let mut state = Truth::No;
    for a in ASSOCIATIONS {
        match model.is_configured_by(id, std::slice::from_ref(&a.kind), a.attribute) {
            Truth::Yes => return Truth::Yes,
            Truth::Unknown => state = Truth::Unknown,
            Truth::No => {}
        }
    }
    state
}
