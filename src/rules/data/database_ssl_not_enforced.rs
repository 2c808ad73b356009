use crate::aws::parameters;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-DAT-013",
    name: "database-ssl-not-enforced",
    pillar: Pillar::Data,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Database parameter group turns TLS enforcement off",
    page: rule_page!("data/database_ssl_not_enforced.md"),
    check,
};

/// Is this `parameter = value` a TLS enforcement switched off?
fn turns_tls_off(name: &str, value: &str) -> bool {
    let value = value.trim().to_ascii_lowercase();
    let off = matches!(value.as_str(), "0" | "off" | "false" | "disabled");
    // DocumentDB's cluster parameter `tls` takes enabled/disabled (and fips-140-3, tls1.2+...).
    matches!(
        name,
        "rds.force_ssl" | "require_secure_transport" | "require_ssl" | "tls"
    ) && off
}

fn check(ctx: &mut Context<'_>) {
    for r in ctx.model.resources.iter().filter(|r| r.is_managed()) {
        let Some(parameters) = parameters::engine_parameters(r) else {
            continue;
        };
        for (name, value) in parameters {
            if value.scalar_text().is_some_and(|v| turns_tls_off(name, &v)) {
                ctx.report(
                    r,
                    value.span,
                    format!("`{}` turns TLS enforcement off ({name})", r.address),
                );
            }
        }
    }
}
