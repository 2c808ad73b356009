//! API front ends: the response caches of AppSync APIs and API Gateway stages, and the
//! execution logging level of API Gateway (REST) stages.

use super::{Absent, AtRest, Facet, Path, Setting, Switch, setting, written};
use crate::graph::{Model, Node, Resource, ResourceId, Truth, Value};
use std::collections::{HashMap, HashSet};

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
        Setting::Value(v) | Setting::UnknownBlock(v) => v.truth() == Truth::No,
    }
}

/// Logging levels at which API Gateway writes a stage's execution log (authorizer decisions,
/// integration errors); `OFF`, the default, writes nothing.
const LOGGING_LEVELS_ON: &[&str] = &["ERROR", "INFO"];

/// Method settings of one API Gateway (REST) stage type: in a list on the stage itself
/// (CloudFormation `MethodSettings`), or in resources that name the stage by its API and its
/// stage name (Terraform `aws_api_gateway_method_settings`).
pub struct StageExecutionLogs {
    pub stage: &'static str,
    pub level: ExecutionLevel,
}

pub enum ExecutionLevel {
    /// A list of method settings on the stage, each with its logging level.
    Inline { list: Path, level: &'static str },
    /// Method settings resources of `kind` naming the stage: their `api` and `stage_name`
    /// attributes equal the stage's attributes of the same names.
    Split {
        kind: &'static str,
        api: &'static str,
        stage_name: &'static str,
        level: Path,
    },
}

pub const STAGE_EXECUTION_LOGS: &[StageExecutionLogs] = &[
    StageExecutionLogs {
        stage: "aws_api_gateway_stage",
        level: ExecutionLevel::Split {
            kind: "aws_api_gateway_method_settings",
            api: "rest_api_id",
            stage_name: "stage_name",
            level: &["settings", "logging_level"],
        },
    },
    StageExecutionLogs {
        stage: "AWS::ApiGateway::Stage",
        level: ExecutionLevel::Inline {
            list: &["MethodSettings"],
            level: "LoggingLevel",
        },
    },
];

/// What names an API or a stage: a resource of the model, or a literal name.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Named {
    Resource(ResourceId),
    Literal(String),
}

/// The split method settings of a model, indexed once by the stage they name, so judging each
/// stage does not scan the model.
pub struct StageLevels<'m> {
    model: &'m Model,
    /// Logging levels by (API, stage name).
    by_name: HashMap<(Named, String), Vec<&'m Node>>,
    /// Logging levels by the stage a method settings resource references directly.
    by_stage: HashMap<ResourceId, Vec<&'m Node>>,
    /// APIs a method settings resource names with a stage name not known statically: any of
    /// their stages might be the one it configures.
    unresolved_apis: HashSet<Named>,
    /// A method settings resource names its API with a value not known statically.
    unresolved_any: bool,
}

impl<'m> StageLevels<'m> {
    pub fn new(model: &'m Model, entry: &StageExecutionLogs) -> StageLevels<'m> {
        let mut levels = StageLevels {
            model,
            by_name: HashMap::new(),
            by_stage: HashMap::new(),
            unresolved_apis: HashSet::new(),
            unresolved_any: false,
        };
        let ExecutionLevel::Split {
            kind,
            api,
            stage_name,
            level,
        } = &entry.level
        else {
            return levels;
        };
        for (_, r) in model.of_kind(&[kind]) {
            if !r.is_managed() {
                continue;
            }
            let level_node = written(r, level);
            let api_named = r.get(api).and_then(|a| levels.named(a));
            let Some(name) = r.get(stage_name) else {
                levels.unresolved_any = true;
                continue;
            };
            // A reference to the stage resource names it whatever its API.
            if let Some((id, _)) = model
                .resolve_kind(name, &[entry.stage])
                .filter(|_| matches!(name.value, Value::Ref(_)))
            {
                levels.by_stage.entry(id).or_default().extend(level_node);
                continue;
            }
            match (name.as_str(), api_named) {
                (Some(name), Some(api)) => levels
                    .by_name
                    .entry((api, name.to_string()))
                    .or_default()
                    .extend(level_node),
                (None, Some(api)) => {
                    levels.unresolved_apis.insert(api);
                }
                (_, None) => levels.unresolved_any = true,
            }
        }
        levels
    }

    fn named(&self, node: &Node) -> Option<Named> {
        match (self.model.resolve(node), node.as_str()) {
            (Some(id), _) => Some(Named::Resource(id)),
            (None, Some(s)) => Some(Named::Literal(s.to_string())),
            (None, None) => None,
        }
    }

    /// Does `stage` write an execution log? `None` when the stage is not of this entry's type.
    pub fn execution_logging(&self, stage: &Resource, entry: &StageExecutionLogs) -> Option<Facet> {
        if stage.kind != entry.stage {
            return None;
        }
        Some(match &entry.level {
            ExecutionLevel::Inline { list, level } => match written(stage, list) {
                None => Facet::no(stage.span, " (no method settings set a logging level)"),
                Some(v) if v.is_unknown() => Facet::of_unknown(v),
                Some(v) => levels_state(
                    stage,
                    v.items().iter().filter_map(|m| m.get(level)),
                    false,
                    true,
                ),
            },
            ExecutionLevel::Split {
                api, stage_name, ..
            } => {
                let mut levels: Vec<&Node> = Vec::new();
                if let Some(id) = self.model.by_address(&stage.address) {
                    levels.extend(self.by_stage.get(&id).into_iter().flatten());
                }
                let stage_api = stage.get(api).and_then(|a| self.named(a));
                let name = stage.get(stage_name).and_then(Node::as_str);
                if let (Some(api), Some(name)) = (&stage_api, name) {
                    levels.extend(
                        self.by_name
                            .get(&(api.clone(), name.to_string()))
                            .into_iter()
                            .flatten(),
                    );
                }
                // A stage whose own API or name is not known statically cannot be matched by
                // name either.
                let unresolved = self.unresolved_any
                    || name.is_none()
                    || stage_api.is_none_or(|a| self.unresolved_apis.contains(&a));
                levels_state(stage, levels.into_iter(), unresolved, false)
            }
        })
    }
}

/// On when any method setting logs at ERROR or INFO; unknown when one is not known statically,
/// or (`unresolved`) when a method setting that might name this stage cannot be matched. An
/// `OFF` is pointed at when it is written in the stage itself (`inline`), else the stage is.
fn levels_state<'a>(
    stage: &Resource,
    levels: impl Iterator<Item = &'a Node>,
    unresolved: bool,
    inline: bool,
) -> Facet {
    let mut unknown = None;
    let mut off = None;
    for level in levels {
        match level.as_str() {
            Some(s)
                if LOGGING_LEVELS_ON
                    .iter()
                    .any(|on| on.eq_ignore_ascii_case(s)) =>
            {
                return Facet::yes(level.span);
            }
            Some(_) => {
                off.get_or_insert(level);
            }
            None => {
                unknown.get_or_insert_with(|| Facet::of_unknown(level));
            }
        }
    }
    if let Some(unknown) = unknown {
        return unknown;
    }
    if unresolved {
        return Facet::unknown(
            stage.span,
            "a method settings resource names its stage with a value not known statically",
        );
    }
    match off {
        Some(level) if inline => Facet::no(level.span, ""),
        Some(_) => Facet::no(
            stage.span,
            " (its method settings set the logging level to OFF)",
        ),
        None => Facet::no(stage.span, " (no method settings set a logging level)"),
    }
}
