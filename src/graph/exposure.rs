//! Shares with every AWS account and direct internet access, for the rules on public exposure:
//! the shapes of the catalog's tables (`aws::exposure` fills them, per format) and the
//! reading of the grants they point at.

use super::{Model, Node, Resource};

/// A resource that grants use of an image, snapshot or layer; the grant `everyone` makes it
/// public.
pub struct PublicShare {
    pub kind: &'static str,
    /// The path to the grants: a list, or one string of comma-separated grants (SSM).
    pub path: &'static [&'static str],
    pub what: &'static str,
    /// The grant that means every AWS account (`all`, `*`), compared case-insensitively.
    pub everyone: &'static str,
    /// An attribute that, when given, narrows an `everyone` grant to the accounts of one
    /// organization (a layer permission's organization id).
    pub narrowed_by: Option<&'static str>,
}

/// One grant of a share resource: the element that names `all`, or one not known statically.
pub enum ShareGrant<'a> {
    Public(&'a Node),
    Unknown(&'a Node),
}

/// The grants of every share resource in the model that make an image or snapshot public or
/// might, with what is shared, for the share resources of `shares`.
pub fn public_grants<'m>(
    model: &'m Model,
    shares: &'static [PublicShare],
) -> Vec<(&'m Resource, ShareGrant<'m>, &'static str)> {
    let mut out = Vec::new();
    for share in shares {
        for (_, r) in model.of_kind(std::slice::from_ref(&share.kind)) {
            if !r.is_managed() {
                continue;
            }
            let Some(grants) = grants_at(r, share.path) else {
                continue;
            };
            for grant in grants.items() {
                match grant.as_str() {
                    Some(s)
                        if s.split(',')
                            .any(|g| g.trim().eq_ignore_ascii_case(share.everyone)) =>
                    {
                        match narrowing(r, share.narrowed_by) {
                            Some(n) if n.is_unknown() => {
                                out.push((r, ShareGrant::Unknown(n), share.what));
                            }
                            Some(_) => {}
                            None => out.push((r, ShareGrant::Public(grant), share.what)),
                        }
                    }
                    Some(_) => {}
                    None if grant.is_null() => {}
                    // A grant not known statically is at most `everyone`, which a written
                    // narrowing keeps inside one organization: undecided only without one.
                    None => match narrowing(r, share.narrowed_by) {
                        Some(n) if !n.is_unknown() => {}
                        _ => out.push((r, ShareGrant::Unknown(grant), share.what)),
                    },
                }
            }
        }
    }
    out
}

/// The value of the attribute that narrows an `everyone` grant, when written.
fn narrowing<'a>(r: &'a Resource, narrowed_by: Option<&str>) -> Option<&'a Node> {
    r.get(narrowed_by?)
        .filter(|v| !v.is_null() && !v.is_unset() && v.as_str() != Some(""))
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
