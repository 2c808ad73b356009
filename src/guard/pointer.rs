//! Guard reports where a rule failed as a path into the data (`/Resources/Sg/Properties/...`,
//! keys joined with `/`, never escaped). This index maps those paths back to source spans.

use crate::graph::{Node, Value};
use crate::source::Span;
use std::collections::HashMap;

/// Every path of a document to the span of its value.
#[derive(Debug, Default, Clone)]
pub struct PointerIndex {
    spans: HashMap<String, Span>,
    /// Paths of resources in the data to their address: a template's `/Resources/<LogicalId>`,
    /// a plan's maps with `address` and `type` (`/resource_changes/3`).
    owners: HashMap<String, String>,
}

impl PointerIndex {
    /// Indexes a parsed data file (a template or a plan) as Guard will see it.
    pub fn of_node(root: &Node) -> PointerIndex {
        let mut index = PointerIndex::default();
        let mut path = String::new();
        index.add_node(&mut path, root);
        index
    }

    fn add_node(&mut self, path: &mut String, node: &Node) {
        self.spans.insert(path.clone(), node.span);
        let len = path.len();
        match &node.value {
            Value::Map(map) => {
                if let (Some(address), Some(_)) = (
                    map.get("address").and_then(Node::as_str),
                    map.get("type").and_then(Node::as_str),
                ) {
                    self.owners.insert(path.clone(), address.to_string());
                }
                if path == "/Resources" {
                    for entry in &map.entries {
                        self.owners
                            .insert(format!("/Resources/{}", entry.key), entry.key.to_string());
                    }
                }
                for entry in &map.entries {
                    path.push('/');
                    path.push_str(&entry.key);
                    self.add_node(path, &entry.value);
                    path.truncate(len);
                }
            }
            Value::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    path.push('/');
                    path.push_str(&i.to_string());
                    self.add_node(path, item);
                    path.truncate(len);
                }
            }
            _ => {}
        }
    }

    pub fn insert(&mut self, path: String, span: Span) {
        self.spans.insert(path, span);
    }

    /// The span of `path`, or of its nearest ancestor that exists: a rule that finds a property
    /// missing reports the map it looked in.
    pub fn locate(&self, path: &str) -> Option<(Span, &str)> {
        let mut current = path;
        loop {
            if let Some((key, span)) = self.spans.get_key_value(current) {
                return Some((*span, key.as_str()));
            }
            if current.is_empty() {
                return None;
            }
            current = match current.rfind('/') {
                Some(at) => current.get(..at).unwrap_or(""),
                None => "",
            };
        }
    }

    /// The address of the resource `path` lies in, if any.
    pub fn owner(&self, path: &str) -> Option<&str> {
        let mut current = path;
        loop {
            if let Some(address) = self.owners.get(current) {
                return Some(address);
            }
            current = current.get(..current.rfind('/')?)?;
        }
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::parse::yaml;
    use crate::source::FileId;

    #[test]
    fn paths_resolve_to_the_value_or_the_nearest_ancestor() {
        let text = "Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      SecurityGroupIngress:\n        - CidrIp: 0.0.0.0/0\n";
        let root = yaml::parse(text, FileId(0)).unwrap();
        let index = PointerIndex::of_node(&root);
        let (span, found) = index
            .locate("/Resources/Sg/Properties/SecurityGroupIngress/0/CidrIp")
            .unwrap();
        assert_eq!(&text[span.start as usize..span.end as usize], "0.0.0.0/0");
        assert_eq!(
            found,
            "/Resources/Sg/Properties/SecurityGroupIngress/0/CidrIp"
        );
        let (_, found) = index.locate("/Resources/Sg/Properties/Tags/0/Key").unwrap();
        assert_eq!(found, "/Resources/Sg/Properties");
        assert_eq!(index.owner("/Resources/Sg/Properties/Tags"), Some("Sg"));
        assert_eq!(index.owner("/Outputs/X"), None);
    }
}
