//! API front ends: the response caches of AppSync APIs and API Gateway stages.

use super::{Absent, AtRest, Setting, Switch, setting};
use crate::graph::{Resource, Truth};

pub(super) const AT_REST: &[AtRest] = &[
    // AppSync API caches are unencrypted at rest unless asked, and the setting is fixed at
    // creation.
    AtRest {
        kind: "aws_appsync_api_cache",
        switch: Switch::Flag(&["at_rest_encryption_enabled"]),
        keys: &[],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: " (API cache)",
    },
    AtRest {
        kind: "AWS::AppSync::ApiCache",
        switch: Switch::Flag(&["AtRestEncryptionEnabled"]),
        keys: &[],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: " (API cache)",
    },
    // API Gateway caches responses only where caching is on, and encrypts the cache only when
    // `cache_data_encrypted` says so (false by default).
    AtRest {
        kind: "aws_api_gateway_method_settings",
        switch: Switch::FlagWhen {
            when: &["settings", "caching_enabled"],
            flag: &["settings", "cache_data_encrypted"],
        },
        keys: &[],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: " (response cache)",
    },
    // CloudFormation keeps method settings in the stage; without a cache cluster nothing is
    // cached, whatever a method says.
    AtRest {
        kind: "AWS::ApiGateway::Stage",
        switch: Switch::EachFlagWhen {
            list: &["MethodSettings"],
            when: "CachingEnabled",
            flag: "CacheDataEncrypted",
        },
        keys: &[],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: Some(no_cache_cluster),
        note: " (response cache)",
    },
];

/// A stage without a cache cluster (`CacheClusterEnabled` false or absent) caches nothing.
fn no_cache_cluster(r: &Resource) -> bool {
    match setting(r, &["CacheClusterEnabled"]) {
        Setting::Absent => true,
        Setting::Value(v) => v.truth() == Truth::No,
    }
}
