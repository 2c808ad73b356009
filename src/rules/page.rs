//! A rule's documentation page: the Markdown file of the rule's name under
//! `src/rule_pages/<pillar>/`. Its first two lines are HTML comments (invisible wherever the page
//! is rendered) holding the one-line fixes shown under each finding; the rest is the page
//! itself. Keeping the pages apart keeps the Terraform and CloudFormation vocabulary a fix must
//! name out of the rules, which read only the catalog.

/// The parts of a rule's page.
#[derive(Clone, Copy, Debug)]
pub struct RulePage {
    /// Markdown: what it checks, why it matters, how to fix it, references.
    pub docs: &'static str,
    /// One-line fixes shown as help under each finding.
    pub fix_terraform: &'static str,
    pub fix_cloudformation: &'static str,
}

const FIX_TERRAFORM: &str = "<!-- fix-terraform: ";
const FIX_CLOUDFORMATION: &str = "<!-- fix-cloudformation: ";
const END: &str = " -->\n";

impl RulePage {
    /// Splits a page. It runs at compile time (`rule_page!`), so a page without its two fix
    /// lines fails the build instead of a run.
    pub const fn parse(page: &'static str) -> RulePage {
        let (fix_terraform, rest) = header_line(page, FIX_TERRAFORM);
        let (fix_cloudformation, docs) = header_line(rest, FIX_CLOUDFORMATION);
        RulePage {
            docs,
            fix_terraform,
            fix_cloudformation,
        }
    }
}

/// The value of the header line `{prefix}value -->` that starts `text`, and the text after it.
const fn header_line(text: &'static str, prefix: &str) -> (&'static str, &'static str) {
    let Some((line, rest)) = split_after_newline(text.as_bytes()) else {
        panic!("a rule page must start with its two fix lines");
    };
    let Some(value) = strip_affixes(line, prefix.as_bytes(), END.as_bytes()) else {
        panic!("a rule page's fix line reads `<!-- fix-terraform: ... -->`");
    };
    (utf8(value), utf8(rest))
}

/// `bytes` split after its first newline; `None` without one.
const fn split_after_newline(bytes: &'static [u8]) -> Option<(&'static [u8], &'static [u8])> {
    let mut at = 0;
    let mut rest = bytes;
    while let Some((byte, after)) = rest.split_first() {
        at += 1;
        if *byte == b'\n' {
            return Some(bytes.split_at(at));
        }
        rest = after;
    }
    None
}

/// `line` without `prefix` and `suffix`, when it has both.
const fn strip_affixes(line: &'static [u8], prefix: &[u8], suffix: &[u8]) -> Option<&'static [u8]> {
    if line.len() < prefix.len() + suffix.len() {
        return None;
    }
    let (head, rest) = line.split_at(prefix.len());
    let (value, tail) = rest.split_at(rest.len() - suffix.len());
    if bytes_eq(head, prefix) && bytes_eq(tail, suffix) {
        Some(value)
    } else {
        None
    }
}

const fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (mut a, mut b) = (a, b);
    while let (Some((x, a_rest)), Some((y, b_rest))) = (a.split_first(), b.split_first()) {
        if *x != *y {
            return false;
        }
        (a, b) = (a_rest, b_rest);
    }
    true
}

/// Pages are `include_str!`ed, so every split at an ASCII byte stays valid UTF-8.
const fn utf8(bytes: &'static [u8]) -> &'static str {
    match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(_) => panic!("a rule page split inside a character"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_gives_its_fix_lines_and_keeps_the_rest_verbatim() {
        const PAGE: RulePage = RulePage::parse(
            "<!-- fix-terraform: set a = true -->\n<!-- fix-cloudformation: set A: true -->\n\n## What it checks\nx\n",
        );
        assert_eq!(PAGE.fix_terraform, "set a = true");
        assert_eq!(PAGE.fix_cloudformation, "set A: true");
        assert_eq!(PAGE.docs, "\n## What it checks\nx\n");
    }

    #[test]
    fn a_fix_line_must_be_closed() {
        assert!(
            strip_affixes(
                b"<!-- fix-terraform: x\n",
                FIX_TERRAFORM.as_bytes(),
                END.as_bytes()
            )
            .is_none()
        );
        assert!(split_after_newline(b"no newline").is_none());
    }
}
