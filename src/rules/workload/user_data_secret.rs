use crate::aws::secrets::{RESOLVED_SECRETS, SECRET_VALUES, TEMPLATE_PARAMETER};
use crate::aws::workloads::USER_DATA;
use crate::graph::user_data::{interpolated_references, user_data};
use crate::graph::value::MAX_TEXT_REFERENCES;
use crate::graph::{Model, Node, Reference, Resource, Truth};
use crate::rules::{Context, Input, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-WKL-011",
    name: "user-data-secret",
    pillar: Pillar::Workload,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: &[Input::Terraform, Input::Plan, Input::CloudFormation],
    summary: "EC2 user data holds a private key or a service access token",
    page: rule_page!("workload/user_data_secret.md"),
    check,
};

/// What a piece of user data gives away.
#[derive(Debug, PartialEq)]
enum Secret {
    /// A private key with its body written out.
    PrivateKey(&'static str),
    /// An access token of a service whose tokens have a documented shape.
    Token(&'static str),
    /// A private key header whose body is not known statically.
    UndecidedKey,
}

/// What a reference written into user data reads.
enum Interpolated {
    /// What it reads: a secret-bearing attribute of a resource, a masked parameter.
    Secret(String),
    /// A secret-bearing attribute whose condition is not known (an SSM parameter whose type is
    /// not known statically), or a secret the value may hold: why, when the value's own reason
    /// for being unknown does not say it.
    Undecided(Option<String>),
}

/// Headers of unencrypted private keys (RFC 7468 labels, the ones OpenSSL and OpenSSH write,
/// and an OpenPGP armored secret key, RFC 4880). An `ENCRYPTED PRIVATE KEY` is protected by its
/// passphrase and is not one of them.
/// The flag says whether armor headers (`Version: …` lines, RFC 4880 6.2) may precede the body;
/// in a PEM key they mark a legacy encrypted key (`Proc-Type: 4,ENCRYPTED`), which is no secret
/// of this kind.
const PRIVATE_KEY_LABELS: &[(&str, bool, &str)] = &[
    ("-----BEGIN PRIVATE KEY-----", false, "a private key"),
    (
        "-----BEGIN RSA PRIVATE KEY-----",
        false,
        "an RSA private key",
    ),
    ("-----BEGIN EC PRIVATE KEY-----", false, "an EC private key"),
    (
        "-----BEGIN DSA PRIVATE KEY-----",
        false,
        "a DSA private key",
    ),
    (
        "-----BEGIN OPENSSH PRIVATE KEY-----",
        false,
        "an OpenSSH private key",
    ),
    (
        "-----BEGIN PGP PRIVATE KEY BLOCK-----",
        true,
        "an OpenPGP private key",
    ),
];

/// Shortest body of base64 text that is a key rather than a placeholder (the smallest key in
/// use, an Ed25519 OpenSSH key, is several hundred characters).
const MIN_KEY_BODY: usize = 64;

/// Fewest distinct characters in a key body: random base64 of 64 characters or more uses
/// dozens, a placeholder (`AAAA…`, `xxxx…`) a handful.
const MIN_KEY_DISTINCT: usize = 16;

/// One piece of a token's documented shape.
#[derive(Clone, Copy)]
enum Part {
    /// Exactly this text.
    Lit(&'static str),
    /// Letters and digits, at least `min` and at most `max`.
    Alnum { min: usize, max: usize },
    /// Letters, digits, `_` and `-`, at least `min`.
    Word { min: usize },
    /// Decimal digits, at least `min`.
    Digits { min: usize },
}

const fn alnum(n: usize) -> Part {
    Part::Alnum { min: n, max: n }
}

/// Slack bot and user tokens share one shape: `xox?-<team digits>-<user digits>-<secret>`.
const SLACK_WORKSPACE_TOKEN: &[Part] = &[
    Part::Digits { min: 6 },
    Part::Lit("-"),
    Part::Digits { min: 6 },
    Part::Lit("-"),
    Part::Word { min: 20 },
];

/// Service tokens by their documented shape: a prefix, then the parts that follow it.
/// GitHub: "Behind GitHub's new authentication token formats" (`ghp_` personal, `gho_` OAuth,
/// `ghu_` user-to-server, `ghs_` server-to-server, `ghr_` refresh tokens: 36 letters and
/// digits) and fine-grained `github_pat_` tokens (22 and 59 letters and digits joined by `_`);
/// GitLab: "Token overview" (`glpat-` personal access, `glrt-` runner authentication tokens);
/// Slack: "Token types" (`xoxb-` bot and `xoxp-` user tokens are a workspace and a user number
/// and a secret, `xapp-` app-level tokens) and incoming webhooks
/// (`https://hooks.slack.com/services/T…/B…/<secret>`).
const TOKENS: &[(&str, &[Part], &str)] = &[
    ("ghp_", &[alnum(36)], "a GitHub personal access token"),
    ("gho_", &[alnum(36)], "a GitHub OAuth token"),
    ("ghu_", &[alnum(36)], "a GitHub user-to-server token"),
    ("ghs_", &[alnum(36)], "a GitHub server-to-server token"),
    ("ghr_", &[alnum(36)], "a GitHub refresh token"),
    (
        "github_pat_",
        &[alnum(22), Part::Lit("_"), alnum(59)],
        "a GitHub fine-grained personal access token",
    ),
    (
        "glpat-",
        &[Part::Word { min: 20 }],
        "a GitLab personal access token",
    ),
    (
        "glrt-",
        &[Part::Word { min: 20 }],
        "a GitLab runner authentication token",
    ),
    ("xoxb-", SLACK_WORKSPACE_TOKEN, "a Slack bot token"),
    ("xoxp-", SLACK_WORKSPACE_TOKEN, "a Slack user token"),
    (
        "xapp-",
        &[
            Part::Digits { min: 1 },
            Part::Lit("-"),
            Part::Alnum { min: 8, max: 32 },
            Part::Lit("-"),
            Part::Digits { min: 6 },
            Part::Lit("-"),
            Part::Alnum { min: 32, max: 128 },
        ],
        "a Slack app-level token",
    ),
    (
        "https://hooks.slack.com/services/T",
        &[
            Part::Alnum { min: 6, max: 16 },
            Part::Lit("/B"),
            Part::Alnum { min: 6, max: 16 },
            Part::Lit("/"),
            Part::Alnum { min: 20, max: 64 },
        ],
        "a Slack incoming webhook URL",
    ),
];

/// Words of a placeholder (`ghp_YOURTOKENHERE…`, `glpat-CHANGEME…`): no real token holds them
/// by chance often enough to matter, and every example does.
const PLACEHOLDER_WORDS: &[&str] = &["your", "example", "token", "xxxx", "replace", "changeme"];

/// Fewest distinct characters in a token's secret part: a random body of 20 or more letters
/// and digits uses well over this many, `xxxxxxxx…` or `0000…1111…` far fewer.
const MIN_TOKEN_DISTINCT: usize = 8;

fn is_token_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

fn distinct(bytes: &[u8]) -> usize {
    let mut seen = [false; 256];
    for &b in bytes {
        if let Some(s) = seen.get_mut(usize::from(b)) {
            *s = true;
        }
    }
    seen.iter().filter(|&&s| s).count()
}

/// The armor headers (`Name: value` lines) at `start`, skipped.
fn skip_armor_headers(text: &str, mut start: usize) -> usize {
    // Past the header line's own line break.
    let rest = text.get(start..).unwrap_or_default();
    start += rest.len() - rest.trim_start_matches(['\r', '\n']).len();
    while let Some(line) = text.get(start..).and_then(|t| t.split('\n').next()) {
        if line.trim().is_empty() || !line.contains(": ") {
            break;
        }
        start += line.len() + 1;
    }
    start
}

/// What follows a key header: its base64 characters, whether a part is not known statically
/// (`*` in a partly known text), and whether it runs to an end line or the end of the text.
/// The scan stops at the first character that is neither base64 nor white space, so each
/// header costs at most the length of its own body.
struct KeyBody {
    base64: usize,
    distinct: usize,
    unknown: bool,
    closed: bool,
}

fn key_body(text: &str, start: usize) -> KeyBody {
    let rest = text.get(start..).unwrap_or_default();
    let mut seen = [false; 256];
    let (mut base64, mut unknown) = (0usize, false);
    let mut end = rest.len();
    for (i, b) in rest.bytes().enumerate() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'+' | b'/' | b'=' => {
                base64 += 1;
                if let Some(s) = seen.get_mut(usize::from(b)) {
                    *s = true;
                }
            }
            b'*' => unknown = true,
            b' ' | b'\t' | b'\r' | b'\n' => {}
            _ => {
                end = i;
                break;
            }
        }
    }
    let after = rest.get(end..).unwrap_or_default();
    KeyBody {
        base64,
        distinct: seen.iter().filter(|&&s| s).count(),
        unknown,
        closed: after.is_empty() || after.starts_with("-----END"),
    }
}

/// The first private key whose body is written out; a header whose body holds a part not
/// known statically leaves the key undecided.
fn private_key(text: &str) -> Option<Secret> {
    let mut undecided = false;
    for (header, armored, what) in PRIVATE_KEY_LABELS {
        let mut from = 0;
        while let Some(offset) = text.get(from..).and_then(|t| t.find(header)) {
            let mut body_start = from + offset + header.len();
            from = body_start;
            if *armored {
                body_start = skip_armor_headers(text, body_start);
            }
            let body = key_body(text, body_start);
            // A header followed by an interpolation (`${var.key}`) is a key whose text the
            // configuration does not show; one followed by a script (a `grep` for the header)
            // or by a placeholder (`AAAA…`) is no key.
            if !body.closed {
                continue;
            }
            if body.unknown {
                undecided = true;
            } else if body.base64 >= MIN_KEY_BODY && body.distinct >= MIN_KEY_DISTINCT {
                return Some(Secret::PrivateKey(what));
            }
        }
    }
    undecided.then_some(Secret::UndecidedKey)
}

/// The end of `parts` matched at `at`, or `None` when the text there does not have the shape.
fn match_shape(bytes: &[u8], mut at: usize, parts: &[Part]) -> Option<usize> {
    let run = |at: usize, max: usize, ok: fn(u8) -> bool| {
        bytes
            .get(at..)
            .unwrap_or_default()
            .iter()
            .take(max)
            .take_while(|&&b| ok(b))
            .count()
    };
    for part in parts {
        let (len, min) = match *part {
            Part::Lit(lit) => {
                if !bytes.get(at..)?.starts_with(lit.as_bytes()) {
                    return None;
                }
                (lit.len(), lit.len())
            }
            Part::Alnum { min, max } => (run(at, max, |b| b.is_ascii_alphanumeric()), min),
            Part::Word { min } => (run(at, usize::MAX, is_token_char), min),
            Part::Digits { min } => (run(at, usize::MAX, |b| b.is_ascii_digit()), min),
        };
        if len < min {
            return None;
        }
        at += len;
    }
    // A longer word is another string, not a token of this shape.
    (!bytes.get(at).is_some_and(|&b| is_token_char(b))).then_some(at)
}

/// A token body that is a placeholder: a placeholder word, or too few distinct characters to
/// be random.
fn is_placeholder(body: &[u8]) -> bool {
    let lower = body.to_ascii_lowercase();
    let has_word = PLACEHOLDER_WORDS
        .iter()
        .any(|w| lower.windows(w.len()).any(|win| win == w.as_bytes()));
    let letters_and_digits: Vec<u8> = body
        .iter()
        .copied()
        .filter(u8::is_ascii_alphanumeric)
        .collect();
    has_word || distinct(&letters_and_digits) < MIN_TOKEN_DISTINCT
}

/// The first token of a documented shape, not part of a longer word and not a placeholder.
fn access_token(text: &str) -> Option<Secret> {
    let bytes = text.as_bytes();
    for (prefix, parts, what) in TOKENS {
        let mut from = 0;
        while let Some(offset) = text.get(from..).and_then(|t| t.find(prefix)) {
            let start = from + offset;
            from = start + prefix.len();
            let before = start.checked_sub(1).and_then(|i| bytes.get(i));
            if before.is_some_and(|&b| is_token_char(b)) {
                continue;
            }
            let Some(end) = match_shape(bytes, from, parts) else {
                continue;
            };
            if !is_placeholder(bytes.get(from..end).unwrap_or_default()) {
                return Some(Secret::Token(what));
            }
        }
    }
    None
}

/// The secret written into user data by reference: the first reference that reads one, or,
/// when none does for sure, whether one might. References the input only says the value may
/// be built from (a plan's, which include those a function such as `sha256()` reads) make it
/// undecided, and so do references left unnamed.
fn interpolated_secret(model: &Model, node: &Node) -> Option<Interpolated> {
    let interpolated = interpolated_references(node);
    let mut undecided = None;
    for reference in interpolated.references {
        match referenced_secret(model, reference) {
            found @ Some(Interpolated::Secret(..)) if !interpolated.uncertain => return found,
            Some(Interpolated::Secret(what)) => {
                undecided.get_or_insert(Some(format!(
                    "it may hold {what}: the input lists the references its value is built from, those only a function or a condition reads included"
                )));
            }
            Some(Interpolated::Undecided(why)) => {
                undecided.get_or_insert(why);
            }
            None => {}
        }
    }
    if interpolated.more {
        undecided.get_or_insert(Some(format!(
            "more than {MAX_TEXT_REFERENCES} references are written into it, and those past them are not read"
        )));
    }
    undecided.map(Interpolated::Undecided)
}

/// The secret one reference reads: a secret-bearing attribute from the catalog, or a template
/// parameter that masks its value (`NoEcho`), which is a secret whatever its value.
fn referenced_secret(model: &Model, reference: &Reference) -> Option<Interpolated> {
    let target = model.get(model.by_address(&reference.address)?)?;
    let Some(attribute) = reference.attribute.as_deref() else {
        let parameter = &TEMPLATE_PARAMETER;
        let masked = target.kind == parameter.kind
            && target
                .get(parameter.no_echo)
                .is_some_and(|n| n.truth().is_yes());
        return masked
            .then(|| Interpolated::Secret(format!("the NoEcho parameter `{}`", target.address)));
    };
    let secret = SECRET_VALUES
        .iter()
        .find(|s| s.kind == target.kind && s.attribute == attribute)?;
    let holds = match secret.when {
        None => Truth::Yes,
        Some((setting, value)) => match target.get(setting) {
            Some(n) if n.is_unknown() => Truth::Unknown,
            Some(n) if n.as_str() == Some(value) => Truth::Yes,
            Some(_) => Truth::No,
            // A data source reads the setting at apply time (an SSM parameter's type); a
            // managed resource that does not set it is not the secret kind.
            None if target.is_managed() => Truth::No,
            None => Truth::Unknown,
        },
    };
    match holds {
        Truth::Yes => Some(Interpolated::Secret(format!(
            "{} of `{}`",
            secret.what, reference.address
        ))),
        Truth::No => None,
        Truth::Unknown => Some(Interpolated::Undecided(None)),
    }
}

/// A secret the deployment resolves into the text (a `secretsmanager` dynamic reference).
fn resolved_secret(text: &str) -> Option<Secret> {
    RESOLVED_SECRETS
        .iter()
        .find(|(marker, _)| text.contains(marker))
        .map(|(_, what)| Secret::Token(what))
}

/// The secret `text` gives away: a key or token written out is one even when another key's
/// body is not known statically.
fn secret_in(text: &str) -> Option<Secret> {
    match private_key(text) {
        definite @ Some(Secret::PrivateKey(_)) => definite,
        undecided => access_token(text)
            .or_else(|| resolved_secret(text))
            .or(undecided),
    }
}

fn report_secret(ctx: &mut Context<'_>, resource: &Resource, node: &Node, what: &str) {
    ctx.report(
        resource,
        node.span,
        format!("`{}` writes {what} into its user data", resource.address),
    );
}

/// Lists the user data as undecided, with why when the value's own reason does not say it.
fn undecided(ctx: &mut Context<'_>, resource: &Resource, node: &Node, why: Option<String>) {
    match why {
        Some(reason) => ctx.undecided_because(resource, node.span, reason),
        None => ctx.unknown(resource, node),
    }
}

fn check(ctx: &mut Context<'_>) {
    for entry in user_data(ctx.model, USER_DATA) {
        match entry {
            Ok(data) => {
                let by_reference = interpolated_secret(ctx.model, data.node);
                if let Some(Interpolated::Secret(what)) = &by_reference {
                    report_secret(ctx, data.resource, data.node, what);
                    continue;
                }
                // A reference that may be a secret does not hide one written out.
                match secret_in(&data.text) {
                    Some(Secret::PrivateKey(what) | Secret::Token(what)) => ctx.report(
                        data.resource,
                        data.node.span,
                        format!("`{}` has {what} in its user data", data.resource.address),
                    ),
                    Some(Secret::UndecidedKey) => ctx.unknown(data.resource, data.node),
                    None => {
                        if let Some(Interpolated::Undecided(why)) = by_reference {
                            undecided(ctx, data.resource, data.node, why);
                        }
                    }
                }
            }
            Err((resource, node)) => match interpolated_secret(ctx.model, &node) {
                Some(Interpolated::Secret(what)) => report_secret(ctx, resource, &node, &what),
                Some(Interpolated::Undecided(why)) => undecided(ctx, resource, &node, why),
                None => ctx.unknown(resource, &node),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_key_body() -> String {
        "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n".repeat(3)
    }

    #[test]
    fn finds_private_keys_with_their_body() {
        let text = format!(
            "cat > /root/.ssh/id_rsa <<KEY\n-----BEGIN RSA PRIVATE KEY-----\n{}-----END RSA PRIVATE KEY-----\nKEY\n",
            sample_key_body()
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
            sample_key_body()
        );
        assert_eq!(private_key(&encrypted), None);
        // A certificate is public.
        let cert = format!(
            "-----BEGIN CERTIFICATE-----\n{}-----END CERTIFICATE-----",
            sample_key_body()
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

    #[test]
    fn placeholders_are_not_tokens() {
        for text in [
            "export SLACK_TOKEN=xoxb-YOUR-SLACK-BOT-TOKEN",
            "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "ghp_YOURPERSONALACCESSTOKENGOESHERE0000",
            "glpat-REPLACE_WITH_YOUR_GITLAB_PAT",
            "glpat-xxxxxxxxxxxxxxxxxxxx",
            "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
            "xoxb-000000000000-000000000000-aaaaaaaaaaaaaaaaaaaaaaaa",
        ] {
            assert_eq!(access_token(text), None, "{text}");
        }
        // One character too many or too few is another string.
        assert_eq!(
            access_token("ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8dQ"),
            None
        );
        assert_eq!(
            access_token("ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8"),
            None
        );
    }

    #[test]
    fn finds_tokens_of_each_documented_shape() {
        for (text, what) in [
            (
                "url=https://x-access-token:ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d@github.com",
                "a GitHub personal access token",
            ),
            (
                "GH=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",
                "a GitHub fine-grained personal access token",
            ),
            (
                "gitlab-runner register --token glrt-Y40uvSwMFLZDe1f8rESQ",
                "a GitLab runner authentication token",
            ),
            (
                "SLACK_APP_TOKEN=xapp-1-AEDUSTPKR0C-7106020369182-0eb53f16947ccf25ec84d8dbc74254770f58904dba41ecccc3fc1626e53a1304",
                "a Slack app-level token",
            ),
            (
                "curl -d @msg.json https://hooks.slack.com/services/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",
                "a Slack incoming webhook URL",
            ),
            (
                "xoxp-683909483789-260467504949-699964271845-0928b5b7a767c76fb008f86bebb2737f",
                "a Slack user token",
            ),
        ] {
            assert_eq!(access_token(text), Some(Secret::Token(what)), "{text}");
        }
    }

    #[test]
    fn finds_armored_openpgp_keys_and_rejects_placeholder_bodies() {
        let pgp = format!(
            "gpg --import <<'KEY'\n-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\n{}=a1B2\n-----END PGP PRIVATE KEY BLOCK-----\nKEY\n",
            sample_key_body()
        );
        assert_eq!(
            private_key(&pgp),
            Some(Secret::PrivateKey("an OpenPGP private key"))
        );
        // A legacy encrypted PEM key carries its cipher in headers.
        let legacy = format!(
            "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n{}-----END RSA PRIVATE KEY-----",
            sample_key_body()
        );
        assert_eq!(private_key(&legacy), None);
        let filler = format!(
            "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----",
            "A".repeat(128)
        );
        assert_eq!(private_key(&filler), None);
    }

    #[test]
    fn a_key_not_known_does_not_hide_a_token_written_out() {
        let text = "-----BEGIN OPENSSH PRIVATE KEY-----\n*\n-----END OPENSSH PRIVATE KEY-----\ngit clone https://ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d@github.com/o/r";
        assert_eq!(private_key(text), Some(Secret::UndecidedKey));
        assert_eq!(
            secret_in(text),
            Some(Secret::Token("a GitHub personal access token"))
        );
    }
}
