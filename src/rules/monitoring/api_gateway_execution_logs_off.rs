use crate::aws::apis::{STAGE_EXECUTION_LOGS, StageLevels};
use crate::graph::Truth;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-020",
    name: "api-gateway-execution-logs-off",
    pillar: Pillar::Monitoring,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "API Gateway stage writes no execution log",
    docs: r#"
## What it checks
API Gateway (REST) stages whose method settings set no logging level of `ERROR` or `INFO`
(`OFF`, the default, writes nothing). In Terraform the level is
`settings { logging_level }` of an `aws_api_gateway_method_settings` that names the stage: its
`stage_name` (a reference to the stage, or the same name) and `rest_api_id` (the same API);
in CloudFormation it is `LoggingLevel` in the stage's `MethodSettings`. A stage is logged when
any of its method settings logs (per-method settings count, not only `*/*`). A level not known
statically, or a method settings resource whose stage or API is not known statically (it might
name this stage), leaves the stage undecided. Stages that `AWS::ApiGateway::Deployment`
creates through `StageDescription` are not evaluated.

## Why it matters
The execution log is where API Gateway records what it decided about each request: which
authorizer ran and what it returned, why a request was throttled or refused, what the
integration answered. The access log (ZT-MON-015) says who called; without the execution log
a denied or failing call through the stage leaves no explanation to investigate.

## How to fix
Terraform: an `aws_api_gateway_method_settings` with `method_path = "*/*"` and
`settings { logging_level = "ERROR" }` (or `"INFO"`) for the stage, and an
`aws_api_gateway_account` whose CloudWatch role lets API Gateway write logs.
CloudFormation: `MethodSettings: [{ResourcePath: "/*", HttpMethod: "*", LoggingLevel: ERROR}]`
on the stage, and an `AWS::ApiGateway::Account` with `CloudWatchRoleArn`.
Keep `data_trace_enabled` off (ZT-MON-019).

## References
- Amazon API Gateway Developer Guide, "Set up CloudWatch logging for REST APIs in API Gateway"
- AWS Security Hub APIGateway.1
"#,
    fix_terraform: "add aws_api_gateway_method_settings for the stage with settings { logging_level = \"ERROR\" }",
    fix_cloudformation: "add MethodSettings with LoggingLevel: ERROR to the stage",
    check,
};

fn check(ctx: &mut Context<'_>) {
    for entry in STAGE_EXECUTION_LOGS {
        let levels = StageLevels::new(ctx.model, entry);
        for stage in ctx
            .resources(std::slice::from_ref(&entry.stage))
            .collect::<Vec<_>>()
        {
            let Some(facet) = levels.execution_logging(stage, entry) else {
                continue;
            };
            match facet.state {
                Truth::Yes => {}
                Truth::No => ctx.report(
                    stage,
                    facet.span,
                    format!("`{}` writes no execution log{}", stage.address, facet.why),
                ),
                Truth::Unknown => ctx.unknown(stage, &facet.as_unknown_node()),
            }
        }
    }
}
