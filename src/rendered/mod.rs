//! Rendered Markdown of every item: its body and its Markdown fields, by typed item id
//! and typed field key. Produced by the Markdown stage ([`stage`]) and read by the
//! templates (`render`), the search index (`search`) and the leak check.

pub mod stage;

use std::collections::HashMap;

use crate::content::Item;
use crate::kind::ItemId;
use crate::markdown::Rendered;

/// A Markdown field of an item's front matter, rendered beside its body.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Field {
    /// `items[].text` of a checklist, by item id.
    ItemText(String),
    /// `items[].note` of a checklist, by item id.
    ItemNote(String),
    /// `steps[].body` of a guide, by step id.
    StepBody(String),
}

impl Field {
    /// The field's path in the front matter, with the entry's id for its index
    /// (`items.<id>.text`): a stable order for the search index.
    pub fn key(&self) -> String {
        match self {
            Field::ItemText(id) => format!("items.{id}.text"),
            Field::ItemNote(id) => format!("items.{id}.note"),
            Field::StepBody(id) => format!("steps.{id}.body"),
        }
    }
}

/// One item's rendered Markdown.
#[derive(Debug, Clone, Default)]
pub struct RenderedItem {
    /// The body.
    pub body: Rendered,
    /// The Markdown fields, as inline HTML.
    pub fields: HashMap<Field, String>,
}

impl RenderedItem {
    /// A field's HTML, if the item has it.
    pub fn field(&self, field: &Field) -> Option<&str> {
        self.fields.get(field).map(String::as_str)
    }

    /// The fields' HTML in the order of their [`Field::key`].
    pub fn fields_in_order(&self) -> Vec<&str> {
        let mut fields: Vec<(String, &str)> = self
            .fields
            .iter()
            .map(|(f, html)| (f.key(), html.as_str()))
            .collect();
        fields.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        fields.into_iter().map(|(_, html)| html).collect()
    }
}

/// Rendered Markdown of every item.
#[derive(Debug, Clone, Default)]
pub struct Bodies(HashMap<ItemId, RenderedItem>);

impl Bodies {
    /// No items yet.
    pub fn new() -> Bodies {
        Bodies::default()
    }

    /// An item's rendered Markdown, if it was rendered.
    pub fn get(&self, item: &Item) -> Option<&RenderedItem> {
        self.0.get(&item.item_id())
    }

    /// An item's rendered Markdown, or an empty one (an item that failed to load).
    pub fn of(&self, item: &Item) -> &RenderedItem {
        static EMPTY: std::sync::LazyLock<RenderedItem> =
            std::sync::LazyLock::new(RenderedItem::default);
        self.get(item).unwrap_or(&EMPTY)
    }

    /// The rendered Markdown of each of `items`, in their order (an empty one for an
    /// item without), taken out.
    pub fn take_all(&mut self, items: &[Item]) -> Vec<RenderedItem> {
        items
            .iter()
            .map(|item| self.0.remove(&item.item_id()).unwrap_or_default())
            .collect()
    }

    /// Keeps an item's rendered Markdown, replacing an earlier one.
    pub fn insert(&mut self, id: ItemId, rendered: RenderedItem) {
        self.0.insert(id, rendered);
    }
}

#[cfg(test)]
mod tests {
    use super::{Field, RenderedItem};

    #[test]
    fn fields_come_in_key_order() {
        let mut r = RenderedItem::default();
        r.fields.insert(Field::ItemText("a".into()), "3".into());
        r.fields.insert(Field::ItemText("a-b".into()), "1".into());
        r.fields.insert(Field::ItemNote("a".into()), "2".into());
        // `items.a-b.text` < `items.a.note` < `items.a.text`, as plain strings.
        assert_eq!(r.fields_in_order(), ["1", "2", "3"]);
        assert_eq!(r.field(&Field::ItemNote("a".into())), Some("2"));
        assert_eq!(r.field(&Field::StepBody("a".into())), None);
    }
}
