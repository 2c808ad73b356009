use crate::aws::exposure::{BUCKET_REST_DOMAINS, DISTRIBUTION_ORIGINS, is_s3_rest_domain};
use crate::aws::s3::BUCKETS;
use crate::graph::{Model, Node, Truth, Value};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-031",
    name: "cloudfront-s3-origin-without-access-control",
    pillar: Pillar::Network,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "CloudFront reads an S3 origin without origin access control",
    page: rule_page!("network/cloudfront_s3_origin_without_access_control.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    let model = ctx.model;
    for shape in DISTRIBUTION_ORIGINS {
        for r in ctx
            .resources(std::slice::from_ref(&shape.kind))
            .collect::<Vec<_>>()
        {
            let Some((first, rest)) = shape.origins.split_first() else {
                continue;
            };
            let Some(origins) = r.get(first).and_then(|n| step(n, rest)) else {
                continue;
            };
            if matches!(origins.value, Value::Unknown(_)) {
                ctx.unknown(r, origins);
                continue;
            }
            for origin in origins.items() {
                // Plans write an absent block as an empty list; `S3OriginConfig: {}` is present.
                let s3_config = origin
                    .get(shape.s3_config)
                    .filter(|c| !c.is_null() && !c.as_list().is_some_and(<[Node]>::is_empty))
                    .map(single);
                let oac = origin
                    .get(shape.access_control)
                    .map_or(Truth::No, Node::is_given);
                let oai = s3_config
                    .and_then(|c| c.get(shape.access_identity))
                    .map_or(Truth::No, Node::is_given);
                let controlled = oac.or(oai);
                if controlled.is_yes() {
                    continue;
                }
                let domain = origin.get(shape.domain);
                let s3 = if s3_config.is_some() {
                    Truth::Yes
                } else {
                    domain.map_or(Truth::No, |d| is_s3_origin(model, d))
                };
                let at = domain.unwrap_or(origin);
                match (s3, controlled) {
                    (Truth::Yes, Truth::No) => ctx.report(
                        r,
                        at.span,
                        format!(
                            "`{}` reads an S3 origin without origin access control, so the bucket must be public",
                            r.address
                        ),
                    ),
                    (Truth::No, _) => {}
                    _ => ctx.unknown(r, at),
                }
            }
        }
    }
}

/// Follows map keys from `node`, stepping into a one-element block list.
fn step<'a>(node: &'a Node, keys: &[&str]) -> Option<&'a Node> {
    keys.iter().try_fold(node, |n, key| single(n).get(key))
}

/// A Terraform nested block is a list of one map; CloudFormation writes the map.
fn single(node: &Node) -> &Node {
    match node.as_list() {
        Some([only]) => only,
        _ => node,
    }
}

/// Is an origin's domain an S3 bucket's REST endpoint?
fn is_s3_origin(model: &Model, domain: &Node) -> Truth {
    if let Value::Ref(reference) = &domain.value {
        let names_rest_domain = reference
            .attribute
            .as_deref()
            .is_some_and(|a| BUCKET_REST_DOMAINS.contains(&a));
        if model.resolve_kind(domain, BUCKETS).is_some() {
            return Truth::from_bool(names_rest_domain);
        }
        // A load balancer's or an API's domain is a custom origin.
        if model.resolve(domain).is_some() {
            return Truth::No;
        }
    }
    match domain.as_str() {
        Some(text) => Truth::from_bool(is_s3_rest_domain(text)),
        None if domain.is_null() => Truth::No,
        None => Truth::Unknown,
    }
}
