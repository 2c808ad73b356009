use crate::aws::audit;
use crate::graph::{Map, Mode, Resource};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};
use crate::source::Span;

pub static RULE: Rule = Rule {
    id: "ZT-MON-010",
    name: "account-baseline-missing",
    pillar: Pillar::Monitoring,
    severity: Severity::Medium,
    enabled_by_default: false,
    inputs: ALL_INPUTS,
    summary: "Account baseline lacks CloudTrail, GuardDuty, Config, Security Hub or Macie",
    docs: r#"
## What it checks
Whether the configuration declares each part of a zero-trust account baseline: a CloudTrail
trail, a GuardDuty detector, an AWS Config recorder, Security Hub, and Macie. One finding per
missing service, at the start of the configuration.

Off by default: most repositories are not where the account baseline lives. Turn it on for
the landing-zone or account-baseline repository (`enable = ["account-baseline-missing"]`).

## Why it matters
Zero trust assumes breach: without audit logging, threat detection and configuration
history, a breach is invisible and cannot be reconstructed.

## How to fix
Declare the missing service (`aws_cloudtrail`, `aws_guardduty_detector`,
`aws_config_configuration_recorder`, `aws_securityhub_account`, `aws_macie2_account`, or the
CloudFormation equivalents), or manage it centrally with AWS Organizations.

## References
- AWS Security Hub CloudTrail.1, GuardDuty.1, Config.1, SecurityHub.1, Macie.1
- CIS AWS Foundations Benchmark v3.0, sections 3 and 4
"#,
    fix_terraform: "declare the missing service in the account baseline configuration",
    fix_cloudformation: "declare the missing service in the account baseline template",
    check,
};

fn check(ctx: &mut Context<'_>) {
    let Some(first) = ctx
        .model
        .resources
        .iter()
        .filter(|r| r.is_managed())
        .min_by_key(|r| r.span)
    else {
        return;
    };
    // The finding belongs to the configuration, not to one resource: it is located at the
    // start of the first file.
    let configuration = Resource {
        address: "(configuration)".to_string(),
        kind: String::new(),
        mode: Mode::Managed,
        span: Span::new(first.span.file, 0, 0),
        attrs: Map::default(),
        module_calls: Vec::new(),
        metadata: None,
    };
    for (service, kinds) in audit::ACCOUNT_BASELINE {
        if ctx.resources(kinds).next().is_none() {
            ctx.report(
                &configuration,
                configuration.span,
                format!("the configuration declares no {service}"),
            );
        }
    }
}
