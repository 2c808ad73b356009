use crate::aws::sessions::{self, SessionPreferences};
use crate::graph::Truth;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-DAT-017",
    name: "session-data-without-kms-key",
    pillar: Pillar::Data,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Session Manager preferences do not encrypt session data with a KMS key",
    page: rule_page!("data/session_data_without_kms_key.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for r in ctx.resources(sessions::SSM_DOCUMENTS).collect::<Vec<_>>() {
        let preferences = sessions::session_preferences(r);
        if let SessionPreferences::Undecided(why) = &preferences {
            ctx.unknown(r, why);
            continue;
        }
        let Some(facet) = preferences.kms_key() else {
            continue;
        };
        match facet.state {
            Truth::Yes => {}
            Truth::No => ctx.report(
                r,
                facet.span,
                format!(
                    "`{}` sets Session Manager preferences that do not encrypt session data with a KMS key{}",
                    r.address, facet.why
                ),
            ),
            Truth::Unknown => ctx.unknown(r, &facet.as_unknown_node()),
        }
    }
}
