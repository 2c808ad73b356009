use crate::aws::{UNKNOWN_BLOCK, json_document, tls};
use crate::fix::{Change, Literal};
use crate::graph::{Node, Resource, Truth};
use crate::rules::settings::{Setting, require_bool_without_fix, setting};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-DAT-008",
    name: "encryption-in-transit-disabled",
    pillar: Pillar::Data,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Data service does not encrypt traffic in transit",
    page: rule_page!("data/encryption_in_transit_disabled.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_bool_without_fix(
        ctx,
        tls::CACHE_TRANSIT_ENCRYPTION,
        true,
        "does not encrypt connections to the cache",
    );
    require_where_it_applies(
        ctx,
        tls::MEMCACHED_TRANSIT_ENCRYPTION,
        "does not encrypt connections to the cache",
    );
    require_bool_without_fix(
        ctx,
        tls::NODE_TO_NODE_ENCRYPTION,
        true,
        "does not encrypt traffic between its nodes",
    );
    enforce_https(ctx);
    msk(ctx);
    ecs_efs_volumes(ctx);
    cloudfront(ctx);
    require_bool_without_fix(
        ctx,
        tls::MEMORYDB_TLS,
        true,
        "does not encrypt connections to the cluster",
    );
    require_bool_without_fix(
        ctx,
        tls::DB_PROXY_TLS,
        true,
        "accepts database connections without TLS",
    );
    require_bool_without_fix(
        ctx,
        tls::APPSYNC_CACHE_TRANSIT_ENCRYPTION,
        true,
        "does not encrypt traffic to the cache",
    );
    dax(ctx);
    require_bool_without_fix(
        ctx,
        tls::CLOUDSEARCH_ENFORCE_HTTPS,
        true,
        "accepts plain HTTP",
    );
    require_bool_without_fix(
        ctx,
        tls::MONITORING_INTER_CONTAINER_ENCRYPTION,
        true,
        "does not encrypt traffic between its monitoring instances",
    );
    require_mode(ctx, tls::SES_TLS_POLICY, "may deliver mail in plain text");
    require_mode(
        ctx,
        tls::DMS_SSL_MODE,
        "connects to its database without TLS",
    );
    transfer_protocols(ctx);
    plaintext_protocols(ctx);
    cloudfront_origins(ctx);
    emr_security_configurations(ctx);
}

/// Switches that must be on where they apply: off, or absent with an off default, is reported;
/// a resource whose switch or applicability is not known statically stays undecided.
fn require_where_it_applies(
    ctx: &mut Context<'_>,
    entries: &[tls::ConditionalToggle],
    predicate: &str,
) {
    for entry in entries {
        let toggle = &entry.toggle;
        let name = toggle.path.last().copied().unwrap_or_default();
        for r in ctx
            .resources(std::slice::from_ref(&toggle.kind))
            .collect::<Vec<_>>()
        {
            if !applies(ctx, r, (entry.applies)(r), name) {
                continue;
            }
            match setting(r, toggle.path) {
                Setting::UnknownBlock(block) => {
                    ctx.undecided_because(r, block.span, UNKNOWN_BLOCK.to_string())
                }
                Setting::Value(v) if !v.is_unset() => match v.truth() {
                    Truth::Yes => {}
                    Truth::No => ctx.report(r, v.span, format!("`{}` {predicate}", r.address)),
                    Truth::Unknown => ctx.unknown(r, v),
                },
                _ if toggle.default => {}
                _ => ctx.report(
                    r,
                    r.span,
                    format!(
                        "`{}` {predicate} ({name} is not set and defaults to false)",
                        r.address
                    ),
                ),
            }
        }
    }
}

/// Whether a setting that holds only for some resources of a kind applies to `r`; when that is
/// not known statically, the resource is listed as undecided and skipped.
fn applies(ctx: &mut Context<'_>, r: &Resource, applies: Truth, name: &str) -> bool {
    match applies {
        Truth::Yes => true,
        Truth::No => false,
        Truth::Unknown => {
            ctx.unknown(
                r,
                &Node::unknown(
                    format!("whether `{name}` applies is not known statically"),
                    r.span,
                ),
            );
            false
        }
    }
}

/// EMR security configurations that leave traffic between cluster nodes unencrypted.
fn emr_security_configurations(ctx: &mut Context<'_>) {
    for &(kind, document) in tls::EMR_IN_TRANSIT {
        for r in ctx.resources(&[kind]).collect::<Vec<_>>() {
            let Some(written) = r.get(document).filter(|v| !v.is_null()) else {
                continue;
            };
            let doc = match json_document(written) {
                Ok(doc) => doc,
                Err(v) => {
                    ctx.unknown(r, v);
                    continue;
                }
            };
            let switch = doc.path(tls::EMR_IN_TRANSIT_SWITCH);
            match switch.map(Node::truth) {
                Some(Truth::Yes) => {}
                Some(Truth::Unknown) => {
                    if let Some(v) = switch {
                        ctx.unknown(r, v);
                    }
                }
                Some(Truth::No) | None => ctx.report(
                    r,
                    switch.map_or(written.span, |v| v.span),
                    format!(
                        "`{}` does not encrypt traffic between cluster nodes (EnableInTransitEncryption is off)",
                        r.address
                    ),
                ),
            }
        }
    }
}

/// Reports resources whose mode setting is not one of the secure values: at the value when
/// written, at the resource header when the default applies.
fn require_mode(ctx: &mut Context<'_>, entries: &[tls::RequiredMode], predicate: &str) {
    for entry in entries {
        let name = entry.path.last().copied().unwrap_or_default();
        for r in ctx
            .resources(std::slice::from_ref(&entry.kind))
            .collect::<Vec<_>>()
        {
            if !applies(ctx, r, entry.applies.map_or(Truth::Yes, |f| f(r)), name) {
                continue;
            }
            match setting(r, entry.path) {
                Setting::UnknownBlock(block) => {
                    ctx.undecided_because(r, block.span, UNKNOWN_BLOCK.to_string())
                }
                Setting::Value(v) if !v.is_unset() => match v.as_str() {
                    Some(mode) if entry.secure.iter().any(|s| s.eq_ignore_ascii_case(mode)) => {}
                    Some(mode) => ctx.report(
                        r,
                        v.span,
                        format!("`{}` {predicate} ({name} is {mode})", r.address),
                    ),
                    None => ctx.unknown(r, v),
                },
                _ => ctx.report(
                    r,
                    r.span,
                    format!(
                        "`{}` {predicate} ({name} is not set and defaults to {})",
                        r.address, entry.default
                    ),
                ),
            }
        }
    }
}

/// Protocol settings that name a plain-text protocol; a protocol not known statically is
/// undecided.
fn plaintext_protocols(ctx: &mut Context<'_>) {
    for entry in tls::PLAINTEXT_PROTOCOLS {
        for r in ctx
            .resources(std::slice::from_ref(&entry.kind))
            .collect::<Vec<_>>()
        {
            let Setting::Value(v) = setting(r, entry.path) else {
                continue;
            };
            match v.as_str() {
                Some(protocol) if entry.plain.iter().any(|p| p.eq_ignore_ascii_case(protocol)) => {
                    ctx.report(
                        r,
                        v.span,
                        format!("`{}` {} ({protocol})", r.address, entry.what),
                    );
                }
                Some(_) => {}
                None if v.is_written() => ctx.unknown(r, v),
                None => {}
            }
        }
    }
}

/// Transfer Family servers that accept FTP, which carries credentials and files in clear text.
fn transfer_protocols(ctx: &mut Context<'_>) {
    for entry in tls::TRANSFER_PROTOCOLS {
        for r in ctx
            .resources(std::slice::from_ref(&entry.kind))
            .collect::<Vec<_>>()
        {
            // Absent: SFTP only.
            let (Setting::Value(list) | Setting::UnknownBlock(list)) =
                setting(r, &[entry.protocols])
            else {
                continue;
            };
            if list.is_unknown() {
                ctx.unknown(r, list);
                continue;
            }
            for protocol in list.items() {
                match protocol.as_str() {
                    Some(p) if p.eq_ignore_ascii_case(tls::PLAINTEXT_TRANSFER_PROTOCOL) => ctx
                        .report(
                            r,
                            protocol.span,
                            format!("`{}` accepts unencrypted FTP connections", r.address),
                        ),
                    Some(_) => {}
                    None => ctx.unknown(r, protocol),
                }
            }
        }
    }
}

/// CloudFront origins reached over plain HTTP (`http-only`).
fn cloudfront_origins(ctx: &mut Context<'_>) {
    for entry in tls::ORIGIN_PROTOCOL_POLICIES {
        for r in ctx
            .resources(std::slice::from_ref(&entry.kind))
            .collect::<Vec<_>>()
        {
            let (Setting::Value(origins) | Setting::UnknownBlock(origins)) =
                setting(r, entry.origins)
            else {
                continue;
            };
            if origins.is_unknown() {
                ctx.unknown(r, origins);
                continue;
            }
            for origin in origins.items() {
                let Some(custom) = origin.get(entry.custom) else {
                    continue;
                };
                let custom = custom.items().first().unwrap_or(custom);
                let Some(policy) = custom.get(entry.policy) else {
                    // A null or unknown block: nothing is known about its protocol.
                    if custom.is_unknown() {
                        ctx.unknown(r, custom);
                    }
                    continue;
                };
                match policy.as_str() {
                    Some(p) if p.eq_ignore_ascii_case("http-only") => ctx.report(
                        r,
                        policy.span,
                        format!(
                            "`{}` reaches an origin over plain HTTP (http-only)",
                            r.address
                        ),
                    ),
                    Some(_) => {}
                    None => ctx.unknown(r, policy),
                }
            }
        }
    }
}

fn enforce_https(ctx: &mut Context<'_>) {
    for entry in tls::ENFORCE_HTTPS {
        let (block, key) = (entry.block, entry.key);
        for r in ctx
            .resources(std::slice::from_ref(&entry.kind))
            .collect::<Vec<_>>()
        {
            let block_present = matches!(setting(r, &[block]), Setting::Value(_));
            match setting(r, &[block, key]) {
                Setting::Absent if block_present && entry.default_in_block => {}
                Setting::Absent => ctx.report_fixable(
                    r,
                    r.span,
                    format!("`{}` accepts plain HTTP ({key} is not set)", r.address),
                    vec![Change::Add {
                        resource: r.span,
                        path: vec![block, key],
                        value: Literal::Bool(true),
                    }],
                ),
                Setting::Value(v) | Setting::UnknownBlock(v) => match v.truth() {
                    Truth::Yes => {}
                    Truth::No => ctx.report_fixable(
                        r,
                        v.span,
                        format!("`{}` accepts plain HTTP", r.address),
                        vec![Change::Set {
                            span: v.span,
                            value: Literal::Bool(true),
                        }],
                    ),
                    Truth::Unknown => ctx.unknown(r, v),
                },
            }
        }
    }
}

/// DAX endpoints are plaintext unless `TLS` is chosen at creation.
fn dax(ctx: &mut Context<'_>) {
    for entry in tls::DAX_ENDPOINT_ENCRYPTION {
        let key = entry.path.last().copied().unwrap_or_default();
        for r in ctx
            .resources(std::slice::from_ref(&entry.kind))
            .collect::<Vec<_>>()
        {
            match r.get(key).filter(|v| !v.is_unset() && !v.is_null()) {
                None => ctx.report(
                    r,
                    r.span,
                    format!(
                        "`{}` serves its endpoint without TLS ({key} is not set and defaults to NONE)",
                        r.address
                    ),
                ),
                Some(v) => match v.as_str() {
                    Some(t) if t.eq_ignore_ascii_case("TLS") => {}
                    Some(_) => ctx.report(
                        r,
                        v.span,
                        format!("`{}` serves its endpoint without TLS", r.address),
                    ),
                    None => ctx.unknown(r, v),
                },
            }
        }
    }
}

fn msk(ctx: &mut Context<'_>) {
    for entry in tls::MSK_CLIENT_BROKER {
        for r in ctx
            .resources(std::slice::from_ref(&entry.kind))
            .collect::<Vec<_>>()
        {
            // Absent means TLS, the service default.
            if let Setting::Value(v) | Setting::UnknownBlock(v) = setting(r, entry.path) {
                match v.as_str() {
                    Some(mode) if mode.eq_ignore_ascii_case("TLS") => {}
                    Some(mode) => ctx.report(
                        r,
                        v.span,
                        format!(
                            "`{}` accepts plaintext connections from clients ({mode})",
                            r.address
                        ),
                    ),
                    None => ctx.unknown(r, v),
                }
            }
        }
    }
    require_bool_without_fix(
        ctx,
        tls::MSK_IN_CLUSTER,
        true,
        "does not encrypt traffic between its brokers",
    );
}

fn ecs_efs_volumes(ctx: &mut Context<'_>) {
    for entry in tls::ECS_EFS_VOLUMES {
        let (volumes, efs, transit) = (entry.volumes, entry.efs, entry.transit);
        for r in ctx
            .resources(std::slice::from_ref(&entry.kind))
            .collect::<Vec<_>>()
        {
            for volume in r.get(volumes).map(Node::items).unwrap_or_default() {
                let Some(config) = volume.get(efs) else {
                    continue;
                };
                let config = config.items().first().unwrap_or(config);
                if config.is_unknown() {
                    ctx.unknown(r, config);
                    continue;
                }
                // Plans write an unset argument as null.
                match config
                    .get(transit)
                    .filter(|v| !v.is_unset() && !v.is_null())
                {
                    None => report_efs(
                        ctx,
                        r,
                        config,
                        "transit encryption is not set and defaults to DISABLED",
                    ),
                    Some(v) => match v.as_str() {
                        Some(t) if t.eq_ignore_ascii_case("ENABLED") => {}
                        Some(_) => report_efs(ctx, r, v, "transit encryption is DISABLED"),
                        None => ctx.unknown(r, v),
                    },
                }
            }
        }
    }
}

fn report_efs(ctx: &mut Context<'_>, r: &Resource, at: &Node, why: &str) {
    ctx.report(
        r,
        at.span,
        format!(
            "`{}` mounts an EFS volume unencrypted in transit ({why})",
            r.address
        ),
    );
}

fn cloudfront(ctx: &mut Context<'_>) {
    for entry in tls::VIEWER_PROTOCOL_POLICIES {
        for r in ctx
            .resources(std::slice::from_ref(&entry.kind))
            .collect::<Vec<_>>()
        {
            let mut behaviours: Vec<&Node> = Vec::new();
            for path in [entry.default_behaviour, entry.ordered_behaviours] {
                if let Setting::Value(v) | Setting::UnknownBlock(v) = setting(r, path) {
                    behaviours.extend(v.items().iter());
                }
            }
            for b in behaviours {
                let Some(policy) = b.get(entry.policy) else {
                    continue;
                };
                match policy.as_str() {
                    Some("allow-all") => ctx.report_fixable(
                        r,
                        policy.span,
                        format!("`{}` serves viewers over plain HTTP (allow-all)", r.address),
                        vec![Change::Set {
                            span: policy.span,
                            value: Literal::Str(tls::REDIRECT_TO_HTTPS),
                        }],
                    ),
                    Some(_) => {}
                    None => ctx.unknown(r, policy),
                }
            }
        }
    }
}
