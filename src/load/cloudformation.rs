//! CloudFormation templates (YAML or JSON, already parsed into nodes) to a [`Model`].
//!
//! Intrinsic functions are evaluated where the template alone decides them (parameter defaults,
//! mappings, conditions over those); anything deployment-time is `Unknown`, and `Ref`/`GetAtt`
//! to resources become references the graph can follow.

mod intrinsics;
mod sam;

use super::LoadError;
use crate::graph::{Map, Mode, Model, Node, Origin, Resource, Value};
use crate::source::{FileId, Span};
use intrinsics::Template;

/// Cheap check before parsing a YAML file: does it look like a template at all?
pub fn looks_like_yaml_template(text: &str) -> bool {
    text.lines().any(|l| {
        l.starts_with("AWSTemplateFormatVersion")
            || l.starts_with("Resources:")
            || l.starts_with("\"AWSTemplateFormatVersion\"")
    })
}

/// A template has a format version, or a `Resources` map whose entries have an `AWS::` type.
pub fn is_template(root: &Node) -> bool {
    let Some(map) = root.as_map() else {
        return false;
    };
    if map.get("AWSTemplateFormatVersion").is_some() {
        return true;
    }
    map.get("Resources")
        .and_then(Node::as_map)
        .is_some_and(|resources| {
            resources.iter().any(|(_, r)| {
                r.get("Type")
                    .and_then(Node::as_str)
                    .is_some_and(|t| t.starts_with("AWS::") || t.starts_with("Custom::"))
            })
        })
}

pub fn load(root: &Node, file: FileId) -> Result<Model, LoadError> {
    let Some(doc) = root.as_map() else {
        return Err(LoadError::new(
            "a CloudFormation template must be a mapping",
            Span::new(file, 0, 0),
        ));
    };
    // SAM resources become the CloudFormation resources the transform generates, so rules
    // judge them like any other.
    let expansion = sam::expand(doc);
    let doc = expansion.as_ref().map_or(doc, |e| &e.template);
    let template = Template::new(doc);
    let mut resources = Vec::new();
    if let Some(declared) = doc.get("Resources") {
        let Some(declared) = declared.as_map() else {
            return Err(LoadError::new(
                "`Resources` must be a mapping of logical ids to resources",
                declared.span,
            ));
        };
        for entry in &declared.entries {
            // `Fn::ForEach::Name` (language extensions) generates resources we cannot enumerate.
            if entry.key.starts_with("Fn::ForEach") {
                continue;
            }
            let Some(body) = entry.value.as_map() else {
                continue;
            };
            let Some(kind) = body.get("Type").and_then(Node::as_str) else {
                continue;
            };
            // A resource whose condition is known to be false is never created.
            if let Some(condition) = body.get("Condition")
                && template.condition_node(condition).is_no()
            {
                continue;
            }
            let attrs = match body.get("Properties").map(|p| template.eval(p)) {
                None | Some(None) => Map::default(),
                Some(Some(Node {
                    value: Value::Map(map),
                    ..
                })) => map,
                // Properties chosen by an undecidable condition: nothing about this resource is
                // known, and an empty map would read as "every default applies".
                Some(Some(_)) => continue,
            };
            resources.push(Resource {
                address: entry.key.clone(),
                kind: kind.to_string(),
                mode: Mode::Managed,
                span: entry.key_span,
                attrs,
                module_calls: Vec::new(),
                metadata: body.get("Metadata").cloned(),
            });
        }
    }
    // Parameters are read, not created: data-mode entries, so rules can check how a template
    // asks for secrets (`NoEcho`) without knowing about templates.
    if let Some(parameters) = doc.get("Parameters").and_then(Node::as_map) {
        for entry in &parameters.entries {
            let attrs = match &entry.value.value {
                Value::Map(map) => map.clone(),
                _ => Map::default(),
            };
            resources.push(Resource {
                address: entry.key.clone(),
                kind: "AWS::CloudFormation::Parameter".to_string(),
                mode: Mode::Data,
                span: entry.key_span,
                attrs,
                module_calls: Vec::new(),
                metadata: None,
            });
        }
    }
    let mut model = Model::new(Origin::CloudFormation, resources);
    if let Some(expansion) = expansion {
        model.not_linted.extend(expansion.not_linted);
    }
    Ok(model)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{json, yaml};

    fn model(text: &str) -> Model {
        let root = yaml::parse(text, FileId(0)).unwrap();
        assert!(is_template(&root));
        load(&root, FileId(0)).unwrap()
    }

    const TEMPLATE: &str = r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Cidr:
    Type: String
    Default: 0.0.0.0/0
  Open:
    Type: String
  Subnets:
    Type: CommaDelimitedList
    Default: "subnet-1,subnet-2"
Mappings:
  Ports:
    ssh: {port: 22}
Conditions:
  IsOpen: !Equals [!Ref Cidr, 0.0.0.0/0]
  Never: !Not [!Condition IsOpen]
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: !Sub "sg in ${AWS::Region}"
      VpcId: !ImportValue shared-vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: !FindInMap [Ports, ssh, port]
          ToPort: 22
          CidrIp: !Ref Cidr
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: !Ref Open
          Description: !If [IsOpen, !Ref AWS::NoValue, "x"]
  Skipped:
    Type: AWS::S3::Bucket
    Condition: Never
  Rule:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt Sg.GroupId
      SubnetIds: !Ref Subnets
      Name: !Join ["-", [a, !Select [1, [x, y]]]]
"#;

    #[test]
    fn evaluates_intrinsics_from_the_template() {
        let m = model(TEMPLATE);
        let addresses: Vec<_> = m
            .resources
            .iter()
            .filter(|r| r.is_managed())
            .map(|r| r.address.as_str())
            .collect();
        assert_eq!(addresses, ["Sg", "Rule"]);
        let sg = &m.resources[0];
        assert!(sg.get("GroupDescription").unwrap().is_unknown());
        assert!(sg.get("VpcId").unwrap().is_unknown());
        let rules = sg.get("SecurityGroupIngress").unwrap().as_list().unwrap();
        assert_eq!(rules[0].get("FromPort").unwrap().as_i64(), Some(22));
        assert_eq!(rules[0].get("CidrIp").unwrap().as_str(), Some("0.0.0.0/0"));
        assert!(rules[1].get("CidrIp").unwrap().is_unknown());
        // `!If [IsOpen, !Ref AWS::NoValue, ...]` with IsOpen true removes the key
        assert!(rules[1].get("Description").is_none());

        let rule = &m.resources[1];
        let group = rule.get("GroupId").unwrap().as_reference().unwrap();
        assert_eq!(
            (group.address.as_str(), group.attribute.as_deref()),
            ("Sg", Some("GroupId"))
        );
        assert_eq!(rule.get("SubnetIds").unwrap().as_list().unwrap().len(), 2);
        assert_eq!(rule.get("Name").unwrap().as_str(), Some("a-y"));
        assert_eq!(
            m.resolve(rule.get("GroupId").unwrap()).map(|id| id.0),
            Some(0)
        );
    }

    #[test]
    fn json_templates_use_the_same_evaluator() {
        let text = r#"{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Fn::Sub": ["${A}-logs", {"A": "acme"}]}}}}}"#;
        let root = json::parse(text, FileId(0)).unwrap();
        assert!(is_template(&root));
        let m = load(&root, FileId(0)).unwrap();
        assert_eq!(
            m.resources[0].get("BucketName").unwrap().as_str(),
            Some("acme-logs")
        );
        assert_eq!(
            m.resources[0].span.start as usize,
            text.find("\"B\"").unwrap()
        );
    }

    #[test]
    fn unknown_conditions_stay_unknown() {
        let text = "Parameters:\n  Env: {Type: String}\nConditions:\n  Prod: !Equals [!Ref Env, prod]\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Condition: Prod\n    Properties:\n      X: !If [Prod, a, b]\n";
        let m = model(text);
        let managed: Vec<_> = m.resources.iter().filter(|r| r.is_managed()).collect();
        assert_eq!(managed.len(), 1);
        assert!(managed[0].get("X").unwrap().is_unknown());
        // The parameter is there, as data.
        let env = m.resources.iter().find(|r| r.address == "Env").unwrap();
        assert_eq!(env.kind, "AWS::CloudFormation::Parameter");
    }
}
