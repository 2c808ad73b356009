//! Nested stacks whose template is a local file of the same run: the child template is linted
//! with the parameters its parent passes unknown, not at its own defaults, which the parent's
//! values replace when CloudFormation deploys it.

use super::{Workspace, cloudformation};
use crate::graph::{Model, NamingCatalog, NotLinted, Origin};
use crate::source::{FileId, Span};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Loads again, with the parameters their parents pass, the templates that nested stacks of
/// this run name by a local `TemplateURL` (before `aws cloudformation package` uploads them).
/// A child that cannot be read again is not linted at its own defaults, which the parent's
/// values replace: its reading is dropped and said not linted at each parent's `TemplateURL`.
pub fn relink(ws: &mut Workspace, naming: &'static NamingCatalog) {
    let passed = passed_parameters(ws);
    for (child, (passed, stacks)) in passed {
        let reloaded = ws
            .sources
            .get(child)
            .and_then(|f| super::nested_templates(&f.text, child, naming, &passed));
        let from_child = |m: &Model| {
            m.origin == Origin::CloudFormation
                && m.resources.first().is_some_and(|r| r.span.file == child)
        };
        let at = ws.models.iter().position(from_child);
        ws.models.retain(|m| !from_child(m));
        match (reloaded, at) {
            // Each document read before is replaced by its reading with the parent's parameters.
            (Some(reloaded), Some(at)) => {
                let at = at.min(ws.models.len());
                ws.models.splice(at..at, reloaded);
            }
            // Nothing of the child was linted before: nothing to replace.
            (Some(_), None) => {}
            (None, _) => {
                let child_path = ws.sources.path(child).display().to_string();
                let mut model = Model::with_naming(Origin::CloudFormation, Vec::new(), naming);
                model.not_linted = stacks
                    .into_iter()
                    .map(|(span, stack)| NotLinted {
                        span,
                        reason: format!(
                            "the template of nested stack {stack} ({child_path}) could not be read as a \
                             template to lint it with the parameters passed here: it is not linted"
                        ),
                    })
                    .collect();
                ws.models.push(model);
            }
        }
    }
}

/// The parameters passed to a child template, each with the reason it is unknown in the child,
/// and the nested stacks that pass them: where each names the template, and its logical id.
type Passed = (cloudformation::PassedParameters, Vec<(Span, String)>);

/// For each template file of the run that a nested stack names, what is passed to it.
fn passed_parameters(ws: &Workspace) -> BTreeMap<FileId, Passed> {
    let by_path: HashMap<PathBuf, FileId> = ws
        .sources
        .files()
        .map(|(id, f)| (super::terraform::modules::normalize(&f.path), id))
        .collect();
    let mut passed: BTreeMap<FileId, Passed> = BTreeMap::new();
    for model in ws
        .models
        .iter()
        .filter(|m| m.origin == Origin::CloudFormation)
    {
        for (_, stack) in model.of_kind(&[cloudformation::NESTED_STACK]) {
            let Some(url_node) = stack.get("TemplateURL") else {
                continue;
            };
            let Some(url) = url_node.as_str() else {
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
            let (entry, stacks) = passed.entry(child).or_default();
            let at = if url_node.span.is_empty() {
                stack.span
            } else {
                url_node.span
            };
            stacks.push((at, stack.address.clone()));
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
