use crate::aws::database::{IAM_DATABASE_AUTH, PROXY_CLIENT_AUTH};
use crate::aws::{self, Setting};
use crate::fix::{Change, Literal};
use crate::graph::database::{ProxyClientAuth, engine_supports_iam_auth, in_cluster};
use crate::graph::value::written;
use crate::graph::{Node, Resource, Truth};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-015",
    name: "rds-iam-authentication-disabled",
    pillar: Pillar::Identity,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "RDS, Aurora or Neptune database, or RDS Proxy, does not accept IAM authentication",
    page: rule_page!("identity/rds_iam_authentication_disabled.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    proxies(ctx);
    for setting in IAM_DATABASE_AUTH {
        for r in ctx
            .resources(std::slice::from_ref(&setting.kind))
            .collect::<Vec<_>>()
        {
            if in_cluster(r, setting) {
                continue;
            }
            let flag = r.get(setting.flag).filter(|n| !n.is_null());
            let enabled = flag.map_or(Truth::No, |n| n.truth());
            if enabled.is_yes() {
                continue;
            }
            match engine_supports_iam_auth(r, setting) {
                Truth::No => continue,
                Truth::Unknown => {
                    if let Some(engine) = r.get(setting.engine) {
                        ctx.unknown(r, engine);
                    }
                    continue;
                }
                Truth::Yes => {}
            }
            match (enabled, flag) {
                (Truth::Unknown, Some(node)) => ctx.unknown(r, node),
                (_, Some(node)) => ctx.report_fixable(
                    r,
                    node.span,
                    format!("`{}` turns IAM database authentication off", r.address),
                    vec![Change::Set {
                        span: node.span,
                        value: Literal::Bool(true),
                    }],
                ),
                (_, None) => ctx.report_fixable(
                    r,
                    r.span,
                    format!(
                        "`{}` does not enable IAM database authentication (off by default)",
                        r.address
                    ),
                    vec![Change::Add {
                        resource: r.span,
                        path: vec![setting.flag],
                        value: Literal::Bool(true),
                    }],
                ),
            }
        }
    }
}

/// Proxies whose clients log in with database passwords: an authentication entry that
/// refuses IAM, unless the proxy's default scheme is end-to-end IAM.
fn proxies(ctx: &mut Context<'_>) {
    for shape in PROXY_CLIENT_AUTH {
        for r in ctx
            .resources(std::slice::from_ref(&shape.kind))
            .collect::<Vec<_>>()
        {
            // Not written (or left for the provider to compute): the default, no end-to-end
            // IAM scheme.
            let scheme = aws::written(r, &[shape.default_scheme]);
            if scheme.and_then(Node::as_str) == Some(shape.iam_scheme) {
                continue;
            }
            let unread_scheme = scheme.filter(|s| s.is_unknown());
            let auths = match aws::setting(r, &[shape.auths]) {
                Setting::Absent => continue,
                // A plan's wholly unknown `auth` with no expression writing it: a `dynamic`
                // block whose for_each is unknown, whose entries may refuse IAM.
                Setting::UnknownBlock(v) | Setting::Value(v) if v.is_unset() => {
                    ctx.undecided_because(r, v.span, aws::UNKNOWN_BLOCK.to_string());
                    continue;
                }
                Setting::UnknownBlock(v) | Setting::Value(v) if v.is_unknown() => {
                    ctx.unknown(r, v);
                    continue;
                }
                Setting::UnknownBlock(v) | Setting::Value(v) => v,
            };
            for auth in auths.items() {
                judge_proxy_auth(ctx, r, shape, auth, unread_scheme);
            }
        }
    }
}

fn judge_proxy_auth(
    ctx: &mut Context<'_>,
    r: &Resource,
    shape: &ProxyClientAuth,
    auth: &Node,
    unread_scheme: Option<&Node>,
) {
    if auth.is_unknown() {
        ctx.unknown(r, auth);
        return;
    }
    // The entry is known here, so an unset unknown in it is an argument the provider fills in
    // (its default applies), not a block that may be missing.
    let iam = written(auth.get(shape.iam_auth));
    let (value, at, note) = match iam {
        Some(v) => match v.as_str() {
            Some(text) => (text, v.span, ""),
            None => {
                ctx.unknown(r, v);
                return;
            }
        },
        None => (shape.iam_auth_default, auth.span, " (not set; the default)"),
    };
    if !shape.refuses_iam.contains(&value) {
        return;
    }
    // An end-to-end IAM default scheme would make the entry's setting moot.
    if let Some(scheme) = unread_scheme {
        ctx.unknown(r, scheme);
        return;
    }
    ctx.report(
        r,
        at,
        format!(
            "`{}` lets clients connect with database passwords: {} is {value}{note}",
            r.address, shape.iam_auth
        ),
    );
}
