use crate::aws::tls;
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
    docs: r#"
## What it checks
TLS settings that accept TLS 1.0 or 1.1:
- load balancer listeners (`ssl_policy` / `SslPolicy`) set to a policy that allows TLS 1.0 or
  1.1, such as `ELBSecurityPolicy-2016-08`, `ELBSecurityPolicy-TLS-1-1-2017-01` or
  `ELBSecurityPolicy-FS-2018-06`;
- CloudFront viewer certificates with `minimum_protocol_version` /
  `MinimumProtocolVersion` below `TLSv1.2_2018`, or not set with a custom certificate (the
  default is `TLSv1`), and distributions on the CloudFront default certificate
  (`cloudfront_default_certificate = true`, `CloudFrontDefaultCertificate: true`, or no
  `ViewerCertificate` in CloudFormation), with which CloudFront always accepts TLSv1;
- classic load balancer SSL negotiation policies (`aws_load_balancer_policy` of type
  `SSLNegotiationPolicyType`, `Policies` of `AWS::ElasticLoadBalancing::LoadBalancer`) that
  reference an outdated predefined policy (`Reference-Security-Policy`) or turn on
  `Protocol-SSLv3`, `Protocol-TLSv1` or `Protocol-TLSv1.1`;
- API Gateway custom domains with `security_policy` / `SecurityPolicy` `TLS_1_0`;
- OpenSearch/Elasticsearch domains with `tls_security_policy` / `TLSSecurityPolicy`
  `Policy-Min-TLS-1-0-2019-07`;
- CloudSearch domains (`aws_cloudsearch_domain`) with `endpoint_options.tls_security_policy`
  `Policy-Min-TLS-1-0-2019-07`, or without it: AWS then keeps that TLS 1.0 policy;
- Transfer Family servers with `security_policy_name` / `SecurityPolicyName`
  `TransferSecurityPolicy-2018-11`, or without it (the provider's default, and what
  CloudFormation attaches): the only server policy that still offers SHA-1 key exchange
  (`diffie-hellman-group14-sha1`) and SHA-1 MACs (`hmac-sha1`).
Other services are judged on the values written in the configuration.

## Why it matters
TLS 1.0 and 1.1 are deprecated (RFC 8996) and downgrade attacks against them are practical.
SHA-1 key exchange and MACs are legacy SSH algorithms that AWS dropped from every later
Transfer Family policy; AWS recommends moving servers to its latest policy.

## How to fix
Use `ELBSecurityPolicy-TLS13-1-2-2021-06` (or a newer TLS 1.2+ policy), `TLSv1.2_2021` for
CloudFront with a custom certificate (an ACM certificate for an alternate domain name), `TLS_1_2` for API Gateway, `Policy-Min-TLS-1-2-2019-07` or newer for OpenSearch and
CloudSearch, `TransferSecurityPolicy-2024-01` or newer for Transfer Family servers.

## References
- RFC 8996, "Deprecating TLS 1.0 and TLS 1.1"
- AWS Security Hub ELB.17, CloudFront.15, Opensearch.8
- AWS Transfer Family User Guide, "Security policies for AWS Transfer Family servers"
"#,
    fix_terraform: "choose a policy that requires TLS 1.2 or later",
    fix_cloudformation: "choose a policy that requires TLS 1.2 or later",
    check,
};

fn check(ctx: &mut Context<'_>) {
    for &(kind, path, outdated) in tls::TLS_POLICIES {
        for r in ctx.resources(&[kind]).collect::<Vec<_>>() {
            let Setting::Value(v) = setting(r, path) else {
                continue;
            };
            // Left for AWS to choose: its default decides (`omitted_policies`).
            if v.is_unset() && tls::OUTDATED_POLICY_DEFAULTS.iter().any(|d| d.0 == kind) {
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
    weak_algorithm_policies(ctx);
}

/// Policies that allow deprecated algorithms other than old TLS versions, named or by default.
fn weak_algorithm_policies(ctx: &mut Context<'_>) {
    for p in tls::WEAK_ALGORITHM_POLICIES {
        let name = p.path.last().copied().unwrap_or_default();
        for r in ctx.resources(&[p.kind]).collect::<Vec<_>>() {
            match setting(r, p.path) {
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
            let omitted = match setting(r, path) {
                Setting::Absent => true,
                Setting::Value(v) => v.is_unset(),
            };
            if omitted {
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
                Setting::Value(v) => v,
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
