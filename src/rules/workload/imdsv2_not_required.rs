use crate::aws::workloads;
use crate::fix::{Change, Literal};
use crate::graph::{Node, Resource};
use crate::rules::settings::{Setting, setting};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-WKL-001",
    name: "imdsv2-not-required",
    pillar: Pillar::Workload,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Instance metadata service does not require IMDSv2 session tokens",
    docs: r#"
## What it checks
EC2 instances (also spot instance requests), launch templates and launch configurations whose
metadata options do not set `http_tokens = "required"` (CloudFormation: `MetadataOptions.
HttpTokens: required` on `AWS::EC2::Instance` and `AWS::AutoScaling::LaunchConfiguration`,
`LaunchTemplateData.MetadataOptions.HttpTokens` on `AWS::EC2::LaunchTemplate`), and SageMaker
notebook instances whose `instance_metadata_service_configuration.
minimum_instance_metadata_service_version` (`InstanceMetadataServiceConfiguration.
MinimumInstanceMetadataServiceVersion`) is not `"2"` (absent, it is `"1"`: IMDSv1 allowed;
the account's EC2 metadata defaults do not apply to notebooks). When unset the API default is `optional` (IMDSv1 allowed), unless the AMI is
registered with `ImdsSupport: v2.0` or the account's default says otherwise; neither is in the
configuration, so this rule asks for the setting to be explicit. Metadata turned off
(`http_endpoint = "disabled"`) passes, and so does an instance launched from a launch template
(the template is judged) or covered by an `aws_ec2_instance_metadata_defaults` with
`http_tokens = "required"` in the same configuration.

## Why it matters
IMDSv1 answers any request from the instance, including ones an attacker forges through an
SSRF bug in the application; the response holds the instance role's credentials. IMDSv2's
session token defeats that.

## How to fix
Terraform: `metadata_options { http_tokens = "required" }`. CloudFormation (instance, launch
configuration, or `LaunchTemplateData` of a launch template): `MetadataOptions: {HttpTokens:
required}`. SageMaker notebooks: `instance_metadata_service_configuration {
minimum_instance_metadata_service_version = "2" }` / `InstanceMetadataServiceConfiguration:
{MinimumInstanceMetadataServiceVersion: "2"}`. `zt-lint fix` applies the EC2 fix as safe (EC2
changes the options of a running instance in place); for a notebook instance the fix is unsafe
(`--unsafe` applies it), because SageMaker updates a notebook only while it is stopped: applying
it stops and restarts the notebook, interrupting whoever works in it. It is unsafe for a spot
instance request too: every argument of one forces a new request, and cancelling the old one
terminates its instance.

## References
- AWS Security Hub EC2.8, AutoScaling.3
- SageMaker API Reference, InstanceMetadataServiceConfiguration
- EC2 User Guide, "Configure the instance metadata options"
"#,
    fix_terraform: "add metadata_options { http_tokens = \"required\" }",
    fix_cloudformation: "set MetadataOptions.HttpTokens: required on the instance or in its launch template",
    check,
};

fn judge(
    ctx: &mut Context<'_>,
    r: &Resource,
    carrier: &workloads::MetadataCarrier,
    tokens: Setting<'_>,
    endpoint: Setting<'_>,
) {
    if let Setting::Value(e) = endpoint
        && e.as_str() == Some("disabled")
    {
        return;
    }
    let name = carrier.tokens.last().copied().unwrap_or_default();
    let path = carrier.tokens;
    let required = carrier.required;
    match tokens {
        Setting::Absent => ctx.report_fixable_restarting(
            r,
            r.span,
            format!(
                "`{}` does not require IMDSv2 ({name} is not set; the default allows IMDSv1)",
                r.address
            ),
            vec![Change::Add {
                resource: r.span,
                path: path.to_vec(),
                value: Literal::Str(required),
            }],
            carrier.disrupted_by_update,
        ),
        Setting::Value(v) => match v.as_str() {
            Some(value) if value == required => {}
            Some(_) => ctx.report_fixable_restarting(
                r,
                v.span,
                format!(
                    "`{}` allows IMDSv1 ({name} is not \"{required}\")",
                    r.address
                ),
                vec![Change::Set {
                    span: v.span,
                    value: Literal::Str(required),
                }],
                carrier.disrupted_by_update,
            ),
            None => ctx.unknown(r, v),
        },
    }
}

fn check(ctx: &mut Context<'_>) {
    // The account-wide default, when the configuration declares one, applies to anything that
    // does not say otherwise.
    let defaults = &workloads::ACCOUNT_METADATA_DEFAULTS;
    // A default whose value is not known statically may require IMDSv2: what it covers is
    // undecided, never a finding.
    let account_default: Option<Node> = ctx
        .resources(std::slice::from_ref(&defaults.kind))
        .find_map(|r| r.get(defaults.tokens).filter(|v| !v.is_null()))
        .cloned();
    for carrier in workloads::METADATA_CARRIERS {
        for r in ctx
            .resources(std::slice::from_ref(&carrier.kind))
            .collect::<Vec<_>>()
        {
            let tokens = setting(r, carrier.tokens);
            let endpoint = setting(r, carrier.endpoint);
            if matches!(tokens, Setting::Absent) {
                if carrier.account_defaults
                    && let Some(default) = &account_default
                {
                    match default.as_str() {
                        Some(value) if value == carrier.required => continue,
                        Some(_) => {}
                        None => {
                            ctx.unknown(r, default);
                            continue;
                        }
                    }
                }
                // An instance launched from a template takes its metadata options from it;
                // the template is judged on its own.
                if let Some(template) = carrier.launch_template
                    && !matches!(setting(r, &[template]), Setting::Absent)
                {
                    continue;
                }
            }
            judge(ctx, r, carrier, tokens, endpoint);
        }
    }
}
