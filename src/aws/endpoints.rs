//! Who may call an endpoint: where function URLs, API Gateway methods and HTTP API routes set
//! their authorization, and what holds when they do not.

use super::Given;

/// An endpoint type and its authorization setting.
pub struct Authorization {
    pub kind: &'static str,
    pub auth: &'static str,
    /// The HTTP method attribute, for skipping CORS preflight (`OPTIONS`) methods.
    pub method: Option<&'static str>,
    /// Authorization is NONE when the setting is omitted (otherwise the setting is required, or
    /// its absence is not public).
    pub none_by_default: bool,
    /// For routes: where the route names its API and its key (WebSocket APIs authorize on
    /// `$connect` only).
    pub route: Option<&'static Route>,
}

/// Where an HTTP or WebSocket API route names its API, and where the API says its protocol.
pub struct Route {
    pub api: &'static str,
    pub route_key: &'static str,
    pub api_kinds: &'static [&'static str],
    pub protocol: &'static str,
}

const TERRAFORM_ROUTE: Route = Route {
    api: "api_id",
    route_key: "route_key",
    api_kinds: &["aws_apigatewayv2_api"],
    protocol: "protocol_type",
};

const CLOUDFORMATION_ROUTE: Route = Route {
    api: "ApiId",
    route_key: "RouteKey",
    api_kinds: &["AWS::ApiGatewayV2::Api"],
    protocol: "ProtocolType",
};

pub const AUTHORIZATION: &[Authorization] = &[
    Authorization {
        kind: "aws_lambda_function_url",
        auth: "authorization_type",
        method: None,
        none_by_default: false,
        route: None,
    },
    Authorization {
        kind: "AWS::Lambda::Url",
        auth: "AuthType",
        method: None,
        none_by_default: false,
        route: None,
    },
    Authorization {
        kind: "aws_api_gateway_method",
        auth: "authorization",
        method: Some("http_method"),
        none_by_default: false,
        route: None,
    },
    Authorization {
        kind: "AWS::ApiGateway::Method",
        auth: "AuthorizationType",
        method: Some("HttpMethod"),
        none_by_default: true,
        route: None,
    },
    Authorization {
        kind: "aws_apigatewayv2_route",
        auth: "authorization_type",
        method: None,
        none_by_default: true,
        route: Some(&TERRAFORM_ROUTE),
    },
    Authorization {
        kind: "AWS::ApiGatewayV2::Route",
        auth: "AuthorizationType",
        method: None,
        none_by_default: true,
        route: Some(&CLOUDFORMATION_ROUTE),
    },
];

/// An API Gateway stage proves itself to its HTTP backends only with a client certificate.
pub const STAGE_CLIENT_CERTIFICATE: &[Given] = &[
    Given {
        kind: "aws_api_gateway_stage",
        path: &["client_certificate_id"],
    },
    Given {
        kind: "AWS::ApiGateway::Stage",
        path: &["ClientCertificateId"],
    },
];
