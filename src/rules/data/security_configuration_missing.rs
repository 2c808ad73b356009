use crate::aws::analytics;
use crate::rules::settings::require_given;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-DAT-014",
    name: "security-configuration-missing",
    pillar: Pillar::Data,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Glue or EMR workload runs without a security configuration",
    docs: r#"
## What it checks
Glue jobs, crawlers and development endpoints, and EMR clusters, that name no security
configuration: `security_configuration` in Terraform; `SecurityConfiguration` (Glue job,
development endpoint, EMR cluster) or `CrawlerSecurityConfiguration` (Glue crawler) in
CloudFormation. Whether the named configuration itself encrypts is judged on the
configuration resource, not here.

## Why it matters
The security configuration is the only place these services take encryption and
authentication settings for what they produce. Without one, a Glue job's CloudWatch logs and
job bookmarks get no KMS encryption of your choosing and its S3 output only the bucket's
default; an EMR cluster's local disks are not encrypted, traffic between its nodes
is not TLS, and it has no Kerberos or Lake Formation authentication.

## How to fix
Create an `aws_glue_security_configuration` / `AWS::Glue::SecurityConfiguration` or an
`aws_emr_security_configuration` / `AWS::EMR::SecurityConfiguration` with encryption turned
on, and name it from the job, crawler, endpoint or cluster.

## References
- AWS Glue Developer Guide, "Encrypting data written by crawlers, jobs, and development
  endpoints"
- Amazon EMR Management Guide, "Use security configurations to set up cluster security"
"#,
    fix_terraform: "create a security configuration with encryption on and set security_configuration to its name",
    fix_cloudformation: "create a security configuration with encryption on and set SecurityConfiguration (CrawlerSecurityConfiguration for crawlers) to its name",
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_given(
        ctx,
        analytics::SECURITY_CONFIGURATIONS,
        "runs without a security configuration",
    );
}
