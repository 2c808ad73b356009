//! Partial evaluation of Terraform expressions over the hcl-edit tree, keeping spans.
//!
//! What the configuration alone decides is computed (literals, variable defaults, locals,
//! templates, conditionals, `for`, splats, the functions in `functions.rs`); references to
//! resources become [`Value::Ref`]; everything else is `Unknown`, never guessed.

use super::modules::{self, MAX_MODULE_DEPTH, Project};
use super::providers::{self, ModuleProviders};
use super::{Declarations, TfvarsContent, TfvarsFile, block_header_span, functions, is_meta};
use crate::graph::module_inputs::InputSource;
use crate::graph::parse::json::{self, Placement};
use crate::graph::provider_links::ProviderLink;
use crate::graph::value::{BuiltFrom, TextBuilder};
use crate::graph::{Entry, Map, Mode, Node, PathStep, Reference, Resource, StepKind, Value};
// Evaluation looks names up per reference: foldhash, as the model's own indexes.
use crate::graph::{FastHashMap as HashMap, FastHashSet as HashSet};
use crate::load::LoadError;
use crate::source::{FileId, SourceMap, Span};
use hcl_edit::Span as _;
use hcl_edit::expr::{BinaryOperator, Expression, ObjectKey, TraversalOperator, UnaryOperator};
use hcl_edit::structure::{Block, Body, Structure};
use hcl_edit::template::{Directive, Element, Template};
use std::cell::{Cell, OnceCell, RefCell};
use std::path::PathBuf;
use std::rc::Rc;

/// Expression nesting the evaluator follows before answering `Unknown`.
const MAX_EVAL_DEPTH: usize = 128;

/// Instances one `count`, `for_each` or `dynamic` block makes at most: input comes from
/// untrusted pull requests, and `count = 1e9` must neither hang nor exhaust memory.
pub const MAX_INSTANCES: usize = 10_000;

/// Evaluated resource bodies handed to another thread to free at once (see
/// [`Evaluator::resources_of`]): enough that handing them over costs little.
const FREED_TOGETHER: usize = 256;

/// Names bound while evaluating one resource instance: `count`, `each`, `for` variables,
/// `dynamic` block iterators.
#[derive(Clone, Default)]
pub struct Frame {
    bindings: Vec<(String, Node)>,
}

impl Frame {
    pub fn with(&self, name: &str, value: Node) -> Frame {
        let mut next = self.clone();
        next.bindings.push((name.to_string(), value));
        next
    }

    fn get(&self, name: &str) -> Option<&Node> {
        self.bindings
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
    }
}

/// Where a module instance sits in its project.
#[derive(Clone)]
pub struct Scope<'a> {
    pub project: &'a Project,
    pub sources: &'a SourceMap,
    pub dir: PathBuf,
    /// `module.a.module.b[0].` for resources of a child module; empty for the root.
    pub prefix: String,
    /// Module directories on the call stack, to stop recursion.
    pub stack: Vec<PathBuf>,
    /// The module blocks through which this instance was reached, outermost first.
    pub trail: Vec<Span>,
    /// The root module directory (whose `.terraform/modules/modules.json` applies).
    pub root: PathBuf,
    /// This module's key in that manifest (`vpc`, `eks.node_groups`); empty for the root.
    pub manifest_key: String,
    /// What the root's evaluation records beside resources (input provenance, modules not read).
    pub record: &'a modules::RootRecord,
    /// How this module instance receives its parent's provider configurations.
    pub providers: super::providers::Inherited,
}

pub struct Evaluator<'a> {
    decls: &'a Declarations<'a>,
    pub(super) sources: &'a SourceMap,
    scope: Scope<'a>,
    variables: HashMap<&'a str, Node>,
    /// Shared, so a use reads the value in place (see [`Self::select`]).
    locals: RefCell<HashMap<String, Rc<Node>>>,
    evaluating: RefCell<HashSet<String>>,
    errors: RefCell<Vec<LoadError>>,
    resource_kinds: HashSet<(&'a str, &'a str)>,
    /// Module call values (their outputs), evaluated on first use.
    modules: RefCell<HashMap<String, Node>>,
    instantiating: RefCell<HashSet<String>>,
    child_resources: RefCell<Vec<Resource>>,
    /// Resources whose instances are being counted (for splats), to stop cycles.
    expanding: RefCell<HashSet<String>>,
    /// Each resource's instance keys, counted once: every `aws_x.y[each.key]` asks.
    instance_keys: RefCell<HashMap<String, Option<Rc<InstanceKeys>>>>,
    /// The resource and data declarations by address in the module, made on the first
    /// indexed reference so that finding one is not a scan of all.
    declared: OnceCell<HashMap<String, (&'a Block, FileId)>>,
    /// In a child module: who decided each variable (the call's argument or its default).
    input_sources: HashMap<&'a str, InputSource>,
    /// References made so far to an instance that may not exist (its count, for_each or key
    /// is not known statically): `try()` and `can()` cannot take an argument that made one,
    /// since Terraform may fail to evaluate it.
    uncertain_references: Cell<usize>,
    /// The files `file()` and `templatefile()` read, by resolved path.
    function_files: RefCell<HashMap<PathBuf, Rc<FunctionFile>>>,
    /// The provider configurations this module instance can use.
    providers: Rc<ModuleProviders>,
}

/// A file read by `file()` or `templatefile()`: its text (`None` when it could not be read)
/// and, once a `templatefile()` asks, the template parsed from it or why it was not.
pub(super) struct FunctionFile {
    pub(super) text: Option<String>,
    template: OnceCell<Result<Template, String>>,
}

impl FunctionFile {
    /// The text parsed as a template, once: first checked for a cost the parser cannot bear.
    pub(super) fn template(&self) -> Option<&Result<Template, String>> {
        let text = self.text.as_deref()?;
        Some(self.template.get_or_init(|| {
            if let Some((why, _)) = super::too_costly_to_parse(text, true) {
                return Err(format!("is not parsed: {why}"));
            }
            hcl_edit::parser::parse_template(text)
                .map_err(|_| "is not a valid template".to_string())
        }))
    }
}

/// The instance keys of a resource (`[0]`, `["a"]`; `""` for one without count or for_each), in
/// Terraform's order and as a set.
struct InstanceKeys {
    ordered: Vec<String>,
    set: HashSet<String>,
}

/// A declaration's address inside its module: `aws_vpc.main`, `data.aws_ami.ubuntu`, and
/// `provider.aws` or `provider.aws.west` (Terraform's own way of naming a provider
/// configuration, by its alias).
fn address_in_module(mode: Mode, kind: &str, name: &str) -> String {
    match mode {
        Mode::Managed => format!("{kind}.{name}"),
        Mode::Data => format!("data.{kind}.{name}"),
        Mode::Provider if name.is_empty() => format!("provider.{kind}"),
        Mode::Provider => format!("provider.{kind}.{name}"),
    }
}

impl<'a> Evaluator<'a> {
    pub fn new(
        decls: &'a Declarations<'a>,
        scope: Scope<'a>,
        mut inputs: std::collections::HashMap<String, Node>,
    ) -> Evaluator<'a> {
        let mut ev = Evaluator {
            decls,
            sources: scope.sources,
            variables: HashMap::default(),
            locals: RefCell::default(),
            evaluating: RefCell::default(),
            errors: RefCell::default(),
            resource_kinds: decls
                .resources
                .iter()
                .filter(|r| r.0 == Mode::Managed)
                .map(|r| (r.1, r.2))
                .collect(),
            modules: RefCell::default(),
            instantiating: RefCell::default(),
            child_resources: RefCell::default(),
            expanding: RefCell::default(),
            instance_keys: RefCell::default(),
            declared: OnceCell::new(),
            uncertain_references: Cell::default(),
            input_sources: HashMap::default(),
            function_files: RefCell::default(),
            providers: Rc::new(ModuleProviders::new(
                &scope.prefix,
                decls,
                scope.providers.clone(),
            )),
            scope,
        };
        let call = ev.scope.trail.last().copied();
        for variable in &decls.variables {
            let name = variable.name;
            let default = variable.attribute("default");
            // A variable declared `nullable = false` takes its default when the caller passes
            // null: inside the module it is never null. Without a default Terraform refuses
            // the null, so the run stops there: nothing after it is known.
            let not_nullable = !nullable(variable);
            let input = inputs
                .remove(name)
                .filter(|input| !(input.is_null() && default.is_some() && not_nullable))
                .map(|input| {
                    if input.is_null() && not_nullable {
                        Node::unknown("null given to a non-nullable variable", input.span)
                    } else {
                        input
                    }
                });
            let value = match (input, default) {
                (Some(input), _) => {
                    if call.is_some() && input.span.file != crate::source::FileId::NONE {
                        ev.input_sources
                            .insert(name, input_source(name, input.span, None));
                    }
                    input
                }
                (None, Some((attr, file))) => {
                    let default = ev.eval(&attr.value, &Frame::default(), file, 0);
                    match call {
                        Some(call) => ev.note_default(name, &default, call),
                        None => ev
                            .scope
                            .record
                            .value_origins
                            .borrow_mut()
                            .mark_overridable(default.span),
                    }
                    default
                }
                (None, None) => {
                    Node::unknown(format!("var.{name} has no value"), variable.header())
                }
            };
            let value = match variable.attribute("type") {
                Some((t, file)) => ev.conform(value, &t.value, file, 0),
                None => value,
            };
            ev.variables.insert(name, value);
        }
        ev
    }

    /// A child module's variable left at its default: the call decided, so a value written in
    /// the default (the elements of a list default too) is traced to the call header.
    fn note_default(&mut self, name: &'a str, default: &Node, call: Span) {
        let written = default.span.file != crate::source::FileId::NONE;
        let mut source = input_source(name, call, Some(default.span));
        if !written {
            source.default_value = None;
        }
        let trail = &self.scope.trail;
        let mut inputs = self.scope.record.module_inputs.borrow_mut();
        // Bounded: a default can be a large literal, and its first elements are what rules
        // point at.
        let mut budget = 256usize;
        default.walk(&mut |node| {
            if budget > 0 && node.span.file != crate::source::FileId::NONE {
                budget -= 1;
                inputs.record(trail, node.span, source.clone());
            }
        });
        drop(inputs);
        self.input_sources.insert(name, source);
    }

    /// Records that the value at `used_at` is the one `source` decided, for this module
    /// instance, so findings on it are shown where the caller wrote it.
    fn note_input_use(&self, source: &InputSource, used_at: Span) {
        self.scope.record.module_inputs.borrow_mut().record_use(
            &self.scope.trail,
            used_at,
            source.clone(),
        );
    }

    /// Applies a variable's type constraint the way Terraform converts values: attributes an
    /// `object({...})` type marks `optional(...)` are added when missing, as null or their
    /// default, so reading them gives null rather than an error.
    fn conform(&self, value: Node, ty: &Expression, file: FileId, depth: usize) -> Node {
        if depth > 16 || value.is_unknown() {
            return value;
        }
        let Expression::FuncCall(call) = ty else {
            return value;
        };
        let args: Vec<&Expression> = call.args.iter().collect();
        let span = value.span;
        match (call.name.name.as_str(), args.as_slice(), value.value) {
            ("optional", [inner, ..], v) => {
                self.conform(Node::new(v, span), inner, file, depth + 1)
            }
            ("object", [Expression::Object(attrs)], Value::Map(mut map)) => {
                for (key, attr_type) in attrs.iter() {
                    let Some(key) = key.as_ident().map(|k| k.as_str().to_string()) else {
                        continue;
                    };
                    let attr_type = attr_type.expr();
                    // An optional attribute that is missing or null takes its default, itself
                    // converted by the attribute's type so nested optionals get theirs
                    // (HCL's `typeexpr.Defaults` does both).
                    let optional = match attr_type {
                        Expression::FuncCall(opt) if opt.name.name.as_str() == "optional" => {
                            Some(opt)
                        }
                        _ => None,
                    };
                    let default = |at: Span| {
                        optional.and_then(|opt| {
                            let inner = opt.args.iter().next()?;
                            let d = self.eval(opt.args.iter().nth(1)?, &Frame::default(), file, 0);
                            Some(self.conform(d.respanned(at), inner, file, depth + 1))
                        })
                    };
                    match map.entries.iter_mut().find(|e| e.key == key) {
                        Some(e) => {
                            let v = std::mem::replace(&mut e.value, Node::new(Value::Null, span));
                            e.value = match default(v.span) {
                                Some(d) if v.is_null() => d,
                                _ => self.conform(v, attr_type, file, depth + 1),
                            };
                        }
                        None if optional.is_some() => {
                            let value = default(span).unwrap_or(Node::new(Value::Null, span));
                            map.insert(key, span, value);
                        }
                        None => {}
                    }
                }
                Node::new(Value::Map(map), span)
            }
            ("map", [inner], Value::Map(mut map)) => {
                for e in &mut map.entries {
                    let v = std::mem::replace(&mut e.value, Node::new(Value::Null, span));
                    e.value = self.conform(v, inner, file, depth + 1);
                }
                Node::new(Value::Map(map), span)
            }
            ("list" | "set", [inner], Value::List(items)) => Node::new(
                Value::List(
                    items
                        .into_iter()
                        .map(|i| self.conform(i, inner, file, depth + 1))
                        .collect(),
                ),
                span,
            ),
            (_, _, v) => Node::new(v, span),
        }
    }

    /// A variable value given as text (`--var`, `TF_VAR_`): a string unless the variable is
    /// declared with a collection or object type, whose values Terraform parses as HCL.
    pub fn typed_text(&self, name: &str, text: &str, span: Span) -> Node {
        let declared_type = self
            .decls
            .variables
            .iter()
            .find(|v| v.name == name)
            .and_then(|v| v.attribute("type"))
            .map(|(attr, _)| attr);
        let is_scalar = match declared_type.map(|t| &t.value) {
            None => true,
            Some(Expression::Variable(v)) => matches!(v.as_str(), "string" | "number" | "bool"),
            Some(_) => false,
        };
        if is_scalar {
            return Node::string(text, span);
        }
        if let Some((why, _)) = super::too_costly_to_parse(text, false) {
            return Node::unknown(format!("var.{name} is not parsed: {why}"), span);
        }
        match hcl_edit::parser::parse_expr(text) {
            Ok(expr) => self
                .eval(&expr, &Frame::default(), span.file, 0)
                .respanned(span),
            Err(_) => Node::unknown(format!("var.{name} is not a valid value"), span),
        }
    }

    /// The assignments of a `.tfvars` / `.tfvars.json` file.
    pub fn tfvars_values(&self, f: &TfvarsFile) -> Vec<(String, Node)> {
        match &f.content {
            TfvarsContent::Hcl(body) => body
                .attributes()
                .map(|a| {
                    let value = self.eval(&a.value, &Frame::default(), f.file, 0);
                    (a.key.as_str().to_string(), value)
                })
                .collect(),
            TfvarsContent::Json(node) => node
                .as_map()
                .map(|m| m.iter().map(|(k, v)| (k.to_string(), v.clone())).collect())
                .unwrap_or_default(),
        }
    }

    /// Every resource instance of this module and of the modules it calls.
    pub fn resources(&self) -> Vec<Resource> {
        self.resources_of(Vec::new())
    }

    /// [`Self::resources`] of a module whose resource and data bodies were taken out of its
    /// blocks ([`super::detach_resource_bodies`], in declaration order): each body is dropped
    /// as soon as its resource is evaluated, so the syntax trees shrink as the model grows.
    pub fn resources_of(&self, detached: Vec<Body>) -> Vec<Resource> {
        let mut detached = detached.into_iter();
        let mut evaluated = Vec::new();
        let mut out = Vec::new();
        for &(mode, kind, name, block, file) in &self.decls.resources {
            let base = address_in_module(mode, kind, name);
            let span = block_header_span(file, block);
            let overrides = self
                .decls
                .overrides
                .get(&super::override_key(mode, kind, name));
            // A provider's body stays in its block (its alias is read from it).
            let owned = match mode {
                Mode::Managed | Mode::Data => detached.next(),
                Mode::Provider => None,
            };
            let body = owned.as_ref().unwrap_or(&block.body);
            // The `provider` an override sets replaces the original's.
            let provider_body = overrides
                .into_iter()
                .flatten()
                .rev()
                .map(|(changes, _)| &changes.body)
                .find(|changes| changes.get_attribute("provider").is_some())
                .unwrap_or(body);
            // Only a link to another configuration than the root's default one is kept.
            let provider_link = (mode != Mode::Provider)
                .then(|| self.providers.of_resource(kind, provider_body))
                .filter(|link| {
                    *link
                        != ProviderLink::Configuration(format!(
                            "provider.{}",
                            providers::default_key(kind)
                        ))
                });
            for (suffix, frame) in self.instances(block, file) {
                if !self.scope.record.take_instance(span) {
                    break;
                }
                let mut attrs = self.eval_body(body, &frame, file, true);
                // Terraform's override files: each argument an override sets replaces the
                // original's, and each nested block type it has replaces all of the original's
                // blocks of that type (a list here, replaced whole); the rest is kept.
                for &(changes, changes_file) in overrides.into_iter().flatten() {
                    let changed = self.eval_body(&changes.body, &frame, changes_file, true);
                    // A `dynamic "ingress"` overrides the `ingress` blocks even when it makes
                    // none (module_merge_body.go): the types come from the syntax, not from
                    // what the evaluation produced.
                    for block_type in overridden_block_types(&changes.body) {
                        attrs.remove(block_type);
                    }
                    for entry in changed.entries {
                        attrs.insert(entry.key, entry.key_span, entry.value);
                    }
                }
                let address = format!("{}{base}{suffix}", self.scope.prefix);
                if let Some(link) = &provider_link {
                    self.scope
                        .record
                        .provider_links
                        .borrow_mut()
                        .record(address.clone(), link.clone());
                }
                out.push(Resource {
                    address,
                    kind: kind.to_string(),
                    mode,
                    span,
                    attrs,
                    module_calls: self.scope.trail.clone(),
                    metadata: None,
                });
            }
            // Freed by another thread while this one evaluates: freeing a tree is work of its
            // own, and the thread that parsed a file frees its memory where it can reuse it.
            evaluated.extend(owned);
            if evaluated.len() == FREED_TOGETHER {
                let batch = std::mem::take(&mut evaluated);
                rayon::spawn(move || drop(batch));
            }
        }
        // Module calls nothing referred to are instantiated too: their resources exist.
        for &(name, _, _) in &self.decls.modules {
            self.module_value(name, Span::default());
        }
        out.append(&mut self.child_resources.borrow_mut());
        out
    }

    /// This module's outputs, by name.
    pub fn outputs(&self) -> Map {
        let mut map = Map::default();
        for output in &self.decls.outputs {
            let name = output.name;
            let value = match output.attribute("value") {
                Some((attr, file)) => self.eval(&attr.value, &Frame::default(), file, 0),
                None => Node::unknown(format!("output {name} has no value"), output.header()),
            };
            map.insert(name.to_string(), output.header(), value);
        }
        map
    }

    /// The value of `module.NAME`: its outputs (a list or map of them with `count`/`for_each`).
    /// Instantiates the module on first use.
    fn module_value(&self, name: &str, span: Span) -> Node {
        if let Some(v) = self.modules.borrow().get(name) {
            return Node::new(v.value.clone(), span);
        }
        let Some(&(_, block, file)) = self.decls.modules.iter().find(|(n, _, _)| *n == name) else {
            return Node::unknown(format!("module.{name} is not declared"), span);
        };
        if !self.instantiating.borrow_mut().insert(name.to_string()) {
            return Node::unknown(format!("module.{name} depends on itself"), span);
        }
        let value = self.apart(|| self.instantiate_call(name, block, file, span));
        self.instantiating.borrow_mut().remove(name);
        self.modules
            .borrow_mut()
            .insert(name.to_string(), value.clone());
        Node::new(value.value, span)
    }

    fn instantiate_call(&self, name: &str, block: &Block, file: FileId, span: Span) -> Node {
        let header = block_header_span(file, block);
        let source = match block.body.get_attribute("source").map(|a| &a.value) {
            Some(Expression::String(s)) => s.value().to_string(),
            _ => {
                self.scope.record.not_linted(
                    header,
                    format!("module.{name} has no literal source, so its module was not read"),
                );
                return Node::unknown(format!("module.{name} has no literal source"), span);
            }
        };
        let key = if self.scope.manifest_key.is_empty() {
            name.to_string()
        } else {
            format!("{}.{name}", self.scope.manifest_key)
        };
        let dir = modules::local_source(&self.scope.dir, &source).or_else(|| {
            self.scope
                .project
                .manifests
                .get(&self.scope.root)
                .and_then(|m| m.get(&key))
                .cloned()
        });
        let Some(dir) = dir.filter(|d| self.scope.project.dirs.contains_key(d)) else {
            let reason = if modules::local_source(&self.scope.dir, &source).is_some() {
                format!("module.{name} (\"{source}\") is not a directory zt-lint could read")
            } else {
                format!(
                    "module.{name} (\"{source}\") is not installed: run terraform init -backend=false to lint it"
                )
            };
            self.scope.record.not_linted(header, reason);
            return Node::unknown(
                format!(
                    "module.{name} (\"{source}\") is not available locally; run terraform init to lint it"
                ),
                span,
            );
        };
        if self.scope.stack.contains(&dir) || self.scope.stack.len() > MAX_MODULE_DEPTH {
            self.errors.borrow_mut().push(LoadError::new(
                format!("module.{name} calls {} recursively", dir.display()),
                header,
            ));
            return Node::unknown(format!("module.{name} is recursive"), span);
        }
        let instances = self.instances(block, file);
        let keyed = block.body.get_attribute("for_each").is_some();
        let counted = block.body.get_attribute("count").is_some();
        let mut values = Vec::new();
        for (suffix, frame) in &instances {
            if !self.scope.record.take_instance(header) {
                break;
            }
            let mut inputs = std::collections::HashMap::new();
            for attr in block.body.attributes() {
                let k = attr.key.as_str();
                if matches!(
                    k,
                    "source" | "version" | "count" | "for_each" | "providers" | "depends_on"
                ) {
                    continue;
                }
                inputs.insert(k.to_string(), self.eval(&attr.value, frame, file, 0));
            }
            let mut stack = self.scope.stack.clone();
            stack.push(dir.clone());
            let mut trail = self.scope.trail.clone();
            trail.push(header);
            let child = Scope {
                project: self.scope.project,
                sources: self.scope.sources,
                dir: dir.clone(),
                prefix: format!("{}module.{name}{suffix}.", self.scope.prefix),
                stack,
                trail,
                root: self.scope.root.clone(),
                manifest_key: key.clone(),
                record: self.scope.record,
                providers: self.providers.for_call(block),
            };
            let (resources, outputs, errors) = modules::instantiate(child, inputs);
            self.child_resources.borrow_mut().extend(resources);
            self.errors.borrow_mut().extend(errors);
            values.push((suffix.clone(), Node::new(Value::Map(outputs), header)));
        }
        let unknown_expansion = (keyed || counted)
            && matches!(instances.as_slice(), [(suffix, _)] if suffix.is_empty());
        if unknown_expansion {
            return Node::unknown(
                format!("module.{name} count/for_each is not known statically"),
                span,
            );
        }
        if keyed {
            let mut map = Map::default();
            for (suffix, v) in values {
                let key = suffix
                    .trim_start_matches("[\"")
                    .trim_end_matches("\"]")
                    .to_string();
                map.insert(key, header, v);
            }
            Node::new(Value::Map(map), span)
        } else if counted {
            Node::new(
                Value::List(values.into_iter().map(|(_, v)| v).collect()),
                span,
            )
        } else {
            values
                .pop()
                .map_or_else(|| Node::unknown("module has no instance", span), |(_, v)| v)
        }
    }

    pub fn into_errors(self) -> Vec<LoadError> {
        self.errors.into_inner()
    }

    fn span(&self, file: FileId, range: Option<std::ops::Range<usize>>) -> Span {
        range.map_or(Span::new(file, 0, 0), |r| Span::new(file, r.start, r.end))
    }

    /// Instances of a resource or module call after `count`/`for_each`: the address suffix
    /// (`[0]`, `["key"]`, or empty) and the bindings of each. An unknown `count`/`for_each`
    /// gives one instance without a key whose `count.index`/`each` are unknown. At most
    /// [`MAX_INSTANCES`] are made; the rest are reported as not linted at the expression.
    pub fn instances(&self, block: &Block, file: FileId) -> Vec<(String, Frame)> {
        self.instances_at(block, file, 0)
    }

    /// OpenTofu 1.11's `lifecycle { enabled = ... }`, which creates the resource or module call
    /// only when true: its value and whether it is known true or false (`None` when not known
    /// statically). Terraform rejects the argument, so a configuration that has it is OpenTofu's
    /// whatever its files are named, and it is read in `.tf` files too.
    fn lifecycle_enabled(
        &self,
        block: &Block,
        file: FileId,
        depth: usize,
    ) -> Option<(Node, Option<bool>)> {
        let enabled = block
            .body
            .blocks()
            .filter(|b| b.ident.as_str() == "lifecycle")
            .find_map(|b| b.body.get_attribute("enabled"))?;
        let mut value = self.eval(&enabled.value, &Frame::default(), file, depth);
        value.span = self.span(file, enabled.value.span());
        let known = functions::to_bool(&value).and_then(|truth| {
            if truth.is_yes() {
                Some(true)
            } else if truth.is_no() {
                Some(false)
            } else {
                None
            }
        });
        Some((value, known))
    }

    /// [`Self::instances`] for a resource reached from an expression `depth` deep: a count
    /// that reads another counted resource continues that expression's depth, so a chain of
    /// them is bounded as any nesting is.
    fn instances_at(&self, block: &Block, file: FileId, depth: usize) -> Vec<(String, Frame)> {
        let frame = Frame::default();
        // OpenTofu 1.11's `lifecycle { enabled = ... }` creates the resource or module call
        // only when true. Terraform rejects the argument, so a configuration that has it is
        // OpenTofu's whatever its files are named, and it is read in `.tf` files too.
        if let Some((value, known)) = self.lifecycle_enabled(block, file, depth) {
            match known {
                Some(true) => {}
                Some(false) => return Vec::new(),
                None => {
                    let at = value.span;
                    self.scope.record.not_linted(
                        at,
                        format!(
                            "lifecycle.enabled is not known statically ({}): whether OpenTofu \
                             creates this is not decided, so it is not linted",
                            value.unknown_reason().unwrap_or("not a bool")
                        ),
                    );
                    return Vec::new();
                }
            }
        }
        if let Some(count) = block.body.get_attribute("count") {
            let n = self.eval(&count.value, &frame, file, depth);
            let span = n.span;
            return match n.as_i64() {
                Some(n) => {
                    let wanted = usize::try_from(n.max(0)).unwrap_or(usize::MAX);
                    self.note_cap("count", wanted, self.span(file, count.value.span()));
                    (0..wanted.min(MAX_INSTANCES))
                        .map(|i| {
                            let index =
                                map_of([("index", Node::new(Value::Number(i as f64), span))], span);
                            (format!("[{i}]"), frame.with("count", index))
                        })
                        .collect()
                }
                None => vec![(
                    String::new(),
                    frame.with("count", Node::unknown("count is not known", span)),
                )],
            };
        }
        if let Some(for_each) = block.body.get_attribute("for_each") {
            let collection = self.eval(&for_each.value, &frame, file, depth);
            let span = collection.span;
            return match each_items(&collection) {
                Some(mut items) => {
                    self.note_cap(
                        "for_each",
                        items.len(),
                        self.span(file, for_each.value.span()),
                    );
                    items.truncate(MAX_INSTANCES);
                    items
                        .into_iter()
                        .map(|(key, value)| {
                            let each = map_of(
                                [("key", Node::string(key.clone(), span)), ("value", value)],
                                span,
                            );
                            (format!("[{}]", quote(&key)), frame.with("each", each))
                        })
                        .collect()
                }
                None => vec![(
                    String::new(),
                    frame.with("each", Node::unknown("for_each is not known", span)),
                )],
            };
        }
        vec![(String::new(), frame)]
    }

    /// Says, once per expression, that a `count`, `for_each` or `dynamic` asked for more
    /// instances than zt-lint makes: the ones past the cap are not linted.
    fn note_cap(&self, what: &str, wanted: usize, at: Span) {
        if wanted > MAX_INSTANCES {
            self.scope.record.not_linted(
                at,
                format!(
                    "{what} gives {wanted} instances; only the first {MAX_INSTANCES} are linted (zt-lint's cap)"
                ),
            );
        }
    }

    /// Evaluates a block body: attributes as entries, nested blocks as lists of maps (the shape
    /// plan JSON uses), `dynamic` blocks expanded.
    pub fn eval_body(&self, body: &Body, frame: &Frame, file: FileId, top: bool) -> Map {
        let mut map = Map::default();
        for structure in body.iter() {
            match structure {
                Structure::Attribute(attr) => {
                    let key = attr.key.as_str();
                    if top && is_meta(key) {
                        continue;
                    }
                    let value = self.eval(&attr.value, frame, file, 0);
                    map.insert(key.to_string(), self.span(file, attr.key.span()), value);
                }
                Structure::Block(block) => {
                    let name = block.ident.as_str();
                    if top && is_meta(name) {
                        continue;
                    }
                    if name == "dynamic" {
                        self.dynamic(block, frame, file, &mut map);
                        continue;
                    }
                    let span = self.span(file, super::block_span(block));
                    let inner = self.eval_body(&block.body, frame, file, false);
                    push_block(
                        &mut map,
                        name,
                        self.span(file, block.ident.span()),
                        Node::new(Value::Map(inner), span),
                    );
                }
            }
        }
        map
    }

    fn dynamic(&self, block: &Block, frame: &Frame, file: FileId, map: &mut Map) {
        let Some(name) = block.labels.first().map(super::label) else {
            return;
        };
        let key_span = self.span(file, block.ident.span());
        let span = self.span(file, super::block_span(block));
        let iterator = block
            .body
            .get_attribute("iterator")
            .and_then(|a| match &a.value {
                Expression::Variable(v) => Some(v.as_str().to_string()),
                _ => None,
            })
            .unwrap_or_else(|| name.to_string());
        let Some(content) = block.body.get_blocks("content").next() else {
            return;
        };
        let collection = block
            .body
            .get_attribute("for_each")
            .map(|a| self.eval(&a.value, frame, file, 0));
        match collection.as_ref().and_then(each_items) {
            Some(mut items) => {
                if let Some(attr) = block.body.get_attribute("for_each") {
                    self.note_cap("dynamic", items.len(), self.span(file, attr.value.span()));
                }
                items.truncate(MAX_INSTANCES);
                for (key, value) in items {
                    let bound = map_of([("key", Node::string(key, span)), ("value", value)], span);
                    let inner =
                        self.eval_body(&content.body, &frame.with(&iterator, bound), file, false);
                    push_block(
                        map,
                        name,
                        key_span,
                        Node::new(
                            Value::Map(inner),
                            self.span(file, super::block_span(content)),
                        ),
                    );
                }
            }
            None => push_block(
                map,
                name,
                key_span,
                Node::unknown(
                    format!("dynamic \"{name}\" over a collection not known statically"),
                    span,
                ),
            ),
        }
    }

    pub fn eval(&self, expr: &Expression, frame: &Frame, file: FileId, depth: usize) -> Node {
        let span = self.span(file, expr.span());
        if depth > MAX_EVAL_DEPTH {
            return Node::unknown("expression nested too deeply", span);
        }
        let d = depth + 1;
        match expr {
            Expression::Null(_) => Node::new(Value::Null, span),
            Expression::Bool(b) => Node::new(Value::Bool(*b.value()), span),
            Expression::Number(n) => {
                Node::new(n.value().as_f64().map_or(Value::Null, Value::Number), span)
            }
            Expression::String(s) => self.string_literal(s.value(), span),
            Expression::Array(items) => {
                let items: Vec<Node> = items.iter().map(|e| self.eval(e, frame, file, d)).collect();
                // Terraform cannot build a list one of whose elements fails: the list fails.
                if let Some(error) = items.iter().find(|i| is_error(i)) {
                    return Node::new(error.value.clone(), span);
                }
                Node::new(Value::List(items), span)
            }
            Expression::Object(object) => {
                // Linear in the number of keys: a generated object can hold a million.
                let mut map = crate::graph::value::MapBuilder::default();
                for (key, value) in object.iter() {
                    let (name, key_span) = match key {
                        ObjectKey::Ident(i) => {
                            let key_span = self.span(file, i.span());
                            (Some(self.key_as_written(i.as_str(), key_span)), key_span)
                        }
                        ObjectKey::Expression(e @ Expression::String(s)) => {
                            let key_span = self.span(file, e.span());
                            let quoted =
                                self.key_as_written(&format!("\"{}\"", s.value()), key_span);
                            let name = quoted
                                .strip_prefix('"')
                                .and_then(|q| q.strip_suffix('"'))
                                .map_or_else(|| s.value().to_string(), str::to_string);
                            (Some(name), key_span)
                        }
                        ObjectKey::Expression(e) => {
                            let k = self.eval(e, frame, file, d);
                            (k.scalar_text(), k.span)
                        }
                    };
                    let v = self.eval(value.expr(), frame, file, d);
                    if is_error(&v) {
                        return Node::new(v.value, span);
                    }
                    match name {
                        Some(name) => map.insert(name, key_span, v),
                        None => return Node::unknown("object key not known statically", span),
                    }
                }
                Node::new(Value::Map(map.finish()), span)
            }
            Expression::StringTemplate(t) => self.template(t.iter(), frame, file, d, span),
            Expression::HeredocTemplate(h) => {
                let node = self.template(h.template.iter(), frame, file, d, span);
                match (h.indent(), &node.value) {
                    (Some(_), Value::String(s)) => {
                        let s = strip_indent(s);
                        self.string_literal(&s, span)
                    }
                    _ => node,
                }
            }
            Expression::Parenthesis(p) => self.eval(p.inner(), frame, file, d),
            Expression::Variable(v) => match frame.get(v.as_str()) {
                Some(bound) => Node::new(bound.value.clone(), span),
                None => Node::unknown(format!("{} is not known statically", v.as_str()), span),
            },
            Expression::Conditional(c) => {
                let cond = self.eval(&c.cond_expr, frame, file, d);
                match bool_of(&cond) {
                    crate::graph::Truth::Yes => self.eval(&c.true_expr, frame, file, d),
                    crate::graph::Truth::No => self.eval(&c.false_expr, frame, file, d),
                    crate::graph::Truth::Unknown => {
                        let a = self.eval(&c.true_expr, frame, file, d);
                        let b = self.eval(&c.false_expr, frame, file, d);
                        // Both branches agree: the condition does not matter.
                        if !a.is_unknown() && a.value == b.value {
                            Node::new(a.value, span)
                        } else {
                            Node::unknown("condition not known statically", span)
                        }
                    }
                }
            }
            Expression::FuncCall(call) => {
                let name = call.name.name.as_str();
                if !call.name.namespace.is_empty() {
                    return Node::unknown(
                        format!("provider function {name} is not evaluated"),
                        span,
                    );
                }
                let mut args: Vec<Node> = if matches!(name, "try" | "can") {
                    self.fallible_args(call, frame, file, d)
                } else {
                    call.args
                        .iter()
                        .map(|a| self.eval(a, frame, file, d))
                        .collect()
                };
                if call.args.expand_final()
                    && let Some(last) = args.pop()
                {
                    match last.value {
                        Value::List(items) => args.extend(items),
                        _ => {
                            return Node::unknown(
                                format!("{name}(...) with expanded arguments not known"),
                                span,
                            );
                        }
                    }
                }
                functions::call(self, name, args, span, file)
            }
            Expression::Traversal(t) => self.traversal(&t.expr, &t.operators, frame, file, d, span),
            Expression::UnaryOp(op) => {
                let v = self.eval(&op.expr, frame, file, d);
                match (op.operator.value(), &v.value) {
                    (UnaryOperator::Neg, Value::Number(n)) => Node::new(Value::Number(-n), span),
                    (UnaryOperator::Not, _) => match bool_of(&v) {
                        crate::graph::Truth::Unknown => {
                            Node::unknown("operand not known statically", span)
                        }
                        t => Node::new(Value::Bool(t.negate().is_yes()), span),
                    },
                    _ => Node::unknown("operand not known statically", span),
                }
            }
            Expression::BinaryOp(op) => {
                let l = self.eval(&op.lhs_expr, frame, file, d);
                let r = self.eval(&op.rhs_expr, frame, file, d);
                let operator = *op.operator.value();
                if let Some(error) = [&l, &r].into_iter().find(|o| is_error(o)) {
                    // Terraform 1.12 (HCL #713) short-circuits `&&` and `||`: a side that
                    // decides the result alone drops the other side's error, so
                    // `var.ssh != null && var.ssh.enabled` is false for a null `var.ssh`.
                    if let Some(decided) = short_circuit(operator, &l, &r) {
                        return Node::new(Value::Bool(decided), span);
                    }
                    return Node::new(error.value.clone(), span);
                }
                binary(operator, &l, &r, span)
            }
            Expression::ForExpr(f) => self.for_expr(f, frame, file, d, span),
        }
    }

    /// The arguments of `try()` or `can()`, each unknown (not an error) when it reads an
    /// instance that may not exist: Terraform's result then depends on what apply makes.
    /// References inside stay uncounted outside the call, whose result is unknown in turn.
    fn fallible_args(
        &self,
        call: &hcl_edit::expr::FuncCall,
        frame: &Frame,
        file: FileId,
        depth: usize,
    ) -> Vec<Node> {
        let before = self.uncertain_references.get();
        let args = call
            .args
            .iter()
            .map(|a| {
                let start = self.uncertain_references.get();
                let value = self.eval(a, frame, file, depth);
                if self.uncertain_references.get() == start || is_error(&value) {
                    value
                } else {
                    Node::unknown(
                        "it reads an instance that may not exist (its count, for_each or key is not known statically)",
                        value.span,
                    )
                }
            })
            .collect();
        self.uncertain_references.set(before);
        args
    }

    /// Runs `f` without counting its references as the current expression's: a local, a module
    /// call or a count is evaluated once for all its uses, and an error there is not one
    /// `try()` would catch (Terraform fails the plan at it).
    fn apart<T>(&self, f: impl FnOnce() -> T) -> T {
        let before = self.uncertain_references.get();
        let result = f();
        self.uncertain_references.set(before);
        result
    }

    /// An object key as the file writes it: the parser saw a placeholder when the key repeats
    /// an earlier one (see `parse_file`), and the value is Terraform's last one for the key.
    fn key_as_written(&self, parsed: &str, span: Span) -> String {
        match self.sources.get(span.file).map(|f| f.slice(span)) {
            Some(written) if written != parsed && written.len() == parsed.len() => {
                written.to_string()
            }
            _ => parsed.to_string(),
        }
    }

    /// The file `file()` or `templatefile()` reads at `path` (resolved), read once per
    /// evaluator: every instance of a counted resource asks for the same template.
    pub(super) fn function_file(
        &self,
        path: &std::path::Path,
        read: impl FnOnce(&std::path::Path) -> Option<String>,
    ) -> Rc<FunctionFile> {
        if let Some(known) = self.function_files.borrow().get(path) {
            return Rc::clone(known);
        }
        let file = Rc::new(FunctionFile {
            text: read(path),
            template: OnceCell::new(),
        });
        self.function_files
            .borrow_mut()
            .insert(path.to_path_buf(), Rc::clone(&file));
        file
    }

    /// The text of a `templatefile()` evaluated with `vars` (a map) as its variables; an error
    /// (why it is not parsed) when it is not a valid template. Template directives whose
    /// condition or collection is not known make the whole result unknown, as any template.
    pub(super) fn template_file(&self, template: &Template, vars: Option<&Node>) -> Node {
        let mut frame = Frame::default();
        match vars.map(|v| &v.value) {
            Some(Value::Map(map)) => {
                for (name, value) in map.iter() {
                    frame = frame.with(name, value.clone());
                }
            }
            None | Some(Value::Null) => {}
            Some(_) => {
                return Node::unknown(
                    "templatefile() variables not known statically",
                    Span::default(),
                );
            }
        }
        // Spans inside the template are offsets in another file: only the text is used.
        self.template(template.iter(), &frame, FileId::NONE, 0, Span::default())
    }

    /// A literal string that holds a JSON document (a policy in a heredoc) is decoded right away,
    /// with exact spans when the text is verbatim in the file.
    fn string_literal(&self, s: &str, span: Span) -> Node {
        if looks_like_json_document(s)
            && let Some(file) = self.sources.get(span.file)
        {
            let raw = file.slice(span);
            let (text, placement) = match raw.find(s) {
                Some(at) => (
                    s,
                    Placement::At {
                        file: span.file,
                        base: span.start as usize + at,
                    },
                ),
                // An indented heredoc (`<<-EOT`) is dedented, so its text is not in the file
                // as is; JSON ignores indentation, so parse the body as written instead.
                None => match heredoc_body(raw).filter(|(body, _)| same_tokens(body, s)) {
                    Some((body, at)) => (
                        body,
                        Placement::At {
                            file: span.file,
                            base: span.start as usize + at,
                        },
                    ),
                    None => (s, Placement::Whole(span)),
                },
            };
            if let Ok(node) = json::parse_placed(text, placement) {
                return node;
            }
        }
        Node::string(s, span)
    }

    fn template<'t>(
        &self,
        elements: impl Iterator<Item = &'t Element>,
        frame: &Frame,
        file: FileId,
        depth: usize,
        span: Span,
    ) -> Node {
        let mut text = TextBuilder::default();
        // The template as pieces, kept in case it is a JSON document with unknown parts.
        let mut pieces: Vec<TemplatePart> = Vec::new();
        let mut first_unknown: Option<Node> = None;
        let mut count = 0;
        for element in elements {
            count += 1;
            match element {
                Element::Literal(l) => {
                    text.push_str(l.value());
                    let lit_span = self.span(file, l.span());
                    let offsets = self
                        .sources
                        .get(file)
                        .filter(|_| l.span().is_some())
                        .and_then(|f| align(l.value(), f.slice(lit_span), lit_span.start));
                    pieces.push(TemplatePart::Text(l.value().clone(), lit_span, offsets));
                }
                Element::Interpolation(i) => {
                    let v = self.eval(&i.expr, frame, file, depth);
                    match v.scalar_text() {
                        Some(t) => {
                            text.push_str(&t);
                            pieces.push(TemplatePart::Text(t, v.span, None));
                        }
                        None if v.is_null() => {}
                        None => {
                            if !text.push_value(&v) {
                                // Written as JSON (`${jsonencode({pw = x.secret})}`): what it
                                // holds is written too.
                                let mut from = BuiltFrom::default();
                                from.gather(&v);
                                let why = "a collection in a string";
                                text.push_value(&Node::unknown_from(why, from, v.span));
                            }
                            first_unknown.get_or_insert_with(|| v.clone());
                            pieces.push(TemplatePart::Hole(v));
                        }
                    }
                }
                Element::Directive(directive) => {
                    match self.directive(directive, frame, file, depth) {
                        Some(t) => {
                            text.push_str(&t);
                            let at = self.span(file, directive.span());
                            pieces.push(TemplatePart::Text(t, at, None));
                        }
                        None => {
                            return Node::unknown("template directive not known statically", span);
                        }
                    }
                }
            }
        }
        let Some(unknown) = first_unknown else {
            let known = text.finish("", span);
            return match known.as_str() {
                Some(s) => self.string_literal(s, span),
                None => known,
            };
        };
        // `"${aws_s3_bucket.b.id}"` is just the reference; anything more is partly known text.
        if count == 1 {
            return Node::new(unknown.value, span);
        }
        let partial = text.finish("template uses ", span);
        // A policy in a heredoc with `${...}` in it: a document whose leaves are partly known.
        if partial.text_shape().is_some_and(looks_like_json_document) {
            let pieces: Vec<json::Piece<'_>> = pieces
                .iter()
                .map(|p| match p {
                    TemplatePart::Text(t, span, offsets) => json::Piece::Text {
                        text: t,
                        span: *span,
                        offsets: offsets.as_deref(),
                    },
                    TemplatePart::Hole(node) => json::Piece::Hole(node.clone()),
                })
                .collect();
            if let Ok(node) = json::parse_template(&pieces, span) {
                return node;
            }
        }
        partial
    }

    fn directive(
        &self,
        directive: &Directive,
        frame: &Frame,
        file: FileId,
        depth: usize,
    ) -> Option<String> {
        match directive {
            Directive::If(d) => {
                let cond = self.eval(&d.if_expr.cond_expr, frame, file, depth);
                let chosen: Option<&Template> = match bool_of(&cond) {
                    crate::graph::Truth::Yes => Some(&d.if_expr.template),
                    crate::graph::Truth::No => d.else_expr.as_ref().map(|e| &e.template),
                    crate::graph::Truth::Unknown => return None,
                };
                match chosen {
                    Some(t) => self
                        .template(t.iter(), frame, file, depth, Span::default())
                        .as_str()
                        .map(str::to_string),
                    None => Some(String::new()),
                }
            }
            Directive::For(d) => {
                let collection = self.eval(&d.for_expr.collection_expr, frame, file, depth);
                let items = iteration_items(&collection)?;
                let mut out = String::new();
                for (key, value) in items {
                    let mut inner = frame.with(d.for_expr.value_var.as_str(), value);
                    if let Some(k) = &d.for_expr.key_var {
                        inner = inner.with(k.as_str(), key);
                    }
                    let part = self.template(
                        d.for_expr.template.iter(),
                        &inner,
                        file,
                        depth,
                        Span::default(),
                    );
                    out.push_str(part.as_str()?);
                }
                Some(out)
            }
        }
    }

    fn for_expr(
        &self,
        f: &hcl_edit::expr::ForExpr,
        frame: &Frame,
        file: FileId,
        depth: usize,
        span: Span,
    ) -> Node {
        let collection = self.eval(&f.intro.collection_expr, frame, file, depth);
        let Some(items) = iteration_items(&collection) else {
            return Node::unknown(
                "for expression over a collection not known statically",
                span,
            );
        };
        let mut list = Vec::new();
        let mut map = Map::default();
        for (key, value) in items {
            let mut inner = frame.with(f.intro.value_var.as_str(), value);
            if let Some(k) = &f.intro.key_var {
                inner = inner.with(k.as_str(), key);
            }
            // An error in any element's condition, key or value fails the whole expression
            // in Terraform: `can([for s in var.subnets : s.cidr])` is false when one lacks it.
            if let Some(cond) = &f.cond {
                let cond = self.eval(&cond.expr, &inner, file, depth);
                if is_error(&cond) {
                    return Node::new(cond.value, span);
                }
                match bool_of(&cond) {
                    crate::graph::Truth::Yes => {}
                    crate::graph::Truth::No => continue,
                    crate::graph::Truth::Unknown => {
                        return Node::unknown(
                            "for expression condition not known statically",
                            span,
                        );
                    }
                }
            }
            let value = self.eval(&f.value_expr, &inner, file, depth);
            if is_error(&value) {
                return Node::new(value.value, span);
            }
            match &f.key_expr {
                Some(key_expr) => {
                    let k = self.eval(key_expr, &inner, file, depth);
                    if is_error(&k) {
                        return Node::new(k.value, span);
                    }
                    let Some(k_text) = k.scalar_text() else {
                        return Node::unknown("for expression key not known statically", span);
                    };
                    if f.grouping {
                        match map.entries.iter_mut().find(|e| e.key == k_text) {
                            Some(Entry {
                                value:
                                    Node {
                                        value: Value::List(l),
                                        ..
                                    },
                                ..
                            }) => l.push(value),
                            _ => map.insert(
                                k_text,
                                k.span,
                                Node::new(Value::List(vec![value]), span),
                            ),
                        }
                    } else {
                        map.insert(k_text, k.span, value);
                    }
                }
                None => list.push(value),
            }
        }
        if f.key_expr.is_some() {
            Node::new(Value::Map(map), span)
        } else {
            Node::new(Value::List(list), span)
        }
    }

    fn traversal(
        &self,
        root: &Expression,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
        frame: &Frame,
        file: FileId,
        depth: usize,
        span: Span,
    ) -> Node {
        let attr = |i: usize| match ops.get(i).map(|o| o.value()) {
            Some(TraversalOperator::GetAttr(a)) => Some(a.as_str()),
            _ => None,
        };
        let (start, rest) = match root {
            Expression::Variable(v) if frame.get(v.as_str()).is_none() => {
                let name = v.as_str();
                match name {
                    "var" => match attr(0) {
                        Some(n) => {
                            let ops = ops.get(1..).unwrap_or_default();
                            return self.variable(n, ops, frame, file, depth, span);
                        }
                        None => return Node::unknown("malformed variable reference", span),
                    },
                    "local" => match attr(0) {
                        Some(n) => {
                            let ops = ops.get(1..).unwrap_or_default();
                            return self.local(n, ops, frame, file, depth, span);
                        }
                        None => return Node::unknown("malformed local reference", span),
                    },
                    "path" => (Node::string(".", span), 1),
                    "terraform" => {
                        return Node::unknown("terraform.workspace is not known statically", span);
                    }
                    "module" => match attr(0) {
                        Some(n) => (self.module_value(n, span), 1),
                        None => return Node::unknown("malformed module reference", span),
                    },
                    "data" => match (attr(0), attr(1)) {
                        (Some(kind), Some(name)) => {
                            if let Some(fact) = deployment_fact(kind, ops.get(2..), span) {
                                return fact;
                            }
                            return self.resource_reference(
                                &format!("data.{kind}.{name}"),
                                ops.get(2..).unwrap_or_default(),
                                frame,
                                file,
                                depth,
                                span,
                            );
                        }
                        _ => return Node::unknown("malformed data reference", span),
                    },
                    kind => match attr(0) {
                        Some(name) if self.resource_kinds.contains(&(kind, name)) => {
                            return self.resource_reference(
                                &format!("{kind}.{name}"),
                                ops.get(1..).unwrap_or_default(),
                                frame,
                                file,
                                depth,
                                span,
                            );
                        }
                        _ => return Node::unknown(format!("{kind} is not known statically"), span),
                    },
                }
            }
            other => (self.eval(other, frame, file, depth), 0),
        };
        self.apply_ops(
            start,
            ops.get(rest..).unwrap_or_default(),
            frame,
            file,
            depth,
            span,
        )
    }

    /// `aws_subnet.a.id`, `aws_subnet.a[0].id`, `aws_subnet.a[*].id`, `data.x.y.json`.
    fn resource_reference(
        &self,
        address: &str,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
        frame: &Frame,
        file: FileId,
        depth: usize,
        span: Span,
    ) -> Node {
        let mut address = format!("{}{address}", self.scope.prefix);
        let mut rest = ops;
        match rest.first().map(|o| o.value()) {
            Some(TraversalOperator::Index(index)) => {
                let key = self.eval(index, frame, file, depth);
                let suffix = self.instance_suffix(&address, &key, depth);
                if let Some(missing) = self.missing_instance(&address, &suffix, span, depth) {
                    return missing;
                }
                self.note_certainty(&address, &suffix, depth);
                address.push_str(&suffix);
                rest = rest.get(1..).unwrap_or_default();
            }
            Some(TraversalOperator::LegacyIndex(i)) => {
                let suffix = format!("[{}]", i.value());
                if let Some(missing) = self.missing_instance(&address, &suffix, span, depth) {
                    return missing;
                }
                self.note_certainty(&address, &suffix, depth);
                address.push_str(&suffix);
                rest = rest.get(1..).unwrap_or_default();
            }
            Some(splat @ (TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_))) => {
                // `aws_subnet.public[*].id`: one reference per instance the count or for_each
                // gives, so each can be followed. A full splat reads the rest of the traversal
                // from each instance; `.*` only the attribute names that follow it, and what
                // comes after them (`aws_subnet.public.*.id[1]`) selects from the list.
                let after = rest.get(1..).unwrap_or_default();
                let per_instance = match splat {
                    TraversalOperator::AttrSplat(_) => after
                        .iter()
                        .position(|o| !matches!(o.value(), TraversalOperator::GetAttr(_)))
                        .unwrap_or(after.len()),
                    _ => after.len(),
                };
                let (each, on_list) = after.split_at(per_instance);
                let attribute = match each.first().map(|o| o.value()) {
                    Some(TraversalOperator::GetAttr(a)) => Some(a.as_str().to_string()),
                    _ => None,
                };
                // With a count or for_each not known statically, so is the list's length.
                let Some(suffixes) = self.instance_suffixes(&address, depth) else {
                    return Node::unknown(
                        format!("the instances of {address} are not known statically"),
                        span,
                    );
                };
                let path = match attribute {
                    Some(_) => self.reference_path(each.get(1..), frame, file, depth),
                    None => Vec::new(),
                };
                let items = suffixes
                    .ordered
                    .iter()
                    .map(|suffix| {
                        let reference = Reference {
                            address: format!("{address}{suffix}"),
                            attribute: attribute.clone(),
                            path: path.clone(),
                        };
                        Node::new(Value::Ref(Box::new(reference)), span)
                    })
                    .collect();
                let list = Node::new(Value::List(items), span);
                return self.apply_ops(list, on_list, frame, file, depth, span);
            }
            _ => self.note_certainty(&address, "", depth),
        }
        let (attribute, path) = match rest.split_first() {
            Some((first, path)) => match first.value() {
                TraversalOperator::GetAttr(a) => (
                    Some(a.as_str().to_string()),
                    self.reference_path(Some(path), frame, file, depth),
                ),
                _ => (None, self.reference_path(Some(rest), frame, file, depth)),
            },
            None => (None, Vec::new()),
        };
        // `aws_s3_bucket.b.tags["Owner"]`, `aws_eks_cluster.c.identity[0].oidc[0].issuer`: a
        // part of the attribute, known once the resource exists. The reference keeps the edge
        // to the resource (an attachment naming a node group's autoscaling group) and the
        // whole path, so the model can tell the part from the resource; try() cannot take it
        // for the value.
        if rest.len() > 1 {
            self.uncertain_references
                .set(self.uncertain_references.get().saturating_add(1));
        }
        let reference = Reference {
            address,
            attribute,
            path,
        };
        Node::new(Value::Ref(Box::new(reference)), span)
    }

    /// The steps of a reference past its first attribute: attribute names, keys (evaluated, so
    /// `[count.index]` is the instance's key) and splats, each with its span.
    fn reference_path(
        &self,
        ops: Option<&[hcl_edit::Decorated<TraversalOperator>]>,
        frame: &Frame,
        file: FileId,
        depth: usize,
    ) -> Vec<PathStep> {
        let step = |op: &hcl_edit::Decorated<TraversalOperator>| {
            let kind = match op.value() {
                TraversalOperator::GetAttr(a) => StepKind::Attribute(a.as_str().to_string()),
                TraversalOperator::Index(index) => {
                    match self.eval(index, frame, file, depth).scalar_text() {
                        Some(key) => StepKind::Key(key),
                        None => StepKind::AnyElement,
                    }
                }
                TraversalOperator::LegacyIndex(i) => StepKind::Key(i.value().to_string()),
                TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                    StepKind::AnyElement
                }
            };
            PathStep {
                kind,
                span: self.span(file, op.span()),
            }
        };
        ops.unwrap_or_default().iter().map(step).collect()
    }

    /// The address suffix of instance `key` of `address`, the key converted as Terraform
    /// converts it to the resource's kind of key: a number for `count` (`["0"]` is `[0]`), a
    /// string for `for_each` (`[1]` is `["1"]`). Empty when the key is not known statically.
    fn instance_suffix(&self, address: &str, key: &Node, depth: usize) -> String {
        let Some(text) = key.scalar_text() else {
            return String::new();
        };
        let first = self
            .instance_suffixes(address, depth)
            .and_then(|keys| keys.ordered.first().cloned());
        match first.as_deref() {
            Some(s) if s.starts_with("[\"") => format!("[{}]", quote(&text)),
            Some(s) if s.starts_with('[') => match text.trim().parse::<f64>() {
                Ok(n) if n.is_finite() => format!("[{n}]"),
                _ => format!("[{}]", quote(&text)),
            },
            // No instances, or not known: the key as it is written.
            _ => match key.value {
                Value::String(_) => format!("[{}]", quote(&text)),
                _ => format!("[{text}]"),
            },
        }
    }

    /// Counts a reference to instance `suffix` of `address` as uncertain unless the resource's
    /// instances are known and include it (see [`Self::fallible_args`]). An index key not
    /// known statically comes as an empty suffix, which a counted resource does not make.
    fn note_certainty(&self, address: &str, suffix: &str, depth: usize) {
        let certain = self
            .instance_suffixes(address, depth)
            .is_some_and(|keys| keys.set.contains(suffix));
        if !certain {
            self.uncertain_references
                .set(self.uncertain_references.get().saturating_add(1));
        }
    }

    /// Terraform's error for an instance that its known count or for_each does not make
    /// (`aws_s3_bucket.this[0]` with `count = 0`), which `try` and `can` look for; `None` when
    /// the instance exists or may.
    fn missing_instance(
        &self,
        address: &str,
        suffix: &str,
        span: Span,
        depth: usize,
    ) -> Option<Node> {
        if suffix.is_empty() {
            return None;
        }
        let keys = self.instance_suffixes(address, depth)?;
        // Past zt-lint's cap the instance exists though it is not made here.
        let missing = !keys.set.contains("")
            && !keys.set.contains(suffix)
            && keys.ordered.len() < MAX_INSTANCES;
        missing.then(|| {
            Node::unknown(
                format!("error: {address}{suffix} is not an instance its count or for_each makes"),
                span,
            )
        })
    }

    /// The instance keys (`[0]`, `["a"]`) of a resource of this module, by its full address;
    /// `[""]` when it has no count or for_each (or is not declared here); `None` when its count
    /// or for_each is not known statically.
    fn instance_suffixes(&self, address: &str, depth: usize) -> Option<Rc<InstanceKeys>> {
        let local = address
            .strip_prefix(self.scope.prefix.as_str())
            .unwrap_or(address);
        if let Some(known) = self.instance_keys.borrow().get(local) {
            return known.clone();
        }
        let declared = self
            .declared
            .get_or_init(|| {
                let mut by_address = HashMap::with_capacity_and_hasher(
                    self.decls.resources.len(),
                    Default::default(),
                );
                for &(mode, kind, name, block, file) in &self.decls.resources {
                    // Terraform rejects a repeated address; the first is the one read.
                    by_address
                        .entry(address_in_module(mode, kind, name))
                        .or_insert((block, file));
                }
                by_address
            })
            .get(local);
        let keys = match declared {
            None => Some(vec![String::new()]),
            Some(&(block, file)) => {
                // Terraform rejects cycles; hostile input could still write one.
                if !self.expanding.borrow_mut().insert(local.to_string()) {
                    return None;
                }
                let repeated = block.body.get_attribute("count").is_some()
                    || block.body.get_attribute("for_each").is_some();
                // An `enabled` not known statically leaves even whether there is an instance
                // unknown: only a known `false` means none.
                let undecided = matches!(
                    self.apart(|| self.lifecycle_enabled(block, file, depth + 1)),
                    Some((_, None))
                );
                let suffixes: Vec<String> = self
                    .apart(|| self.instances_at(block, file, depth + 1))
                    .into_iter()
                    .map(|(s, _)| s)
                    .collect();
                self.expanding.borrow_mut().remove(local);
                // `instances` gives one instance without a key when the count or for_each is
                // unknown.
                let unknown = undecided || (repeated && suffixes.iter().any(String::is_empty));
                (!unknown).then_some(suffixes)
            }
        };
        let keys = keys.map(|ordered| {
            Rc::new(InstanceKeys {
                set: ordered.iter().cloned().collect(),
                ordered,
            })
        });
        self.instance_keys
            .borrow_mut()
            .insert(local.to_string(), keys.clone());
        keys
    }

    fn apply_ops(
        &self,
        value: Node,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
        frame: &Frame,
        file: FileId,
        depth: usize,
        span: Span,
    ) -> Node {
        if ops.is_empty() {
            return Node::new(value.value, span);
        }
        self.select(&value, ops, frame, file, depth, span)
    }

    /// [`Self::apply_ops`] on a value that stays where it is: only what the operations select
    /// is copied. A variable holding a list of n CIDRs, indexed in each of n resources, would
    /// otherwise be copied whole n times.
    fn select(
        &self,
        value: &Node,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
        frame: &Frame,
        file: FileId,
        depth: usize,
        span: Span,
    ) -> Node {
        let mut value = value;
        for (i, op) in ops.iter().enumerate() {
            if value.is_unknown() {
                return Node::new(value.value.clone(), span);
            }
            value = match op.value() {
                TraversalOperator::GetAttr(a) => match value.get(a.as_str()) {
                    Some(v) => v,
                    None => {
                        return Node::unknown(format!("error: no attribute {}", a.as_str()), span);
                    }
                },
                TraversalOperator::Index(index) => {
                    let key = self.eval(index, frame, file, depth);
                    match index_value(value, &key, span) {
                        Ok(v) => v,
                        Err(unknown) => return unknown,
                    }
                }
                TraversalOperator::LegacyIndex(n) => {
                    let key = Node::new(Value::Number(*n.value() as f64), span);
                    match index_value(value, &key, span) {
                        Ok(v) => v,
                        Err(unknown) => return unknown,
                    }
                }
                TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                    let rest = ops.get(i + 1..).unwrap_or_default();
                    let mapped = value
                        .items()
                        .iter()
                        .map(|item| self.select(item, rest, frame, file, depth, span))
                        .collect();
                    return Node::new(Value::List(mapped), span);
                }
            };
        }
        Node::new(value.value.clone(), span)
    }

    /// `var.name` followed by `ops` (`var.cidrs[0]`), read from the variable in place.
    fn variable(
        &self,
        name: &str,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
        frame: &Frame,
        file: FileId,
        depth: usize,
        span: Span,
    ) -> Node {
        match self.variables.get(name) {
            // Written nowhere (command line, environment): shown where it is used.
            Some(v) if v.span.file == crate::source::FileId::NONE => {
                self.apply_ops(v.respanned(span), ops, frame, file, depth, span)
            }
            Some(v) => {
                if let Some(source) = self.input_sources.get(name) {
                    self.note_input_use(source, span);
                } else {
                    // A tfvars line or the variable's default decided it.
                    self.note_origin(span, v.span);
                }
                self.select(v, ops, frame, file, depth, span)
            }
            None => Node::unknown(format!("var.{name} is not declared"), span),
        }
    }

    /// `local.name` followed by `ops`; `depth` counts the chain of locals too (`a = local.b`,
    /// ...).
    fn local(
        &self,
        name: &str,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
        frame: &Frame,
        file: FileId,
        depth: usize,
        span: Span,
    ) -> Node {
        let cached = self.locals.borrow().get(name).cloned();
        if let Some(v) = cached {
            self.forward_input_use(&v, span);
            self.note_origin(span, v.span);
            return self.select(&v, ops, frame, file, depth, span);
        }
        let Some(&(expr, local_file)) = self.decls.locals.get(name) else {
            return Node::unknown(format!("local.{name} is not declared"), span);
        };
        if !self.evaluating.borrow_mut().insert(name.to_string()) {
            self.errors.borrow_mut().push(LoadError::new(
                format!("local.{name} refers to itself (a cycle)"),
                self.span(local_file, expr.span()),
            ));
            return Node::unknown(format!("local.{name} is part of a cycle"), span);
        }
        let value =
            Rc::new(self.apart(|| self.eval(expr, &Frame::default(), local_file, depth + 1)));
        self.evaluating.borrow_mut().remove(name);
        self.locals
            .borrow_mut()
            .insert(name.to_string(), Rc::clone(&value));
        self.forward_input_use(&value, span);
        self.note_origin(span, value.span);
        self.select(&value, ops, frame, file, depth, span)
    }

    /// Records that the value used at `used_at` was written at `origin` (see
    /// [`crate::graph::value_origins`]).
    fn note_origin(&self, used_at: Span, origin: Span) {
        if origin.file != crate::source::FileId::NONE {
            self.scope
                .record
                .value_origins
                .borrow_mut()
                .record(&self.scope.trail, used_at, origin);
        }
    }

    /// `local.x = var.public`: a use of the local is a use of what the caller decided.
    fn forward_input_use(&self, value: &Node, used_at: Span) {
        if self.scope.trail.is_empty() {
            return;
        }
        let source = self
            .scope
            .record
            .module_inputs
            .borrow()
            .get(&self.scope.trail, value.span)
            .cloned();
        if let Some(source) = source {
            self.note_input_use(&source, used_at);
        }
    }
}

/// The source of a variable set at `span` by the call, or left at the default written at
/// `default` (then `span` is the call header).
fn input_source(name: &str, span: Span, default: Option<Span>) -> InputSource {
    InputSource {
        span,
        variable: format!("var.{name}"),
        by_default: default.is_some(),
        default_value: default,
    }
}

/// Data sources whose attributes mean the same in every deployment zt-lint judges:
/// `aws_partition` (zt-lint assumes the commercial partition, as for CloudFormation's
/// `AWS::Partition`) and `aws_caller_identity`'s account, which is unknown but the same account
/// wherever it is read; and `aws_region`'s name, unknown but a plain region name. `ops` follow `data.KIND.NAME` (an instance key may come first).
fn deployment_fact(
    kind: &str,
    ops: Option<&[hcl_edit::Decorated<TraversalOperator>]>,
    span: Span,
) -> Option<Node> {
    let mut ops = ops?.iter().map(|o| o.value());
    let attribute = match ops.next()? {
        TraversalOperator::GetAttr(a) => a.as_str(),
        TraversalOperator::Index(_) | TraversalOperator::LegacyIndex(_) => match ops.next()? {
            TraversalOperator::GetAttr(a) => a.as_str(),
            _ => return None,
        },
        _ => return None,
    };
    if ops.next().is_some() {
        return None;
    }
    match (kind, attribute) {
        ("aws_partition", "partition" | "id") => Some(Node::string("aws", span)),
        ("aws_partition", "dns_suffix") => Some(Node::string("amazonaws.com", span)),
        ("aws_partition", "reverse_dns_prefix") => Some(Node::string("com.amazonaws", span)),
        ("aws_caller_identity", "account_id" | "id") => Some(Node::this_account(span)),
        // Unknown, but a region name (which region depends on the provider configuration).
        ("aws_region", "name" | "region" | "id") => Some(Node::plain_unknown(
            "the region is known at deployment",
            span,
        )),
        _ => None,
    }
}

/// A part of a template: text (with its span, and the file offset of each of its bytes when
/// known) or a value not known statically.
enum TemplatePart {
    Text(String, Span, Option<Vec<u32>>),
    Hole(Node),
}

/// The file offset of each byte of a template literal's value (and of its end), found in the
/// text as written at `base`: the value is the written text less what the parser removed
/// (a `<<-` heredoc's indentation, the first `$` of `$${`, a backslash of an escape). `None`
/// when the value is not found in that order (an escape such as `\n`).
fn align(value: &str, written: &str, base: u32) -> Option<Vec<u32>> {
    let written = written.as_bytes();
    let mut offsets = Vec::with_capacity(value.len() + 1);
    let mut at = 0;
    for &b in value.as_bytes() {
        while *written.get(at)? != b {
            at += 1;
        }
        offsets.push(base + u32::try_from(at).ok()?);
        at += 1;
    }
    offsets.push(base + u32::try_from(at).ok()?);
    Some(offsets)
}

/// The nested block types an override body replaces in the original: those of its blocks, and
/// the label of each `dynamic` block, as Terraform's module_merge_body.go counts them.
fn overridden_block_types(body: &Body) -> Vec<&str> {
    body.blocks()
        .filter_map(|block| match block.ident.as_str() {
            "dynamic" => block.labels.first().map(super::label),
            name if super::is_meta(name) => None,
            name => Some(name),
        })
        .collect()
}

fn push_block(map: &mut Map, name: &str, key_span: Span, block: Node) {
    match map.entries.iter_mut().find(|e| e.key == name) {
        Some(Entry {
            value:
                Node {
                    value: Value::List(items),
                    ..
                },
            ..
        }) => items.push(block),
        _ => {
            let span = block.span;
            map.insert(
                name.to_string(),
                key_span,
                Node::new(Value::List(vec![block]), span),
            );
        }
    }
}

fn map_of<const N: usize>(entries: [(&str, Node); N], span: Span) -> Node {
    let mut map = Map::default();
    for (k, v) in entries {
        map.insert(k.to_string(), span, v);
    }
    Node::new(Value::Map(map), span)
}

/// `"key"` quoted the way Terraform writes instance keys.
fn quote(key: &str) -> String {
    format!("\"{}\"", key.replace('\\', "\\\\").replace('"', "\\\""))
}

/// `for_each` items: map entries by key (sorted, as Terraform orders them) or set elements.
fn each_items(collection: &Node) -> Option<Vec<(String, Node)>> {
    match &collection.value {
        Value::Map(map) => {
            let mut items: Vec<(String, Node)> = map
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect();
            items.sort_by(|a, b| a.0.cmp(&b.0));
            Some(items)
        }
        Value::List(list) => {
            let mut items = Vec::with_capacity(list.len());
            for item in list {
                match item.scalar_text() {
                    Some(k) => items.push((k, item.clone())),
                    None if item.is_unknown() => return None,
                    None => items.push((items.len().to_string(), item.clone())),
                }
            }
            items.sort_by(|a, b| a.0.cmp(&b.0));
            items.dedup_by(|a, b| a.0 == b.0);
            Some(items)
        }
        _ => None,
    }
}

/// `for` items: (index, element) of a list, (key, value) of a map in key order.
fn iteration_items(collection: &Node) -> Option<Vec<(Node, Node)>> {
    match &collection.value {
        Value::List(list) => Some(
            list.iter()
                .enumerate()
                .map(|(i, v)| (Node::new(Value::Number(i as f64), v.span), v.clone()))
                .collect(),
        ),
        Value::Map(map) => {
            let mut entries: Vec<&Entry> = map.entries.iter().collect();
            entries.sort_by(|a, b| a.key.cmp(&b.key));
            Some(
                entries
                    .into_iter()
                    .map(|e| (Node::string(e.key.clone(), e.key_span), e.value.clone()))
                    .collect(),
            )
        }
        _ => None,
    }
}

/// The element of `value` at `key`, or why there is none (an unknown node at `span`).
fn index_value<'v>(value: &'v Node, key: &Node, span: Span) -> Result<&'v Node, Node> {
    if key.is_unknown() {
        return Err(Node::unknown("index not known statically", span));
    }
    match &value.value {
        Value::List(items) => key
            .as_i64()
            .and_then(|i| usize::try_from(i).ok())
            .and_then(|i| items.get(i))
            .ok_or_else(|| Node::unknown("error: index out of range", span)),
        Value::Map(map) => key
            .scalar_text()
            .and_then(|k| map.get(&k))
            .ok_or_else(|| Node::unknown("error: no such key", span)),
        _ => Err(Node::unknown("indexed value not known statically", span)),
    }
}

/// The result of `&&` or `||` that one operand decides alone (false for `&&`, true for `||`),
/// whatever the other one is; `None` for other operators or when no operand decides.
fn short_circuit(op: BinaryOperator, l: &Node, r: &Node) -> Option<bool> {
    let deciding = match op {
        BinaryOperator::And => crate::graph::Truth::No,
        BinaryOperator::Or => crate::graph::Truth::Yes,
        _ => return None,
    };
    [l, r]
        .into_iter()
        // A null operand is an error in Terraform, not false: it decides nothing.
        .any(|side| !is_error(side) && !side.is_null() && bool_of(side) == deciding)
        .then_some(deciding.is_yes())
}

/// Whether a variable may be null: `nullable` is a literal bool, true when absent.
fn nullable(variable: &super::Merged) -> bool {
    !matches!(
        variable.attribute("nullable").map(|(a, _)| &a.value),
        Some(Expression::Bool(b)) if !*b.value()
    )
}

/// A condition or logical operand as Terraform converts it to bool: a bool, or exactly the
/// string "true"/"1" or "false"/"0". `Node::truth` also takes "TRUE", as CloudFormation does; in
/// Terraform that, a number or null is an error, which decides nothing.
fn bool_of(node: &Node) -> crate::graph::Truth {
    functions::to_bool(node).unwrap_or(crate::graph::Truth::Unknown)
}

fn binary(op: BinaryOperator, l: &Node, r: &Node, span: Span) -> Node {
    use crate::graph::Truth;
    let unknown = || Node::unknown("operand not known statically", span);
    let num = |v: f64| Node::new(Value::Number(v), span);
    let boolean = |b: bool| Node::new(Value::Bool(b), span);
    match op {
        BinaryOperator::And | BinaryOperator::Or => {
            let t = if op == BinaryOperator::And {
                bool_of(l).and(bool_of(r))
            } else {
                bool_of(l).or(bool_of(r))
            };
            match t {
                Truth::Unknown => unknown(),
                t => boolean(t.is_yes()),
            }
        }
        BinaryOperator::Eq | BinaryOperator::NotEq => {
            // `var.groups != null` with a known map that holds unknown values: a value that is
            // there is not null, whatever is inside it.
            if (l.is_null() && !r.is_unknown()) || (r.is_null() && !l.is_unknown()) {
                let equal = l.is_null() && r.is_null();
                return boolean(equal == (op == BinaryOperator::Eq));
            }
            if l.is_unknown() || r.is_unknown() || contains_unknown(l) || contains_unknown(r) {
                // The same deployment fact on both sides (the account id) is equal.
                return match l.same_as(r) {
                    Truth::Yes => boolean(op == BinaryOperator::Eq),
                    _ => unknown(),
                };
            }
            let equal = match (l.scalar_text(), r.scalar_text()) {
                (Some(a), Some(b))
                    if !matches!(
                        (&l.value, &r.value),
                        (Value::String(_), Value::Number(_)) | (Value::Number(_), Value::String(_))
                    ) =>
                {
                    a == b
                }
                _ => l.value == r.value,
            };
            boolean(if op == BinaryOperator::Eq {
                equal
            } else {
                !equal
            })
        }
        _ => {
            let (Some(a), Some(b)) = (as_number(l), as_number(r)) else {
                return unknown();
            };
            match op {
                BinaryOperator::Plus => num(a + b),
                BinaryOperator::Minus => num(a - b),
                BinaryOperator::Mul => num(a * b),
                BinaryOperator::Div if b != 0.0 => num(a / b),
                BinaryOperator::Mod if b != 0.0 => num(a % b),
                BinaryOperator::Less => boolean(a < b),
                BinaryOperator::LessEq => boolean(a <= b),
                BinaryOperator::Greater => boolean(a > b),
                BinaryOperator::GreaterEq => boolean(a >= b),
                _ => unknown(),
            }
        }
    }
}

fn as_number(n: &Node) -> Option<f64> {
    match &n.value {
        Value::Number(v) => Some(*v),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Terraform's error, which `try()` and `can()` catch: an unknown whose reason says so.
pub(super) fn is_error(node: &Node) -> bool {
    node.unknown_reason()
        .is_some_and(|r| r.starts_with("error:"))
}

pub(super) fn contains_unknown(node: &Node) -> bool {
    let mut found = false;
    node.walk(&mut |n| found |= n.is_unknown());
    found
}

pub(super) fn looks_like_json_document(s: &str) -> bool {
    let t = s.trim_start();
    t.starts_with('{') && (t.contains("\"Statement\"") || t.contains("\"Version\""))
}

/// The body of a heredoc as written (`<<EOT` line and closing delimiter excluded), with its
/// offset inside `raw`.
fn heredoc_body(raw: &str) -> Option<(&str, usize)> {
    if !raw.starts_with("<<") {
        return None;
    }
    let start = raw.find('\n')? + 1;
    let end = raw.trim_end().rfind('\n')?;
    (end >= start).then(|| (&raw[start..end], start))
}

fn same_tokens(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// `<<-EOF` heredocs drop the indentation common to all non-blank lines.
fn strip_indent(s: &str) -> String {
    let indent = s
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    s.split_inclusive('\n')
        .map(|l| l.get(indent..).unwrap_or(l.trim_start_matches([' ', '\t'])))
        .collect()
}
