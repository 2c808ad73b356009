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
    docs: r#"
## What it checks
Internet-facing HTTP entry points that no AWS WAF web ACL protects:
- CloudFront distributions without `web_acl_id` / `DistributionConfig.WebACLId`;
- application load balancers that are internet-facing (`internal` false or unset /
  `Scheme: internet-facing` or unset; the type defaults to `application`);
- API Gateway REST API stages, unless their API's endpoint type is `PRIVATE`;
- AppSync GraphQL APIs;
and no `aws_wafv2_web_acl_association` / `aws_wafregional_web_acl_association` /
`AWS::WAFv2::WebACLAssociation` / `AWS::WAFRegional::WebACLAssociation` names them. When an
association names its target with a value not known statically (a constructed stage ARN, a
variable), it might be this resource's, and the resource is listed by `--show-unknown`
instead of reported.

Off by default: whether an endpoint needs a web application firewall depends on what it
serves. Turn it on where every public HTTP entry point must be filtered.

## Why it matters
A web ACL is the layer that filters requests before they reach the application: managed rule
groups against common exploits and known bad inputs, rate limits, IP reputation and geographic
restrictions. Without one, every request the internet sends reaches the application's own
code.

## How to fix
Terraform: `web_acl_id = aws_wafv2_web_acl.edge.arn` on the distribution (a `CLOUDFRONT`
scope ACL); for the others an `aws_wafv2_web_acl_association` with `resource_arn` set to the
load balancer, stage or GraphQL API ARN.
CloudFormation: `DistributionConfig.WebACLId`, or an `AWS::WAFv2::WebACLAssociation` whose
`ResourceArn` names the resource.

## References
- AWS Security Hub CloudFront.6 (distributions), APIGateway.4 (REST API stages)
- AWS WAF Developer Guide, "Associating or disassociating a web ACL with an AWS resource"
"#,
    fix_terraform: "attach a WAF web ACL: web_acl_id on a distribution, or an aws_wafv2_web_acl_association naming the resource",
    fix_cloudformation: "attach a WAF web ACL: DistributionConfig.WebACLId, or an AWS::WAFv2::WebACLAssociation naming the resource",
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
