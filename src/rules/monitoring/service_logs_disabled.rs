use crate::aws::LogFamily;
use crate::rules::settings::require_audit_logging;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-017",
    name: "service-logs-disabled",
    pillar: Pillar::Monitoring,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Managed service keeps no log of who used it",
    docs: r#"
## What it checks
Managed services whose own log of callers and actions is off, as the AWS service catalog
describes them:
- Amazon MQ brokers without general logs, or (ActiveMQ) without audit logs: `logs { general,
  audit }` / `Logs: {General, Audit}`, both off by default. RabbitMQ has no audit log.
- MSK clusters whose brokers log to no destination (CloudWatch Logs, Firehose or S3 under
  `logging_info.broker_logs` / `LoggingInfo.BrokerLogs`).
- OpenSearch and Elasticsearch domains that do not publish audit logs (`log_publishing_options`
  of type `AUDIT_LOGS` in Terraform, `LogPublishingOptions.AUDIT_LOGS` with `Enabled: true` in
  CloudFormation). A domain that publishes only slow or application logs is reported too.
- CodeBuild projects whose CloudWatch Logs status is `DISABLED` while S3 logs are not
  `ENABLED` (CloudWatch build logs are on by default, so a project without a logs block passes).
- AppSync GraphQL APIs without a log configuration (`log_config` / `LogConfig`).
- ECS clusters whose ECS Exec logging is `NONE` (absent or `DEFAULT`, sessions go to the task
  definition's `awslogs` configuration).
- Managed Airflow (MWAA) environments that do not send scheduler, worker and web server logs
  to CloudWatch Logs (`logging_configuration { scheduler_logs, worker_logs, webserver_logs }`
  with `enabled = true`; the provider documents each as disabled by default). In
  CloudFormation a module left out of `LoggingConfiguration` is undecided: the MWAA API does
  not document its default.
- Public Route 53 hosted zones without DNS query logging: no query log resource naming the
  zone in Terraform, no `QueryLoggingConfig` in CloudFormation. Private zones are not reported
  (Resolver query logging, per VPC, covers them). A query log naming its zone with a value not
  known statically leaves the zone undecided.
- Client VPN endpoints whose connection logging is off (`connection_log_options { enabled =
  false }` / `ConnectionLogOptions.Enabled: false`; both formats require the setting).
- Site-to-Site VPN connections where either of the two tunnels AWS creates does not send its
  log to CloudWatch Logs: `tunnel1_log_options` and `tunnel2_log_options` each need
  `cloudwatch_log_options { log_enabled = true }`; in CloudFormation each of the two elements
  of `VpnTunnelOptionsSpecifications` needs `LogOptions.CloudwatchLogOptions.LogEnabled: true`
  (a tunnel without an element takes the defaults). `log_enabled` / `LogEnabled` is false by
  default in both.
A setting not known statically is undecided, not reported.

## Why it matters
Each of these services is a way into data or into running workloads: a broker's connections, a
search cluster's queries, a build that holds deployment credentials, a shell opened in a
container, the names a workload resolves. Their own log is the only record of which identity
did what through them; without it, misuse of a stolen credential leaves nothing to investigate.
A Client VPN endpoint is a door into the VPC: its connection log is the only record of which
certificate or user connected, from which address, and when. A Site-to-Site VPN tunnel's log
is the only record of which peer negotiated it and when it went up or down.

## How to fix
Terraform: `logs { general = true, audit = true }` (MQ); `logging_info { broker_logs {
cloudwatch_logs { enabled = true, log_group = ... } } }` (MSK); `log_publishing_options {
log_type = "AUDIT_LOGS", cloudwatch_log_group_arn = ... }` (OpenSearch, with fine-grained access
control); drop `status = "DISABLED"` from CodeBuild's `logs_config`; `log_config {
cloudwatch_logs_role_arn = ..., field_log_level = "ERROR" }` (AppSync); `logging = "DEFAULT"` or
`"OVERRIDE"` (ECS Exec); `enabled = true` in each Airflow log module (MWAA); an `aws_route53_query_log` for the zone;
`connection_log_options { enabled = true, cloudwatch_log_group = ... }` (Client VPN);
`tunnel1_log_options` and `tunnel2_log_options { cloudwatch_log_options { log_enabled = true,
log_group_arn = ... } }` (Site-to-Site VPN).
CloudFormation: `Logs: {General: true, Audit: true}`; `LoggingInfo.BrokerLogs.CloudWatchLogs:
{Enabled: true, LogGroup: ...}`; `LogPublishingOptions: {AUDIT_LOGS: {Enabled: true,
CloudWatchLogsLogGroupArn: ...}}`; `LogsConfig.CloudWatchLogs.Status: ENABLED`; `LogConfig`;
`Logging: DEFAULT`; `LoggingConfiguration.{SchedulerLogs,WorkerLogs,WebserverLogs}.Enabled:
true`; `QueryLoggingConfig: {CloudWatchLogsLogGroupArn: ...}`; `ConnectionLogOptions: {Enabled:
true, CloudwatchLogGroup: ...}`; in both elements of `VpnTunnelOptionsSpecifications`,
`LogOptions: {CloudwatchLogOptions: {LogEnabled: true, LogGroupArn: ...}}`.

## References
- AWS Security Hub MQ.2, Opensearch.5, CodeBuild.4, AppSync.2, Route53.2, EC2.51, EC2.171; AWS Config
  mq-cloudwatch-audit-logging-enabled
- Amazon ECS Developer Guide: logging ECS Exec sessions
- Amazon Route 53 Developer Guide: public DNS query logging
"#,
    fix_terraform: "turn on the service's own logs (MQ logs, MSK broker_logs, OpenSearch AUDIT_LOGS, CodeBuild logs_config, AppSync log_config, ECS Exec logging, Route 53 query log, Client VPN connection_log_options, VPN tunnel1/tunnel2_log_options)",
    fix_cloudformation: "turn on the service's own logs (Logs, LoggingInfo, LogPublishingOptions.AUDIT_LOGS, LogsConfig, LogConfig, ExecuteCommandConfiguration.Logging, QueryLoggingConfig, ConnectionLogOptions, VpnTunnelOptionsSpecifications[].LogOptions)",
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_audit_logging(ctx, LogFamily::Service, "keeps no log of who used it");
}
