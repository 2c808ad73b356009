//! Where each resource kind says it is shared with every AWS account or reachable from the
//! internet, for the rules on public exposure: one table per concern, both formats.

use super::{Model, Node, Resource};

/// A resource that grants use of an image or snapshot; the value `all` makes it public.
pub struct PublicShare {
    pub kind: &'static str,
    /// The path to the grants: a list, or one string of comma-separated grants (SSM).
    pub path: &'static [&'static str],
    pub what: &'static str,
}

/// CloudFormation has no resource for image or snapshot permissions, nor for sharing an SSM
/// document.
pub const PUBLIC_SHARES: &[PublicShare] = &[
    // `permissions = { type = "Share", account_ids = "All" }`: ids are comma-separated.
    PublicShare {
        kind: "aws_ssm_document",
        path: &["permissions", "account_ids"],
        what: "SSM document",
    },
    PublicShare {
        kind: "aws_ami_launch_permission",
        path: &["group"],
        what: "AMI",
    },
    PublicShare {
        kind: "aws_db_snapshot",
        path: &["shared_accounts"],
        what: "RDS snapshot",
    },
    PublicShare {
        kind: "aws_db_snapshot_copy",
        path: &["shared_accounts"],
        what: "RDS snapshot copy",
    },
    PublicShare {
        kind: "aws_db_cluster_snapshot",
        path: &["shared_accounts"],
        what: "RDS cluster snapshot",
    },
];

/// One grant of a share resource: the element that names `all`, or one not known statically.
pub enum ShareGrant<'a> {
    Public(&'a Node),
    Unknown(&'a Node),
}

/// The grants of every share resource in the model that make an image or snapshot public or
/// might, with what is shared.
pub fn public_grants(model: &Model) -> Vec<(&Resource, ShareGrant<'_>, &'static str)> {
    let mut out = Vec::new();
    for share in PUBLIC_SHARES {
        for (_, r) in model.of_kind(std::slice::from_ref(&share.kind)) {
            if !r.is_managed() {
                continue;
            }
            let Some(grants) = grants_at(r, share.path) else {
                continue;
            };
            for grant in grants.items() {
                match grant.as_str() {
                    Some(s) if s.split(',').any(|g| g.trim().eq_ignore_ascii_case("all")) => {
                        out.push((r, ShareGrant::Public(grant), share.what));
                    }
                    Some(_) => {}
                    None if grant.is_null() => {}
                    None => out.push((r, ShareGrant::Unknown(grant), share.what)),
                }
            }
        }
    }
    out
}

/// The node at `path`: the grants, or the first value on the way that is not known (a
/// variable holding the whole permissions map), which stands for them.
fn grants_at<'a>(r: &'a Resource, path: &[&str]) -> Option<&'a Node> {
    let (first, rest) = path.split_first()?;
    let mut node = r.get(first)?;
    for key in rest {
        if matches!(node.value, super::Value::Unknown(_)) {
            return Some(node);
        }
        node = node.get(key)?;
    }
    Some(node)
}

/// Where a notebook instance says whether it has direct internet access, and the default.
pub struct DirectInternetSetting {
    pub kind: &'static str,
    pub path: &'static [&'static str],
    /// The attribute that places the notebook in a VPC subnet: without one, SageMaker always
    /// gives the notebook internet access.
    pub subnet: &'static str,
}

/// `Enabled` unless set to `Disabled` (SageMaker `CreateNotebookInstance`).
pub const NOTEBOOK_DIRECT_INTERNET: &[DirectInternetSetting] = &[
    DirectInternetSetting {
        kind: "aws_sagemaker_notebook_instance",
        path: &["direct_internet_access"],
        subnet: "subnet_id",
    },
    DirectInternetSetting {
        kind: "AWS::SageMaker::NotebookInstance",
        path: &["DirectInternetAccess"],
        subnet: "SubnetId",
    },
];

/// The account-level EMR block public access switch (Terraform only: CloudFormation has no
/// resource for it).
pub const EMR_BLOCK_PUBLIC_ACCESS: &[(&str, &[&str])] = &[(
    "aws_emr_block_public_access_configuration",
    &["block_public_security_group_rules"],
)];
