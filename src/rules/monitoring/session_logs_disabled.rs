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
    docs: r#"
## What it checks
Session Manager preferences: an SSM document of type `Session` (`aws_ssm_document` with
`document_type = "Session"`, `AWS::SSM::Document` with `DocumentType: Session`) whose content,
JSON or YAML (`document_format` / `DocumentFormat`), has `sessionType: Standard_Stream` and
whose `inputs`
- name neither an S3 bucket (`s3BucketName`) nor a CloudWatch Logs group
  (`cloudWatchLogGroupName`): sessions are not logged; or
- name a destination without its encryption switch (`s3EncryptionEnabled`,
  `cloudWatchEncryptionEnabled`) set to true. The schema requires both switches; one left out
  is read as false.

Documents of port forwarding and command sessions take no preferences and are not judged.
Content that cannot be read (built from values not known statically, or not JSON or YAML), or a
destination or switch not known statically, is undecided (`--show-unknown`), never a finding.
Preferences set in the console are not seen.

## Why it matters
A shell session on an instance is the most privileged thing most people do in an account, and
CloudTrail records only that a session started, not what was typed. Session logs are the
record of what was done. With the encryption switch on, Session Manager sends logs only to an
encrypted bucket or log group, so the transcript (which often holds secrets) is not stored in
the clear.

## How to fix
Add `"s3BucketName"` with `"s3EncryptionEnabled": true`, or `"cloudWatchLogGroupName"` with
`"cloudWatchEncryptionEnabled": true` (or both), to the document's `inputs`, and encrypt the
bucket or log group.

## References
- AWS Systems Manager User Guide, "Session document schema" and "Logging session activity"
- checkov CKV_AWS_113
"#,
    fix_terraform: "add s3BucketName with s3EncryptionEnabled = true, or cloudWatchLogGroupName with cloudWatchEncryptionEnabled = true, to the Session document's inputs",
    fix_cloudformation: "add s3BucketName with s3EncryptionEnabled: true, or cloudWatchLogGroupName with cloudWatchEncryptionEnabled: true, to Content.inputs",
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
