//! Command-line definitions (clap only).

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "zt-lint",
    version,
    about = "Stops zero-trust violations in AWS Terraform and CloudFormation before they ship",
    long_about = "Lints Terraform (.tf directories), Terraform plan JSON (terraform show -json) and \
CloudFormation templates (YAML or JSON) for zero-trust violations: open ingress and egress, data \
stores in public subnets, missing encryption, IAM wildcards.\n\nExit status: 0 no finding at or \
above --fail-on, 1 findings, 2 usage error or an input that could not be read or parsed.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub lint: LintArgs,
}

#[derive(clap::Args, Debug)]
pub struct LintArgs {
    /// Files and directories to lint (directories are walked, honouring .gitignore)
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Lowest severity that makes the run fail (exit 1)
    #[arg(long, value_enum, default_value_t = FailOn::Low)]
    pub fail_on: FailOn,

    /// When to colour human output (NO_COLOR is honoured with auto)
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,

    /// Also list the checks that could not be decided because a value is unknown
    #[arg(long)]
    pub show_unknown: bool,

    /// Only run these rules (id or name; repeatable or comma-separated)
    #[arg(long, value_delimiter = ',')]
    pub rule: Vec<String>,

    /// Skip these rules (id or name; repeatable or comma-separated)
    #[arg(long, value_delimiter = ',')]
    pub skip_rule: Vec<String>,

    /// Set a Terraform root module variable, as `terraform plan -var` does (repeatable)
    #[arg(long = "var", value_name = "NAME=VALUE")]
    pub var: Vec<String>,

    /// Read Terraform variables from a .tfvars or .tfvars.json file (repeatable; with --var,
    /// later ones win, as in Terraform)
    #[arg(long = "var-file", value_name = "FILE")]
    pub var_file: Vec<PathBuf>,

    /// The Terraform configuration that produced the plan files given; plan findings are then
    /// shown at the .tf source (default: the plan file's directory, when it has .tf files)
    #[arg(long, value_name = "DIR")]
    pub source: Option<PathBuf>,

    /// List files that were skipped because they are not infrastructure code
    #[arg(long, short = 'v')]
    pub verbose: bool,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// List the rule catalog
    Rules,
    /// Print the documentation of one rule
    Explain {
        /// Rule id (ZT-NET-001) or name (security-group-world-ingress-sensitive-port)
        rule: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Critical,
    High,
    Medium,
    Low,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}
