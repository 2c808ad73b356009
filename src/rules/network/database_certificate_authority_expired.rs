use crate::aws::tls::{self, ExpiryScope};
use crate::graph::{Model, Node, Resource};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-034",
    name: "database-certificate-authority-expired",
    pillar: Pillar::Network,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Database server certificate is issued by an expired RDS certificate authority",
    page: rule_page!("network/database_certificate_authority_expired.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    let provider_region = deployment_region(ctx.model);
    for &(kind, attribute) in tls::DATABASE_CERTIFICATE_AUTHORITIES {
        for r in ctx.resources(&[kind]).collect::<Vec<_>>() {
            // Omitted: RDS chooses its current default authority, which has not expired.
            let Some(ca) = r.get(attribute).filter(|v| !v.is_unset()) else {
                continue;
            };
            let Some(name) = ca.as_str() else {
                if ca.is_unknown() {
                    ctx.unknown(r, ca);
                }
                continue;
            };
            let Some(expired) = tls::EXPIRED_DATABASE_CERTIFICATE_AUTHORITIES
                .iter()
                .find(|a| a.name.eq_ignore_ascii_case(name.trim()))
            else {
                continue;
            };
            let region = resource_region(r).unwrap_or(provider_region);
            let old = expired.name;
            let when = expired.expired;
            let message = match (&expired.scope, &region) {
                (ExpiryScope::Everywhere, _) => format!(
                    "`{}` presents a certificate from `{old}`, which expired in {when}: clients cannot verify the server",
                    r.address
                ),
                (ExpiryScope::Regions { expired_in, .. }, Region::Known(region))
                    if expired_in.contains(region) =>
                {
                    format!(
                        "`{}` presents a certificate from `{old}`, which expired in {region} in {when}: clients cannot verify the server",
                        r.address
                    )
                }
                (ExpiryScope::Regions { valid_in, .. }, Region::Known(region))
                    if valid_in.contains(region) =>
                {
                    continue;
                }
                (ExpiryScope::Regions { .. }, Region::Known(region)) => {
                    undecided(
                        ctx,
                        r,
                        ca,
                        format!("whether `{old}` has expired in {region} is not known"),
                    );
                    continue;
                }
                (ExpiryScope::Regions { .. }, Region::Unknown(why)) => {
                    undecided(
                        ctx,
                        r,
                        ca,
                        format!(
                            "`{old}` expired in 2024 in most regions but is valid until 2061 in others, and {why}"
                        ),
                    );
                    continue;
                }
            };
            ctx.report(r, ca.span, message);
        }
    }
}

fn undecided(ctx: &mut Context<'_>, r: &Resource, ca: &Node, reason: String) {
    ctx.undecided_because(r, ca.span, reason);
}

/// The region a resource deploys to, as far as its configuration says.
#[derive(Clone, Copy)]
enum Region<'a> {
    Known(&'a str),
    /// Why the region is not known.
    Unknown(&'static str),
}

/// The region the resource names itself, which wins over its provider's; `None` when it names
/// none.
fn resource_region(r: &Resource) -> Option<Region<'_>> {
    let region = r.get(tls::RESOURCE_REGION).filter(|v| !v.is_unset())?;
    Some(match region.as_str() {
        Some(name) => Region::Known(name),
        None => Region::Unknown("the resource's own region is not known before apply"),
    })
}

/// The region named by every provider configuration of the model, when they all name the same
/// one as text and one of the root module's has no alias. Without one, the environment
/// (`AWS_REGION`, the profile) or the stack decides; with only aliased ones (or only those of
/// child modules, which configure their own module's resources), a resource that names no
/// provider uses an empty default configuration, whose region the environment gives; with
/// several regions, which configuration a resource uses (`provider = aws.<alias>`) is not
/// followed here.
fn deployment_region(model: &Model) -> Region<'_> {
    let setting = &tls::DEPLOYMENT_REGION;
    let mut found = None;
    let mut default_configured = false;
    for provider in model.providers(setting.provider) {
        default_configured |= provider.is_root_provider() && !provider.is_aliased_provider();
        let Some(region) = provider.get(setting.argument).and_then(Node::as_str) else {
            return Region::Unknown("a provider configuration does not name its region as text");
        };
        match found {
            None => found = Some(region),
            Some(other) if other != region => {
                return Region::Unknown("the provider configurations name different regions");
            }
            Some(_) => {}
        }
    }
    match found {
        Some(_) if !default_configured => Region::Unknown(
            "the root module has no provider configuration without an alias, so resources that name none deploy to the region of the environment",
        ),
        Some(region) => Region::Known(region),
        None => Region::Unknown("the configuration does not name the region it deploys to"),
    }
}
