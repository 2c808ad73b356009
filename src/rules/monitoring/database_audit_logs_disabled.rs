use crate::aws::LogFamily;
use crate::rules::settings::require_audit_logging;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-012",
    name: "database-audit-logs-disabled",
    pillar: Pillar::Monitoring,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Database does not export its logs or audit log",
    docs: r#"
## What it checks
Databases whose engine logs stay inside the instance, as the AWS service catalog describes them:
- RDS DB instances and RDS/Aurora clusters that export no log type to CloudWatch Logs
  (`enabled_cloudwatch_logs_exports` / `EnableCloudwatchLogsExports` empty or absent, the
  default). Instances of a cluster export through the cluster and are judged there.
- DocumentDB and Neptune clusters that do not export the `audit` log type.
- Redshift clusters without audit logging: no `logging { enable = true }` block and no
  Redshift logging resource naming the cluster in Terraform, no `LoggingProperties` in
  CloudFormation.
A list built from values not known statically is undecided, not reported.

## Why it matters
Database logs are the record of who connected, who failed to, and what they ran: without them
a stolen credential used against the data store leaves no trace outside the instance, and the
instance is the thing an attacker controls.

## How to fix
Terraform: `enabled_cloudwatch_logs_exports = ["postgresql"]` (the engine's log types; include
`"audit"` for DocumentDB and Neptune); for Redshift a logging resource for the cluster.
CloudFormation: `EnableCloudwatchLogsExports: [audit]`; for Redshift `LoggingProperties`.
DocumentDB also needs `audit_logs` enabled in its cluster parameter group.

## References
- AWS Security Hub RDS.9, RDS.34, DocumentDB.4, Neptune.2, Redshift.4
"#,
    fix_terraform: "set enabled_cloudwatch_logs_exports to the engine's log types (include \"audit\" for DocumentDB and Neptune)",
    fix_cloudformation: "set EnableCloudwatchLogsExports to the engine's log types (include audit for DocumentDB and Neptune)",
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_audit_logging(
        ctx,
        LogFamily::Database,
        "does not export its database logs",
    );
}
