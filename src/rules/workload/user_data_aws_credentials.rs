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

/// A secret access key: one written as the value of one of its names (see
/// [`assigned_secret_key`]), or a key-shaped token anywhere in the text (beside a key id, which
/// makes a lone token a key rather than some other 40-character string). A name alone is not a
/// key: its value may be read at boot (`AWS_SECRET_ACCESS_KEY=$(aws ssm get-parameter ...)`).
fn has_secret_key(text: &str) -> bool {
    assigned_secret_key(text)
        || text
            .split(|c: char| !is_key_character(c))
            .any(is_secret_key_shaped)
}

/// The secret access key alphabet (base64 without padding).
fn is_key_character(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '/' | '+')
}

/// A token with a secret access key's shape: 40 characters of its alphabet with at least one
/// lower-case letter, one upper-case letter and one digit or symbol (which rules out hex
/// digests and words). Not one starting with `/`, which is a path or a Parameter Store or
/// Secrets Manager name (`/prod/deploy/...`), and not a placeholder.
fn is_secret_key_shaped(token: &str) -> bool {
    token.len() == 40
        && token.bytes().any(|b| b.is_ascii_lowercase())
        && token.bytes().any(|b| b.is_ascii_uppercase())
        && token
            .bytes()
            .any(|b| b.is_ascii_digit() || b == b'/' || b == b'+')
        && !token.starts_with('/')
        && !is_documentation_example(token)
}

/// The AWS documentation writes its example keys with an `EXAMPLE` suffix
/// (`AKIAIOSFODNN7EXAMPLE`, `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`); they cannot sign a
/// request, so a script that carries them carries a placeholder, not a credential.
fn is_documentation_example(key: &str) -> bool {
    key.ends_with("EXAMPLE") || key.ends_with("EXAMPLEKEY")
}

/// The names a secret access key is written under: the CLI's environment variable and
/// credentials-file key, and the SDKs' and STS's field name. Lower-cased.
const SECRET_KEY_NAMES: &[&str] = &["aws_secret_access_key", "secretaccesskey"];

/// A secret access key written as the value of one of its names (`AWS_SECRET_ACCESS_KEY=...`,
/// `aws_secret_access_key = ...`, `aws configure set aws_secret_access_key ...`,
/// `"SecretAccessKey": "..."`): the secret half of a key is a credential even without the key id
/// beside it, which is not secret (it is shown in the console and in CloudTrail). The value must
/// have a secret key's shape (see [`is_secret_key_shaped`]).
fn assigned_secret_key(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    SECRET_KEY_NAMES.iter().any(|name| {
        lower.match_indices(name).any(|(at, _)| {
            let Some(after) = text.get(at + name.len()..) else {
                return false;
            };
            let value = after.trim_start_matches(['=', ':', ' ', '\t', '"', '\'']);
            let token_len = value
                .find(|c: char| !is_key_character(c))
                .unwrap_or(value.len());
            value.len() < after.len() && value.get(..token_len).is_some_and(is_secret_key_shaped)
        })
    })
}

/// What the user data shows of a key: the id's first characters when the id is there. An
/// example id from the documentation is no id: only a secret written by name is then a key.
fn exposed_key(text: &str) -> Option<String> {
    match access_key_id(text) {
        Some(key) if !is_documentation_example(key) && has_secret_key(text) => {
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

    /// A made-up key pair with real keys' shape (not the documentation's example).
    const KEY_ID: &str = "AKIAZ7Q4T2MLR8VXW3NC";
    const SECRET: &str = "k9Tq2vLx7Rb/Zp4Wm1Ns+Hc8Yd3Fg6Jt0Ue5Ka2Q";

    #[test]
    fn finds_key_ids_and_secrets() {
        assert_eq!(
            access_key_id("export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n"),
            Some("AKIAIOSFODNN7EXAMPLE")
        );
        assert_eq!(access_key_id("XAKIAIOSFODNN7EXAMPLE"), None);
        assert_eq!(access_key_id("AKIAIOSFODNN7EXAMPL"), None);
        assert!(has_secret_key(&format!("key={SECRET}")));
        assert!(!has_secret_key(
            "sha=da39a3ee5e6b4b0d3255bfef95601890afd80709"
        ));
    }

    #[test]
    fn a_secret_key_written_by_name_is_exposed_without_its_id() {
        for text in [
            format!("export AWS_SECRET_ACCESS_KEY={SECRET}\n"),
            format!("[default]\naws_secret_access_key = {SECRET}\n"),
            format!("{{\"SecretAccessKey\": \"{SECRET}\"}}"),
            format!("aws configure set aws_secret_access_key {SECRET}"),
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
            format!("aws_secret_access_key={SECRET}x"),
            format!("aws_secret_access_key{SECRET}"),
        ] {
            assert_eq!(exposed_key(&text), None, "{text}");
        }
        assert_eq!(
            exposed_key(&format!("{KEY_ID} {SECRET}")).as_deref(),
            Some("an AWS access key (AKIAZ7Q4...) and its secret")
        );
    }

    #[test]
    fn a_key_id_beside_a_secret_read_at_boot_is_no_credential() {
        let script = format!(
            "export AWS_ACCESS_KEY_ID={KEY_ID}\n\
             export AWS_SECRET_ACCESS_KEY=$(aws ssm get-parameter --name /ci/secret \
             --with-decryption --query Parameter.Value --output text)\n"
        );
        assert_eq!(exposed_key(&script), None);
        // A name with no value at all, beside the id: nothing written.
        assert_eq!(exposed_key(&format!("{KEY_ID} SecretAccessKey")), None);
    }

    #[test]
    fn placeholders_parameter_names_and_words_are_not_keys() {
        for text in [
            // The AWS documentation's examples, alone or as a pair.
            "export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "AKIAIOSFODNN7EXAMPLE aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLE",
            // A Parameter Store name, even one of key length with mixed case and digits.
            "SecretAccessKey: /prod/deploy/DeployUserSecretAccessKey12",
            // Letters only: a sentence, not a key.
            "export AWS_SECRET_ACCESS_KEY=ReplaceThisWithYourOwnSecretAccessKeyNow",
        ] {
            assert_eq!(exposed_key(text), None, "{text}");
        }
        // An example id does not hide a real secret written by name.
        assert_eq!(
            exposed_key(&format!(
                "AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY={SECRET}"
            ))
            .as_deref(),
            Some("an AWS secret access key")
        );
    }
}
