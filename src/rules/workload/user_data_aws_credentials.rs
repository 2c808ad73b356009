use crate::graph::user_data::user_data;
use crate::rules::{Context, Input, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-WKL-007",
    name: "user-data-aws-credentials",
    pillar: Pillar::Workload,
    severity: Severity::Critical,
    enabled_by_default: true,
    inputs: &[Input::Terraform, Input::CloudFormation],
    summary: "EC2 user data holds an AWS access key",
    docs: r#"
## What it checks
User data of EC2 instances, launch templates and launch configurations (`user_data`,
`user_data_base64`, CloudFormation `UserData`, decoded when base64) that contains an AWS access
key id (`AKIA` or `ASIA` followed by 16 upper-case letters or digits) together with a secret
access key: a 40-character key-like token, or an `aws_secret_access_key` /
`AWS_SECRET_ACCESS_KEY` / `SecretAccessKey` setting.

Plans are not judged: the provider records only a hash of `user_data` in a plan.

## Why it matters
User data is readable by anyone allowed `ec2:DescribeInstanceAttribute` and by every process
on the instance through the metadata service; it is kept in launch template versions and
copied into AMIs and logs. A key written there is a long-lived credential handed to all of
them, and it works from anywhere.

## How to fix
Give the instance a role (`iam_instance_profile` / `IamInstanceProfile`): the SDKs and CLI
pick up its short-lived credentials from the metadata service. Delete and rotate the exposed
key. Read other secrets at boot from Secrets Manager or SSM Parameter Store.

## References
- Amazon EC2 User Guide, "IAM roles for Amazon EC2"
- AWS IAM User Guide, "Manage access keys" (access key id format)
"#,
    fix_terraform: "remove the key from user_data, give the instance an IAM role, and rotate the key",
    fix_cloudformation: "remove the key from UserData, give the instance an IAM instance profile, and rotate the key",
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
    for entry in user_data(ctx.model) {
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
            Err((resource, node)) => ctx.unknown(resource, node),
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
