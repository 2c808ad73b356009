use super::*;
use crate::source::FileId;

fn span_of(text: &str, needle: &str) -> Span {
    let start = text.find(needle).expect("needle in text");
    Span::new(FileId(0), start, start + needle.len())
}

fn splice(text: &str, edit: Option<(std::ops::Range<usize>, String)>) -> String {
    let (range, replacement) = edit.expect("an edit");
    let mut out = text.to_string();
    out.replace_range(range, &replacement);
    out
}

const TF: &str = r#"# keys
resource "aws_kms_key" "k" {
  description         = "x" # why
  enable_key_rotation = false
}

resource "aws_instance" "web" {
  ami = "ami-1"

  metadata_options {
    http_endpoint = "enabled"
  }
}

resource "aws_ecr_repository" "r" {}
"#;

#[test]
fn hcl_replaces_a_literal_and_keeps_everything_else() {
    let header = span_of(TF, "resource \"aws_kms_key\" \"k\"");
    let value = span_of(TF, "false");
    let out = splice(TF, hcl::set(TF, header, value, Literal::Bool(true)));
    assert_eq!(out, TF.replace("= false", "= true"));
}

#[test]
fn hcl_refuses_a_value_outside_the_resource_or_not_literal() {
    let header = span_of(TF, "resource \"aws_kms_key\" \"k\"");
    assert!(hcl::set(TF, header, span_of(TF, "\"ami-1\""), Literal::Bool(true)).is_none());
    let text = "resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = var.rotate\n}\n";
    let header = span_of(text, "resource \"aws_kms_key\" \"k\"");
    assert!(
        hcl::set(
            text,
            header,
            span_of(text, "var.rotate"),
            Literal::Bool(true)
        )
        .is_none()
    );
}

#[test]
fn hcl_adds_into_an_existing_nested_block_at_its_indentation() {
    let header = span_of(TF, "resource \"aws_instance\" \"web\"");
    let path = &["metadata_options", "http_tokens"];
    let out = splice(TF, hcl::add(TF, header, path, Literal::Str("required")));
    assert_eq!(
        out,
        TF.replace(
            "    http_endpoint = \"enabled\"\n",
            "    http_endpoint = \"enabled\"\n    http_tokens   = \"required\"\n"
        )
    );
}

#[test]
fn hcl_adds_missing_blocks_and_opens_an_empty_one_line_block() {
    let header = span_of(TF, "resource \"aws_ecr_repository\" \"r\"");
    let path = &["image_scanning_configuration", "scan_on_push"];
    let out = splice(TF, hcl::add(TF, header, path, Literal::Bool(true)));
    assert!(out.ends_with(
        "resource \"aws_ecr_repository\" \"r\" {\n  image_scanning_configuration {\n    scan_on_push = true\n  }\n}\n"
    ));
    // Already there: nothing to add.
    let header = span_of(TF, "resource \"aws_kms_key\" \"k\"");
    assert!(hcl::add(TF, header, &["enable_key_rotation"], Literal::Bool(true)).is_none());
}

const YAML: &str = "Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      Description: x # why\n      EnableKeyRotation: 'false'\n  Repo:\n    Type: AWS::ECR::Repository\n    Properties:\n      ImageScanningConfiguration: {}\n  Instance:\n    Type: AWS::EC2::Instance\n    Properties:\n        ImageId: ami-1\n\n  # next\n  Other:\n    Type: AWS::SNS::Topic\n";

#[test]
fn yaml_replaces_a_literal_keeping_its_quotes() {
    let header = span_of(YAML, "Key");
    let out = splice(
        YAML,
        yaml::set(YAML, header, span_of(YAML, "'false'"), Literal::Bool(true)),
    );
    assert_eq!(out, YAML.replace("'false'", "true"));
}

#[test]
fn yaml_adds_to_a_flow_map_and_creates_block_maps_with_the_file_indentation() {
    let header = span_of(YAML, "Repo");
    let path = &["ImageScanningConfiguration", "ScanOnPush"];
    let out = splice(
        YAML,
        yaml::add(
            YAML,
            header,
            "AWS::ECR::Repository",
            path,
            Literal::Bool(true),
        ),
    );
    assert_eq!(
        out,
        YAML.replace("Configuration: {}", "Configuration: {ScanOnPush: true}")
    );
    let header = span_of(YAML, "Instance");
    let path = &["MetadataOptions", "HttpTokens"];
    let out = splice(
        YAML,
        yaml::add(
            YAML,
            header,
            "AWS::EC2::Instance",
            path,
            Literal::Str("required"),
        ),
    );
    assert_eq!(
        out,
        YAML.replace(
            "        ImageId: ami-1\n",
            "        ImageId: ami-1\n        MetadataOptions:\n            HttpTokens: required\n"
        )
    );
}

const JSON: &str = "{\n  \"Resources\": {\n    \"Key\": {\n      \"Type\": \"AWS::KMS::Key\",\n      \"Properties\": {\n        \"Description\": \"x\"\n      }\n    },\n    \"Repo\": {\"Type\": \"AWS::ECR::Repository\", \"Properties\": {\"ImageTagMutability\": \"MUTABLE\"}}\n  }\n}\n";

#[test]
fn json_adds_a_member_at_the_indentation_of_its_siblings() {
    let header = span_of(JSON, "\"Key\"");
    let path = &["EnableKeyRotation"];
    let out = splice(
        JSON,
        json::add(
            JSON,
            header,
            Some(("Properties", "AWS::KMS::Key")),
            path,
            Literal::Bool(true),
        ),
    );
    assert_eq!(
        out,
        JSON.replace(
            "\"Description\": \"x\"\n",
            "\"Description\": \"x\",\n        \"EnableKeyRotation\": true\n"
        )
    );
    let path = &["MetadataOptions", "HttpTokens"];
    let out = splice(
        JSON,
        json::add(
            JSON,
            header,
            Some(("Properties", "AWS::KMS::Key")),
            path,
            Literal::Str("required"),
        ),
    );
    assert!(out.contains(
        "\"Description\": \"x\",\n        \"MetadataOptions\": {\n          \"HttpTokens\": \"required\"\n        }\n      }"
    ));
    serde_json::from_str::<serde_json::Value>(&out).expect("still JSON");
}

#[test]
fn json_replaces_a_literal_in_a_one_line_object() {
    let header = span_of(JSON, "\"Repo\"");
    let value = span_of(JSON, "\"MUTABLE\"");
    let out = splice(
        JSON,
        json::set(JSON, header, value, Literal::Str("IMMUTABLE")),
    );
    assert_eq!(out, JSON.replace("\"MUTABLE\"", "\"IMMUTABLE\""));
}

#[test]
fn edits_apply_from_the_end_and_a_clashing_fix_is_left_out() {
    let edit = |start: usize, end: usize, text: &str| Edit {
        span: Span::new(FileId(0), start, end),
        replacement: text.to_string(),
    };
    let first = Fix {
        safety: Safety::Safe,
        edits: vec![edit(0, 1, "A"), edit(4, 5, "E")],
    };
    let clashing = Fix {
        safety: Safety::Safe,
        edits: vec![edit(4, 5, "X")],
    };
    let (out, applied) = apply("abcdef", &[&first, &clashing]);
    assert_eq!(out, "AbcdEf");
    assert_eq!(applied, vec![0]);
}

#[test]
fn a_diff_names_each_change_with_context() {
    let before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";
    let after = "1\nTWO\n3\n4\n5\n6\n7\n8\n9\n10\n10b\n11\n12\n";
    let diff = unified_diff("x.tf", before, after);
    assert_eq!(
        diff,
        "--- a/x.tf\n+++ b/x.tf\n@@ -1,5 +1,5 @@\n 1\n-2\n+TWO\n 3\n 4\n 5\n@@ -8,5 +8,6 @@\n 8\n 9\n 10\n+10b\n 11\n 12\n"
    );
    assert_eq!(unified_diff("x.tf", before, before), "");
}

#[test]
fn safety_is_declared_per_rule() {
    assert_eq!(safety("ZT-DAT-009"), Some(Safety::Safe));
    assert_eq!(safety("ZT-WKL-005"), Some(Safety::Unsafe));
    assert_eq!(safety("ZT-NET-001"), None);
}

#[test]
fn a_resource_generated_from_another_is_not_fixed_at_its_generator() {
    let header = span_of(YAML, "Repo");
    let path = &["ImageScanningConfiguration", "ScanOnPush"];
    assert!(yaml::add(YAML, header, "AWS::IAM::Role", path, Literal::Bool(true)).is_none());
    let header = span_of(JSON, "\"Key\"");
    let kind = Some(("Properties", "AWS::IAM::Role"));
    assert!(
        json::add(
            JSON,
            header,
            kind,
            &["EnableKeyRotation"],
            Literal::Bool(true)
        )
        .is_none()
    );
}

#[test]
fn hcl_replaces_a_value_where_it_is_written_only_when_it_is_an_argument_literal() {
    let text = "rotate = false # why\nzones = [\"a\"]\n\nmodule \"k\" {\n  rotation = \"off\"\n  other    = var.x\n}\n";
    let at = |needle| hcl::set_where_written(text, span_of(text, needle), Literal::Bool(true));
    assert_eq!(splice(text, at("false")), text.replace("= false", "= true"));
    assert_eq!(
        splice(
            text,
            hcl::set_where_written(text, span_of(text, "\"off\""), Literal::Str("on"))
        ),
        text.replace("\"off\"", "\"on\"")
    );
    // A reference, a list element and part of an argument's name are not values to replace.
    assert_eq!(at("var.x"), None);
    assert_eq!(at("\"a\""), None);
    assert_eq!(at("rotat"), None);
}

#[test]
fn terraform_json_replaces_a_value_where_it_is_written_only_when_it_is_a_member_literal() {
    let text = r#"{
  "module": {
    "db": {"source": "./db", "public": true, "tier": "open", "zones": ["a", "b"]},
    "web": [{"source": "./web", "tokens": "optional"}],
    "api": {"source": "./api", "tokens": "${var.tokens}", "flag": "true"}
  }
}"#;
    let set =
        |needle: &str, value: Literal| json::set_where_written(text, span_of(text, needle), value);
    assert_eq!(
        splice(text, set("true", Literal::Bool(false))),
        text.replacen("true", "false", 1)
    );
    assert_eq!(
        splice(text, set("\"open\"", Literal::Str("private"))),
        text.replace("\"open\"", "\"private\"")
    );
    // An object inside a list of blocks is entered too.
    assert_eq!(
        splice(text, set("\"optional\"", Literal::Str("required"))),
        text.replace("\"optional\"", "\"required\"")
    );
    // A boolean written as a string stays a string.
    assert_eq!(
        splice(text, set("\"true\"", Literal::Bool(false))),
        text.replace("\"true\"", "\"false\"")
    );
    // A list element, a template, a key and a part of a value are not a member's literal value.
    assert_eq!(set("\"a\"", Literal::Str("c")), None);
    assert_eq!(set("\"${var.tokens}\"", Literal::Str("required")), None);
    assert_eq!(set("\"public\"", Literal::Bool(false)), None);
    assert_eq!(set("ope", Literal::Str("x")), None);
    // Not JSON at all.
    assert_eq!(
        json::set_where_written(
            "public = true",
            span_of("public = true", "true"),
            Literal::Bool(false)
        ),
        None
    );
}
