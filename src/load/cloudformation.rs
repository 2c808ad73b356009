//! CloudFormation templates (YAML or JSON, already parsed into nodes) to a [`Model`].
//!
//! Intrinsic functions are evaluated where the template alone decides them (parameter defaults,
//! mappings, conditions over those); anything deployment-time is `Unknown`, and `Ref`/`GetAtt`
//! to resources become references the graph can follow.

mod for_each;
mod intrinsics;
mod outputs;
mod sam;
mod sub_json;

use super::LoadError;
use crate::graph::{
    Entry, Map, Metadata, Mode, Model, NamingCatalog, Node, NotLinted, Origin, Reference, Resource,
    Value,
};
use crate::source::{FileId, Span};
use intrinsics::Template;
use std::borrow::Cow;
use std::collections::HashMap;

/// The transform that adds `Fn::ForEach` (expanded here) and `Fn::Length`/`Fn::ToJsonString`.
pub const LANGUAGE_EXTENSIONS: &str = "AWS::LanguageExtensions";
/// Transforms whose output zt-lint reads; any other changes the template in ways not linted.
const EXPANDED_TRANSFORMS: &[&str] = &[LANGUAGE_EXTENSIONS, "AWS::Serverless-2016-10-31"];

/// Cheap check before parsing a YAML file: does it look like a template at all? A top-level
/// section key, quoted or not (`"Resources" :` is as good as `Resources:`). Indented keys are
/// left out: they are other tools' YAML (`resources: Resources:` in serverless.yml), which may
/// not even be YAML before templating, and must not become errors.
pub fn looks_like_yaml_template(text: &str) -> bool {
    text.lines().any(|line| {
        let key = line.trim_start_matches(['"', '\'']);
        ["AWSTemplateFormatVersion", "Resources"]
            .iter()
            .any(|section| {
                key.strip_prefix(section).is_some_and(|rest| {
                    rest.trim_start_matches(['"', '\''])
                        .trim_start()
                        .starts_with(':')
                })
            })
    })
}

/// A template has a format version, or a `Resources` map with a resource (an entry with a
/// `Type` string) or a `Fn::ForEach` loop.
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
            resources.iter().any(|(id, r)| {
                r.get("Type").and_then(Node::as_str).is_some() || for_each::is_loop(id)
            })
        })
}

/// The macros named in `Transform` (a name, a list of names, or `{Name: ...}`), with where.
pub fn transforms(doc: &Map) -> Vec<(String, Span)> {
    let Some(transform) = doc.get("Transform") else {
        return Vec::new();
    };
    transform
        .items()
        .iter()
        .filter_map(|t| {
            let name = t
                .as_str()
                .or_else(|| t.get("Name").and_then(Node::as_str))?;
            Some((name.to_string(), t.span))
        })
        .collect()
}

/// The resource type of a nested stack.
pub const NESTED_STACK: &str = "AWS::CloudFormation::Stack";

/// Parameters a parent stack passes to a nested stack's template, by name, with the reason
/// given where one is used (which parent passes it).
pub type PassedParameters = HashMap<String, String>;

pub fn load(root: &Node, file: FileId, naming: &'static NamingCatalog) -> Result<Model, LoadError> {
    load_nested(root, file, naming, &PassedParameters::new())
}

/// [`load`] for a nested stack's template, whose `passed` parameters a parent stack sets.
pub fn load_nested(
    root: &Node,
    file: FileId,
    naming: &'static NamingCatalog,
    passed: &PassedParameters,
) -> Result<Model, LoadError> {
    let Some(doc) = root.as_map() else {
        return Err(LoadError::new(
            "a CloudFormation template must be a mapping",
            Span::new(file, 0, 0),
        ));
    };
    let mut not_linted = unexpanded_transforms(root, doc);
    // The language extensions first, as CloudFormation applies them before the SAM transform:
    // a `Fn::ForEach` may stamp out SAM functions.
    let mut declared = match doc.get("Resources") {
        None => Vec::new(),
        Some(declared) => {
            let Some(declared) = declared.as_map() else {
                return Err(LoadError::new(
                    "`Resources` must be a mapping of logical ids to resources",
                    declared.span,
                ));
            };
            let template = Template::new(doc).passed(passed);
            declared_entries(&template, declared, "resources", &mut not_linted)
        }
    };
    // SAM resources become the CloudFormation resources the transform generates, so rules
    // judge them like any other.
    let with_loops_expanded;
    let expansion = if sam::is_sam(doc) {
        let mut expanded = doc.clone();
        if let Some(resources) = expanded.entries.iter_mut().find(|e| e.key == "Resources") {
            let span = resources.value.span;
            resources.value = Node::new(
                Value::Map(Map {
                    entries: std::mem::take(&mut declared)
                        .into_iter()
                        .map(Cow::into_owned)
                        .collect(),
                }),
                span,
            );
        }
        with_loops_expanded = expanded;
        sam::expand(&with_loops_expanded)
    } else {
        None
    };
    let (doc, declared) = match &expansion {
        Some(e) => (
            &e.template,
            e.template
                .get("Resources")
                .and_then(Node::as_map)
                .map(|m| m.entries.iter().map(Cow::Borrowed).collect())
                .unwrap_or_default(),
        ),
        None => (doc, declared),
    };
    let mut template = Template::new(doc).passed(passed);
    template.declare_resources(declared.iter().map(|e| e.key.as_str()));
    let mut resources = Vec::new();
    for entry in &declared {
        let Some(body) = entry.value.as_map() else {
            continue;
        };
        let Some(kind) = body.get("Type").and_then(Node::as_str) else {
            // A rain module stands for the resources `rain pkg` writes in its place.
            if let Some(directive) = body.get("Type").and_then(intrinsics::rain_directive) {
                not_linted.push(NotLinted {
                    span: entry.key_span,
                    reason: format!(
                        "{} is a {directive}, which the rain CLI expands when it packages the template (`rain pkg`): lint the packaged template",
                        entry.key
                    ),
                });
            }
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
            // `Properties:` with nothing after it: YAML null, which CloudFormation reads as no
            // properties.
            Some(Some(Node {
                value: Value::Null, ..
            })) => Map::default(),
            // Properties chosen by an undecidable condition: nothing about this resource is
            // known, and an empty map would read as "every default applies".
            Some(Some(other)) => {
                not_linted.push(NotLinted {
                    span: entry.key_span,
                    reason: format!(
                        "the properties of {} are not known statically ({})",
                        entry.key,
                        other.unknown_reason().unwrap_or("not a mapping")
                    ),
                });
                continue;
            }
        };
        not_linted.extend(nested_template(kind, &entry.key, entry.key_span, body));
        resources.push(Resource {
            address: entry.key.to_string(),
            kind: kind.to_string(),
            mode: Mode::Managed,
            span: entry.key_span,
            attrs,
            module_calls: Vec::new(),
            metadata: body
                .get("Metadata")
                .map(|m| read_metadata(&template, m, doc))
                .map(Box::new),
        });
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
                address: entry.key.to_string(),
                kind: "AWS::CloudFormation::Parameter".to_string(),
                mode: Mode::Data,
                span: entry.key_span,
                attrs,
                module_calls: Vec::new(),
                metadata: None,
            });
        }
    }
    // Outputs are shown, not created: data-mode entries whose `Value` is evaluated like a
    // property, so rules can see what a stack shows anyone allowed to describe it. A `Ref` to
    // a parameter stays a reference to the parameter's entry (not its default), so what the
    // parameter is (a `NoEcho` secret) is not lost.
    if let Some(outputs) = doc.get("Outputs").and_then(Node::as_map) {
        for entry in declared_entries(&template, outputs, "outputs", &mut not_linted) {
            let Some(body) = entry.value.as_map() else {
                not_linted.push(NotLinted {
                    span: entry.key_span,
                    reason: format!("output {} is not a mapping", entry.key),
                });
                continue;
            };
            if let Some(condition) = body.get("Condition")
                && template.condition_node(condition).is_no()
            {
                continue;
            }
            let mut attrs = Map::default();
            if let Some(value) = body.get("Value") {
                let shown = parameter_reference(value, doc).or_else(|| template.eval(value));
                if let Some(shown) = shown {
                    attrs.insert("Value", value.span, shown);
                }
                let read = outputs::shown_references(&template, value);
                attrs.insert(
                    OUTPUT_REFERENCES,
                    value.span,
                    Node::new(Value::List(read), value.span),
                );
            }
            resources.push(Resource {
                address: entry.key.to_string(),
                kind: "AWS::CloudFormation::Output".to_string(),
                mode: Mode::Data,
                span: entry.key_span,
                attrs,
                module_calls: Vec::new(),
                metadata: None,
            });
        }
    }
    let mut model = Model::with_naming(Origin::CloudFormation, resources, naming);
    model.not_linted = not_linted;
    if let Some(expansion) = expansion {
        model.not_linted.extend(expansion.not_linted);
    }
    Ok(model)
}

/// A resource's `Metadata` as written, and with its intrinsic functions evaluated like
/// properties: cfn-init reads `AWS::CloudFormation::Authentication` and
/// `AWS::CloudFormation::Init` after CloudFormation resolves them (a `!Ref` of a parameter is its
/// value). What does not evaluate stays unknown there, for checks to list as undecided; the
/// written metadata keeps suppression entries readable either way.
fn read_metadata(template: &Template, metadata: &Node, doc: &Map) -> Metadata {
    // A parameter without a default is supplied at deployment and CloudFormation writes its
    // value into the metadata unmasked, `NoEcho` or not: it stays a reference to the
    // parameter's entry, so a check can tell a value given elsewhere from one not known.
    let kept = parameters_kept(metadata, doc, 0);
    // `Metadata: !Ref AWS::NoValue` (or an `Fn::If` choosing it) leaves the resource without.
    let evaluated = template
        .eval(&kept)
        .unwrap_or_else(|| Node::new(Value::Null, metadata.span));
    Metadata {
        written: metadata.clone(),
        evaluated,
    }
}

/// The attribute of an output entry listing every parameter and resource attribute its value
/// reads (see [`outputs::shown_references`]). Not a template key: outputs have no such one.
const OUTPUT_REFERENCES: &str = "References";

/// `{"Ref": "<parameter>"}` (YAML `!Ref <parameter>`) as a reference to the parameter's entry.
/// `node` with every `Ref` to a parameter without a default replaced by a reference to the
/// parameter's entry ([`parameter_reference`]). Nesting past [`MAX_METADATA_DEPTH`] is left
/// as written.
fn parameters_kept(node: &Node, doc: &Map, depth: usize) -> Node {
    if depth > MAX_METADATA_DEPTH {
        return node.clone();
    }
    let without_default = |name: &str| {
        doc.get("Parameters")
            .and_then(Node::as_map)
            .and_then(|p| p.get(name))
            .is_some_and(|p| p.get("Default").is_none())
    };
    match &node.value {
        Value::Map(map) => {
            if let Some(reference) = parameter_reference(node, doc)
                && map
                    .get("Ref")
                    .and_then(Node::as_str)
                    .is_some_and(without_default)
            {
                return reference;
            }
            let mut kept = map.clone();
            for e in &mut kept.entries {
                e.value = parameters_kept(&e.value, doc, depth + 1);
            }
            Node::new(Value::Map(kept), node.span)
        }
        Value::List(items) => Node::new(
            Value::List(
                items
                    .iter()
                    .map(|i| parameters_kept(i, doc, depth + 1))
                    .collect(),
            ),
            node.span,
        ),
        _ => node.clone(),
    }
}

/// How deep [`parameters_kept`] follows metadata: cfn-init's blocks are a few levels deep.
const MAX_METADATA_DEPTH: usize = 32;

fn parameter_reference(value: &Node, doc: &Map) -> Option<Node> {
    let map = value.as_map()?;
    let [only] = map.entries.as_slice() else {
        return None;
    };
    let name = only.value.as_str().filter(|_| only.key == "Ref")?;
    doc.get("Parameters")?.as_map()?.get(name)?;
    Some(Node::new(
        Value::Ref(Box::new(Reference {
            address: name.to_string(),
            attribute: None,
            path: Vec::new(),
        })),
        value.span,
    ))
}

/// The `Resources` (or `Outputs`: `what` names them) entries as CloudFormation sees them after
/// the language extensions: each `Fn::ForEach` loop replaced by the entries it generates. A
/// loop that cannot be expanded is reported, never passed over. Declared entries are borrowed,
/// not copied: a template's resources are most of its size.
fn declared_entries<'a>(
    template: &Template,
    declared: &'a Map,
    what: &str,
    not_linted: &mut Vec<NotLinted>,
) -> Vec<Cow<'a, Entry>> {
    let mut budget = for_each::MAX_GENERATED_NODES;
    let mut out = Vec::with_capacity(declared.len());
    for entry in &declared.entries {
        if !for_each::is_loop(&entry.key) {
            out.push(Cow::Borrowed(entry));
            continue;
        }
        if !template.expands_loops() {
            not_linted.push(NotLinted {
                span: entry.key_span,
                reason: format!(
                    "{} needs `Transform: {LANGUAGE_EXTENSIONS}`; without it CloudFormation rejects the template",
                    entry.key
                ),
            });
            continue;
        }
        match for_each::expand(template, entry, &mut budget) {
            Ok(generated) => out.extend(generated.into_iter().map(Cow::Owned)),
            Err(why) => not_linted.push(NotLinted {
                span: entry.key_span,
                reason: format!("{what} generated by {why} are not linted"),
            }),
        }
    }
    out
}

/// Transforms zt-lint does not expand, named in `Transform` or called with `Fn::Transform`:
/// what they generate or change is not linted.
/// A nested stack or a StackSet deploys a template of its own, which this one does not hold:
/// read on its own (when it is a file zt-lint is given), it is linted without the parameters
/// passed here, and a StackSet's `TemplateBody` text is not read at all.
fn nested_template(kind: &str, id: &str, header: Span, body: &Map) -> Option<NotLinted> {
    let what = match kind {
        NESTED_STACK => "nested stack",
        "AWS::CloudFormation::StackSet" => "StackSet",
        _ => return None,
    };
    let properties = body.get("Properties");
    let (property, template) = ["TemplateURL", "TemplateBody"]
        .into_iter()
        .find_map(|name| Some((name, properties?.get(name)?)))?;
    let reason = match (property, template.as_str()) {
        ("TemplateURL", url) => format!(
            "the template of {what} {id}{} is not linted as part of this template: lint it on \
             its own (a local file given in the same run is linted with the parameters passed \
             here unknown)",
            url.map(|u| format!(" ({u})")).unwrap_or_default()
        ),
        _ => format!(
            "the template of {what} {id}, written in TemplateBody, is not linted: lint it as a \
             template file of its own"
        ),
    };
    Some(NotLinted {
        span: if template.span.is_empty() {
            header
        } else {
            template.span
        },
        reason,
    })
}

fn unexpanded_transforms(root: &Node, doc: &Map) -> Vec<NotLinted> {
    let mut out: Vec<NotLinted> = transforms(doc)
        .into_iter()
        .filter(|(name, _)| !EXPANDED_TRANSFORMS.contains(&name.as_str()))
        .map(|(name, span)| NotLinted {
            span,
            reason: format!(
                "transform {name} is not expanded: the resources it generates or changes are not linted"
            ),
        })
        .collect();
    root.walk(&mut |node| {
        let Some(map) = node.as_map() else { return };
        for e in map.entries.iter().filter(|e| e.key == "Fn::Transform") {
            // `{Name: ...}`, or a list of them applied in turn.
            let names: Vec<&str> = e
                .value
                .items()
                .iter()
                .filter_map(|t| t.get("Name").and_then(Node::as_str))
                .collect();
            let name = if names.is_empty() {
                "a macro".to_string()
            } else {
                names.join(", ")
            };
            out.push(NotLinted {
                span: e.key_span,
                reason: format!(
                    "Fn::Transform ({name}) is not expanded: the template fragment it produces is not linted"
                ),
            });
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::parse::{json, yaml};

    fn model(text: &str) -> Model {
        let root = yaml::parse(text, FileId(0)).unwrap();
        assert!(is_template(&root));
        load(&root, FileId(0), &crate::aws::naming::NAMING).unwrap()
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
    fn metadata_keeps_what_is_written_beside_what_it_evaluates_to() {
        let m = model(
            "Parameters:\n  Mode: {Type: String}\n  Key: {Type: String, NoEcho: true}\n  Named: {Type: String, Default: n}\nConditions:\n  Basic: !Equals [!Ref Mode, basic]\nResources:\n  Chosen:\n    Type: AWS::S3::Bucket\n    Metadata: !If\n      - Basic\n      - zt-lint: {ignore: [{rule: ZT-DAT-002, reason: test}]}\n      - {}\n  Plain:\n    Type: AWS::S3::Bucket\n    Metadata:\n      Secret: !Ref Key\n      Name: !Ref Named\n      Gone: !Ref AWS::NoValue\n",
        );
        let chosen = m.resources[0].metadata.as_deref().unwrap();
        // A condition not known statically leaves the evaluated metadata unknown, while the
        // written one still holds what suppressions read.
        assert!(chosen.evaluated.is_unknown());
        assert!(chosen.written.as_map().is_some());
        let plain = &m.resources[1].metadata.as_deref().unwrap().evaluated;
        // A parameter without a default stays a reference to the parameter's entry; one with a
        // default is its default, as in properties.
        let secret = plain.get("Secret").unwrap().as_reference().unwrap();
        assert_eq!(secret.address, "Key");
        assert_eq!(plain.get("Name").unwrap().as_str(), Some("n"));
        assert!(plain.get("Gone").is_none());
    }

    #[test]
    fn json_templates_use_the_same_evaluator() {
        let text = r#"{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Fn::Sub": ["${A}-logs", {"A": "acme"}]}}}}}"#;
        let root = json::parse(text, FileId(0)).unwrap();
        assert!(is_template(&root));
        let m = load(&root, FileId(0), &crate::aws::naming::NAMING).unwrap();
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

    fn at(text: &str, span: Span) -> &str {
        &text[span.start as usize..]
    }

    fn managed(m: &Model) -> Vec<&str> {
        m.resources
            .iter()
            .filter(|r| r.is_managed())
            .map(|r| r.address.as_str())
            .collect()
    }

    #[test]
    fn null_properties_are_no_properties() {
        let m = model("Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n");
        assert_eq!(managed(&m), ["T"]);
        assert!(m.resources[0].attrs.is_empty());
        assert!(m.not_linted.is_empty());
    }

    const LOOPS: &str = r#"
Transform: [AWS::LanguageExtensions]
Parameters:
  Names:
    Type: CommaDelimitedList
    Default: "a,b"
  Unset:
    Type: CommaDelimitedList
Conditions:
  Fn::ForEach::IsName:
    - Name
    - !Ref Names
    - Is${Name}: !Equals [!Ref Name, x]
Resources:
  Fn::ForEach::Outer:
    - Name
    - !Ref Names
    - Fn::ForEach::Inner:
        - Cidr
        - [10.0.0.0/8, 192.168.0.0/16]
        - Sg${Name}&{Cidr}:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupName: !Sub "${Name}-${Cidr}"
              CidrIp: !Ref Cidr
              Count: !Length [x, y, z]
              Policy:
                Fn::ToJsonString: {Statement: [{Effect: Allow, Resource: !Ref Cidr}]}
              Fn::ForEach::Tags:
                - Key
                - [Team, Env]
                - Tag${Key}: !Ref Name
  Fn::ForEach::Hidden:
    - Name
    - !Ref Unset
    - Hidden${Name}:
        Type: AWS::S3::Bucket
  Never:
    Type: AWS::S3::Bucket
    Condition: Isb
  User:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt Sgb100008.GroupId
      Computed: {Ref: !Join ["", [Sga, "100008"]]}
      ComputedAttribute: !GetAtt [!Sub "Sg${Names}", GroupId]
"#;

    #[test]
    fn output_loops_are_expanded_and_unreadable_outputs_reported() {
        let m = model(
            r#"
Transform: AWS::LanguageExtensions
Parameters:
  Unset:
    Type: CommaDelimitedList
Resources:
  Fn::ForEach::Keys:
    - Name
    - [Ci, Ops]
    - Key${Name}:
        Type: AWS::IAM::AccessKey
        Properties:
          UserName: !Ref Name
Outputs:
  Fn::ForEach::Secrets:
    - Name
    - [Ci, Ops]
    - Secret${Name}:
        Value: !GetAtt [!Sub "Key${Name}", SecretAccessKey]
  Fn::ForEach::Hidden:
    - Name
    - !Ref Unset
    - Hidden${Name}:
        Value: x
  Bare: text
"#,
        );
        let outputs: Vec<_> = m
            .resources
            .iter()
            .filter(|r| r.kind == "AWS::CloudFormation::Output")
            .map(|r| r.address.as_str())
            .collect();
        assert_eq!(outputs, ["SecretCi", "SecretOps"]);
        // The computed name of `!GetAtt [!Sub "Key${Name}", ...]` resolves to the key.
        let read = m
            .resources
            .iter()
            .find(|r| r.address == "SecretCi")
            .and_then(|r| r.get(OUTPUT_REFERENCES))
            .map(Node::items)
            .unwrap_or_default();
        let [only] = read else {
            panic!("{read:?}");
        };
        let Value::Ref(reference) = &only.value else {
            panic!("{only:?}");
        };
        assert_eq!(
            (reference.address.as_str(), reference.attribute.as_deref()),
            ("KeyCi", Some("SecretAccessKey"))
        );
        let reasons: Vec<_> = m.not_linted.iter().map(|n| n.reason.as_str()).collect();
        assert_eq!(reasons.len(), 2, "{reasons:?}");
        assert!(
            reasons[0].starts_with("outputs generated by"),
            "{reasons:?}"
        );
        assert_eq!(reasons[1], "output Bare is not a mapping");
    }

    #[test]
    fn for_each_generates_resources_with_their_logical_ids() {
        let m = model(LOOPS);
        assert_eq!(
            managed(&m),
            [
                "Sga100008",
                "Sga1921680016",
                "Sgb100008",
                "Sgb1921680016",
                "User"
            ]
        );
        let sg = &m.resources[3];
        assert_eq!(
            sg.get("GroupName").unwrap().as_str(),
            Some("b-192.168.0.0/16")
        );
        assert_eq!(sg.get("CidrIp").unwrap().as_str(), Some("192.168.0.0/16"));
        assert_eq!(sg.get("Count").unwrap().as_i64(), Some(3));
        let statement = &sg
            .get("Policy")
            .unwrap()
            .get("Statement")
            .unwrap()
            .as_list()
            .unwrap()[0];
        assert_eq!(
            statement.get("Resource").unwrap().as_str(),
            Some("192.168.0.0/16")
        );
        assert_eq!(sg.get("TagTeam").unwrap().as_str(), Some("b"));
        assert_eq!(sg.get("TagEnv").unwrap().as_str(), Some("b"));
        // `Never` is dropped: its condition, generated by a loop in `Conditions`, is false.
        // Each generated resource is located at the loop's output key.
        assert!(at(LOOPS, sg.span).starts_with("Sg${Name}&{Cidr}:"));
        // A reference to a generated resource resolves.
        let user = &m.resources[4];
        assert_eq!(
            m.resolve(user.get("GroupId").unwrap()).map(|id| id.0),
            Some(2)
        );
        // ... also when its name is computed, as the language extensions allow.
        assert_eq!(
            m.resolve(user.get("Computed").unwrap()).map(|id| id.0),
            Some(0)
        );
        assert!(user.get("ComputedAttribute").unwrap().is_unknown());
        // A loop over a collection not known statically is reported at its key.
        assert_eq!(m.not_linted.len(), 1, "{:?}", m.not_linted);
        assert!(at(LOOPS, m.not_linted[0].span).starts_with("Fn::ForEach::Hidden:"));
        assert!(m.not_linted[0].reason.contains("Unset has no default"));
    }

    #[test]
    fn loops_in_loops_expand_within_the_budget() {
        // 100 resources each with a 100-key property loop: 10,000 keys, all read.
        let mut text = String::from(
            "Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::R:\n    - A\n    - [",
        );
        let items: Vec<String> = (0..100).map(|i| format!("i{i}")).collect();
        text.push_str(&items.join(", "));
        text.push_str("]\n    - Res${A}:\n        Type: AWS::S3::Bucket\n        Properties:\n          Fn::ForEach::P:\n            - B\n            - [");
        text.push_str(&items.join(", "));
        text.push_str("]\n            - Key${B}: x\n");
        let m = model(&text);
        assert!(m.not_linted.is_empty(), "{:?}", m.not_linted);
        assert_eq!(managed(&m).len(), 100);
        let generated: usize = m.resources.iter().map(|r| r.attrs.len()).sum();
        assert_eq!(generated, 10_000);
    }

    #[test]
    fn nested_loops_over_empty_fragments_cannot_multiply_the_work() {
        // Twelve loops of ten items each, the innermost generating nothing: 10^12 iterations if
        // only generated entries were charged. Each copy is charged, so this ends at once.
        let items = "[a, b, c, d, e, f, g, h, i, j]";
        let mut fragment = String::from("{}");
        for depth in (0..12).rev() {
            fragment = format!("{{\"Fn::ForEach::L{depth}\": [X{depth}, {items}, {fragment}]}}");
        }
        let text = format!(
            "Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::Top: [T, {items}, {fragment}]\n"
        );
        let m = model(&text);
        assert!(managed(&m).is_empty());
        assert_eq!(m.not_linted.len(), 1, "{:?}", m.not_linted);
        assert!(m.not_linted[0].reason.contains("generates more than"));
    }

    #[test]
    fn for_each_expands_before_sam_so_generated_functions_are_linted() {
        let text = "Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]\nResources:\n  Fn::ForEach::Functions:\n    - Name\n    - [Export, Import]\n    - ${Name}Function:\n        Type: AWS::Serverless::Function\n        Properties:\n          Runtime: python3.12\n          Handler: app.handler\n          CodeUri: src/\n          FunctionUrlConfig:\n            AuthType: NONE\n";
        let m = model(text);
        let kinds: Vec<(&str, &str)> = m
            .resources
            .iter()
            .filter(|r| r.is_managed())
            .map(|r| (r.address.as_str(), r.kind.as_str()))
            .collect();
        for expected in [
            ("ExportFunction", "AWS::Lambda::Function"),
            ("ExportFunctionUrl", "AWS::Lambda::Url"),
            ("ImportFunctionRole", "AWS::IAM::Role"),
        ] {
            assert!(kinds.contains(&expected), "{expected:?} in {kinds:?}");
        }
        assert!(
            !kinds
                .iter()
                .any(|(_, k)| k.starts_with("AWS::Serverless::"))
        );
    }

    #[test]
    fn for_each_without_the_transform_is_reported_not_skipped() {
        let text = "Resources:\n  Fn::ForEach::L:\n    - N\n    - [a]\n    - B${N}:\n        Type: AWS::S3::Bucket\n";
        let m = model(text);
        assert!(managed(&m).is_empty());
        assert_eq!(m.not_linted.len(), 1);
        assert!(at(text, m.not_linted[0].span).starts_with("Fn::ForEach::L"));
        assert!(m.not_linted[0].reason.contains("AWS::LanguageExtensions"));
    }

    #[test]
    fn rain_directives_are_reported_not_read_as_cloudformation() {
        let text = "Resources:\n  Network:\n    Type: !Rain::Module ../vpc.yml\n  Server:\n    Type: AWS::EC2::Instance\n    Properties:\n      UserData: !Base64\n        Fn::Sub: !Rain::Embed server.sh\n";
        let m = model(text);
        assert_eq!(managed(&m), ["Server"]);
        assert_eq!(m.not_linted.len(), 1, "{:?}", m.not_linted);
        assert!(at(text, m.not_linted[0].span).starts_with("Network"));
        assert!(m.not_linted[0].reason.contains("Rain::Module"));
        let user_data = m.resources[0].get("UserData").unwrap();
        let why = user_data.unknown_reason().unwrap();
        assert!(
            why.contains("Rain::Embed") && why.contains("rain pkg"),
            "{why}"
        );
        let json = r#"{"Resources": {"S": {"Type": "AWS::EC2::Instance", "Properties": {"UserData": {"Fn::Base64": {"Fn::Sub": {"Rain::Embed": "s.sh"}}}}}}}"#;
        let root = json::parse(json, FileId(0)).unwrap();
        let m = load(&root, FileId(0), &crate::aws::naming::NAMING).unwrap();
        let why = m.resources[0].get("UserData").unwrap().unknown_reason();
        assert!(why.is_some_and(|w| w.contains("Rain::Embed")), "{why:?}");
    }

    #[test]
    fn a_rain_directive_outside_fn_sub_is_undecided_not_an_empty_document() {
        let text = "Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument: !Rain::Embed admin.json\n  S:\n    Type: AWS::EC2::Instance\n    Properties:\n      UserData:\n        Fn::Base64: !Rain::S3 boot.sh\n";
        let m = model(text);
        assert_eq!(managed(&m), ["P", "S"]);
        for (resource, key, directive) in [
            (0, "PolicyDocument", "Rain::Embed"),
            (1, "UserData", "Rain::S3"),
        ] {
            let value = m.resources[resource].get(key).unwrap();
            let why = value.unknown_reason();
            assert!(
                why.is_some_and(|w| w.contains(directive) && w.contains("rain pkg")),
                "{key}: {value:?}"
            );
        }
        let json = r#"{"Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Rain::Embed": "admin.json"}}}}}"#;
        let root = json::parse(json, FileId(0)).unwrap();
        let m = load(&root, FileId(0), &crate::aws::naming::NAMING).unwrap();
        let why = m.resources[0]
            .get("PolicyDocument")
            .unwrap()
            .unknown_reason();
        assert!(why.is_some_and(|w| w.contains("Rain::Embed")), "{why:?}");
    }

    #[test]
    fn transforms_not_expanded_are_reported_and_the_rest_is_linted() {
        let text = "Transform: [AWS::LanguageExtensions, MyMacro]\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: b\n      Fn::Transform:\n        - Name: AWS::Include\n          Parameters: {Location: s3://x/y.yaml}\n  C:\n    Type: AWS::SNS::Topic\n";
        let m = model(text);
        assert_eq!(managed(&m), ["B", "C"]);
        let spans: Vec<&str> = m
            .not_linted
            .iter()
            .map(|n| at(text, n.span).split(['\n', ']']).next().unwrap())
            .collect();
        assert_eq!(spans, ["MyMacro", "Fn::Transform:"]);
        assert!(m.not_linted[1].reason.contains("AWS::Include"));
        let json = r#"{"Transform": "AWS::CodeDeployBlueGreen", "Resources": {"B": {"Type": "AWS::S3::Bucket"}}}"#;
        let root = json::parse(json, FileId(0)).unwrap();
        let m = load(&root, FileId(0), &crate::aws::naming::NAMING).unwrap();
        assert_eq!(m.not_linted.len(), 1);
        assert!(at(json, m.not_linted[0].span).starts_with("\"AWS::CodeDeployBlueGreen\""));
    }

    #[test]
    fn sub_text_holding_json_is_a_document_with_partly_known_parts() {
        let text = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  P:\n    Type: AWS::SQS::QueuePolicy\n    Properties:\n      PolicyDocument: !Sub |\n        {\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::${AWS::AccountId}:root\"},\n          \"Resource\": \"${Q.Arn}\", \"Action\": \"sqs:${Verb}\"}]}\n";
        let m = model(text);
        let doc = m.resources[1].get("PolicyDocument").unwrap();
        let statement = &doc.get("Statement").unwrap().as_list().unwrap()[0];
        assert_eq!(statement.get("Effect").unwrap().as_str(), Some("Allow"));
        let principal = statement.path(&["Principal", "AWS"]).unwrap();
        assert_eq!(principal.text_shape(), Some("arn:aws:iam::*:root"));
        assert!(principal.as_str().is_none());
        let resource = statement.get("Resource").unwrap().as_reference().unwrap();
        assert_eq!(
            (resource.address.as_str(), resource.attribute.as_deref()),
            ("Q", Some("Arn"))
        );
        assert_eq!(statement.get("Action").unwrap().text_shape(), Some("sqs:*"));
        assert!(at(text, principal.span).starts_with("!Sub |"));
        // A hole where JSON needs a literal (a number) keeps the string's shape instead.
        let text = "Resources:\n  P:\n    Type: AWS::SQS::QueuePolicy\n    Properties:\n      PolicyDocument: !Sub '{\"Version\": ${V}}'\n";
        let m = model(text);
        assert_eq!(
            m.resources[0].get("PolicyDocument").unwrap().text_shape(),
            Some("{\"Version\": *}")
        );
    }

    #[test]
    fn templates_are_recognised_without_a_format_version() {
        let root = yaml::parse(
            "Resources:\n  X:\n    Type: Acme::Widget::Thing\n",
            FileId(0),
        )
        .unwrap();
        assert!(is_template(&root));
        let root = yaml::parse("Resources:\n  X:\n    Kind: Thing\n", FileId(0)).unwrap();
        assert!(!is_template(&root));
        for text in [
            "---\n# c\nResources:\n",
            "\"Resources\": {}\n",
            "'AWSTemplateFormatVersion' : x\n",
        ] {
            assert!(looks_like_yaml_template(text), "{text:?}");
        }
        for text in ["resources:\n  ResourcesX: 1\n", "custom:\n  Resources:\n"] {
            assert!(!looks_like_yaml_template(text), "{text:?}");
        }
    }
}
