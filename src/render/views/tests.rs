//! Unit tests of the view builders on small sites in memory (`model::testsite`):
//! what a template receives, read as the JSON the template engine sees.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::content::{Data, Item};
use crate::kind::Kind;
use crate::model::Site;
use crate::model::testsite::{RATES, SERVICE, TestSite, md, site};
use crate::render::Renderer;
use crate::theme::Theme;

/// The theme's interface strings in German.
fn ui() -> toml::Table {
    Renderer::new(&Theme::embedded())
        .expect("the default theme")
        .ui("de")
}

fn item<'a>(site: &'a Site, kind: Kind, id: &str) -> &'a Item {
    site.get(kind, id, "de").expect("the item")
}

/// The service page's view of `posteingang`, as JSON.
fn service(t: TestSite) -> Value {
    let site = t.load().site;
    let item = item(&site, Kind::Service, "posteingang");
    let Data::Service(s) = &item.data else {
        panic!("a service")
    };
    serde_json::to_value(super::service::service_view(&site, item, s, &ui())).expect("json")
}

/// The rate page's view of `preise`, as JSON.
fn rates(t: TestSite) -> Value {
    let site = t.load().site;
    let item = item(&site, Kind::Rate, "preise");
    let Data::Rate(r) = &item.data else {
        panic!("a rate table")
    };
    serde_json::to_value(super::rate::rate_view(&site, item, r, &ui())).expect("json")
}

#[test]
fn an_hourly_service_shows_its_price_from_billing_and_examples() {
    let view = service(site());
    assert_eq!(view["price_from"], "40,00 € / Std.");
    assert_eq!(view["price_is_from"], true);
    assert_eq!(
        view["billing"],
        "Abrechnung nach Aufwand · Backoffice (Faktor 1,0)"
    );
    assert_eq!(
        view["price_note"].as_str().map(|n| n.contains("19 %")),
        Some(true)
    );
    let minutes: Vec<u64> = view["examples"]
        .as_array()
        .expect("examples")
        .iter()
        .filter_map(|e| e["minutes"].as_u64())
        .collect();
    assert_eq!(minutes, [30, 60, 180]);
    assert_eq!(view["price_next"], Value::Null);
    assert_eq!(view["approval_required"], false);
}

#[test]
fn the_coming_table_of_the_series_is_announced_on_the_service() {
    let current = RATES.replace(
        "valid_from = 2025-01-01",
        "valid_from = 2025-01-01\nvalid_until = 2026-12-31",
    );
    let coming = RATES
        .replace("valid_from = 2025-01-01", "valid_from = 2027-01-01")
        .replace("\"40.00\"", "\"44.00\"");
    let view = service(
        site()
            .file("rates/preise.md", &md(&current))
            .file("rates/preise-2027.md", &md(&coming)),
    );
    assert_eq!(view["price_from"], "40,00 € / Std.");
    assert_eq!(view["price_next"], "ab 01.01.2027: 44,00 € / Std.");
}

#[test]
fn the_area_decides_approval_unless_the_service_says() {
    let approving = RATES.replace(
        "factor = \"1.0\" }",
        "factor = \"1.0\" }, { id = \"recherche\", label = \"Recherche\", factor = \"1.5\", approval_required = true }",
    );
    let research = SERVICE.replace("work_area = \"backoffice\"", "work_area = \"recherche\"");
    let t = || {
        site()
            .file("rates/preise.md", &md(&approving))
            .file("services/posteingang.md", &md(&research))
    };
    let view = service(t());
    assert_eq!(view["approval_required"], true);
    assert_eq!(view["price_from"], "60,00 € / Std.");
    let own = format!("{research}approval_required = false\n");
    let view = service(t().file("services/posteingang.md", &md(&own)));
    assert_eq!(view["approval_required"], false);
}

#[test]
fn a_flat_monthly_service_has_one_price_not_a_price_from() {
    let flat = SERVICE.replace(
        "billing = \"hourly\"",
        "billing = \"flat\"\nflat_price = \"99.00\"\nflat_period = \"month\"",
    );
    let view = service(site().file("services/posteingang.md", &md(&flat)));
    assert_eq!(view["price_is_from"], false);
    let price = view["price_from"].as_str().expect("a price");
    assert!(price.starts_with("99,00 €"), "{price}");
    assert_eq!(view["examples"], Value::Array(Vec::new()));
}

#[test]
fn a_list_card_says_from_before_the_hourly_price() {
    let loaded = site().load();
    let renderer = Renderer::new(&Theme::embedded()).expect("the default theme");
    let env = renderer.env(&loaded.site, "de", &BTreeMap::new());
    let page = super::list::list_page(&loaded.site, Kind::Service, "de", &env);
    let view = serde_json::to_value(&page).expect("json");
    let card = &view["groups"][0]["cards"][0];
    assert_eq!(card["title"], "Posteingang");
    assert_eq!(card["price_from"], "ab 40,00 € / Std.");
}

#[test]
fn a_package_without_its_own_overage_rate_shows_the_base_rate() {
    let packages = format!(
        "{RATES}packages = [{{ id = \"s\", label = \"S\", hours = 10, price = \"380.00\", period = \"month\", rollover = {{ max_hours = 5, expires_after_months = 1 }} }}]\n"
    );
    let view = rates(site().file("rates/preise.md", &md(&packages)));
    let row = &view["packages"][0];
    assert_eq!(row["price"], "380,00 €");
    assert_eq!(row["per_hour"], "38,00 €");
    assert_eq!(row["overage"], "40,00 € (Stundensatz)");
    let rollover = row["rollover"].as_str().expect("rollover");
    assert!(rollover.starts_with("höchstens 5 h"), "{rollover}");
    assert_eq!(view["month_options"][0]["url"], "s");
}

#[test]
fn a_table_not_valid_yet_says_from_when() {
    let later = RATES.replace("valid_from = 2025-01-01", "valid_from = 2027-01-01");
    let view = rates(site().file("rates/preise.md", &md(&later)));
    let upcoming = view["upcoming"].as_str().expect("upcoming");
    assert!(upcoming.contains("01.01.2027"), "{upcoming}");
    assert_eq!(view["expired"], false);
}
