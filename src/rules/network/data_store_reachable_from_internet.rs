use crate::aws::networking::EXPOSABLE_STORES;
use crate::graph::reachability::{Step, describe};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-021",
    name: "data-store-reachable-from-internet",
    pillar: Pillar::Network,
    severity: Severity::Critical,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Data store is reachable from the internet on its port: every hop of the network path is open",
    page: rule_page!("network/data_store_reachable_from_internet.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    let reach = ctx.reachability();
    for spec in EXPOSABLE_STORES {
        for store in ctx.resources(std::slice::from_ref(&spec.kind)) {
            match reach.data_store_from_internet(store) {
                (Step::Open(hops), Some(port)) => {
                    let message = format!(
                        "`{}` is reachable from the internet on tcp/{port}: {}",
                        store.address,
                        describe(&hops)
                    );
                    ctx.report_path(store, store.span, message, hops);
                }
                (Step::Undecided(node), _) => ctx.unknown(store, &node),
                _ => {}
            }
        }
    }
}
