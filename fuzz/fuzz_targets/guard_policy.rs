//! Guard policy files (`--policy`): the header directives and rule declarations zt-lint reads,
//! cfn-guard's parser, and the policy evaluated over a CloudFormation template, a plan and a
//! Terraform module (each target of `# zt-lint: target = ...` has data to run on). The input is
//! the policy; a part after `\n#---\n` replaces the template, so queries and data vary together.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use zt_lint::report::Format;
use zt_lint::source::SourceFile;
use zt_lint_fuzz::{ROOT, check_with_policies, file, text};

const TEMPLATE: &str = "\
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: data
      VersioningConfiguration:
        Status: Suspended
  Ssh:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 0.0.0.0/0
";

const PLAN: &str = r#"{"format_version":"1.2","terraform_version":"1.9.0",
"resource_changes":[{"address":"aws_iam_user.u","mode":"managed","type":"aws_iam_user",
"name":"u","provider_name":"registry.terraform.io/hashicorp/aws",
"change":{"actions":["create"],"before":null,"after":{"name":"u","tags":null},
"after_unknown":{"arn":true}}}]}"#;

const MODULE: &str = r#"resource "aws_db_instance" "db" {
  engine            = "postgres"
  storage_encrypted = false
  tags              = { owner = "team" }
}
"#;

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    let (policy_text, template) = text.split_once("\n#---\n").unwrap_or((text, TEMPLATE));
    let path = PathBuf::from(ROOT).join("policy.guard");
    match zt_lint::guard::parse_policy(&path, policy_text.to_string()) {
        Err(e) => {
            // Lines as every output counts them; a column past the end of its line is where
            // Guard reports "unexpected end of input", so only the line is bounded.
            let lines = SourceFile::new(path, policy_text).line_count().max(1);
            assert!(
                e.line >= 1 && e.line <= lines && e.column >= 1,
                "error outside the policy: {}:{} ({lines} lines): {}",
                e.line,
                e.column,
                e.message
            );
        }
        Ok(policy) => {
            let files = vec![
                file("template.yaml", template),
                file("plan.json", PLAN),
                file("main.tf", MODULE),
            ];
            check_with_policies(files, &[policy], &[Format::Json]);
        }
    }
});
