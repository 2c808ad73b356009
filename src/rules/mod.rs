//! The rule registry. Each rule lives in its own file with its metadata and check, and its page
//! (what it checks, why, how to fix it in each format, references) in a Markdown file of the
//! same name under `src/rule_pages/<pillar>/`; adding a rule touches those two files, its
//! fixtures and one line in [`RULES`]. Rules read resource types and settings from the catalog
//! (`crate::aws`) and name no format; the pages, which tell users what to write in each format,
//! are kept out of this directory so that it holds no format vocabulary at all
//! (`tests/architecture.rs`).

/// A rule's page, `rule_page!("<pillar>/<rule>.md")` under `src/rule_pages/`, read at compile
/// time. Defined before the rule modules so that they see it without an import.
macro_rules! rule_page {
    ($file:literal) => {
        $crate::rules::page::RulePage::parse(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src/rule_pages/",
            $file
        )))
    };
}

pub(crate) mod containers;
pub mod data;
pub mod identity;
pub mod monitoring;
pub mod network;
pub mod page;
pub mod settings;
pub mod workload;

use crate::graph::network::{PublicRoute, PublicSubnets};
use crate::graph::policy::{self, AttachedPolicy, PolicyKind};
use crate::graph::reachability::Reachability;
use crate::graph::security_group::{self, SecurityGroupRule};
use crate::graph::{Model, Origin, Resource, Truth};
use crate::source::Span;
pub use page::RulePage;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "low" => Some(Severity::Low),
            "medium" => Some(Severity::Medium),
            "high" => Some(Severity::High),
            "critical" => Some(Severity::Critical),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Zero-trust pillars the catalog is grouped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Pillar {
    Identity,
    Network,
    Workload,
    Data,
    Monitoring,
}

impl Pillar {
    pub fn name(self) -> &'static str {
        match self {
            Pillar::Identity => "identity",
            Pillar::Network => "network",
            Pillar::Workload => "workload",
            Pillar::Data => "data",
            Pillar::Monitoring => "monitoring",
        }
    }
}

/// Input formats a rule can judge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    Terraform,
    Plan,
    CloudFormation,
}

impl Input {
    pub fn name(self) -> &'static str {
        match self {
            Input::Terraform => "terraform",
            Input::Plan => "plan",
            Input::CloudFormation => "cloudformation",
        }
    }
}

pub const ALL_INPUTS: &[Input] = &[Input::Terraform, Input::Plan, Input::CloudFormation];
/// For settings CloudFormation has no resource for (an account password policy, say).
pub const TERRAFORM_INPUTS: &[Input] = &[Input::Terraform, Input::Plan];

pub struct Rule {
    /// Stable id, e.g. `ZT-NET-001`.
    pub id: &'static str,
    /// Kebab-case name; works wherever the id does.
    pub name: &'static str,
    pub pillar: Pillar,
    pub severity: Severity,
    pub enabled_by_default: bool,
    /// The input formats this rule judges (each has fixtures).
    pub inputs: &'static [Input],
    /// One line: what is wrong, for listings and SARIF short descriptions.
    pub summary: &'static str,
    /// What it checks, why it matters, how to fix it, references, and the one-line fixes.
    pub page: RulePage,
    pub check: fn(&mut Context<'_>),
}

impl Rule {
    pub fn fix_for(&self, origin: Origin) -> &'static str {
        match origin {
            Origin::CloudFormation => self.page.fix_cloudformation,
            Origin::Terraform | Origin::Plan => self.page.fix_terraform,
        }
    }
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id)
    }
}

/// Every rule, in id order.
pub static RULES: &[&Rule] = &[
    &identity::iam_policy_full_admin::RULE,
    &identity::iam_policy_service_wildcard::RULE,
    &identity::iam_policy_wildcard_resource_sensitive_actions::RULE,
    &identity::iam_policy_wildcard_resource_write_actions::RULE,
    &identity::iam_role_trust_any_principal::RULE,
    &identity::iam_role_cross_account_without_external_id::RULE,
    &identity::iam_role_oidc_trust_without_subject::RULE,
    &identity::iam_static_credentials::RULE,
    &identity::iam_policy_attached_to_user::RULE,
    &identity::iam_admin_managed_policy_attached::RULE,
    &identity::account_password_policy_weak::RULE,
    &identity::internet_workload_reads_private_store::RULE,
    &identity::iam_role_long_sessions::RULE,
    &identity::lambda_permission_without_source::RULE,
    &identity::iam_policy_all_actions_scoped_resource::RULE,
    &identity::resource_policy_wildcard_action::RULE,
    &identity::rds_iam_authentication_disabled::RULE,
    &identity::cognito_identity_pool_unauthenticated::RULE,
    &identity::efs_access_point_unscoped::RULE,
    &identity::search_domain_without_fine_grained_access::RULE,
    &identity::console_user_mfa_not_required::RULE,
    &identity::cognito_user_pool_without_mfa::RULE,
    &identity::graphql_api_key_authentication::RULE,
    &identity::iot_policy_unscoped::RULE,
    &network::security_group_world_ingress_sensitive_port::RULE,
    &network::security_group_unrestricted_egress::RULE,
    &network::database_publicly_accessible::RULE,
    &network::data_store_in_public_subnet::RULE,
    &network::security_group_world_ingress_other_port::RULE,
    &network::default_security_group_allows_traffic::RULE,
    &network::subnet_auto_assigns_public_ip::RULE,
    &network::instance_public_ip::RULE,
    &network::network_acl_allows_all_from_world::RULE,
    &network::load_balancer_http_without_redirect::RULE,
    &network::tls_policy_outdated::RULE,
    &network::eks_public_endpoint::RULE,
    &network::unauthenticated_endpoint::RULE,
    &network::vpc_endpoint_policy_allows_all::RULE,
    &network::s3_access_point_internet_origin::RULE,
    &network::network_acl_admin_port_from_world::RULE,
    &network::image_or_snapshot_shared_publicly::RULE,
    &network::sagemaker_notebook_direct_internet::RULE,
    &network::emr_block_public_access_disabled::RULE,
    &network::vpc_endpoint_bypassed::RULE,
    &network::data_store_reachable_from_internet::RULE,
    &network::data_store_reachable_from_internet_facing_instance::RULE,
    &network::instance_admin_port_reachable_from_internet::RULE,
    &network::identity_shared_across_exposure::RULE,
    &network::service_endpoint_public::RULE,
    &network::connection_requests_auto_accepted::RULE,
    &network::redshift_enhanced_vpc_routing_disabled::RULE,
    &network::web_acl_missing::RULE,
    &network::node_group_ssh_from_anywhere::RULE,
    &network::peering_route_to_everywhere::RULE,
    &network::cloudfront_s3_origin_without_access_control::RULE,
    &network::api_stage_without_client_certificate::RULE,
    &network::network_firewall_passes_unmatched_traffic::RULE,
    &network::database_certificate_authority_expired::RULE,
    &network::in_memory_store_without_authentication::RULE,
    &workload::imdsv2_not_required::RULE,
    &workload::instance_ssh_key_pair::RULE,
    &workload::ecs_container_privileged::RULE,
    &workload::ecr_image_scan_disabled::RULE,
    &workload::ecr_mutable_tags::RULE,
    &workload::workload_role_admin::RULE,
    &workload::user_data_aws_credentials::RULE,
    &workload::sagemaker_notebook_root_access::RULE,
    &workload::sagemaker_model_network_isolation::RULE,
    &workload::container_root_filesystem_writable::RULE,
    &workload::user_data_secret::RULE,
    &data::storage_not_encrypted::RULE,
    &data::s3_bucket_default_encryption_only::RULE,
    &data::s3_public_access_block_missing::RULE,
    &data::s3_public_access_block_disabled::RULE,
    &data::s3_bucket_public_acl::RULE,
    &data::resource_policy_public::RULE,
    &data::s3_bucket_without_secure_transport::RULE,
    &data::encryption_in_transit_disabled::RULE,
    &data::kms_key_rotation_disabled::RULE,
    &data::plaintext_secret::RULE,
    &data::secret_without_rotation::RULE,
    &data::no_customer_managed_key::RULE,
    &data::database_ssl_not_enforced::RULE,
    &data::security_configuration_missing::RULE,
    &data::topic_policy_cross_account::RULE,
    &data::s3_object_acls_enabled::RULE,
    &data::session_data_without_kms_key::RULE,
    &data::iam_policy_decrypts_with_any_key::RULE,
    &data::s3_bucket_website_endpoint::RULE,
    &monitoring::cloudtrail_not_multi_region::RULE,
    &monitoring::cloudtrail_log_validation_disabled::RULE,
    &monitoring::cloudtrail_not_encrypted::RULE,
    &monitoring::cloudtrail_without_cloudwatch_logs::RULE,
    &monitoring::guardduty_detector_disabled::RULE,
    &monitoring::config_recorder_not_recording_all::RULE,
    &monitoring::s3_access_logging_disabled::RULE,
    &monitoring::load_balancer_access_logs_disabled::RULE,
    &monitoring::vpc_flow_logs_disabled::RULE,
    &monitoring::account_baseline_missing::RULE,
    &monitoring::cloudtrail_without_s3_data_events::RULE,
    &monitoring::database_audit_logs_disabled::RULE,
    &monitoring::eks_control_plane_logs_incomplete::RULE,
    &monitoring::cloudtrail_logging_stopped::RULE,
    &monitoring::api_gateway_access_logs_disabled::RULE,
    &monitoring::waf_logging_disabled::RULE,
    &monitoring::service_logs_disabled::RULE,
    &monitoring::edge_access_logs_disabled::RULE,
    &monitoring::api_gateway_data_trace_enabled::RULE,
    &monitoring::api_gateway_execution_logs_off::RULE,
    &monitoring::session_logs_disabled::RULE,
    &monitoring::config_aggregator_not_all_regions::RULE,
];

pub fn find(id_or_name: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.id.eq_ignore_ascii_case(id_or_name) || r.name == id_or_name)
}

/// The catalog as a Markdown table: the README's rule table is generated from this.
pub fn catalog_markdown(rules: &[&Rule]) -> String {
    let mut out = String::from(
        "| ID | Name | Pillar | Severity | Default | What it flags |\n|---|---|---|---|---|---|\n",
    );
    for r in rules {
        out.push_str(&format!(
            "| {} | `{}` | {} | {} | {} | {} |\n",
            r.id,
            r.name,
            r.pillar.name(),
            r.severity.name(),
            if r.enabled_by_default { "on" } else { "off" },
            r.summary
        ));
    }
    out
}

/// A rule's documentation page: what `zt-lint explain` prints and `docs/rules/<ID>.md` holds.
pub fn rule_page(r: &Rule) -> String {
    let inputs: Vec<&str> = r.inputs.iter().map(|i| i.name()).collect();
    let disrupted = crate::fix::disrupted_kinds(r.id);
    let fix = match crate::fix::safety(r.id) {
        Some(crate::fix::Safety::Safe) if !disrupted.is_empty() => format!(
            " Fix: safe (`zt-lint fix` applies it), except on {}, which the change restarts or \
             replaces: unsafe there (`zt-lint fix --unsafe` applies it).",
            disrupted.join(", ")
        ),
        Some(crate::fix::Safety::Safe) => " Fix: safe (`zt-lint fix` applies it).".to_string(),
        Some(crate::fix::Safety::Unsafe) => {
            " Fix: unsafe (`zt-lint fix --unsafe` applies it).".to_string()
        }
        None => String::new(),
    };
    format!(
        "# {} {}\n\n{}\n\nPillar: {}. Severity: {}. Enabled by default: {}. Inputs: {}.{fix}\n{}",
        r.id,
        r.name,
        r.summary,
        r.pillar.name(),
        r.severity.name(),
        if r.enabled_by_default { "yes" } else { "no" },
        inputs.join(", "),
        r.page.docs
    )
}

/// Where a rule's page is published, relative to the repository: SARIF's `helpUri` points there.
pub fn rule_page_path(r: &Rule) -> String {
    format!("docs/rules/{}.md", r.id)
}

/// One violation.
#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: &'static Rule,
    pub resource: String,
    pub resource_type: String,
    /// The offending value, or the resource header when something is missing.
    pub span: Span,
    /// The resource header (block labels or logical id).
    pub resource_span: Span,
    pub message: String,
    pub origin: Origin,
    /// Module calls through which the resource was reached, outermost first.
    pub module_calls: Vec<Span>,
    /// For a plan finding moved to its Terraform source: where it is in the plan.
    pub plan_span: Option<Span>,
    /// Other places that explain the finding, each with a note (where a module uses the
    /// input its caller set, say).
    pub related: Vec<(Span, String)>,
    /// What the rule would change to resolve it (empty when it offers no fix); `fix` turns it
    /// into text edits.
    pub changes: Vec<crate::fix::Change>,
    /// Applying the changes restarts the running resource (AWS stops it to update it): `fix`
    /// labels the fix unsafe whatever the rule's own safety, since a restart interrupts work.
    pub fix_restarts: bool,
    /// For an exposure path: its hops in order, after the internet (which every path starts
    /// from), so reports draw the path without running the analysis again. Empty otherwise.
    pub path: Vec<PathHop>,
}

/// One hop of an exposure path as reports draw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathHop {
    /// The hop as the message names it (`aws_security_group.db (tcp/5432 from 0.0.0.0/0)`).
    pub label: String,
    /// Where the hop is declared.
    pub span: Span,
    /// The resource the hop belongs to, when it is one of the model's (the default network
    /// ACL of a VPC is not).
    pub resource: Option<String>,
}

/// The resource a hop belongs to: a hop's label names its resource's address first, then what
/// it contributes in parentheses (see [`crate::graph::reachability::describe`]).
fn hop_resource(model: &Model, label: &str) -> Option<String> {
    let address = label.split(" (").next()?;
    model.by_address(address).map(|_| address.to_string())
}

/// A check that could not be decided because a value is unknown (`--show-unknown`).
#[derive(Clone, Debug)]
pub struct Undecided {
    pub rule: &'static Rule,
    pub resource: String,
    pub span: Span,
    pub reason: String,
    /// The resource's header: a suppression written there (or in its Metadata) applies, as it
    /// does to the resource's findings.
    pub resource_span: Span,
    /// The module calls through which the resource is reached, outermost first.
    pub module_calls: Vec<Span>,
}

/// Views of one model that several rules read, built by the first rule that asks and then
/// shared by every rule run over the model (the four path rules all need the reachability
/// index; building it once per rule was four times the work).
#[derive(Default)]
pub struct ModelViews<'a> {
    reachability: std::sync::OnceLock<Reachability<'a>>,
    reachability_through_load_balancers: std::sync::OnceLock<Reachability<'a>>,
    /// Three rules read every security group rule of the model; gathering them resolves each
    /// rule's group, so it is done once.
    security_group_rules: std::sync::OnceLock<Vec<SecurityGroupRule<'a>>>,
    public_subnets: PublicSubnets<'a>,
}

/// What a rule sees and where it reports.
pub struct Context<'a> {
    pub model: &'a Model,
    pub rule: &'static Rule,
    pub findings: Vec<Finding>,
    pub undecided: Vec<Undecided>,
    /// Rule options from `.zt-lint.toml` (`[options]`); defaults when there is none.
    pub options: &'a crate::config::RuleOptions,
    views: &'a ModelViews<'a>,
}

impl<'a> Context<'a> {
    /// A context for `rule` over `model`; `views` are those of this model, shared with the
    /// other rules run over it.
    pub fn new(model: &'a Model, rule: &'static Rule, views: &'a ModelViews<'a>) -> Context<'a> {
        Context {
            model,
            rule,
            findings: Vec::new(),
            undecided: Vec::new(),
            options: &crate::config::DEFAULT_RULE_OPTIONS,
            views,
        }
    }

    /// Managed resources of the given kinds, in model order. Read from the model's index of
    /// kinds: a scan of every resource per rule would multiply the model by the catalog.
    pub fn resources(&self, kinds: &[&str]) -> impl Iterator<Item = &'a Resource> + use<'a> {
        self.model
            .of_kind(kinds)
            .map(|(_, r)| r)
            .filter(|r| r.is_managed())
    }

    /// The model's reachability index, built once per model.
    pub fn reachability(&self) -> &'a Reachability<'a> {
        self.views.reachability.get_or_init(|| {
            Reachability::new(
                self.model,
                &crate::aws::networking::REACHABILITY,
                self.security_group_rules(),
            )
        })
    }

    /// The model's reachability index that also follows internet-facing load balancers to
    /// their targets, built once per model.
    pub fn reachability_through_load_balancers(&self) -> &'a Reachability<'a> {
        self.views
            .reachability_through_load_balancers
            .get_or_init(|| {
                Reachability::new(
                    self.model,
                    &crate::aws::networking::REACHABILITY,
                    self.security_group_rules(),
                )
                .with_load_balancers(&crate::aws::load_balancing::INTERNET_FACING)
            })
    }

    /// Every security group rule of the model, in model order, gathered once per model.
    pub fn security_group_rules(&self) -> &'a [SecurityGroupRule<'a>] {
        self.views.security_group_rules.get_or_init(|| {
            security_group::rules(self.model, &crate::aws::networking::SECURITY_GROUPS)
        })
    }

    /// Is the subnet public? Answered once per subnet and model (see
    /// [`crate::graph::network::subnet_is_public`]).
    pub fn subnet_is_public(
        &self,
        subnet: crate::graph::ResourceId,
    ) -> (Truth, Option<PublicRoute<'a>>) {
        self.views
            .public_subnets
            .get(self.model, &crate::aws::networking::ROUTES, subnet)
    }

    pub fn report(&mut self, resource: &Resource, span: Span, message: impl Into<String>) {
        self.report_fixable(resource, span, message, Vec::new());
    }

    /// Reports a finding with the changes that would resolve it (see [`crate::fix`]).
    pub fn report_fixable(
        &mut self,
        resource: &Resource,
        span: Span,
        message: impl Into<String>,
        changes: Vec<crate::fix::Change>,
    ) {
        self.report_fixable_restarting(resource, span, message, changes, false);
    }

    /// Reports a finding with a fix that, when `restarts`, restarts the running resource to
    /// apply (see [`Finding::fix_restarts`]).
    pub fn report_fixable_restarting(
        &mut self,
        resource: &Resource,
        span: Span,
        message: impl Into<String>,
        changes: Vec<crate::fix::Change>,
        restarts: bool,
    ) {
        self.findings.push(Finding {
            rule: self.rule,
            resource: resource.address.clone(),
            resource_type: resource.kind.clone(),
            span,
            resource_span: resource.span,
            message: message.into(),
            origin: self.model.origin,
            module_calls: resource.module_calls.clone(),
            plan_span: None,
            related: Vec::new(),
            changes,
            fix_restarts: restarts,
            path: Vec::new(),
        });
    }

    /// Reports an exposure path: each hop is a related location with its note, and the hops in
    /// order are the finding's [`Finding::path`].
    pub fn report_path(
        &mut self,
        resource: &Resource,
        span: Span,
        message: impl Into<String>,
        hops: Vec<crate::graph::reachability::Hop>,
    ) {
        self.report(resource, span, message);
        let model = self.model;
        if let Some(finding) = self.findings.last_mut() {
            finding.path = hops
                .iter()
                .map(|h| PathHop {
                    label: h.label.clone(),
                    span: h.span,
                    resource: hop_resource(model, &h.label),
                })
                .collect();
            finding.related = hops.into_iter().map(|h| (h.span, h.note)).collect();
        }
    }

    /// Records that the rule could not decide because of an unknown value.
    pub fn unknown(&mut self, resource: &Resource, node: &crate::graph::Node) {
        let reason = node
            .unknown_reason()
            .unwrap_or("value not known statically")
            .to_string();
        self.undecided_because(resource, node.span, reason);
    }

    /// Records that the rule could not decide `resource` at `span`, for a reason the rule
    /// words itself (what is unknown and why).
    pub fn undecided_because(&mut self, resource: &Resource, span: Span, reason: String) {
        self.undecided.push(Undecided {
            rule: self.rule,
            resource: resource.address.clone(),
            span,
            reason,
            resource_span: resource.span,
            module_calls: resource.module_calls.clone(),
        });
    }

    /// The policies of one kind attached in the model. A document that could not be read (a
    /// variable, a template whose directives depend on unknowns) is reported as undecided
    /// here, so no rule that reads policies passes over it in silence.
    pub fn policies(&mut self, kind: PolicyKind) -> Vec<AttachedPolicy<'a>> {
        self.policies_where(kind, |_| true)
    }

    /// [`Context::policies`] of the attachments a rule judges (`judged`): an unread document
    /// the rule would not judge anyway is not its undecided check.
    pub fn policies_where(
        &mut self,
        kind: PolicyKind,
        judged: impl Fn(&AttachedPolicy<'a>) -> bool,
    ) -> Vec<AttachedPolicy<'a>> {
        let mut out = Vec::new();
        for attached in policy::attached_policies(self.model, &crate::aws::identity::POLICIES) {
            if attached.kind != kind || !judged(&attached) {
                continue;
            }
            match &attached.document.unread {
                Some(unread) => self.unknown(attached.resource, unread),
                None => out.push(attached),
            }
        }
        out
    }

    /// Reports each statement of `attached` that allows any principal with no condition
    /// narrowing the callers (as "`address` <predicate>"); a statement whose condition is not
    /// known stays undecided.
    pub fn report_open_to_anyone(&mut self, attached: &AttachedPolicy<'_>, predicate: &str) {
        for statement in &attached.document.statements {
            let Some((anyone, narrowed)) = statement.open_to_anyone() else {
                continue;
            };
            let all_but_named = statement.allows_all_but_named().is_some();
            // IAM rejects `NotPrincipal` in a trust policy: such a role is never created.
            if all_but_named && attached.kind == PolicyKind::Trust {
                continue;
            }
            let except = if all_but_named {
                " except those in NotPrincipal (anonymous users included)"
            } else {
                ""
            };
            match narrowed {
                Truth::No => self.report(
                    attached.resource,
                    anyone.span,
                    format!("`{}` {predicate}{except}", attached.resource.address),
                ),
                Truth::Unknown => self.unknown(attached.resource, anyone),
                Truth::Yes => {}
            }
        }
    }
}

/// Runs one rule over one model.
pub fn run(rule: &'static Rule, model: &Model) -> (Vec<Finding>, Vec<Undecided>) {
    let views = ModelViews::default();
    let mut ctx = Context::new(model, rule, &views);
    (rule.check)(&mut ctx);
    (ctx.findings, ctx.undecided)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Map, Mode};

    fn resource(address: &str, kind: &str, mode: Mode) -> Resource {
        Resource {
            address: address.into(),
            kind: kind.into(),
            mode,
            span: Span::default(),
            attrs: Map::default(),
            module_calls: Vec::new(),
            metadata: None,
        }
    }

    #[test]
    fn resources_are_the_managed_ones_of_the_kinds_in_model_order() {
        let model = Model::new(
            Origin::Terraform,
            vec![
                resource("aws_vpc.a", "aws_vpc", Mode::Managed),
                resource("aws_subnet.a", "aws_subnet", Mode::Managed),
                resource("data.aws_vpc.b", "aws_vpc", Mode::Data),
                resource("aws_s3_bucket.b", "aws_s3_bucket", Mode::Managed),
                resource("aws_vpc.c", "aws_vpc", Mode::Managed),
            ],
        );
        let views = ModelViews::default();
        let ctx = Context::new(&model, RULES[0], &views);
        let addresses: Vec<&str> = ctx
            .resources(&["aws_vpc", "aws_subnet", "aws_vpc"])
            .map(|r| r.address.as_str())
            .collect();
        assert_eq!(addresses, ["aws_vpc.a", "aws_subnet.a", "aws_vpc.c"]);
    }

    #[test]
    fn rules_over_one_model_share_its_reachability_index() {
        let model = Model::new(Origin::Terraform, Vec::new());
        let views = ModelViews::default();
        let first = Context::new(&model, RULES[0], &views).reachability();
        let second = Context::new(&model, RULES[1], &views).reachability();
        assert!(std::ptr::eq(first, second));
        let other_views = ModelViews::default();
        let third = Context::new(&model, RULES[1], &other_views).reachability();
        assert!(!std::ptr::eq(first, third));
    }
}
