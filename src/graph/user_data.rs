//! The user data of instances, launch templates and launch configurations as text, whatever
//! declared it, from the catalog's table of where each kind keeps it and whether it is
//! base64-encoded there.

use super::value::BuiltFrom;
use super::{Model, Node, Reference, Resource, Value};
use std::borrow::Cow;

/// Where one resource kind keeps its user data (the catalog, `aws::workloads`, fills a
/// table of these for both formats).
pub struct UserDataLocation {
    pub kind: &'static str,
    pub path: &'static [&'static str],
    /// The value is base64 text (`user_data_base64`, launch templates, CloudFormation
    /// `UserData` unless written through `Fn::Base64`, which the loader already unwraps).
    pub base64: bool,
    /// The provider may record only a SHA-1 digest of the text (`aws_instance.user_data` in
    /// plans and state of AWS providers before 6.0): 40 hex digits there are undecided.
    pub may_be_hashed: bool,
}

/// User data larger than EC2's 16 KB limit (base64) is not a valid launch; reading more would
/// only cost time on hostile input.
const MAX_USER_DATA: usize = 64 * 1024;

/// One resource's user data: the value as written and its text (decoded when it is base64).
pub struct UserData<'a> {
    pub resource: &'a Resource,
    pub node: &'a Node,
    pub text: Cow<'a, str>,
}

/// User data of every managed resource that carries it: the literal text, or the literal parts
/// of a partly known value. Values that cannot be read (nothing known, a digest, compressed or
/// binary data) are returned as `Err` with an unknown that says why, so that a rule can record
/// them as undecided.
pub fn user_data<'m>(
    model: &'m Model,
    locations: &'static [UserDataLocation],
) -> Vec<Result<UserData<'m>, (&'m Resource, Node)>> {
    let mut out = Vec::new();
    for location in locations {
        for (_, r) in model.of_kind(std::slice::from_ref(&location.kind)) {
            if !r.is_managed() {
                continue;
            }
            let Some(node) = at_path(r, location.path) else {
                continue;
            };
            if node.is_null() {
                continue;
            }
            // A partly known script (`"...${var.region}..."`) keeps its literal parts, with `*`
            // for each unknown part: what is written in the file can still be read.
            let Some(text) = node.text_shape() else {
                out.push(Err((r, node.clone())));
                continue;
            };
            let undecided = |why: &str| Err((r, Node::unknown(why, node.span)));
            if location.may_be_hashed && is_sha1_digest(text) {
                out.push(undecided("the plan holds only a hash of the user data"));
                continue;
            }
            let text = prefix_within(text, MAX_USER_DATA);
            // Base64 where plain text is allowed too: CloudFormation's `Fn::Base64` has been
            // unwrapped to the plain script already, so decode only what looks encoded.
            let decoded = match location.base64.then(|| decode_base64(text)).flatten() {
                Some(bytes) => match String::from_utf8(bytes) {
                    Ok(decoded) => Some(decoded),
                    // gzip (cloud-init reads it) or another binary payload: its text is not
                    // read, and scanning the base64 as if it were the script would miss it.
                    Err(_) => {
                        out.push(undecided("compressed or binary user data is not read"));
                        continue;
                    }
                },
                None => None,
            };
            out.push(Ok(UserData {
                resource: r,
                node,
                text: decoded.map_or(Cow::Borrowed(text), Cow::Owned),
            }));
        }
    }
    out
}

/// The references user data is built from (see [`interpolated_references`]).
#[derive(Debug, Default)]
pub struct InterpolatedReferences<'n> {
    pub references: Vec<&'n Reference>,
    /// More were written than are named: what the others read is not known.
    pub more: bool,
    /// The user data may hold them but need not (see [`BuiltFrom::uncertain`]).
    pub uncertain: bool,
}

/// The references user data is built from: the whole value (`user_data =
/// tls_private_key.k.private_key_pem`) or each part not known statically, wherever it is in the
/// text (`"export DB=${var.db}\necho ${tls_private_key.k.private_key_openssh} > id"`,
/// `!Sub '...${Key.SecretAccessKey}'`), a CloudFormation `NoEcho` parameter included.
pub fn interpolated_references(node: &Node) -> InterpolatedReferences<'_> {
    match &node.value {
        Value::Ref(r) => InterpolatedReferences {
            references: vec![r],
            ..InterpolatedReferences::default()
        },
        Value::Unknown(u) => match (&u.built_from, &u.hole) {
            (Some(from), _) => from_built(from),
            (None, Some(hole)) => InterpolatedReferences {
                references: vec![&hole.1],
                ..InterpolatedReferences::default()
            },
            (None, None) => InterpolatedReferences::default(),
        },
        _ => InterpolatedReferences::default(),
    }
}

fn from_built(from: &BuiltFrom) -> InterpolatedReferences<'_> {
    InterpolatedReferences {
        references: from.references.iter().collect(),
        more: from.truncated,
        uncertain: from.uncertain,
    }
}

/// The value at `path`, stepping into the single element of a nested block; an unknown block
/// on the way is returned as the value.
fn at_path<'a>(r: &'a Resource, path: &[&str]) -> Option<&'a Node> {
    let (first, rest) = path.split_first()?;
    let mut node = r.get(first)?;
    for key in rest {
        let inner = match node.as_list() {
            Some([only]) => only,
            Some(_) => return None,
            None => node,
        };
        if inner.is_unknown() {
            return Some(inner);
        }
        node = inner.get(key)?;
    }
    Some(node)
}

/// Standard base64 (with or without padding and line breaks); `None` when the text is not.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    let mut seen = 0usize;
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' | b'\n' | b'\r' => continue,
            _ => return None,
        };
        seen += 1;
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    (seen >= 4).then_some(out)
}

/// A SHA-1 digest as the AWS provider records it: 40 lower-case hex digits and nothing else.
fn is_sha1_digest(text: &str) -> bool {
    text.len() == 40
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The longest prefix of `text` of at most `max` bytes that ends on a character boundary.
fn prefix_within(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::{decode_base64, is_sha1_digest};

    #[test]
    fn decodes_base64_and_rejects_plain_text() {
        assert_eq!(decode_base64("aGVsbG8="), Some(b"hello".to_vec()));
        assert_eq!(decode_base64("aGVs\nbG8"), Some(b"hello".to_vec()));
        assert_eq!(decode_base64("#!/bin/bash"), None);
    }

    #[test]
    fn tells_a_digest_from_a_script() {
        assert!(is_sha1_digest("da39a3ee5e6b4b0d3255bfef95601890afd80709"));
        assert!(!is_sha1_digest(
            "#!/bin/bash\necho da39a3ee5e6b4b0d3255bfef956"
        ));
        assert!(!is_sha1_digest("DA39A3EE5E6B4B0D3255BFEF95601890AFD80709"));
    }
}
