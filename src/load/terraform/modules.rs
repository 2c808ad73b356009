//! A Terraform project: module directories, their inputs, and module calls between them.
//!
//! Directories found by the walk are candidate roots; a directory another one calls as a local
//! module is a child, loaded through its caller with the caller's inputs (so a finding inside a
//! module knows through which calls it was reached). Modules installed by `terraform init` are
//! found through `.terraform/modules/modules.json`; nothing is ever downloaded.

use super::eval::{Evaluator, Scope};
use super::{ParsedFile, TfvarsFile, declarations};
use crate::graph::module_inputs::ModuleInputs;
use crate::graph::provider_links::ProviderLinks;
use crate::graph::value_origins::ValueOrigins;
use crate::graph::{Map, Node, NotLinted, Resource};
use crate::load::{LoadError, VariableInput};
use crate::source::{SourceFile, SourceMap, Span};
use rayon::prelude::*;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};

/// Module nesting deeper than this is reported as an error (it is almost surely recursion).
pub const MAX_MODULE_DEPTH: usize = 24;
/// Directories that module discovery may add beyond the walk, a bound for hostile input.
const MAX_DISCOVERED_DIRS: usize = 2_000;

pub struct Project {
    pub dirs: BTreeMap<PathBuf, Vec<ParsedFile>>,
    pub tfvars: BTreeMap<PathBuf, Vec<TfvarsFile>>,
    /// `.terraform/modules/modules.json` of a root: module key → directory.
    pub manifests: HashMap<PathBuf, HashMap<String, PathBuf>>,
    /// `--var-file` and `--var`, in command-line order.
    pub cli: Vec<CliVariable>,
    /// `TF_VAR_name` values.
    pub env: Vec<(String, String)>,
}

pub enum CliVariable {
    File(TfvarsFile),
    Assignment(String, String),
}

/// Lexical normalisation (`a/./b/../c` → `a/c`), so a module reached as `../x` and the same
/// directory found by the walk are one directory.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                // `/..` is `/`.
                Some(Component::RootDir | Component::Prefix(_)) => {}
                // Above the start of a relative path `..` stays, and so do the ones after it:
                // `../../modules/db` seen from `envs/prod` run as `.`.
                Some(Component::ParentDir | Component::CurDir) | None => out.push(".."),
            },
            other => out.push(other),
        }
    }
    out
}

/// `source = "./x"` or `"../x"`: a local module directory.
pub fn local_source(dir: &Path, source: &str) -> Option<PathBuf> {
    (source.starts_with("./") || source.starts_with("../")).then(|| normalize(&dir.join(source)))
}

fn module_sources(files: &[ParsedFile]) -> Vec<String> {
    files
        .iter()
        .flat_map(|f| f.body.blocks())
        .filter(|b| b.ident.as_str() == "module")
        .filter_map(|b| match &b.body.get_attribute("source")?.value {
            hcl_edit::expr::Expression::String(s) => Some(s.value().to_string()),
            _ => None,
        })
        .collect()
}

/// Reads `.terraform/modules/modules.json`; entries must stay inside the root directory.
fn read_manifest(root: &Path) -> Option<HashMap<String, PathBuf>> {
    let path = root.join(".terraform/modules/modules.json");
    // Bounded, and never a FIFO or a device, which could block the run.
    let text = crate::load::read_text(&path, crate::load::DEFAULT_MAX_FILE_BYTES).ok()?;
    let doc = crate::graph::parse::json::parse(&text, crate::source::FileId(0)).ok()?;
    let mut out = HashMap::new();
    for m in doc.get("Modules").map(Node::items).unwrap_or_default() {
        let (Some(key), Some(dir)) = (
            m.get("Key").and_then(Node::as_str),
            m.get("Dir").and_then(Node::as_str),
        ) else {
            continue;
        };
        let relative = normalize(Path::new(dir));
        if key.is_empty()
            || relative.is_absolute()
            || relative.components().next() == Some(Component::ParentDir)
        {
            continue;
        }
        out.insert(key.to_string(), normalize(&root.join(relative)));
    }
    Some(out)
}

/// Loads every module directory reachable from the walked ones (local sources and installed
/// modules), adding their files to `sources`. Returns the load errors of discovered files.
pub fn discover(project: &mut Project, sources: &mut SourceMap) -> Vec<LoadError> {
    let mut errors = Vec::new();
    let walked: Vec<PathBuf> = project.dirs.keys().cloned().collect();
    for dir in &walked {
        if let Some(manifest) = read_manifest(dir) {
            project.manifests.insert(dir.clone(), manifest);
        }
    }
    let mut queue: Vec<PathBuf> = Vec::new();
    let mut seen: BTreeSet<PathBuf> = project.dirs.keys().cloned().collect();
    let mut enqueue = |dir: PathBuf, queue: &mut Vec<PathBuf>| {
        if seen.len() < walked.len() + MAX_DISCOVERED_DIRS && seen.insert(dir.clone()) {
            queue.push(dir);
        }
    };
    for (dir, files) in &project.dirs {
        for source in module_sources(files) {
            if let Some(child) = local_source(dir, &source) {
                enqueue(child, &mut queue);
            }
        }
    }
    for manifest in project.manifests.values() {
        for dir in manifest.values() {
            enqueue(dir.clone(), &mut queue);
        }
    }
    while !queue.is_empty() {
        let batch = std::mem::take(&mut queue);
        // Read sequentially into the source map, then parse the batch in parallel.
        let mut loaded: Vec<(PathBuf, Vec<crate::source::FileId>)> = Vec::new();
        for dir in batch {
            let mut names: Vec<PathBuf> = match std::fs::read_dir(&dir) {
                Ok(entries) => entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| {
                        super::is_configuration_file(p)
                            && p.is_file()
                            && !super::is_shadowed_by_tofu(p)
                    })
                    .collect(),
                Err(_) => continue,
            };
            names.sort();
            let mut ids = Vec::new();
            for path in names {
                match crate::load::read_text(&path, crate::load::DEFAULT_MAX_FILE_BYTES) {
                    Ok(text) => ids.push(sources.add(SourceFile::new(path, text))),
                    Err(message) => {
                        let id = sources.add(SourceFile::new(path, ""));
                        errors.push(LoadError::new(message, Span::new(id, 0, 0)));
                    }
                }
            }
            loaded.push((dir, ids));
        }
        let parsed: Vec<(PathBuf, Vec<Result<ParsedFile, LoadError>>)> = loaded
            .into_par_iter()
            .map(|(dir, ids)| {
                let files = ids
                    .into_iter()
                    .map(|id| {
                        let text = sources.get(id).map_or("", |f| &f.text);
                        super::parse_module_file(id, sources.path(id), text)
                    })
                    .collect();
                (dir, files)
            })
            .collect();
        for (dir, results) in parsed {
            let mut files = Vec::new();
            for r in results {
                match r {
                    Ok(f) => files.push(f),
                    Err(e) => errors.push(e),
                }
            }
            for source in module_sources(&files) {
                if let Some(child) = local_source(&dir, &source) {
                    enqueue(child, &mut queue);
                }
            }
            project.dirs.insert(dir, files);
        }
    }
    errors
}

/// The walked directories no other walked directory calls as a local module, plus any walked
/// directory that no root reaches (so a cycle of modules is still linted, and reported).
pub fn roots(project: &Project, walked: &BTreeSet<PathBuf>) -> Vec<PathBuf> {
    let calls = |dir: &Path| calls(project, dir);
    let called: BTreeSet<PathBuf> = walked
        .iter()
        .flat_map(|d| calls(d).into_iter().filter(move |c| c != d))
        .collect();
    let mut roots: Vec<PathBuf> = walked
        .iter()
        .filter(|d| !called.contains(*d))
        .cloned()
        .collect();
    let mut reached: BTreeSet<PathBuf> = BTreeSet::new();
    let mut stack = roots.clone();
    while let Some(d) = stack.pop() {
        if reached.insert(d.clone()) {
            stack.extend(calls(&d));
        }
    }
    roots.extend(walked.iter().filter(|d| !reached.contains(*d)).cloned());
    roots.sort();
    roots
}

/// The module directories `dir` may call: its local sources and, for a root, the modules its
/// `.terraform/modules/modules.json` lists.
fn calls(project: &Project, dir: &Path) -> Vec<PathBuf> {
    project
        .dirs
        .get(dir)
        .map(|files| {
            module_sources(files)
                .iter()
                .filter_map(|s| local_source(dir, s))
                .chain(
                    project
                        .manifests
                        .get(dir)
                        .into_iter()
                        .flat_map(|m| m.values().cloned()),
                )
                .collect()
        })
        .unwrap_or_default()
}

/// Every directory some module of the project may call, itself included: an evaluation other
/// than its own as a root may read its files.
pub fn called(project: &Project) -> BTreeSet<PathBuf> {
    project
        .dirs
        .keys()
        .flat_map(|dir| calls(project, dir))
        .collect()
}

/// Variable values of a root module with Terraform's precedence, lowest first: `TF_VAR_`
/// environment, `terraform.tfvars`, `terraform.tfvars.json`, `*.auto.tfvars(.json)` in lexical
/// order, then `--var-file`/`--var` in command-line order. Declared defaults come below all.
pub fn root_inputs(project: &Project, dir: &Path, ev: &Evaluator<'_>) -> HashMap<String, Node> {
    let mut values: HashMap<String, Node> = HashMap::new();
    for (name, value) in &project.env {
        values.insert(name.clone(), ev.typed_text(name, value, Span::NONE));
    }
    let mut files: Vec<&TfvarsFile> = project
        .tfvars
        .get(dir)
        .map(|v| v.iter().collect())
        .unwrap_or_default();
    let rank = |f: &TfvarsFile| -> (u8, String) {
        let name = ev
            .sources
            .path(f.file)
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let order = match name.as_str() {
            "terraform.tfvars" => 0,
            "terraform.tfvars.json" => 1,
            n if n.ends_with(".auto.tfvars") || n.ends_with(".auto.tfvars.json") => 2,
            _ => 3,
        };
        (order, name)
    };
    // Other *.tfvars files in the directory are only read when named with --var-file.
    files.retain(|f| rank(f).0 < 3);
    files.sort_by_key(|f| rank(f));
    for f in files {
        values.extend(ev.tfvars_values(f));
    }
    for cli in &project.cli {
        match cli {
            CliVariable::File(f) => values.extend(ev.tfvars_values(f)),
            CliVariable::Assignment(name, value) => {
                values.insert(name.clone(), ev.typed_text(name, value, Span::NONE));
            }
        }
    }
    values
}

/// What evaluating one root learns besides resources and errors, shared by every module
/// instance under it.
#[derive(Default)]
pub struct RootRecord {
    /// Values inside modules that a module call decided.
    pub module_inputs: RefCell<ModuleInputs>,
    /// Where the locals and variables that expressions use were written.
    pub value_origins: RefCell<ValueOrigins>,
    /// Module calls whose module could not be read.
    pub not_linted: RefCell<Vec<NotLinted>>,
    /// Resources that do not use their provider's default configuration of the root module.
    pub provider_links: RefCell<ProviderLinks>,
    /// Resource and module instances made so far, against [`MAX_ROOT_INSTANCES`].
    instances: std::cell::Cell<usize>,
}

/// Resource and module instances one root makes at most. `count` and `for_each` are capped one
/// by one, but they multiply through nested module calls (10,000 calls of a module whose
/// resource has `count = 10000`); the whole configuration needs a bound too.
pub const MAX_ROOT_INSTANCES: usize = 200_000;

impl RootRecord {
    /// Counts one more instance of the resource or module call declared at `at`; past the cap
    /// says so there, once, and answers false: the instance is not made.
    pub fn take_instance(&self, at: Span) -> bool {
        let made = self.instances.get();
        if made >= MAX_ROOT_INSTANCES {
            self.not_linted(
                at,
                format!(
                    "this configuration makes more than {MAX_ROOT_INSTANCES} resource and module instances; the rest are not linted (zt-lint's cap)"
                ),
            );
            return false;
        }
        self.instances.set(made + 1);
        true
    }

    pub fn not_linted(&self, span: Span, reason: String) {
        let mut list = self.not_linted.borrow_mut();
        // A call inside a module instantiated several times is one call.
        if !list.iter().any(|n| n.span == span) {
            list.push(NotLinted { span, reason });
        }
    }
}

/// One root module evaluated with its whole module tree.
#[derive(Default)]
pub struct BuiltRoot {
    pub resources: Vec<Resource>,
    pub errors: Vec<LoadError>,
    pub module_inputs: ModuleInputs,
    pub value_origins: ValueOrigins,
    pub not_linted: Vec<NotLinted>,
    pub provider_links: ProviderLinks,
}

/// Builds the model of one root module and every module it calls. `owned`: the root's files,
/// when no other evaluation reads them (see [`called`]); else they are read from `project`.
pub fn build_root(
    project: &Project,
    sources: &SourceMap,
    dir: &Path,
    owned: Option<Vec<ParsedFile>>,
) -> BuiltRoot {
    let mut owned = owned;
    let detached = owned
        .as_deref_mut()
        .map(super::detach_resource_bodies)
        .unwrap_or_default();
    let Some(files) = owned
        .as_deref()
        .or_else(|| project.dirs.get(dir).map(Vec::as_slice))
    else {
        return BuiltRoot::default();
    };
    let decls = declarations(files);
    let record = RootRecord::default();
    for (span, reason) in &decls.not_merged {
        record.not_linted(*span, reason.clone());
    }
    let scope = Scope {
        project,
        sources,
        dir: dir.to_path_buf(),
        prefix: String::new(),
        stack: vec![dir.to_path_buf()],
        trail: Vec::new(),
        root: dir.to_path_buf(),
        manifest_key: String::new(),
        record: &record,
        providers: super::providers::Inherited::Root,
    };
    // Variables are typed by their declarations, so a first evaluator reads the inputs.
    let probe = Evaluator::new(&decls, scope.clone(), HashMap::new());
    let inputs = root_inputs(project, dir, &probe);
    drop(probe);
    let ev = Evaluator::new(&decls, scope, inputs);
    let resources = ev.resources_of(detached);
    let mut errors = decls.errors.clone();
    errors.extend(ev.into_errors());
    let mut not_linted = record.not_linted.into_inner();
    not_linted.sort_by_key(|n| n.span);
    BuiltRoot {
        resources,
        errors,
        module_inputs: record.module_inputs.into_inner(),
        value_origins: record.value_origins.into_inner(),
        not_linted,
        provider_links: record.provider_links.into_inner(),
    }
}

/// Evaluates a child module instance: its resources and its outputs.
pub fn instantiate(
    scope: Scope<'_>,
    inputs: HashMap<String, Node>,
) -> (Vec<Resource>, Map, Vec<LoadError>) {
    let Some(files) = scope.project.dirs.get(&scope.dir) else {
        return (Vec::new(), Map::default(), Vec::new());
    };
    let decls = declarations(files);
    for (span, reason) in &decls.not_merged {
        scope.record.not_linted(*span, reason.clone());
    }
    let ev = Evaluator::new(&decls, scope, inputs);
    let resources = ev.resources();
    let outputs = ev.outputs();
    let mut errors = decls.errors.clone();
    errors.extend(ev.into_errors());
    (resources, outputs, errors)
}

impl Project {
    pub fn new(
        dirs: BTreeMap<PathBuf, Vec<ParsedFile>>,
        tfvars: BTreeMap<PathBuf, Vec<TfvarsFile>>,
        cli: Vec<CliVariable>,
        env: Vec<(String, String)>,
    ) -> Project {
        Project {
            dirs,
            tfvars,
            manifests: HashMap::new(),
            cli,
            env,
        }
    }
}

/// Turns `--var-file`/`--var` into project inputs, reading var files into the source map.
pub fn cli_variables(
    inputs: &[VariableInput],
    sources: &mut SourceMap,
    errors: &mut Vec<LoadError>,
) -> Vec<CliVariable> {
    let mut out = Vec::new();
    for input in inputs {
        match input {
            VariableInput::Assignment { name, value } => {
                out.push(CliVariable::Assignment(name.clone(), value.clone()))
            }
            VariableInput::File(path) => {
                match crate::load::read_text(path, crate::load::DEFAULT_MAX_FILE_BYTES) {
                    Ok(text) => {
                        let id = sources.add(SourceFile::new(path.clone(), text));
                        let text = sources.get(id).map(|f| f.text.clone()).unwrap_or_default();
                        match super::parse_tfvars(
                            id,
                            &text,
                            path.to_string_lossy().ends_with(".json"),
                        ) {
                            Ok(f) => out.push(CliVariable::File(f)),
                            Err(e) => errors.push(e),
                        }
                    }
                    Err(message) => {
                        let id = sources.add(SourceFile::new(path.clone(), ""));
                        errors.push(LoadError::new(message, Span::new(id, 0, 0)));
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_lexically() {
        assert_eq!(
            normalize(Path::new("infra/prod/../modules/./vpc")),
            PathBuf::from("infra/modules/vpc")
        );
        assert_eq!(normalize(Path::new("../x")), PathBuf::from("../x"));
        assert_eq!(
            normalize(Path::new("../../modules/db")),
            PathBuf::from("../../modules/db")
        );
        assert_eq!(
            local_source(Path::new(""), "../../modules/db"),
            Some(PathBuf::from("../../modules/db"))
        );
        assert_eq!(normalize(Path::new("/..")), PathBuf::from("/"));
        assert_eq!(
            local_source(Path::new("a/b"), "../c"),
            Some(PathBuf::from("a/c"))
        );
        assert_eq!(
            local_source(Path::new("a"), "terraform-aws-modules/vpc/aws"),
            None
        );
    }
}
