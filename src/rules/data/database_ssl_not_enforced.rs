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
    docs: r#"
## What it checks
Parameter groups that explicitly switch off TLS enforcement: `rds.force_ssl = 0`
(PostgreSQL, SQL Server), `require_secure_transport = OFF/0` (MySQL, MariaDB) on
`aws_db_parameter_group` / `aws_rds_cluster_parameter_group` and
`AWS::RDS::DBParameterGroup` / `AWS::RDS::DBClusterParameterGroup`, and `require_ssl = false`
on `aws_redshift_parameter_group` / `AWS::Redshift::ClusterParameterGroup`, and `tls = disabled`
on DocumentDB cluster parameter groups (`aws_docdb_cluster_parameter_group` /
`AWS::DocDB::DBClusterParameterGroup`).

Unset parameters are not reported: Redshift clusters created since January 2025 use a
default parameter group that requires SSL, and the PostgreSQL default of `rds.force_ssl`
depends on the engine version (on from PostgreSQL 15).

## Why it matters
With enforcement off, clients may connect in clear text, and credentials and query results
cross the network readable.

## How to fix
Set `rds.force_ssl = 1`, `require_secure_transport = ON`, `require_ssl = true`, or
`tls = enabled` (DocumentDB).

## References
- AWS Security Hub Redshift.2 (connections encrypted in transit), DocumentDB TLS (Amazon
  DocumentDB Developer Guide, "Encrypting data in transit")
"#,
    fix_terraform: "set rds.force_ssl = 1 / require_secure_transport = ON / require_ssl = true",
    fix_cloudformation: "set rds.force_ssl: 1 / require_secure_transport: ON / require_ssl: true",
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
