//! Monitoring: audit logging and threat detection.

pub mod account_baseline_missing;
pub mod api_gateway_access_logs_disabled;
pub mod api_gateway_data_trace_enabled;
pub mod api_gateway_execution_logs_off;
pub mod cloudtrail_log_validation_disabled;
pub mod cloudtrail_logging_stopped;
pub mod cloudtrail_not_encrypted;
pub mod cloudtrail_not_multi_region;
pub mod cloudtrail_without_cloudwatch_logs;
pub mod cloudtrail_without_s3_data_events;
pub mod config_aggregator_not_all_regions;
pub mod config_recorder_not_recording_all;
pub mod database_audit_logs_disabled;
pub mod edge_access_logs_disabled;
pub mod eks_control_plane_logs_incomplete;
pub mod guardduty_detector_disabled;
pub mod load_balancer_access_logs_disabled;
pub mod s3_access_logging_disabled;
pub mod service_logs_disabled;
pub mod session_logs_disabled;
pub mod vpc_flow_logs_disabled;
pub mod waf_logging_disabled;
