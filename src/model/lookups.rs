//! Lookups across types that page views ask for on every page of a type: computed once
//! per site on first use, so that a site of many services, skills and rate tables does
//! not scan one type for every page of another.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::content::{Data, Item};
use crate::kind::Kind;

use super::{NoRateTable, Site};

/// See the module's comment.
#[derive(Debug, Clone, Default)]
pub(super) struct Lookups {
    /// The legal checklist (AVV), as its place in `items` or in `hidden`.
    avv: Option<(bool, usize)>,
    /// Per skill id, the default-language services that require it, in site order
    /// (places in `items`).
    needed_by: HashMap<String, Vec<usize>>,
    /// Per service category, the default rate table valid on the build date.
    default_rates: HashMap<String, Result<usize, NoRateTable>>,
}

/// An empty cell for [`Site`]'s lookups.
pub(super) fn new_lookups() -> OnceLock<Lookups> {
    OnceLock::new()
}

impl Site {
    fn lookups(&self) -> &Lookups {
        self.lookups.get_or_init(|| Lookups {
            avv: self.find_avv(),
            needed_by: self.find_needed_by(),
            default_rates: self.find_default_rates(),
        })
    }

    /// The checklist of the AV contract (`kind = "legal"`), which every service that
    /// processes personal data links to, hidden from the build's readers or not.
    pub fn avv_checklist(&self) -> Option<&Item> {
        self.lookups().avv.map(|(hidden, at)| {
            if hidden {
                &self.hidden[at]
            } else {
                &self.items[at]
            }
        })
    }

    /// The default-language services that require the skill `id`, in site order.
    pub fn services_needing(&self, skill: &str) -> impl Iterator<Item = &Item> {
        self.lookups()
            .needed_by
            .get(skill)
            .into_iter()
            .flatten()
            .map(|&at| &self.items[at])
    }

    /// The default rate table of a service category valid on the build date (C2).
    pub(super) fn default_rate_table(&self, category: &str) -> Result<&Item, NoRateTable> {
        match self.lookups().default_rates.get(category) {
            Some(Ok(at)) => Ok(&self.items[*at]),
            Some(Err(e)) => Err(e.clone()),
            None => Err(NoRateTable::NoneValid),
        }
    }

    /// The places in `items` of the default-language items of a type, in site order.
    fn original_places(&self, kind: Kind) -> impl Iterator<Item = usize> + '_ {
        let range = self.ranges.get(&kind).cloned().unwrap_or_default();
        range.filter(|&at| self.items[at].lang == self.config.default_lang)
    }

    fn find_avv(&self) -> Option<(bool, usize)> {
        let legal = |c: &Item| matches!(&c.data, Data::Checklist(c) if c.kind == crate::content::raw::ChecklistKind::Legal);
        let hidden =
            |c: &Item| c.kind == Kind::Checklist && c.lang == self.config.default_lang && legal(c);
        self.original_places(Kind::Checklist)
            .find(|&at| legal(&self.items[at]))
            .map(|at| (false, at))
            .or_else(|| self.hidden.iter().position(hidden).map(|at| (true, at)))
    }

    fn find_needed_by(&self) -> HashMap<String, Vec<usize>> {
        let mut out: HashMap<String, Vec<usize>> = HashMap::new();
        for at in self.original_places(Kind::Service) {
            if let Data::Service(s) = &self.items[at].data {
                for req in &s.skills {
                    let list = out.entry(req.id.clone()).or_default();
                    // Loading refuses a skill required twice; a service is listed once
                    // all the same.
                    if list.last() != Some(&at) {
                        list.push(at);
                    }
                }
            }
        }
        out
    }

    fn find_default_rates(&self) -> HashMap<String, Result<usize, NoRateTable>> {
        let mut out: HashMap<String, Result<usize, NoRateTable>> = HashMap::new();
        for at in self.original_places(Kind::Rate) {
            let Data::Rate(r) = &self.items[at].data else {
                continue;
            };
            if !r.valid_on(self.build_date) {
                continue;
            }
            for category in &r.applies_to {
                out.entry(category.clone())
                    .and_modify(|found| {
                        if *found != Ok(at) {
                            *found = Err(NoRateTable::Several);
                        }
                    })
                    .or_insert(Ok(at));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::kind::Kind;
    use crate::model::NoRateTable;
    use crate::model::testsite::{RATES, SERVICE, md, site};

    #[test]
    fn a_skill_knows_its_services_and_a_category_its_one_default_table() {
        let loaded = site().file("services/ablage.md", &md(SERVICE)).load();
        let s = &loaded.site;
        let ids: Vec<&str> = s
            .services_needing("organisation")
            .map(|i| i.id.as_str())
            .collect();
        assert_eq!(ids, ["ablage", "posteingang"]);
        assert_eq!(s.services_needing("unbekannt").count(), 0);
        assert_eq!(
            s.default_rate_table("buero").map(|i| i.id.as_str()),
            Ok("preise")
        );
        assert_eq!(
            s.default_rate_table("andere").err(),
            Some(NoRateTable::NoneValid)
        );
        assert!(s.avv_checklist().is_none());

        let two = site().file("rates/preise-2.md", &md(RATES)).load();
        assert_eq!(
            two.site.default_rate_table("buero").err(),
            Some(NoRateTable::Several)
        );
        assert!(two.site.originals(Kind::Rate).count() == 2);
    }
}
