use crate::aws::audit;
use crate::graph::Node;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-011",
    name: "cloudtrail-without-s3-data-events",
    pillar: Pillar::Monitoring,
    severity: Severity::Low,
    enabled_by_default: false,
    inputs: ALL_INPUTS,
    summary: "CloudTrail trail does not record S3 object-level (data) events",
    docs: r#"
## What it checks
Trails without an event selector for S3 data events: no `event_selector` with a
`data_resource` of type `AWS::S3::Object`, and no `advanced_event_selector` selecting
`resources.type` = `AWS::S3::Object` (CloudFormation `EventSelectors` /
`AdvancedEventSelectors`). Off by default: data events cost money and most repositories are not
the account baseline.

## Why it matters
Management events show who changed a bucket, not who read or wrote the data in it. Object-level
events are the audit trail of data access itself.

## How to fix
Terraform:
```hcl
event_selector {
  read_write_type           = "All"
  include_management_events = true
  data_resource {
    type   = "AWS::S3::Object"
    values = ["arn:aws:s3"]
  }
}
```

## References
- CIS AWS Foundations Benchmark v3.0, controls 3.8 and 3.9
"#,
    fix_terraform: "add an event_selector with a data_resource of type AWS::S3::Object",
    fix_cloudformation: "add EventSelectors with DataResources of Type AWS::S3::Object",
    check,
};

fn mentions_s3_objects(node: &Node) -> bool {
    let mut found = false;
    node.walk(&mut |n| found |= n.as_str() == Some(audit::S3_OBJECT_DATA_RESOURCE));
    found
}

fn check(ctx: &mut Context<'_>) {
    for trail in audit::TRAIL_EVENT_SELECTORS {
        for r in ctx
            .resources(std::slice::from_ref(&trail.kind))
            .collect::<Vec<_>>()
        {
            let selectors = trail
                .lists
                .iter()
                .filter_map(|k| r.get(k))
                .collect::<Vec<_>>();
            if let Some(unknown) = selectors.iter().find(|s| s.is_unknown()) {
                ctx.unknown(r, unknown);
                continue;
            }
            if !selectors.iter().any(|s| mentions_s3_objects(s)) {
                ctx.report(
                    r,
                    r.span,
                    format!("`{}` does not record S3 data events", r.address),
                );
            }
        }
    }
}
