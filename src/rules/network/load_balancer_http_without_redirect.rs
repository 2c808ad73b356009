use crate::graph::{Node, Truth};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-010",
    name: "load-balancer-http-without-redirect",
    pillar: Pillar::Network,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Load balancer listener serves plain HTTP instead of redirecting to HTTPS",
    docs: r#"
## What it checks
Load balancer listeners (`aws_lb_listener`, `aws_alb_listener`,
`AWS::ElasticLoadBalancingV2::Listener`) with protocol `HTTP` whose default action is not a
redirect to HTTPS.

## Why it matters
Plain HTTP carries credentials and session cookies readable by anyone on the path. Encryption
in transit is not optional in zero trust, and a redirect is the only acceptable use of port 80.

## How to fix
Terraform:
```hcl
default_action {
  type = "redirect"
  redirect {
    port        = "443"
    protocol    = "HTTPS"
    status_code = "HTTP_301"
  }
}
```
CloudFormation: `DefaultActions: [{Type: redirect, RedirectConfig: {Protocol: HTTPS, Port: "443", StatusCode: HTTP_301}}]`.

## References
- AWS Security Hub ELB.1
"#,
    fix_terraform: "make the HTTP listener's default_action a redirect to HTTPS",
    fix_cloudformation: "make the HTTP listener's DefaultActions a redirect to HTTPS",
    check,
};

fn check(ctx: &mut Context<'_>) {
    let kinds = [
        (
            "aws_lb_listener",
            ["protocol", "default_action", "type", "redirect"],
        ),
        (
            "aws_alb_listener",
            ["protocol", "default_action", "type", "redirect"],
        ),
        (
            "AWS::ElasticLoadBalancingV2::Listener",
            ["Protocol", "DefaultActions", "Type", "RedirectConfig"],
        ),
    ];
    for (kind, [protocol, actions, kind_key, redirect]) in kinds {
        for r in ctx.resources(&[kind]).collect::<Vec<_>>() {
            let Some(p) = r.get(protocol) else { continue };
            match p.as_str() {
                Some(text) if text.eq_ignore_ascii_case("HTTP") => {}
                Some(_) => continue,
                None => {
                    ctx.unknown(r, p);
                    continue;
                }
            }
            let actions = r.get(actions).map(Node::items).unwrap_or_default();
            let redirects = actions
                .iter()
                .map(|a| {
                    let is_redirect = a
                        .get(kind_key)
                        .and_then(Node::as_str)
                        .map(|t| t == "redirect");
                    let to_https = a
                        .get(redirect)
                        .map(|r| r.items().first().unwrap_or(r))
                        .and_then(|r| r.get("protocol").or_else(|| r.get("Protocol")))
                        .and_then(Node::as_str)
                        .map(|p| p.eq_ignore_ascii_case("HTTPS"));
                    match (is_redirect, to_https) {
                        (Some(true), Some(true)) => Truth::Yes,
                        (Some(false), _) | (Some(true), Some(false)) => Truth::No,
                        _ => Truth::Unknown,
                    }
                })
                .fold(Truth::No, Truth::or);
            match redirects {
                Truth::No => ctx.report(
                    r,
                    p.span,
                    format!(
                        "`{}` serves plain HTTP without redirecting to HTTPS",
                        r.address
                    ),
                ),
                Truth::Unknown => ctx.unknown(r, p),
                Truth::Yes => {}
            }
        }
    }
}
