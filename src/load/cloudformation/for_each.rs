//! `Fn::ForEach` (the `AWS::LanguageExtensions` transform): a loop that stamps out one copy of a
//! fragment per item of a collection, with the item written where the fragment says
//! `${Identifier}`, `&{Identifier}` (the item without its non-alphanumeric characters, for
//! logical ids) or `Ref: Identifier`.

use super::intrinsics::Template;
use crate::graph::{Entry, Map, Node, Value};

/// `Fn::ForEach::LoopName` keys start with this.
pub const PREFIX: &str = "Fn::ForEach::";

/// Values (every node of every copy, loops included) one template's loops may generate.
/// CloudFormation's own quota is 500 resources; a loop that goes far beyond it is not a
/// template CloudFormation would deploy, and the budget bounds the work a hostile one causes.
pub const MAX_GENERATED_NODES: usize = 1_000_000;

/// Loops inside loops, as deep as this.
const MAX_NESTING: usize = 16;

pub fn is_loop(key: &str) -> bool {
    key.starts_with(PREFIX)
}

/// The entries one `Fn::ForEach::Name: [Identifier, Collection, {OutputKey: OutputValue}]`
/// entry generates, loops nested in the fragment expanded too; `budget` counts down the entries
/// still allowed. The error says why the loop cannot be expanded from the template alone.
pub fn expand(
    template: &Template,
    entry: &Entry,
    budget: &mut usize,
) -> Result<Vec<Entry>, String> {
    expand_at(template, entry, budget, 0)
}

fn expand_at(
    template: &Template,
    entry: &Entry,
    budget: &mut usize,
    depth: usize,
) -> Result<Vec<Entry>, String> {
    if depth > MAX_NESTING {
        return Err(format!("{}: loops nested too deeply", entry.key));
    }
    let malformed = || {
        format!(
            "{}: expected [identifier, collection, {{output key: output value}}]",
            entry.key
        )
    };
    let [identifier, collection, fragment] = entry.value.as_list().unwrap_or_default() else {
        return Err(malformed());
    };
    let (Some(identifier), Some(fragment)) = (identifier.as_str(), fragment.as_map()) else {
        return Err(malformed());
    };
    let items = collection_items(template, collection)
        .map_err(|why| format!("{}: the collection {why}", entry.key))?;
    // Each copy costs its size, loops included: charging only the entries a loop finally yields
    // let nested loops over empty fragments multiply the work without limit (items^depth).
    let sizes: Vec<usize> = fragment
        .entries
        .iter()
        .map(|e| node_count(&e.value))
        .collect();
    let mut out = Vec::new();
    for item in &items {
        for (e, size) in fragment.entries.iter().zip(&sizes) {
            *budget = budget.checked_sub(*size).ok_or_else(|| {
                format!(
                    "{}: generates more than the {MAX_GENERATED_NODES} values zt-lint expands per template",
                    entry.key
                )
            })?;
            let generated = Entry {
                key: substitute_text(&e.key, identifier, item).into(),
                key_span: e.key_span,
                value: substitute(&e.value, identifier, item),
            };
            if is_loop(&generated.key) {
                out.extend(expand_at(template, &generated, budget, depth + 1)?);
                continue;
            }
            out.push(generated);
        }
    }
    Ok(out)
}

/// Values in a node, itself included.
fn node_count(node: &Node) -> usize {
    let mut count = 0usize;
    node.walk(&mut |_| count = count.saturating_add(1));
    count
}

/// The items of a collection: a list, or a `Ref` to a `CommaDelimitedList` parameter (whose
/// default stands in for its value, as everywhere in templates).
fn collection_items(template: &Template, collection: &Node) -> Result<Vec<String>, String> {
    let value = template
        .eval(collection)
        .ok_or_else(|| "is absent (AWS::NoValue)".to_string())?;
    let Some(items) = value.as_list() else {
        return Err(match value.unknown_reason() {
            Some(reason) => format!("is not known statically ({reason})"),
            None => "is not a list".to_string(),
        });
    };
    items
        .iter()
        .map(|item| {
            item.scalar_text()
                .ok_or_else(|| match item.unknown_reason() {
                    Some(reason) => format!("has an item not known statically ({reason})"),
                    None => "has an item that is not a string".to_string(),
                })
        })
        .collect()
}

/// A copy of `node` with `item` written for `identifier` in keys and strings, and in place of
/// `Ref: identifier`.
fn substitute(node: &Node, identifier: &str, item: &str) -> Node {
    let value = match &node.value {
        Value::String(s) => Value::String(substitute_text(s, identifier, item)),
        Value::List(items) => Value::List(
            items
                .iter()
                .map(|i| substitute(i, identifier, item))
                .collect(),
        ),
        Value::Map(map) => {
            if let [only] = map.entries.as_slice()
                && only.key == "Ref"
                && only.value.as_str() == Some(identifier)
            {
                return Node::string(item, node.span);
            }
            Value::Map(Map {
                entries: map
                    .entries
                    .iter()
                    .map(|e| Entry {
                        key: substitute_text(&e.key, identifier, item).into(),
                        key_span: e.key_span,
                        value: substitute(&e.value, identifier, item),
                    })
                    .collect(),
            })
        }
        other => other.clone(),
    };
    Node::new(value, node.span)
}

fn substitute_text(text: &str, identifier: &str, item: &str) -> String {
    if !text.contains('{') {
        return text.to_string();
    }
    let alphanumeric: String = item.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    text.replace(&format!("${{{identifier}}}"), item)
        .replace(&format!("&{{{identifier}}}"), &alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ampersand_keeps_only_alphanumerics() {
        assert_eq!(
            substitute_text("Subnet&{Cidr}", "Cidr", "10.0.1.0/24"),
            "Subnet1001024"
        );
        assert_eq!(
            substitute_text("arn:${Name}:${Other}", "Name", "a-b"),
            "arn:a-b:${Other}"
        );
    }
}
