use crate::aws::exposure::NODE_REMOTE_ACCESS;
use crate::aws::{Setting, setting};
use crate::graph::Truth;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-029",
    name: "node-group-ssh-from-anywhere",
    pillar: Pillar::Network,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "EKS managed node group opens SSH to the internet",
    docs: r#"
## What it checks
EKS managed node groups whose remote access names an SSH key (`remote_access { ec2_ssh_key }`
/ `RemoteAccess.Ec2SshKey`) and no source security groups
(`source_security_group_ids` / `SourceSecurityGroups`). For such a node group EKS opens port
22 on every node to `0.0.0.0/0`, as the provider and CloudFormation documentation say. Values
not known statically are listed by `--show-unknown`.

## Why it matters
SSH from anywhere puts every node, and the pods and credentials on it, one leaked or guessed
key away from the internet. Zero trust reaches nodes through Systems Manager or from named
security groups only.

## How to fix
Terraform: drop `remote_access` and use Session Manager, or set
`source_security_group_ids = [aws_security_group.bastion.id]`.
CloudFormation: drop `RemoteAccess`, or set `SourceSecurityGroups`.

## References
- Amazon EKS API, `RemoteAccessConfig` (`sourceSecurityGroups`: "If you specify an Amazon EC2
  SSH key but do not specify a source security group ... port 22 on the nodes is opened to
  the internet (0.0.0.0/0)")
- Terraform AWS provider, `aws_eks_node_group` `remote_access`
"#,
    fix_terraform: "remove remote_access, or set source_security_group_ids to the groups that may reach SSH",
    fix_cloudformation: "remove RemoteAccess, or set SourceSecurityGroups to the groups that may reach SSH",
    check,
};

fn check(ctx: &mut Context<'_>) {
    for access in NODE_REMOTE_ACCESS {
        for r in ctx
            .resources(std::slice::from_ref(&access.kind))
            .collect::<Vec<_>>()
        {
            let key = match setting(r, &[access.block, access.key]) {
                Setting::Absent => continue,
                Setting::Value(v) => v,
            };
            match key.is_given() {
                Truth::No => continue,
                Truth::Unknown => {
                    ctx.unknown(r, key);
                    continue;
                }
                Truth::Yes => {}
            }
            match setting(r, &[access.block, access.sources]) {
                Setting::Absent => ctx.report(
                    r,
                    key.span,
                    format!(
                        "`{}` allows SSH with a key pair and names no source security group, so port 22 is open to 0.0.0.0/0",
                        r.address
                    ),
                ),
                Setting::Value(v) => match v.is_given() {
                    Truth::No => ctx.report(
                        r,
                        key.span,
                        format!(
                            "`{}` allows SSH with a key pair and an empty list of source security groups, so port 22 is open to 0.0.0.0/0",
                            r.address
                        ),
                    ),
                    Truth::Unknown => ctx.unknown(r, v),
                    Truth::Yes => {}
                },
            }
        }
    }
}
