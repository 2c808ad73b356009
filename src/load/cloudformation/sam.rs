//! AWS SAM templates (`Transform: AWS::Serverless-2016-10-31`) expanded into the CloudFormation
//! resources SAM generates, as far as rules read them, before intrinsics are evaluated: SAM
//! itself runs on the raw template, and generated logical ids (`MyFunctionRole`) must resolve.
//!
//! Every generated value keeps the span of the SAM property it comes from; a generated value
//! with no source property, and every generated resource's header, has the span of the SAM
//! resource's logical id (for SAM's implicit APIs, of the first event that needs them). A SAM
//! resource type or property form this module does not expand is reported as not linted, never
//! dropped in silence.

mod policy_templates;

use crate::graph::{Entry, Map, Node, NotLinted, Value};
use crate::source::Span;
use std::collections::HashMap;

const SAM_TRANSFORM: &str = "AWS::Serverless-2016-10-31";

/// SAM stops at a nesting depth no template reaches; bounding the merge keeps a hostile
/// document from exhausting the stack.
const MAX_MERGE_DEPTH: usize = 64;

/// A template after SAM expansion: the same document with SAM resources replaced by what they
/// generate, and the parts that were not expanded.
pub struct Expansion {
    pub template: Map,
    pub not_linted: Vec<NotLinted>,
}

/// Does the template ask for the SAM transform (`Transform` as a string or in a list)?
pub fn is_sam(doc: &Map) -> bool {
    doc.get("Transform")
        .is_some_and(|t| t.items().iter().any(|t| t.as_str() == Some(SAM_TRANSFORM)))
}

/// Expands a SAM template; `None` when the template does not use the SAM transform.
pub fn expand(doc: &Map) -> Option<Expansion> {
    if !is_sam(doc) {
        return None;
    }
    let Some(declared) = doc.get("Resources").and_then(Node::as_map) else {
        return Some(Expansion {
            template: doc.clone(),
            not_linted: Vec::new(),
        });
    };
    let globals = doc.get("Globals").and_then(Node::as_map);
    let sam = SamResources::read(declared, globals);
    let mut expander = Expander {
        sam: &sam,
        declared,
        globals,
        out: Map::default(),
        not_linted: Vec::new(),
        implicit_rest: None,
        implicit_http: None,
    };
    for entry in &declared.entries {
        // Embedded connectors (a resource attribute SAM accepts on any resource) become IAM
        // policies this module does not write.
        if let Some(connectors) = entry.value.as_map().and_then(|b| b.entry("Connectors")) {
            expander.not_linted(
                connectors.key_span,
                format!(
                    "the `Connectors` of `{}` are not expanded by zt-lint: the permissions they \
                     grant were not linted",
                    entry.key
                ),
            );
        }
        match sam
            .by_id
            .get(entry.key.as_str())
            .and_then(|&i| sam.list.get(i))
        {
            Some(resource) => expander.expand_resource(resource),
            None => expander.out.entries.push(entry.clone()),
        }
    }
    expander.implicit_apis();
    let mut template = doc.clone();
    let resources_span = doc.get("Resources").map_or(Span::NONE, |r| r.span);
    let resources_key_span = doc.entry("Resources").map_or(Span::NONE, |e| e.key_span);
    template.insert(
        "Resources".to_string(),
        resources_key_span,
        Node::new(Value::Map(expander.out), resources_span),
    );
    template.remove("Globals");
    Some(Expansion {
        template,
        not_linted: expander.not_linted,
    })
}

/// A SAM resource with its `Globals` merged into its properties.
struct SamResource<'a> {
    id: &'a str,
    id_span: Span,
    kind: &'a str,
    properties: Map,
    /// `Condition`, carried to every generated resource so it still decides whether they exist,
    /// and `Metadata`, where resource-level suppressions live (see [`Expander::emit`]).
    condition: Option<&'a Node>,
    metadata: Option<&'a Node>,
}

struct SamResources<'a> {
    list: Vec<SamResource<'a>>,
    by_id: HashMap<&'a str, usize>,
}

impl<'a> SamResources<'a> {
    fn read(declared: &'a Map, globals: Option<&Map>) -> SamResources<'a> {
        let mut list = Vec::new();
        let mut by_id = HashMap::new();
        for entry in &declared.entries {
            let Some(body) = entry.value.as_map() else {
                continue;
            };
            let Some(kind) = body.get("Type").and_then(Node::as_str) else {
                continue;
            };
            let Some(short) = kind.strip_prefix("AWS::Serverless::") else {
                continue;
            };
            let local = body.get("Properties").and_then(Node::as_map);
            let global = globals.and_then(|g| g.get(short)).and_then(Node::as_map);
            let properties = match (global, local) {
                (Some(g), Some(l)) => merge_maps(g, l, 0),
                (Some(g), None) => g.clone(),
                (None, Some(l)) => l.clone(),
                (None, None) => Map::default(),
            };
            by_id.insert(entry.key.as_str(), list.len());
            list.push(SamResource {
                id: &entry.key,
                id_span: entry.key_span,
                kind,
                properties,
                condition: body.get("Condition"),
                metadata: body.get("Metadata"),
            });
        }
        SamResources { list, by_id }
    }

    fn get(&self, id: &str) -> Option<&SamResource<'a>> {
        self.list.get(*self.by_id.get(id)?)
    }
}

/// SAM's `Globals` rule: maps merge key by key, lists are the global items followed by the
/// resource's, and any other value (an intrinsic function included) is the resource's.
fn merge(global: &Node, local: &Node, depth: usize) -> Node {
    if depth > MAX_MERGE_DEPTH {
        return local.clone();
    }
    match (&global.value, &local.value) {
        (Value::Map(g), Value::Map(l)) if !is_intrinsic(g) && !is_intrinsic(l) => {
            Node::new(Value::Map(merge_maps(g, l, depth + 1)), local.span)
        }
        (Value::List(g), Value::List(l)) => Node::new(
            Value::List(g.iter().chain(l).cloned().collect()),
            local.span,
        ),
        _ => local.clone(),
    }
}

fn merge_maps(global: &Map, local: &Map, depth: usize) -> Map {
    let mut out = global.clone();
    for e in &local.entries {
        let value = match out.get(&e.key) {
            Some(g) => merge(g, &e.value, depth),
            None => e.value.clone(),
        };
        out.insert(e.key.clone(), e.key_span, value);
    }
    out
}

fn is_intrinsic(map: &Map) -> bool {
    match map.entries.as_slice() {
        [only] => only.key == "Ref" || only.key == "Condition" || only.key.starts_with("Fn::"),
        _ => false,
    }
}

/// Builds the generated resources' nodes; every constructed key and value takes one span.
struct Build {
    span: Span,
}

impl Build {
    fn string(&self, text: &str) -> Node {
        Node::string(text, self.span)
    }

    fn list(&self, items: Vec<Node>) -> Node {
        Node::new(Value::List(items), self.span)
    }

    fn map(&self, entries: Vec<(&str, Node)>) -> Node {
        Node::new(
            Value::Map(Map {
                entries: entries
                    .into_iter()
                    .map(|(key, value)| Entry {
                        key: key.into(),
                        key_span: self.span,
                        value,
                    })
                    .collect(),
            }),
            self.span,
        )
    }

    fn reference(&self, id: &str) -> Node {
        self.map(vec![("Ref", self.string(id))])
    }

    fn get_att(&self, id: &str, attribute: &str) -> Node {
        self.map(vec![(
            "Fn::GetAtt",
            self.list(vec![self.string(id), self.string(attribute)]),
        )])
    }
}

/// The properties of a generated resource, in the order they are added.
#[derive(Default)]
struct Properties(Map);

impl Properties {
    /// Copies `from`'s property `key` under the same name, keeping its spans.
    fn copy(&mut self, from: &Map, key: &str) {
        self.copy_as(from, key, key);
    }

    fn copy_as(&mut self, from: &Map, key: &str, to: &str) {
        if let Some(e) = from.entry(key) {
            self.0.insert(to.to_string(), e.key_span, e.value.clone());
        }
    }

    fn set(&mut self, key: &str, key_span: Span, value: Node) {
        self.0.insert(key.to_string(), key_span, value);
    }
}

struct Expander<'s, 'a> {
    sam: &'s SamResources<'a>,
    /// The template's own resources, whose logical ids a generated resource must not take.
    declared: &'a Map,
    globals: Option<&'a Map>,
    out: Map,
    not_linted: Vec<NotLinted>,
    /// Where the first event that needs SAM's implicit REST / HTTP API is declared.
    implicit_rest: Option<Span>,
    implicit_http: Option<Span>,
}

const IMPLICIT_REST_API: &str = "ServerlessRestApi";
const IMPLICIT_HTTP_API: &str = "ServerlessHttpApi";

/// Properties of an implicit API that `Globals` does not configure.
static NO_PROPERTIES: Map = Map {
    entries: Vec::new(),
};

impl<'s> Expander<'s, '_> {
    /// Adds a generated resource. Its header is the SAM resource's logical id, so a suppression
    /// written there (comment or `Metadata`) covers everything SAM generates from it; the
    /// `Metadata` itself goes to the resource that keeps the logical id, so each suppression is
    /// read once.
    fn emit(&mut self, id: String, kind: &str, owner: &SamResource, props: Properties) {
        // Two resources with one logical id would be one address for two things: a generated
        // id the template already uses (`MyApiDomainName` declared beside `MyApi`) is reported
        // instead.
        let taken =
            (id != owner.id && self.declared.get(&id).is_some()) || self.out.get(&id).is_some();
        if taken {
            self.not_linted(
                owner.id_span,
                format!(
                    "the {kind} that `{}` creates would take the logical id `{id}`, which another \
                     resource has: it was not linted",
                    owner.id
                ),
            );
            return;
        }
        let b = Build {
            span: owner.id_span,
        };
        let mut body = vec![
            ("Type", b.string(kind)),
            ("Properties", Node::new(Value::Map(props.0), owner.id_span)),
        ];
        if let Some(condition) = owner.condition {
            body.push(("Condition", condition.clone()));
        }
        if let Some(metadata) = owner.metadata.filter(|_| id == owner.id) {
            body.push(("Metadata", metadata.clone()));
        }
        self.out.entries.push(Entry {
            key: id.into(),
            key_span: owner.id_span,
            value: b.map(body),
        });
    }

    fn not_linted(&mut self, span: Span, reason: String) {
        self.not_linted.push(NotLinted { span, reason });
    }

    fn expand_resource(&mut self, r: &SamResource) {
        match r.kind {
            "AWS::Serverless::Function" => self.function(r),
            "AWS::Serverless::Api" => self.rest_api(r.id, r.id_span, &r.properties, r),
            "AWS::Serverless::HttpApi" => self.http_api(r.id, r.id_span, &r.properties, r),
            "AWS::Serverless::SimpleTable" => self.simple_table(r),
            "AWS::Serverless::StateMachine" => self.state_machine(r),
            "AWS::Serverless::LayerVersion" => self.layer_version(r),
            "AWS::Serverless::Application"
                if r.properties
                    .get("Location")
                    .and_then(Node::as_str)
                    .is_some() =>
            {
                self.application(r)
            }
            other => self.not_linted(
                r.id_span,
                format!(
                    "`{}` ({other}) is not expanded by zt-lint's SAM support: the resources it \
                     creates were not linted",
                    r.id
                ),
            ),
        }
    }

    fn function(&mut self, r: &SamResource) {
        let p = &r.properties;
        let b = Build { span: r.id_span };
        let mut f = Properties::default();
        for key in [
            "Architectures",
            "CodeSigningConfigArn",
            "Description",
            "Environment",
            "EphemeralStorage",
            "FileSystemConfigs",
            "FunctionName",
            "Handler",
            "ImageConfig",
            "KmsKeyArn",
            "Layers",
            "LoggingConfig",
            "MemorySize",
            "PackageType",
            "RecursiveLoop",
            "ReservedConcurrentExecutions",
            "Runtime",
            "RuntimeManagementConfig",
            "SnapStart",
            "Timeout",
            "VpcConfig",
        ] {
            f.copy(p, key);
        }
        if let Some(e) = p.entry("InlineCode") {
            let code = Build { span: e.key_span };
            f.set(
                "Code",
                e.key_span,
                code.map(vec![("ZipFile", e.value.clone())]),
            );
        }
        if let Some(e) = p.entry("Tracing") {
            let t = Build { span: e.key_span };
            f.set(
                "TracingConfig",
                e.key_span,
                t.map(vec![("Mode", e.value.clone())]),
            );
        }
        if let Some(e) = p.entry("DeadLetterQueue")
            && let Some(target) = e.value.get("TargetArn")
        {
            let d = Build { span: e.key_span };
            f.set(
                "DeadLetterConfig",
                e.key_span,
                d.map(vec![("TargetArn", target.clone())]),
            );
        }
        if let Some(e) = p.entry("Tags") {
            f.set("Tags", e.key_span, tag_list(&e.value));
        }
        let generated_role = match p.entry("Role") {
            Some(e) => {
                f.set("Role", e.key_span, e.value.clone());
                None
            }
            None => {
                let role = format!("{}Role", r.id);
                f.set("Role", r.id_span, b.get_att(&role, "Arn"));
                let mut managed =
                    vec![b.string(
                        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                    )];
                // SAM adds these managed policies for the features that need them.
                if let Some(tracing) = p.get("Tracing") {
                    managed.push(Node::string(
                        "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess",
                        tracing.span,
                    ));
                }
                if let Some(vpc) = p.get("VpcConfig") {
                    managed.push(Node::string(
                        "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
                        vpc.span,
                    ));
                }
                Some((role, managed))
            }
        };
        // The function first: it keeps the logical id, and reports about the SAM resource as a
        // whole name it.
        self.emit(r.id.to_string(), "AWS::Lambda::Function", r, f);
        if let Some((role, managed)) = generated_role {
            self.execution_role(r, &role, "lambda.amazonaws.com", managed);
        }

        if let Some(url) = p.get("FunctionUrlConfig").and_then(Node::as_map) {
            let mut u = Properties::default();
            u.copy(url, "AuthType");
            u.copy(url, "Cors");
            u.copy(url, "InvokeMode");
            u.set("TargetFunctionArn", r.id_span, b.reference(r.id));
            self.emit(format!("{}Url", r.id), "AWS::Lambda::Url", r, u);
        }
        self.events(r);
    }

    fn state_machine(&mut self, r: &SamResource) {
        let p = &r.properties;
        let b = Build { span: r.id_span };
        let mut s = Properties::default();
        s.copy_as(p, "Name", "StateMachineName");
        s.copy_as(p, "Type", "StateMachineType");
        s.copy_as(p, "Logging", "LoggingConfiguration");
        s.copy_as(p, "Tracing", "TracingConfiguration");
        s.copy(p, "Definition");
        s.copy(p, "DefinitionSubstitutions");
        if p.get("DefinitionUri").is_some_and(|d| d.as_map().is_some()) {
            s.copy_as(p, "DefinitionUri", "DefinitionS3Location");
        }
        if let Some(e) = p.entry("Tags") {
            s.set("Tags", e.key_span, tag_list(&e.value));
        }
        let generated_role = match p.entry("Role") {
            Some(e) => {
                s.set("RoleArn", e.key_span, e.value.clone());
                None
            }
            None => {
                let role = format!("{}Role", r.id);
                s.set("RoleArn", r.id_span, b.get_att(&role, "Arn"));
                Some(role)
            }
        };
        self.emit(r.id.to_string(), "AWS::StepFunctions::StateMachine", r, s);
        if let Some(role) = generated_role {
            self.execution_role(r, &role, "states.amazonaws.com", Vec::new());
        }
        self.events(r);
    }

    /// The role SAM creates when none is given: trusted by the service, with the managed
    /// policies SAM always adds and the function's `Policies`.
    fn execution_role(
        &mut self,
        r: &SamResource,
        role: &str,
        service: &str,
        mut managed: Vec<Node>,
    ) {
        let p = &r.properties;
        let b = Build { span: r.id_span };
        let mut props = Properties::default();
        let trust = match p.get("AssumeRolePolicyDocument") {
            Some(doc) => doc.clone(),
            None => b.map(vec![
                ("Version", b.string("2012-10-17")),
                (
                    "Statement",
                    b.list(vec![b.map(vec![
                        ("Effect", b.string("Allow")),
                        ("Action", b.list(vec![b.string("sts:AssumeRole")])),
                        (
                            "Principal",
                            b.map(vec![("Service", b.list(vec![b.string(service)]))]),
                        ),
                    ])]),
                ),
            ]),
        };
        props.set("AssumeRolePolicyDocument", r.id_span, trust);
        let mut inline = Vec::new();
        if let Some(policies) = p.get("Policies") {
            for (index, policy) in policies.items().iter().enumerate() {
                let name = format!("{role}Policy{index}");
                self.policy(policy, &name, &mut managed, &mut inline);
            }
        }
        props.set("ManagedPolicyArns", r.id_span, b.list(managed));
        if !inline.is_empty() {
            let span = p.entry("Policies").map_or(r.id_span, |e| e.key_span);
            props.set("Policies", span, Node::new(Value::List(inline), span));
        }
        props.copy(p, "PermissionsBoundary");
        props.copy_as(p, "RolePath", "Path");
        self.emit(role.to_string(), "AWS::IAM::Role", r, props);
    }

    /// One element of `Policies`: an AWS managed policy name, a policy ARN, an inline policy
    /// document, a SAM policy template, or a condition choosing between them.
    fn policy(
        &mut self,
        policy: &Node,
        name: &str,
        managed: &mut Vec<Node>,
        inline: &mut Vec<Node>,
    ) {
        match classify_policy(policy, 0) {
            PolicyEntry::Managed(arn) => managed.push(arn),
            PolicyEntry::Document(document) => {
                let b = Build { span: policy.span };
                inline.push(b.map(vec![
                    ("PolicyName", b.string(name)),
                    ("PolicyDocument", document),
                ]));
            }
            PolicyEntry::Absent(_) => {}
            PolicyEntry::NotRead(span, reason) => self.not_linted(span, reason),
        }
    }

    /// `Events` of a function or state machine: the API routes they create.
    fn events(&mut self, r: &SamResource) {
        let Some(events) = r.properties.get("Events").and_then(Node::as_map) else {
            return;
        };
        for event in &events.entries {
            let Some(kind) = event.value.get("Type").and_then(Node::as_str) else {
                continue;
            };
            let empty = Map::default();
            let props = event
                .value
                .get("Properties")
                .and_then(Node::as_map)
                .unwrap_or(&empty);
            match kind {
                "Api" => self.rest_route(r, event, props),
                "HttpApi" => self.http_route(r, event, props),
                _ => {}
            }
        }
    }

    /// The API an event attaches to: an `AWS::Serverless::Api`/`HttpApi` of this template, or
    /// SAM's implicit API when none is named. `None` when the API is outside the template.
    fn event_api(
        &mut self,
        named: Option<&Node>,
        implicit: &'static str,
        event_span: Span,
    ) -> Option<(String, &'s Map)> {
        let Some(named) = named else {
            let (slot, section) = if implicit == IMPLICIT_REST_API {
                (&mut self.implicit_rest, "Api")
            } else {
                (&mut self.implicit_http, "HttpApi")
            };
            slot.get_or_insert(event_span);
            let globals: Option<&'s Map> = self.globals;
            let properties = globals
                .and_then(|g| g.get(section))
                .and_then(Node::as_map)
                .unwrap_or(&NO_PROPERTIES);
            return Some((implicit.to_string(), properties));
        };
        let id = named
            .get("Ref")
            .and_then(Node::as_str)
            .or_else(|| named.as_str())?;
        let sam: &'s SamResources = self.sam;
        let api = sam.get(id)?;
        Some((api.id.to_string(), &api.properties))
    }

    fn rest_route(&mut self, r: &SamResource, event: &Entry, props: &Map) {
        let api = self.event_api(props.get("RestApiId"), IMPLICIT_REST_API, event.key_span);
        let b = Build {
            span: event.key_span,
        };
        let mut m = Properties::default();
        if let Some(method) = props.entry("Method") {
            let verb = match method.value.as_str() {
                Some(v) if v.eq_ignore_ascii_case("any") => b.string("ANY"),
                Some(v) => Node::string(v.to_ascii_uppercase(), method.value.span),
                None => method.value.clone(),
            };
            m.set("HttpMethod", method.key_span, verb);
        }
        if let Some(path) = props.entry("Path") {
            m.set("ResourcePath", path.key_span, path.value.clone());
        }
        match &api {
            Some((id, _)) => m.set("RestApiId", event.key_span, b.reference(id)),
            None => m.copy(props, "RestApiId"),
        }
        // A route no authorizer covers is NONE; written out at the event, where it is decided.
        let auth = route_authorization(
            props,
            api.as_ref().map(|(_, p)| *p),
            Protocol::Rest,
            event.key_span,
        )
        .unwrap_or_else(|| Node::string("NONE", event.key_span));
        m.set("AuthorizationType", auth.span, auth);
        self.emit(
            format!("{}{}", r.id, event.key),
            "AWS::ApiGateway::Method",
            r,
            m,
        );
    }

    fn http_route(&mut self, r: &SamResource, event: &Entry, props: &Map) {
        let api = self.event_api(props.get("ApiId"), IMPLICIT_HTTP_API, event.key_span);
        let b = Build {
            span: event.key_span,
        };
        let mut route = Properties::default();
        let method = match props.get("Method").and_then(Node::as_str) {
            None => "ANY".to_string(),
            Some(m) if m.eq_ignore_ascii_case("any") => "ANY".to_string(),
            Some(m) => m.to_ascii_uppercase(),
        };
        // Without a path SAM attaches the function to the `$default` route.
        let key = match props.get("Path") {
            None => Some("$default".to_string()),
            Some(path) => path.as_str().map(|p| format!("{method} {p}")),
        };
        match key {
            Some(key) => route.set("RouteKey", event.key_span, b.string(&key)),
            None => route.set(
                "RouteKey",
                event.key_span,
                Node::unknown("route path not known statically", event.key_span),
            ),
        }
        match &api {
            Some((id, _)) => route.set("ApiId", event.key_span, b.reference(id)),
            None => route.copy(props, "ApiId"),
        }
        // A route no authorizer covers is NONE; written out at the event, where it is decided.
        let auth = route_authorization(
            props,
            api.as_ref().map(|(_, p)| *p),
            Protocol::Http,
            event.key_span,
        )
        .unwrap_or_else(|| Node::string("NONE", event.key_span));
        route.set("AuthorizationType", auth.span, auth);
        self.emit(
            format!("{}{}", r.id, event.key),
            "AWS::ApiGatewayV2::Route",
            r,
            route,
        );
    }

    /// `AWS::Serverless::Api` (or the implicit `ServerlessRestApi`): the REST API and its stage.
    fn rest_api(&mut self, id: &str, id_span: Span, p: &Map, owner: &SamResource) {
        let mut api = Properties::default();
        api.copy(p, "Name");
        api.copy(p, "BinaryMediaTypes");
        api.copy(p, "MinimumCompressionSize");
        api.copy(p, "DisableExecuteApiEndpoint");
        api.copy_as(p, "DefinitionBody", "Body");
        if let Some(e) = p.entry("EndpointConfiguration") {
            api.set(
                "EndpointConfiguration",
                e.key_span,
                endpoint_configuration(&e.value),
            );
        }
        self.emit(id.to_string(), "AWS::ApiGateway::RestApi", owner, api);
        self.openapi_not_linted(id, p);

        let b = Build { span: id_span };
        let mut stage = Properties::default();
        let stage_name = p.get("StageName").and_then(Node::as_str).unwrap_or("Prod");
        match p.entry("StageName") {
            Some(e) => stage.set("StageName", e.key_span, e.value.clone()),
            None => stage.set("StageName", id_span, b.string(stage_name)),
        }
        stage.set("RestApiId", id_span, b.reference(id));
        for key in [
            "AccessLogSetting",
            "MethodSettings",
            "TracingEnabled",
            "CacheClusterEnabled",
            "CacheClusterSize",
            "Variables",
            "CanarySetting",
        ] {
            stage.copy(p, key);
        }
        let stage_id = format!("{id}{}Stage", alphanumeric(stage_name));
        self.emit(stage_id, "AWS::ApiGateway::Stage", owner, stage);
        if let Some(domain) = p.get("Domain") {
            self.rest_domain(id, domain, owner);
        }
    }

    /// A REST API's `Domain`: the custom domain name SAM creates, whose `SecurityPolicy` decides
    /// which TLS versions clients may use (base path mappings and Route 53 records hold nothing
    /// a rule asks about). SAM names it `ApiGatewayDomainName` and a hash of the domain; the
    /// id here is readable and unique per API.
    fn rest_domain(&mut self, api: &str, domain: &Node, owner: &SamResource) {
        let Some(d) = domain.as_map().filter(|m| !is_intrinsic(m)) else {
            self.not_linted(
                domain.span,
                format!("the `Domain` of `{api}` is not written out, so its custom domain name was not linted"),
            );
            return;
        };
        let mut name = Properties::default();
        name.copy(d, "DomainName");
        name.copy(d, "SecurityPolicy");
        name.copy(d, "MutualTlsAuthentication");
        name.copy(d, "OwnershipVerificationCertificateArn");
        // `EndpointConfiguration` is the endpoint type alone, REGIONAL by default. It decides
        // where `CertificateArn` goes, and a PRIVATE API's domain is a `DomainNameV2` (SAM
        // DomainConfiguration). A type not known statically still names a domain name with
        // this security policy, which is what is judged.
        let endpoint = d.entry("EndpointConfiguration");
        let endpoint_type = endpoint.map_or(Some("REGIONAL"), |e| e.value.as_str());
        if let Some(e) = endpoint {
            let types = Build { span: e.value.span }.list(vec![e.value.clone()]);
            let b = Build { span: e.value.span };
            name.set(
                "EndpointConfiguration",
                e.key_span,
                b.map(vec![("Types", types)]),
            );
        }
        let certificate_key = match endpoint_type {
            Some("EDGE") | Some("PRIVATE") => Some("CertificateArn"),
            Some("REGIONAL") => Some("RegionalCertificateArn"),
            _ => None,
        };
        if let Some(key) = certificate_key {
            name.copy_as(d, "CertificateArn", key);
        }
        let kind = if endpoint_type == Some("PRIVATE") {
            "AWS::ApiGateway::DomainNameV2"
        } else {
            "AWS::ApiGateway::DomainName"
        };
        self.emit(format!("{api}DomainName"), kind, owner, name);
    }

    /// `AWS::Serverless::HttpApi` (or the implicit `ServerlessHttpApi`): the API and its stage.
    fn http_api(&mut self, id: &str, id_span: Span, p: &Map, owner: &SamResource) {
        let b = Build { span: id_span };
        let mut api = Properties::default();
        api.copy(p, "Name");
        api.copy(p, "DisableExecuteApiEndpoint");
        api.copy_as(p, "DefinitionBody", "Body");
        api.set("ProtocolType", id_span, b.string("HTTP"));
        self.emit(id.to_string(), "AWS::ApiGatewayV2::Api", owner, api);
        self.openapi_not_linted(id, p);
        // SAM makes an `AWS::ApiGatewayV2::DomainName` of it, whose `SecurityPolicy` decides
        // the TLS versions clients may use; it is not generated here yet, so it is said.
        if let Some(e) = p.entry("Domain") {
            self.not_linted(
                e.key_span,
                format!("the `Domain` of `{id}`: an HTTP API's custom domain is not read yet"),
            );
        }

        let mut stage = Properties::default();
        let stage_id = match p.entry("StageName") {
            Some(e) => {
                stage.set("StageName", e.key_span, e.value.clone());
                format!(
                    "{id}{}Stage",
                    alphanumeric(e.value.as_str().unwrap_or_default())
                )
            }
            None => {
                stage.set("StageName", id_span, b.string("$default"));
                format!("{id}ApiGatewayDefaultStage")
            }
        };
        stage.set("ApiId", id_span, b.reference(id));
        for key in [
            "AccessLogSettings",
            "DefaultRouteSettings",
            "RouteSettings",
            "StageVariables",
        ] {
            stage.copy(p, key);
        }
        self.emit(stage_id, "AWS::ApiGatewayV2::Stage", owner, stage);
    }

    /// Routes written in an API's OpenAPI definition are not read (only those of function
    /// events are): say so, where the definition is given.
    fn openapi_not_linted(&mut self, id: &str, p: &Map) {
        for key in ["DefinitionBody", "DefinitionUri"] {
            if let Some(e) = p.entry(key) {
                self.not_linted(
                    e.key_span,
                    format!(
                        "the routes in `{id}`'s OpenAPI definition (`{key}`) were not linted; \
                         only the routes of function events were"
                    ),
                );
            }
        }
    }

    /// SAM's implicit APIs, created for events that name no API, configured by `Globals`.
    fn implicit_apis(&mut self) {
        let globals = self.globals;
        let section = |name: &str| {
            globals
                .and_then(|g| g.get(name))
                .and_then(Node::as_map)
                .cloned()
                .unwrap_or_default()
        };
        if let Some(span) = self.implicit_rest {
            let p = section("Api");
            let owner = implicit_owner(IMPLICIT_REST_API, span);
            self.rest_api(IMPLICIT_REST_API, span, &p, &owner);
        }
        if let Some(span) = self.implicit_http {
            let p = section("HttpApi");
            let owner = implicit_owner(IMPLICIT_HTTP_API, span);
            self.http_api(IMPLICIT_HTTP_API, span, &p, &owner);
        }
    }

    fn simple_table(&mut self, r: &SamResource) {
        let p = &r.properties;
        let b = Build { span: r.id_span };
        let mut t = Properties::default();
        t.copy(p, "TableName");
        t.copy(p, "SSESpecification");
        t.copy(p, "ProvisionedThroughput");
        if p.get("ProvisionedThroughput").is_none() {
            t.set("BillingMode", r.id_span, b.string("PAY_PER_REQUEST"));
        }
        if let Some(e) = p.entry("Tags") {
            t.set("Tags", e.key_span, tag_list(&e.value));
        }
        self.emit(r.id.to_string(), "AWS::DynamoDB::Table", r, t);
    }

    fn layer_version(&mut self, r: &SamResource) {
        let p = &r.properties;
        let mut l = Properties::default();
        for key in [
            "LayerName",
            "Description",
            "CompatibleRuntimes",
            "CompatibleArchitectures",
            "LicenseInfo",
        ] {
            l.copy(p, key);
        }
        // SAM appends a content hash to the logical id; `!Ref Layer` still names this resource.
        self.emit(r.id.to_string(), "AWS::Lambda::LayerVersion", r, l);
    }

    /// An application whose `Location` is a template path or URL (not a Serverless Application
    /// Repository application): SAM deploys it as a nested stack of that template, which
    /// `sam package` uploads, with the parameters given here.
    fn application(&mut self, r: &SamResource) {
        let p = &r.properties;
        let mut s = Properties::default();
        s.copy_as(p, "Location", "TemplateURL");
        // SAM's `Tags` is a map, the stack's a list of pairs: left out, no rule reads them.
        for key in ["Parameters", "NotificationARNs", "TimeoutInMinutes"] {
            s.copy(p, key);
        }
        self.emit(r.id.to_string(), super::NESTED_STACK, r, s);
    }
}

/// The owner of an implicit API: no SAM resource declares it, so no condition or metadata.
fn implicit_owner(id: &'static str, span: Span) -> SamResource<'static> {
    SamResource {
        id,
        id_span: span,
        kind: "",
        properties: Map::default(),
        condition: None,
        metadata: None,
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Protocol {
    Rest,
    Http,
}

/// The authorization of a route, as API Gateway records it: the event's `Auth.Authorizer`,
/// else the API's `Auth.DefaultAuthorizer`. `None` when neither is set, which is `NONE`. When
/// the API has an OpenAPI definition, that definition may secure the route: unknown.
fn route_authorization(
    event: &Map,
    api: Option<&Map>,
    protocol: Protocol,
    event_span: Span,
) -> Option<Node> {
    let Some(api) = api else {
        return Some(Node::unknown(
            "the route's API is not declared in this template",
            event_span,
        ));
    };
    let chosen = event
        .get("Auth")
        .and_then(|a| a.get("Authorizer"))
        .or_else(|| api.get("Auth").and_then(|a| a.get("DefaultAuthorizer")));
    let Some(chosen) = chosen else {
        if api.get("DefinitionBody").is_some() || api.get("DefinitionUri").is_some() {
            return Some(Node::unknown(
                "the API's OpenAPI definition may secure this route",
                event_span,
            ));
        }
        return None;
    };
    let Some(name) = chosen.as_str() else {
        return Some(Node::unknown(
            "authorizer not known statically",
            chosen.span,
        ));
    };
    let kind = match name {
        "NONE" => "NONE",
        "AWS_IAM" => "AWS_IAM",
        _ => {
            let authorizer = api
                .get("Auth")
                .and_then(|a| a.get("Authorizers"))
                .and_then(|a| a.get(name));
            match (protocol, authorizer) {
                (_, None) => {
                    return Some(Node::unknown(
                        format!("authorizer `{name}` is not declared on the API"),
                        chosen.span,
                    ));
                }
                (Protocol::Rest, Some(a)) if a.get("UserPoolArn").is_some() => "COGNITO_USER_POOLS",
                (Protocol::Http, Some(a)) if a.get("JwtConfiguration").is_some() => "JWT",
                (_, Some(_)) => "CUSTOM",
            }
        }
    };
    Some(Node::string(kind, chosen.span))
}

/// SAM's `EndpointConfiguration` (a type string, or `{Type, VPCEndpointIds}`) as the REST
/// API's `{Types, VpcEndpointIds}`.
fn endpoint_configuration(value: &Node) -> Node {
    let b = Build { span: value.span };
    match &value.value {
        Value::Map(m) if !is_intrinsic(m) => {
            let mut entries = Vec::new();
            if let Some(t) = m.get("Type") {
                entries.push(("Types", b.list(vec![t.clone()])));
            }
            if let Some(ids) = m.get("VPCEndpointIds") {
                entries.push(("VpcEndpointIds", ids.clone()));
            }
            b.map(entries)
        }
        _ => b.map(vec![("Types", b.list(vec![value.clone()]))]),
    }
}

/// What one `Policies` element attaches to the role.
enum PolicyEntry {
    /// A managed policy ARN (or a value that is one at deployment).
    Managed(Node),
    /// A policy document to attach inline.
    Document(Node),
    /// `!Ref AWS::NoValue`: nothing, kept as written for a condition's branch.
    Absent(Node),
    NotRead(Span, String),
}

/// Conditions nest rarely; the bound keeps a hostile template from recursing without end.
const MAX_POLICY_CONDITION_DEPTH: usize = 8;

fn classify_policy(policy: &Node, depth: usize) -> PolicyEntry {
    let map = match &policy.value {
        Value::String(s) => {
            return PolicyEntry::Managed(Node::string(managed_policy_arn(s), policy.span));
        }
        Value::Map(map) => map,
        _ => {
            return PolicyEntry::NotRead(
                policy.span,
                "a SAM `Policies` entry of an unexpected form was not linted".to_string(),
            );
        }
    };
    if map.get("Statement").is_some() {
        return PolicyEntry::Document(policy.clone());
    }
    let [only] = map.entries.as_slice() else {
        return PolicyEntry::NotRead(
            policy.span,
            "a SAM `Policies` entry that is neither a policy document nor a policy template \
             was not linted"
                .to_string(),
        );
    };
    match only.key.as_str() {
        "Fn::If" => conditional_policy(policy, &only.value, depth),
        "Ref" if only.value.as_str() == Some("AWS::NoValue") => PolicyEntry::Absent(policy.clone()),
        // `!Ref ManagedPolicy`, `!Sub arn:...`: an ARN known at deployment.
        key if key == "Ref" || key.starts_with("Fn::") => PolicyEntry::Managed(policy.clone()),
        key => match policy_templates::find(key) {
            Some(template) => PolicyEntry::Document(template_document(template, only)),
            None => PolicyEntry::NotRead(
                only.key_span,
                format!(
                    "SAM policy template `{key}` is not expanded by zt-lint: the permissions it \
                     grants were not linted"
                ),
            ),
        },
    }
}

/// `!If [Condition, A, B]` over two policy entries of the same kind stays a condition over
/// their expansions, which the intrinsic evaluator decides or leaves unknown.
fn conditional_policy(policy: &Node, arguments: &Node, depth: usize) -> PolicyEntry {
    let not_read = |why: &str| PolicyEntry::NotRead(policy.span, why.to_string());
    if depth >= MAX_POLICY_CONDITION_DEPTH {
        return not_read("a SAM `Policies` condition nested too deep was not linted");
    }
    let [condition, yes, no] = arguments.items() else {
        return not_read("a malformed `Fn::If` in SAM `Policies` was not linted");
    };
    let b = Build { span: policy.span };
    let choose = |yes: Node, no: Node| {
        b.map(vec![(
            "Fn::If",
            Node::new(
                Value::List(vec![condition.clone(), yes, no]),
                arguments.span,
            ),
        )])
    };
    use PolicyEntry::*;
    match (
        classify_policy(yes, depth + 1),
        classify_policy(no, depth + 1),
    ) {
        (NotRead(span, why), _) | (_, NotRead(span, why)) => NotRead(span, why),
        (Absent(_), Absent(_)) => Absent(policy.clone()),
        (Managed(y) | Absent(y), Managed(n) | Absent(n)) => Managed(choose(y, n)),
        (Document(y) | Absent(y), Document(n) | Absent(n)) => Document(choose(y, n)),
        _ => not_read(
            "a SAM `Policies` condition choosing between a managed policy and a policy document \
             was not linted",
        ),
    }
}

/// SAM tags (a map) as CloudFormation's list of `{Key, Value}`.
fn tag_list(tags: &Node) -> Node {
    let Some(map) = tags.as_map().filter(|m| !is_intrinsic(m)) else {
        return tags.clone();
    };
    let items = map
        .entries
        .iter()
        .map(|e| {
            let b = Build { span: e.key_span };
            b.map(vec![("Key", b.string(&e.key)), ("Value", e.value.clone())])
        })
        .collect();
    Node::new(Value::List(items), tags.span)
}

/// AWS managed policies that live under `service-role/`; SAM resolves names to ARNs with
/// their path, and the admin-class policies rules look for live at the root.
const SERVICE_ROLE_POLICIES: &[&str] = &[
    "AWSLambdaBasicExecutionRole",
    "AWSLambdaVPCAccessExecutionRole",
    "AWSLambdaDynamoDBExecutionRole",
    "AWSLambdaKinesisExecutionRole",
    "AWSLambdaSQSQueueExecutionRole",
    "AWSLambdaMSKExecutionRole",
    "AWSLambdaENIManagementAccess",
    "AWSLambdaRole",
];

/// AWS managed policies for job functions, under `job-function/`.
const JOB_FUNCTION_POLICIES: &[&str] = &[
    "Billing",
    "DataScientist",
    "DatabaseAdministrator",
    "NetworkAdministrator",
    "SupportUser",
    "SystemAdministrator",
    "ViewOnlyAccess",
];

/// A `Policies` string: an ARN as written, or the name of an AWS managed policy.
fn managed_policy_arn(name: &str) -> String {
    if name.starts_with("arn:") {
        name.to_string()
    } else if SERVICE_ROLE_POLICIES.contains(&name) {
        format!("arn:aws:iam::aws:policy/service-role/{name}")
    } else if JOB_FUNCTION_POLICIES.contains(&name) {
        format!("arn:aws:iam::aws:policy/job-function/{name}")
    } else {
        format!("arn:aws:iam::aws:policy/{name}")
    }
}

/// A policy template's statements with the user's parameters substituted (`Fn::Sub` with the
/// parameters as its variables, so `!Ref Bucket` stays a reference to the bucket).
fn template_document(template: &policy_templates::PolicyTemplate, used: &Entry) -> Node {
    let b = Build {
        span: used.key_span,
    };
    let parameters = used
        .value
        .as_map()
        .filter(|m| !is_intrinsic(m))
        .cloned()
        .unwrap_or_default();
    let statements = template
        .statements
        .iter()
        .map(|s| {
            let resources = s
                .resources
                .iter()
                .map(|r| {
                    if r.contains("${") {
                        b.map(vec![(
                            "Fn::Sub",
                            b.list(vec![
                                b.string(r),
                                Node::new(Value::Map(parameters.clone()), used.value.span),
                            ]),
                        )])
                    } else {
                        b.string(r)
                    }
                })
                .collect();
            b.map(vec![
                ("Effect", b.string("Allow")),
                (
                    "Action",
                    b.list(s.actions.iter().map(|a| b.string(a)).collect()),
                ),
                ("Resource", b.list(resources)),
            ])
        })
        .collect();
    b.map(vec![
        ("Version", b.string("2012-10-17")),
        ("Statement", b.list(statements)),
    ])
}

/// Logical ids are alphanumeric: SAM drops other characters of a stage name.
fn alphanumeric(text: &str) -> String {
    text.chars().filter(char::is_ascii_alphanumeric).collect()
}

#[cfg(test)]
mod tests;
