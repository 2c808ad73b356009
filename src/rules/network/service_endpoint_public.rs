use crate::aws::exposure::PUBLIC_ENDPOINTS;
use crate::graph::Truth;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-025",
    name: "service-endpoint-public",
    pillar: Pillar::Network,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Managed service endpoint is reachable from the internet",
    docs: r#"
## What it checks
Managed services whose endpoint one setting puts on the internet:
- Amazon MQ brokers with `publicly_accessible = true` / `PubliclyAccessible: true` (the
  provider's default is `false`; CloudFormation requires the property);
- Transfer Family servers whose `endpoint_type` / `EndpointType` is `PUBLIC` or not set: the
  provider and the `CreateServer` API default to `PUBLIC`;
- MSK clusters with broker public access `SERVICE_PROVIDED_EIPS`
  (`broker_node_group_info.connectivity_info.public_access.type`,
  `BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type`; the default is `DISABLED`);
- MWAA environments with `webserver_access_mode` / `WebserverAccessMode` `PUBLIC_ONLY` (the
  default is `PRIVATE_ONLY`).
A value that is not known statically is listed by `--show-unknown`, never reported.

## Why it matters
A public endpoint answers anyone on the internet: only the service's own authentication stands
between an attacker and the broker, the file server, the Kafka cluster or the Airflow console,
and no security group (Transfer's `PUBLIC` endpoints take none) or network path narrows who may
try. Zero trust keeps these endpoints private and reaches them through the VPC, a VPN or a
private link.

## How to fix
Terraform: `publicly_accessible = false` (MQ); `endpoint_type = "VPC"` with `endpoint_details`
(Transfer); `public_access { type = "DISABLED" }` (MSK); `webserver_access_mode =
"PRIVATE_ONLY"` (MWAA).
CloudFormation: `PubliclyAccessible: false`; `EndpointType: VPC` with `EndpointDetails`;
`PublicAccess: {Type: DISABLED}`; `WebserverAccessMode: PRIVATE_ONLY`.

## References
- AWS Transfer Family API, `CreateServer` `EndpointType` (default `PUBLIC`)
- Amazon MSK, "Turn on public access to an MSK Provisioned cluster" (`SERVICE_PROVIDED_EIPS`)
- Amazon MWAA, "Apache Airflow access modes"
"#,
    fix_terraform: "keep the endpoint private: publicly_accessible = false, endpoint_type = \"VPC\", public_access type DISABLED, webserver_access_mode = \"PRIVATE_ONLY\"",
    fix_cloudformation: "keep the endpoint private: PubliclyAccessible: false, EndpointType: VPC, PublicAccess Type: DISABLED, WebserverAccessMode: PRIVATE_ONLY",
    check,
};

fn check(ctx: &mut Context<'_>) {
    for entry in PUBLIC_ENDPOINTS {
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
                        format!(
                            "`{}` makes its {} reachable from the internet{why}",
                            r.address, entry.what
                        ),
                    );
                }
                Truth::Unknown => ctx.unknown(r, &facet.as_unknown_node()),
                Truth::No => {}
            }
        }
    }
}
