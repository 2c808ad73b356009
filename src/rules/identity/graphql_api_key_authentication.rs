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
    page: rule_page!("identity/graphql_api_key_authentication.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for entry in GRAPHQL_API_AUTHORIZATION {
        for r in ctx
            .resources(std::slice::from_ref(&entry.kind))
            .collect::<Vec<_>>()
        {
            if let Setting::Value(v) | Setting::UnknownBlock(v) = setting(r, entry.primary) {
                judge(ctx, r, v, "by default");
            }
            additional(ctx, r, entry);
        }
    }
}

fn additional(ctx: &mut Context<'_>, r: &Resource, entry: &GraphqlAuthorization) {
    let (Setting::Value(list) | Setting::UnknownBlock(list)) = setting(r, entry.additional) else {
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
