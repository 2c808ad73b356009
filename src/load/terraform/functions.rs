//! The Terraform functions that security-relevant values are built with. A function not listed
//! here, or arguments a listed one does not evaluate, yield `Unknown` — never a guess, and an
//! error (an unknown whose reason starts "error:") only where Terraform certainly fails.

use super::eval::{Evaluator, contains_unknown, is_error};
use crate::graph::parse::json::{self, Placement};
use crate::graph::value::BuiltFrom;
use crate::graph::{Map, Node, Value};
use crate::source::{FileId, Span};
use std::path::{Path, PathBuf};

/// Functions whose result holds the text of their arguments, changed in form only (case,
/// spacing, encoding, quoting) or joined with other text. Digests (`sha256`, `md5`, `bcrypt`,
/// `base64sha256`, `filesha256`...) and compression (`base64gzip`) are not among them.
const WRITES_ITS_ARGUMENTS: &[&str] = &[
    "base64encode",
    "textencodebase64",
    "lower",
    "upper",
    "title",
    "trimspace",
    "trim",
    "trimprefix",
    "trimsuffix",
    "chomp",
    "indent",
    "tostring",
    "replace",
    "join",
    "format",
    "formatlist",
    "substr",
    "strrev",
    "urlencode",
    "split",
    "sensitive",
    "nonsensitive",
];

/// Files read by `file()` larger than this are not read.
const MAX_FUNCTION_FILE_BYTES: u64 = 1024 * 1024;

pub fn call(ev: &Evaluator<'_>, name: &str, args: Vec<Node>, span: Span, file: FileId) -> Node {
    let unknown = |why: String| Node::unknown(why, span);
    // try() and can() look at errors, which we model as unknowns whose reason starts "error:".
    match name {
        "try" => {
            for a in &args {
                // A reference that might fail came as unknown (see `fallible_args`): this one
                // reads an instance known to exist, and its value is the attribute's once known,
                // which is what a reference stands for everywhere else.
                if let Value::Ref(_) = a.value {
                    return Node::new(a.value.clone(), span);
                }
                match a.unknown_reason() {
                    Some(r) if r.starts_with("error:") => continue,
                    Some(_) => return unknown("try() argument not known statically".into()),
                    None => return Node::new(a.value.clone(), span),
                }
            }
            return unknown("error: try() had no successful argument".into());
        }
        "can" => {
            return match args.first().and_then(Node::unknown_reason) {
                Some(r) if r.starts_with("error:") => Node::new(Value::Bool(false), span),
                Some(_) => unknown("can() argument not known statically".into()),
                None => Node::new(Value::Bool(true), span),
            };
        }
        _ => {}
    }
    // An argument that fails fails the call: `try(length([aws_x.off[0].arn]), 0)` is 0.
    if let Some(error) = args.iter().find(|a| is_error(a)) {
        return Node::new(error.value.clone(), span);
    }
    match name {
        // Terraform passes the structure through unchanged for our purposes: the views that read
        // encoded policies want the structure (and its spans), not the text.
        "jsonencode" | "yamlencode" => {
            return match args.into_iter().next() {
                Some(a) => Node::new(a.value, span),
                None => unknown("jsonencode() without argument".into()),
            };
        }
        "coalesce" => {
            for a in &args {
                if a.is_unknown() {
                    return unknown("coalesce() argument not known statically".into());
                }
                if !a.is_null() && a.as_str() != Some("") {
                    return Node::new(a.value.clone(), span);
                }
            }
            return unknown("error: coalesce() with no non-empty argument".into());
        }
        "lookup" => {
            let (Some(map), Some(key)) = (args.first(), args.get(1)) else {
                return unknown("lookup() needs a map and a key".into());
            };
            if map.is_unknown() || key.is_unknown() {
                return unknown("lookup() of a value not known statically".into());
            }
            let found = key.scalar_text().and_then(|k| map.get(&k).cloned());
            return match (found, args.get(2)) {
                (Some(v), _) => Node::new(v.value, span),
                (None, Some(default)) => Node::new(default.value.clone(), span),
                (None, None) => unknown("error: lookup() key not found".into()),
            };
        }
        "file" | "templatefile" => return read_file(ev, name, &args, span, file),
        // `one(aws_kms_key.k[*].arn)`: the element itself, so a reference stays one.
        "one" => {
            return match args.first().map(|a| &a.value) {
                Some(Value::List(items)) => match items.as_slice() {
                    [] => Node::new(Value::Null, span),
                    [only] => Node::new(only.value.clone(), span),
                    _ => unknown("error: one() of more than one element".into()),
                },
                Some(Value::Null) => Node::new(Value::Null, span),
                _ => unknown("one() of a value not known statically".into()),
            };
        }
        // `join("", aws_subnet.a[*].id)` of references: one reference is itself, several make
        // a partly known string.
        "join" if args.get(1).is_some_and(|l| l.as_list().is_some()) => {
            let (Some(sep), Some(items)) = (
                args.first().and_then(Node::scalar_text),
                args.get(1).and_then(Node::as_list),
            ) else {
                return unknown("join() separator not known statically".into());
            };
            if let [only] = items
                && only.is_unknown()
            {
                return Node::new(only.value.clone(), span);
            }
            let mut text = crate::graph::value::TextBuilder::default();
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    text.push_str(&sep);
                }
                if item.is_null() || !text.push_value(item) {
                    return unknown("error: join() of an element that is not a string".into());
                }
            }
            return text.finish("join() of ", span);
        }
        // Functions of a collection's shape: Terraform knows the result while elements are
        // still unknown (`length(data.x[*].json)` with a known count), as long as the
        // collections themselves are known.
        "length" => match args.first().map(|a| &a.value) {
            Some(Value::List(items)) => return Node::new(Value::Number(items.len() as f64), span),
            Some(Value::Map(map)) => return Node::new(Value::Number(map.len() as f64), span),
            _ => {}
        },
        "concat" if args.iter().all(|a| matches!(a.value, Value::List(_))) => {
            let items = args
                .iter()
                .flat_map(|a| a.items().iter().cloned())
                .collect();
            return Node::new(Value::List(items), span);
        }
        // One element decides (a true for anytrue, a false for alltrue), whatever the unknown
        // rest; with none such, an unknown element leaves the result unknown.
        "anytrue" | "alltrue" => {
            let items = match args.first().map(|a| &a.value) {
                Some(Value::List(items)) => items,
                Some(Value::Unknown(_) | Value::Ref(_)) => {
                    return unknown(format!("{name}() of a value not known statically"));
                }
                _ => return unknown(format!("error: {name}() of a value that is not a list")),
            };
            // Terraform converts the whole list to list(bool) first: one element that does not
            // convert fails the call, whatever the others.
            let mut truths = Vec::with_capacity(items.len());
            for item in items.iter().filter(|i| !i.is_null()) {
                match to_bool(item) {
                    Some(t) => truths.push(t),
                    None => {
                        return unknown(format!(
                            "error: {name}() of an element that is not a bool"
                        ));
                    }
                }
            }
            let deciding = crate::graph::Truth::from_bool(name == "anytrue");
            if truths.contains(&deciding) {
                return Node::new(Value::Bool(name == "anytrue"), span);
            }
            let undecided = truths.contains(&crate::graph::Truth::Unknown);
            return if undecided {
                unknown(format!("{name}() of a value not known statically"))
            } else {
                Node::new(Value::Bool(name == "alltrue"), span)
            };
        }
        "flatten" => {
            if let Some(items) = args.first().and_then(|a| flatten_shaped(a, 0)) {
                return Node::new(Value::List(items), span);
            }
        }
        _ => {}
    }
    // A list or object where a string parameter is wanted fails Terraform's type conversion,
    // whatever its elements: `try(jsondecode(var.rules), var.rules)` with a list takes the list.
    let string_params: &[usize] = match name {
        "lower" | "upper" | "trimspace" | "tostring" | "tonumber" | "jsondecode" | "format"
        | "cidrsubnet" | "cidrhost" | "join" | "base64encode" => &[0],
        "split" => &[0, 1],
        "replace" => &[0, 1, 2],
        _ => &[],
    };
    if string_params.iter().any(|&i| {
        args.get(i)
            .is_some_and(|a| matches!(a.value, Value::List(_) | Value::Map(_)))
    }) {
        return unknown(format!(
            "error: {name}() of a collection where a string is needed"
        ));
    }
    // gzip output depends on the compressor's choices; what matters is that the text inside is
    // not read, whatever the argument.
    if name == "base64gzip" {
        return unknown("base64gzip() compresses its text, which is not read".into());
    }
    // The remaining functions are strict: any unknown argument makes the result unknown.
    if args.iter().any(contains_unknown) {
        let why = format!("{name}() of a value not known statically");
        // What the arguments are built from is written into the result's text
        // (`trimspace(x.secret)`), unless the function only digests it (`sha256()`, `bcrypt()`).
        if WRITES_ITS_ARGUMENTS.contains(&name) {
            let mut from = BuiltFrom::default();
            args.iter().for_each(|a| from.gather(a));
            return Node::unknown_from(why, from, span);
        }
        return unknown(why);
    }
    let text = |i: usize| args.get(i).and_then(Node::scalar_text);
    let list = |i: usize| args.get(i).map(|a| a.items().to_vec());
    let string = |s: String| Node::string(s, span);
    let list_node = |items: Vec<Node>| Node::new(Value::List(items), span);
    match name {
        "base64encode" => text(0).map(|s| string(base64_encode(s.as_bytes()))),
        "lower" => text(0).map(|s| string(s.to_lowercase())),
        "upper" => text(0).map(|s| string(s.to_uppercase())),
        "trimspace" => text(0).map(|s| string(s.trim().to_string())),
        "tostring" => text(0).map(string),
        "tonumber" => text(0)
            .and_then(|s| s.trim().parse::<f64>().ok())
            .map(|n| Node::new(Value::Number(n), span)),
        "tobool" => match args.first().map(|a| (a, to_bool(a))) {
            Some((_, Some(crate::graph::Truth::Yes))) => Some(Node::new(Value::Bool(true), span)),
            Some((_, Some(crate::graph::Truth::No))) => Some(Node::new(Value::Bool(false), span)),
            Some((a, _)) if a.is_null() => Some(Node::new(Value::Null, span)),
            Some((_, None)) => {
                return unknown("error: tobool() of a value that is not a bool".into());
            }
            _ => None,
        },
        "tolist" | "toset" => args.first().map(|a| {
            let mut items = a.items().to_vec();
            if name == "toset" {
                dedup(&mut items);
                items.sort_by_key(|i| i.scalar_text());
            }
            list_node(items)
        }),
        "tomap" => args
            .first()
            .filter(|a| a.as_map().is_some())
            .map(|a| Node::new(a.value.clone(), span)),
        "replace" => match (text(0), text(1), text(2)) {
            (Some(s), Some(from), Some(to))
                if !(from.starts_with('/') && from.ends_with('/') && from.len() > 1) =>
            {
                Some(string(s.replace(&from, &to)))
            }
            _ => None,
        },
        "join" => match (text(0), list(1)) {
            (Some(sep), Some(items)) => items
                .iter()
                .map(Node::scalar_text)
                .collect::<Option<Vec<_>>>()
                .map(|parts| string(parts.join(&sep))),
            _ => None,
        },
        "split" => match (text(0), text(1)) {
            (Some(sep), Some(s)) if !sep.is_empty() => Some(list_node(
                s.split(sep.as_str())
                    .map(|p| Node::string(p, span))
                    .collect(),
            )),
            _ => None,
        },
        "format" => text(0).and_then(|f| format(&f, args.get(1..).unwrap_or_default()).map(string)),
        "concat" => Some(list_node(
            args.iter()
                .flat_map(|a| a.items().iter().cloned())
                .collect(),
        )),
        "flatten" => args.first().map(|a| list_node(flatten(a, 0))),
        "distinct" => list(0).map(|mut items| {
            dedup(&mut items);
            list_node(items)
        }),
        "compact" => list(0).map(|items| {
            list_node(
                items
                    .into_iter()
                    .filter(|i| !i.is_null() && i.as_str() != Some(""))
                    .collect(),
            )
        }),
        "length" => args
            .first()
            .and_then(|a| match &a.value {
                Value::List(l) => Some(l.len()),
                Value::Map(m) => Some(m.len()),
                Value::String(s) => Some(s.chars().count()),
                _ => None,
            })
            .map(|n| Node::new(Value::Number(n as f64), span)),
        "element" => match (list(0), args.get(1).and_then(Node::as_i64)) {
            (Some(items), Some(_))
                if items.is_empty() && args.first().is_some_and(|a| a.as_list().is_some()) =>
            {
                return unknown("error: element() of an empty list".into());
            }
            (Some(items), Some(i)) if !items.is_empty() => {
                let at = usize::try_from(i).ok().map(|i| i % items.len());
                at.and_then(|i| items.get(i))
                    .map(|n| Node::new(n.value.clone(), span))
            }
            _ => None,
        },
        "contains" => match (list(0), args.get(1)) {
            (Some(items), Some(v)) => Some(Node::new(
                Value::Bool(items.iter().any(|i| i.value == v.value)),
                span,
            )),
            _ => None,
        },
        "keys" | "values" => args.first().and_then(Node::as_map).map(|m| {
            let mut entries: Vec<_> = m.entries.iter().collect();
            entries.sort_by(|a, b| a.key.cmp(&b.key));
            list_node(
                entries
                    .into_iter()
                    .map(|e| {
                        if name == "keys" {
                            Node::string(e.key.clone(), e.key_span)
                        } else {
                            e.value.clone()
                        }
                    })
                    .collect(),
            )
        }),
        "merge" => {
            let mut out = Map::default();
            for a in &args {
                match &a.value {
                    Value::Map(m) => {
                        for e in &m.entries {
                            out.insert(e.key.clone(), e.key_span, e.value.clone());
                        }
                    }
                    Value::Null => {}
                    _ => return unknown("merge() of a non-map".into()),
                }
            }
            Some(Node::new(Value::Map(out), span))
        }
        "zipmap" => match (list(0), list(1)) {
            (Some(keys), Some(values)) if keys.len() != values.len() => {
                return unknown("error: zipmap() of lists of different lengths".into());
            }
            (Some(keys), Some(values)) => {
                let mut out = Map::default();
                for (k, v) in keys.iter().zip(values) {
                    out.insert(k.scalar_text().unwrap_or_default(), k.span, v);
                }
                Some(Node::new(Value::Map(out), span))
            }
            _ => None,
        },
        "jsondecode" => text(0).and_then(|s| json::parse_placed(&s, Placement::Whole(span)).ok()),
        "min" | "max" => {
            let nums: Option<Vec<f64>> =
                args.iter().map(|a| a.scalar_text()?.parse().ok()).collect();
            nums.and_then(|n| {
                let v = if name == "min" {
                    n.into_iter().reduce(f64::min)
                } else {
                    n.into_iter().reduce(f64::max)
                };
                v.map(|v| Node::new(Value::Number(v), span))
            })
        }
        "cidrsubnet" => match (
            text(0),
            args.get(1).and_then(Node::as_i64),
            args.get(2).and_then(Node::as_i64),
        ) {
            (Some(prefix), Some(bits), Some(num)) => cidr_subnet(&prefix, bits, num).map(string),
            _ => None,
        },
        "cidrhost" => match (text(0), args.get(1).and_then(Node::as_i64)) {
            (Some(prefix), Some(num)) => cidr_host(&prefix, num).map(string),
            _ => None,
        },
        _ => return unknown(format!("function {name}() is not evaluated")),
    }
    // Not an error: most of these are inputs Terraform accepts that we do not evaluate (a
    // regex `replace`, `format("%03d")`, an IPv6 `cidrsubnet`), and an error would make
    // `can()` false and `try()` fall back where Terraform succeeds.
    .unwrap_or_else(|| unknown(format!("{name}() of these arguments is not evaluated")))
}

/// Standard base64 with padding (RFC 4648 section 4), as Terraform's `base64encode` writes it.
fn base64_encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let symbol = |v: u32| char::from(ALPHABET.get((v & 63) as usize).copied().unwrap_or(b'='));
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = (b(0) << 16) | (b(1) << 8) | b(2);
        out.push(symbol(n >> 18));
        out.push(symbol(n >> 12));
        out.push(if chunk.len() > 1 { symbol(n >> 6) } else { '=' });
        out.push(if chunk.len() > 2 { symbol(n) } else { '=' });
    }
    out
}

/// Keeps the first of equal items (`toset`, `distinct`). Scalars are found again through a hash
/// set: a set of a million strings compared pairwise never finished. Lists, maps and unknowns,
/// rare in a set, are compared with those kept before them.
fn dedup(items: &mut Vec<Node>) {
    let mut scalars: crate::graph::FastHashSet<ScalarKey> = Default::default();
    let mut others: Vec<Value> = Vec::new();
    items.retain(|i| match &i.value {
        Value::Null => scalars.insert(ScalarKey::Null),
        Value::Bool(b) => scalars.insert(ScalarKey::Bool(*b)),
        // NaN equals nothing, itself included, so every NaN is kept.
        Value::Number(n) if n.is_nan() => true,
        // -0 equals 0.
        Value::Number(n) => scalars.insert(ScalarKey::Number((n + 0.0).to_bits())),
        Value::String(s) => scalars.insert(ScalarKey::String(s.clone())),
        other => {
            if others.contains(other) {
                false
            } else {
                others.push(other.clone());
                true
            }
        }
    });
}

/// A scalar value as a hash key, equal exactly when the values are.
#[derive(PartialEq, Eq, Hash)]
enum ScalarKey {
    Null,
    Bool(bool),
    Number(u64),
    String(String),
}

fn flatten(node: &Node, depth: usize) -> Vec<Node> {
    match &node.value {
        Value::List(items) if depth < 32 => {
            items.iter().flat_map(|i| flatten(i, depth + 1)).collect()
        }
        _ if depth == 0 => Vec::new(),
        _ => vec![node.clone()],
    }
}

/// `flatten` of a list whose unknown elements are known not to be lists (Terraform keeps such
/// an element as it is; only an unknown list makes the result unknown). `None` otherwise.
fn flatten_shaped(node: &Node, depth: usize) -> Option<Vec<Node>> {
    match &node.value {
        Value::List(items) if depth < 32 => {
            let mut out = Vec::new();
            for item in items {
                out.extend(flatten_shaped(item, depth + 1)?);
            }
            Some(out)
        }
        Value::List(_) => None,
        _ if depth == 0 => None,
        _ if node.is_unknown() && !is_known_scalar(node) => None,
        _ => Some(vec![node.clone()]),
    }
}

/// An unknown value that is certainly not a collection: a string with known parts, or an
/// attribute that is a string in every resource that has it (`id` in Terraform itself; `arn`
/// and a policy document's `json` in the AWS provider).
fn is_known_scalar(node: &Node) -> bool {
    match &node.value {
        Value::Ref(r) => {
            r.reads_whole_attribute()
                && matches!(r.attribute.as_deref(), Some("id" | "arn" | "json"))
        }
        _ => node.text_shape().is_some(),
    }
}

/// `format` with the verbs real configurations use: `%s`, `%d`, `%v`, `%q`, `%%`.
fn format(spec: &str, args: &[Node]) -> Option<String> {
    let mut out = String::new();
    let mut next = args.iter();
    let mut chars = spec.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            '%' => out.push('%'),
            's' | 'd' | 'v' => out.push_str(&next.next()?.scalar_text()?),
            'q' => out.push_str(&format!("\"{}\"", next.next()?.scalar_text()?)),
            _ => return None,
        }
    }
    Some(out)
}

fn parse_ipv4_cidr(prefix: &str) -> Option<(u32, u32)> {
    let (addr, len) = prefix.split_once('/')?;
    let ip: std::net::Ipv4Addr = addr.parse().ok()?;
    let len: u32 = len.parse().ok()?;
    (len <= 32).then_some((u32::from(ip), len))
}

fn cidr_subnet(prefix: &str, newbits: i64, num: i64) -> Option<String> {
    let (ip, len) = parse_ipv4_cidr(prefix)?;
    let new_len = len.checked_add(u32::try_from(newbits).ok()?)?;
    if new_len > 32 || num < 0 || (num as u64) >= (1u64 << (new_len - len)) {
        return None;
    }
    let host_bits = 32 - new_len;
    let base = if len == 0 {
        0
    } else {
        ip & (u32::MAX << (32 - len))
    };
    let net = base | ((num as u32).checked_shl(host_bits).unwrap_or(0));
    Some(format!("{}/{new_len}", std::net::Ipv4Addr::from(net)))
}

fn cidr_host(prefix: &str, num: i64) -> Option<String> {
    let (ip, len) = parse_ipv4_cidr(prefix)?;
    let size = 1u64 << (32 - len);
    let offset = if num < 0 {
        size.checked_sub(num.unsigned_abs())?
    } else {
        num as u64
    };
    if offset >= size {
        return None;
    }
    let base = if len == 0 {
        0
    } else {
        ip & (u32::MAX << (32 - len))
    };
    Some(std::net::Ipv4Addr::from(base + offset as u32).to_string())
}

/// `file()` and `templatefile()`: only relative paths that stay inside the scanned module's
/// directory tree or the working directory are read; anything else is unknown.
fn read_file(ev: &Evaluator<'_>, name: &str, args: &[Node], span: Span, file: FileId) -> Node {
    // Inside a template file (which has no file of its own here) nothing more is read: this
    // also stops a template that reads itself.
    if file == FileId::NONE {
        return Node::unknown(format!("{name}() inside a template file is not read"), span);
    }
    let Some(path) = args.first().and_then(Node::as_str) else {
        return Node::unknown(format!("{name}() path not known statically"), span);
    };
    // A file named `main.tf` (walked from `.`) has an empty parent: the working directory.
    let dir = ev
        .sources
        .path(file)
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let Some(resolved) = safe_path(&dir, path) else {
        return Node::unknown(
            format!("{name}(\"{path}\") is outside the scanned tree"),
            span,
        );
    };
    // Only a regular file, checked once opened: a FIFO would block the read until some writer
    // came. Bounded as it is read.
    let read = ev.function_file(&resolved, |resolved| {
        crate::load::read_text(resolved, MAX_FUNCTION_FILE_BYTES).ok()
    });
    let Some(text) = read.text.as_deref() else {
        return Node::unknown(format!("{name}(\"{path}\") could not be read"), span);
    };
    if name == "templatefile" {
        // Evaluated as Terraform does: a template whose variables are the given map. The file
        // is not one of the sources, so what it yields is located at the call.
        return match read.template() {
            Some(Ok(template)) => ev.template_file(template, args.get(1)).respanned(span),
            Some(Err(why)) => Node::unknown(format!("templatefile(\"{path}\") {why}"), span),
            None => Node::unknown(format!("{name}(\"{path}\") could not be read"), span),
        };
    }
    if super::eval::looks_like_json_document(text)
        && let Ok(node) = json::parse_placed(text, Placement::Whole(span))
    {
        return node;
    }
    Node::string(text, span)
}

fn safe_path(dir: &Path, path: &str) -> Option<PathBuf> {
    let path = path.strip_prefix("./").unwrap_or(path);
    if Path::new(path).is_absolute() {
        return None;
    }
    let joined = dir.join(path);
    let resolved = joined.canonicalize().ok()?;
    let cwd = std::env::current_dir().ok()?.canonicalize().ok()?;
    let module = dir.canonicalize().ok()?;
    (resolved.starts_with(&cwd) || resolved.starts_with(&module)).then_some(resolved)
}

/// Terraform's conversion to bool (go-cty's string-to-bool conversion): a bool, or exactly the
/// string `"true"` or `"1"`, `"false"` or `"0"`; `None` for what does not convert (`"TRUE"`, a
/// number, a collection), which is an error.
pub(super) fn to_bool(node: &Node) -> Option<crate::graph::Truth> {
    match &node.value {
        Value::Bool(b) => Some(crate::graph::Truth::from_bool(*b)),
        Value::String(s) if s == "true" || s == "1" => Some(crate::graph::Truth::Yes),
        Value::String(s) if s == "false" || s == "0" => Some(crate::graph::Truth::No),
        Value::Unknown(_) | Value::Ref(_) => Some(crate::graph::Truth::Unknown),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::value::format_number;

    #[test]
    fn dedup_keeps_the_first_of_equal_values_in_linear_time() {
        let node = |v: Value| Node::new(v, Span::default());
        let list = |v: Vec<Value>| Value::List(v.into_iter().map(node).collect());
        let mut items: Vec<Node> = [
            Value::String("a".into()),
            Value::Number(0.0),
            Value::Number(-0.0),
            Value::Number(f64::NAN),
            Value::Number(f64::NAN),
            Value::String("0".into()),
            Value::Null,
            Value::Bool(true),
            Value::Null,
            list(vec![Value::Bool(true)]),
            list(vec![Value::Bool(true)]),
            Value::Bool(true),
            Value::String("a".into()),
        ]
        .into_iter()
        .map(node)
        .collect();
        dedup(&mut items);
        let kept: Vec<String> = items
            .iter()
            .map(|i| match &i.value {
                Value::List(l) => format!("a list of {}", l.len()),
                v => format!("{v:?}"),
            })
            .collect();
        assert_eq!(
            kept,
            [
                "String(\"a\")",
                "Number(0.0)",
                "Number(NaN)",
                "Number(NaN)",
                "String(\"0\")",
                "Null",
                "Bool(true)",
                "a list of 1",
            ]
        );
        // A million strings, half of them repeated: pairwise this never finished.
        let mut many: Vec<Node> = (0..1_000_000)
            .map(|i| node(Value::String(format!("k{}", i % 500_000))))
            .collect();
        dedup(&mut many);
        assert_eq!(many.len(), 500_000);
        assert_eq!(many.last().and_then(Node::as_str), Some("k499999"));
    }

    #[test]
    fn cidr_functions_match_terraform() {
        assert_eq!(
            cidr_subnet("10.0.0.0/16", 8, 2).as_deref(),
            Some("10.0.2.0/24")
        );
        assert_eq!(
            cidr_subnet("10.0.0.0/16", 4, 15).as_deref(),
            Some("10.0.240.0/20")
        );
        assert_eq!(cidr_subnet("10.0.0.0/16", 8, 256), None);
        assert_eq!(
            cidr_host("10.12.112.0/20", 16).as_deref(),
            Some("10.12.112.16")
        );
        assert_eq!(
            cidr_host("10.12.112.0/20", -2).as_deref(),
            Some("10.12.127.254")
        );
        assert_eq!(format_number(2.0), "2");
    }

    #[test]
    fn base64encode_pads_as_rfc_4648() {
        assert_eq!(base64_encode(b""), "");
        assert_eq!(base64_encode(b"f"), "Zg==");
        assert_eq!(base64_encode(b"fo"), "Zm8=");
        assert_eq!(base64_encode(b"foo"), "Zm9v");
        assert_eq!(base64_encode(b"#!/bin/bash\n"), "IyEvYmluL2Jhc2gK");
    }

    #[test]
    fn format_verbs() {
        let s = |v: &str| Node::string(v, Span::default());
        assert_eq!(
            format("%s-%d%%", &[s("a"), s("3")]).as_deref(),
            Some("a-3%")
        );
        assert_eq!(format("%s", &[]), None);
    }
}
