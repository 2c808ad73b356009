//! The graph document: one JSON document per model (a Terraform root module, a plan, a
//! template) that format-agnostic Guard policies and `zt-lint graph` see. It is a public,
//! versioned interface (schema in the README): add fields freely, but change or remove one
//! only with a new [`VERSION`].

use super::pointer::PointerIndex;
use crate::graph::{Map, Model, Node, Resource, Value};
use crate::source::{SourceMap, Span};
use serde_json::{Map as JsonMap, Value as Json, json};

/// Version of the graph document schema.
pub const VERSION: u64 = 1;

/// Marks a value zt-lint cannot know before deployment.
pub const UNKNOWN_KEY: &str = "zt_unknown";
/// Marks a reference to another resource (or one of its attributes).
pub const REF_KEY: &str = "zt_ref";

/// A built document with the spans of its values, for mapping Guard's paths back.
#[derive(Debug)]
pub struct GraphDocument {
    pub json: Json,
    pub index: PointerIndex,
    /// Resource keys (`/Resources/<address>`) to their index in the model.
    pub resources: Vec<(String, usize)>,
}

impl GraphDocument {
    /// The model resource a path lies under, by the longest matching `/Resources/<address>`.
    pub fn resource_at(&self, path: &str) -> Option<usize> {
        self.resources
            .iter()
            .filter(|(prefix, _)| {
                path == prefix
                    || path
                        .strip_prefix(prefix.as_str())
                        .is_some_and(|rest| rest.starts_with('/'))
            })
            .max_by_key(|(prefix, _)| prefix.len())
            .map(|(_, i)| *i)
    }
}

/// Builds the document of one model. Data sources are left out: they are read, not deployed.
pub fn build(model: &Model, sources: &SourceMap) -> GraphDocument {
    let mut index = PointerIndex::default();
    let mut resources = JsonMap::new();
    let mut keys = Vec::new();
    let mut files: Vec<String> = Vec::new();
    for (i, r) in model.resources.iter().enumerate() {
        if !r.is_managed() {
            continue;
        }
        let base = format!("/Resources/{}", r.address);
        index.insert(base.clone(), r.span);
        keys.push((base.clone(), i));
        let file = sources.path(r.span.file).display().to_string();
        if !files.contains(&file) {
            files.push(file.clone());
        }
        resources.insert(
            r.address.clone(),
            resource(r, &base, &file, model, &mut index),
        );
    }
    files.sort();
    let json = json!({
        "ZtLintGraph": { "Version": VERSION, "Format": model.origin.name(), "Files": files },
        "Resources": Json::Object(resources),
    });
    GraphDocument {
        json,
        index,
        resources: keys,
    }
}

fn resource(r: &Resource, base: &str, file: &str, model: &Model, index: &mut PointerIndex) -> Json {
    let mut attributes = JsonMap::new();
    let mut references = Vec::new();
    let cloudformation = model.origin == crate::graph::Origin::CloudFormation;
    for entry in &r.attrs.entries {
        let key = if cloudformation {
            snake_case(&entry.key)
        } else {
            entry.key.to_string()
        };
        let path = format!("{base}/Attributes/{key}");
        let value = value(&entry.value, &path, index, &mut references);
        attributes.insert(key, value);
    }
    index.insert(format!("{base}/Attributes"), r.span);
    let tags_path = format!("{base}/Tags");
    let tags = tags(r, &tags_path, index);
    references.sort_by_key(|r: &Json| r.to_string());
    references.dedup();
    json!({
        "Type": normalized_type(&r.kind),
        "SourceType": r.kind,
        "Address": r.address,
        "File": file,
        "Attributes": Json::Object(attributes),
        "Tags": tags,
        "References": references,
    })
}

/// A value as JSON, recording the span of it and of everything inside it.
fn value(node: &Node, path: &str, index: &mut PointerIndex, refs: &mut Vec<Json>) -> Json {
    index.insert(path.to_string(), node.span);
    match &node.value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(n) => number(*n),
        Value::String(s) => Json::String(s.clone()),
        Value::List(items) => Json::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| value(item, &format!("{path}/{i}"), index, refs))
                .collect(),
        ),
        Value::Map(map) => map_value(map, path, index, refs),
        Value::Ref(reference) => {
            let target = json!({
                "address": reference.address,
                "attribute": reference.attribute,
            });
            index.insert(format!("{path}/{REF_KEY}"), node.span);
            refs.push(json!({
                "Path": path.split_once("/Attributes").map_or(path, |(_, rest)| rest),
                "Address": reference.address,
                "Attribute": reference.attribute,
            }));
            json!({ REF_KEY: target })
        }
        Value::Unknown(unknown) => {
            index.insert(format!("{path}/{UNKNOWN_KEY}"), node.span);
            let mut marker = JsonMap::new();
            marker.insert("reason".into(), Json::String(unknown.reason.to_string()));
            marker.insert("unset".into(), Json::Bool(unknown.unset));
            if let Some(shape) = &unknown.shape {
                marker.insert("shape".into(), Json::String(shape.to_string()));
            }
            json!({ UNKNOWN_KEY: Json::Object(marker) })
        }
    }
}

fn map_value(map: &Map, path: &str, index: &mut PointerIndex, refs: &mut Vec<Json>) -> Json {
    let mut out = JsonMap::new();
    for entry in &map.entries {
        let child = format!("{path}/{}", entry.key);
        out.insert(
            entry.key.to_string(),
            value(&entry.value, &child, index, refs),
        );
    }
    Json::Object(out)
}

/// Whole numbers stay integers: Guard compares `22` and `22.0` differently.
fn number(n: f64) -> Json {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        Json::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(Json::Null, Json::Number)
    }
}

/// Tags as one map whatever the input wrote: Terraform `tags` (and `tags_all` in plans, which
/// includes the provider's `default_tags`), CloudFormation `Tags` as a `Key`/`Value` list or a
/// map. A tag set that is unknown as a whole is the unknown marker.
fn tags(r: &Resource, path: &str, index: &mut PointerIndex) -> Json {
    index.insert(path.to_string(), r.span);
    let mut out = JsonMap::new();
    let mut ignored = Vec::new();
    for key in ["tags_all", "tags", "Tags"] {
        let Some(node) = r.get(key) else { continue };
        match &node.value {
            Value::Map(map) => {
                for entry in &map.entries {
                    let child = format!("{path}/{}", entry.key);
                    let v = value(&entry.value, &child, index, &mut ignored);
                    out.insert(entry.key.to_string(), v);
                }
            }
            Value::List(items) => {
                for item in items {
                    let Some(k) = item.get("Key").and_then(Node::as_str) else {
                        continue;
                    };
                    let child = format!("{path}/{k}");
                    let v = match item.get("Value") {
                        Some(v) => value(v, &child, index, &mut ignored),
                        None => Json::Null,
                    };
                    out.insert(k.to_string(), v);
                }
            }
            Value::Unknown(_) if out.is_empty() => {
                return value(node, path, index, &mut ignored);
            }
            _ => {}
        }
        index.insert(path.to_string(), node.span);
    }
    Json::Object(out)
}

/// The provider-neutral type name: Terraform's, for both Terraform and CloudFormation.
pub fn normalized_type(kind: &str) -> String {
    // The catalog knows Terraform's name for common types; others follow the provider's usual
    // spelling, `AWS::Service::Thing` → `aws_service_thing`.
    if let Some(name) = crate::aws::types::terraform_type(kind) {
        return name.to_string();
    }
    match kind.strip_prefix("AWS::") {
        Some(rest) => {
            let parts: Vec<String> = rest.split("::").map(snake_case).collect();
            format!("aws_{}", parts.join("_"))
        }
        None => kind.to_string(),
    }
}

/// `KmsKeyId` → `kms_key_id`, `SSESpecification` → `sse_specification`, `DBInstanceClass` →
/// `db_instance_class`: CloudFormation property names as the Terraform provider spells most.
pub fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev = i.checked_sub(1).and_then(|p| chars.get(p));
            let next = chars.get(i + 1);
            let boundary = match prev {
                Some(p) if p.is_ascii_lowercase() || p.is_ascii_digit() => true,
                Some(p) if p.is_ascii_uppercase() => next.is_some_and(|n| n.is_ascii_lowercase()),
                _ => false,
            };
            if boundary && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The `zt-lint graph` output: every model's document, in load order.
pub fn render_all(models: &[Model], sources: &SourceMap) -> Json {
    let documents: Vec<Json> = models.iter().map(|m| build(m, sources).json).collect();
    json!({ "ZtLintGraph": { "Version": VERSION }, "Documents": documents })
}

/// A span that exists for every model: its first resource's header.
pub fn model_span(model: &Model) -> Option<Span> {
    model.resources.first().map(|r| r.span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cloudformation_names_become_terraform_style() {
        assert_eq!(snake_case("KmsKeyId"), "kms_key_id");
        assert_eq!(snake_case("SSESpecification"), "sse_specification");
        assert_eq!(snake_case("DBInstanceClass"), "db_instance_class");
        assert_eq!(snake_case("PermissionsBoundary"), "permissions_boundary");
        assert_eq!(snake_case("already_snake"), "already_snake");
        assert_eq!(normalized_type("AWS::RDS::DBInstance"), "aws_db_instance");
        // The catalog's name where the snake-case rule would be wrong, the rule elsewhere.
        assert_eq!(
            normalized_type("AWS::Neptune::DBCluster"),
            "aws_neptune_cluster"
        );
        assert_eq!(normalized_type("AWS::Bedrock::Agent"), "aws_bedrock_agent");
        assert_eq!(normalized_type("aws_s3_bucket"), "aws_s3_bucket");
    }
}
