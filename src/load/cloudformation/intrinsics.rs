//! Static evaluation of CloudFormation intrinsic functions.

use super::{for_each, sub_json};
use crate::graph::value::{BuiltFrom, TextBuilder};
use crate::graph::{FastHashMap as HashMap, FastHashSet as HashSet};
use crate::graph::{Map, Node, Reference, Truth, Value};
use crate::source::Span;
use std::borrow::Cow;
use std::cell::{Cell, RefCell};

pub struct Template<'a> {
    parameters: HashMap<&'a str, &'a Node>,
    /// Parameters a parent stack passes to this template, with why each is unknown here.
    passed: Option<&'a super::PassedParameters>,
    mappings: Option<&'a Map>,
    /// `Conditions`, with the conditions `Fn::ForEach` loops generate.
    conditions: Option<Cow<'a, Map>>,
    resources: HashSet<&'a str>,
    /// The template declares `Transform: AWS::LanguageExtensions`, so `Fn::ForEach` loops
    /// expand (without it CloudFormation rejects them).
    language_extensions: bool,
    /// Entries that `Fn::ForEach` loops in property maps may still generate, for the whole
    /// template: each map having its own budget would let loops in loops multiply them.
    loop_budget: Cell<usize>,
    /// Memo for conditions, and the set being evaluated (a cycle is unknown, not a hang).
    condition_cache: RefCell<HashMap<String, Truth>>,
    in_progress: RefCell<HashSet<String>>,
}

impl<'a> Template<'a> {
    /// The parameters a parent stack passes to this template: unknown, not their defaults.
    pub fn passed(mut self, passed: &'a super::PassedParameters) -> Template<'a> {
        self.passed = Some(passed);
        self
    }

    pub fn new(doc: &'a Map) -> Template<'a> {
        let parameters = doc
            .get("Parameters")
            .and_then(Node::as_map)
            .map(|m| m.iter().collect())
            .unwrap_or_default();
        let resources = doc
            .get("Resources")
            .and_then(Node::as_map)
            .map(|m| m.iter().map(|(k, _)| k).collect())
            .unwrap_or_default();
        let conditions = doc.get("Conditions").and_then(Node::as_map);
        let mut template = Template {
            parameters,
            passed: None,
            mappings: doc.get("Mappings").and_then(Node::as_map),
            conditions: conditions.map(Cow::Borrowed),
            resources,
            language_extensions: super::transforms(doc)
                .iter()
                .any(|(name, _)| name == super::LANGUAGE_EXTENSIONS),
            loop_budget: Cell::new(for_each::MAX_GENERATED_NODES),
            condition_cache: RefCell::default(),
            in_progress: RefCell::default(),
        };
        if let Some(conditions) = conditions
            && template.language_extensions
            && conditions.iter().any(|(k, _)| for_each::is_loop(k))
        {
            template.conditions = Some(Cow::Owned(template.expand_loops(conditions)));
        }
        template
    }

    /// `map` with its `Fn::ForEach` loops expanded. A loop that cannot be expanded generates
    /// nothing: a condition it would define is unknown wherever it is used.
    fn expand_loops(&self, map: &Map) -> Map {
        let mut budget = self.loop_budget.get();
        let mut expanded = Map::default();
        for e in &map.entries {
            if !for_each::is_loop(&e.key) {
                expanded.entries.push(e.clone());
            } else if let Ok(generated) = for_each::expand(self, e, &mut budget) {
                expanded.entries.extend(generated);
            }
        }
        self.loop_budget.set(budget);
        expanded
    }

    /// Logical ids that `Fn::ForEach` loops generate, so `Ref`s to them resolve.
    pub fn declare_resources(&mut self, ids: impl IntoIterator<Item = &'a str>) {
        self.resources.extend(ids);
    }

    pub fn expands_loops(&self) -> bool {
        self.language_extensions
    }

    /// Evaluates a node; `None` means the value is absent (`!Ref AWS::NoValue`).
    pub fn eval(&self, node: &Node) -> Option<Node> {
        match &node.value {
            Value::Map(map)
                if self.language_extensions && map.iter().any(|(k, _)| for_each::is_loop(k)) =>
            {
                // Loops in a property map generate its keys; one that cannot be expanded leaves
                // the whole map unknown, as a key it would add might decide a check.
                let mut expanded = Map::default();
                for e in &map.entries {
                    if !for_each::is_loop(&e.key) {
                        expanded.entries.push(e.clone());
                        continue;
                    }
                    let mut budget = self.loop_budget.get();
                    let generated = for_each::expand(self, e, &mut budget);
                    self.loop_budget.set(budget);
                    match generated {
                        Ok(generated) => expanded.entries.extend(generated),
                        Err(why) => return Some(Node::unknown(why, node.span)),
                    }
                }
                self.eval(&Node::new(Value::Map(expanded), node.span))
            }
            Value::Map(map) => {
                if let [only] = map.entries.as_slice()
                    && is_intrinsic(&only.key)
                {
                    return self.intrinsic(&only.key, &only.value, node.span);
                }
                // Wherever it stands, a rain directive is text `rain pkg` replaces: read as a
                // map it would be a document without statements, rules, or settings.
                if let Some(directive) = rain_directive(node) {
                    return Some(Node::unknown(
                        format!(
                            "{directive}, which the rain CLI replaces when it packages the template (`rain pkg`); CloudFormation does not accept it"
                        ),
                        node.span,
                    ));
                }
                let mut out = Map::default();
                for e in &map.entries {
                    if let Some(v) = self.eval(&e.value) {
                        out.entries.push(crate::graph::Entry {
                            key: e.key.clone(),
                            key_span: e.key_span,
                            value: v,
                        });
                    }
                }
                Some(Node::new(Value::Map(out), node.span))
            }
            Value::List(items) => Some(Node::new(
                Value::List(items.iter().filter_map(|i| self.eval(i)).collect()),
                node.span,
            )),
            _ => Some(node.clone()),
        }
    }

    fn intrinsic(&self, name: &str, arg: &Node, span: Span) -> Option<Node> {
        let unknown = |why: &str| Some(Node::unknown(why, span));
        match name {
            "Ref" => self.reference(arg, span),
            "Fn::GetAtt" => Some(self.get_att(arg, span)),
            "Fn::Sub" => Some(self.sub(arg, span)),
            "Fn::Join" => Some(self.join(arg, span)),
            "Fn::Select" => self.select(arg, span),
            "Fn::Split" => Some(self.split(arg, span)),
            "Fn::If" => self.if_(arg, span),
            "Fn::FindInMap" => Some(self.find_in_map(arg, span)),
            // The decoded content is what rules care about (user data, JSON policies).
            "Fn::Base64" | "Fn::ToJsonString" => self.eval(arg),
            "Fn::Length" => {
                let v = self.eval(arg)?;
                match &v.value {
                    Value::List(l) => Some(Node::new(Value::Number(l.len() as f64), span)),
                    _ => unknown("Fn::Length of a value not known statically"),
                }
            }
            "Fn::Equals" | "Fn::Not" | "Fn::And" | "Fn::Or" | "Condition" => {
                let mut one = Map::default();
                one.insert(name.to_string(), span, arg.clone());
                match self.condition_node(&Node::new(Value::Map(one), span)) {
                    Truth::Yes => Some(Node::new(Value::Bool(true), span)),
                    Truth::No => Some(Node::new(Value::Bool(false), span)),
                    Truth::Unknown => unknown("condition not decidable from the template"),
                }
            }
            "Fn::ImportValue" => unknown("Fn::ImportValue is resolved at deployment"),
            "Fn::GetAZs" => unknown("Fn::GetAZs depends on the account and region"),
            "Fn::Cidr" => unknown("Fn::Cidr is not evaluated"),
            _ => unknown(&format!("{name} is not evaluated")),
        }
    }

    /// A name given by an intrinsic function, as `AWS::LanguageExtensions` allows in `Ref` and
    /// `Fn::GetAtt`.
    fn computed_name(&self, arg: &Node) -> Option<String> {
        if !self.language_extensions || arg.as_map().is_none() {
            return None;
        }
        self.eval(arg)?.as_str().map(str::to_string)
    }

    fn reference(&self, arg: &Node, span: Span) -> Option<Node> {
        let computed = self.computed_name(arg);
        let Some(target) = arg.as_str().or(computed.as_deref()) else {
            return Some(Node::unknown("Ref to a computed name", span));
        };
        if target == "AWS::NoValue" {
            return None;
        }
        // The partition and URL suffix never change what a policy or rule means; resolving
        // them keeps ARNs such as `arn:${AWS::Partition}:iam::aws:policy/...` readable.
        match target {
            "AWS::Partition" => return Some(Node::string("aws", span)),
            "AWS::URLSuffix" => return Some(Node::string("amazonaws.com", span)),
            // Unknown, but the same account wherever it appears (a trust policy naming it
            // trusts this account, not another).
            "AWS::AccountId" => return Some(Node::this_account(span)),
            // Unknown, but a region name: in an ARN it is the region field, nothing more.
            "AWS::Region" => {
                return Some(Node::plain_unknown("pseudo parameter AWS::Region", span));
            }
            _ => {}
        }
        if target.starts_with("AWS::") {
            return Some(Node::unknown(format!("pseudo parameter {target}"), span));
        }
        if let Some(param) = self.parameters.get(target) {
            return Some(self.parameter_value(target, param, span));
        }
        if self.resources.contains(target) {
            return Some(Node::new(
                Value::Ref(Box::new(Reference {
                    address: target.to_string(),
                    attribute: None,
                    path: Vec::new(),
                })),
                span,
            ));
        }
        Some(Node::unknown(format!("Ref to undeclared {target}"), span))
    }

    /// A parameter's default stands in for its value; the span stays at the use site so a
    /// finding points where the parameter is used.
    fn parameter_value(&self, name: &str, param: &Node, span: Span) -> Node {
        // A parent stack's value replaces the default; which value it is, is not read here.
        if let Some(reason) = self.passed.and_then(|passed| passed.get(name)) {
            return Node::unknown(reason.clone(), span);
        }
        // An SSM parameter type takes the name of a Parameter Store parameter, its default
        // too, and the stack gets that parameter's value when it deploys (CDK's
        // `BootstrapVersion` is one): the default is not the value.
        if param
            .get("Type")
            .and_then(Node::as_str)
            .is_some_and(|t| t.starts_with("AWS::SSM::Parameter::Value<"))
        {
            return Node::unknown(
                format!("parameter {name} is read from SSM Parameter Store when the stack deploys"),
                span,
            );
        }
        let Some(default) = param.get("Default") else {
            let why = format!("parameter {name} has no default");
            return masked_parameter(name, param, why.clone(), span)
                .unwrap_or_else(|| Node::unknown(why, span));
        };
        let is_list = param
            .get("Type")
            .and_then(Node::as_str)
            .is_some_and(|t| t == "CommaDelimitedList" || t.starts_with("List<"));
        match (&default.value, is_list) {
            (Value::String(s), true) => Node::new(
                Value::List(s.split(',').map(|p| Node::string(p.trim(), span)).collect()),
                span,
            ),
            (Value::Map(_) | Value::List(_), _) if !is_list => {
                Node::unknown(format!("parameter {name} has a non-scalar default"), span)
            }
            (v, _) => Node::new(v.clone(), span),
        }
    }

    fn get_att(&self, arg: &Node, span: Span) -> Node {
        let (resource, attribute) = match &arg.value {
            Value::String(s) => match s.split_once('.') {
                Some((r, a)) => (r.to_string(), Some(a.to_string())),
                None => (s.clone(), None),
            },
            Value::List(parts) => {
                let resource = parts.first().and_then(|r| {
                    r.as_str()
                        .map(str::to_string)
                        .or_else(|| self.computed_name(r))
                });
                let attribute = parts
                    .get(1)
                    .and_then(|a| self.eval(a))
                    .and_then(|a| a.as_str().map(str::to_string));
                match resource {
                    Some(r) => (r, attribute),
                    None => return Node::unknown("Fn::GetAtt of a computed name", span),
                }
            }
            _ => return Node::unknown("malformed Fn::GetAtt", span),
        };
        if !self.resources.contains(resource.as_str()) {
            return Node::unknown(format!("Fn::GetAtt of undeclared {resource}"), span);
        }
        Node::new(
            Value::Ref(Box::new(Reference {
                address: resource,
                attribute,
                path: Vec::new(),
            })),
            span,
        )
    }

    /// The value of a part of a text (`${Name}` in `Fn::Sub`, an element of `Fn::Join`). A
    /// `NoEcho` parameter there is the deployer's secret whatever its default: the default may
    /// be what a whole value (`!Ref DbPassword`) is read as, since the template writes it, but a
    /// script or a connection string built with the parameter holds what is passed.
    fn text_part(&self, node: &Node) -> Option<Node> {
        let name = node
            .as_map()
            .filter(|m| m.len() == 1)
            .and_then(|m| m.get("Ref"))
            .and_then(Node::as_str);
        if let Some(masked) = name.and_then(|n| self.masked_parameter(n, node.span)) {
            return Some(masked);
        }
        self.eval(node)
    }

    /// A `NoEcho` parameter's value as a text part (see [`Template::text_part`]).
    fn masked_parameter(&self, name: &str, span: Span) -> Option<Node> {
        let param = self.parameters.get(name)?;
        let why = format!("parameter {name} is NoEcho: the deployer passes its value");
        masked_parameter(name, param, why, span)
    }

    fn sub(&self, arg: &Node, span: Span) -> Node {
        if let Some(directive) = rain_directive(arg) {
            return Node::unknown(
                format!(
                    "Fn::Sub of {directive}, which the rain CLI replaces when it packages the template (`rain pkg`); CloudFormation does not accept it"
                ),
                span,
            );
        }
        let (template, vars) = match &arg.value {
            Value::String(s) => (s.as_str(), None),
            Value::List(parts) => match (parts.first().and_then(Node::as_str), parts.get(1)) {
                (Some(t), vars) => (t, vars.and_then(Node::as_map)),
                _ => return Node::unknown("malformed Fn::Sub", span),
            },
            _ => return Node::unknown("malformed Fn::Sub", span),
        };
        let mut out = TextBuilder::default();
        let mut unknown_part: Option<String> = None;
        // The same text with each part not known statically marked, and those parts, in case
        // the text is a JSON document (see `sub_json`).
        let mut marked = String::new();
        let mut holes: Vec<Node> = Vec::new();
        let mut markable = !template.chars().any(sub_json::is_hole_mark);
        let push_text = |out: &mut TextBuilder, marked: &mut String, text: &str| {
            out.push_str(text);
            marked.push_str(text);
        };
        let mut rest = template;
        while let Some(at) = rest.find("${") {
            push_text(&mut out, &mut marked, &rest[..at]);
            let after = &rest[at + 2..];
            let Some(close) = after.find('}') else {
                push_text(&mut out, &mut marked, &rest[at..]);
                rest = "";
                break;
            };
            let name = &after[..close];
            rest = &after[close + 1..];
            if let Some(literal) = name.strip_prefix('!') {
                push_text(&mut out, &mut marked, &format!("${{{literal}}}"));
                continue;
            }
            let value = match vars.and_then(|v| v.get(name)) {
                Some(v) => self.text_part(v),
                None => self
                    .masked_parameter(name, span)
                    .or_else(|| match name.split_once('.') {
                        Some((r, a)) if self.resources.contains(r) => Some(Node::new(
                            Value::Ref(Box::new(Reference {
                                address: r.to_string(),
                                attribute: Some(a.to_string()),
                                path: Vec::new(),
                            })),
                            span,
                        )),
                        _ => self.reference(&Node::string(name, span), span),
                    }),
            };
            match value.as_ref().and_then(Node::scalar_text) {
                Some(text) => push_text(&mut out, &mut marked, &text),
                None => {
                    unknown_part.get_or_insert_with(|| name.to_string());
                    let hole = value.unwrap_or_else(|| {
                        Node::unknown(format!("${{{name}}} is AWS::NoValue"), span)
                    });
                    // Keeps what is known of the part: its shape, and "this account".
                    if !out.push_value(&hole) {
                        out.push_value(&Node::unknown("", span));
                    }
                    match sub_json::hole_mark(holes.len()) {
                        Some(mark) if markable => marked.push(mark),
                        _ => markable = false,
                    }
                    holes.push(hole);
                }
            }
        }
        push_text(&mut out, &mut marked, rest);
        match unknown_part {
            Some(name) => {
                let reason = format!("Fn::Sub uses ${{{name}}}, not known statically");
                let document = markable
                    .then(|| sub_json::document(&marked, &holes, &reason, span))
                    .flatten();
                document.unwrap_or_else(|| out.finish_because(Some(reason), span))
            }
            None => out.finish_because(None, span),
        }
    }

    fn join(&self, arg: &Node, span: Span) -> Node {
        let parts = arg.as_list().unwrap_or_default();
        // A list written out is read element by element, as parts of the text.
        let list = match parts.get(1).and_then(Node::as_list) {
            Some(written) => Some(Node::new(
                Value::List(written.iter().filter_map(|i| self.text_part(i)).collect()),
                span,
            )),
            None => parts.get(1).and_then(|l| self.eval(l)),
        };
        let (Some(delimiter), Some(list)) = (parts.first().and_then(|d| self.eval(d)), list) else {
            return Node::unknown("malformed Fn::Join", span);
        };
        let Some(delimiter) = delimiter.scalar_text() else {
            return Node::unknown("Fn::Join delimiter not known statically", span);
        };
        let Some(items) = list.as_list() else {
            return Node::unknown("Fn::Join of a list not known statically", span);
        };
        // Keeps what is known of each part (an ARN's literal fields, "this account") and what
        // the text is built from (a secret joined into a script).
        let mut text = TextBuilder::default();
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                text.push_str(&delimiter);
            }
            if !text.push_value(item) {
                let mut from = BuiltFrom::default();
                items.iter().for_each(|i| from.gather(i));
                let why = "Fn::Join of values not known statically";
                return Node::unknown_from(why, from, span);
            }
        }
        let reason = text
            .is_partial()
            .then(|| "Fn::Join of values not known statically".to_string());
        text.finish_because(reason, span)
    }

    fn select(&self, arg: &Node, span: Span) -> Option<Node> {
        let parts = arg.as_list().unwrap_or_default();
        let index = parts
            .first()
            .and_then(|i| self.eval(i))
            .and_then(|i| i.as_i64());
        let list = parts.get(1).and_then(|l| self.eval(l));
        match (index, list.as_ref().and_then(Node::as_list)) {
            (Some(i), Some(items)) => usize::try_from(i)
                .ok()
                .and_then(|i| items.get(i))
                .map(|n| Node::new(n.value.clone(), span))
                .or_else(|| Some(Node::unknown("Fn::Select index out of range", span))),
            _ => Some(Node::unknown(
                "Fn::Select of values not known statically",
                span,
            )),
        }
    }

    fn split(&self, arg: &Node, span: Span) -> Node {
        let parts = arg.as_list().unwrap_or_default();
        let delimiter = parts.first().and_then(|d| self.eval(d));
        let source = parts.get(1).and_then(|s| self.eval(s));
        match (
            delimiter.as_ref().and_then(Node::as_str),
            source.as_ref().and_then(Node::as_str),
        ) {
            (Some(d), Some(s)) if !d.is_empty() => Node::new(
                Value::List(s.split(d).map(|p| Node::string(p, span)).collect()),
                span,
            ),
            _ => Node::unknown("Fn::Split of values not known statically", span),
        }
    }

    fn if_(&self, arg: &Node, span: Span) -> Option<Node> {
        let parts = arg.as_list().unwrap_or_default();
        let (Some(name), Some(then), Some(otherwise)) = (
            parts.first().and_then(Node::as_str),
            parts.get(1),
            parts.get(2),
        ) else {
            return Some(Node::unknown("malformed Fn::If", span));
        };
        match self.condition(name) {
            Truth::Yes => self.eval(then),
            Truth::No => self.eval(otherwise),
            Truth::Unknown => Some(Node::unknown(
                format!("condition {name} is not decidable from the template"),
                span,
            )),
        }
    }

    fn find_in_map(&self, arg: &Node, span: Span) -> Node {
        let parts = arg.as_list().unwrap_or_default();
        let keys: Vec<Option<String>> = parts
            .iter()
            .take(3)
            .map(|p| self.eval(p).and_then(|p| p.scalar_text()))
            .collect();
        let default = parts
            .get(3)
            .and_then(|d| d.get("DefaultValue"))
            .and_then(|d| self.eval(d));
        let found = match keys.as_slice() {
            [Some(map), Some(top), Some(second)] => self
                .mappings
                .and_then(|m| m.get(map))
                .and_then(|m| m.get(top))
                .and_then(|m| m.get(second))
                .and_then(|v| self.eval(v)),
            _ => return Node::unknown("Fn::FindInMap keys not known statically", span),
        };
        match found.or(default) {
            Some(v) => Node::new(v.value, span),
            None => Node::unknown("Fn::FindInMap entry not found", span),
        }
    }

    /// Evaluates a named condition from `Conditions`.
    pub fn condition(&self, name: &str) -> Truth {
        if let Some(&t) = self.condition_cache.borrow().get(name) {
            return t;
        }
        if !self.in_progress.borrow_mut().insert(name.to_string()) {
            return Truth::Unknown;
        }
        let result = self
            .conditions
            .as_ref()
            .and_then(|c| c.get(name))
            .map_or(Truth::Unknown, |n| self.condition_node(n));
        self.in_progress.borrow_mut().remove(name);
        self.condition_cache
            .borrow_mut()
            .insert(name.to_string(), result);
        result
    }

    /// Evaluates a condition expression, or a resource's `Condition: Name`.
    pub fn condition_node(&self, node: &Node) -> Truth {
        if let Some(name) = node.as_str() {
            return self.condition(name);
        }
        let Some(map) = node.as_map() else {
            return node.truth();
        };
        let [only] = map.entries.as_slice() else {
            return Truth::Unknown;
        };
        let args = only.value.as_list().unwrap_or_default();
        match only.key.as_str() {
            "Condition" => only
                .value
                .as_str()
                .map_or(Truth::Unknown, |n| self.condition(n)),
            "Fn::Not" => args
                .first()
                .map_or(Truth::Unknown, |c| self.condition_node(c).negate()),
            "Fn::And" => args
                .iter()
                .fold(Truth::Yes, |acc, c| acc.and(self.condition_node(c))),
            "Fn::Or" => args
                .iter()
                .fold(Truth::No, |acc, c| acc.or(self.condition_node(c))),
            "Fn::Equals" => match args {
                [a, b] => {
                    let (a, b) = (self.eval(a), self.eval(b));
                    match (
                        a.as_ref().and_then(Node::scalar_text),
                        b.as_ref().and_then(Node::scalar_text),
                    ) {
                        (Some(a), Some(b)) => Truth::from_bool(a == b),
                        _ => Truth::Unknown,
                    }
                }
                _ => Truth::Unknown,
            },
            _ => self.eval(node).map_or(Truth::Unknown, |v| v.truth()),
        }
    }
}

/// `{Rain::Embed: file}` and other directives of the rain CLI (`rain pkg` expands them before
/// deployment): the directive's name, when the node is one.
pub(super) fn rain_directive(node: &Node) -> Option<&str> {
    match node.as_map()?.entries.as_slice() {
        [only] if only.key.starts_with("Rain::") => Some(only.key.as_str()),
        _ => None,
    }
}

/// `Condition` is left out: as a one-key map it only means something inside condition functions,
/// while an IAM statement's `Condition` key must stay data.
fn is_intrinsic(key: &str) -> bool {
    key == "Ref" || key.starts_with("Fn::")
}

/// A `NoEcho` parameter's value: not known, and kept as a reference to the parameter's entry,
/// so what it is (a secret) is not lost where it is written. `None` for another parameter.
fn masked_parameter(name: &str, param: &Node, why: String, span: Span) -> Option<Node> {
    if !param.get("NoEcho").is_some_and(|n| n.truth().is_yes()) {
        return None;
    }
    let mut from = BuiltFrom::default();
    from.add(&Reference {
        address: name.to_string(),
        attribute: None,
        path: Vec::new(),
    });
    Some(Node::unknown_from(why, from, span))
}
