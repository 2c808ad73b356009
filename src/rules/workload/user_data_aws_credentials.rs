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

fn check(ctx: &mut Context<'_>) {
    for entry in user_data(ctx.model, USER_DATA) {
        match entry {
            Ok(data) => {
                if let Some(key) = access_key_id(&data.text)
                    && has_secret_key(&data.text)
                {
                    let shown: String = key.chars().take(8).collect();
                    ctx.report(
                        data.resource,
                        data.node.span,
                        format!(
                            "`{}` has an AWS access key ({shown}...) and its secret in its user data",
                            data.resource.address
                        ),
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
}
