//! Turns paths into source files and resource models: walking, reading, format detection by
//! content, and one loader per format. Loaders never know a rule exists.

pub mod cloudformation;
mod nested_stacks;
pub mod other_tools;
pub mod plan;
mod plan_providers;
pub mod plan_sources;
pub mod terraform;

use crate::graph::parse::{SyntaxError, json, yaml};
use crate::graph::{Model, NamingCatalog};
use crate::source::{FileId, SourceFile, SourceMap, Span};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// Files larger than this are reported, not read: inputs come from untrusted pull requests.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;

/// A plan is read one change at a time, in about 5 bytes of memory per byte of JSON, and one of
/// a large account is big: 100,000 resources of the bench's mix are 167 MB. A JSON file, which
/// may be a plan, is read up to this size; only a plan is parsed beyond the limit for other
/// files, which are read at up to 40 bytes per byte (HCL) or 18 (a template).
pub const DEFAULT_MAX_PLAN_BYTES: u64 = 256 * 1024 * 1024;

/// A file that could not be read or parsed, located as precisely as the parser allows.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadError {
    pub message: String,
    pub span: Span,
}

impl LoadError {
    pub fn new(message: impl Into<String>, span: Span) -> LoadError {
        LoadError {
            message: message.into(),
            span,
        }
    }
}

impl From<SyntaxError> for LoadError {
    fn from(e: SyntaxError) -> LoadError {
        LoadError {
            message: e.message,
            span: e.span,
        }
    }
}

#[derive(Clone, Debug)]
pub struct LoadOptions {
    pub max_file_bytes: u64,
    /// The limit for a JSON file that is a plan (see [`DEFAULT_MAX_PLAN_BYTES`]).
    pub max_plan_bytes: u64,
    /// `--var-file` and `--var`, in command-line order (later ones win).
    pub variables: Vec<VariableInput>,
    /// `TF_VAR_name` environment values, as (name, value).
    pub env_variables: Vec<(String, String)>,
    /// The Terraform configuration that produced the plans (`--source`); by default each
    /// plan's own directory, when it holds `.tf` files.
    pub plan_source: Option<PathBuf>,
    /// Paths never loaded (the configuration's `exclude`).
    pub exclude: Option<crate::config::PathMatcher>,
    /// The names models are indexed by. The caller passes the catalog's, so that loaders
    /// neither spell nor import them.
    pub naming: &'static NamingCatalog,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VariableInput {
    File(PathBuf),
    Assignment { name: String, value: String },
}

impl LoadOptions {
    /// The default limits, no variables, and models indexed with `naming`.
    pub fn new(naming: &'static NamingCatalog) -> Self {
        LoadOptions {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            max_plan_bytes: DEFAULT_MAX_PLAN_BYTES,
            variables: Vec::new(),
            env_variables: Vec::new(),
            plan_source: None,
            exclude: None,
            naming,
        }
    }
}

/// Everything a run loaded.
#[derive(Debug, Default)]
pub struct Workspace {
    pub sources: SourceMap,
    pub models: Vec<Model>,
    pub errors: Vec<LoadError>,
    /// Infrastructure files read: templates, plans, `.tf` files, and files that failed.
    pub files: usize,
    /// Files seen in a directory walk that are not infrastructure code (listed with `-v`).
    pub skipped: Vec<PathBuf>,
    /// Symbolic links in a walk that lead outside the walked directory: not followed.
    pub outside_links: Vec<PathBuf>,
    /// Where plan values are written in the Terraform sources of the plans.
    pub plan_sources: plan_sources::PlanSources,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Candidate {
    Hcl,
    /// `*.tf.json`: Terraform's JSON syntax, one module with the `.tf` files beside it.
    HclJson,
    Tfvars {
        json: bool,
    },
    Json,
    Yaml,
    /// Another tool's configuration, said to be not linted.
    OtherTool(other_tools::OtherTool),
    /// Terraform state, by the names Terraform gives it: said to be not linted whatever it
    /// holds (a version 3 state, OpenTofu's encrypted state, an empty file).
    State,
    /// A `.tf` file of a walk beside its `.tofu` namesake: OpenTofu reads the `.tofu` file in
    /// its place, so zt-lint does; Terraform would deploy this one, so it is said not linted.
    ShadowedByTofu,
}

fn candidate(path: &Path) -> Option<Candidate> {
    let name = path.file_name()?.to_str()?;
    if let Some(tool) = other_tools::by_name(name) {
        return Some(Candidate::OtherTool(tool));
    }
    // State, under the names Terraform gives it: recognised and said to be not linted.
    if name.ends_with(".tfstate") || name.ends_with(".tfstate.backup") {
        return Some(Candidate::State);
    }
    let ext = Path::new(name).extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        // OpenTofu's own extensions, read as Terraform's.
        "tf" | "tofu" => Some(Candidate::Hcl),
        "tfvars" => Some(Candidate::Tfvars { json: false }),
        "json" if name.ends_with(".tfvars.json") => Some(Candidate::Tfvars { json: true }),
        "json" if terraform::is_json_syntax(path) => Some(Candidate::HclJson),
        "json" => Some(Candidate::Json),
        "yaml" | "yml" | "template" => Some(Candidate::Yaml),
        _ => None,
    }
}

/// A directory walk could not read a path (an unreadable subdirectory, say).
#[derive(Debug)]
pub struct WalkError {
    pub path: PathBuf,
    pub message: String,
}

/// The path an error of the walker is about, when it says.
fn walk_error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        ignore::Error::Partial(errors) => errors.iter().find_map(walk_error_path),
        _ => None,
    }
}

/// Directories never worth walking into: VCS data, provider caches, JavaScript dependencies.
fn is_excluded_dir(name: &str) -> bool {
    matches!(
        name,
        ".git" | ".terraform" | "node_modules" | ".terragrunt-cache"
    )
}

/// Expands the given paths into the files to read, sorted, without duplicates. Explicitly named
/// files are always taken; directories are walked honouring `.gitignore`. Symbolic links are
/// followed while they stay inside the walked directory (the walker stops at loops); a link
/// that leads outside it is not followed but listed in `outside_links`: a pull request must not
/// make zt-lint read files elsewhere on the machine.
pub fn collect_files(
    paths: &[PathBuf],
    errors: &mut Vec<WalkError>,
    outside_links: &mut Vec<PathBuf>,
) -> Vec<(PathBuf, bool)> {
    let mut files: BTreeMap<PathBuf, bool> = BTreeMap::new();
    for path in paths {
        if path.is_dir() {
            let root = std::fs::canonicalize(path).ok();
            let outside = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
            let record = outside.clone();
            let walker = ignore::WalkBuilder::new(path)
                .require_git(false)
                .hidden(true)
                .follow_links(root.is_some())
                .filter_entry(move |e| {
                    if e.path_is_symlink() {
                        let inside = root.as_ref().is_some_and(|root| {
                            std::fs::canonicalize(e.path()).is_ok_and(|t| t.starts_with(root))
                        });
                        if !inside {
                            if let Ok(mut list) = record.lock() {
                                list.push(e.path().to_path_buf());
                            }
                            return false;
                        }
                    }
                    !(e.file_type().is_some_and(|t| t.is_dir())
                        && e.file_name().to_str().is_some_and(is_excluded_dir))
                })
                .build();
            for entry in walker {
                match entry {
                    // Not only regular files: a FIFO or a device named like a template is
                    // a located error when read (never opened), or skipped with the other
                    // files that are not infrastructure, rather than left out without a word.
                    Ok(e) if e.file_type().is_some_and(|t| !t.is_dir()) => {
                        // `zt-lint .` shows `main.tf`, as `zt-lint envs/prod` shows
                        // `envs/prod/main.tf`: the same findings at the same paths.
                        let path = e.into_path();
                        let path = match path.strip_prefix(".") {
                            Ok(inside) => inside.to_path_buf(),
                            Err(_) => path,
                        };
                        files.entry(path).or_insert(false);
                    }
                    Ok(_) => {}
                    Err(err) => errors.push(WalkError {
                        path: walk_error_path(&err).unwrap_or_else(|| path.clone()),
                        message: err.to_string(),
                    }),
                }
            }
            if let Ok(mut list) = outside.lock() {
                outside_links.append(&mut list);
            }
        } else {
            files.insert(path.clone(), true);
            // A Terraform file (a variables file too) is part of a module: load its whole
            // directory for context.
            if matches!(
                candidate(path),
                Some(Candidate::Hcl | Candidate::HclJson | Candidate::Tfvars { .. })
            ) {
                let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
                let siblings = std::fs::read_dir(dir.unwrap_or(Path::new(".")));
                for entry in siblings.into_iter().flatten().flatten() {
                    let sibling = match dir {
                        Some(d) => d.join(entry.file_name()),
                        None => PathBuf::from(entry.file_name()),
                    };
                    let is_module_file = matches!(
                        candidate(&sibling),
                        Some(Candidate::Hcl | Candidate::HclJson | Candidate::Tfvars { .. })
                    );
                    if is_module_file && !sibling.is_dir() {
                        files.entry(sibling).or_insert(false);
                    }
                }
            }
        }
    }
    files.into_iter().collect()
}

/// Reads a file as text: UTF-8 (a BOM is dropped) or UTF-16 with a BOM, as Windows PowerShell
/// writes `terraform show -json` output.
pub fn read_text(path: &Path, max_bytes: u64) -> Result<String, String> {
    read_source_text(path, max_bytes).map_err(|e| e.message)
}

/// Why a file could not be read as text, with what is needed to locate the problem in it.
#[derive(Debug, PartialEq)]
pub struct Unreadable {
    pub message: String,
    /// The file's text as far as it could be decoded (invalid bytes replaced), so the error can
    /// be shown at its line and column; empty when nothing was read.
    pub text: String,
    /// Byte offset of the problem in `text`.
    pub offset: usize,
}

impl Unreadable {
    fn at_start(message: String) -> Unreadable {
        Unreadable {
            message,
            text: String::new(),
            offset: 0,
        }
    }
}

/// [`read_text`], locating decoding errors. Only regular files are read: a FIFO or a device
/// named like a template would block the run or never end. What is checked is the file that
/// was opened, not the path before opening it, so a file swapped in between changes nothing.
pub fn read_source_text(path: &Path, max_bytes: u64) -> Result<String, Unreadable> {
    let cannot_read = |e: std::io::Error| Unreadable::at_start(format!("cannot read file: {e}"));
    let file = open_without_blocking(path).map_err(cannot_read)?;
    let meta = file.metadata().map_err(cannot_read)?;
    if !meta.is_file() {
        return Err(Unreadable::at_start(
            "not a regular file (a FIFO, socket or device): not read".to_string(),
        ));
    }
    if meta.len() > max_bytes {
        return Err(Unreadable::at_start(format!(
            "file is {} bytes, larger than the {} byte limit",
            meta.len(),
            max_bytes
        )));
    }
    // Bounded even if the file grows after the size check.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, max_bytes.saturating_add(1)),
        &mut bytes,
    )
    .map_err(cannot_read)?;
    if bytes.len() as u64 > max_bytes {
        return Err(Unreadable::at_start(format!(
            "file is larger than the {max_bytes} byte limit"
        )));
    }
    decode(bytes)
}

/// Opens `path` for reading without waiting for a writer: opening a FIFO for reading blocks
/// until one comes, unless `O_NONBLOCK` is given. On a regular file the flag changes nothing.
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    options.open(path)
}

/// UTF-16 without a byte order mark: ASCII text with a NUL beside every character (the high
/// bytes after the low ones in little-endian). NUL bytes are valid UTF-8, so without this such
/// a file would be read as text full of NULs and skipped as "not infrastructure".
fn looks_like_utf16(bytes: &[u8], little_endian: bool) -> bool {
    let head = bytes.get(..bytes.len().min(64)).unwrap_or_default();
    if head.len() < 4 || head.len() % 2 != 0 {
        return false;
    }
    head.chunks_exact(2)
        .all(|pair| match (pair, little_endian) {
            ([low, 0], true) | ([0, low], false) => *low != 0,
            _ => false,
        })
}

fn decode(bytes: Vec<u8>) -> Result<String, Unreadable> {
    let utf16 = |rest: &[u8], le: bool| -> Result<String, Unreadable> {
        let units = rest.chunks_exact(2).map(|c| {
            let pair = [
                c.first().copied().unwrap_or(0),
                c.get(1).copied().unwrap_or(0),
            ];
            if le {
                u16::from_le_bytes(pair)
            } else {
                u16::from_be_bytes(pair)
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map_err(|_| Unreadable::at_start("file is not valid UTF-16".to_string()))
    };
    let utf8 = |bytes: &[u8]| -> Result<String, Unreadable> {
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(text.to_string()),
            Err(e) => Err(Unreadable {
                message: "file is not valid UTF-8".to_string(),
                text: String::from_utf8_lossy(bytes).into_owned(),
                // Everything before the first invalid byte decodes unchanged, so this offset
                // is the same in the lossy text.
                offset: e.valid_up_to(),
            }),
        }
    };
    match bytes.as_slice() {
        bytes if looks_like_utf16(bytes, true) => return utf16(bytes, true),
        bytes if looks_like_utf16(bytes, false) => return utf16(bytes, false),
        [0xEF, 0xBB, 0xBF, rest @ ..] => return utf8(rest),
        [0xFF, 0xFE, rest @ ..] => return utf16(rest, true),
        [0xFE, 0xFF, rest @ ..] => return utf16(rest, false),
        _ => {}
    }
    // Most files: the bytes become the text without a copy.
    String::from_utf8(bytes).or_else(|e| utf8(e.as_bytes()))
}

/// What a JSON or YAML file turned out to be.
enum Parsed {
    Model(Model),
    /// The templates of a YAML stream, one per template document, and the documents that failed.
    Templates(Vec<Model>, Vec<LoadError>),
    Hcl(terraform::ParsedFile),
    Tfvars(terraform::TfvarsFile),
    /// Terraform state or another tool's configuration: read, recognised, and reported as not
    /// linted.
    NotLinted(Model),
    /// Terraform state: not linted, and its text (secrets in plain text) is forgotten so that
    /// no report quotes it.
    State(Model),
    NotInfrastructure,
    Failed(LoadError),
}

/// Loads every path into models. Files are read and parsed in parallel; one Terraform module
/// (directory) becomes one model after all its files are parsed.
pub fn load(paths: &[PathBuf], options: &LoadOptions) -> Workspace {
    let mut walk_errors = Vec::new();
    let mut ws = Workspace::default();
    let mut files = collect_files(paths, &mut walk_errors, &mut ws.outside_links);
    if let Some(exclude) = &options.exclude {
        files.retain(|(path, _)| !exclude.matches(path));
    }

    // Naming a `.tf` file that a `.tofu` namesake shadows asks for what Terraform deploys: its
    // module is read as Terraform reads it, without the `.tofu` files (Terraform never reads
    // them) and with the `.tf` files they shadow. A `.tofu` file named too is still read.
    let terraform_dirs: HashSet<PathBuf> = files
        .iter()
        .filter(|(path, explicit)| {
            *explicit
                && matches!(candidate(path), Some(Candidate::Hcl | Candidate::HclJson))
                && terraform::is_shadowed_by_tofu(path)
        })
        .map(|(path, _)| path.parent().unwrap_or(Path::new("")).to_path_buf())
        .collect();
    let read_as_terraform =
        |path: &Path| terraform_dirs.contains(path.parent().unwrap_or(Path::new("")));
    let wanted: Vec<(PathBuf, bool, Candidate)> = files
        .into_iter()
        .filter_map(|(path, explicit)| match candidate(&path) {
            Some(Candidate::Hcl | Candidate::HclJson)
                if !explicit && terraform::is_tofu_file(&path) && read_as_terraform(&path) =>
            {
                ws.skipped.push(path);
                None
            }
            // A file the user named is read whatever is beside it.
            Some(Candidate::Hcl | Candidate::HclJson)
                if !explicit
                    && !read_as_terraform(&path)
                    && terraform::is_shadowed_by_tofu(&path) =>
            {
                Some((path, explicit, Candidate::ShadowedByTofu))
            }
            Some(c) => Some((path, explicit, c)),
            None => {
                if explicit {
                    // A file the user named that has an unfamiliar extension: sniff its content.
                    Some((path, explicit, Candidate::Yaml))
                } else {
                    ws.skipped.push(path);
                    None
                }
            }
        })
        .collect();

    let texts: Vec<(PathBuf, bool, Candidate, Result<String, Unreadable>)> = wanted
        .into_par_iter()
        .map(|(path, explicit, kind)| {
            // State holds secrets in plain text and is not linted whatever it holds: never read.
            if kind == Candidate::State {
                let text = std::fs::metadata(&path)
                    .map(|_| String::new())
                    .map_err(|e| Unreadable::at_start(format!("cannot read file: {e}")));
                return (path, explicit, kind, text);
            }
            let limit = match kind {
                Candidate::Json => options.max_plan_bytes.max(options.max_file_bytes),
                _ => options.max_file_bytes,
            };
            let text = read_source_text(&path, limit);
            (path, explicit, kind, text)
        })
        .collect();
    load_read(ws, texts, walk_errors, options)
}

/// Loads files already in memory, as if each path had been named on the command line and read:
/// the same detection, parsing and Terraform project assembly as [`load`]. Module directories
/// that none of `files` is in are still read from disk, as `load` reads them.
pub fn load_texts(files: Vec<(PathBuf, String)>, options: &LoadOptions) -> Workspace {
    let texts = files
        .into_iter()
        .map(|(path, text)| {
            // A named file of an unfamiliar extension is sniffed as `load` sniffs it.
            let kind = candidate(&path).unwrap_or(Candidate::Yaml);
            // State is never kept, as `load` never reads it.
            let text = if kind == Candidate::State {
                String::new()
            } else {
                text
            };
            (path, true, kind, Ok(text))
        })
        .collect();
    load_read(Workspace::default(), texts, Vec::new(), options)
}

/// The part of [`load`] after reading: parse every text, assemble Terraform projects and plans.
fn load_read(
    mut ws: Workspace,
    texts: Vec<(PathBuf, bool, Candidate, Result<String, Unreadable>)>,
    walk_errors: Vec<WalkError>,
    options: &LoadOptions,
) -> Workspace {
    // A source file's line index reads every byte of its text: built in parallel, then
    // numbered in path order.
    let files: Vec<_> = texts
        .into_par_iter()
        .map(|(path, explicit, kind, text)| match text {
            Ok(text) => (SourceFile::new(path, text), explicit, kind, None),
            Err(e) => (
                SourceFile::new(path, e.text),
                explicit,
                kind,
                Some((e.message, e.offset)),
            ),
        })
        .collect();
    let mut to_parse = Vec::with_capacity(files.len());
    for (file, explicit, kind, unreadable) in files {
        let id = ws.sources.add(file);
        match unreadable {
            None => to_parse.push((id, kind, explicit)),
            Some((message, offset)) => ws
                .errors
                .push(LoadError::new(message, Span::new(id, offset, offset))),
        }
    }

    let sources = &ws.sources;
    // Largest first: a multi-megabyte plan parsed last would leave the other threads idle
    // while it finishes. The results go back into path order below.
    let size = |id: FileId| sources.get(id).map_or(0, |f| f.text.len());
    to_parse.sort_by_key(|&(id, _, _)| (std::cmp::Reverse(size(id)), id));
    let mut parsed: Vec<(FileId, Parsed)> = to_parse
        .par_iter()
        .map(|&(id, kind, explicit)| {
            let text = sources.get(id).map_or("", |f| &f.text);
            if kind == Candidate::Json && text.len() as u64 > options.max_file_bytes {
                return (
                    id,
                    parse_large_json(id, text, options.max_file_bytes, options.naming),
                );
            }
            (id, parse_file(id, text, kind, explicit, options.naming))
        })
        .collect();
    parsed.sort_by_key(|&(id, _)| id);

    let mut hcl_by_dir: BTreeMap<PathBuf, Vec<terraform::ParsedFile>> = BTreeMap::new();
    let mut tfvars_by_dir: BTreeMap<PathBuf, Vec<terraform::TfvarsFile>> = BTreeMap::new();
    let mut plans: Vec<(FileId, Model)> = Vec::new();
    ws.files = ws.sources.len();
    for (id, parsed) in parsed {
        let dir = || {
            let parent = ws.sources.path(id).parent().unwrap_or(Path::new(""));
            terraform::modules::normalize(parent)
        };
        match parsed {
            Parsed::Model(m) if m.origin == crate::graph::Origin::Plan => plans.push((id, m)),
            Parsed::Model(m) | Parsed::NotLinted(m) => ws.models.push(m),
            Parsed::State(m) => {
                ws.sources.forget_text(id);
                ws.models.push(m);
            }
            Parsed::Templates(models, errors) => {
                ws.models.extend(models);
                ws.errors.extend(errors);
            }
            Parsed::Hcl(file) => hcl_by_dir.entry(dir()).or_default().push(file),
            Parsed::Tfvars(file) => tfvars_by_dir.entry(dir()).or_default().push(file),
            Parsed::NotInfrastructure => {
                ws.files -= 1;
                ws.skipped.push(ws.sources.path(id).to_path_buf());
            }
            Parsed::Failed(e) => ws.errors.push(e),
        }
    }
    nested_stacks::relink(&mut ws, options.naming);

    // The configuration behind each plan, loaded for locations only when not linted anyway.
    let plan_dirs: Vec<Option<PathBuf>> = plans
        .iter()
        .map(|(id, _)| {
            let dir = match &options.plan_source {
                Some(dir) => dir.clone(),
                None => ws
                    .sources
                    .path(*id)
                    .parent()
                    .unwrap_or(Path::new(""))
                    .to_path_buf(),
            };
            let dir = terraform::modules::normalize(&dir);
            has_terraform_files(&dir).then_some(dir)
        })
        .collect();
    let mut context_only = std::collections::BTreeSet::new();
    for dir in plan_dirs.iter().flatten() {
        if hcl_by_dir.contains_key(dir) || context_only.contains(dir) {
            continue;
        }
        context_only.insert(dir.clone());
        let (files, vars, errors) = read_module_dir(dir, &mut ws.sources, options);
        ws.files += files.len() + vars.len();
        hcl_by_dir.insert(dir.clone(), files);
        tfvars_by_dir.insert(dir.clone(), vars);
        ws.errors.extend(errors);
    }
    let (models, errors) =
        terraform::load_project(hcl_by_dir, tfvars_by_dir, &mut ws.sources, options);
    ws.errors.extend(errors);
    for ((_, plan), dir) in plans.iter().zip(&plan_dirs) {
        if let Some((_, source)) = dir
            .as_ref()
            .and_then(|d| models.iter().find(|(root, _)| root == d))
        {
            ws.plan_sources.add(plan, source);
        }
    }
    ws.models.extend(
        models
            .into_iter()
            .filter(|(root, _)| !context_only.contains(root))
            .map(|(_, m)| m),
    );
    ws.models.extend(plans.into_iter().map(|(_, m)| m));
    for e in walk_errors {
        // Located at the path that failed, never at some other file's first line.
        let id = ws.sources.add(SourceFile::new(e.path, ""));
        ws.errors
            .push(LoadError::new(e.message, Span::new(id, 0, 0)));
    }
    let sources = &ws.sources;
    ws.errors.sort_by(|a, b| {
        (sources.path(a.span.file), a.span.start, &a.message).cmp(&(
            sources.path(b.span.file),
            b.span.start,
            &b.message,
        ))
    });
    // A child module evaluated once per instance finds the same error in its declarations each
    // time.
    ws.errors.dedup();
    ws.skipped.sort();
    ws.outside_links.sort();
    ws
}

fn has_terraform_files(dir: &Path) -> bool {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.flatten().any(|e| {
            matches!(
                candidate(&e.path()),
                Some(Candidate::Hcl | Candidate::HclJson)
            )
        })
    })
}

/// Reads and parses the `.tf` and `.tfvars` files of one directory.
fn read_module_dir(
    dir: &Path,
    sources: &mut SourceMap,
    options: &LoadOptions,
) -> (
    Vec<terraform::ParsedFile>,
    Vec<terraform::TfvarsFile>,
    Vec<LoadError>,
) {
    let (mut files, mut vars, mut errors) = (Vec::new(), Vec::new(), Vec::new());
    let listing = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(listing)
        .map(|entries| entries.flatten().map(|e| dir.join(e.file_name())).collect())
        .unwrap_or_default();
    paths.sort();
    for path in paths {
        let Some(kind @ (Candidate::Hcl | Candidate::HclJson | Candidate::Tfvars { .. })) =
            candidate(&path)
        else {
            continue;
        };
        if terraform::is_shadowed_by_tofu(&path) {
            continue;
        }
        let text = match read_text(&path, options.max_file_bytes) {
            Ok(text) => text,
            Err(message) => {
                let id = sources.add(SourceFile::new(path, ""));
                errors.push(LoadError::new(message, Span::new(id, 0, 0)));
                continue;
            }
        };
        let id = sources.add(SourceFile::new(path, text));
        let text = sources.get(id).map(|f| f.text.clone()).unwrap_or_default();
        match parse_file(id, &text, kind, true, options.naming) {
            Parsed::Hcl(f) => files.push(f),
            Parsed::Tfvars(f) => vars.push(f),
            Parsed::Failed(e) => errors.push(e),
            _ => {}
        }
    }
    (files, vars, errors)
}

fn parse_file(
    id: FileId,
    text: &str,
    kind: Candidate,
    explicit: bool,
    naming: &'static NamingCatalog,
) -> Parsed {
    match kind {
        Candidate::Hcl => match terraform::parse_file(id, text) {
            Ok(file) => Parsed::Hcl(file),
            Err(e) => Parsed::Failed(e),
        },
        Candidate::HclJson => match terraform::parse_json_file(id, text) {
            Ok(file) => Parsed::Hcl(file),
            Err(e) => Parsed::Failed(e),
        },
        Candidate::Tfvars { json } => match terraform::parse_tfvars(id, text, json) {
            Ok(file) => Parsed::Tfvars(file),
            Err(e) => Parsed::Failed(e),
        },
        Candidate::Json => parse_json_file(id, text, explicit, naming),
        Candidate::State => Parsed::State(plan::state_model(id, naming)),
        Candidate::ShadowedByTofu => {
            Parsed::NotLinted(terraform::shadowed_by_tofu_model(id, naming))
        }
        Candidate::OtherTool(tool) => match other_tools::model(tool, id, text, naming) {
            Some(model) => Parsed::NotLinted(model),
            None => parse_file(id, text, Candidate::Yaml, explicit, naming),
        },
        Candidate::Yaml => {
            let trimmed = text.trim_start();
            if trimmed.starts_with('{') {
                return match parse_json_file(id, text, explicit, naming) {
                    // `{Resources: {...}}` is YAML in flow style, not JSON: read it as YAML.
                    not_json @ (Parsed::Failed(_) | Parsed::NotInfrastructure) => {
                        flow_style_templates(
                            text,
                            id,
                            naming,
                            &cloudformation::PassedParameters::new(),
                        )
                        .unwrap_or(not_json)
                    }
                    parsed => parsed,
                };
            }
            if !cloudformation::looks_like_yaml_template(text) {
                return Parsed::NotInfrastructure;
            }
            // A broken document is an error, and the templates before it are still linted.
            let (documents, error) = yaml::parse_stream(text, id);
            match (
                templates(
                    &documents,
                    id,
                    naming,
                    &cloudformation::PassedParameters::new(),
                ),
                error,
            ) {
                (parsed, None) => parsed,
                (Parsed::Templates(models, mut errors), Some(e)) => {
                    errors.push(e.into());
                    Parsed::Templates(models, errors)
                }
                (_, Some(e)) => Parsed::Failed(e.into()),
            }
        }
    }
}

/// A JSON file over the limit for other files, read because it may be a plan: only a plan
/// with changes, which is read one change at a time, is parsed at this size.
fn parse_large_json(
    id: FileId,
    text: &str,
    max_bytes: u64,
    naming: &'static NamingCatalog,
) -> Parsed {
    match plan::load_text(text, id, naming) {
        Some(plan) => model_or_error(plan),
        // A plan cut short, say, is reported where it breaks, as a smaller one would be.
        None if text.contains("\"resource_changes\"")
            && let Some(error) = json::Members::syntax_error(text, id) =>
        {
            Parsed::Failed(error.into())
        }
        None => Parsed::Failed(LoadError::new(
            format!(
                "file is {} bytes, larger than the {max_bytes} byte limit \
                 (only a plan with resource_changes may be larger)",
                text.len()
            ),
            Span::new(id, 0, 0),
        )),
    }
}

fn parse_json_file(
    id: FileId,
    text: &str,
    explicit: bool,
    naming: &'static NamingCatalog,
) -> Parsed {
    let parsed = if may_be_plan_with_changes(text) {
        if let Some(plan) = plan::load_text(text, id, naming) {
            return model_or_error(plan);
        }
        json::parse_dropping(text, id, plan::UNREAD).and_then(|root| {
            // Without changes a plan is read from `planned_values`: read it whole.
            if root.get("resource_changes").is_none() && root.get("planned_values").is_some() {
                json::parse(text, id)
            } else {
                Ok(root)
            }
        })
    } else {
        json::parse(text, id)
    };
    match parsed {
        Ok(root) => {
            if plan::is_plan(&root) {
                model_or_error(plan::load(root, id, naming))
            } else if plan::is_state(&root) {
                Parsed::State(plan::state_model(id, naming))
            } else if cloudformation::is_template(&root) {
                model_or_error(cloudformation::load(&root, id, naming))
            } else {
                Parsed::NotInfrastructure
            }
        }
        // A broken JSON file is only ours to report when it was meant to be a template or a plan.
        Err(e) if explicit || looks_like_infrastructure_json(text) => Parsed::Failed(e.into()),
        Err(_) => Parsed::NotInfrastructure,
    }
}

/// Whether a JSON text may be a plan with changes, worth the scan that reads one change at a
/// time: a plan has both members. A template or other document that only mentions
/// `resource_changes` is then parsed once, not scanned first. A plan that spells a key with an
/// escape is still read, as a whole document.
fn may_be_plan_with_changes(text: &str) -> bool {
    text.contains("\"resource_changes\"") && text.contains("\"format_version\"")
}

/// Each template document of a YAML stream becomes a model of its own; spans point into the one
/// file, so findings are located in the document they come from.
fn templates(
    documents: &[crate::graph::Node],
    id: FileId,
    naming: &'static NamingCatalog,
    passed: &cloudformation::PassedParameters,
) -> Parsed {
    let (mut models, mut errors) = (Vec::new(), Vec::new());
    for document in documents.iter().filter(|d| cloudformation::is_template(d)) {
        match cloudformation::load_nested(document, id, naming, passed) {
            Ok(m) => models.push(m),
            Err(e) => errors.push(e),
        }
    }
    if models.is_empty() && errors.is_empty() {
        Parsed::NotInfrastructure
    } else {
        Parsed::Templates(models, errors)
    }
}

fn flow_style_templates(
    text: &str,
    id: FileId,
    naming: &'static NamingCatalog,
    passed: &cloudformation::PassedParameters,
) -> Option<Parsed> {
    let documents = yaml::parse_documents(text, id).ok()?;
    match templates(&documents, id, naming, passed) {
        Parsed::NotInfrastructure => None,
        parsed => Some(parsed),
    }
}

/// The templates of a CloudFormation file, read as [`parse_file`] reads a template (JSON, YAML
/// in flow style, every document of a YAML stream before a broken one), with the parameters a
/// parent stack passes. Its errors were reported by the first reading; `None` when no
/// template is read.
fn nested_templates(
    text: &str,
    id: FileId,
    naming: &'static NamingCatalog,
    passed: &cloudformation::PassedParameters,
) -> Option<Vec<Model>> {
    let parsed = if text.trim_start().starts_with('{') {
        match json::parse(text, id) {
            Ok(root) if cloudformation::is_template(&root) => {
                model_or_error(cloudformation::load_nested(&root, id, naming, passed))
            }
            Ok(_) => Parsed::NotInfrastructure,
            Err(_) => flow_style_templates(text, id, naming, passed)?,
        }
    } else {
        templates(&yaml::parse_stream(text, id).0, id, naming, passed)
    };
    match parsed {
        Parsed::Model(m) => Some(vec![m]),
        Parsed::Templates(models, _) if !models.is_empty() => Some(models),
        _ => None,
    }
}

fn model_or_error(result: Result<Model, LoadError>) -> Parsed {
    match result {
        Ok(m) => Parsed::Model(m),
        Err(e) => Parsed::Failed(e),
    }
}

fn looks_like_infrastructure_json(text: &str) -> bool {
    text.contains("\"AWSTemplateFormatVersion\"")
        || (text.contains("\"Resources\"") && text.contains("\"Type\""))
        || (text.contains("\"format_version\"") && text.contains("\"planned_values\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_are_read_from_their_changes_and_else_from_planned_values() {
        let resource = r#"{"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket",
            "name": "b", "values": {"bucket": "logs"}}"#;
        let change = r#"{"address": "aws_s3_bucket.c", "mode": "managed", "type": "aws_s3_bucket",
            "name": "c", "change": {"actions": ["update"], "before": {"bucket": "old"},
            "after": {"bucket": "new"}, "after_unknown": {}}}"#;
        let addresses = |text: &str| -> Vec<(String, Option<String>)> {
            let Parsed::Model(model) =
                parse_json_file(FileId(0), text, true, &crate::aws::naming::NAMING)
            else {
                panic!("not a plan: {text}");
            };
            let bucket = |r: &crate::graph::Resource| {
                r.get("bucket")
                    .and_then(crate::graph::Node::as_str)
                    .map(String::from)
            };
            model
                .resources
                .iter()
                .map(|r| (r.address.clone(), bucket(r)))
                .collect()
        };
        let planned =
            format!(r#""planned_values": {{"root_module": {{"resources": [{resource}]}}}}"#);
        // With changes, the changes are read (and `planned_values` is not).
        assert_eq!(
            addresses(&format!(
                r#"{{"format_version": "1.2", {planned}, "resource_changes": [{change}]}}"#
            )),
            [("aws_s3_bucket.c".to_string(), Some("new".to_string()))]
        );
        // Without them, `planned_values` is, even where the name appears elsewhere.
        assert_eq!(
            addresses(&format!(
                r#"{{"format_version": "1.2", {planned}, "x": {{"resource_changes": 1}}}}"#
            )),
            [("aws_s3_bucket.b".to_string(), Some("logs".to_string()))]
        );
    }

    #[test]
    fn only_a_text_with_both_plan_members_is_scanned_as_a_plan() {
        let template = r#"{"Resources": {"Topic": {"Type": "AWS::SNS::Topic",
            "Metadata": {"resource_changes": []}}}}"#;
        assert!(!may_be_plan_with_changes(template));
        assert!(may_be_plan_with_changes(
            r#"{"format_version": "1.2", "resource_changes": []}"#
        ));
        // Parsed once, the template is still a template.
        let Parsed::Model(model) =
            parse_json_file(FileId(0), template, true, &crate::aws::naming::NAMING)
        else {
            panic!("not a template");
        };
        assert_eq!(model.resources.len(), 1);
    }

    #[test]
    fn decodes_boms_and_utf16() {
        assert_eq!(decode(b"\xEF\xBB\xBF{}".to_vec()).unwrap(), "{}");
        assert_eq!(decode(vec![0xFF, 0xFE, b'{', 0, b'}', 0]).unwrap(), "{}");
        assert_eq!(decode(vec![0xFE, 0xFF, 0, b'{', 0, b'}']).unwrap(), "{}");
        assert!(decode(vec![0xC3, 0x28]).is_err());
    }

    #[test]
    fn utf16_without_bom_is_recognised_by_its_nul_bytes() {
        let le: Vec<u8> = "{\"a\": 1}"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "{\"a\": 1}"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(decode(le).unwrap(), "{\"a\": 1}");
        assert_eq!(decode(be).unwrap(), "{\"a\": 1}");
        assert_eq!(decode(b"{\"a\": 1}".to_vec()).unwrap(), "{\"a\": 1}");
    }

    #[test]
    fn invalid_utf8_is_located_at_the_first_invalid_byte() {
        let e = decode(b"a = 1\nb = \"\xff\"\n".to_vec()).unwrap_err();
        assert_eq!(e.message, "file is not valid UTF-8");
        assert_eq!(e.offset, 11);
        assert_eq!(&e.text[..11], "a = 1\nb = \"");
    }

    #[cfg(unix)]
    #[test]
    fn only_regular_files_are_read() {
        let dir = std::env::temp_dir().join(format!("zt-lint-fifo-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let fifo = dir.join("x.tf");
        let _ = std::fs::remove_file(&fifo);
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            // Opening a FIFO for reading blocks until a writer comes, unless it is opened
            // without blocking: the check is made on the opened file. Run aside, so a read that
            // blocks fails the test instead of hanging it.
            let (sender, answer) = std::sync::mpsc::channel();
            let path = fifo.clone();
            std::thread::spawn(move || {
                let _ = sender.send(read_text(&path, DEFAULT_MAX_FILE_BYTES));
            });
            let e = answer
                .recv_timeout(std::time::Duration::from_secs(20))
                .expect("reading a FIFO blocked")
                .unwrap_err();
            assert!(e.starts_with("not a regular file"), "{e}");
        }
        for device in [Path::new("/dev/zero"), dir.as_path()] {
            let e = read_text(device, DEFAULT_MAX_FILE_BYTES).unwrap_err();
            assert!(e.starts_with("not a regular file"), "{device:?}: {e}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn templates_before_a_broken_document_are_still_read() {
        let text = "Resources:\n  B:\n    Type: AWS::S3::Bucket\n---\nResources: [\n";
        let parsed = parse_file(
            FileId(0),
            text,
            Candidate::Yaml,
            false,
            &crate::aws::naming::NAMING,
        );
        assert!(matches!(&parsed, Parsed::Templates(m, e) if m.len() == 1 && e.len() == 1));
        let parsed = parse_file(
            FileId(0),
            "Resources: [\n",
            Candidate::Yaml,
            false,
            &crate::aws::naming::NAMING,
        );
        assert!(matches!(parsed, Parsed::Failed(_)));
    }

    #[test]
    fn a_yaml_template_in_flow_style_is_read_as_yaml() {
        let text = "{Resources: {B: {Type: AWS::S3::Bucket}}}\n";
        let parsed = parse_file(
            FileId(0),
            text,
            Candidate::Yaml,
            false,
            &crate::aws::naming::NAMING,
        );
        assert!(matches!(&parsed, Parsed::Templates(m, e) if m.len() == 1 && e.is_empty()));
        let parsed = parse_file(
            FileId(0),
            "{name: app}\n",
            Candidate::Yaml,
            false,
            &crate::aws::naming::NAMING,
        );
        assert!(matches!(parsed, Parsed::NotInfrastructure));
    }

    #[test]
    fn a_broken_json_template_is_reported_whatever_its_resource_types() {
        assert!(looks_like_infrastructure_json(
            r#"{"Resources": {"W": {"Type": "Acme::Widget::Thing", }}}"#
        ));
        assert!(!looks_like_infrastructure_json(r#"{"name": "app", }"#));
    }

    #[test]
    fn candidates_by_extension() {
        assert_eq!(candidate(Path::new("a/main.tf")), Some(Candidate::Hcl));
        assert_eq!(candidate(Path::new("plan.json")), Some(Candidate::Json));
        assert_eq!(candidate(Path::new("t.YAML")), Some(Candidate::Yaml));
        assert_eq!(candidate(Path::new("x.tf.json")), Some(Candidate::HclJson));
        assert_eq!(
            candidate(Path::new("cdk.TF.JSON")),
            Some(Candidate::HclJson)
        );
        assert_eq!(
            candidate(Path::new("x.tfvars.json")),
            Some(Candidate::Tfvars { json: true })
        );
        assert_eq!(candidate(Path::new("README.md")), None);
    }
}
