use super::*;
use crate::graph::parse::yaml;
use crate::graph::{Model, Resource};
use crate::load::cloudformation::load;
use crate::source::FileId;

fn model(text: &str) -> Model {
    let root = yaml::parse(text, FileId(0)).unwrap();
    load(&root, FileId(0), &crate::aws::naming::NAMING).unwrap()
}

fn resource<'m>(m: &'m Model, address: &str) -> &'m Resource {
    m.resources
        .iter()
        .find(|r| r.address == address)
        .unwrap_or_else(|| panic!("no {address} in {:?}", addresses(m)))
}

fn addresses(m: &Model) -> Vec<&str> {
    m.resources.iter().map(|r| r.address.as_str()).collect()
}

fn at(text: &str, node: &Node) -> String {
    text[node.span.start as usize..node.span.end as usize].to_string()
}

#[test]
fn only_templates_with_the_transform_are_expanded() {
    let text = "Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]\nResources: {}\n";
    let root = yaml::parse(text, FileId(0)).unwrap();
    assert!(is_sam(root.as_map().unwrap()));
    let text = "Transform: AWS::Include\nResources: {}\n";
    let root = yaml::parse(text, FileId(0)).unwrap();
    assert!(expand(root.as_map().unwrap()).is_none());
}

#[test]
fn globals_merge_maps_append_lists_and_let_the_resource_win() {
    let text = r#"
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
    Timeout: 10
    Layers: [global-layer]
    Environment:
      Variables:
        SHARED: "1"
        MODE: global
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Timeout: 30
      Layers: [local-layer]
      Environment:
        Variables:
          MODE: local
      Role: !Sub "arn:aws:iam::${AWS::AccountId}:role/x"
"#;
    let m = model(text);
    let f = resource(&m, "Fn");
    assert_eq!(f.kind, "AWS::Lambda::Function");
    assert_eq!(f.get("Runtime").unwrap().as_str(), Some("python3.12"));
    assert_eq!(f.get("Timeout").unwrap().as_i64(), Some(30));
    let layers: Vec<_> = f
        .get("Layers")
        .unwrap()
        .items()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert_eq!(layers, ["global-layer", "local-layer"]);
    let vars = f.get("Environment").unwrap().get("Variables").unwrap();
    assert_eq!(vars.get("SHARED").unwrap().as_str(), Some("1"));
    assert_eq!(vars.get("MODE").unwrap().as_str(), Some("local"));
    // The value keeps the span of the line that set it.
    assert_eq!(at(text, vars.get("MODE").unwrap()), "local");
    // A given `Role` means SAM creates none.
    assert!(!addresses(&m).contains(&"FnRole"));
}

#[test]
fn a_function_gets_its_execution_role_with_policies() {
    let text = r#"
Transform: AWS::Serverless-2016-10-31
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Tracing: Active
      Policies:
        - AdministratorAccess
        - arn:aws:iam::123456789012:policy/custom
        - S3CrudPolicy:
            BucketName: my-bucket
        - SQSPollerPolicy:
            QueueName: !GetAtt Queue.QueueName
        - Statement:
            - Effect: Allow
              Action: "s3:*"
              Resource: "*"
        - SomeFuturePolicy: {}
"#;
    let m = model(text);
    let f = resource(&m, "Fn");
    let role = f.get("Role").unwrap().as_reference().unwrap();
    assert_eq!(
        (role.address.as_str(), role.attribute.as_deref()),
        ("FnRole", Some("Arn"))
    );
    let role = resource(&m, "FnRole");
    assert_eq!(role.kind, "AWS::IAM::Role");
    let managed: Vec<_> = role
        .get("ManagedPolicyArns")
        .unwrap()
        .items()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert_eq!(
        managed,
        [
            "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
            "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess",
            "arn:aws:iam::aws:policy/AdministratorAccess",
            "arn:aws:iam::123456789012:policy/custom",
        ]
    );
    let admin = &role.get("ManagedPolicyArns").unwrap().items()[2];
    assert_eq!(at(text, admin), "AdministratorAccess");
    let trust = role.get("AssumeRolePolicyDocument").unwrap();
    let service = trust.get("Statement").unwrap().items()[0]
        .path(&["Principal", "Service"])
        .unwrap();
    assert_eq!(service.items()[0].as_str(), Some("lambda.amazonaws.com"));

    let inline = role.get("Policies").unwrap().items();
    assert_eq!(inline.len(), 3);
    assert_eq!(
        inline[0].get("PolicyName").unwrap().as_str(),
        Some("FnRolePolicy2")
    );
    let crud = inline[0]
        .path(&["PolicyDocument", "Statement"])
        .unwrap()
        .items();
    let resources: Vec<_> = crud[0]
        .get("Resource")
        .unwrap()
        .items()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert_eq!(
        resources,
        ["arn:aws:s3:::my-bucket", "arn:aws:s3:::my-bucket/*"]
    );
    // A template's statements point at the template where it is used.
    assert_eq!(at(text, &crud[0]), "S3CrudPolicy");
    // A parameter known only at deployment leaves the resource unknown, not `*`.
    let poller = inline[1]
        .path(&["PolicyDocument", "Statement"])
        .unwrap()
        .items();
    assert!(poller[0].get("Resource").unwrap().items()[0].is_unknown());
    let own = inline[2]
        .path(&["PolicyDocument", "Statement"])
        .unwrap()
        .items();
    assert_eq!(at(text, own[0].get("Action").unwrap()), "\"s3:*\"");

    assert_eq!(m.not_linted.len(), 1);
    assert!(m.not_linted[0].reason.contains("SomeFuturePolicy"));
    assert_eq!(
        at(text, &Node::new(Value::Null, m.not_linted[0].span)),
        "SomeFuturePolicy"
    );
}

#[test]
fn function_urls_and_api_events_become_endpoints() {
    let text = r#"
Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    AccessLogSetting:
      DestinationArn: arn:aws:logs:eu-west-1:123456789012:log-group:api
Resources:
  Authed:
    Type: AWS::Serverless::Api
    Properties:
      StageName: live
      Auth:
        DefaultAuthorizer: Users
        Authorizers:
          Users:
            UserPoolArn: arn:aws:cognito-idp:eu-west-1:123456789012:userpool/x
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      FunctionUrlConfig:
        AuthType: NONE
      Events:
        Open:
          Type: Api
          Properties: {Path: /open, Method: get}
        Guarded:
          Type: Api
          Properties: {Path: /g, Method: post, RestApiId: !Ref Authed}
        Opted:
          Type: Api
          Properties:
            Path: /o
            Method: get
            RestApiId: !Ref Authed
            Auth: {Authorizer: NONE}
        Http:
          Type: HttpApi
"#;
    let m = model(text);
    let url = resource(&m, "FnUrl");
    assert_eq!(url.kind, "AWS::Lambda::Url");
    assert_eq!(at(text, url.get("AuthType").unwrap()), "NONE");

    let open = resource(&m, "FnOpen");
    assert_eq!(open.kind, "AWS::ApiGateway::Method");
    // No authorizer: NONE, located at the event; the header is the function's logical id,
    // where suppressions of everything generated from it are written.
    let auth = open.get("AuthorizationType").unwrap();
    assert_eq!(
        (auth.as_str(), at(text, auth).as_str()),
        (Some("NONE"), "Open")
    );
    assert_eq!(open.get("HttpMethod").unwrap().as_str(), Some("GET"));
    assert_eq!(at(text, &Node::new(Value::Null, open.span)), "Fn");
    let api = m.resolve(open.get("RestApiId").unwrap()).unwrap();
    assert_eq!(m.resources[api.0].address, "ServerlessRestApi");
    let stage = resource(&m, "ServerlessRestApiProdStage");
    assert!(stage.get("AccessLogSetting").is_some());

    let guarded = resource(&m, "FnGuarded");
    assert_eq!(
        guarded.get("AuthorizationType").unwrap().as_str(),
        Some("COGNITO_USER_POOLS")
    );
    let opted = resource(&m, "FnOpted");
    assert_eq!(at(text, opted.get("AuthorizationType").unwrap()), "NONE");
    assert_eq!(
        resource(&m, "AuthedliveStage").kind,
        "AWS::ApiGateway::Stage"
    );

    let http = resource(&m, "FnHttp");
    assert_eq!(http.kind, "AWS::ApiGatewayV2::Route");
    assert_eq!(http.get("RouteKey").unwrap().as_str(), Some("$default"));
    let api = resource(&m, "ServerlessHttpApi");
    assert_eq!(api.get("ProtocolType").unwrap().as_str(), Some("HTTP"));
    assert!(addresses(&m).contains(&"ServerlessHttpApiApiGatewayDefaultStage"));
}

#[test]
fn an_openapi_definition_leaves_route_authorization_unknown() {
    let text = r#"
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      DefinitionUri: ./api.yaml
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Get:
          Type: HttpApi
          Properties: {ApiId: !Ref Api, Path: /x, Method: GET}
"#;
    let m = model(text);
    assert_eq!(m.not_linted.len(), 1);
    assert_eq!(
        at(text, &Node::new(Value::Null, m.not_linted[0].span)),
        "DefinitionUri"
    );
    let route = resource(&m, "FnGet");
    assert_eq!(route.get("RouteKey").unwrap().as_str(), Some("GET /x"));
    assert!(route.get("AuthorizationType").unwrap().is_unknown());
}

#[test]
fn tables_state_machines_and_layers_expand_and_other_types_are_reported() {
    let text = r#"
Transform: AWS::Serverless-2016-10-31
Resources:
  Table:
    Type: AWS::Serverless::SimpleTable
    Condition: Never
    Properties:
      SSESpecification: {SSEEnabled: true}
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties:
      Policies: [AWSLambdaRole]
  Layer:
    Type: AWS::Serverless::LayerVersion
    Properties: {LayerName: shared}
  App:
    Type: AWS::Serverless::Application
    Properties: {Location: ./app.yaml, Parameters: {Stage: prod}}
  Sar:
    Type: AWS::Serverless::Application
    Properties: {Location: {ApplicationId: arn:aws:serverlessrepo:us-east-1:123456789012:applications/x, SemanticVersion: 1.0.0}}
  Queue:
    Type: AWS::SQS::Queue
    Connectors:
      ToMachine:
        Properties:
          Destination: {Id: Machine}
          Permissions: [Write]
Conditions:
  Never: !Equals [a, b]
"#;
    let m = model(text);
    // The table's condition carries over: it is never created.
    assert!(!addresses(&m).contains(&"Table"));
    let role = resource(&m, "MachineRole");
    assert_eq!(
        role.get("ManagedPolicyArns").unwrap().items()[0].as_str(),
        Some("arn:aws:iam::aws:policy/service-role/AWSLambdaRole")
    );
    assert_eq!(
        resource(&m, "Machine").kind,
        "AWS::StepFunctions::StateMachine"
    );
    assert_eq!(resource(&m, "Layer").kind, "AWS::Lambda::LayerVersion");
    // An application from a template file is the nested stack SAM deploys it as, with its
    // parameters; one from the Serverless Application Repository is not linted.
    let app = resource(&m, "App");
    assert_eq!(app.kind, "AWS::CloudFormation::Stack");
    assert_eq!(
        app.get("TemplateURL").and_then(Node::as_str),
        Some("./app.yaml")
    );
    assert_eq!(
        app.get("Parameters")
            .and_then(|p| p.get("Stage"))
            .and_then(Node::as_str),
        Some("prod")
    );
    assert!(!addresses(&m).contains(&"Sar"));
    let mut not_linted: Vec<_> = m
        .not_linted
        .iter()
        .map(|n| at(text, &Node::new(Value::Null, n.span)))
        .collect();
    not_linted.sort();
    assert_eq!(not_linted, ["./app.yaml", "Connectors", "Sar"]);
}

#[test]
fn a_simple_table_is_a_dynamodb_table() {
    let text = "Transform: AWS::Serverless-2016-10-31\nResources:\n  T:\n    Type: AWS::Serverless::SimpleTable\n    Properties:\n      SSESpecification: {SSEEnabled: true, KMSMasterKeyId: alias/mine}\n";
    let m = model(text);
    let t = resource(&m, "T");
    assert_eq!(t.kind, "AWS::DynamoDB::Table");
    assert_eq!(
        t.get("SSESpecification")
            .and_then(|s| s.get("KMSMasterKeyId"))
            .and_then(Node::as_str),
        Some("alias/mine")
    );
}

#[test]
fn conditional_policies_stay_conditions_over_their_expansions() {
    let text = r#"
Transform: AWS::Serverless-2016-10-31
Parameters:
  Admin: {Type: String, Default: "no"}
Conditions:
  IsAdmin: !Equals [!Ref Admin, "yes"]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - !If [IsAdmin, AdministratorAccess, !Ref AWS::NoValue]
        - !If [IsAdmin, !Ref AWS::NoValue, ReadOnlyAccess]
        - !If
          - IsAdmin
          - {Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}
          - S3ReadPolicy: {BucketName: logs}
        - !If [IsAdmin, PowerUserAccess, {Statement: []}]
"#;
    let m = model(text);
    let role = resource(&m, "FnRole");
    let managed: Vec<_> = role
        .get("ManagedPolicyArns")
        .unwrap()
        .items()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert_eq!(
        managed,
        [
            "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
            "arn:aws:iam::aws:policy/ReadOnlyAccess",
        ]
    );
    let inline = role.get("Policies").unwrap().items();
    assert_eq!(inline.len(), 1);
    let statement = &inline[0]
        .path(&["PolicyDocument", "Statement"])
        .unwrap()
        .items()[0];
    assert_eq!(at(text, statement), "S3ReadPolicy");
    // A condition choosing between a managed policy and a document is reported, not guessed.
    assert_eq!(m.not_linted.len(), 1);
    assert!(m.not_linted[0].reason.contains("condition"));
}

#[test]
fn an_api_domain_becomes_a_domain_name_of_its_endpoint_type() {
    let text = r#"
Transform: AWS::Serverless-2016-10-31
Resources:
  Regional:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Domain: {DomainName: a.example.com, CertificateArn: arn:cert, SecurityPolicy: TLS_1_0}
  Edge:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Domain: {DomainName: b.example.com, CertificateArn: arn:cert, EndpointConfiguration: EDGE}
  Private:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Domain: {DomainName: c.example.com, CertificateArn: arn:cert, EndpointConfiguration: PRIVATE}
  Hidden:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Domain: !If [HasDomain, {DomainName: d.example.com}, !Ref AWS::NoValue]
Conditions:
  HasDomain: !Equals [a, b]
"#;
    let m = model(text);
    let regional = resource(&m, "RegionalDomainName");
    assert_eq!(regional.kind, "AWS::ApiGateway::DomainName");
    assert_eq!(
        regional.get("SecurityPolicy").map(|n| at(text, n)),
        Some("TLS_1_0".to_string())
    );
    // REGIONAL, the default, takes the certificate as the regional one; EDGE as the edge one.
    assert!(regional.get("RegionalCertificateArn").is_some());
    assert!(regional.get("CertificateArn").is_none());
    let edge = resource(&m, "EdgeDomainName");
    assert!(edge.get("CertificateArn").is_some());
    assert_eq!(
        edge.get("EndpointConfiguration")
            .and_then(|e| e.get("Types"))
            .map(|t| t.items().len()),
        Some(1)
    );
    assert_eq!(
        resource(&m, "PrivateDomainName").kind,
        "AWS::ApiGateway::DomainNameV2"
    );
    // A domain chosen by a condition is not expanded: said so, not skipped.
    assert!(!addresses(&m).contains(&"HiddenDomainName"));
    assert!(m.not_linted.iter().any(|n| n.reason.contains("`Hidden`")));
}

#[test]
fn a_generated_id_the_template_uses_is_reported_not_duplicated() {
    let text = r#"
Transform: AWS::Serverless-2016-10-31
Resources:
  MyApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Domain: {DomainName: a.example.com, CertificateArn: arn:cert, SecurityPolicy: TLS_1_0}
  MyApiDomainName:
    Type: AWS::SNS::Topic
"#;
    let m = model(text);
    let named: Vec<_> = addresses(&m)
        .into_iter()
        .filter(|a| *a == "MyApiDomainName")
        .collect();
    assert_eq!(named.len(), 1, "one resource per address");
    assert_eq!(resource(&m, "MyApiDomainName").kind, "AWS::SNS::Topic");
    assert!(
        m.not_linted
            .iter()
            .any(|n| n.reason.contains("`MyApiDomainName`") && n.reason.contains("`MyApi`"))
    );
}

#[test]
fn an_http_api_domain_is_reported_not_linted_at_its_key() {
    let text = r#"
Transform: AWS::Serverless-2016-10-31
Globals:
  HttpApi:
    Domain: {DomainName: g.example.com, CertificateArn: arn:cert}
Resources:
  Web:
    Type: AWS::Serverless::HttpApi
    Properties:
      Domain: {DomainName: h.example.com, CertificateArn: arn:cert, SecurityPolicy: TLS_1_2}
  Plain:
    Type: AWS::Serverless::HttpApi
"#;
    let m = model(text);
    let mut reported: Vec<(String, bool)> = m
        .not_linted
        .iter()
        .map(|n| {
            (
                at(text, &Node::new(Value::Null, n.span)),
                n.reason.contains("custom domain is not read yet"),
            )
        })
        .collect();
    reported.sort();
    // Each API's `Domain` is said once, at its key: `Web`'s own (merged with the global one),
    // and the global one that `Plain` inherits.
    assert_eq!(
        reported,
        [("Domain".to_string(), true), ("Domain".to_string(), true)]
    );
    assert!(m.not_linted.iter().any(|n| n.reason.contains("`Web`")));
    assert!(m.not_linted.iter().any(|n| n.reason.contains("`Plain`")));
}
