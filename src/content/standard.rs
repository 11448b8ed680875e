//! The standard briefing sections (content-model §3.5), prepended when a briefing
//! sets `include_standard = true`. Labels exist in German and English; other
//! languages get the English labels.

use super::raw::FieldKind;
use super::types::Field;

/// (id, kind, required, section de/en, label de/en, help de/en, options de/en)
type Def = (
    &'static str,
    FieldKind,
    bool,
    [&'static str; 2],
    [&'static str; 2],
    [&'static str; 2],
    [&'static str; 2],
);

const DEFS: &[Def] = &[
    (
        "hintergrund",
        FieldKind::Textarea,
        false,
        ["Auftrag", "Task"],
        [
            "Hintergrund: Warum gibt es die Aufgabe?",
            "Background: why does the task exist?",
        ],
        ["", ""],
        ["", ""],
    ),
    (
        "ziel",
        FieldKind::Textarea,
        true,
        ["Auftrag", "Task"],
        ["Ziel und gewünschtes Ergebnis", "Goal and expected result"],
        ["", ""],
        ["", ""],
    ),
    (
        "ergebnisformat",
        FieldKind::Text,
        false,
        ["Auftrag", "Task"],
        [
            "Ergebnisformat (z. B. Tabelle, Entwurf im CRM)",
            "Deliverable format (e.g. table, draft in the CRM)",
        ],
        ["", ""],
        ["", ""],
    ),
    (
        "fertig-wenn",
        FieldKind::Textarea,
        false,
        ["Auftrag", "Task"],
        ["Fertig, wenn …", "Done when …"],
        [
            "Woran erkennen wir, dass die Aufgabe erledigt ist?",
            "How do we know the task is done?",
        ],
        ["", ""],
    ),
    (
        "deadline",
        FieldKind::Datetime,
        true,
        ["Zeit und Budget", "Time and budget"],
        [
            "Deadline (Datum, Uhrzeit, Zeitzone)",
            "Deadline (date, time, time zone)",
        ],
        [
            "Zeitzone: Europe/Berlin, wenn nicht anders angegeben.",
            "Time zone: Europe/Berlin unless stated otherwise.",
        ],
        ["", ""],
    ),
    (
        "zwischenstand",
        FieldKind::Text,
        false,
        ["Zeit und Budget", "Time and budget"],
        [
            "Zwischenstand erwünscht am / nach",
            "Interim check-in on / after",
        ],
        ["", ""],
        ["", ""],
    ),
    (
        "zeitbudget",
        FieldKind::Hours,
        false,
        ["Zeit und Budget", "Time and budget"],
        ["Zeitbudget in Stunden", "Time budget in hours"],
        [
            "Wir melden uns, bevor das Budget überschritten wird.",
            "We check with you before the budget is exceeded.",
        ],
        ["", ""],
    ),
    (
        "fremdkosten",
        FieldKind::Money,
        false,
        ["Zeit und Budget", "Time and budget"],
        [
            "Budget für Fremdkosten in Euro",
            "Budget for third-party costs in euros",
        ],
        [
            "Ohne Freigabe kaufen wir nichts ein.",
            "We buy nothing without your approval.",
        ],
        ["", ""],
    ),
    (
        "zugaenge",
        FieldKind::AccessRef,
        false,
        ["Zusammenarbeit", "Working together"],
        [
            "Benötigte Zugänge (Eintrag im Passwortmanager)",
            "Access needed (password-manager entry)",
        ],
        [
            "Bitte nie ein Passwort eintragen – nur den Namen des geteilten Eintrags.",
            "Never enter a password here – only the name of the shared entry.",
        ],
        ["", ""],
    ),
    (
        "ansprechpartner",
        FieldKind::Contact,
        false,
        ["Zusammenarbeit", "Working together"],
        ["Ansprechperson für Rückfragen", "Contact for questions"],
        ["", ""],
        ["", ""],
    ),
    (
        "tools",
        FieldKind::Text,
        false,
        ["Zusammenarbeit", "Working together"],
        [
            "Tools und Anleitungen (Links)",
            "Tools and instructions (links)",
        ],
        ["", ""],
        ["", ""],
    ),
    (
        "kanal",
        FieldKind::Select,
        false,
        ["Zusammenarbeit", "Working together"],
        ["Bevorzugter Kanal", "Preferred channel"],
        ["", ""],
        [
            "E-Mail|Telefon|Chat|Projekttool",
            "E-mail|Phone|Chat|Project tool",
        ],
    ),
    (
        "prioritaet",
        FieldKind::Select,
        false,
        ["Zusammenarbeit", "Working together"],
        ["Priorität", "Priority"],
        ["", ""],
        ["niedrig|normal|hoch", "low|normal|high"],
    ),
    (
        "reissleine",
        FieldKind::Textarea,
        false,
        ["Zusammenarbeit", "Working together"],
        [
            "Reißleine: Wann sollen wir anhalten und fragen?",
            "Stop rule: when should we stop and ask?",
        ],
        ["", ""],
        ["", ""],
    ),
    (
        "arbeitsbereich",
        FieldKind::Select,
        false,
        ["Abrechnung und Datenschutz", "Billing and data protection"],
        [
            "Arbeitsbereich (bestimmt den Faktor)",
            "Work area (sets the rate factor)",
        ],
        ["", ""],
        ["", ""],
    ),
    (
        "personenbezogene-daten",
        FieldKind::Checkbox,
        false,
        ["Abrechnung und Datenschutz", "Billing and data protection"],
        [
            "Die Aufgabe betrifft personenbezogene Daten",
            "The task involves personal data",
        ],
        [
            "Dann gilt der AV-Vertrag (Art. 28 DSGVO).",
            "The data processing agreement (Art. 28 GDPR) then applies.",
        ],
        ["", ""],
    ),
];

/// The standard fields in `lang` (German for `de`, English otherwise).
pub(crate) fn fields(lang: &str, areas: &[String]) -> Vec<Field> {
    let i = usize::from(!crate::locale::Locale::of(lang).is_german());
    DEFS.iter()
        .map(
            |(id, kind, required, section, label, help, options)| Field {
                id: (*id).to_owned(),
                label: label[i].to_owned(),
                kind: *kind,
                section: Some(section[i].to_owned()),
                required: *required,
                help: (!help[i].is_empty()).then(|| help[i].to_owned()),
                placeholder: None,
                options: if *id == "arbeitsbereich" {
                    areas.to_vec()
                } else {
                    options[i]
                        .split('|')
                        .filter(|o| !o.is_empty())
                        .map(str::to_owned)
                        .collect()
                },
                default: None,
                standard: true,
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_match_the_reserved_list() {
        let ids: Vec<String> = super::fields("de", &[]).into_iter().map(|f| f.id).collect();
        assert_eq!(ids, super::super::STANDARD_FIELD_IDS);
    }
}
