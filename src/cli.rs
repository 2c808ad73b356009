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
stores in public subnets, missing encryption, IAM wildcards.",
    after_long_help = "\
Configuration: .zt-lint.toml in the directory of the first path or the nearest parent that has \
one (--config FILE names another; `zt-lint init` writes a commented starter file).

Suppressions: `# zt-lint:ignore RULE[,RULE...] [until=YYYY-MM-DD] reason` on the line above or \
the same line as a resource header, an attribute or a module call (`//` also works in HCL); in \
CloudFormation also Metadata: {zt-lint: {ignore: [{rule: RULE, reason: ...}]}}. A reason is \
required. Suppressed findings stay in json and sarif output.

Examples:
  zt-lint infra/ templates/*.yaml
  zt-lint --format github --output sarif=zt-lint.sarif --output markdown=summary.md infra/
  zt-lint --write-baseline .zt-lint-baseline.json infra/    # adopt on an existing repository
  zt-lint --baseline .zt-lint-baseline.json infra/          # then only new findings fail

Exit status:
  0  no finding at or above --fail-on (or --soft-fail)
  1  findings at or above --fail-on (default low: any finding); with --fail-on-unknown, also
     checks left undecided and parts of the input not linted
  2  usage or configuration error, or an input that could not be read or parsed",
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

    /// Output format on standard output
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Also write a report to a file: FORMAT=FILE, or FILE with the format taken from its
    /// extension (.sarif, .json, .xml = junit, .md = markdown, .txt = compact); repeatable
    #[arg(long, short = 'o', value_name = "[FORMAT=]FILE")]
    pub output: Vec<String>,

    /// Lowest severity that makes the run fail (exit 1) [default: low, or fail_on in the
    /// configuration file]
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// Exit 0 even when there are findings (errors still exit 2)
    #[arg(long)]
    pub soft_fail: bool,

    /// Print findings only: no summary line and no progress indicator
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Configuration file (default: .zt-lint.toml found by walking up from the first path)
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Ignore every configuration file
    #[arg(long)]
    pub no_config: bool,

    /// Report only findings that are not in this baseline (the others are shown as suppressed)
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record the fingerprints of today's findings in FILE (they are then treated as baselined)
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// When to colour human output (NO_COLOR is honoured with auto)
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,

    /// Also list the checks that could not be decided because a value is unknown
    #[arg(long)]
    pub show_unknown: bool,

    /// Fail (exit 1) when a check was left undecided or part of the input was not linted (a
    /// module that is not installed, say): a gate that cannot be silently blind
    #[arg(long)]
    pub fail_on_unknown: bool,

    /// Only run these rules (id, name or pillar; repeatable or comma-separated)
    #[arg(long, value_delimiter = ',')]
    pub rule: Vec<String>,

    /// Skip these rules (id, name or pillar; repeatable or comma-separated)
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

    /// Report only findings on lines added or changed since the merge base with REF (a branch,
    /// tag or commit; `git` is run locally, never fetching), and findings on resources whose
    /// configuration changed; the whole configuration is still linted for context
    #[arg(long, value_name = "REF", conflicts_with = "write_baseline")]
    pub diff_base: Option<String>,

    /// Only run the rules that check a control of this framework (`zt-lint rules --framework
    /// NAME` lists them)
    #[arg(long, value_enum)]
    pub framework: Option<Framework>,

    /// Group the Markdown report's findings by the --framework control they fail
    #[arg(long, value_enum, requires = "framework")]
    pub group_by: Option<GroupBy>,

    /// Also run the AWS CloudFormation Guard policies in this .guard file or directory
    /// (repeatable; adds to policy_dirs in the configuration file)
    #[arg(long, value_name = "FILE_OR_DIR")]
    pub policy: Vec<PathBuf>,

    /// Read the input and build its models, but run no rule: the floor the cost of a run is
    /// measured against (bench/single.py). Hidden: it reports nothing a user should act on.
    #[arg(long, hide = true)]
    pub parse_only: bool,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// List the rule catalog, or a framework's controls and the rules that check them
    Rules {
        /// List this framework's controls, the rules that check each, and (CIS) the
        /// recommendations code cannot decide
        #[arg(long, value_enum)]
        framework: Option<Framework>,
    },
    /// Print the documentation of one rule
    Explain {
        /// Rule id (ZT-NET-001) or name (security-group-world-ingress-sensitive-port)
        rule: String,
    },
    /// Write a commented starter .zt-lint.toml
    Init {
        /// Where to write it
        #[arg(default_value = ".zt-lint.toml")]
        path: PathBuf,
        /// Overwrite an existing file
        #[arg(long)]
        force: bool,
    },
    /// Print the resource graph document that `target = graph` Guard policies see (JSON;
    /// schema in the README), or draw the resources with their exposure paths (DOT, Mermaid)
    Graph {
        /// Files and directories to load
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        /// json: the Guard graph document; dot (Graphviz) or mermaid: a picture of every
        /// resource and the references between them, with the exposure paths that the rules
        /// enabled by default find drawn in red
        #[arg(long, value_enum, default_value_t = GraphFormat::Json)]
        format: GraphFormat,
    },
    /// Apply the fixes of findings that have one (safe ones; --unsafe adds the others) in
    /// place, then lint again and report what remains (exit status as for a lint run)
    Fix {
        // Boxed: the lint arguments are large next to the other subcommands'.
        #[command(flatten)]
        lint: Box<LintArgs>,
        /// Also apply fixes that change behaviour a user must review (`zt-lint rules` lists
        /// which rules fix safely)
        #[arg(long = "unsafe")]
        unsafe_fixes: bool,
        /// Print the fixes as a unified diff (for `git apply`) and change nothing; exit 1 when
        /// findings at or above --fail-on would remain
        #[arg(long)]
        diff: bool,
    },
    /// Print a shell completion script (for example: zt-lint completions bash > ~/.local/share/bash-completion/completions/zt-lint)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Reports with source snippets, for people
    Human,
    /// One JSON document (schema in the README)
    Json,
    /// SARIF 2.1.0, for GitHub code scanning
    Sarif,
    /// JUnit XML, for CI test reports
    Junit,
    /// GitHub Actions workflow commands (annotations)
    Github,
    /// A Markdown summary ($GITHUB_STEP_SUMMARY, PR comments)
    Markdown,
    /// file:line:col: severity RULE-ID message
    Compact,
}

impl Format {
    pub fn report_format(self) -> zt_lint::report::Format {
        use zt_lint::report::Format as F;
        match self {
            Format::Human => F::Human,
            Format::Json => F::Json,
            Format::Sarif => F::Sarif,
            Format::Junit => F::Junit,
            Format::Github => F::Github,
            Format::Markdown => F::Markdown,
            Format::Compact => F::Compact,
        }
    }
}

/// What `zt-lint graph` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    Json,
    Dot,
    Mermaid,
}

/// A compliance framework (see `zt_lint::compliance`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Framework {
    /// AWS Security Hub controls (Foundational Security Best Practices)
    Fsbp,
    /// CIS AWS Foundations Benchmark v3.0.0
    #[value(name = "cis-aws-v3")]
    CisAwsV3,
    /// CIS AWS Foundations Benchmark v4.0.1
    #[value(name = "cis-aws-v4")]
    CisAwsV4,
    /// CIS AWS Foundations Benchmark v5.0.0 (Security Hub's CIS v5.0.0 standard)
    #[value(name = "cis-aws-v5")]
    CisAwsV5,
    /// NIST SP 800-53 Revision 5
    #[value(name = "nist-800-53")]
    Nist80053,
    /// NIST SP 800-207 zero-trust tenets
    #[value(name = "nist-800-207")]
    Nist800207,
}

impl Framework {
    pub fn compliance(self) -> zt_lint::compliance::Framework {
        use zt_lint::compliance::Framework as F;
        match self {
            Framework::Fsbp => F::Fsbp,
            Framework::CisAwsV3 => F::CisAwsV3,
            Framework::CisAwsV4 => F::CisAwsV4,
            Framework::CisAwsV5 => F::CisAwsV5,
            Framework::Nist80053 => F::Nist80053,
            Framework::Nist800207 => F::Nist800207,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GroupBy {
    /// One section per control of --framework (Markdown)
    Control,
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
