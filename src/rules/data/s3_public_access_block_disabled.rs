use crate::aws::s3;
use crate::fix::{Change, Literal};
use crate::graph::{Node, Truth};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-DAT-004",
    name: "s3-public-access-block-disabled",
    pillar: Pillar::Data,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "S3 public access block setting is turned off",
    page: rule_page!("data/s3_public_access_block_disabled.md"),
    check,
};

/// `block_key` names the block holding the settings in the resource (none when the resource is
/// the block): where a missing setting is added.
fn judge(
    ctx: &mut Context<'_>,
    r: &crate::graph::Resource,
    block: &Node,
    block_key: Option<&'static str>,
    entry: &s3::PublicAccessBlock,
) {
    let mut off = Vec::new();
    let mut span = None;
    let mut changes = Vec::new();
    let turn_on = Literal::Bool(true);
    for key in entry.settings {
        match block.get(key) {
            None if entry.absent_is_on => {}
            // Terraform's resource and CloudFormation's configuration both default to false.
            None => {
                off.push(key);
                changes.push(Change::Add {
                    resource: r.span,
                    path: block_key.into_iter().chain([key]).collect(),
                    value: turn_on,
                });
            }
            Some(v) if v.is_null() && entry.absent_is_on => {}
            Some(v) if v.is_null() => {
                off.push(key);
                changes.push(Change::Set {
                    span: v.span,
                    value: turn_on,
                });
            }
            Some(v) => match v.truth() {
                Truth::Yes => {}
                Truth::No => {
                    off.push(key);
                    span.get_or_insert(v.span);
                    changes.push(Change::Set {
                        span: v.span,
                        value: turn_on,
                    });
                }
                Truth::Unknown => ctx.unknown(r, v),
            },
        }
    }
    if !off.is_empty() {
        ctx.report_fixable(
            r,
            span.unwrap_or(block.span),
            format!(
                "`{}` leaves public access block settings off: {}",
                r.address,
                off.join(", ")
            ),
            changes,
        );
    }
}

fn check(ctx: &mut Context<'_>) {
    for entry in s3::PUBLIC_ACCESS_BLOCK_SETTINGS {
        for r in ctx
            .resources(std::slice::from_ref(&entry.kind))
            .collect::<Vec<_>>()
        {
            match entry.block {
                // The resource is the block (Terraform's split resources).
                None => {
                    let whole = Node::new(crate::graph::Value::Map(r.attrs.clone()), r.span);
                    judge(ctx, r, &whole, None, entry);
                }
                Some(key) => {
                    let Some(block) = r.get(key) else {
                        continue;
                    };
                    // Terraform writes a nested block as a list of one map.
                    let block = match block.as_list() {
                        Some([only]) => only,
                        Some(_) => continue,
                        None => block,
                    };
                    if block.is_unknown() {
                        ctx.unknown(r, block);
                        continue;
                    }
                    judge(ctx, r, block, Some(key), entry);
                }
            }
        }
    }
}
