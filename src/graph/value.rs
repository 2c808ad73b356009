//! The value model every loader produces: JSON-like data where every node keeps its source span,
//! `Unknown` is a first-class variant, and a reference to another resource is kept as such.

use crate::source::Span;
use std::borrow::{Borrow, Cow};
use std::collections::HashSet;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// A value with the span of the text it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    List(Vec<Node>),
    Map(Map),
    /// A reference to another resource (or one of its attributes). Its concrete value is not
    /// known statically, but views can follow it through the graph.
    Ref(Box<Reference>),
    /// A value that cannot be known before deployment. Never treat it as a default. Behind a
    /// pointer: most values are known, and an inline `Unknown` would make every node twice as
    /// large. Shared: a plan marks several values of every resource "known after apply", and
    /// one allocation each was a seventh of a small-resource plan's memory.
    Unknown(Arc<Unknown>),
}

/// Why a value is unknown, so `--show-unknown` can tell the user what blocked a check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unknown {
    /// Shared: a plan marks most of its computed values with the same reason.
    pub reason: Arc<str>,
    /// The configuration does not set this argument; the provider computes it. Its value is
    /// unknown, but "was it given?" is answered: no.
    pub unset: bool,
    /// For a string built from known and unknown parts (`arn:aws:iam::${account}:root`), its
    /// known shape with `*` for each unknown part. Only the literal parts may be relied on.
    pub shape: Option<Shape>,
    /// When every unknown part is a fact of the deployment that is the same wherever it
    /// appears (the account id), the text with each such part written as its token
    /// ([`THIS_ACCOUNT`]): two values with the same deployed text are equal.
    pub deployed: Option<Box<str>>,
    /// For a string whose only unknown part is a reference (`${aws_s3_bucket.b.arn}/*`,
    /// `!Sub arn:aws:s3:::${Bucket}/*`): the reference, and the byte offset of the `*` that
    /// stands for it in `shape`. A policy's resource element built this way names the resource.
    pub hole: Option<Box<(usize, Reference)>>,
    /// What the value is built from that a rule may need to name, whatever else it holds (see
    /// [`BuiltFrom`]); `None` for most values.
    pub built_from: Option<Box<BuiltFrom>>,
}

/// What an unknown value is built from: the resource references among a text's parts
/// (`"export A=${var.a}\nexport B=${x.secret}"`, nested texts' and the arguments of functions
/// that write their argument's text included) and values a loader keeps the source of (a
/// CloudFormation `NoEcho` parameter, as a reference to its entry).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BuiltFrom {
    /// Each reference once, in the order first met; at most [`MAX_TEXT_REFERENCES`].
    pub references: Vec<Reference>,
    /// More references were met than are kept: what the others read is not known.
    pub truncated: bool,
    /// The value may be built from these but need not hold their text: an input that lists
    /// every reference of an expression, those only a function (`sha256(...)`) or a condition
    /// reads included (a plan's `expressions`).
    pub uncertain: bool,
}

/// References one [`BuiltFrom`] keeps at most: a hand-written script names a few; a generated
/// one must not make every text that embeds it grow without bound.
pub const MAX_TEXT_REFERENCES: usize = 32;

/// How deep [`BuiltFrom::gather`] looks into lists and maps.
const MAX_GATHER_DEPTH: usize = 16;

impl BuiltFrom {
    /// Adds a reference not already kept, or notes that it was left out.
    pub fn add(&mut self, reference: &Reference) {
        if self.references.contains(reference) {
            return;
        }
        if self.references.len() >= MAX_TEXT_REFERENCES {
            self.truncated = true;
            return;
        }
        self.references.push(reference.clone());
    }

    /// Adds what another value is built from, its doubts included.
    pub fn add_all(&mut self, other: &BuiltFrom) {
        for reference in &other.references {
            self.add(reference);
        }
        self.truncated |= other.truncated;
        self.uncertain |= other.uncertain;
    }

    /// Adds what a value holds or is built from: itself when it is a reference, what an
    /// unknown is built from, and the same of each element of a list or a map (written as
    /// text by `jsonencode`, `yamlencode`).
    pub fn gather(&mut self, node: &Node) {
        self.gather_at(node, 0);
    }

    fn gather_at(&mut self, node: &Node, depth: usize) {
        match &node.value {
            Value::Ref(r) => self.add(r),
            Value::Unknown(u) => {
                if let Some(from) = &u.built_from {
                    self.add_all(from);
                }
            }
            Value::List(_) | Value::Map(_) if depth >= MAX_GATHER_DEPTH => self.truncated = true,
            Value::List(items) => items.iter().for_each(|i| self.gather_at(i, depth + 1)),
            Value::Map(map) => map
                .entries
                .iter()
                .for_each(|e| self.gather_at(&e.value, depth + 1)),
            _ => {}
        }
    }

    pub fn is_empty(&self) -> bool {
        self.references.is_empty() && !self.truncated
    }

    /// Boxed when it holds anything, as [`Unknown::built_from`] keeps it.
    pub fn into_kept(mut self) -> Option<Box<BuiltFrom>> {
        (!self.is_empty()).then(|| {
            self.references.shrink_to_fit();
            Box::new(self)
        })
    }
}

/// The shape of a partly known string: its text, read as `*` for each unknown part (so a
/// pattern matcher takes an unknown part for "anything"), and where those parts are, so that a
/// `*` written in the configuration (a wildcard) is told from one that stands for an unknown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shape {
    text: Box<str>,
    /// The unknown parts, in order of their `*` in `text`.
    holes: Box<[Hole]>,
}

/// One unknown part of a [`Shape`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Hole {
    /// Byte offset of its `*` in the shape's text.
    at: usize,
    /// Its value is a plain token (an account id, a region): never a `:`, a `/` or a wildcard,
    /// so it cannot change which fields an ARN has nor make a pattern wider.
    plain: bool,
}

impl Shape {
    /// One unknown part whose value is a plain token ([`Hole::plain`]).
    fn plain_part() -> Shape {
        Shape {
            text: "*".into(),
            holes: Box::new([Hole { at: 0, plain: true }]),
        }
    }

    /// Has it a literal character, or a plain part (never empty)?
    fn is_never_empty(&self) -> bool {
        self.holes.iter().any(|h| h.plain) || self.text.len() > self.holes.len()
    }

    /// The text with each plain unknown part written as `token`, up to the first part that
    /// could be anything; and whether that is the whole text.
    fn literal_text(&self, token: &str) -> (String, bool) {
        let mut out = String::with_capacity(self.text.len());
        let mut from = 0;
        for hole in &self.holes {
            out.push_str(self.text.get(from..hole.at).unwrap_or_default());
            if !hole.plain {
                return (out, false);
            }
            out.push_str(token);
            from = hole.at + 1;
        }
        out.push_str(self.text.get(from..).unwrap_or_default());
        (out, true)
    }
}

/// A shape written as text: every `*` in it is an unknown part that could be anything.
impl From<String> for Shape {
    fn from(text: String) -> Shape {
        let holes = text
            .match_indices('*')
            .map(|(at, _)| Hole { at, plain: false })
            .collect();
        Shape {
            text: text.into(),
            holes,
        }
    }
}

impl From<&str> for Shape {
    fn from(text: &str) -> Shape {
        Shape::from(text.to_string())
    }
}

impl Deref for Shape {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// How "the account deployed to" (`AWS::AccountId`, `data.aws_caller_identity.x.account_id`)
/// is written in [`Unknown::deployed`]: unknown, but the same account wherever it appears.
pub const THIS_ACCOUNT: &str = "${AWS::AccountId}";

/// `aws_subnet.a.id`, `module.vpc.aws_subnet.a[0].id`, `!GetAtt Sg.GroupId`, `!Ref Subnet`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// Resource address (Terraform) or logical id (CloudFormation), fully qualified in its unit.
    pub address: String,
    /// The attribute read from it; `None` for a CloudFormation `Ref` or a whole-resource reference.
    pub attribute: Option<String>,
    /// What the reference reads past its first attribute, in order: `[0]`,
    /// `.cluster_security_group_id` in `aws_eks_cluster.c.vpc_config[0].cluster_security_group_id`,
    /// `["Owner"]` in `aws_s3_bucket.b.tags["Owner"]`. Empty when it reads the attribute whole.
    /// A reference with a path names a part of the resource, not the resource.
    pub path: Vec<PathStep>,
}

/// One step of a reference past its first attribute, with the span of its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathStep {
    pub kind: StepKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepKind {
    /// `.name`
    Attribute(String),
    /// `[0]`, `["Owner"]`: the key as text (Terraform converts it to the collection's kind).
    Key(String),
    /// `[var.i]` with a key not known statically, or a splat `[*]`: no one element.
    AnyElement,
}

impl Reference {
    /// Does the reference read `path` of its resource, the first attribute included? Keys are
    /// compared as text: `["vpc_config", "0", "cluster_security_group_id"]`.
    pub fn reads(&self, path: &[&str]) -> bool {
        let Some((first, rest)) = path.split_first() else {
            return false;
        };
        self.attribute.as_deref() == Some(*first)
            && self.path.len() == rest.len()
            && self
                .path
                .iter()
                .zip(rest)
                .all(|(step, want)| match &step.kind {
                    StepKind::Attribute(a) | StepKind::Key(a) => a == want,
                    StepKind::AnyElement => false,
                })
    }

    /// Does the reference read one of its resource's attributes whole? Such a reference stands
    /// for the resource (its id, name or ARN, as before paths were kept); one with a path reads
    /// a part of an attribute, which is not the resource.
    pub fn reads_whole_attribute(&self) -> bool {
        self.path.is_empty()
    }
}

/// An ordered map whose keys keep their spans; small maps dominate, so lookups are linear.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Map {
    pub entries: Vec<Entry>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: Key,
    pub key_span: Span,
    pub value: Node,
}

// Every value a loader reads is a `Node`, and a plan of many small resources is mostly map
// entries: these sizes are most of its memory. Growing them is a decision, not an accident.
const _: () = assert!(std::mem::size_of::<Node>() <= 48);
const _: () = assert!(std::mem::size_of::<Entry>() <= 72);
const _: () = assert!(std::mem::size_of::<Key>() == std::mem::size_of::<usize>());
const _: () = assert!(std::mem::size_of::<Value>() <= 32);

/// A map key. Keys repeat massively (every resource of a plan has the same attribute names), so
/// a loader shares one allocation per distinct key ([`KeyInterner`]); it reads as a `&str`.
///
/// One pointer wide: every map entry holds a key, and `Arc<str>` (a pointer and a length) made
/// an entry 80 bytes, seven of which (a small plan resource) take the allocator's 640-byte size
/// class; at 72 bytes they take 512. The text's own allocation is shared, so the second pointer
/// is paid once per distinct key, not once per entry.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Key(Arc<Box<str>>);

impl Key {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Key {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Key {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Key {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for Key {
    fn from(s: String) -> Key {
        Key(Arc::new(s.into_boxed_str()))
    }
}

impl From<&str> for Key {
    fn from(s: &str) -> Key {
        Key(Arc::new(Box::from(s)))
    }
}

impl From<&String> for Key {
    fn from(s: &String) -> Key {
        Key::from(s.as_str())
    }
}

impl From<Key> for String {
    fn from(k: Key) -> String {
        k.as_str().to_string()
    }
}

impl PartialEq<str> for Key {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Key {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Key {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Key> for str {
    fn eq(&self, other: &Key) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Key> for &str {
    fn eq(&self, other: &Key) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Key> for String {
    fn eq(&self, other: &Key) -> bool {
        self.as_str() == other.as_str()
    }
}

/// One [`Key`] per distinct key text for the documents a loader reads: a plan of a hundred
/// thousand resources then holds each attribute name once, not once per resource.
///
/// Every key of every JSON document is looked up here, so the hash must be cheap: foldhash,
/// seeded at random per process (keys come from untrusted files, so not a fixed seed), in a
/// table capped at [`MAX_SHARED_KEYS`]. Nothing iterates the table, so the seed cannot change
/// any output.
#[derive(Default)]
pub struct KeyInterner {
    keys: HashSet<Key, foldhash::fast::RandomState>,
}

/// Longer keys are not shared: attribute names are short, and a long key is more likely data
/// used as a key (a tag, a policy condition value), seen once.
const MAX_SHARED_KEY_BYTES: usize = 64;

/// A table this full still shares what it holds but takes no more: each entry costs more than
/// a key of its own, so a document of millions of distinct keys must not all go in it.
const MAX_SHARED_KEYS: usize = 1 << 16;

impl KeyInterner {
    pub fn key(&mut self, text: String) -> Key {
        if text.len() > MAX_SHARED_KEY_BYTES {
            return Key::from(text);
        }
        if let Some(key) = self.keys.get(text.as_str()) {
            return key.clone();
        }
        let key = Key::from(text);
        if self.keys.len() < MAX_SHARED_KEYS {
            self.keys.insert(key.clone());
        }
        key
    }

    /// Whether `text` is in the sharing table.
    #[cfg(test)]
    pub(crate) fn holds(&self, text: &str) -> bool {
        self.keys.contains(text)
    }
}

/// Three-valued answer: rules act on `Yes`/`No` and stay silent on `Unknown`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Truth {
    Yes,
    No,
    Unknown,
}

impl Truth {
    pub fn from_bool(b: bool) -> Truth {
        if b { Truth::Yes } else { Truth::No }
    }

    pub fn is_yes(self) -> bool {
        self == Truth::Yes
    }

    pub fn is_no(self) -> bool {
        self == Truth::No
    }

    /// Kleene disjunction: yes if either is yes, unknown if either is unknown.
    pub fn or(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::Yes, _) | (_, Truth::Yes) => Truth::Yes,
            (Truth::No, Truth::No) => Truth::No,
            _ => Truth::Unknown,
        }
    }

    /// Kleene conjunction.
    pub fn and(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::No, _) | (_, Truth::No) => Truth::No,
            (Truth::Yes, Truth::Yes) => Truth::Yes,
            _ => Truth::Unknown,
        }
    }

    pub fn negate(self) -> Truth {
        match self {
            Truth::Yes => Truth::No,
            Truth::No => Truth::Yes,
            Truth::Unknown => Truth::Unknown,
        }
    }
}

impl Map {
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries.iter().find(|e| e.key == key).map(|e| &e.value)
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    /// Inserts or replaces, keeping the first position of the key.
    pub fn insert(&mut self, key: impl Into<Key>, key_span: Span, value: Node) {
        let key = key.into();
        if let Some(e) = self.entries.iter_mut().find(|e| e.key == key) {
            e.key_span = key_span;
            e.value = value;
        } else {
            self.entries.push(Entry {
                key,
                key_span,
                value,
            });
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<Node> {
        let at = self.entries.iter().position(|e| e.key == key)?;
        Some(self.entries.remove(at).value)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Node)> {
        self.entries.iter().map(|e| (e.key.as_str(), &e.value))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Builds a [`Map`] as a parser reads it, with the meaning of [`Map::insert`] (a repeated key
/// replaces the value and keeps its first position) in linear time: a template's `Resources`
/// or a plan's values can hold a hundred thousand keys.
#[derive(Default)]
pub struct MapBuilder {
    map: Map,
    /// Key positions, once the map is large enough for a linear scan to cost more.
    index: Option<std::collections::HashMap<Key, usize>>,
}

impl MapBuilder {
    /// Maps up to this size are searched linearly, as most are small.
    const LINEAR: usize = 16;

    pub fn insert(&mut self, key: impl Into<Key>, key_span: Span, value: Node) {
        let key = key.into();
        if self.index.is_none() && self.map.entries.len() >= Self::LINEAR {
            self.index = Some(
                self.map
                    .entries
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (e.key.clone(), i))
                    .collect(),
            );
        }
        let Some(index) = &mut self.index else {
            self.map.insert(key, key_span, value);
            return;
        };
        match index.get(&key).and_then(|&i| self.map.entries.get_mut(i)) {
            Some(e) => {
                e.key_span = key_span;
                e.value = value;
            }
            None => {
                index.insert(key.clone(), self.map.entries.len());
                self.map.entries.push(Entry {
                    key,
                    key_span,
                    value,
                });
            }
        }
    }

    /// Where the value of the last key read ends.
    pub fn last_value_end(&self) -> Option<u32> {
        self.map.entries.last().map(|e| e.value.span.end)
    }

    /// A parsed document's maps stay in the model for the whole run: the spare room a growing
    /// vector keeps (up to half of it) is given back.
    pub fn finish(mut self) -> Map {
        fit(&mut self.map.entries);
        self.map
    }
}

/// Gives back a vector's spare room by moving its items into an allocation of their exact size,
/// for vectors that stay in the model for the whole run. Not `shrink_to_fit`: an allocator may
/// shrink a block in place (mimalloc does, down to half its size), which keeps the block's size
/// class and so all of the room: seven map entries grown to room for eight stayed in a 640-byte
/// block where 512 bytes would do.
pub fn fit<T>(items: &mut Vec<T>) {
    if items.capacity() > items.len() {
        let mut exact = Vec::with_capacity(items.len());
        exact.append(items);
        *items = exact;
    }
}

/// `node` when the configuration writes it (see [`Node::is_written`]): the filter for an
/// optional argument read from a resource.
pub fn written(node: Option<&Node>) -> Option<&Node> {
    node.filter(|n| n.is_written())
}

impl Node {
    pub fn new(value: Value, span: Span) -> Node {
        Node { value, span }
    }

    pub fn unknown(reason: impl Into<Arc<str>>, span: Span) -> Node {
        Node {
            value: Value::Unknown(Arc::new(Unknown {
                reason: reason.into(),
                unset: false,
                shape: None,
                deployed: None,
                hole: None,
                built_from: None,
            })),
            span,
        }
    }

    /// The id of the account the configuration is deployed to: not known before deployment,
    /// but equal to itself wherever it is used.
    pub fn this_account(span: Span) -> Node {
        Node {
            value: Value::Unknown(Arc::new(Unknown {
                reason: "the account id is known at deployment".into(),
                unset: false,
                shape: None,
                deployed: Some(THIS_ACCOUNT.into()),
                hole: None,
                built_from: None,
            })),
            span,
        }
    }

    /// A value not known before deployment that is a plain token wherever it appears in a
    /// string (the region deployed to): no `:`, `/` or wildcard.
    pub fn plain_unknown(reason: impl Into<Arc<str>>, span: Span) -> Node {
        Node {
            value: Value::Unknown(Arc::new(Unknown {
                reason: reason.into(),
                unset: false,
                shape: Some(Shape::plain_part()),
                deployed: None,
                hole: None,
                built_from: None,
            })),
            span,
        }
    }

    pub fn string(s: impl Into<String>, span: Span) -> Node {
        Node {
            value: Value::String(s.into()),
            span,
        }
    }

    /// True for values whose content cannot be known statically (unknowns and references).
    pub fn is_unknown(&self) -> bool {
        matches!(self.value, Value::Unknown(_) | Value::Ref(_))
    }

    /// Is an optional argument given? Empty strings, lists and maps count as not given, and so
    /// does a provider-computed value the configuration does not set.
    pub fn is_given(&self) -> Truth {
        match &self.value {
            Value::Null => Truth::No,
            Value::String(s) => Truth::from_bool(!s.is_empty()),
            Value::List(l) => Truth::from_bool(!l.is_empty()),
            Value::Map(m) => Truth::from_bool(!m.is_empty()),
            Value::Bool(b) => Truth::from_bool(*b),
            Value::Ref(_) | Value::Number(_) => Truth::Yes,
            Value::Unknown(u) if u.unset => Truth::No,
            // A partly known string with a literal or plain part is not empty.
            Value::Unknown(u)
                if u.deployed.is_some() || u.shape.as_ref().is_some_and(Shape::is_never_empty) =>
            {
                Truth::Yes
            }
            Value::Unknown(_) => Truth::Unknown,
        }
    }

    /// A value the configuration does not set and the provider computes (in a plan): the
    /// argument was not given, whatever value the provider picks.
    pub fn is_unset(&self) -> bool {
        matches!(&self.value, Value::Unknown(u) if u.unset)
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// Does the configuration write this value: neither null nor left for the provider to
    /// compute (a plan's unset unknown)?
    pub fn is_written(&self) -> bool {
        !self.is_null() && !self.is_unset()
    }

    pub fn as_map(&self) -> Option<&Map> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_list(&self) -> Option<&[Node]> {
        match &self.value {
            Value::List(l) => Some(l),
            _ => None,
        }
    }

    pub fn as_reference(&self) -> Option<&Reference> {
        match &self.value {
            Value::Ref(r) => Some(r),
            _ => None,
        }
    }

    pub fn unknown_reason(&self) -> Option<&str> {
        match &self.value {
            Value::Unknown(u) => Some(&u.reason),
            Value::Ref(r) => Some(r.address.as_str()),
            _ => None,
        }
    }

    /// A value not known statically that is built from what `built_from` names (see
    /// [`Unknown::built_from`]): a rule can tell what it holds without knowing its value.
    pub fn unknown_from(reason: impl Into<Arc<str>>, built_from: BuiltFrom, span: Span) -> Node {
        Node {
            value: Value::Unknown(Arc::new(Unknown {
                reason: reason.into(),
                unset: false,
                shape: None,
                deployed: None,
                hole: None,
                built_from: built_from.into_kept(),
            })),
            span,
        }
    }

    /// An unknown string whose known parts are kept (see [`Unknown::shape`]).
    pub fn unknown_shaped(reason: impl Into<Arc<str>>, shape: String, span: Span) -> Node {
        Node {
            value: Value::Unknown(Arc::new(Unknown {
                reason: reason.into(),
                unset: false,
                shape: Some(shape.into()),
                deployed: None,
                hole: None,
                built_from: None,
            })),
            span,
        }
    }

    /// The text of a known string, or of a string whose only unknown parts are deployment
    /// facts written as their tokens ([`THIS_ACCOUNT`]). For equality and for reading fields
    /// such as the account of an ARN.
    pub fn deployed_text(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            Value::Unknown(u) => u.deployed.as_deref(),
            _ => None,
        }
    }

    /// Could this value be the string `text`? A partly known string cannot when its known
    /// parts rule it out (`arn:aws:sqs:*:*:jobs` is never `*`).
    pub fn can_equal(&self, text: &str) -> Truth {
        match &self.value {
            Value::String(s) => Truth::from_bool(s == text),
            Value::Unknown(u) => match &u.shape {
                Some(shape) if !shape_admits(shape, text) => Truth::No,
                _ => Truth::Unknown,
            },
            Value::Ref(_) => Truth::Unknown,
            _ => Truth::No,
        }
    }

    /// Is this the same value as `other`? Known values compare as they are; two unknowns are
    /// the same only when they are the same deployment fact (`${AWS::AccountId}` twice).
    pub fn same_as(&self, other: &Node) -> Truth {
        match (&self.value, &other.value) {
            (Value::Unknown(a), Value::Unknown(b)) => match (&a.deployed, &b.deployed) {
                (Some(x), Some(y)) if x == y => Truth::Yes,
                _ => Truth::Unknown,
            },
            (Value::Unknown(_) | Value::Ref(_), _) | (_, Value::Unknown(_) | Value::Ref(_)) => {
                Truth::Unknown
            }
            (a, b) => Truth::from_bool(a == b),
        }
    }

    /// The text of a known string, or the shape of a partly known one (`*` marks unknown
    /// parts). For matching literal fragments such as `oidc-provider/`, never for equality.
    pub fn text_shape(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            Value::Unknown(u) => u.shape.as_deref(),
            _ => None,
        }
    }

    /// A string read as far as its unknown parts allow: each part that is a plain token (the
    /// account id, the region) written as `token`, up to the first part that could be anything,
    /// and whether that is the whole string. Unlike [`Node::text_shape`], a `*` in it is one
    /// written in the configuration: `arn:aws:kms:${AWS::Region}:${AWS::AccountId}:key/*`
    /// reads as `arn:aws:kms:x:x:key/*` for `x`, complete, so its resource part is every key.
    /// `None` for what is not a string.
    pub fn literal_text(&self, token: &str) -> Option<(Cow<'_, str>, bool)> {
        match &self.value {
            Value::String(s) => Some((Cow::Borrowed(s), true)),
            Value::Unknown(u) => Some(match (&u.shape, u.deployed.as_deref()) {
                (Some(shape), _) => {
                    let (text, whole) = shape.literal_text(token);
                    (Cow::Owned(text), whole)
                }
                (None, Some(THIS_ACCOUNT)) => (Cow::Owned(token.to_string()), true),
                (None, _) => (Cow::Borrowed(""), false),
            }),
            Value::Ref(_) => Some((Cow::Borrowed(""), false)),
            _ => None,
        }
    }

    /// A known string (numbers and booleans are not strings here).
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// Text of a scalar: CloudFormation and Terraform freely write `22` as `"22"` and vice versa.
    pub fn scalar_text(&self) -> Option<String> {
        match &self.value {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(format_number(*n)),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// A known integer, from a number or a numeric string.
    pub fn as_i64(&self) -> Option<i64> {
        match &self.value {
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => Some(*n as i64),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// A boolean, accepting the strings `"true"`/`"false"` that CloudFormation templates use.
    pub fn truth(&self) -> Truth {
        match &self.value {
            Value::Bool(b) => Truth::from_bool(*b),
            Value::String(s) if s.eq_ignore_ascii_case("true") => Truth::Yes,
            Value::String(s) if s.eq_ignore_ascii_case("false") => Truth::No,
            Value::Null => Truth::No,
            _ => Truth::Unknown,
        }
    }

    /// Looks up `key` when this is a map.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?.get(key)
    }

    /// Follows a path of map keys.
    pub fn path(&self, keys: &[&str]) -> Option<&Node> {
        keys.iter().try_fold(self, |node, key| node.get(key))
    }

    /// The elements of a list, a single non-list value as a one-element slice (CloudFormation
    /// and IAM accept a scalar where a list is expected), nothing for null/absent.
    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::List(l) => l,
            Value::Null => &[],
            _ => std::slice::from_ref(self),
        }
    }

    /// A copy with every span (values and keys) moved to `span`: for values that come from
    /// text outside any file, such as `--var` or a plan's configuration constants.
    pub fn respanned(&self, span: Span) -> Node {
        let value = match &self.value {
            Value::List(items) => Value::List(items.iter().map(|i| i.respanned(span)).collect()),
            Value::Map(map) => Value::Map(Map {
                entries: map
                    .entries
                    .iter()
                    .map(|e| Entry {
                        key: e.key.clone(),
                        key_span: span,
                        value: e.value.respanned(span),
                    })
                    .collect(),
            }),
            other => other.clone(),
        };
        Node::new(value, span)
    }

    /// Visits this node and all nested nodes, depth first.
    pub fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a Node)) {
        let mut stack = vec![self];
        while let Some(node) = stack.pop() {
            f(node);
            match &node.value {
                Value::List(items) => stack.extend(items.iter().rev()),
                Value::Map(map) => stack.extend(map.entries.iter().rev().map(|e| &e.value)),
                _ => {}
            }
        }
    }
}

/// A string assembled from parts, some of them unknown, the way Terraform templates,
/// `Fn::Sub` and `Fn::Join` build one: known text, the shape of what is not known, and the
/// deployed text while every unknown part is a deployment fact.
#[derive(Debug)]
pub struct TextBuilder {
    shape: String,
    /// The unknown parts of `shape`.
    holes: Vec<Hole>,
    deployed: Option<String>,
    unknown: Option<Box<str>>,
    /// How many parts are unknown, and the first when it is a reference (see [`Unknown::hole`]).
    unknown_parts: usize,
    hole: Option<(usize, Reference)>,
    /// What the parts are built from (see [`Unknown::built_from`]).
    built_from: BuiltFrom,
}

impl Default for TextBuilder {
    fn default() -> Self {
        TextBuilder {
            shape: String::new(),
            holes: Vec::new(),
            deployed: Some(String::new()),
            unknown: None,
            unknown_parts: 0,
            hole: None,
            built_from: BuiltFrom::default(),
        }
    }
}

impl TextBuilder {
    pub fn push_str(&mut self, s: &str) {
        self.shape.push_str(s);
        if let Some(d) = &mut self.deployed {
            d.push_str(s);
        }
    }

    /// Appends the text of a value; `false` (and nothing appended) for a list or a map, which
    /// have no text. Null adds nothing.
    pub fn push_value(&mut self, node: &Node) -> bool {
        if let Some(text) = node.scalar_text() {
            self.push_str(&text);
            return true;
        }
        match &node.value {
            Value::Null => true,
            Value::List(_) | Value::Map(_) => false,
            Value::Unknown(_) | Value::Ref(_) => {
                self.unknown_parts += 1;
                if let (Value::Ref(r), 1) = (&node.value, self.unknown_parts) {
                    self.hole = Some((self.shape.len(), (**r).clone()));
                }
                self.built_from.gather(node);
                let at = self.shape.len();
                match &node.value {
                    Value::Unknown(u) if let Some(shape) = &u.shape => {
                        self.shape.push_str(shape);
                        let moved = |h: &Hole| Hole {
                            at: h.at + at,
                            ..*h
                        };
                        self.holes.extend(shape.holes.iter().map(moved));
                    }
                    _ => {
                        self.shape.push('*');
                        let plain = node.deployed_text() == Some(THIS_ACCOUNT);
                        self.holes.push(Hole { at, plain });
                    }
                }
                match (node.deployed_text(), &mut self.deployed) {
                    (Some(text), Some(d)) => d.push_str(text),
                    _ => self.deployed = None,
                }
                self.unknown.get_or_insert_with(|| {
                    node.unknown_reason()
                        .unwrap_or("a value not known statically")
                        .into()
                });
                true
            }
            // Scalars all have text (handled above).
            _ => true,
        }
    }

    /// Is any part unknown?
    pub fn is_partial(&self) -> bool {
        self.unknown.is_some()
    }

    /// The string, or an unknown with its shape (and deployed text) when a part is unknown;
    /// `why` prefixes the reason (`template uses ...`).
    pub fn finish(self, why: &str, span: Span) -> Node {
        // Nested templates would repeat the prefix: "template uses template uses ...".
        let reason = self.unknown.as_deref().map(|r| match r.starts_with(why) {
            true => r.to_string(),
            false => format!("{why}{r}"),
        });
        self.finish_because(reason, span)
    }

    /// As [`TextBuilder::finish`], with the reason given whole.
    pub fn finish_because(self, reason: Option<String>, span: Span) -> Node {
        let (Some(reason), Some(_)) = (reason, self.unknown) else {
            return Node::string(self.shape, span);
        };
        Node {
            value: Value::Unknown(Arc::new(Unknown {
                reason: reason.into(),
                unset: false,
                shape: Some(Shape {
                    text: self.shape.into(),
                    holes: self.holes.into(),
                }),
                deployed: self.deployed.map(Into::into),
                hole: self.hole.filter(|_| self.unknown_parts == 1).map(Box::new),
                built_from: self.built_from.into_kept(),
            })),
            span,
        }
    }
}

/// Does a shape (`*` for each unknown part) admit `text`: its literal fragments appear in order,
/// the first at the start and the last at the end?
fn shape_admits(shape: &str, text: &str) -> bool {
    let mut fragments = shape.split('*');
    let Some(first) = fragments.next() else {
        return true;
    };
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let fragments: Vec<&str> = fragments.collect();
    let Some((last, middle)) = fragments.split_last() else {
        // No `*`: the shape is the whole text.
        return rest.is_empty();
    };
    for fragment in middle {
        match rest.find(fragment) {
            Some(at) => rest = &rest[at + fragment.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

/// Formats a number the way Terraform and JSON show it: integers without a fraction.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.address)?;
        if let Some(a) = &self.attribute {
            write!(f, ".{a}")?;
        }
        for step in &self.path {
            match &step.kind {
                StepKind::Attribute(a) => write!(f, ".{a}")?,
                StepKind::Key(k) if k.parse::<u64>().is_ok() => write!(f, "[{k}]")?,
                StepKind::Key(k) => write!(f, "[{k:?}]")?,
                StepKind::AnyElement => f.write_str("[*]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_leaves_no_spare_room_and_keeps_the_items_in_order() {
        let mut items: Vec<u32> = Vec::with_capacity(8);
        items.extend([3, 1, 2, 5, 4, 7, 6]);
        fit(&mut items);
        assert_eq!(items, [3, 1, 2, 5, 4, 7, 6]);
        assert_eq!(items.capacity(), items.len());
        let mut empty: Vec<u32> = Vec::with_capacity(4);
        fit(&mut empty);
        assert_eq!(empty.capacity(), 0);
    }

    #[test]
    fn an_interner_gives_one_allocation_per_distinct_key() {
        let mut keys = KeyInterner::default();
        let a = keys.key("bucket".to_string());
        let b = keys.key("bucket".to_string());
        let c = keys.key("acl".to_string());
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(a, "bucket");
        assert_eq!(c.as_str(), "acl");
        assert_eq!(format!("{a:?} {c}"), "\"bucket\" acl");
    }

    #[test]
    fn an_interner_shares_short_keys_while_its_table_has_room() {
        let mut keys = KeyInterner::default();
        let long = "k".repeat(MAX_SHARED_KEY_BYTES + 1);
        let a = keys.key(long.clone());
        let b = keys.key(long.clone());
        assert!(!Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(a, b);
        assert!(!keys.holds(&long));
        let longest = "k".repeat(MAX_SHARED_KEY_BYTES);
        let a = keys.key(longest.clone());
        assert!(Arc::ptr_eq(&a.0, &keys.key(longest).0));

        for i in keys.keys.len()..MAX_SHARED_KEYS {
            keys.key(format!("key{i}"));
        }
        assert_eq!(keys.keys.len(), MAX_SHARED_KEYS);
        // Full: what it holds is still shared, a new key is not added.
        let first = keys.key("key1".to_string());
        assert!(Arc::ptr_eq(&first.0, &keys.key("key1".to_string()).0));
        let late = keys.key("late".to_string());
        assert_eq!(late, "late");
        assert!(!keys.holds("late"));
        assert_eq!(keys.keys.len(), MAX_SHARED_KEYS);
    }

    fn n(v: Value) -> Node {
        Node::new(v, Span::default())
    }

    #[test]
    fn a_template_with_one_reference_keeps_where_it_is() {
        let bucket = n(Value::Ref(Box::new(Reference {
            address: "aws_s3_bucket.orders".into(),
            attribute: Some("id".into()),
            path: Vec::new(),
        })));
        let mut text = TextBuilder::default();
        text.push_str("arn:aws:s3:::");
        text.push_value(&bucket);
        text.push_str("/*");
        let node = text.finish("template uses ", Span::default());
        let Value::Unknown(u) = &node.value else {
            panic!("a template with a reference is unknown");
        };
        assert_eq!(u.shape.as_deref(), Some("arn:aws:s3:::*/*"));
        let hole = u.hole.as_deref().expect("one reference");
        assert_eq!(hole.0, "arn:aws:s3:::".len());
        assert_eq!(hole.1.address, "aws_s3_bucket.orders");

        // Two unknown parts: which one the shape's `*` stands for is no longer one reference.
        let mut text = TextBuilder::default();
        text.push_value(&bucket);
        text.push_value(&n(Value::Unknown(Arc::new(Unknown {
            reason: "var.key".into(),
            unset: false,
            shape: None,
            deployed: None,
            hole: None,
            built_from: None,
        }))));
        let node = text.finish("template uses ", Span::default());
        let Value::Unknown(u) = &node.value else {
            panic!("unknown");
        };
        assert!(u.hole.is_none());
        // Every reference among the parts is still known.
        let from = u.built_from.as_deref().expect("built from the bucket");
        let addresses: Vec<&str> = from.references.iter().map(|r| r.address.as_str()).collect();
        assert_eq!(addresses, ["aws_s3_bucket.orders"]);
        let mut text = TextBuilder::default();
        text.push_str("A=");
        text.push_value(&n(Value::Unknown(Arc::new(Unknown {
            reason: "var.a".into(),
            unset: false,
            shape: None,
            deployed: None,
            hole: None,
            built_from: None,
        }))));
        text.push_str(" B=");
        text.push_value(&node);
        let outer = text.finish("template uses ", Span::default());
        let Value::Unknown(u) = &outer.value else {
            panic!("unknown");
        };
        let from = u
            .built_from
            .as_deref()
            .expect("a nested text's references are kept");
        assert_eq!(from.references.len(), 1);
    }

    fn reference(address: &str) -> Reference {
        Reference {
            address: address.into(),
            attribute: Some("secret".into()),
            path: Vec::new(),
        }
    }

    #[test]
    fn what_a_text_is_built_from_is_kept_once_and_says_when_it_is_not_all() {
        let mut text = TextBuilder::default();
        // The same reference written many times is one.
        for _ in 0..(2 * MAX_TEXT_REFERENCES) {
            text.push_value(&n(Value::Ref(Box::new(reference("x.a")))));
        }
        let node = text.finish("template uses ", Span::default());
        let Value::Unknown(u) = &node.value else {
            panic!("unknown");
        };
        let from = u.built_from.as_deref().expect("built from x.a");
        assert_eq!(from.references.len(), 1);
        assert!(!from.truncated && !from.uncertain);

        // More distinct references than are kept: the last ones are not named, but said to be
        // left out, and a doubt about any part is the whole text's.
        let mut doubtful = BuiltFrom {
            uncertain: true,
            ..BuiltFrom::default()
        };
        doubtful.add(&reference("plan.p"));
        let mut text = TextBuilder::default();
        text.push_value(&Node::unknown_from("plan", doubtful, Span::default()));
        for i in 0..MAX_TEXT_REFERENCES {
            text.push_value(&n(Value::Ref(Box::new(reference(&format!("x.r{i}"))))));
        }
        let node = text.finish("template uses ", Span::default());
        let Value::Unknown(u) = &node.value else {
            panic!("unknown");
        };
        let from = u.built_from.as_deref().expect("built from references");
        assert_eq!(from.references.len(), MAX_TEXT_REFERENCES);
        assert_eq!(from.references[0].address, "plan.p");
        assert!(from.truncated && from.uncertain);

        // References inside a collection (jsonencode's argument) are gathered, to a bound.
        let secret_map = || {
            let mut map = Map::default();
            let secret = n(Value::Ref(Box::new(reference("y.b"))));
            map.insert("pw", Span::default(), secret);
            n(Value::Map(map))
        };
        let mut shallow = BuiltFrom::default();
        shallow.gather(&n(Value::List(vec![secret_map()])));
        assert_eq!(shallow.references.len(), 1);
        let mut nested = secret_map();
        for _ in 0..MAX_GATHER_DEPTH {
            nested = n(Value::List(vec![nested]));
        }
        let mut deep = BuiltFrom::default();
        deep.gather(&nested);
        assert!(deep.references.is_empty() && deep.truncated);
        assert!(BuiltFrom::default().into_kept().is_none());
    }

    #[test]
    fn truth_reads_cloudformation_strings() {
        assert_eq!(n(Value::String("True".into())).truth(), Truth::Yes);
        assert_eq!(n(Value::String("false".into())).truth(), Truth::No);
        assert_eq!(Node::unknown("x", Span::default()).truth(), Truth::Unknown);
        assert_eq!(n(Value::String("maybe".into())).truth(), Truth::Unknown);
    }

    #[test]
    fn kleene_logic() {
        assert_eq!(Truth::Unknown.or(Truth::Yes), Truth::Yes);
        assert_eq!(Truth::Unknown.or(Truth::No), Truth::Unknown);
        assert_eq!(Truth::Unknown.and(Truth::No), Truth::No);
        assert_eq!(Truth::Yes.and(Truth::Unknown), Truth::Unknown);
    }

    #[test]
    fn this_account_is_unknown_but_equal_to_itself() {
        let a = Node::this_account(Span::default());
        assert!(a.is_unknown());
        assert_eq!(a.same_as(&Node::this_account(Span::default())), Truth::Yes);
        let other = n(Value::String("111122223333".into()));
        assert_eq!(a.same_as(&other), Truth::Unknown);
        let unknown = Node::unknown("x", Span::default());
        assert_eq!(unknown.same_as(&unknown.clone()), Truth::Unknown);
        assert_eq!(other.same_as(&other.clone()), Truth::Yes);
    }

    #[test]
    fn partly_known_strings_rule_out_what_their_known_parts_contradict() {
        let shaped = |s: &str| Node::unknown_shaped("x", s.into(), Span::default());
        assert_eq!(shaped("arn:aws:sqs:*:*:jobs").can_equal("*"), Truth::No);
        assert_eq!(shaped("*").can_equal("*"), Truth::Unknown);
        assert_eq!(shaped("**").can_equal("*"), Truth::Unknown);
        assert_eq!(shaped("arn:*").can_equal("arn:aws:s3:::b"), Truth::Unknown);
        assert_eq!(shaped("a*c*e").can_equal("abcde"), Truth::Unknown);
        assert_eq!(shaped("a*c*e").can_equal("abde"), Truth::No);
        assert_eq!(n(Value::String("*".into())).can_equal("*"), Truth::Yes);
    }

    #[test]
    fn text_builder_keeps_shape_and_deployed_text() {
        let mut arn = TextBuilder::default();
        arn.push_str("arn:aws:iam::");
        assert!(arn.push_value(&Node::this_account(Span::default())));
        arn.push_str(":root");
        let node = arn.finish("", Span::default());
        assert_eq!(node.text_shape(), Some("arn:aws:iam::*:root"));
        assert_eq!(
            node.deployed_text(),
            Some("arn:aws:iam::${AWS::AccountId}:root")
        );

        let mut mixed = TextBuilder::default();
        mixed.push_value(&Node::this_account(Span::default()));
        mixed.push_value(&Node::unknown("var.x", Span::default()));
        let node = mixed.finish("template uses ", Span::default());
        assert_eq!(node.text_shape(), Some("**"));
        assert_eq!(node.deployed_text(), None);
        assert_eq!(
            node.unknown_reason(),
            Some("template uses the account id is known at deployment")
        );

        let mut known = TextBuilder::default();
        known.push_value(&n(Value::Number(443.0)));
        assert!(!known.push_value(&n(Value::List(vec![]))));
        assert_eq!(known.finish("", Span::default()).as_str(), Some("443"));
    }

    #[test]
    fn a_written_wildcard_is_told_from_an_unknown_part() {
        let region = Node::plain_unknown("pseudo parameter AWS::Region", Span::default());
        let account = Node::this_account(Span::default());
        let key_id = Node::unknown("parameter KeyId", Span::default());
        let arn = |key: Option<&Node>| {
            let mut text = TextBuilder::default();
            text.push_str("arn:aws:kms:");
            text.push_value(&region);
            text.push_str(":");
            text.push_value(&account);
            text.push_str(":key/");
            match key {
                Some(k) => assert!(text.push_value(k)),
                None => text.push_str("*"),
            }
            text.finish("", Span::default())
        };
        // Both read `*` where patterns are matched, an unknown part matching anything ...
        let every_key = arn(None);
        let some_key = arn(Some(&key_id));
        assert_eq!(every_key.text_shape(), Some("arn:aws:kms:*:*:key/*"));
        assert_eq!(some_key.text_shape(), Some("arn:aws:kms:*:*:key/*"));
        // ... but read literally, only one holds a wildcard: the region and the account are
        // plain tokens, the key id could be anything.
        let (text, whole) = every_key.literal_text("x").unwrap();
        assert_eq!((text.as_ref(), whole), ("arn:aws:kms:x:x:key/*", true));
        let (text, whole) = some_key.literal_text("x").unwrap();
        assert_eq!((text.as_ref(), whole), ("arn:aws:kms:x:x:key/", false));

        // Shapes nest: a partly known part keeps which of its `*` are unknown.
        let mut nested = TextBuilder::default();
        nested.push_str("*/");
        nested.push_value(&every_key);
        let nested = nested.finish("", Span::default());
        let (text, whole) = nested.literal_text("x").unwrap();
        assert_eq!((text.as_ref(), whole), ("*/arn:aws:kms:x:x:key/*", true));

        assert_eq!(
            account.literal_text("x").unwrap(),
            (Cow::Borrowed("x"), true)
        );
        assert_eq!(
            region.literal_text("x").unwrap(),
            (Cow::Borrowed("x"), true)
        );
        let (text, whole) = key_id.literal_text("x").unwrap();
        assert_eq!((text.as_ref(), whole), ("", false));
        assert_eq!(n(Value::Number(1.0)).literal_text("x"), None);
        // A shape given as text: each `*` is an unknown part that could be anything.
        let written = Node::unknown_shaped("x", "a*b".into(), Span::default());
        assert_eq!(
            written.literal_text("x").unwrap(),
            (Cow::Borrowed("a"), false)
        );
    }

    #[test]
    fn a_partly_known_string_with_a_known_part_is_given() {
        let shaped = |s: &str| Node::unknown_shaped("x", s.into(), Span::default());
        assert_eq!(shaped("arn:*").is_given(), Truth::Yes);
        assert_eq!(shaped("*:*").is_given(), Truth::Yes);
        assert_eq!(shaped("arn:aws:logs:*").is_given(), Truth::Yes);
        // Unknown parts alone may all be empty.
        assert_eq!(shaped("**").is_given(), Truth::Unknown);
        assert_eq!(Node::this_account(Span::default()).is_given(), Truth::Yes);
        let region = Node::plain_unknown("region", Span::default());
        assert_eq!(region.is_given(), Truth::Yes);
        assert_eq!(
            Node::unknown("x", Span::default()).is_given(),
            Truth::Unknown
        );
    }

    #[test]
    fn integers_from_numbers_and_strings() {
        assert_eq!(n(Value::Number(22.0)).as_i64(), Some(22));
        assert_eq!(n(Value::String("3389".into())).as_i64(), Some(3389));
        assert_eq!(n(Value::Number(1.5)).as_i64(), None);
        assert_eq!(format_number(443.0), "443");
    }

    #[test]
    fn map_builder_keeps_insert_semantics_at_any_size() {
        for size in [3, 16, 17, 1_000] {
            let (mut built, mut inserted) = (MapBuilder::default(), Map::default());
            for i in 0..size {
                // Every third key repeats an earlier one: the value is replaced in place.
                let key = if i % 3 == 2 {
                    format!("k{}", i / 2)
                } else {
                    format!("k{i}")
                };
                let span = Span::new(crate::source::FileId(0), i, i + 1);
                built.insert(key.clone(), span, n(Value::Number(i as f64)));
                inserted.insert(key, span, n(Value::Number(i as f64)));
            }
            assert_eq!(built.finish(), inserted, "size {size}");
        }
    }
}
