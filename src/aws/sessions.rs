//! Session Manager preferences: an SSM document of type `Session` whose content (JSON or YAML)
//! says the session type and, for standard shell sessions, the preferences in `inputs`: the KMS
//! key that encrypts session data, and where session logs go and whether those destinations
//! must be encrypted (the Session document schema of the Systems Manager User Guide).

use super::{Facet, json_document, written};
use crate::graph::{Node, Resource, Truth, Value};
use std::borrow::Cow;

/// Where an SSM document says its type, content and content format.
pub struct SessionDocument {
    pub kind: &'static str,
    pub document_type: &'static str,
    pub content: &'static str,
    pub format: &'static str,
}

pub const SESSION_DOCUMENTS: &[SessionDocument] = &[
    SessionDocument {
        kind: "aws_ssm_document",
        document_type: "document_type",
        content: "content",
        format: "document_format",
    },
    SessionDocument {
        kind: "AWS::SSM::Document",
        document_type: "DocumentType",
        content: "Content",
        format: "DocumentFormat",
    },
];

/// The SSM document types of both formats.
pub const SSM_DOCUMENTS: &[&str] = &["aws_ssm_document", "AWS::SSM::Document"];

/// What an SSM document says about Session Manager preferences.
pub enum SessionPreferences<'a> {
    /// Not a document of standard shell sessions (another document type, or a port
    /// forwarding or command session, which takes no preferences): nothing to judge.
    NotPreferences,
    /// Whether it is one, or what it says, is not known statically.
    Undecided(Node),
    /// The preferences of a `Standard_Stream` Session document: its `inputs` (absent when
    /// the document gives none) and the content, whose span a missing input points at.
    Read {
        inputs: Option<Node>,
        content: &'a Node,
    },
}

/// Reads the Session Manager preferences of `r`, an SSM document.
pub fn session_preferences(r: &Resource) -> SessionPreferences<'_> {
    let Some(entry) = SESSION_DOCUMENTS.iter().find(|d| d.kind == r.kind) else {
        return SessionPreferences::NotPreferences;
    };
    match written(r, &[entry.document_type]) {
        Some(t) if t.is_unknown() => return SessionPreferences::Undecided(t.clone()),
        Some(t) if t.as_str() == Some("Session") => {}
        _ => return SessionPreferences::NotPreferences,
    }
    let Some(content) = written(r, &[entry.content]) else {
        return SessionPreferences::Undecided(Node::unknown(
            format!("`{}` is not set", entry.content),
            r.span,
        ));
    };
    let yaml = written(r, &[entry.format])
        .and_then(Node::as_str)
        .is_some_and(|f| f.eq_ignore_ascii_case("YAML"));
    let Some(doc) = content_document(content, yaml) else {
        return SessionPreferences::Undecided(if content.is_unknown() {
            content.clone()
        } else {
            Node::unknown(
                "the Session document's content cannot be read as JSON or YAML",
                content.span,
            )
        });
    };
    let session_type = doc.get("sessionType").filter(|t| !t.is_null());
    match session_type {
        Some(t) if t.as_str() == Some("Standard_Stream") => {}
        Some(t) if t.as_str().is_some() => return SessionPreferences::NotPreferences,
        Some(t) if t.is_unknown() => return SessionPreferences::Undecided(t.clone()),
        _ => {
            return SessionPreferences::Undecided(Node::unknown(
                "the Session document gives no sessionType",
                content.span,
            ));
        }
    }
    let inputs = doc.get("inputs").filter(|i| !i.is_null()).cloned();
    SessionPreferences::Read { inputs, content }
}

/// The content as a document: a map already (CloudFormation, `jsonencode`), or JSON or YAML
/// text (a heredoc, a plan), whose values all take the content's span.
fn content_document(content: &Node, yaml: bool) -> Option<Cow<'_, Node>> {
    if let (Value::String(text), true) = (&content.value, yaml) {
        return crate::graph::parse::yaml::parse(text, content.span.file)
            .ok()
            .filter(|doc| doc.as_map().is_some())
            .map(|doc| Cow::Owned(doc.respanned(content.span)));
    }
    json_document(content).ok()
}

impl SessionPreferences<'_> {
    /// Is session data encrypted with a KMS key of the account's (`kmsKeyId`), beyond the TLS
    /// every session uses?
    pub fn kms_key(&self) -> Option<Facet> {
        let SessionPreferences::Read { inputs, content } = self else {
            return None;
        };
        let key = input(inputs.as_ref(), "kmsKeyId");
        Some(match key.map(Node::is_given) {
            Some(Truth::Yes) => Facet::yes(key.map_or(content.span, |k| k.span)),
            Some(Truth::Unknown) => {
                key.map_or_else(|| Facet::of_unknown(content), Facet::of_unknown)
            }
            _ => Facet::no(
                key.or(inputs.as_ref()).map_or(content.span, |n| n.span),
                " (no `kmsKeyId`)",
            ),
        })
    }

    /// Are sessions logged (to S3 or CloudWatch Logs), and does every destination named
    /// require encryption? `No` carries what is missing.
    pub fn logging(&self) -> Option<Facet> {
        let SessionPreferences::Read { inputs, content } = self else {
            return None;
        };
        let inputs = inputs.as_ref();
        let destinations = [
            ("s3BucketName", "s3EncryptionEnabled", "S3 bucket"),
            (
                "cloudWatchLogGroupName",
                "cloudWatchEncryptionEnabled",
                "log group",
            ),
        ];
        let mut logged = Truth::No;
        let mut unknown: Option<Facet> = None;
        for (name, flag, what) in destinations {
            let destination = input(inputs, name);
            let given = destination.map_or(Truth::No, Node::is_given);
            if given == Truth::Unknown {
                unknown.get_or_insert_with(|| {
                    destination.map_or_else(|| Facet::of_unknown(content), Facet::of_unknown)
                });
            }
            logged = logged.or(given);
            if given != Truth::Yes {
                continue;
            }
            let encrypted = input(inputs, flag);
            match encrypted.map_or(Truth::No, Node::truth) {
                Truth::Yes => {}
                Truth::No => {
                    return Some(Facet::no(
                        encrypted.or(destination).map_or(content.span, |n| n.span),
                        format!(
                            " (`{flag}` is not true: the {what} session logs go to need not be encrypted)"
                        ),
                    ));
                }
                Truth::Unknown => {
                    unknown.get_or_insert_with(|| {
                        encrypted.map_or_else(|| Facet::of_unknown(content), Facet::of_unknown)
                    });
                }
            }
        }
        if let Some(u) = unknown {
            return Some(u);
        }
        Some(match logged {
            Truth::Yes => Facet::yes(inputs.map_or(content.span, |i| i.span)),
            _ => Facet::no(
                inputs.map_or(content.span, |i| i.span),
                " (neither `s3BucketName` nor `cloudWatchLogGroupName`: sessions are not logged)",
            ),
        })
    }
}

/// An input of the preferences, when written (null counts as absent).
fn input<'a>(inputs: Option<&'a Node>, key: &str) -> Option<&'a Node> {
    inputs?.get(key).filter(|v| !v.is_null())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Map, Mode};
    use crate::source::Span;

    fn document(content: &str, format: &str) -> Resource {
        let mut attrs = Map::default();
        for (k, v) in [
            ("document_type", "Session"),
            ("content", content),
            ("document_format", format),
        ] {
            attrs.insert(k, Span::default(), Node::string(v, Span::default()));
        }
        Resource {
            address: "aws_ssm_document.d".into(),
            kind: "aws_ssm_document".into(),
            mode: Mode::Managed,
            span: Span::default(),
            attrs,
            module_calls: Vec::new(),
            metadata: None,
        }
    }

    fn states(r: &Resource) -> Option<(Truth, Truth)> {
        let p = session_preferences(r);
        Some((p.kms_key()?.state, p.logging()?.state))
    }

    #[test]
    fn yaml_and_json_text_give_the_same_preferences() {
        let json = document(
            r#"{"schemaVersion":"1.0","sessionType":"Standard_Stream","inputs":{"kmsKeyId":"k","s3BucketName":"b","s3EncryptionEnabled":true}}"#,
            "JSON",
        );
        let yaml = document(
            "schemaVersion: '1.0'\nsessionType: Standard_Stream\ninputs:\n  kmsKeyId: k\n  s3BucketName: b\n  s3EncryptionEnabled: true\n",
            "YAML",
        );
        assert_eq!(states(&json), Some((Truth::Yes, Truth::Yes)));
        assert_eq!(states(&yaml), Some((Truth::Yes, Truth::Yes)));
    }

    #[test]
    fn a_destination_without_its_encryption_switch_is_not_enough() {
        let r = document(
            r#"{"schemaVersion":"1.0","sessionType":"Standard_Stream","inputs":{"cloudWatchLogGroupName":"g"}}"#,
            "JSON",
        );
        assert_eq!(states(&r), Some((Truth::No, Truth::No)));
    }

    #[test]
    fn unreadable_content_is_undecided_and_other_session_types_are_not_judged() {
        let broken = document("{ not json", "JSON");
        assert!(matches!(
            session_preferences(&broken),
            SessionPreferences::Undecided(_)
        ));
        let port = document(r#"{"schemaVersion":"1.0","sessionType":"Port"}"#, "JSON");
        assert!(matches!(
            session_preferences(&port),
            SessionPreferences::NotPreferences
        ));
    }
}
