use crate::aws::sessions::{self, SessionPreferences};
use crate::graph::Truth;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-021",
    name: "session-logs-disabled",
    pillar: Pillar::Monitoring,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Session Manager preferences do not log sessions, or log them without requiring encryption",
    page: rule_page!("monitoring/session_logs_disabled.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for r in ctx.resources(sessions::SSM_DOCUMENTS).collect::<Vec<_>>() {
        let preferences = sessions::session_preferences(r);
        if let SessionPreferences::Undecided(why) = &preferences {
            ctx.unknown(r, why);
            continue;
        }
        let Some(facet) = preferences.logging() else {
            continue;
        };
        match facet.state {
            Truth::Yes => {}
            Truth::No => ctx.report(
                r,
                facet.span,
                format!(
                    "`{}` sets Session Manager preferences that leave session logs off or unencrypted{}",
                    r.address, facet.why
                ),
            ),
            Truth::Unknown => ctx.unknown(r, &facet.as_unknown_node()),
        }
    }
}
