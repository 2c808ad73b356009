//! Nested stacks whose template is a local file of the same run: the child template is linted
//! with the parameters its parent passes unknown, not at its own defaults, which the parent's
//! values replace when CloudFormation deploys it.

use super::{Workspace, cloudformation};
use crate::graph::parse::{json, yaml};
use crate::graph::{Model, NamingCatalog, Origin};
use crate::source::FileId;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Loads again, with the parameters their parents pass, the templates that nested stacks of
/// this run name by a local `TemplateURL` (before `aws cloudformation package` uploads them).
pub fn relink(ws: &mut Workspace, naming: &'static NamingCatalog) {
    let passed = passed_parameters(ws);
    for (child, passed) in passed {
        let Some(text) = ws.sources.get(child).map(|f| f.text.clone()) else {
            continue;
        };
        // The same detection as the first reading: JSON for a document that opens with a
        // brace, YAML (every document of the stream) otherwise.
        let documents = if text.trim_start().starts_with('{') {
            json::parse(&text, child).map(|d| vec![d])
        } else {
            yaml::parse_documents(&text, child)
        };
        let Ok(documents) = documents else { continue };
        let reloaded: Vec<Model> = documents
            .iter()
            .filter(|d| cloudformation::is_template(d))
            .filter_map(|d| cloudformation::load_nested(d, child, naming, &passed).ok())
            .collect();
        let from_child = |m: &Model| {
            m.origin == Origin::CloudFormation
                && m.resources.first().is_some_and(|r| r.span.file == child)
        };
        let Some(at) = ws.models.iter().position(from_child) else {
            continue;
        };
        // Each document read before is replaced by its reading with the parent's parameters.
        ws.models.retain(|m| !from_child(m));
        let at = at.min(ws.models.len());
        ws.models.splice(at..at, reloaded);
    }
}

/// For each template file of the run that a nested stack names, the parameters passed to it,
/// each with the reason it is unknown in the child.
fn passed_parameters(ws: &Workspace) -> BTreeMap<FileId, cloudformation::PassedParameters> {
    let by_path: HashMap<PathBuf, FileId> = ws
        .sources
        .files()
        .map(|(id, f)| (super::terraform::modules::normalize(&f.path), id))
        .collect();
    let mut passed: BTreeMap<FileId, cloudformation::PassedParameters> = BTreeMap::new();
    for model in ws
        .models
        .iter()
        .filter(|m| m.origin == Origin::CloudFormation)
    {
        for (_, stack) in model.of_kind(&[cloudformation::NESTED_STACK]) {
            let Some(url) = stack.get("TemplateURL").and_then(|u| u.as_str()) else {
                continue;
            };
            // An S3 or HTTPS URL names an uploaded template, not a file of this run.
            if url.contains("://") || url.starts_with("s3:") {
                continue;
            }
            let parent = ws.sources.path(stack.span.file);
            let path = parent.parent().unwrap_or(Path::new("")).join(url);
            let Some(&child) = by_path.get(&super::terraform::modules::normalize(&path)) else {
                continue;
            };
            let Some(parameters) = stack.get("Parameters").and_then(|p| p.as_map()) else {
                continue;
            };
            let entry = passed.entry(child).or_default();
            for (name, _) in parameters.iter() {
                entry.entry(name.to_string()).or_insert_with(|| {
                    format!(
                        "parameter {name} is passed by nested stack {} of {}",
                        stack.address,
                        parent.display()
                    )
                });
            }
        }
    }
    passed
}
