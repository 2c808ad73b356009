//! Terraform plan JSON (`terraform show -json plan.out`) to a [`Model`].
//!
//! Values come from `resource_changes[].change.after`, with every `after_unknown` path turned
//! into `Unknown` (a computed value is unknown, never absent). Resources only being deleted are
//! left out. Where an unknown attribute's configuration expression references another resource,
//! the value becomes that reference, so views can still follow subnet → route table → gateway.

use super::LoadError;
use super::plan_providers::{ProviderIndex, address_of, configures_something};
use crate::graph::parse::json;
use crate::graph::provider_links::{ProviderLink, ProviderLinks};
use crate::graph::value::BuiltFrom;
use crate::graph::{
    Entry, Map, Mode, Model, NamingCatalog, Node, NotLinted, Origin, PROVIDER_ALIAS, PathStep,
    Reference, Resource, StepKind, Unknown, Value,
};
use crate::source::{FileId, Span};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock};

pub fn is_plan(root: &Node) -> bool {
    root.get("format_version").is_some()
        && (root.get("planned_values").is_some() || root.get("resource_changes").is_some())
}

/// Terraform state rather than a plan: `terraform show -json` without a plan file (`values`
/// instead of `planned_values`), or a raw `terraform.tfstate`. An easy mistake to make, and
/// linting nothing must not look like a pass.
pub fn is_state(root: &Node) -> bool {
    let shown_state = root.get("format_version").is_some() && root.get("values").is_some();
    let raw_state = root.get("lineage").is_some()
        && root.get("serial").is_some()
        && root.get("resources").is_some();
    (shown_state || raw_state) && !is_plan(root)
}

/// A state file is reported as not linted, not linted as if it were a plan: it describes what
/// is deployed, not the change under review, and holds secrets in clear that do not belong in
/// a repository.
pub fn state_model(file: FileId, naming: &'static NamingCatalog) -> Model {
    let mut model = Model::with_naming(Origin::Plan, Vec::new(), naming);
    model.not_linted.push(NotLinted {
        span: Span::new(file, 0, 0),
        reason: "this is Terraform state, not a plan: lint a plan instead \
                 (terraform plan -out tfplan && terraform show -json tfplan > plan.json)"
            .to_string(),
    });
    model
}

/// What a plan's loader never reads: `planned_values` repeats `resource_changes`, and the values
/// before the change are not what is deployed. Dropped as they are parsed, they never take
/// memory beside the rest, which is about half of a plan.
pub const UNREAD: &[&[&str]] = &[
    &["planned_values"],
    &["resource_changes", "*", "change", "before"],
    &["resource_changes", "*", "change", "before_sensitive"],
];

/// Reads a plan from its text one change at a time: `configuration`, which says how each
/// change's values are linked, is read first wherever it is in the file, then each change is
/// parsed, made a resource and dropped, so the parsed changes are never in memory all at once
/// (a plan's largest part). `None` when the text is not a plan with a list of changes that
/// reads as valid JSON: it is then read as a whole document, which locates any error.
///
/// An invalid plan is found invalid only where its error is read, so every change before it is
/// parsed and modelled first, then thrown away: rejecting it costs what loading a valid plan of
/// that size costs (plus the second read that locates the error), no more.
pub fn load_text(
    text: &str,
    file: FileId,
    naming: &'static NamingCatalog,
) -> Option<Result<Model, LoadError>> {
    // The members read here are checked as they are parsed, not once before.
    let doc = json::Members::scan_parsing_later(text, file, PARSED)?;
    if !doc.has("format_version") || !doc.starts_with("resource_changes", b'[') {
        return None;
    }
    // A member that does not parse makes the text invalid JSON: `None`, so that the whole
    // document is read and the first error in it located.
    let configuration = doc.parse("configuration").transpose().ok()?;
    let config = ConfigIndex::new(configuration.as_ref());
    // The data sources are taken out of `prior_state` before the changes are read, and the
    // rest of it is dropped: a plan of a deployed configuration repeats every resource's
    // values there, which would otherwise sit in memory beside the whole model.
    let data = match doc.parse("prior_state").transpose().ok()? {
        Some(prior_state) => data_sources(prior_state.path(&["values", "root_module"]), &config),
        None => Vec::new(),
    };
    let mut plan = PlanResources {
        resources: providers(configuration.as_ref()),
        provider_links: ProviderLinks::default(),
    };
    let errored = doc.parse("errored").transpose().ok()?;
    let complete = doc.parse("complete").transpose().ok()?;
    let deferred = doc.parse("deferred_changes").transpose().ok()?;
    if let Some(read) = doc.for_each_item("resource_changes", UNREAD, |change| {
        plan.add_change(change, &config)
    }) {
        read.ok()?;
    }
    let mut model = plan.finish(data, naming);
    model
        .not_linted
        .extend(partial_plan(errored.as_ref(), complete.as_ref()));
    model.not_linted.extend(deferred_changes(deferred.as_ref()));
    Some(Ok(model))
}

/// The members of a plan [`load_text`] parses.
const PARSED: &[&str] = &[
    "configuration",
    "resource_changes",
    "prior_state",
    "errored",
    "complete",
    "deferred_changes",
];

/// A plan that holds only part of the changes (Terraform 1.5+ says so): one that errored stops
/// where planning failed, and an incomplete one leaves deferred changes to a later plan. What
/// is missing is not linted, and must not pass as if it had been.
fn partial_plan(errored: Option<&Node>, complete: Option<&Node>) -> Option<NotLinted> {
    if let Some(errored) = errored.filter(|e| e.value == Value::Bool(true)) {
        return Some(NotLinted {
            span: errored.span,
            reason: "this plan errored: the changes Terraform had not planned when it stopped are \
                     not in it, so not linted; lint the plan of a run that succeeds"
                .to_string(),
        });
    }
    // Terraform says a plan is not complete when it was made with `-target` as well as when it
    // defers changes: either way, applying it leaves changes for a later plan.
    let incomplete = complete.filter(|c| c.value == Value::Bool(false))?;
    Some(NotLinted {
        span: incomplete.span,
        reason: "this plan is incomplete (made with -target, or deferring changes): the changes \
                 it leaves to a later plan are not in it, so not linted; lint the plan of the \
                 whole configuration"
            .to_string(),
    })
}

/// Each change a plan defers (`deferred_changes`, Terraform 1.9+ with deferred actions) holds
/// values not planned yet: said not linted at its address, never judged on them.
fn deferred_changes(deferred: Option<&Node>) -> impl Iterator<Item = NotLinted> + '_ {
    deferred
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .map(|entry| {
            let address = entry.path(&["resource_change", "address"]);
            let named = address.and_then(Node::as_str).unwrap_or("a resource");
            NotLinted {
                span: address.map_or(entry.span, |a| a.span),
                reason: format!(
                    "{named}: Terraform deferred this change to a later plan, so its values are \
                 not planned yet and it is not linted"
                ),
            }
        })
}

/// Takes the plan by value: resource values are moved out of the document, not copied.
pub fn load(
    mut root: Node,
    file: FileId,
    naming: &'static NamingCatalog,
) -> Result<Model, LoadError> {
    let Value::Map(doc) = &mut root.value else {
        return Err(LoadError::new(
            "a plan must be a JSON object",
            Span::new(file, 0, 0),
        ));
    };
    let changes = doc.remove("resource_changes");
    let config = ConfigIndex::new(root.get("configuration"));
    let mut plan = PlanResources {
        resources: providers(root.get("configuration")),
        provider_links: ProviderLinks::default(),
    };

    if let Some(Node {
        value: Value::List(changes),
        ..
    }) = changes
    {
        for change in changes {
            plan.add_change(change, &config);
        }
    } else if let Some(module) = root.path(&["planned_values", "root_module"]) {
        let mut seen = HashSet::new();
        let mut found = Vec::new();
        collect_module(module, &config, None, &mut found, &mut seen, 0);
        for (r, link) in found {
            plan.add(r, link);
        }
    }
    let data = data_sources(
        root.path(&["prior_state", "values", "root_module"]),
        &config,
    );
    let partial = partial_plan(root.get("errored"), root.get("complete"));
    let deferred: Vec<NotLinted> = deferred_changes(root.get("deferred_changes")).collect();
    let mut model = plan.finish(data, naming);
    model.not_linted.extend(partial);
    model.not_linted.extend(deferred);
    Ok(model)
}

/// The resources of a plan as its changes are read.
#[derive(Default)]
struct PlanResources {
    resources: Vec<Resource>,
    provider_links: ProviderLinks,
}

impl PlanResources {
    fn add_change(&mut self, mut change: Node, config: &ConfigIndex<'_>) {
        let Some(after) = take(&mut change, "change", "after") else {
            return;
        };
        let Some(address) = change.get("address").and_then(Node::as_str) else {
            return;
        };
        let actions: Vec<&str> = change
            .path(&["change", "actions"])
            .map(|a| a.items().iter().filter_map(Node::as_str).collect())
            .unwrap_or_default();
        // Being destroyed (or already gone): nothing will exist to be insecure.
        if actions.iter().all(|a| *a == "delete" || *a == "forget") && !actions.is_empty() {
            return;
        }
        if after.is_null() {
            return;
        }
        let unknown = change.path(&["change", "after_unknown"]);
        let values = merge_unknown(after, unknown, 0);
        if let Some((r, link)) = resource(address, &change, values, config) {
            self.add(r, link);
        }
    }

    fn add(&mut self, r: Resource, provider_link: Option<ProviderLink>) {
        if let Some(link) = provider_link {
            self.provider_links.record(r.address.clone(), link);
        }
        self.resources.push(r);
    }

    /// The model, with the data sources read at plan time ([`data_sources`]) that no change
    /// also describes.
    fn finish(mut self, data: Vec<Found>, naming: &'static NamingCatalog) -> Model {
        if !data.is_empty() {
            // Built only here, and gone before the model's own index of addresses is.
            let changed: HashSet<String> =
                self.resources.iter().map(|r| r.address.clone()).collect();
            for (r, link) in data {
                if !changed.contains(r.address.as_str()) {
                    self.add(r, link);
                }
            }
        }
        let mut model = Model::with_naming(Origin::Plan, self.resources, naming);
        model.provider_links = self.provider_links;
        model
    }
}

/// The provider configurations of `configuration.provider_config` (keyed `aws` or
/// `aws.<alias>`, and `module.x:aws` for one a child module declares), as the HCL loader gives
/// them: `provider.aws.<alias>`, `module.x.provider.aws`; arguments written as constants keep
/// their value; those computed from variables or references are unknown, since the plan does
/// not record what they evaluated to.
fn providers(configuration: Option<&Node>) -> Vec<Resource> {
    let Some(configs) = configuration
        .and_then(|c| c.get("provider_config"))
        .and_then(Node::as_map)
    else {
        return Vec::new();
    };
    let mut providers = Vec::new();
    for (key, config) in configs.iter() {
        let Some(kind) = config.get("name").and_then(Node::as_str) else {
            continue;
        };
        if configures_nothing_in_a_child_module(key, config) {
            continue;
        }
        let mut attrs = Map::default();
        for entry in config
            .get("expressions")
            .and_then(Node::as_map)
            .map(|m| m.entries.as_slice())
            .unwrap_or_default()
        {
            let value = match entry.value.get("constant_value") {
                Some(constant) => constant.clone(),
                None => Node::unknown(
                    "provider argument computed by the configuration",
                    entry.value.span,
                ),
            };
            attrs.insert(entry.key.clone(), entry.key_span, value);
        }
        // A plan records the alias beside the expressions, HCL among the arguments: give it
        // as an argument, as the HCL loader does.
        if let Some(alias) = config.as_map().and_then(|m| m.entry(PROVIDER_ALIAS)) {
            attrs.insert(alias.key.clone(), alias.key_span, alias.value.clone());
        }
        let module = config.get("module_address").and_then(Node::as_str);
        providers.push(Resource {
            address: address_of(key, module),
            kind: kind.to_string(),
            mode: Mode::Provider,
            span: config.span,
            attrs,
            module_calls: Vec::new(),
            metadata: None,
        });
    }
    providers
}

/// Does a child module's `provider_config` entry configure nothing? Then it is not given as a
/// configuration of the module: see [`super::plan_providers`] for what it stands for.
fn configures_nothing_in_a_child_module(key: &str, config: &Node) -> bool {
    let in_child_module = key.contains(':')
        || config
            .get("module_address")
            .and_then(Node::as_str)
            .is_some_and(|m| !m.is_empty());
    in_child_module && !configures_something(config)
}

/// The data sources read at plan time: they live in `prior_state`, and views need them (policy
/// documents). Only data sources: the state's managed resources are what is deployed now, and
/// copying their values would double a plan's model for nothing.
fn data_sources(prior_state: Option<&Node>, config: &ConfigIndex<'_>) -> Vec<Found> {
    let mut data = Vec::new();
    if let Some(module) = prior_state {
        let mut seen = HashSet::new();
        collect_module(module, config, Some(Mode::Data), &mut data, &mut seen, 0);
    }
    data
}

/// The resources of a module of `planned_values` or `prior_state`, of `only` one mode when given.
fn collect_module(
    module: &Node,
    config: &ConfigIndex,
    only: Option<Mode>,
    out: &mut Vec<Found>,
    seen: &mut HashSet<String>,
    depth: usize,
) {
    if depth > 64 {
        return;
    }
    for r in module.get("resources").map(Node::items).unwrap_or_default() {
        let Some(address) = r.get("address").and_then(Node::as_str) else {
            continue;
        };
        if seen.contains(address) || only.is_some_and(|mode| mode_of(r) != mode) {
            continue;
        }
        let Some(values) = r.get("values") else {
            continue;
        };
        if let Some((res, link)) = resource(address, r, values.clone(), config) {
            seen.insert(res.address.clone());
            out.push((res, link));
        }
    }
    for child in module
        .get("child_modules")
        .map(Node::items)
        .unwrap_or_default()
    {
        collect_module(child, config, only, out, seen, depth + 1);
    }
}

fn mode_of(entry: &Node) -> Mode {
    match entry.get("mode").and_then(Node::as_str) {
        Some("data") => Mode::Data,
        _ => Mode::Managed,
    }
}

/// A resource of the plan, and the provider configuration it uses when that is not the root
/// module's default one.
type Found = (Resource, Option<ProviderLink>);

fn resource(address: &str, entry: &Node, values: Node, config: &ConfigIndex) -> Option<Found> {
    let kind = entry.get("type").and_then(Node::as_str)?;
    let mode = mode_of(entry);
    let span = entry.get("address").map_or(entry.span, |a| a.span);
    let Value::Map(mut attrs) = values.value else {
        return None;
    };
    // Unknown attributes were added after parsing; the values stay for the whole run.
    crate::graph::value::fit(&mut attrs.entries);
    let (module_path, config_address) = split_address(address);
    let configured = config.configured(&module_path, &config_address);
    let provider_link = config.provider_link(configured, kind);
    if let Some(expressions) = configured.and_then(|c| c.expressions) {
        let site = Site {
            module: &module_path,
            key: instance_key(address),
        };
        link_references(&mut attrs, expressions, &site, 0);
        // A sensitive value the configuration computes (a variable, a data source) is in the
        // plan in clear, but it is not written in the code: treat it as unknown.
        let sensitive = entry.path(&["change", "after_sensitive"]);
        for e in &mut attrs.entries {
            let marked = sensitive
                .and_then(|s| s.get(&e.key))
                .is_some_and(|m| m.value == Value::Bool(true));
            let constant = expressions
                .get(&e.key)
                .is_some_and(|x| x.get("constant_value").is_some());
            if marked && !constant {
                // What it is built from stays known: a secret written into another value.
                let from = expressions
                    .get(&e.key)
                    .map(|x| referenced_resources(x, &site))
                    .unwrap_or_default();
                let why = "sensitive value supplied at plan time";
                e.value = Node::unknown_from(why, possibly_built_from(&from), e.value.span);
            }
        }
        mark_unset(&mut [&mut attrs], &[expressions], 0);
    }
    let r = Resource {
        address: address.to_string(),
        kind: kind.to_string(),
        mode,
        span,
        attrs,
        module_calls: Vec::new(),
        metadata: None,
    };
    Some((r, provider_link))
}

/// What the configuration does not set, the provider computes: unknown, but not given. Followed
/// into nested blocks the configuration writes, level by level: `instances` are every block of
/// one level in the plan, `written` every block expressions object of that level in the
/// configuration. Where the two do not pair up one to one (a `dynamic` block, which
/// `expressions` leaves out, or set elements merged into one), the unknowns below stay unknown.
/// With several blocks on a level their order may differ (a set's is not the configuration's),
/// so an argument is unset only where no block of the level writes it.
fn mark_unset(instances: &mut [&mut Map], written: &[&Map], depth: usize) {
    if depth > 32 {
        return;
    }
    let mut nested_keys: Vec<&str> = Vec::new();
    for instance in instances.iter_mut() {
        for entry in &mut instance.entries {
            match &mut entry.value.value {
                Value::Unknown(u) if !written.iter().any(|w| w.get(&entry.key).is_some()) => {
                    if Arc::ptr_eq(u, &KNOWN_AFTER_APPLY) {
                        *u = KNOWN_AFTER_APPLY_UNSET.clone();
                    } else {
                        Arc::make_mut(u).unset = true;
                    }
                }
                Value::List(_) | Value::Map(_) => {
                    if let Some(key) = written
                        .iter()
                        .find_map(|w| w.entries.iter().find(|e| e.key == entry.key))
                        .map(|e| &*e.key)
                        && !nested_keys.contains(&key)
                    {
                        nested_keys.push(key);
                    }
                }
                _ => {}
            }
        }
    }
    for key in nested_keys {
        let Some(blocks) = written_blocks(written, key) else {
            continue;
        };
        let mut nested: Vec<&mut Map> = Vec::with_capacity(blocks.len());
        let mut paired = true;
        for instance in instances.iter_mut() {
            let Some(entry) = instance.entries.iter_mut().find(|e| e.key == key) else {
                continue;
            };
            match &mut entry.value.value {
                Value::List(items) => {
                    for item in items {
                        match &mut item.value {
                            Value::Map(block) => nested.push(block),
                            _ => paired = false,
                        }
                    }
                }
                Value::Map(block) => nested.push(block),
                Value::Null => {}
                _ => paired = false,
            }
        }
        if paired && nested.len() == blocks.len() {
            mark_unset(&mut nested, &blocks, depth + 1);
        }
    }
}

/// The block expressions objects `written` holds under `key`: a list of them for a repeatable
/// block, one object for a single nested block. `None` when `key` is an argument (its
/// expression is an object of `constant_value`/`references`, or `{}` for one with neither,
/// which an empty block also is), or not written at all.
fn written_blocks<'a>(written: &[&'a Map], key: &str) -> Option<Vec<&'a Map>> {
    let mut blocks = Vec::new();
    for w in written {
        match w.get(key).map(|n| &n.value) {
            None => {}
            Some(Value::List(items)) => {
                for item in items {
                    blocks.push(item.as_map()?);
                }
            }
            Some(Value::Map(block))
                if block
                    .entries
                    .iter()
                    .any(|e| e.key != "constant_value" && e.key != "references") =>
            {
                blocks.push(block);
            }
            Some(_) => return None,
        }
    }
    (!blocks.is_empty()).then_some(blocks)
}

/// Moves `node[a][b]` out of the document.
fn take(node: &mut Node, a: &str, b: &str) -> Option<Node> {
    match &mut node.value {
        Value::Map(outer) => {
            match &mut outer.entries.iter_mut().find(|e| e.key == a)?.value.value {
                Value::Map(inner) => inner.remove(b),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Every value `after_unknown` marks is this one unknown, shared: a plan has several per
/// resource, and a small resource's plan would otherwise spend a seventh of its memory on them.
static KNOWN_AFTER_APPLY: LazyLock<Arc<Unknown>> =
    LazyLock::new(|| Arc::new(computed_unknown(false)));

/// [`KNOWN_AFTER_APPLY`] for an argument the configuration does not set.
static KNOWN_AFTER_APPLY_UNSET: LazyLock<Arc<Unknown>> =
    LazyLock::new(|| Arc::new(computed_unknown(true)));

fn computed_unknown(unset: bool) -> Unknown {
    Unknown {
        reason: Arc::from("known after apply"),
        unset,
        shape: None,
        deployed: None,
        hole: None,
        built_from: None,
    }
}

fn known_after_apply(span: Span) -> Node {
    Node::new(Value::Unknown(KNOWN_AFTER_APPLY.clone()), span)
}

/// Overlays `after_unknown` on `after`: `true` anywhere means that value is computed.
fn merge_unknown(mut after: Node, unknown: Option<&Node>, depth: usize) -> Node {
    let Some(unknown) = unknown else {
        return after;
    };
    if depth > 128 {
        return after;
    }
    if unknown.value == Value::Bool(true) {
        return known_after_apply(after.span);
    }
    match (&mut after.value, &unknown.value) {
        (Value::Map(values), Value::Map(marks)) => {
            for mark in &marks.entries {
                match values.entries.iter_mut().find(|e| e.key == mark.key) {
                    Some(e) => {
                        let value =
                            std::mem::replace(&mut e.value, Node::new(Value::Null, e.key_span));
                        e.value = merge_unknown(value, Some(&mark.value), depth + 1);
                    }
                    // Absent from `after`: the `after_unknown` mark is where it is written.
                    None if mark.value.value == Value::Bool(true) => values.entries.push(Entry {
                        key: mark.key.clone(),
                        key_span: mark.key_span,
                        value: known_after_apply(mark.value.span),
                    }),
                    None => {}
                }
            }
            after
        }
        (Value::List(items), Value::List(marks)) => {
            let taken = std::mem::take(items);
            *items = taken
                .into_iter()
                .enumerate()
                .map(|(i, item)| merge_unknown(item, marks.get(i), depth + 1))
                .collect();
            after
        }
        _ => after,
    }
}

/// `module.a["x"].module.b.aws_s3_bucket.c[0]` → (`module.a["x"].module.b`, `aws_s3_bucket.c`).
fn split_address(address: &str) -> (String, String) {
    let mut module = String::new();
    let mut rest = address;
    while let Some(after) = rest.strip_prefix("module.") {
        let end = instance_end(after);
        if !module.is_empty() {
            module.push('.');
        }
        module.push_str("module.");
        module.push_str(&after[..end]);
        rest = after[end..].strip_prefix('.').unwrap_or("");
    }
    let base = match rest.find('[') {
        Some(i) => &rest[..i],
        None => rest,
    };
    (module, base.to_string())
}

/// Length of `name` or `name["key"]`/`name[0]` at the start of `s`.
fn instance_end(s: &str) -> usize {
    let name_end = s.find(['.', '[']).unwrap_or(s.len());
    if s[name_end..].starts_with('[') {
        let mut in_string = false;
        for (i, c) in s[name_end..].char_indices() {
            match c {
                '"' => in_string = !in_string,
                ']' if !in_string => return name_end + i + 1,
                _ => {}
            }
        }
        return s.len();
    }
    name_end
}

/// `configuration` expressions by module path (without instance keys) and resource address.
struct ConfigIndex<'a> {
    by_module: HashMap<String, HashMap<String, ConfiguredResource<'a>>>,
    providers: ProviderIndex<'a>,
    /// Whether the plan has a `configuration` at all: without one, which provider
    /// configuration a resource uses is not recorded anywhere.
    present: bool,
}

/// What `configuration` says of one resource.
#[derive(Clone, Copy, Default)]
struct ConfiguredResource<'a> {
    expressions: Option<&'a Map>,
    provider_config_key: Option<&'a str>,
}

impl<'a> ConfigIndex<'a> {
    fn new(configuration: Option<&'a Node>) -> ConfigIndex<'a> {
        let mut index = ConfigIndex {
            by_module: HashMap::new(),
            providers: ProviderIndex::new(configuration.and_then(|c| c.get("provider_config"))),
            present: configuration.is_some(),
        };
        if let Some(root) = configuration.and_then(|c| c.get("root_module")) {
            index.add(root, String::new(), 0);
        }
        index
    }

    fn add(&mut self, module: &'a Node, path: String, depth: usize) {
        if depth > 64 {
            return;
        }
        let resources = self.by_module.entry(path.clone()).or_default();
        for r in module.get("resources").map(Node::items).unwrap_or_default() {
            if let Some(address) = r.get("address").and_then(Node::as_str) {
                resources.insert(
                    address.to_string(),
                    ConfiguredResource {
                        expressions: r.get("expressions").and_then(Node::as_map),
                        provider_config_key: r.get("provider_config_key").and_then(Node::as_str),
                    },
                );
            }
        }
        if let Some(calls) = module.get("module_calls").and_then(Node::as_map) {
            for (name, call) in calls.iter() {
                if let Some(child) = call.get("module") {
                    let child_path = if path.is_empty() {
                        format!("module.{name}")
                    } else {
                        format!("{path}.module.{name}")
                    };
                    self.add(child, child_path, depth + 1);
                }
            }
        }
    }

    fn configured(&self, module_path: &str, address: &str) -> Option<ConfiguredResource<'a>> {
        let key = strip_module_keys(module_path);
        self.by_module.get(&key)?.get(address).copied()
    }

    /// The provider configuration a resource of `kind` uses, when it is not the root module's
    /// default one for its type. A plan without `configuration` records none: the default one.
    fn provider_link(
        &self,
        configured: Option<ConfiguredResource<'a>>,
        kind: &str,
    ) -> Option<ProviderLink> {
        if !self.present {
            return None;
        }
        let Some(key) = configured.and_then(|c| c.provider_config_key) else {
            return Some(ProviderLink::Unknown(
                "the plan's configuration does not say which provider configuration it uses".into(),
            ));
        };
        let link = self.providers.link(key);
        let default = kind.split_once('_').map_or(kind, |(name, _)| name);
        match &link {
            ProviderLink::Configuration(a) if a.strip_prefix("provider.") == Some(default) => None,
            _ => Some(link),
        }
    }
}

/// `module.a["x"].aws_s3_bucket.b[0]` → `module.a.aws_s3_bucket.b`: an address without its
/// instance keys (quoted keys may contain brackets and dots).
pub(crate) fn strip_module_keys(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0usize;
    let mut in_string = false;
    for c in path.chars() {
        match c {
            '"' if depth > 0 => in_string = !in_string,
            '[' if !in_string => depth += 1,
            ']' if !in_string => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Replaces unknown values whose expression references exactly one resource by that reference.
fn link_references(attrs: &mut Map, expressions: &Map, site: &Site<'_>, depth: usize) {
    if depth > 32 {
        return;
    }
    for entry in &mut attrs.entries {
        let Some(expr) = expressions.get(&entry.key) else {
            continue;
        };
        link_value(&mut entry.value, expr, site, depth);
    }
}

fn link_value(value: &mut Node, expr: &Node, site: &Site<'_>, depth: usize) {
    match &mut value.value {
        Value::Unknown(_) => {
            if let Some(rebuilt) = from_expression(expr, value.span, site, depth) {
                *value = rebuilt;
            }
        }
        Value::List(items) => {
            // A nested block: a list of objects, matched to the block expressions in order.
            if let Some(blocks) = expr.as_list() {
                for (item, block) in items.iter_mut().zip(blocks) {
                    if let (Value::Map(map), Some(block)) = (&mut item.value, block.as_map()) {
                        link_references(map, block, site, depth + 1);
                    }
                }
            } else {
                let targets = referenced_resources(expr, site);
                if targets.len() == items.len() {
                    for (item, target) in items.iter_mut().zip(targets) {
                        if matches!(item.value, Value::Unknown(_)) {
                            item.value = Value::Ref(Box::new(target));
                        }
                    }
                }
            }
        }
        Value::Map(map) => {
            if let Some(block) = expr
                .as_list()
                .and_then(|l| l.first())
                .and_then(Node::as_map)
            {
                link_references(map, block, site, depth + 1);
            }
        }
        _ => {}
    }
}

/// Rebuilds a value that is unknown in the plan from its configuration expression, as far as
/// the expression tells: a constant, a reference to resources, or nested block expressions.
/// The span stays in the plan (`span`), at the unknown value.
fn from_expression(expr: &Node, span: Span, site: &Site<'_>, depth: usize) -> Option<Node> {
    if depth > 32 {
        return None;
    }
    if let Some(constant) = expr.get("constant_value") {
        return Some(constant.respanned(span));
    }
    if let Some(blocks) = expr.as_list() {
        let mut items = Vec::with_capacity(blocks.len());
        for block in blocks {
            let block = block.as_map()?;
            let mut map = Map::default();
            for e in &block.entries {
                let v = from_expression(&e.value, span, site, depth + 1)
                    .unwrap_or_else(|| known_after_apply(span));
                map.insert(e.key.clone(), span, v);
            }
            items.push(Node::new(Value::Map(map), span));
        }
        return Some(Node::new(Value::List(items), span));
    }
    let references = expr.get("references")?.items();
    // Only an expression made of resource references alone names those resources; one that
    // also reads variables or locals could be anything. `count.index` and `each.*` select the
    // instance with the referring resource's own key.
    let only_resources = references
        .iter()
        .filter_map(Node::as_str)
        .all(|r| parse_reference(r).is_some() || is_instance_selector(r));
    let targets = referenced_resources(expr, site);
    if !only_resources {
        // Not those resources, but maybe built from them: what it may hold can still be named
        // (`"export PW=${aws_secretsmanager_secret_version.db.secret_string}"`).
        return (!targets.is_empty())
            .then(|| Node::unknown_from("known after apply", possibly_built_from(&targets), span));
    }
    let reference = |t: Reference| Node::new(Value::Ref(Box::new(t)), span);
    match targets.len() {
        0 => None,
        1 => targets.into_iter().next().map(reference),
        _ => Some(Node::new(
            Value::List(targets.into_iter().map(reference).collect()),
            span,
        )),
    }
}

/// What a value whose expression lists `references` may be built from. A plan lists every
/// reference of an expression, those only a function (`sha256(...)`) or a condition reads
/// included, so it does not say that the value holds their text.
fn possibly_built_from(references: &[Reference]) -> BuiltFrom {
    let mut from = BuiltFrom {
        uncertain: true,
        ..BuiltFrom::default()
    };
    for reference in references {
        from.add(reference);
    }
    from
}

/// Distinct resources named in an expression's `references`, qualified by the module path.
fn referenced_resources(expr: &Node, site: &Site<'_>) -> Vec<Reference> {
    let mut out: Vec<Reference> = Vec::new();
    let references = expr.get("references").map(Node::items).unwrap_or_default();
    // Only the exact pattern `x[count.index]` / `x[each.key]` names the same-keyed instance;
    // `x[count.index + 1]` or `x[each.value.k]` list the same references but name another one.
    let texts: Vec<&str> = references.iter().filter_map(Node::as_str).collect();
    let selects_own_instance = matches!(texts.as_slice(), [_, "count.index" | "each.key"])
        || matches!(texts.as_slice(), [a, b, "count.index" | "each.key"] if b.starts_with(a));
    for reference in references {
        let Some(text) = reference.as_str() else {
            continue;
        };
        let Some(mut parsed) = parse_reference(text) else {
            continue;
        };
        // `aws_s3_bucket.logs[count.index]` is listed as `aws_s3_bucket.logs` beside
        // `count.index`: the instance with the same key as the referring one.
        if selects_own_instance
            && !parsed.0.ends_with(']')
            && let Some(key) = site.key
        {
            parsed.0.push_str(key);
        }
        let address = if site.module.is_empty() {
            parsed.0
        } else {
            format!("{}.{}", site.module, parsed.0)
        };
        let path: Vec<PathStep> = (parsed.2.into_iter())
            .map(|kind| PathStep {
                kind,
                span: reference.span,
            })
            .collect();
        match out.iter_mut().find(|r| r.address == address) {
            // Terraform lists each traversal with its prefixes (`x.vpc_config[0].id`,
            // `x.vpc_config[0]`, `x.vpc_config`, `x`): the longest is what is read. Two
            // traversals neither of which extends the other read two parts of the resource,
            // which together are neither.
            Some(existing) => match (&existing.attribute, &parsed.1) {
                (_, None) => {}
                (None, Some(_)) => {
                    existing.attribute = parsed.1;
                    existing.path = path;
                }
                (Some(a), Some(b)) if a == b && extends(&existing.path, &path) => {}
                (Some(a), Some(b)) if a == b && extends(&path, &existing.path) => {
                    existing.path = path;
                }
                // Two attributes read whole (`x.arn` and `x.bucket`) each stand for the
                // resource, so together they do too.
                (Some(_), Some(_)) if existing.path.is_empty() && path.is_empty() => {}
                (Some(_), Some(_)) => {
                    existing.path = vec![PathStep {
                        kind: StepKind::AnyElement,
                        span: reference.span,
                    }];
                }
            },
            None => out.push(Reference {
                address,
                attribute: parsed.1,
                path,
            }),
        }
    }
    // Terraform also lists the prefixes of each traversal (`x[0].id`, `x[0]`, `x`): a bare
    // address is the same resource as a keyed one beside it.
    let keyed: Vec<String> = out
        .iter()
        .filter_map(|r| r.address.rfind('[').map(|i| r.address[..i].to_string()))
        .collect();
    out.retain(|r| !keyed.contains(&r.address));
    out
}

/// Does traversal `longer` start with every step of `shorter` (each listed at its own span)?
fn extends(longer: &[PathStep], shorter: &[PathStep]) -> bool {
    longer.len() >= shorter.len() && longer.iter().zip(shorter).all(|(l, s)| l.kind == s.kind)
}

/// Where a resource's configuration is evaluated: its module and its own instance key.
struct Site<'a> {
    module: &'a str,
    key: Option<&'a str>,
}

/// The trailing instance key of an address: `[0]` of `module.m.aws_s3_bucket.b[0]`.
fn instance_key(address: &str) -> Option<&str> {
    if !address.ends_with(']') {
        return None;
    }
    address.rfind('[').map(|i| &address[i..])
}

fn is_instance_selector(reference: &str) -> bool {
    reference == "count.index" || reference.starts_with("each.")
}

/// `aws_vpc.main.id` → (`aws_vpc.main`, `id`); `data.x.y.json` → (`data.x.y`, `json`);
/// `aws_eks_cluster.c.vpc_config[0].cluster_security_group_id` → (`aws_eks_cluster.c`,
/// `vpc_config`, [`0`, `cluster_security_group_id`]); `var.x`, `local.y`, `module.z.out`,
/// `each.key` are not resources.
fn parse_reference(text: &str) -> Option<(String, Option<String>, Vec<StepKind>)> {
    // A quoted instance key may hold dots (`aws_subnet.this["10.0.1.0/24"].id`).
    let parts: Vec<&str> = split_outside_quotes(text);
    let (address_len, first) = match *parts.first()? {
        "data" => (3, 1),
        "var" | "local" | "module" | "each" | "count" | "path" | "terraform" | "self" => {
            return None;
        }
        _ => (2, 0),
    };
    if parts.len() < address_len || parts.get(first).is_none() {
        return None;
    }
    // Terraform lists a static instance key (`aws_subnet.a[1]`) and keeps it: it names one
    // instance. Keys on the type or the attribute are not part of an address.
    let strip = |s: &str| s.split('[').next().unwrap_or(s).to_string();
    let mut segments: Vec<String> = parts.get(..address_len)?.iter().map(|p| strip(p)).collect();
    let attribute = parts.get(address_len).map(|a| strip(a));
    if let Some(name) = parts.get(address_len - 1)
        && let Some(key) = name.find('[').map(|i| &name[i..])
        && let Some(last) = segments.last_mut()
    {
        last.push_str(key);
    }
    // The text past the attribute's name: the address's segments and their dots, then it.
    let path = match &attribute {
        Some(name) => {
            let at: usize = parts.iter().take(address_len).map(|p| p.len() + 1).sum();
            text.get(at + name.len()..)
                .map(traversal_steps)
                .unwrap_or_default()
        }
        None => Vec::new(),
    };
    Some((segments.join("."), attribute, path))
}

/// The steps of a traversal's text: `[0].cluster_security_group_id` → key `0`, attribute
/// `cluster_security_group_id`; `["Owner"]` → key `Owner`; `[*]` and `.*` → any element.
fn traversal_steps(text: &str) -> Vec<StepKind> {
    let mut steps = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            let (name, tail) = after.split_at(end);
            steps.push(match name {
                "*" => StepKind::AnyElement,
                _ => StepKind::Attribute(name.to_string()),
            });
            rest = tail;
        } else if let Some(after) = rest.strip_prefix("[\"") {
            // A quoted key may hold `.`, `]` and escaped quotes; it ends at the first quote
            // that is not escaped, which `]` must follow.
            let end = closing_quote(after);
            let (Some(key), Some(tail)) = (
                end.and_then(|e| after.get(..e)),
                end.and_then(|e| after.get(e..))
                    .and_then(|t| t.strip_prefix("\"]")),
            ) else {
                steps.push(StepKind::AnyElement);
                break;
            };
            steps.push(StepKind::Key(unquote(key)));
            rest = tail;
        } else if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']').unwrap_or(after.len());
            let (key, tail) = after.split_at(end);
            steps.push(match key {
                "*" => StepKind::AnyElement,
                _ => StepKind::Key(key.to_string()),
            });
            rest = tail.get(1..).unwrap_or_default();
        } else {
            // Not a traversal Terraform writes: read as no one part.
            steps.push(StepKind::AnyElement);
            break;
        }
    }
    steps
}

/// The byte offset of the first `"` in `text` not escaped by a backslash.
fn closing_quote(text: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, b) in text.bytes().enumerate() {
        match b {
            _ if escaped => escaped = false,
            b'\\' => escaped = true,
            b'"' => return Some(i),
            _ => {}
        }
    }
    None
}

/// A quoted key's text as Terraform prints it (Go's `%q`): backslash escapes undone.
fn unquote(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut chars = key.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// The segments of a reference between the dots that are not inside a quoted key.
fn split_outside_quotes(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut quoted, mut escaped) = (0, false, false);
    for (i, b) in text.bytes().enumerate() {
        match b {
            _ if escaped => escaped = false,
            b'\\' if quoted => escaped = true,
            b'"' => quoted = !quoted,
            b'.' if !quoted => {
                parts.push(text.get(start..i).unwrap_or_default());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(text.get(start..).unwrap_or_default());
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::parse::json;

    const PLAN: &str = r#"{
  "format_version": "1.2",
  "resource_changes": [
    {"address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket", "name": "logs",
     "change": {"actions": ["create"], "after": {"bucket": "acme-logs", "tags": null},
                "after_unknown": {"id": true, "arn": true}}},
    {"address": "module.net.aws_route_table_association.a[0]", "mode": "managed",
     "type": "aws_route_table_association", "name": "a", "index": 0,
     "change": {"actions": ["create"], "after": {"gateway_id": null},
                "after_unknown": {"subnet_id": true, "route_table_id": true, "id": true}}},
    {"address": "aws_instance.old", "mode": "managed", "type": "aws_instance", "name": "old",
     "change": {"actions": ["delete"], "before": {}, "after": null}}
  ],
  "configuration": {"root_module": {"module_calls": {"net": {"module": {"resources": [
    {"address": "aws_route_table_association.a", "mode": "managed", "type": "aws_route_table_association",
     "name": "a", "expressions": {
        "subnet_id": {"references": ["aws_subnet.private[0].id", "aws_subnet.private[0]", "aws_subnet.private"]},
        "route_table_id": {"references": ["var.rt"]}}}
  ]}}}}}
}"#;

    #[test]
    fn loads_changes_with_unknowns_and_references() {
        let root = json::parse(PLAN, FileId(0)).unwrap();
        assert!(is_plan(&root));
        let m = load(root, FileId(0), &crate::aws::naming::NAMING).unwrap();
        let addresses: Vec<_> = m.resources.iter().map(|r| r.address.as_str()).collect();
        assert_eq!(
            addresses,
            [
                "aws_s3_bucket.logs",
                "module.net.aws_route_table_association.a[0]"
            ]
        );
        let bucket = &m.resources[0];
        assert_eq!(bucket.get("bucket").unwrap().as_str(), Some("acme-logs"));
        assert!(bucket.get("id").unwrap().is_unknown());
        let assoc = &m.resources[1];
        let subnet = assoc.get("subnet_id").unwrap().as_reference().unwrap();
        assert_eq!(subnet.address, "module.net.aws_subnet.private[0]");
        assert_eq!(subnet.attribute.as_deref(), Some("id"));
        assert!(matches!(
            assoc.get("route_table_id").unwrap().value,
            Value::Unknown(_)
        ));
        assert_eq!(
            &PLAN[bucket.span.start as usize..bucket.span.end as usize],
            "\"aws_s3_bucket.logs\""
        );
    }

    #[test]
    fn computed_values_share_one_unknown_and_keep_whether_they_are_set() {
        let text = r#"{"format_version": "1.2", "resource_changes": [
          {"address": "aws_ebs_volume.a", "mode": "managed", "type": "aws_ebs_volume", "name": "a",
           "change": {"actions": ["create"], "after": {"size": 10},
                      "after_unknown": {"id": true, "kms_key_id": true}}},
          {"address": "aws_ebs_volume.b", "mode": "managed", "type": "aws_ebs_volume", "name": "b",
           "change": {"actions": ["create"], "after": {"size": 10},
                      "after_unknown": {"id": true, "kms_key_id": true}}}],
          "configuration": {"root_module": {"resources": [
            {"address": "aws_ebs_volume.a", "mode": "managed", "type": "aws_ebs_volume", "name": "a",
             "expressions": {"kms_key_id": {"references": ["var.key"]}}}]}}}"#;
        let m = load_text(text, FileId(0), &crate::aws::naming::NAMING)
            .unwrap()
            .unwrap();
        let unknown = |r: usize, key: &str| match &m.resources[r].get(key).unwrap().value {
            Value::Unknown(u) => u.clone(),
            other => panic!("{key} of resource {r} is {other:?}"),
        };
        // Configured from a variable: unknown, but set.
        let configured = unknown(0, "kms_key_id");
        assert!(!configured.unset);
        // Not in the configuration: the provider computes it, so it is not given.
        let computed = unknown(0, "id");
        assert!(computed.unset);
        // A resource without configuration says nothing about what is set.
        let elsewhere = unknown(1, "kms_key_id");
        assert!(!elsewhere.unset);
        // One allocation per kind of unknown, not one per value.
        assert!(Arc::ptr_eq(&configured, &elsewhere));
        assert!(Arc::ptr_eq(&configured, &unknown(1, "id")));
        assert!(!Arc::ptr_eq(&configured, &computed));
        assert_eq!(computed.reason, configured.reason);
    }

    /// The unknowns of one resource's plan, as `path → unset`, for the nested-block tests.
    fn unsets(after: &str, after_unknown: &str, expressions: &str) -> Vec<(String, bool)> {
        let text = format!(
            r#"{{"format_version": "1.2", "resource_changes": [
              {{"address": "aws_x.a", "mode": "managed", "type": "aws_x", "name": "a",
               "change": {{"actions": ["create"], "after": {after},
                          "after_unknown": {after_unknown}}}}}],
              "configuration": {{"root_module": {{"resources": [
                {{"address": "aws_x.a", "mode": "managed", "type": "aws_x", "name": "a",
                 "expressions": {expressions}}}]}}}}}}"#
        );
        let m = load_text(&text, FileId(0), &crate::aws::naming::NAMING)
            .unwrap()
            .unwrap();
        fn walk(node: &Node, path: String, out: &mut Vec<(String, bool)>) {
            match &node.value {
                Value::Unknown(u) => out.push((path, u.unset)),
                Value::List(items) => {
                    for (i, item) in items.iter().enumerate() {
                        walk(item, format!("{path}[{i}]"), out);
                    }
                }
                Value::Map(map) => {
                    for e in &map.entries {
                        walk(&e.value, format!("{path}.{}", e.key), out);
                    }
                }
                _ => {}
            }
        }
        let mut out = Vec::new();
        for e in &m.resources[0].attrs.entries {
            walk(&e.value, e.key.to_string(), &mut out);
        }
        out.sort();
        out
    }

    fn paths(list: &[(&str, bool)]) -> Vec<(String, bool)> {
        list.iter().map(|(p, u)| (p.to_string(), *u)).collect()
    }

    #[test]
    fn arguments_a_written_block_leaves_out_are_unset() {
        let got = unsets(
            r#"{"options": [{"enforce": true}], "single": {"on": true}}"#,
            r#"{"options": [{"policy": true}], "single": {"mode": true}}"#,
            r#"{"options": [{"enforce": {"constant_value": true}}],
                "single": {"on": {"constant_value": true}}}"#,
        );
        assert_eq!(
            got,
            paths(&[("options[0].policy", true), ("single.mode", true)])
        );
    }

    #[test]
    fn arguments_of_blocks_that_do_not_pair_up_stay_unknown() {
        let got = unsets(
            // `dynamic` blocks are not in `expressions`; two blocks planned for one written.
            r#"{"dynamic": [{"on": true}], "options": [{"on": true}, {"on": false}]}"#,
            r#"{"dynamic": [{"policy": true}], "options": [{"policy": true}, {"policy": true}]}"#,
            r#"{"options": [{"on": {"constant_value": true}}]}"#,
        );
        assert_eq!(
            got,
            paths(&[
                ("dynamic[0].policy", false),
                ("options[0].policy", false),
                ("options[1].policy", false),
            ])
        );
    }

    #[test]
    fn among_several_blocks_an_argument_is_unset_only_if_none_writes_it() {
        let got = unsets(
            r#"{"rule": [{"a": 1}, {"a": 2}]}"#,
            r#"{"rule": [{"key": true, "mode": true}, {"key": true, "mode": true}]}"#,
            // A set's order need not be the configuration's: the second planned block may be
            // the one that writes `key`.
            r#"{"rule": [{"a": {"constant_value": 1}},
                         {"a": {"constant_value": 2}, "key": {"references": ["var.key"]}}]}"#,
        );
        assert_eq!(
            got,
            paths(&[
                ("rule[0].key", false),
                ("rule[0].mode", true),
                ("rule[1].key", false),
                ("rule[1].mode", true),
            ])
        );
    }

    #[test]
    fn object_arguments_are_not_read_as_blocks() {
        let got = unsets(
            r#"{"settings": {"a": 1}, "other": {"a": 1}}"#,
            r#"{"settings": {"b": true}, "other": {"b": true}}"#,
            // An expression that is neither a constant nor references anything is `{}`.
            r#"{"settings": {"references": ["var.s"]}, "other": {}}"#,
        );
        assert_eq!(got, paths(&[("other.b", false), ("settings.b", false)]));
    }

    #[test]
    fn nested_blocks_are_followed_level_by_level() {
        let got = unsets(
            r#"{"rule": [{"default": [{"algorithm": "aws:kms"}]}]}"#,
            r#"{"rule": [{"default": [{"key": true}], "bucket_key": true}]}"#,
            r#"{"rule": [{"default": [{"algorithm": {"constant_value": "aws:kms"}}]}]}"#,
        );
        assert_eq!(
            got,
            paths(&[
                ("rule[0].bucket_key", true),
                ("rule[0].default[0].key", true)
            ])
        );
    }

    #[test]
    fn provider_configurations_keep_constants_and_mark_computed_arguments_unknown() {
        let text = r#"{"format_version": "1.2", "resource_changes": [],
          "configuration": {"provider_config": {
            "aws": {"name": "aws", "expressions": {"region": {"constant_value": "eu-west-1"}}},
            "aws.replica": {"name": "aws", "alias": "replica",
                            "expressions": {"region": {"references": ["var.region"]}}}}}}"#;
        let streamed = load_text(text, FileId(0), &crate::aws::naming::NAMING)
            .unwrap()
            .unwrap();
        let root = json::parse_dropping(text, FileId(0), UNREAD).unwrap();
        let whole = load(root, FileId(0), &crate::aws::naming::NAMING).unwrap();
        for m in [&streamed, &whole] {
            let providers: Vec<_> = m
                .resources
                .iter()
                .filter(|r| r.mode == Mode::Provider)
                .collect();
            assert_eq!(providers.len(), 2);
            assert_eq!(providers[0].address, "provider.aws");
            assert_eq!(providers[0].kind, "aws");
            assert_eq!(
                providers[0].get("region").unwrap().as_str(),
                Some("eu-west-1")
            );
            assert_eq!(providers[1].address, "provider.aws.replica");
            assert!(providers[1].get("region").unwrap().is_unknown());
            assert!(!providers[0].is_aliased_provider());
            assert!(providers[1].is_aliased_provider());
        }
    }

    /// `configuration` and `prior_state` before the changes, which Terraform writes after them.
    const CONFIGURATION_FIRST: &str = r#"{
  "configuration": {"root_module": {"resources": [
    {"address": "aws_s3_bucket_policy.p", "mode": "managed", "type": "aws_s3_bucket_policy",
     "name": "p", "expressions": {"bucket": {"references": ["aws_s3_bucket.b.id", "aws_s3_bucket.b"]}}}]}},
  "prior_state": {"values": {"root_module": {"resources": [
    {"address": "data.aws_iam_policy_document.d", "mode": "data", "type": "aws_iam_policy_document",
     "name": "d", "values": {"json": "{}"}}]}}},
  "format_version": "1.2",
  "resource_changes": [
    {"address": "aws_s3_bucket_policy.p", "mode": "managed", "type": "aws_s3_bucket_policy",
     "name": "p", "change": {"actions": ["create"], "before": null, "after": {"policy": "{}"},
                             "after_unknown": {"bucket": true}}}]
}"#;

    #[test]
    fn a_plan_read_change_by_change_is_the_plan_read_whole() {
        for text in [PLAN, CONFIGURATION_FIRST] {
            let streamed = load_text(text, FileId(0), &crate::aws::naming::NAMING)
                .unwrap()
                .unwrap();
            let root = json::parse_dropping(text, FileId(0), UNREAD).unwrap();
            let whole = load(root, FileId(0), &crate::aws::naming::NAMING).unwrap();
            assert_eq!(
                format!("{:?}", streamed.resources),
                format!("{:?}", whole.resources)
            );
        }
        let m = load_text(CONFIGURATION_FIRST, FileId(0), &crate::aws::naming::NAMING)
            .unwrap()
            .unwrap();
        let addresses: Vec<_> = m.resources.iter().map(|r| r.address.as_str()).collect();
        assert_eq!(
            addresses,
            ["aws_s3_bucket_policy.p", "data.aws_iam_policy_document.d"]
        );
        let bucket = m.resources[0].get("bucket").unwrap().as_reference();
        assert_eq!(bucket.unwrap().address, "aws_s3_bucket.b");
    }

    #[test]
    fn prior_state_gives_only_the_data_sources_no_change_describes() {
        let text = r#"{
  "format_version": "1.2",
  "resource_changes": [
    {"address": "data.aws_iam_policy_document.read", "mode": "data", "type": "aws_iam_policy_document",
     "name": "read", "change": {"actions": ["read"], "after": {"json": "from the change"}}}],
  "prior_state": {"values": {"root_module": {"resources": [
    {"address": "aws_s3_bucket.deployed", "mode": "managed", "type": "aws_s3_bucket",
     "name": "deployed", "values": {"bucket": "b"}},
    {"address": "data.aws_iam_policy_document.read", "mode": "data", "type": "aws_iam_policy_document",
     "name": "read", "values": {"json": "from the state"}},
    {"address": "data.aws_iam_policy_document.d", "mode": "data", "type": "aws_iam_policy_document",
     "name": "d", "values": {"json": "first"}},
    {"address": "data.aws_iam_policy_document.d", "mode": "data", "type": "aws_iam_policy_document",
     "name": "d", "values": {"json": "repeated"}}]}}}
}"#;
        let m = load_text(text, FileId(0), &crate::aws::naming::NAMING)
            .unwrap()
            .unwrap();
        let read: Vec<_> = m
            .resources
            .iter()
            .map(|r| (r.address.as_str(), r.get("json").and_then(Node::as_str)))
            .collect();
        assert_eq!(
            read,
            [
                ("data.aws_iam_policy_document.read", Some("from the change")),
                ("data.aws_iam_policy_document.d", Some("first")),
            ]
        );
    }

    #[test]
    fn what_is_not_a_valid_plan_with_changes_is_read_whole() {
        for text in [
            r#"{"format_version": "1.2", "resource_changes": [1,]}"#,
            // Invalid inside a member that is only parsed, not checked, beforehand.
            r#"{"format_version": "1.2", "resource_changes": [{"a": tru}]}"#,
            r#"{"format_version": "1.2", "resource_changes": [], "configuration": {"a" 1}}"#,
            r#"{"format_version": "1.2", "resource_changes": [], "prior_state": {"a": [01]}}"#,
            // Invalid inside a value that is checked and dropped, never modelled.
            r#"{"format_version": "1.2", "resource_changes": [{"change": {"before": {"a": tru}}}]}"#,
            // A repeated member's earlier value is checked though only the last one is read.
            r#"{"format_version": "1.2", "resource_changes": [], "prior_state": {bad}, "prior_state": null}"#,
            r#"{"format_version": "1.2", "planned_values": {}}"#,
            r#"{"format_version": "1.2", "resource_changes": null}"#,
            r#"{"resource_changes": []}"#,
            "[]",
        ] {
            assert!(
                load_text(text, FileId(0), &crate::aws::naming::NAMING).is_none(),
                "{text}"
            );
        }
    }

    #[test]
    fn static_instance_keys_stay_in_references() {
        assert_eq!(
            parse_reference("aws_subnet.this[1].id"),
            Some(("aws_subnet.this[1]".into(), Some("id".into()), Vec::new()))
        );
        assert_eq!(
            parse_reference("aws_subnet.this[\"a\"]"),
            Some(("aws_subnet.this[\"a\"]".into(), None, Vec::new()))
        );
    }

    #[test]
    fn instance_keys_of_addresses() {
        assert_eq!(instance_key("aws_s3_bucket.b[0]"), Some("[0]"));
        assert_eq!(
            instance_key("module.m[\"x\"].aws_s3_bucket.b[\"k\"]"),
            Some("[\"k\"]")
        );
        assert_eq!(instance_key("module.m[1].aws_s3_bucket.b"), None);
    }

    #[test]
    fn splits_module_addresses() {
        assert_eq!(
            split_address("module.a[\"x.y\"].module.b.aws_s3_bucket.c[0]"),
            (
                "module.a[\"x.y\"].module.b".to_string(),
                "aws_s3_bucket.c".to_string()
            )
        );
        assert_eq!(
            strip_module_keys("module.a[\"x\"].module.b"),
            "module.a.module.b"
        );
        assert_eq!(
            parse_reference("data.aws_iam_policy_document.p.json"),
            Some((
                "data.aws_iam_policy_document.p".into(),
                Some("json".into()),
                Vec::new()
            ))
        );
        assert_eq!(parse_reference("var.x"), None);
    }

    #[test]
    fn references_keep_their_path_past_the_attribute() {
        assert_eq!(
            parse_reference("aws_eks_cluster.c[1].vpc_config[0].cluster_security_group_id"),
            Some((
                "aws_eks_cluster.c[1]".into(),
                Some("vpc_config".into()),
                vec![
                    StepKind::Key("0".into()),
                    StepKind::Attribute("cluster_security_group_id".into())
                ]
            ))
        );
        assert_eq!(
            parse_reference("aws_s3_bucket.b.tags[\"a.b]\"]").map(|p| p.2),
            Some(vec![StepKind::Key("a.b]".into())])
        );
        assert_eq!(
            parse_reference("aws_instance.i.ebs_block_device[*].volume_id").map(|p| p.2),
            Some(vec![
                StepKind::AnyElement,
                StepKind::Attribute("volume_id".into())
            ])
        );
    }

    #[test]
    fn quoted_instance_keys_keep_their_dots_and_escapes() {
        assert_eq!(
            parse_reference("aws_subnet.this[\"10.0.1.0/24\"].id"),
            Some((
                "aws_subnet.this[\"10.0.1.0/24\"]".into(),
                Some("id".into()),
                Vec::new()
            ))
        );
        assert_eq!(
            parse_reference("aws_s3_bucket.b.tags[\"say \\\"hi\\\".\\n\"]").map(|p| p.2),
            Some(vec![StepKind::Key("say \"hi\".\n".into())])
        );
    }

    #[test]
    fn two_attributes_read_whole_still_name_the_resource() {
        let expr = json::parse(
            r#"{"references": ["aws_s3_bucket.b.arn", "aws_s3_bucket.b", "aws_s3_bucket.b.bucket", "aws_s3_bucket.b"]}"#,
            FileId(0),
        )
        .unwrap();
        let site = Site {
            module: "",
            key: None,
        };
        let refs = referenced_resources(&expr, &site);
        assert_eq!(refs.len(), 1);
        assert_eq!(refs[0].address, "aws_s3_bucket.b");
        assert!(refs[0].reads_whole_attribute());
        // Two parts of one attribute together are neither.
        let expr = json::parse(
            r#"{"references": ["aws_s3_bucket.b.tags[\"a\"]", "aws_s3_bucket.b.tags[\"b\"]"]}"#,
            FileId(0),
        )
        .unwrap();
        let refs = referenced_resources(&expr, &site);
        assert_eq!(refs[0].path[0].kind, StepKind::AnyElement);
    }
}
