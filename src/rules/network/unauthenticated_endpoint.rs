use crate::aws::endpoints;
use crate::graph::Node;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-013",
    name: "unauthenticated-endpoint",
    pillar: Pillar::Network,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Lambda function URL or API route is callable without authentication",
    docs: r#"
## What it checks
- Lambda function URLs with `authorization_type = "NONE"` / `AuthType: NONE`.
- API Gateway REST methods with `authorization = "NONE"` / `AuthorizationType: NONE`, except
  `OPTIONS` (CORS preflight).
- API Gateway HTTP routes, and WebSocket `$connect` routes, with `authorization_type` /
  `AuthorizationType` `NONE`, which is the default when it is omitted. Other WebSocket routes
  cannot carry authorization and are not reported.

## Why it matters
Anyone on the internet can call the code behind it. Zero trust authenticates every request:
IAM (SigV4), Cognito/JWT authorizers, or a Lambda authorizer.

## How to fix
Use `AWS_IAM` for function URLs; add an authorizer (`COGNITO_USER_POOLS`, `JWT`, `CUSTOM`) or
`AWS_IAM` to API methods and routes.

## References
- AWS Lambda Developer Guide, "Security and auth model for Lambda function URLs"
- AWS Security Hub Lambda.1 (resource policy), APIGateway.8
"#,
    fix_terraform: "set authorization_type = \"AWS_IAM\" (or add an authorizer)",
    fix_cloudformation: "set AuthType/AuthorizationType to AWS_IAM or an authorizer",
    check,
};

fn is_none(value: &Node) -> Option<bool> {
    value.as_str().map(|v| v.eq_ignore_ascii_case("NONE"))
}

fn check(ctx: &mut Context<'_>) {
    let model = ctx.model;
    for endpoint in endpoints::AUTHORIZATION {
        let (auth, method, none_by_default) =
            (endpoint.auth, endpoint.method, endpoint.none_by_default);
        for r in ctx
            .resources(std::slice::from_ref(&endpoint.kind))
            .collect::<Vec<_>>()
        {
            // WebSocket APIs authorize on $connect only; other routes cannot carry authorization.
            if let Some(route) = endpoint.route {
                let protocol = r
                    .get(route.api)
                    .and_then(|a| model.resolve_kind(a, route.api_kinds))
                    .and_then(|(_, api)| api.get(route.protocol))
                    .and_then(Node::as_str);
                let route_key = r.get(route.route_key).and_then(Node::as_str);
                match protocol {
                    Some("WEBSOCKET") if route_key != Some("$connect") => continue,
                    Some(_) => {}
                    // Without the API we cannot tell a WebSocket route from an HTTP one.
                    None if route_key.is_some_and(|k| k.starts_with('$') && k != "$default") => {
                        continue;
                    }
                    None => {}
                }
            }
            if let Some(m) = method.and_then(|m| r.get(m))
                && m.as_str()
                    .is_some_and(|m| m.eq_ignore_ascii_case("OPTIONS"))
            {
                continue;
            }
            match r.get(auth).filter(|v| !v.is_null()) {
                None if none_by_default => ctx.report(
                    r,
                    r.span,
                    format!(
                        "`{}` can be called without authentication ({auth} defaults to NONE)",
                        r.address
                    ),
                ),
                None => {}
                Some(value) => match is_none(value) {
                    Some(true) => ctx.report(
                        r,
                        value.span,
                        format!("`{}` can be called without authentication", r.address),
                    ),
                    Some(false) => {}
                    None => ctx.unknown(r, value),
                },
            }
        }
    }
}
