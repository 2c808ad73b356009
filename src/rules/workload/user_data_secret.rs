use crate::aws::workloads::USER_DATA;
use crate::graph::user_data::user_data;
use crate::rules::{Context, Input, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-WKL-011",
    name: "user-data-secret",
    pillar: Pillar::Workload,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: &[Input::Terraform, Input::CloudFormation],
    summary: "EC2 user data holds a private key or a service access token",
    page: rule_page!("workload/user_data_secret.md"),
    check,
};

/// What a piece of user data gives away.
#[derive(Debug, PartialEq)]
enum Secret {
    /// A PEM private key with its body written out.
    PrivateKey(&'static str),
    /// An access token of a service whose tokens carry a documented prefix.
    Token(&'static str),
    /// A private key header whose body is not known statically.
    UndecidedKey,
}

/// PEM headers of unencrypted private keys (RFC 7468 labels, and the ones OpenSSL and OpenSSH
/// write). An `ENCRYPTED PRIVATE KEY` is protected by its passphrase and is not one of them.
const PRIVATE_KEY_LABELS: &[(&str, &str)] = &[
    ("-----BEGIN PRIVATE KEY-----", "a private key"),
    ("-----BEGIN RSA PRIVATE KEY-----", "an RSA private key"),
    ("-----BEGIN EC PRIVATE KEY-----", "an EC private key"),
    ("-----BEGIN DSA PRIVATE KEY-----", "a DSA private key"),
    (
        "-----BEGIN OPENSSH PRIVATE KEY-----",
        "an OpenSSH private key",
    ),
];

/// Shortest body of base64 text that is a key rather than a placeholder (the smallest key in
/// use, an Ed25519 OpenSSH key, is several hundred characters).
const MIN_KEY_BODY: usize = 64;

/// Token prefixes the services document, with the shortest body after the prefix: GitHub
/// (`ghp_` personal, `gho_` OAuth, `ghu_` user-to-server, `ghs_` server-to-server, `ghr_`
/// refresh tokens, `github_pat_` fine-grained tokens), GitLab (`glpat-` personal access
/// tokens) and Slack (`xoxb-` bot, `xoxp-` user tokens).
const TOKEN_PREFIXES: &[(&str, usize, &str)] = &[
    ("ghp_", 36, "a GitHub personal access token"),
    ("gho_", 36, "a GitHub OAuth token"),
    ("ghu_", 36, "a GitHub user-to-server token"),
    ("ghs_", 36, "a GitHub server-to-server token"),
    ("ghr_", 36, "a GitHub refresh token"),
    (
        "github_pat_",
        60,
        "a GitHub fine-grained personal access token",
    ),
    ("glpat-", 20, "a GitLab personal access token"),
    ("xoxb-", 20, "a Slack bot token"),
    ("xoxp-", 20, "a Slack user token"),
];

fn is_token_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// The first private key whose body is written out; a header whose body holds a part not
/// known statically (`*` in a partly known text) leaves the key undecided.
fn private_key(text: &str) -> Option<Secret> {
    let mut undecided = false;
    for (header, what) in PRIVATE_KEY_LABELS {
        let mut from = 0;
        while let Some(offset) = text.get(from..).and_then(|t| t.find(header)) {
            let body_start = from + offset + header.len();
            from = body_start;
            let rest = text.get(body_start..).unwrap_or_default();
            let body = rest.split("-----END").next().unwrap_or_default();
            let mut base64 = 0usize;
            let mut unknown = false;
            let mut other = false;
            for b in body.bytes() {
                match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'+' | b'/' | b'=' => base64 += 1,
                    b'*' => unknown = true,
                    b' ' | b'\t' | b'\r' | b'\n' => {}
                    _ => other = true,
                }
            }
            if base64 >= MIN_KEY_BODY && !unknown && !other {
                return Some(Secret::PrivateKey(what));
            }
            // A header followed by an interpolation (`${var.key}`) is a key whose text the
            // configuration does not show; one followed by a script (a `grep` for the header)
            // is no key.
            if unknown && !other {
                undecided = true;
            }
        }
    }
    undecided.then_some(Secret::UndecidedKey)
}

/// The first token of a documented prefix with a body long enough to be one, not part of a
/// longer word.
fn access_token(text: &str) -> Option<Secret> {
    let bytes = text.as_bytes();
    for (prefix, min_body, what) in TOKEN_PREFIXES {
        let mut from = 0;
        while let Some(offset) = text.get(from..).and_then(|t| t.find(prefix)) {
            let start = from + offset;
            from = start + prefix.len();
            let before = start.checked_sub(1).and_then(|i| bytes.get(i));
            if before.is_some_and(|&b| is_token_char(b)) {
                continue;
            }
            let body = bytes
                .get(from..)
                .unwrap_or_default()
                .iter()
                .take_while(|&&b| is_token_char(b))
                .count();
            if body >= *min_body {
                return Some(Secret::Token(what));
            }
        }
    }
    None
}

fn check(ctx: &mut Context<'_>) {
    for entry in user_data(ctx.model, USER_DATA) {
        match entry {
            Ok(data) => match private_key(&data.text).or_else(|| access_token(&data.text)) {
                Some(Secret::PrivateKey(what) | Secret::Token(what)) => ctx.report(
                    data.resource,
                    data.node.span,
                    format!("`{}` has {what} in its user data", data.resource.address),
                ),
                Some(Secret::UndecidedKey) => ctx.unknown(data.resource, data.node),
                None => {}
            },
            Err((resource, node)) => ctx.unknown(resource, node),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key_body() -> String {
        "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n".repeat(3)
    }

    #[test]
    fn finds_private_keys_with_their_body() {
        let text = format!(
            "cat > /root/.ssh/id_rsa <<KEY\n-----BEGIN RSA PRIVATE KEY-----\n{}-----END RSA PRIVATE KEY-----\nKEY\n",
            key_body()
        );
        assert_eq!(
            private_key(&text),
            Some(Secret::PrivateKey("an RSA private key"))
        );
        // A script that looks for a key holds none.
        let grep = "grep -q '-----BEGIN RSA PRIVATE KEY-----' /root/key.pem && echo ok";
        assert_eq!(private_key(grep), None);
        // A passphrase protects an encrypted key.
        let encrypted = format!(
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\n{}-----END ENCRYPTED PRIVATE KEY-----",
            key_body()
        );
        assert_eq!(private_key(&encrypted), None);
        // A certificate is public.
        let cert = format!(
            "-----BEGIN CERTIFICATE-----\n{}-----END CERTIFICATE-----",
            key_body()
        );
        assert_eq!(private_key(&cert), None);
        // The body comes from a variable: undecided.
        let interpolated =
            "-----BEGIN OPENSSH PRIVATE KEY-----\n*\n-----END OPENSSH PRIVATE KEY-----";
        assert_eq!(private_key(interpolated), Some(Secret::UndecidedKey));
    }

    #[test]
    fn finds_tokens_of_documented_prefixes() {
        let github = "git clone https://ghp_0123456789abcdefghijABCDEFGHIJ012345@github.com/o/r";
        assert_eq!(
            access_token(github),
            Some(Secret::Token("a GitHub personal access token"))
        );
        assert_eq!(
            access_token("TOKEN=glpat-AbCdEfGhIjKlMnOpQrSt"),
            Some(Secret::Token("a GitLab personal access token"))
        );
        // Too short to be a token, or part of a longer word.
        assert_eq!(access_token("echo ghp_short"), None);
        assert_eq!(
            access_token("myghp_0123456789abcdefghijABCDEFGHIJ012345"),
            None
        );
        assert_eq!(access_token("export SLACK_TOKEN=${slack_token}"), None);
    }
}
