//! Web application firewall: which internet-facing HTTP resources a WAF web ACL can protect, and
//! where each format attaches one (inline on a CloudFront distribution, a separate association
//! resource naming the load balancer, API stage or GraphQL API).

use super::{Path, written};
use crate::graph::{Model, Node, Resource, Truth, Value};

/// A resource a web ACL can protect.
pub struct WebAclTarget {
    pub kind: &'static str,
    /// The setting that names the web ACL on the resource itself (CloudFront), if any.
    pub inline: Option<Path>,
    /// Settings that must all hold for the resource to face the internet.
    pub facing: &'static [Facing],
    /// For an API stage: the API it belongs to, which may be private.
    pub api: Option<PrivateApi>,
    pub what: &'static str,
}

/// A setting that makes a resource internet-facing when its value (or its default) is one of
/// `values`.
pub struct Facing {
    pub path: Path,
    pub absent: &'static str,
    pub values: &'static [&'static str],
}

/// Where a stage names its API, and where the API lists its endpoint types: a `PRIVATE` API is
/// reachable only through interface VPC endpoints.
pub struct PrivateApi {
    pub attribute: &'static str,
    pub kinds: &'static [&'static str],
    pub types: Path,
}

/// The resources that attach a web ACL to another resource by naming it.
pub struct Association {
    pub kind: &'static str,
    pub attribute: &'static str,
}

pub const ASSOCIATIONS: &[Association] = &[
    Association {
        kind: "aws_wafv2_web_acl_association",
        attribute: "resource_arn",
    },
    Association {
        kind: "aws_wafregional_web_acl_association",
        attribute: "resource_arn",
    },
    Association {
        kind: "AWS::WAFv2::WebACLAssociation",
        attribute: "ResourceArn",
    },
    Association {
        kind: "AWS::WAFRegional::WebACLAssociation",
        attribute: "ResourceArn",
    },
];

const REST_API_TF: PrivateApi = PrivateApi {
    attribute: "rest_api_id",
    kinds: &["aws_api_gateway_rest_api"],
    types: &["endpoint_configuration", "types"],
};

const REST_API_CFN: PrivateApi = PrivateApi {
    attribute: "RestApiId",
    kinds: &["AWS::ApiGateway::RestApi"],
    types: &["EndpointConfiguration", "Types"],
};

pub const TARGETS: &[WebAclTarget] = &[
    WebAclTarget {
        kind: "aws_cloudfront_distribution",
        inline: Some(&["web_acl_id"]),
        facing: &[],
        api: None,
        what: "CloudFront distribution",
    },
    WebAclTarget {
        kind: "AWS::CloudFront::Distribution",
        inline: Some(&["DistributionConfig", "WebACLId"]),
        facing: &[],
        api: None,
        what: "CloudFront distribution",
    },
    // Application load balancers are the default type, and internet-facing unless internal.
    WebAclTarget {
        kind: "aws_lb",
        inline: None,
        facing: &[
            Facing {
                path: &["load_balancer_type"],
                absent: "application",
                values: &["application"],
            },
            Facing {
                path: &["internal"],
                absent: "false",
                values: &["false"],
            },
        ],
        api: None,
        what: "internet-facing application load balancer",
    },
    WebAclTarget {
        kind: "aws_alb",
        inline: None,
        facing: &[
            Facing {
                path: &["load_balancer_type"],
                absent: "application",
                values: &["application"],
            },
            Facing {
                path: &["internal"],
                absent: "false",
                values: &["false"],
            },
        ],
        api: None,
        what: "internet-facing application load balancer",
    },
    WebAclTarget {
        kind: "AWS::ElasticLoadBalancingV2::LoadBalancer",
        inline: None,
        facing: &[
            Facing {
                path: &["Type"],
                absent: "application",
                values: &["application"],
            },
            Facing {
                path: &["Scheme"],
                absent: "internet-facing",
                values: &["internet-facing"],
            },
        ],
        api: None,
        what: "internet-facing application load balancer",
    },
    WebAclTarget {
        kind: "aws_api_gateway_stage",
        inline: None,
        facing: &[],
        api: Some(REST_API_TF),
        what: "API Gateway stage",
    },
    WebAclTarget {
        kind: "AWS::ApiGateway::Stage",
        inline: None,
        facing: &[],
        api: Some(REST_API_CFN),
        what: "API Gateway stage",
    },
    WebAclTarget {
        kind: "aws_appsync_graphql_api",
        inline: None,
        facing: &[],
        api: None,
        what: "AppSync GraphQL API",
    },
    WebAclTarget {
        kind: "AWS::AppSync::GraphQLApi",
        inline: None,
        facing: &[],
        api: None,
        what: "AppSync GraphQL API",
    },
];

/// Whether a resource faces the internet: `Unknown` carries the value that cannot be read.
pub enum Exposure<'a> {
    Facing,
    Private,
    Unknown(&'a Node),
}

impl WebAclTarget {
    /// Does `r` face the internet, by its own settings and (for a stage) its API's?
    pub fn exposure<'a>(&self, model: &'a Model, r: &'a Resource) -> Exposure<'a> {
        for facing in self.facing {
            let text = match written(r, facing.path) {
                None => facing.absent.to_string(),
                Some(v) => match scalar_text(v) {
                    Some(t) => t,
                    None => return Exposure::Unknown(v),
                },
            };
            if !facing.values.iter().any(|f| f.eq_ignore_ascii_case(&text)) {
                return Exposure::Private;
            }
        }
        if let Some(api) = &self.api
            && let Some(named) = r.get(api.attribute)
            && let Some((_, api_resource)) = model.resolve_kind(named, api.kinds)
            && let Some(types) = written(api_resource, api.types)
        {
            if matches!(types.value, Value::Unknown(_)) {
                return Exposure::Unknown(types);
            }
            let private = types.items().iter().any(|t| {
                t.as_str()
                    .is_some_and(|s| s.eq_ignore_ascii_case("PRIVATE"))
            });
            if private {
                return Exposure::Private;
            }
        }
        Exposure::Facing
    }

    /// Is a web ACL named on the resource itself? `Unknown` when the value is not known.
    pub fn inline_acl<'a>(&self, r: &'a Resource) -> (Truth, Option<&'a Node>) {
        let Some(path) = self.inline else {
            return (Truth::No, None);
        };
        match written(r, path) {
            None => (Truth::No, None),
            // A reference to a web ACL resource is a web ACL, whatever its ARN will be.
            Some(v) => (v.is_given(), Some(v)),
        }
    }
}

/// A scalar as text, for comparing Booleans and strings alike; `None` when not known.
fn scalar_text(v: &Node) -> Option<String> {
    match &v.value {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}
