//! Unified diffs of fixed files (`zt-lint fix --diff`), in the form `git apply` and `patch`
//! take: the changed lines of each group of nearby edits with three lines of context.

const CONTEXT: usize = 3;

/// Lines of `text` with their line ending kept, so a missing final newline is seen.
fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// The diff turning `before` into `after` for the file at `path` (relative, `/`-separated);
/// empty when they are equal.
pub fn unified_diff(path: &str, before: &str, after: &str) -> String {
    if before == after {
        return String::new();
    }
    let old = lines(before);
    let new = lines(after);
    let changes = changed_runs(&old, &new);
    let mut out = format!("--- a/{path}\n+++ b/{path}\n");
    let mut i = 0;
    while let Some(first) = changes.get(i) {
        // Runs whose context would touch belong to one hunk.
        let mut j = i;
        while let Some(next) = changes.get(j + 1) {
            let current = changes.get(j).map_or(0, |c| c.old_end);
            if next.old_start > current + 2 * CONTEXT {
                break;
            }
            j += 1;
        }
        let Some(last) = changes.get(j) else { break };
        let old_from = first.old_start.saturating_sub(CONTEXT);
        let old_to = (last.old_end + CONTEXT).min(old.len());
        let new_from = first.new_start - (first.old_start - old_from);
        let new_to = (last.new_end + (old_to - last.old_end)).min(new.len());
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            range(old_from, old_to),
            range(new_from, new_to)
        ));
        let mut at = old_from;
        for change in changes.get(i..=j).unwrap_or_default() {
            for line in old.get(at..change.old_start).unwrap_or_default() {
                push_line(&mut out, ' ', line);
            }
            for line in old
                .get(change.old_start..change.old_end)
                .unwrap_or_default()
            {
                push_line(&mut out, '-', line);
            }
            for line in new
                .get(change.new_start..change.new_end)
                .unwrap_or_default()
            {
                push_line(&mut out, '+', line);
            }
            at = change.old_end;
        }
        for line in old.get(at..old_to).unwrap_or_default() {
            push_line(&mut out, ' ', line);
        }
        i = j + 1;
    }
    out
}

fn range(from: usize, to: usize) -> String {
    let count = to - from;
    // An empty range names the line before it, as diff does.
    let start = if count == 0 { from } else { from + 1 };
    format!("{start},{count}")
}

fn push_line(out: &mut String, marker: char, line: &str) {
    out.push(marker);
    out.push_str(line);
    if !line.ends_with('\n') {
        out.push_str("\n\\ No newline at end of file\n");
    }
}

/// A run of old lines `old_start..old_end` replaced by new lines `new_start..new_end`.
struct Run {
    old_start: usize,
    old_end: usize,
    new_start: usize,
    new_end: usize,
}

/// The changed runs between two line lists. Fixes only replace or insert a few lines in place,
/// so a greedy walk that resynchronises on the next equal line is enough; it never produces a
/// wrong diff, at worst a longer one.
fn changed_runs(old: &[&str], new: &[&str]) -> Vec<Run> {
    let mut runs = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        if old.get(i).is_some() && old.get(i) == new.get(j) {
            i += 1;
            j += 1;
            continue;
        }
        // The nearest point where the rest of both files agrees again.
        let (old_len, new_len) = (old.len(), new.len());
        let mut resync = (old_len, new_len);
        'search: for distance in 0..=(old_len - i + new_len - j) {
            for di in 0..=distance {
                let (a, b) = (i + di, j + distance - di);
                if a > old_len || b > new_len {
                    continue;
                }
                if tails_match(old, new, a, b) {
                    resync = (a, b);
                    break 'search;
                }
            }
        }
        runs.push(Run {
            old_start: i,
            old_end: resync.0,
            new_start: j,
            new_end: resync.1,
        });
        (i, j) = resync;
    }
    runs
}

/// Whether the next few lines agree from `a` and `b` (or both files end there): enough to
/// trust a resynchronisation.
fn tails_match(old: &[&str], new: &[&str], a: usize, b: usize) -> bool {
    (0..=CONTEXT).all(|k| old.get(a + k) == new.get(b + k))
}
