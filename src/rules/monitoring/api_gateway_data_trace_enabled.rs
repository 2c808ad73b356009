use crate::aws::networking::DATA_TRACE;
use crate::graph::Truth;
use crate::rules::settings::{Setting, setting};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-019",
    name: "api-gateway-data-trace-enabled",
    pillar: Pillar::Monitoring,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "API Gateway writes full request and response bodies to its logs",
    docs: r#"
## What it checks
API Gateway (REST) method settings with data trace on: `data_trace_enabled = true` in the
`settings` of a method settings resource, `DataTraceEnabled: true` in a stage's
`MethodSettings` or a deployment's `StageDescription` (or its `MethodSettings`). Data trace is
off unless turned on. A value not known statically is undecided, not reported.

## Why it matters
Data trace copies every request and response body, with their headers, into CloudWatch Logs:
tokens, credentials and personal data end up in a log group that far more people and services
can read than the API's back end. AWS advises against it for production APIs. The access log
records who called what without the payload.

## How to fix
Terraform: remove `data_trace_enabled` from the method settings (or set it to false); keep
`logging_level` and an access log for the audit trail.
CloudFormation: remove `DataTraceEnabled` or set it to false.

## References
- Amazon API Gateway Developer Guide: setting up CloudWatch logging for REST APIs
"#,
    fix_terraform: "set data_trace_enabled = false in the method settings",
    fix_cloudformation: "set DataTraceEnabled to false",
    check,
};

fn check(ctx: &mut Context<'_>) {
    for entry in DATA_TRACE {
        for r in ctx.resources(std::slice::from_ref(&entry.kind)) {
            let Setting::Value(settings) = setting(r, entry.settings) else {
                continue;
            };
            if settings.is_unknown() {
                ctx.unknown(r, settings);
                continue;
            }
            for block in settings.items() {
                // A settings block chosen by a condition (`!If`) is not known statically.
                if block.is_unknown() {
                    ctx.unknown(r, block);
                    continue;
                }
                let Some(flag) = block.get(entry.data_trace) else {
                    continue;
                };
                match flag.truth() {
                    Truth::Yes => ctx.report(
                        r,
                        flag.span,
                        format!(
                            "`{}` writes full request and response bodies to its execution log",
                            r.address
                        ),
                    ),
                    Truth::No => {}
                    Truth::Unknown => ctx.unknown(r, flag),
                }
            }
        }
    }
}
