//! Analytics: the Glue Data Catalog.

use super::{Absent, AtRest, Switch};

/// Catalog encryption modes that encrypt metadata at rest (`DISABLED` does not).
const CATALOG_ENCRYPTED: &[&str] = &["SSE-KMS", "SSE-KMS-WITH-SERVICE-ROLE"];

pub(super) const AT_REST: &[AtRest] = &[
    AtRest {
        kind: "aws_glue_data_catalog_encryption_settings",
        switch: Switch::Mode(
            &[
                "data_catalog_encryption_settings",
                "encryption_at_rest",
                "catalog_encryption_mode",
            ],
            CATALOG_ENCRYPTED,
        ),
        keys: &[],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: " (catalog encryption mode is DISABLED)",
    },
    AtRest {
        kind: "AWS::Glue::DataCatalogEncryptionSettings",
        switch: Switch::Mode(
            &[
                "DataCatalogEncryptionSettings",
                "EncryptionAtRest",
                "CatalogEncryptionMode",
            ],
            CATALOG_ENCRYPTED,
        ),
        keys: &[],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: " (catalog encryption mode is DISABLED)",
    },
];
