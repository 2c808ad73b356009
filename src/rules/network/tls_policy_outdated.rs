use crate::aws::{UNKNOWN_BLOCK, tls};
use crate::graph::{Map, Node, Resource, Truth};
use crate::rules::settings::{Setting, setting};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-011",
    name: "tls-policy-outdated",
    pillar: Pillar::Network,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "TLS policy allows protocol versions older than TLS 1.2 (or a security policy allows SHA-1 algorithms)",
    page: rule_page!("network/tls_policy_outdated.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for &(kind, path, outdated) in tls::TLS_POLICIES {
        for r in ctx.resources(&[kind]).collect::<Vec<_>>() {
            let v = match setting(r, path) {
                Setting::Absent => continue,
                Setting::Value(v) => v,
                Setting::UnknownBlock(block) => {
                    ctx.undecided_because(r, block.span, UNKNOWN_BLOCK.to_string());
                    continue;
                }
            };
            // Left for AWS to choose: its default decides (`omitted_policies`,
            // `undocumented_defaults`).
            if v.is_unset()
                && (tls::OUTDATED_POLICY_DEFAULTS.iter().any(|d| d.0 == kind)
                    || tls::UNDOCUMENTED_POLICY_DEFAULTS
                        .iter()
                        .any(|d| d.0 == kind))
            {
                continue;
            }
            match v.as_str() {
                Some(policy) if outdated(policy) => ctx.report(
                    r,
                    v.span,
                    format!(
                        "`{}` accepts TLS versions older than 1.2 ({policy})",
                        r.address
                    ),
                ),
                Some(_) => {}
                None => ctx.unknown(r, v),
            }
        }
    }
    cloudfront_defaults(ctx);
    classic_negotiation_policies(ctx);
    omitted_policies(ctx);
    undocumented_defaults(ctx);
    weak_algorithm_policies(ctx);
}

/// Is the policy at `path` left out (absent, or a plan's value the configuration does not
/// write)? A wholly unknown block is not: `check` records it as undecided.
fn policy_omitted(r: &Resource, path: &[&str]) -> bool {
    match setting(r, path) {
        Setting::Absent => true,
        Setting::Value(v) => v.is_unset(),
        Setting::UnknownBlock(_) => false,
    }
}

/// Policies not written, where AWS does not document the default: undecided, with why.
fn undocumented_defaults(ctx: &mut Context<'_>) {
    for &(kind, path) in tls::UNDOCUMENTED_POLICY_DEFAULTS {
        let name = path.last().copied().unwrap_or_default();
        for r in ctx.resources(&[kind]).collect::<Vec<_>>() {
            if policy_omitted(r, path) {
                ctx.undecided_because(
                    r,
                    r.span,
                    format!(
                        "{name} is not set, and AWS does not document which TLS policy the domain then gets (Policy-Min-TLS-1-0-2019-07 accepts TLS 1.0)"
                    ),
                );
            }
        }
    }
}

/// Policies that allow deprecated algorithms other than old TLS versions, named or by default.
fn weak_algorithm_policies(ctx: &mut Context<'_>) {
    for p in tls::WEAK_ALGORITHM_POLICIES {
        let name = p.path.last().copied().unwrap_or_default();
        for r in ctx.resources(&[p.kind]).collect::<Vec<_>>() {
            match setting(r, p.path) {
                Setting::UnknownBlock(block) => {
                    ctx.undecided_because(r, block.span, UNKNOWN_BLOCK.to_string())
                }
                Setting::Value(v) if !v.is_unset() => match v.as_str() {
                    Some(policy) if (p.outdated)(policy) => ctx.report(
                        r,
                        v.span,
                        format!("`{}` allows {} ({policy})", r.address, p.allows),
                    ),
                    Some(_) => {}
                    None => ctx.unknown(r, v),
                },
                _ => ctx.report(
                    r,
                    r.span,
                    format!(
                        "`{}` allows {} ({name} is not set and defaults to {})",
                        r.address, p.allows, p.default
                    ),
                ),
            }
        }
    }
}

/// Policies not written, where AWS's default accepts TLS older than 1.2.
fn omitted_policies(ctx: &mut Context<'_>) {
    for &(kind, path, default) in tls::OUTDATED_POLICY_DEFAULTS {
        let name = path.last().copied().unwrap_or_default();
        for r in ctx.resources(&[kind]).collect::<Vec<_>>() {
            if policy_omitted(r, path) {
                ctx.report(
                    r,
                    r.span,
                    format!(
                        "`{}` accepts TLS versions older than 1.2 ({name} is not set and defaults to {default})",
                        r.address
                    ),
                );
            }
        }
    }
}

/// Is one attribute of a classic load balancer's SSL negotiation policy outdated?
fn outdated_negotiation_attribute(name: &str, value: &str) -> bool {
    match name {
        "Reference-Security-Policy" => tls::outdated_elb(value),
        "Protocol-SSLv3" | "Protocol-TLSv1" | "Protocol-TLSv1.1" => {
            value.eq_ignore_ascii_case("true")
        }
        _ => false,
    }
}

fn classic_negotiation_policies(ctx: &mut Context<'_>) {
    for shape in tls::NEGOTIATION_POLICIES {
        let (type_key, attributes) = (shape.type_key, shape.attributes);
        for r in ctx.resources(&[shape.kind]).collect::<Vec<_>>() {
            // A policy resource is itself one policy; a load balancer lists its policies.
            let policies: Vec<&Map> = match shape.list {
                None => vec![&r.attrs],
                Some(key) => r
                    .get(key)
                    .map(Node::items)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(Node::as_map)
                    .collect(),
            };
            for policy in policies {
                if policy.get(type_key).and_then(Node::as_str) != Some("SSLNegotiationPolicyType") {
                    continue;
                }
                for attribute in policy.get(attributes).map(Node::items).unwrap_or_default() {
                    let (Some(name), Some(value)) = (
                        attribute.get(shape.name).and_then(Node::as_str),
                        attribute.get(shape.value),
                    ) else {
                        continue;
                    };
                    match value.scalar_text() {
                        Some(v) if outdated_negotiation_attribute(name, &v) => ctx.report(
                            r,
                            value.span,
                            format!(
                                "`{}` accepts TLS versions older than 1.2 ({name} = {v})",
                                r.address
                            ),
                        ),
                        Some(_) => {}
                        None => ctx.unknown(r, value),
                    }
                }
            }
        }
    }
}

/// CloudFront accepts TLSv1 on its default certificate whatever the minimum version says, and a
/// custom certificate without a minimum version gets `TLSv1` (provider and API default).
fn cloudfront_defaults(ctx: &mut Context<'_>) {
    for &(kind, path, default_flag, minimum, absent_is_default) in tls::VIEWER_CERTIFICATES {
        for r in ctx.resources(&[kind]).collect::<Vec<_>>() {
            let certificate = match setting(r, path) {
                Setting::Value(v) | Setting::UnknownBlock(v) => v,
                Setting::Absent if absent_is_default => {
                    report_default_certificate(ctx, r, r.span);
                    continue;
                }
                Setting::Absent => continue,
            };
            let certificate = certificate.items().first().unwrap_or(certificate);
            if certificate.is_unknown() {
                ctx.unknown(r, certificate);
                continue;
            }
            let flag = certificate
                .get(default_flag)
                .filter(|f| !f.is_unset() && !f.is_null());
            let version = certificate
                .get(minimum)
                .filter(|v| !v.is_unset() && !v.is_null());
            match flag.map(|f| (f, f.truth())) {
                Some((f, Truth::Yes)) => {
                    // An outdated version written beside it is reported already.
                    if !version
                        .and_then(|v| v.as_str())
                        .is_some_and(tls::outdated_cloudfront)
                    {
                        report_default_certificate(ctx, r, f.span);
                    }
                    continue;
                }
                Some((f, Truth::Unknown)) => {
                    ctx.unknown(r, f);
                    continue;
                }
                Some((_, Truth::No)) | None => {}
            }
            if version.is_none() {
                ctx.report(
                    r,
                    certificate.span,
                    format!(
                        "`{}` accepts TLS versions older than 1.2 ({minimum} is not set and defaults to TLSv1)",
                        r.address
                    ),
                );
            }
        }
    }
}

fn report_default_certificate(ctx: &mut Context<'_>, r: &Resource, at: crate::source::Span) {
    ctx.report(
        r,
        at,
        format!(
            "`{}` uses the CloudFront default certificate, which accepts TLSv1 from viewers",
            r.address
        ),
    );
}
