//! A model's resources by address: positions in the model's own resource list, whose addresses
//! the table reads when it compares, rather than a copy of every address beside them. A plan of
//! 775,000 small resources spent about 60 MB on copied addresses and 32-byte slots; a slot here
//! is one word.

use super::{Resource, ResourceId};
use std::hash::BuildHasher;

#[derive(Debug, Default)]
pub(super) struct AddressIndex {
    table: hashbrown::HashTable<Slot>,
    /// Seeded at random per process, as the model's other indexes are: addresses come from
    /// untrusted files.
    hasher: foldhash::fast::RandomState,
}

/// A resource's position, with the top bit set when it is entered under its address without
/// the instance key (`aws_subnet.a` for `aws_subnet.a[0]`). A `Vec<Resource>` holds at most
/// `isize::MAX` bytes, so a position never reaches the top bit.
#[derive(Clone, Copy, Debug)]
struct Slot(usize);

const WITHOUT_INSTANCE_KEY: usize = 1 << (usize::BITS - 1);

impl Slot {
    fn id(self) -> ResourceId {
        ResourceId(self.0 & !WITHOUT_INSTANCE_KEY)
    }

    /// The address this slot is entered under.
    fn address(self, resources: &[Resource]) -> Option<&str> {
        let address = resources.get(self.id().0)?.address.as_str();
        if self.0 & WITHOUT_INSTANCE_KEY == 0 {
            Some(address)
        } else {
            super::strip_instance_key(address)
        }
    }
}

impl AddressIndex {
    pub(super) fn with_capacity(capacity: usize) -> AddressIndex {
        AddressIndex {
            table: hashbrown::HashTable::with_capacity(capacity),
            hasher: foldhash::fast::RandomState::default(),
        }
    }

    /// Enters `resources[id]` under its address, unless a resource before it has that address.
    pub(super) fn insert(&mut self, resources: &[Resource], id: ResourceId) {
        self.insert_slot(resources, Slot(id.0));
    }

    /// Enters `resources[id]` under its address without the instance key, unless a resource
    /// before it has that address.
    pub(super) fn insert_without_instance_key(&mut self, resources: &[Resource], id: ResourceId) {
        self.insert_slot(resources, Slot(id.0 | WITHOUT_INSTANCE_KEY));
    }

    fn insert_slot(&mut self, resources: &[Resource], slot: Slot) {
        let Some(address) = slot.address(resources) else {
            return;
        };
        let AddressIndex { table, hasher } = self;
        let hash = hasher.hash_one(address);
        let same = |s: &Slot| s.address(resources) == Some(address);
        let rehash = |s: &Slot| s.address(resources).map_or(0, |a| hasher.hash_one(a));
        if let hashbrown::hash_table::Entry::Vacant(vacant) = table.entry(hash, same, rehash) {
            vacant.insert(slot);
        }
    }

    pub(super) fn get(&self, resources: &[Resource], address: &str) -> Option<ResourceId> {
        let hash = self.hasher.hash_one(address);
        self.table
            .find(hash, |s| s.address(resources) == Some(address))
            .map(|s| s.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Map, Mode};
    use crate::source::Span;

    fn resource(address: &str) -> Resource {
        Resource {
            address: address.to_string(),
            kind: "aws_subnet".to_string(),
            mode: Mode::Managed,
            span: Span::default(),
            attrs: Map::default(),
            module_calls: Vec::new(),
            metadata: None,
        }
    }

    #[test]
    fn finds_the_first_resource_of_an_address_and_the_one_entered_without_its_key() {
        let resources: Vec<Resource> = ["aws_subnet.a[0]", "aws_subnet.b", "aws_subnet.b"]
            .into_iter()
            .map(resource)
            .collect();
        let mut index = AddressIndex::with_capacity(1);
        for i in 0..resources.len() {
            index.insert(&resources, ResourceId(i));
        }
        index.insert_without_instance_key(&resources, ResourceId(0));
        let find = |address| index.get(&resources, address);
        assert_eq!(find("aws_subnet.a[0]"), Some(ResourceId(0)));
        assert_eq!(find("aws_subnet.a"), Some(ResourceId(0)));
        assert_eq!(find("aws_subnet.b"), Some(ResourceId(1)));
        assert_eq!(find("aws_subnet.c"), None);
        assert_eq!(find("aws_subnet.a[1]"), None);
    }

    #[test]
    fn grows_past_its_capacity_without_losing_an_address() {
        let resources: Vec<Resource> = (0..1000)
            .map(|i| resource(&format!("aws_subnet.s[{i}]")))
            .collect();
        let mut index = AddressIndex::with_capacity(0);
        for i in 0..resources.len() {
            index.insert(&resources, ResourceId(i));
        }
        for (i, r) in resources.iter().enumerate() {
            assert_eq!(index.get(&resources, &r.address), Some(ResourceId(i)));
        }
    }
}
