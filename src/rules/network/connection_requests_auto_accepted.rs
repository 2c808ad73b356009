use crate::aws::networking::AUTO_ACCEPT;
use crate::graph::Truth;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-026",
    name: "connection-requests-auto-accepted",
    pillar: Pillar::Network,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Endpoint service or transit gateway accepts other accounts' connections without review",
    docs: r#"
## What it checks
- VPC endpoint services (PrivateLink) with `acceptance_required = false` /
  `AcceptanceRequired: false`. The provider requires the argument; the EC2 API documents no
  default, so an omitted `AcceptanceRequired` is listed by `--show-unknown`, not reported.
- Transit gateways with `auto_accept_shared_attachments = "enable"` /
  `AutoAcceptSharedAttachments: enable` (the default is `disable`).

## Why it matters
A network connection from another account is a trust decision. Auto-accepting it lets every
principal allowed to request a connection (for an endpoint service, anyone in its allowed
principals, which may be `*`; for a transit gateway, every account it is shared with through
RAM) join your network without anyone looking. Zero trust reviews each new peer.

## How to fix
Terraform: `acceptance_required = true`; `auto_accept_shared_attachments = "disable"` (or omit
it), then accept requests with `aws_vpc_endpoint_connection_accepter` /
`aws_ec2_transit_gateway_vpc_attachment_accepter`.
CloudFormation: `AcceptanceRequired: true`; `AutoAcceptSharedAttachments: disable`.

## References
- Amazon EC2 API, `CreateVpcEndpointServiceConfiguration` (`AcceptanceRequired`)
- Amazon VPC Transit Gateways, `CreateTransitGateway` (`AutoAcceptSharedAttachments`, default
  `disable`)
"#,
    fix_terraform: "set acceptance_required = true / auto_accept_shared_attachments = \"disable\" and accept each request explicitly",
    fix_cloudformation: "set AcceptanceRequired: true / AutoAcceptSharedAttachments: disable and accept each request explicitly",
    check,
};

fn check(ctx: &mut Context<'_>) {
    for entry in AUTO_ACCEPT {
        for r in ctx
            .resources(std::slice::from_ref(&entry.kind))
            .collect::<Vec<_>>()
        {
            let facet = entry.state(r);
            match facet.state {
                Truth::Yes => {
                    let why = if facet.why.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", facet.why)
                    };
                    ctx.report(
                        r,
                        facet.span,
                        format!("`{}` accepts {} without review{why}", r.address, entry.what),
                    );
                }
                Truth::Unknown => ctx.unknown(r, &facet.as_unknown_node()),
                Truth::No => {}
            }
        }
    }
}
