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
    docs: r#"
## What it checks
Session Manager preferences: an SSM document of type `Session` (`aws_ssm_document` with
`document_type = "Session"`, `AWS::SSM::Document` with `DocumentType: Session`) whose content,
JSON or YAML (`document_format` / `DocumentFormat`), has `sessionType: Standard_Stream` and
no `kmsKeyId` in its `inputs` (absent or empty). Documents of port forwarding and command
sessions take no preferences and are not judged. Content that cannot be read (built from
values not known statically, or not JSON or YAML) is undecided (`--show-unknown`), never a
finding. The account's default preferences (`SSM-SessionManagerRunShell`) are judged like any
other document when the configuration declares them; preferences set in the console are not
seen.

## Why it matters
Every session already runs over TLS 1.2. `kmsKeyId` adds a second layer: the session's data
is encrypted with a KMS key of yours between the client and the managed node, so only
identities allowed to use that key (`kms:Decrypt` / `kms:GenerateDataKey`) can open a session,
and each use is recorded in CloudTrail. Without it, anyone the Session Manager API lets in can
read the stream.

## How to fix
Add `"kmsKeyId": "<key id or ARN>"` to the document's `inputs` (Terraform: inside the
`jsonencode` or heredoc of `content`; CloudFormation: under `Content.inputs`), and allow the
users' and the instance profile's roles to use the key.

## References
- AWS Systems Manager User Guide, "Session document schema" (`kmsKeyId`) and "Turn on KMS key
  encryption of session data"
- checkov CKV_AWS_112
"#,
    fix_terraform: "add \"kmsKeyId\" with a customer-managed KMS key to the Session document's inputs",
    fix_cloudformation: "add kmsKeyId with a customer-managed KMS key to Content.inputs of the Session document",
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
