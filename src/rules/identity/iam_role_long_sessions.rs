use crate::aws::identity;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-011",
    name: "iam-role-long-sessions",
    pillar: Pillar::Identity,
    severity: Severity::Low,
    enabled_by_default: false,
    inputs: ALL_INPUTS,
    summary: "IAM role or Identity Center permission set allows sessions longer than one hour",
    page: rule_page!("identity/iam_role_long_sessions.md"),
    check,
};

/// AWS's default session length; `max_session_duration` in `.zt-lint.toml` changes the limit.
const DEFAULT_LIMIT_SECONDS: i64 = 3600;

fn check(ctx: &mut Context<'_>) {
    let limit = ctx
        .options
        .max_session_duration
        .and_then(|s| i64::try_from(s).ok())
        .unwrap_or(DEFAULT_LIMIT_SECONDS);
    let settings = identity::ROLE_SESSION_DURATION
        .iter()
        .map(|given| (given, Unit::Seconds))
        .chain(
            identity::PERMISSION_SET_SESSION_DURATION
                .iter()
                .map(|given| (given, Unit::Iso8601)),
        );
    for (given, unit) in settings {
        let key = given.path.last().copied().unwrap_or_default();
        for r in ctx
            .resources(std::slice::from_ref(&given.kind))
            .collect::<Vec<_>>()
        {
            let Some(value) = r.get(key).filter(|v| !v.is_null()) else {
                continue;
            };
            let seconds = match unit {
                Unit::Seconds => value.as_i64(),
                Unit::Iso8601 => value.as_str().and_then(iso8601_seconds),
            };
            match seconds {
                Some(seconds) if seconds > limit => ctx.report(
                    r,
                    value.span,
                    format!(
                        "`{}` allows sessions of {seconds} seconds (more than {limit})",
                        r.address
                    ),
                ),
                Some(_) => {}
                None if value.is_unknown() => ctx.unknown(r, value),
                None => ctx.undecided_because(
                    r,
                    value.span,
                    match unit {
                        Unit::Seconds => "the session duration is not a number of seconds",
                        Unit::Iso8601 => "the session duration is not an ISO 8601 duration",
                    }
                    .to_string(),
                ),
            }
        }
    }
}

/// How a session duration is written.
#[derive(Clone, Copy)]
enum Unit {
    Seconds,
    /// `PT8H`, `PT1H30M`, `P1D`.
    Iso8601,
}

/// Seconds in an ISO 8601 duration of days, hours, minutes and seconds (`P1DT2H`, `PT90M`,
/// `PT3600S`); `None` for any other text. Years and months have no fixed length and a session
/// is never given in them, so they are not read.
fn iso8601_seconds(text: &str) -> Option<i64> {
    let rest = text.trim().strip_prefix(['P', 'p'])?;
    let (date, time) = match rest.split_once(['T', 't']) {
        Some((date, time)) if !time.is_empty() => (date, Some(time)),
        Some(_) => return None,
        None => (rest, None),
    };
    let mut total: i64 = 0;
    let mut any = false;
    for (part, units) in [
        (date, &[('W', 604_800), ('D', 86_400)][..]),
        (time.unwrap_or(""), &[('H', 3600), ('M', 60), ('S', 1)][..]),
    ] {
        let mut digits = part;
        let mut next_unit = 0;
        while !digits.is_empty() {
            let end = digits.find(|c: char| !c.is_ascii_digit())?;
            let number: i64 = digits.get(..end)?.parse().ok()?;
            let designator = digits.get(end..)?.chars().next()?.to_ascii_uppercase();
            // Designators come in order, each at most once.
            let offset = units
                .get(next_unit..)?
                .iter()
                .position(|(u, _)| *u == designator)?;
            let (_, seconds) = units.get(next_unit + offset)?;
            next_unit += offset + 1;
            total = total.checked_add(number.checked_mul(*seconds)?)?;
            any = true;
            digits = digits.get(end + designator.len_utf8()..)?;
        }
    }
    any.then_some(total)
}

#[cfg(test)]
mod tests {
    use super::iso8601_seconds;

    #[test]
    fn reads_iso8601_durations_of_days_hours_minutes_and_seconds() {
        assert_eq!(iso8601_seconds("PT1H"), Some(3600));
        assert_eq!(iso8601_seconds("PT8H"), Some(28_800));
        assert_eq!(iso8601_seconds("PT1H1M"), Some(3660));
        assert_eq!(iso8601_seconds("PT90M"), Some(5400));
        assert_eq!(iso8601_seconds("PT3600S"), Some(3600));
        assert_eq!(iso8601_seconds("P1DT2H"), Some(93_600));
        assert_eq!(iso8601_seconds("pt2h"), Some(7200));
    }

    #[test]
    fn what_is_not_a_duration_of_fixed_length_is_not_read() {
        for text in [
            "",
            "P",
            "PT",
            "1H",
            "PT1.5H",
            "P1M",
            "PT1M1H",
            "PT1H1H",
            "PTH",
            "PT99999999999999999999H",
        ] {
            assert_eq!(iso8601_seconds(text), None, "{text}");
        }
    }
}
