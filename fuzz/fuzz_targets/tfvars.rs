//! Variable files: `terraform.tfvars` (or `.tfvars.json` when the input opens like JSON) beside
//! a configuration whose security-relevant values come from those variables.
#![no_main]
use libfuzzer_sys::fuzz_target;
use zt_lint::report::Format;
use zt_lint_fuzz::{check, file, text};

const CONFIGURATION: &str = r#"
variable "cidr" {}
variable "ports" { type = list(number) }
variable "buckets" { default = {} }
variable "public" { default = false }

resource "aws_security_group" "web" {
  ingress {
    from_port   = var.ports[0]
    to_port     = var.ports[1]
    protocol    = "tcp"
    cidr_blocks = [var.cidr]
  }
}

resource "aws_s3_bucket" "each" {
  for_each = var.buckets
  bucket   = each.key
}

resource "aws_db_instance" "db" {
  publicly_accessible = var.public
}
"#;

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    let vars = if text.trim_start().starts_with('{') {
        "terraform.tfvars.json"
    } else {
        "terraform.tfvars"
    };
    check(
        vec![file("main.tf", CONFIGURATION), file(vars, text)],
        &[Format::Json],
    );
});
