use crate::aws::identity::{GRAPHQL_API_AUTHORIZATION, GraphqlAuthorization};
use crate::graph::{Node, Resource};
use crate::rules::settings::{Setting, setting};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-025",
    name: "graphql-api-key-authentication",
    pillar: Pillar::Identity,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "AppSync GraphQL API accepts an API key instead of an identity",
    docs: r#"
## What it checks
AppSync GraphQL APIs that authorize callers with an API key: `authentication_type =
"API_KEY"` / `AuthenticationType: API_KEY`, as the default type or as one of the additional
providers (`additional_authentication_provider` / `AdditionalAuthenticationProviders`). A type
not known statically is undecided.

## Why it matters
An AppSync API key is a static value that ships inside the web or mobile client; AWS
describes it as the option for unauthenticated APIs. Whoever reads it from the app can call
every field the key may reach, and the calls name no user. Zero trust authenticates every
caller: IAM (SigV4), a Cognito user pool, OpenID Connect, or a Lambda authorizer.

## How to fix
Terraform: `authentication_type = "AMAZON_COGNITO_USER_POOLS"` (or `AWS_IAM`,
`OPENID_CONNECT`, `AWS_LAMBDA`) and remove `API_KEY` providers. CloudFormation: the same
values for `AuthenticationType` and `AdditionalAuthenticationProviders`. For data that is
really public, serve it through IAM with an unauthenticated Cognito identity scoped to it.

## References
- AWS Security Hub AppSync.5
- AWS AppSync Developer Guide, "Configuring authorization and authentication to secure your
  GraphQL APIs"
"#,
    fix_terraform: "set authentication_type to AWS_IAM, AMAZON_COGNITO_USER_POOLS, OPENID_CONNECT or AWS_LAMBDA",
    fix_cloudformation: "set AuthenticationType to AWS_IAM, AMAZON_COGNITO_USER_POOLS, OPENID_CONNECT or AWS_LAMBDA",
    check,
};

fn check(ctx: &mut Context<'_>) {
    for entry in GRAPHQL_API_AUTHORIZATION {
        for r in ctx
            .resources(std::slice::from_ref(&entry.kind))
            .collect::<Vec<_>>()
        {
            if let Setting::Value(v) = setting(r, entry.primary) {
                judge(ctx, r, v, "by default");
            }
            additional(ctx, r, entry);
        }
    }
}

fn additional(ctx: &mut Context<'_>, r: &Resource, entry: &GraphqlAuthorization) {
    let Setting::Value(list) = setting(r, entry.additional) else {
        return;
    };
    if list.is_unknown() {
        if !list.is_unset() {
            ctx.unknown(r, list);
        }
        return;
    }
    for provider in list.items() {
        match provider.get(entry.item) {
            Some(v) => judge(ctx, r, v, "as an additional provider"),
            None if provider.is_unknown() => ctx.unknown(r, provider),
            None => {}
        }
    }
}

fn judge(ctx: &mut Context<'_>, r: &Resource, v: &Node, role: &str) {
    if v.is_unset() {
        return;
    }
    match v.as_str() {
        Some(t) if t.trim().eq_ignore_ascii_case("API_KEY") => ctx.report(
            r,
            v.span,
            format!(
                "`{}` accepts an API key {role}: callers need only the key shipped in the client",
                r.address
            ),
        ),
        Some(_) => {}
        None => ctx.unknown(r, v),
    }
}
