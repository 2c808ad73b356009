//! Edges into each resource: who points at it, by a reference or by one of its names. A name
//! that many resources carry (a constant `bucket = "logs"` in a resource with `for_each`) is not
//! expanded into an edge from each of its referrers to each of its carriers, which grows with
//! the square of the group (10,000 such buckets made 10^8 edges): its referrers are kept once,
//! by kind, and joined to a carrier's own edges when asked.

use super::{FastHashMap as HashMap, Model, NamingCatalog, ResourceId, Value};

/// A name carried by more resources than this keeps its referrers once, not once per carrier.
const SHARED_NAME: usize = 8;

#[derive(Debug, Default)]
pub(super) struct Referrers {
    /// Referrers of each resource, by reference or by a name few resources carry, in model
    /// order: those of resource `i` are `direct[starts[i]..starts[i + 1]]`. One list for all,
    /// not a vector per resource: most resources have no referrer, and the empty vectors of a
    /// plan of 775,000 resources were 18 MB.
    starts: Vec<usize>,
    direct: Vec<ResourceId>,
    /// The referrers of each name more than [`SHARED_NAME`] resources carry, by the
    /// referrer's kind, each list in model order.
    by_shared_name: HashMap<String, HashMap<String, Vec<ResourceId>>>,
    /// The shared names each of their carriers carries.
    shared_names: HashMap<ResourceId, Vec<String>>,
}

impl Referrers {
    pub(super) fn build(model: &Model, naming: &NamingCatalog) -> Referrers {
        // (to, from) for every edge: sorted and deduplicated once at the end, which gives each
        // resource its referrers in model order, each once.
        let mut edges: Vec<(ResourceId, ResourceId)> = Vec::new();
        let mut by_shared_name: HashMap<String, HashMap<String, Vec<ResourceId>>> =
            HashMap::default();
        for (i, r) in model.resources.iter().enumerate() {
            let from = ResourceId(i);
            for entry in &r.attrs.entries {
                let follow_strings = naming.names_a_resource(&entry.key);
                entry.value.walk(&mut |node| {
                    let referenced: [ResourceId; 2];
                    let targets: &[ResourceId] = match &node.value {
                        // The resource read from, and the one an attribute naming another
                        // resource leads to (`vpc_id = aws_subnet.a.vpc_id` points at the
                        // subnet's VPC as well).
                        Value::Ref(reference) => {
                            let followed = match &model.dereference(node).value {
                                Value::Ref(to) if to != reference => model.by_reference(to),
                                _ => None,
                            };
                            match (model.by_reference(reference), followed) {
                                (Some(read), Some(followed)) => {
                                    referenced = [read, followed];
                                    &referenced
                                }
                                (Some(one), None) | (None, Some(one)) => {
                                    referenced = [one, one];
                                    &referenced[..1]
                                }
                                (None, None) => &[],
                            }
                        }
                        Value::String(s) if follow_strings => {
                            match model.by_identity.get(s.as_str()) {
                                Some(carriers) if carriers.len() > SHARED_NAME => {
                                    let list = by_shared_name
                                        .entry(s.to_string())
                                        .or_default()
                                        .entry(r.kind.clone())
                                        .or_default();
                                    push_once(list, from);
                                    &[]
                                }
                                Some(carriers) => carriers,
                                None => &[],
                            }
                        }
                        _ => &[],
                    };
                    for &to in targets {
                        if to != from && to.0 < model.resources.len() {
                            edges.push((to, from));
                        }
                    }
                });
            }
        }
        let mut shared_names: HashMap<ResourceId, Vec<String>> = HashMap::default();
        for name in by_shared_name.keys() {
            for &carrier in model.by_identity.get(name).into_iter().flatten() {
                shared_names.entry(carrier).or_default().push(name.clone());
            }
        }
        edges.sort_unstable();
        edges.dedup();
        let mut starts = Vec::with_capacity(model.resources.len() + 1);
        let mut edge = edges.iter().peekable();
        for to in 0..model.resources.len() {
            starts.push(edges.len() - edge.len());
            while edge.next_if(|(t, _)| t.0 == to).is_some() {}
        }
        starts.push(edges.len());
        Referrers {
            starts,
            direct: edges.into_iter().map(|(_, from)| from).collect(),
            by_shared_name,
            shared_names,
        }
    }

    /// The referrers of `id`, of any kind or only of `kinds`, in model order. Without `kinds`
    /// the answer may hold other kinds too; with them, referrers by a shared name are looked up
    /// for those kinds only, so asking for each of a group's carriers stays linear.
    pub(super) fn of(&self, id: ResourceId, kinds: Option<&[&str]>) -> ReferrerIds<'_> {
        let direct = match (self.starts.get(id.0), self.starts.get(id.0 + 1)) {
            (Some(&start), Some(&end)) => self.direct.get(start..end).unwrap_or_default(),
            _ => &[],
        };
        let Some(names) = self.shared_names.get(&id) else {
            return ReferrerIds {
                borrowed: direct,
                owned: Vec::new(),
            };
        };
        let mut ids = direct.to_vec();
        for by_kind in names.iter().filter_map(|n| self.by_shared_name.get(n)) {
            match kinds {
                Some(kinds) => {
                    for kind in kinds {
                        ids.extend(by_kind.get(*kind).into_iter().flatten());
                    }
                }
                None => ids.extend(by_kind.values().flatten()),
            }
        }
        ids.retain(|&r| r != id);
        ids.sort_unstable();
        ids.dedup();
        ReferrerIds {
            borrowed: &[],
            owned: ids,
        }
    }
}

/// Referrers as [`Referrers::of`] gives them: borrowed when no shared name is involved.
pub(super) struct ReferrerIds<'a> {
    borrowed: &'a [ResourceId],
    owned: Vec<ResourceId>,
}

impl<'a> IntoIterator for ReferrerIds<'a> {
    type Item = ResourceId;
    type IntoIter = std::iter::Chain<
        std::iter::Copied<std::slice::Iter<'a, ResourceId>>,
        std::vec::IntoIter<ResourceId>,
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.borrowed.iter().copied().chain(self.owned)
    }
}

/// Referrers arrive in model order, so a repeat can only be the last entry: checking it keeps
/// this linear when thousands of resources reference one VPC or one key.
fn push_once(list: &mut Vec<ResourceId>, from: ResourceId) {
    if list.last() != Some(&from) {
        list.push(from);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Map, Mode, Node, Origin, Reference, Resource};
    use crate::source::Span;

    fn res(address: &str, kind: &str, bucket: Value) -> Resource {
        let mut attrs = Map::default();
        attrs.insert(
            "bucket",
            Span::default(),
            Node::new(bucket, Span::default()),
        );
        Resource {
            address: address.into(),
            kind: kind.into(),
            mode: Mode::Managed,
            span: Span::default(),
            attrs,
            module_calls: Vec::new(),
            metadata: None,
        }
    }

    /// Buckets 0..n all named "logs", a policy naming "logs", and a versioning resource that
    /// references bucket 3: what a per-carrier edge list gave, now from the shared list.
    #[test]
    fn a_name_many_resources_carry_gives_the_same_referrers() {
        let n = SHARED_NAME * 3;
        let logs = || Value::String("logs".into());
        let mut resources: Vec<Resource> = (0..n)
            .map(|i| res(&format!("aws_s3_bucket.b[{i}]"), "aws_s3_bucket", logs()))
            .collect();
        resources.push(res(
            "aws_s3_bucket_policy.p",
            "aws_s3_bucket_policy",
            logs(),
        ));
        let reference = Reference {
            address: "aws_s3_bucket.b[3]".into(),
            attribute: Some("id".into()),
            path: Vec::new(),
        };
        resources.push(res(
            "aws_s3_bucket_versioning.v",
            "aws_s3_bucket_versioning",
            Value::Ref(Box::new(reference)),
        ));
        let model = Model::new(Origin::Terraform, resources);
        let (policy, versioning) = (n, n + 1);
        for bucket in [0, 3] {
            let referrers: Vec<usize> = model
                .referrers(ResourceId(bucket))
                .map(|(id, _)| id.0)
                .collect();
            let mut expected: Vec<usize> = (0..n).filter(|&b| b != bucket).collect();
            expected.push(policy);
            if bucket == 3 {
                expected.push(versioning);
            }
            assert_eq!(referrers, expected, "bucket {bucket}");
            let policies: Vec<usize> = model
                .configuring(ResourceId(bucket), &["aws_s3_bucket_policy"], "bucket")
                .map(|(id, _)| id.0)
                .collect();
            assert_eq!(policies, vec![policy]);
        }
        // The versioning resource is referenced by no one; the policy by every bucket.
        assert_eq!(model.referrers(ResourceId(versioning)).count(), 0);
        assert_eq!(model.referrers(ResourceId(policy)).count(), n);
    }
}
