//! Rotation of key material and secrets: where a KMS key turns on automatic rotation, which
//! keys can rotate at all, and the resources that give a Secrets Manager secret a rotation.

use super::SplitConfig;

/// A KMS key type: its rotation switch and the setting naming its key spec.
pub struct KmsKey {
    pub kind: &'static str,
    pub rotation: &'static str,
    pub spec: &'static str,
}

pub const KMS_KEYS: &[KmsKey] = &[
    KmsKey {
        kind: "aws_kms_key",
        rotation: "enable_key_rotation",
        spec: "customer_master_key_spec",
    },
    KmsKey {
        kind: "AWS::KMS::Key",
        rotation: "EnableKeyRotation",
        spec: "KeySpec",
    },
];

/// The only key spec AWS rotates automatically (symmetric encryption keys); it is also the
/// default when no spec is given.
pub const ROTATABLE_KEY_SPEC: &str = "SYMMETRIC_DEFAULT";

/// A secret rotates only when a rotation resource names it.
pub const SECRET_ROTATIONS: &[SplitConfig] = &[
    SplitConfig {
        kind: "aws_secretsmanager_secret",
        by: &["aws_secretsmanager_secret_rotation"],
        attribute: "secret_id",
    },
    SplitConfig {
        kind: "AWS::SecretsManager::Secret",
        by: &["AWS::SecretsManager::RotationSchedule"],
        attribute: "SecretId",
    },
];
