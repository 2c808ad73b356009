//! Configuration of tools that write the infrastructure code deployed (Terragrunt, the
//! Serverless Framework): recognised by name and reported as not linted, never skipped as if
//! it were not infrastructure. What they deploy is linted in the form they write it.

use crate::graph::parse::yaml;
use crate::graph::{Model, NamingCatalog, NotLinted, Origin};
use crate::source::{FileId, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OtherTool {
    Terragrunt,
    Serverless,
}

/// The tool a file configures, by its name: these names are the tools' own.
pub fn by_name(name: &str) -> Option<OtherTool> {
    match name {
        "terragrunt.hcl" | "terragrunt.hcl.json" | "terragrunt.stack.hcl" => {
            Some(OtherTool::Terragrunt)
        }
        "serverless.yml" | "serverless.yaml" | "serverless.json" => Some(OtherTool::Serverless),
        _ => None,
    }
}

/// A model holding only the not-linted entry that says why, or `None` when the file is not the
/// tool's configuration after all (a CloudFormation template named `serverless.yml` is linted,
/// and a file that does not parse is reported as the error it is).
pub fn model(
    tool: OtherTool,
    id: FileId,
    text: &str,
    naming: &'static NamingCatalog,
) -> Option<Model> {
    let (origin, span, reason) = match tool {
        OtherTool::Terragrunt => (
            Origin::Terraform,
            Span::new(id, 0, 0),
            "Terragrunt configuration is not Terraform: the module it sources and the inputs it \
             passes are not linted here; lint the plan Terragrunt writes (terragrunt plan -out \
             tfplan && terragrunt show -json tfplan > plan.json), or the module with its inputs \
             as a -var-file"
                .to_string(),
        ),
        OtherTool::Serverless => {
            let root = yaml::parse(text, id).ok()?;
            let doc = root.as_map()?;
            // A template has `Resources` at the top, the framework's `service`: anything else
            // under the framework's name is said not linted rather than skipped.
            if doc.get("service").is_none() && doc.get("Resources").is_some() {
                return None;
            }
            // The raw CloudFormation under `resources` and the IAM statements under `provider`
            // hold the framework's variables (`${self:custom.cidr}`, `${opt:stage}`), which
            // only it resolves: read as text, they would be judged wrong.
            let span = doc
                .entries
                .iter()
                .find(|e| e.key == "resources")
                .map_or(Span::new(id, 0, 0), |e| e.key_span);
            (
                Origin::CloudFormation,
                span,
                "Serverless Framework configuration is not linted: its functions, IAM \
                 statements and `resources` become CloudFormation only when the framework \
                 resolves its variables; lint the template `serverless package` writes \
                 (zt-lint .serverless: a directory walk skips hidden ones)"
                    .to_string(),
            )
        }
    };
    let mut model = Model::with_naming(origin, Vec::new(), naming);
    model.not_linted.push(NotLinted { span, reason });
    Some(model)
}
