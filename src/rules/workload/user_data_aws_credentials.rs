use crate::aws::workloads::USER_DATA;
use crate::graph::user_data::user_data;
use crate::rules::{Context, Input, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-WKL-007",
    name: "user-data-aws-credentials",
    pillar: Pillar::Workload,
    severity: Severity::Critical,
    enabled_by_default: true,
    inputs: &[Input::Terraform, Input::Plan, Input::CloudFormation],
    summary: "EC2 user data holds an AWS access key",
    page: rule_page!("workload/user_data_aws_credentials.md"),
    check,
};

/// An AWS access key id: `AKIA` (long-lived) or `ASIA` (temporary) and 16 upper-case letters
/// or digits, not part of a longer word.
fn access_key_id(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(offset) = text.get(from..)?.find('A') {
        let start = from + offset;
        from = start + 1;
        let candidate = bytes.get(start..start + 20)?;
        let prefix_ok = candidate.starts_with(b"AKIA") || candidate.starts_with(b"ASIA");
        let body_ok = candidate
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        let before = start.checked_sub(1).and_then(|i| bytes.get(i));
        let after = bytes.get(start + 20);
        let bounded = |b: Option<&u8>| b.is_none_or(|b| !b.is_ascii_alphanumeric());
        if prefix_ok && body_ok && bounded(before) && bounded(after) {
            return std::str::from_utf8(candidate).ok();
        }
    }
    None
}

/// A secret access key: a named setting, or a 40-character token of the key alphabet with at
/// least one lower-case letter, one upper-case letter and one digit or symbol (which rules out
/// hex digests and words).
fn has_secret_key(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    if lower.contains("aws_secret_access_key") || lower.contains("secretaccesskey") {
        return true;
    }
    text.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '/' | '+')))
        .any(|token| {
            token.len() == 40
                && token.bytes().any(|b| b.is_ascii_lowercase())
                && token.bytes().any(|b| b.is_ascii_uppercase())
                && token
                    .bytes()
                    .any(|b| b.is_ascii_digit() || b == b'/' || b == b'+')
        })
}

/// The names a secret access key is written under: the CLI's environment variable and
/// credentials-file key, and the SDKs' and STS's field name. Lower-cased.
const SECRET_KEY_NAMES: &[&str] = &["aws_secret_access_key", "secretaccesskey"];

/// A secret access key written as the value of one of its names (`AWS_SECRET_ACCESS_KEY=...`,
/// `aws_secret_access_key = ...`, `aws configure set aws_secret_access_key ...`,
/// `"SecretAccessKey": "..."`): the secret half of a key is a credential even without the key id
/// beside it, which is not secret (it is shown in the console and in CloudTrail). The value must
/// have a secret key's shape: 40 characters of its alphabet, upper and lower case mixed.
fn assigned_secret_key(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let bytes = text.as_bytes();
    SECRET_KEY_NAMES.iter().any(|name| {
        lower.match_indices(name).any(|(at, _)| {
            let mut i = at + name.len();
            let start = i;
            while bytes
                .get(i)
                .is_some_and(|b| matches!(b, b'=' | b':' | b' ' | b'\t' | b'"' | b'\''))
            {
                i += 1;
            }
            let value_len = bytes
                .get(i..)
                .unwrap_or_default()
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'+'))
                .count();
            i > start
                && value_len == 40
                && bytes.get(i..i + value_len).is_some_and(|value| {
                    value.iter().any(u8::is_ascii_lowercase)
                        && value.iter().any(u8::is_ascii_uppercase)
                })
        })
    })
}

/// What the user data shows of a key: the id's first characters when the id is there.
fn exposed_key(text: &str) -> Option<String> {
    match access_key_id(text) {
        Some(key) if has_secret_key(text) => {
            let shown: String = key.chars().take(8).collect();
            Some(format!("an AWS access key ({shown}...) and its secret"))
        }
        _ if assigned_secret_key(text) => Some("an AWS secret access key".to_owned()),
        _ => None,
    }
}

fn check(ctx: &mut Context<'_>) {
    for entry in user_data(ctx.model, USER_DATA) {
        match entry {
            Ok(data) => {
                if let Some(what) = exposed_key(&data.text) {
                    ctx.report(
                        data.resource,
                        data.node.span,
                        format!("`{}` has {what} in its user data", data.resource.address),
                    );
                }
            }
            Err((resource, node)) => ctx.unknown(resource, &node),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_key_ids_and_secrets() {
        assert_eq!(
            access_key_id("export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n"),
            Some("AKIAIOSFODNN7EXAMPLE")
        );
        assert_eq!(access_key_id("XAKIAIOSFODNN7EXAMPLE"), None);
        assert_eq!(access_key_id("AKIAIOSFODNN7EXAMPL"), None);
        assert!(has_secret_key(
            "key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
        ));
        assert!(!has_secret_key(
            "sha=da39a3ee5e6b4b0d3255bfef95601890afd80709"
        ));
    }

    #[test]
    fn a_secret_key_written_by_name_is_exposed_without_its_id() {
        let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        for text in [
            format!("export AWS_SECRET_ACCESS_KEY={secret}\n"),
            format!("[default]\naws_secret_access_key = {secret}\n"),
            format!("{{\"SecretAccessKey\": \"{secret}\"}}"),
            format!("aws configure set aws_secret_access_key {secret}"),
        ] {
            assert_eq!(
                exposed_key(&text).as_deref(),
                Some("an AWS secret access key"),
                "{text}"
            );
        }
        // Read at boot, not written in; or a value that is not a secret key's shape.
        for text in [
            "export AWS_SECRET_ACCESS_KEY=$(aws ssm get-parameter --name k)".to_owned(),
            "export AWS_SECRET_ACCESS_KEY=${SECRET}".to_owned(),
            "AWS_SECRET_ACCESS_KEY=da39a3ee5e6b4b0d3255bfef95601890afd80709".to_owned(),
            format!("aws_secret_access_key={secret}x"),
        ] {
            assert_eq!(exposed_key(&text), None, "{text}");
        }
        assert_eq!(
            exposed_key(&format!("AKIAIOSFODNN7EXAMPLE {secret}")).as_deref(),
            Some("an AWS access key (AKIAIOSF...) and its secret")
        );
    }
}
