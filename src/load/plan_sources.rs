//! Points plan findings at the Terraform source that produced the plan.
//!
//! A plan resource is matched to the resource the configuration evaluates to (by address, then
//! by address without instance keys), and their values are walked side by side: every plan
//! value maps to the source value it came from, or to its nearest ancestor that the source
//! writes (a default or computed value has no text of its own).

use super::plan::strip_module_keys;
use crate::graph::{Model, Node, Resource, Value};
use crate::source::Span;
use std::collections::HashMap;

/// Plan spans to source spans, and the module calls of each mapped resource.
#[derive(Debug, Default)]
pub struct PlanSources {
    spans: HashMap<Span, Span>,
    calls: HashMap<String, Vec<Span>>,
}

impl PlanSources {
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Where a plan value is written in the configuration, if it is.
    pub fn source_of(&self, plan_span: Span) -> Option<Span> {
        self.spans.get(&plan_span).copied()
    }

    pub fn module_calls(&self, address: &str) -> Option<&[Span]> {
        self.calls.get(address).map(Vec::as_slice)
    }

    /// Maps every resource of `plan` that `source` also declares.
    pub fn add(&mut self, plan: &Model, source: &Model) {
        let mut by_base: HashMap<String, &Resource> = HashMap::new();
        for r in &source.resources {
            by_base.entry(strip_module_keys(&r.address)).or_insert(r);
        }
        let by_address: HashMap<&str, &Resource> = source
            .resources
            .iter()
            .map(|r| (r.address.as_str(), r))
            .collect();
        for p in &plan.resources {
            let Some(s) = by_address
                .get(p.address.as_str())
                .or_else(|| by_base.get(&strip_module_keys(&p.address)))
            else {
                continue;
            };
            self.spans.insert(p.span, s.span);
            for entry in &p.attrs.entries {
                match s.attrs.entry(&entry.key) {
                    Some(se) => {
                        self.spans.insert(entry.key_span, se.key_span);
                        self.zip(&entry.value, &se.value, 0);
                    }
                    None => self.all_to(&entry.value, s.span),
                }
            }
            self.calls.insert(p.address.clone(), s.module_calls.clone());
        }
    }

    fn zip(&mut self, plan: &Node, source: &Node, depth: usize) {
        self.spans.insert(plan.span, source.span);
        if depth > 64 {
            return self.all_to(plan, source.span);
        }
        match (&plan.value, &source.value) {
            (Value::Map(p), Value::Map(s)) => {
                for e in &p.entries {
                    match s.entry(&e.key) {
                        Some(se) => {
                            self.spans.insert(e.key_span, se.key_span);
                            self.zip(&e.value, &se.value, depth + 1);
                        }
                        None => self.all_to(&e.value, source.span),
                    }
                }
            }
            (Value::List(p), Value::List(s)) => {
                // Blocks such as `ingress` are sets: the plan orders them by content, so match
                // each one to the source block it agrees with most.
                let mut used = vec![false; s.len()];
                for (i, item) in p.iter().enumerate() {
                    let best = s
                        .iter()
                        .zip(&used)
                        .enumerate()
                        .filter(|(_, (_, taken))| !**taken)
                        .max_by_key(|&(j, (block, _))| {
                            (agreement(item, block), usize::MAX - j.abs_diff(i))
                        });
                    match best {
                        Some((j, (block, _))) => {
                            if let Some(taken) = used.get_mut(j) {
                                *taken = true;
                            }
                            self.zip(item, block, depth + 1);
                        }
                        None => self.all_to(item, source.span),
                    }
                }
            }
            _ => self.all_to(plan, source.span),
        }
    }

    /// Maps a plan value and everything inside it to one source span.
    fn all_to(&mut self, plan: &Node, span: Span) {
        plan.walk(&mut |n| {
            self.spans.entry(n.span).or_insert(span);
        });
        if let Value::Map(m) = &plan.value {
            for e in &m.entries {
                self.spans.entry(e.key_span).or_insert(span);
            }
        }
    }
}

/// How many known scalar attributes two blocks share.
fn agreement(a: &Node, b: &Node) -> usize {
    match (&a.value, &b.value) {
        (Value::Map(x), Value::Map(y)) => x
            .entries
            .iter()
            .filter(|e| {
                y.get(&e.key).is_some_and(|v| {
                    let (l, r) = (e.value.scalar_text(), v.scalar_text());
                    l.is_some() && l == r
                        || (matches!(e.value.value, Value::List(_)) && agreement_lists(&e.value, v))
                })
            })
            .count(),
        _ => 0,
    }
}

fn agreement_lists(a: &Node, b: &Node) -> bool {
    let texts =
        |n: &Node| -> Vec<Option<String>> { n.items().iter().map(Node::scalar_text).collect() };
    !a.items().is_empty() && texts(a) == texts(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_instance_keys() {
        assert_eq!(
            strip_module_keys("module.a[\"x.y\"].aws_s3_bucket.b[0]"),
            "module.a.aws_s3_bucket.b"
        );
    }
}
