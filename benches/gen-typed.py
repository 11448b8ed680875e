#!/usr/bin/env python3
"""Generate a deterministic, typed vpagen site of about N content files for benchmarks.

Unlike ../shared/tools/gen-corpus.py (N plain pages), this writes what a large agency
would have: services, skills, checklists, briefings, onboarding guides, a few rate tables
and pages, with valid cross-references between them (services require skills and name
equipment checklists and briefings, briefings list their services back, guides walk
through checklists, pages, briefings and skills, skills point at guide steps, bodies link
with `@type:id[#anchor]`), German as default language and about 8 % English
translations (`*.en.md` with a correct `source_hash`). Bodies are German Markdown of
about 300–1,100 words with headings, lists, tables, callouts and some ```toml blocks.

    python3 benches/gen-typed.py --pages 10000 --out target/bench/typed-10000 [--seed 1]

The same arguments give byte-identical output. Nothing depends on today's date: rate
tables are valid from 2025-01-01 without end, review dates lie in 2029–2031.
`vpagen build --root OUT` should report no errors and no warnings.
"""
import argparse
import json
import math
import os
import random
import shutil

# ---------------------------------------------------------------------------------------
# Word material. Everything below is fictional sample text in the style of the example
# site (content/ of the repository).

# Categories of site.toml: id, German and English title, the work area their hourly
# services fall into, and service topics (German title, English title, task stem).
CATEGORIES = [
    ("buero", "Büro & Sekretariat", "Office & secretarial", "backoffice",
     [("Telefonservice", "Telephone answering", "Anrufe annehmen"),
      ("E-Mail-Management", "E-mail management", "Posteingang sortieren"),
      ("Post und Scan", "Post and scanning", "Eingangspost digitalisieren"),
      ("Terminverwaltung", "Appointment management", "Termine koordinieren"),
      ("Protokolle", "Minutes", "Besprechungen protokollieren")]),
    ("finanzen", "Rechnungswesen", "Invoicing & bookkeeping support", "spezial",
     [("Rechnungen und Mahnwesen", "Invoicing and dunning", "Rechnungen schreiben"),
      ("Belegvorbereitung", "Receipt preparation", "Belege sortieren"),
      ("Zahlungsabgleich", "Payment matching", "Zahlungseingänge abgleichen"),
      ("Reisekostenabrechnung", "Travel expense reports", "Reisekosten zusammenstellen")]),
    ("it-marketing", "IT, Web & Marketing", "IT, web & marketing", "marketing",
     [("Website-Pflege", "Website maintenance", "Inhalte einpflegen"),
      ("SEO-Texte", "SEO copy", "Produkttexte schreiben"),
      ("Newsletter", "Newsletters", "Newsletter versenden")]),
    ("kundenservice", "Kundenservice", "Customer service", "backoffice",
     [("Reklamationen", "Complaints", "Beschwerden dokumentieren"),
      ("Chat-Support", "Chat support", "Kundenanfragen beantworten"),
      ("Bestellannahme", "Order intake", "Bestellungen erfassen")]),
    ("vertrieb", "Vertrieb & Angebote", "Sales & quotes", "backoffice",
     [("Angebotserstellung", "Quotes", "Angebote vorbereiten"),
      ("CRM-Pflege", "CRM upkeep", "Kontakte pflegen"),
      ("Messeorganisation", "Trade fair organisation", "Messeauftritte planen")]),
    ("personal", "Personal & Bewerbungen", "HR & applications", "backoffice",
     [("Bewerbermanagement", "Applicant management", "Bewerbungen sichten"),
      ("Onboarding-Unterlagen", "Onboarding documents", "Unterlagen zusammenstellen")]),
    ("projekte", "Projektassistenz", "Project assistance", "backoffice",
     [("Projektassistenz", "Project assistance", "Aufgabenlisten führen"),
      ("Dokumentation", "Documentation", "Prozesse beschreiben")]),
    ("uebersetzung", "Übersetzung & Korrektorat", "Translation & proofreading", "spezial",
     [("Übersetzung Deutsch–Englisch", "German–English translation", "Korrespondenz übertragen"),
      ("Korrektorat", "Proofreading", "Texte korrigieren")]),
    ("reisen", "Reisen & Veranstaltungen", "Travel & events", "backoffice",
     [("Reisebuchung", "Travel booking", "Reisen buchen"),
      ("Veranstaltungsplanung", "Event planning", "Veranstaltungen organisieren")]),
    ("recherche", "Recherche & Daten", "Research & data", "backoffice",
     [("Internet-Recherche", "Web research", "Quellen recherchieren"),
      ("Datenpflege", "Data maintenance", "Datensätze bereinigen")]),
    ("social-media", "Social Media", "Social media", "marketing",
     [("Social-Media-Redaktion", "Social media editing", "Beiträge einplanen"),
      ("Community-Management", "Community management", "Kommentare beantworten")]),
    ("design", "Grafik & Präsentationen", "Graphics & presentations", "marketing",
     [("Präsentationen", "Presentations", "Folien gestalten"),
      ("Tabellen und Auswertungen", "Spreadsheets and reports", "Auswertungen bauen")]),
]

ROLES = [
    ("assistenz-buero", "Assistenz Büro & Telefon", "Office & phone assistant"),
    ("assistenz-marketing", "Assistenz Marketing", "Marketing assistant"),
    ("assistenz-finanzen", "Assistenz Rechnungswesen", "Invoicing assistant"),
    ("assistenz-vertrieb", "Assistenz Vertrieb", "Sales assistant"),
    ("assistenz-projekte", "Projektassistenz", "Project assistant"),
    ("assistenz-personal", "Assistenz Personal", "HR assistant"),
    ("koordination", "Koordination", "Coordination"),
    ("vertretung", "Vertretung", "Stand-in"),
]

# Skill topics: stem, German title, group, scale.
SKILLS = [
    ("deutsch", "Deutsch", "sprache", "cefr"), ("englisch", "Englisch", "sprache", "cefr"),
    ("franzoesisch", "Französisch", "sprache", "cefr"), ("spanisch", "Spanisch", "sprache", "cefr"),
    ("office-programme", "Office-Programme", "office", "stufe"),
    ("tabellenkalkulation", "Tabellenkalkulation", "office", "stufe"),
    ("telefon-etikette", "Telefon-Etikette", "kommunikation", "stufe"),
    ("schriftliche-kommunikation", "Schriftliche Kommunikation", "kommunikation", "stufe"),
    ("rechnungswesen-grundlagen", "Rechnungswesen-Grundlagen", "finanzen", "stufe"),
    ("e-rechnung", "E-Rechnung", "finanzen", "stufe"),
    ("crm-systeme", "CRM-Systeme", "it", "stufe"), ("wordpress", "WordPress", "it", "stufe"),
    ("social-media", "Social Media", "marketing", "stufe"), ("seo", "SEO", "marketing", "stufe"),
    ("datenschutz-grundlagen", "Datenschutz-Grundlagen", "recht-datenschutz", "stufe"),
    ("vertragswesen", "Vertragswesen", "recht-datenschutz", "stufe"),
]
SCALES = {"cefr": ["A1", "A2", "B1", "B2", "C1", "C2"],
          "stufe": ["grundlagen", "sicher", "fortgeschritten", "experte"]}

# Checklist kinds with their audience and a bank of items (id, text, section).
CHECKLIST_KINDS = {
    "equipment": ("assistant", "Ausstattung", [
        ("rechner", "Eigener Laptop oder PC, der nur beruflich genutzt wird", "Hardware"),
        ("headset", "USB- oder DECT-Headset mit Geräuschunterdrückung", "Hardware"),
        ("zweiter-bildschirm", "Zweiter Bildschirm für Kalender und Notizen", "Hardware"),
        ("webcam", "Webcam für Kick-off-Termine und Besprechungen", "Hardware"),
        ("internet", "Stabiler Internetanschluss, möglichst per Kabel", "Verbindung"),
        ("ersatzverbindung", "Ersatzverbindung über das Smartphone für Ausfälle", "Verbindung"),
        ("softphone", "Telefonie-Software der Agentur installiert und getestet", "Software"),
        ("office", "Office-Paket und ein PDF-Programm mit Kommentarfunktion", "Software"),
        ("scanner", "Scanner oder Scan-App mit Texterkennung", "Software"),
        ("ruhiger-raum", "Ruhiger Raum, in dem niemand Gespräche mithört", "Arbeitsplatz")]),
    "security": ("assistant", "IT-Sicherheit", [
        ("geraet-gesperrt", "Rechner mit Passwort gesperrt, automatische Sperre nach 5 Minuten", "Gerät"),
        ("profile-getrennt", "Getrenntes Benutzerprofil für die Arbeit", "Gerät"),
        ("updates", "Betriebssystem- und Virenschutz-Updates täglich geprüft", "Gerät"),
        ("verschluesselung", "Festplatte verschlüsselt", "Gerät"),
        ("wlan", "WLAN mit WPA2/WPA3 und eigenem Passwort", "Netzwerk"),
        ("router", "Router-Firmware aktuell, Admin-Passwort geändert", "Netzwerk"),
        ("pw-manager", "Passwortmanager eingerichtet, Kundenzugänge nur über geteilte Einträge", "Zugänge"),
        ("2fa", "Zwei-Faktor-Anmeldung für E-Mail und Passwortmanager aktiv", "Zugänge"),
        ("phishing", "Bei Zahlungsbitten immer über einen bekannten Kanal rückfragen", "Zugänge"),
        ("backup", "Verschlüsseltes Backup mindestens wöchentlich", "Daten")]),
    "onboarding": ("assistant", "Einarbeitung", [
        ("rahmenvertrag", "Rahmenvertrag über freie Mitarbeit unterschrieben", "Verträge"),
        ("vertraulichkeit", "Vertraulichkeitsvereinbarung unterschrieben", "Verträge"),
        ("team-chat", "Zugang zum Team-Chat eingerichtet", "Werkzeuge"),
        ("zeiterfassung", "Zeiterfassung eingerichtet und Testeintrag angelegt", "Werkzeuge"),
        ("vorlagen", "Vorlagen für Gesprächsnotizen und Antworten gelesen", "Werkzeuge"),
        ("tandem", "Ersten Einsatz im Tandem mit einer erfahrenen Assistenz vereinbart", "Praxis"),
        ("probetelefonat", "Probetelefonat mit der Agentur geführt", "Praxis"),
        ("ansprechperson", "Feste Ansprechperson in der Koordination bekannt", "Organisation")]),
    "offboarding": ("agency", "Offboarding", [
        ("zugaenge-entzogen", "Alle Zugänge laut Zugangsregister entzogen", "Zugänge"),
        ("pw-eintraege-entzogen", "Geteilte Einträge im Passwortmanager entzogen", "Zugänge"),
        ("test-entzug", "Entzug eines Zugangs testweise geprüft", "Zugänge"),
        ("daten-zurueck", "Kundendaten zurückgegeben oder gelöscht, Löschung dokumentiert", "Daten"),
        ("uebergabe", "Übergabeprotokoll an die Vertretung geschickt", "Übergabe"),
        ("prozesse-aktuell", "Prozessbeschreibungen auf den aktuellen Stand gebracht", "Übergabe")]),
    "legal": ("agency", "AV-Vertrag", [
        ("gegenstand", "Gegenstand und Dauer der Verarbeitung beschrieben", "Inhalt"),
        ("datenarten", "Arten personenbezogener Daten und Betroffene genannt", "Inhalt"),
        ("weisungen", "Weisungsbefugnis und Form der Weisungen geregelt", "Pflichten"),
        ("unterauftrag", "Unterauftragsverarbeiter benannt", "Pflichten"),
        ("tom", "Technische und organisatorische Maßnahmen als Anlage", "Pflichten"),
        ("meldepflicht", "Meldung von Datenpannen ohne schuldhaftes Zögern", "Pflichten"),
        ("loeschung", "Rückgabe und Löschung nach Auftragsende geregelt", "Ende"),
        ("kontrollrechte", "Kontrollrechte des Auftraggebers vereinbart", "Ende")]),
    "client": ("client", "Kundenstart", [
        ("signatur-rolle", "Signatur und Funktion der Assistenz festgelegt", "Auftreten"),
        ("sichtbarkeit", "Tritt die Assistenz sichtbar oder „unsichtbar“ auf?", "Auftreten"),
        ("postfach", "Eigenes Postfach, Funktionspostfach oder Stellvertretung geklärt", "Auftreten"),
        ("kanal", "Hauptkanal für Aufträge und Rückfragen vereinbart", "Kommunikation"),
        ("wochentermin", "Fester Wochentermin für Rückblick und Planung eingetragen", "Kommunikation"),
        ("notfallkontakt", "Vertretung und Notfallkontakt benannt", "Kommunikation"),
        ("tools", "Liste der Programme, mit denen die Assistenz arbeitet", "Werkzeuge"),
        ("freigabegrenze", "Freigabegrenze für Aufwand und Ausgaben vereinbart", "Spielregeln")]),
}
CHECKLIST_EN = {"equipment": "Equipment", "security": "IT security", "onboarding": "Onboarding",
                "offboarding": "Offboarding", "legal": "Data processing agreement", "client": "Client start"}
KIND_WEIGHTS = [("equipment", 22), ("security", 20), ("onboarding", 16),
                ("offboarding", 10), ("legal", 12), ("client", 20)]

BRIEFING_FIELDS = [  # id, label, kind, section
    ("fragestellung", "Welche Frage soll beantwortet werden?", "textarea", "Auftrag"),
    ("zielgruppe", "Für wen ist das Ergebnis gedacht?", "text", "Auftrag"),
    ("quellen", "Welche Quellen sind erwünscht?", "multiselect", "Auftrag"),
    ("wiederholung", "Wie oft fällt die Aufgabe an?", "select", "Organisation"),
    ("anzahl", "Wie viele Einträge ungefähr?", "number", "Ergebnis"),
    ("stunden", "Geschätzter Aufwand", "hours", "Organisation"),
    ("budget", "Budget für Fremdkosten", "money", "Organisation"),
    ("starttermin", "Gewünschter Start", "date", "Organisation"),
    ("ansprechperson-kunde", "Ansprechperson beim Kunden", "contact", "Kontakt"),
    ("webseite", "Adresse der Website", "url", "Kontakt"),
    ("zugang-tool", "Zugang zum Programm (Eintrag im Passwortmanager)", "access-ref", "Zugänge"),
    ("freigabe-vor-versand", "Ergebnis vor dem Versand zur Freigabe vorlegen", "checkbox", "Organisation"),
    ("vorlage", "Gibt es eine Vorlage?", "url", "Ergebnis"),
    ("tonfall", "Gewünschter Tonfall", "select", "Ergebnis"),
]

# Client groups, plural (no articles to get wrong).
CUSTOMERS = ("Handwerksbetriebe Steuerkanzleien Arztpraxen Onlinehändler Architekturbüros Vereine "
             "Hausverwaltungen Physiotherapiepraxen Immobilienbüros Weinhandlungen Fahrschulen "
             "Tischlereien Hotels Ingenieurbüros Beratungsfirmen Kfz-Werkstätten Bäckereien Agenturen").split()
TOOLS = ("Outlook, Google Kalender, Lexware, sevDesk, DATEV Unternehmen online, HubSpot, "
         "Pipedrive, Trello, Asana, Notion, Excel, LibreOffice Calc, Canva, WordPress, "
         "Mailchimp, Slack, Microsoft Teams, Bitwarden, Nextcloud, Personio").split(", ")
DEADLINES = ["innerhalb von zwei Werktagen", "bis 12 Uhr am Folgetag", "noch am selben Tag",
             "binnen vier Stunden", "bis Freitag 16 Uhr", "zum Monatsende", "vor dem nächsten Wochentermin"]
PEOPLE = ["die Assistenz", "die Vertretung", "die Koordination", "die Kundin",
          "die Geschäftsführung", "die Agentur"]  # all feminine: templates say "sie"
# Parts of German compound nouns: 22 × 21 × 18 gives thousands of rare words, as real
# agency texts have ("Rechnungseingangsprüfung", "Terminbestätigungsvorlage"). The tails
# are all feminine, so "die {comp}" is always right.
HEADS = ("Rechnungs Termin Kunden Post Daten Telefon Beleg Angebots Reise Vertrags Mahn "
         "Zahlungs Projekt Lieferanten Personal Büro Kalender Ablage Archiv Protokoll "
         "Bewerber Kontakt").split()
MIDS = ("eingangs ausgangs bestätigungs änderungs abschluss prüf übergabe freigabe "
        "erinnerungs planungs vorlagen status wochen monats quartals jahres sammel "
        "korrektur zwischen nachweis sicherungs bearbeitungs").split()
TAILS = ("liste prüfung verwaltung pflege vorlage übersicht planung freigabe nummer frist "
         "notiz regel tabelle aufstellung abstimmung dokumentation erfassung meldung").split()

# Sentence templates for bodies; {x} slots are filled per sentence.
SENTENCES = [
    "Für {kunde} übernimmt {person} die {comp} {deadline}.",
    "Wir arbeiten immer in den Programmen unserer Kunden, etwa {tool} oder {tool2}.",
    "Die {comp} legen wir vor dem Start gemeinsam fest und halten sie im Briefing fest.",
    "Jede Aufgabe wird im 15-Minuten-Takt erfasst und erscheint im Tätigkeitsnachweis.",
    "Wenn {person} unsicher ist, fragt sie lieber einmal mehr nach, statt zu raten.",
    "Bei Urlaub und Krankheit übernimmt eine eingearbeitete Vertretung die {comp}.",
    "Zugänge erhalten wir ausschließlich über geteilte Einträge im Passwortmanager.",
    "{kunde} sparen so nach unserer Erfahrung {n} Stunden im Monat.",
    "Die {comp} prüfen wir {deadline} und melden Abweichungen sofort.",
    "Größere Aufgaben über zwei Stunden beginnen wir erst nach Ihrer Zustimmung.",
    "In {tool} legen wir dafür eine eigene {comp} an, die auch eine Vertretung versteht.",
    "So bleibt die {comp} nachvollziehbar, auch wenn {person} wechselt.",
    "Personenbezogene Daten verarbeiten wir nur nach Weisung und auf Grundlage eines AV-Vertrags.",
    "Am Ende jeder Woche erhalten Sie eine kurze Übersicht über erledigte und offene Punkte.",
    "Fehlt eine Angabe, setzt {person} eine Wiedervorlage und erinnert {deadline}.",
    "Die erste {comp} erstellen wir gemeinsam, danach arbeitet {person} selbstständig.",
    "Für wiederkehrende Aufgaben schreiben wir eine Prozessbeschreibung mit Beispielen.",
    "Eilaufträge nach 12 Uhr kosten einen Zuschlag, wenn sie noch am selben Tag fertig sein sollen.",
    "Viele Inhaber von {kunde} unterschätzen, wie viel Zeit die {comp} tatsächlich kostet.",
    "Welche {comp} Vorrang hat, entscheiden Sie; {person} hält sich an die Prioritätenliste.",
    "Wir dokumentieren jede Rückfrage, damit {person} später nachvollziehen kann, was vereinbart wurde.",
    "Über {tool} teilen wir Zwischenstände, sobald etwa ein Viertel des Zeitbudgets verbraucht ist.",
    "Die Qualität prüfen wir stichprobenartig anhand der vereinbarten {comp}.",
    "Ohne klare {comp} entstehen Rückfragen, die beide Seiten Zeit kosten.",
]
SHORT = [  # list items
    "{comp} vor dem Start abstimmen", "Zugang zu {tool} über den Passwortmanager",
    "Rückmeldung {deadline}", "Vertretung für {comp} benannt", "Vorlage in {tool} angelegt",
    "Ergebnis als Tabelle mit Quelle und Datum", "Abweichungen sofort an {person} melden",
    "{comp} wöchentlich aktualisieren", "Freigabe durch {person} eingeholt",
    "Tätigkeitsnachweis zur Monatsrechnung",
]
HEADINGS = ["So läuft es ab", "Was wir brauchen", "Was nicht dazugehört", "Abrechnung",
            "Datenschutz", "Beispiel aus der Praxis", "Häufige Fehler", "Qualität",
            "Vertretung und Urlaub", "Werkzeuge", "Fristen", "Zusammenarbeit", "Vorbereitung",
            "Übergabe", "Ergebnis", "Tipps"]
EN_SENTENCES = [
    "For a small business, {person} takes care of the {thing} {deadline}.",
    "We always work in our clients' own software, for example {tool}.",
    "Every task is logged in 15-minute increments and listed in the activity report.",
    "Access is only ever shared through entries in a password manager.",
    "Tasks of more than two hours start only after you have approved them.",
    "During holidays and illness a trained stand-in takes over the {thing}.",
    "We agree on the {thing} before we start and write it down in the briefing.",
    "At the end of every week you receive a short overview of finished and open items.",
]
EN_THINGS = ["call notes", "reminders", "invoices", "appointments", "research tables",
             "post", "social media posts", "quotes", "minutes"]
EN_PEOPLE = ["the assistant", "the stand-in", "the coordinator", "our team"]
EN_DEADLINES = ["within two working days", "by noon the next day", "on the same day",
                "before the next weekly call"]


def tq(s):
    """A TOML basic string (JSON string syntax is valid TOML for these texts)."""
    return json.dumps(s, ensure_ascii=False)


def tlist(items):
    return "[" + ", ".join(tq(x) for x in items) + "]"


def slug(text):
    """Lower-case kebab id of a German title."""
    t = text.lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("–", "-"), ("&", "und")):
        t = t.replace(a, b)
    out = "".join(c if c.isalnum() and c.isascii() else "-" for c in t)
    return "-".join(p for p in out.split("-") if p)


def source_hash(text):
    """vpagen's `source_hash` of an original: 64-bit FNV-1a, upper 32 bits as 8 hex digits."""
    h = 0xCBF29CE484222325
    for b in text.replace("\r\n", "\n").encode("utf-8"):
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h >> 32:08x}"


# ---------------------------------------------------------------------------------------
# Markdown bodies


class Text:
    """German (or English) body text from one random stream."""

    def __init__(self, rng, links):
        self.rng = rng
        self.links = links  # list of (label, target) the body may link to

    def compound(self):
        r = self.rng
        mid = r.choice(MIDS) if r.random() < 0.5 else ""
        return (r.choice(HEADS) + mid + r.choice(TAILS)).capitalize()

    def fill(self, template):
        r = self.rng
        return template.format(
            kunde=r.choice(CUSTOMERS), person=r.choice(PEOPLE), comp=self.compound(),
            deadline=r.choice(DEADLINES), tool=r.choice(TOOLS), tool2=r.choice(TOOLS),
            n=r.randint(3, 25))

    def sentence(self):
        s = self.fill(self.rng.choice(SENTENCES))
        s = s[0].upper() + s[1:]
        x = self.rng.random()
        if x < 0.15 and self.links:
            label, target = self.rng.choice(self.links)
            s += f" Mehr dazu unter [{label}]({target})."
        elif x < 0.25:
            w = self.compound()
            s += f" Wichtig ist dabei die **{w}**."
        return s

    def paragraph(self, lo=3, hi=6):
        return " ".join(self.sentence() for _ in range(self.rng.randint(lo, hi)))

    def bullets(self, numbered=False):
        r = self.rng
        items = [self.fill(r.choice(SHORT)) for _ in range(r.randint(3, 6))]
        items = [i[0].upper() + i[1:] for i in items]
        if numbered:
            return "\n".join(f"{k + 1}. {i}" for k, i in enumerate(items))
        return "\n".join(f"- {i}" for i in items)

    def table(self):
        r = self.rng
        rows = ["| Aufgabe | Zeitaufwand | Frist |", "| --- | ---: | --- |"]
        for _ in range(r.randint(3, 6)):
            rows.append(f"| {self.compound()} | {r.randint(1, 12) * 15} min | {r.choice(DEADLINES)} |")
        return "\n".join(rows)

    def toml_block(self):
        r = self.rng
        return "\n".join([
            "```toml", "[[eintrag]]",
            f"datum = 2025-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}",
            f"kunde = {tq(r.choice(CUSTOMERS) + ' ' + r.choice(['Muster', 'Beispiel', 'Nord', 'Süd']))}",
            f"aufgabe = {tq(self.compound() + ' erledigt')}",
            f"arbeitsbereich = {tq(r.choice(['backoffice', 'marketing', 'spezial']))}",
            f"minuten = {r.randint(1, 16) * 15}", "```"])

    def body(self, words, headings=HEADINGS, faq=False, code=False):
        """Sections of about `words` words in total."""
        r = self.rng
        out = [self.paragraph()]
        count = len(out[0].split())
        used = set()
        while count < words:
            h = r.choice(headings)
            if faq:
                h = f"Wie funktioniert die {self.compound()}?"
            if h in used:  # distinct headings keep the table of contents readable
                h = f"{h}: {self.compound()}"
            used.add(h)
            part = [f"## {h}", self.paragraph()]
            x = r.random()
            if x < 0.3:
                part.append(self.bullets())
            elif x < 0.5:
                part.append(self.bullets(numbered=True))
            elif x < 0.65:
                part.append(self.table())
            elif x < 0.72:
                part.append("> [!NOTE]\n> " + self.sentence())
            if r.random() < 0.35:
                part += [f"### {self.compound()}", self.paragraph(2, 4)]
            out += part
            count += sum(len(p.split()) for p in part)
        if code:
            out.insert(min(2, len(out)), self.toml_block())
        return "\n\n".join(out) + "\n"

    def english(self, words):
        r = self.rng
        paras, count = [], 0
        while count < words:
            s = " ".join(EN_SENTENCES[r.randrange(len(EN_SENTENCES))].format(
                person=r.choice(EN_PEOPLE), thing=r.choice(EN_THINGS),
                deadline=r.choice(EN_DEADLINES), tool=r.choice(TOOLS)) for _ in range(r.randint(3, 5)))
            if paras and r.random() < 0.4:
                heading = r.choice(["How it works", "What we need", "Billing", "Data protection", "Quality"])
                paras.append(f"## {heading} {len(paras)}")
            paras.append(s)
            count += len(s.split())
        return "\n\n".join(paras) + "\n"


def body_words(rng):
    """A body length: 300–1,100 words (the last section overshoots), median about 600."""
    return int(rng.triangular(280, 1000, 500))


# ---------------------------------------------------------------------------------------
# The plan: ids and cross-references of every item, decided before any file is written.


class Plan:
    def __init__(self, pages, seed, n_skills=None):
        r = self.rng = random.Random(seed)
        n_tr = round(pages * 0.08)
        orig = pages - n_tr
        self.n_rates = max(2, round(orig * 0.005))
        share = {"services": 0.34, "checklists": 0.16, "briefings": 0.15, "guides": 0.14}
        n = {k: max(3, round(orig * v)) for k, v in share.items()}
        # Skills are a shared vocabulary: they grow with the square root of the site
        # (6 % of 1,000 files, 2 % of 10,000). The skill matrix is services × skills, so
        # a proportional count would make it grow quadratically.
        n["skills"] = n_skills or max(3, min(round(orig * 0.06), round(2 * math.sqrt(orig))))
        n["pages"] = max(5, orig - self.n_rates - sum(n.values()))
        self.categories = CATEGORIES[:min(len(CATEGORIES), max(3, orig // 80))]
        self.roles = ROLES[:min(len(ROLES), max(2, orig // 150))]
        role_ids = [x[0] for x in self.roles]

        # Rate tables: hourly tables are the defaults of disjoint category groups (one
        # valid default per category); the rest hold unit prices and are named by services.
        n_hourly = max(1, min(len(self.categories), self.n_rates // 2))
        self.rates = []
        for k in range(self.n_rates):
            if k < n_hourly:
                cats = [c[0] for j, c in enumerate(self.categories) if j % n_hourly == k]
                self.rates.append({"id": f"stundenpakete-{k + 1}", "hourly": True, "applies_to": cats})
            else:
                units = [f"einheit-{k}-{u}" for u in range(r.randint(2, 4))]
                self.rates.append({"id": f"einzelleistungen-{k + 1}", "hourly": False, "units": units})
        self.unit_rates = [x for x in self.rates if not x["hourly"]]

        # Skills: topic stems numbered when they repeat.
        self.skills = []
        for k in range(n["skills"]):
            stem, title, group, scale = SKILLS[k % len(SKILLS)]
            rnd = k // len(SKILLS)
            sid = stem if rnd == 0 else f"{stem}-{rnd + 1}"
            self.skills.append({"id": sid, "title": title if rnd == 0 else f"{title} {rnd + 1}",
                                "title_en": f"Skill: {stem.replace('-', ' ')} {rnd + 1}",
                                "group": group, "scale": scale})

        # Checklists, with kinds in fixed proportions (at least one legal: the AVV).
        kinds = [k for k, w in KIND_WEIGHTS for _ in range(w)]
        self.checklists = []
        for k in range(n["checklists"]):
            kind = "legal" if k == 1 else kinds[(k * 37) % len(kinds)]
            audience, stem, bank = CHECKLIST_KINDS[kind]
            items = r.sample(bank, r.randint(max(4, len(bank) - 4), len(bank)))
            self.checklists.append({"id": f"{slug(stem)}-{k + 1}", "kind": kind, "audience": audience,
                                    "title": f"{stem} {k + 1}", "title_en": f"{CHECKLIST_EN[kind]} {k + 1}", "items": items,
                                    "roles": r.sample(role_ids, r.randint(1, len(role_ids))) if audience == "assistant" else []})
        self.equipment = [c["id"] for c in self.checklists if c["kind"] in ("equipment", "security")]

        # Pages: the fixed ones first, then generic pages.
        fixed = [("start", "Virtuelle Assistenz für Ihr Büro", "Virtual assistance for your office", "home", "none"),
                 ("impressum", "Impressum", "Legal notice (Impressum)", "impressum", "footer"),
                 ("datenschutz", "Datenschutzerklärung", "Privacy policy", "datenschutz", "footer"),
                 ("faq", "Häufige Fragen", "Frequently asked questions", "faq", "main"),
                 ("so-arbeiten-wir", "So arbeiten wir", "How we work", "generic", "main")]
        self.pages = [{"id": a, "title": b, "title_en": c, "kind": d, "menu": e} for a, b, c, d, e in fixed]

        def menu(k):
            # Two pages in the main menu and at most eight in the footer, as a real
            # site has: menus are on every page, so a menu that grew with the site
            # would make the output grow with its square.
            if k < 2:
                return "main"
            return "footer" if k % 50 == 7 and k < 400 else "none"

        for k in range(n["pages"] - len(fixed)):
            cat = self.categories[k % len(self.categories)]
            topic, topic_en, _ = cat[4][k % len(cat[4])]
            kind = "faq" if k % 17 == 3 else "generic"
            self.pages.append({"id": f"{slug(topic)}-ratgeber-{k + 1}", "title": f"Ratgeber {topic} {k + 1}",
                               "title_en": f"Guide: {topic_en} {k + 1}",
                               "kind": kind, "menu": menu(k)})

        # Services: category, topic, billing, skills (every skill used at least once).
        self.services = []
        for k in range(n["services"]):
            cat = self.categories[k % len(self.categories)]
            topic_de, topic_en, task = cat[4][(k // len(self.categories)) % len(cat[4])]
            x = r.random()
            billing = "hourly" if x < 0.75 or not self.unit_rates else ("unit" if x < 0.9 else "flat")
            svc = {"id": f"{slug(topic_de)}-{k + 1}", "title": f"{topic_de} {k + 1}", "title_en": f"{topic_en} {k + 1}",
                   "task": task, "category": cat[0], "area": cat[3], "billing": billing,
                   "personal_data": r.random() < 0.55, "briefings": [], "skills": []}
            if billing == "unit":
                table = r.choice(self.unit_rates)
                svc["rate_table"], svc["unit"] = table["id"], r.choice(table["units"])
            picks = {self.skills[k % len(self.skills)]["id"]}
            picks.update(s["id"] for s in r.sample(self.skills, min(len(self.skills), r.randint(1, 3))))
            for sid in sorted(picks):
                skill = next(s for s in self.skills if s["id"] == sid)
                svc["skills"].append((sid, r.choice(SCALES[skill["scale"]][1:])))
            svc["equipment"] = r.sample(self.equipment, min(len(self.equipment), r.randint(0, 2)))
            self.services.append(svc)
        for k, svc in enumerate(self.services):
            others = [s["id"] for s in r.sample(self.services, min(4, len(self.services))) if s["id"] != svc["id"]]
            svc["related"] = others[:r.randint(0, 3)]

        # Briefings: about half are generic, the rest name 1–3 services, which name them
        # back (a one-sided link is a warning).
        self.briefings = []
        for k in range(n["briefings"]):
            fors = [] if k % 2 == 0 else r.sample(self.services, min(len(self.services), r.randint(1, 3)))
            b = {"id": f"briefing-{k + 1}", "for": [s["id"] for s in fors],
                 "standard": r.random() < 0.6}
            custom = r.sample(BRIEFING_FIELDS, r.randint(2, 7))
            b["fields"] = custom
            for s in fors:
                s["briefings"].append(b["id"])
            self.briefings.append(b)
        generic = [b["id"] for b in self.briefings if not b["for"]]
        for svc in self.services:  # some services also use a generic briefing
            if generic and r.random() < 0.3:
                svc["briefings"].append(r.choice(generic))

        # Guides: steps through checklists, pages, briefings and skills. Checklists are
        # taken in turn, so that (almost) every one is used somewhere.
        next_checklist = iter(self.checklists * 20)
        self.guides = []
        for k in range(n["guides"]):
            audience = "assistant" if r.random() < 0.65 else "client"
            steps, day = [], 1
            for s in range(r.randint(4, 10)):
                day += r.choice([0, 0, 1, 1, 2])
                ref = r.choice(["checklist", "page", "briefing", "skill", None])
                pool = {"page": self.pages, "briefing": self.briefings, "skill": self.skills}.get(ref)
                target = next(next_checklist)["id"] if ref == "checklist" else pool and r.choice(pool)["id"]
                steps.append({"id": f"schritt-{s + 1}", "day": day, "ref": ref, "target": target,
                              "quiz": r.random() < 0.25})
            self.guides.append({"id": f"einarbeitung-{k + 1}", "audience": audience, "steps": steps,
                                "roles": r.sample(role_ids, r.randint(1, len(role_ids))) if audience == "assistant" else []})
        for skill in self.skills:
            g = r.choice(self.guides)
            skill["training"] = f"{g['id']}#{r.choice(g['steps'])['id']}"

        # Translations: start and impressum always (as in the example), then services,
        # checklists, skills and pages at random.
        pool = ([("services", s) for s in self.services] + [("checklists", c) for c in self.checklists]
                + [("skills", s) for s in self.skills] + [("pages", p) for p in self.pages[5:]])
        self.translated = {("pages", "start"), ("pages", "impressum")}
        for kind, item in r.sample(pool, max(0, min(len(pool), n_tr - 2))):
            self.translated.add((kind, item["id"]))

    def link_targets(self, rng, k=6):
        """Some `(label, @type:id[#anchor])` links into the whole site."""
        out = []
        for _ in range(k):
            x = rng.random()
            if x < 0.35:
                s = rng.choice(self.services)
                out.append((s["title"], f"@service:{s['id']}"))
            elif x < 0.5:
                c = rng.choice(self.checklists)
                anchor = f"#{rng.choice(c['items'])[0]}" if rng.random() < 0.3 else ""
                out.append((c["title"], f"@checklist:{c['id']}{anchor}"))
            elif x < 0.62:
                g = rng.choice(self.guides)
                anchor = f"#{rng.choice(g['steps'])['id']}" if rng.random() < 0.3 else ""
                out.append(("Einarbeitung", f"@guide:{g['id']}{anchor}"))
            elif x < 0.74:
                out.append(("Briefing", f"@briefing:{rng.choice(self.briefings)['id']}"))
            elif x < 0.86:
                s = rng.choice(self.skills)
                out.append((s["title"], f"@skill:{s['id']}"))
            elif x < 0.93:
                out.append(("Preisliste", f"@rate:{rng.choice(self.rates)['id']}"))
            else:
                p = rng.choice(self.pages)
                out.append((p["title"], f"@page:{p['id']}"))
        return out


# ---------------------------------------------------------------------------------------
# Writers: one function per content type returns (front matter lines, body).

def editorial(rng):
    """Keys every content type may carry."""
    return [f"owner = {tq(rng.choice(['Erika Beispiel', 'Jonas Muster', 'Aylin Demir']))}",
            f"review_by = {rng.randint(2029, 2031)}-{rng.randint(1, 12):02d}-28",
            f"updated = 2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}"]


def service(p, s, rng):
    text = Text(rng, p.link_targets(rng) + [(b, f"@briefing:{b}") for b in s["briefings"]])
    tasks = [f"{s['task']} für {rng.choice(CUSTOMERS)} in {rng.choice(TOOLS)}" for _ in range(rng.randint(3, 6))]
    s["n_tasks"] = len(tasks)  # the translation needs as many
    summary = f"{s['task']} – zuverlässig, dokumentiert und {rng.choice(DEADLINES)}."
    fm = [f"title = {tq(s['title'])}", f"summary = {tq(summary)}",
          f"category = {tq(s['category'])}", f"billing = {tq(s['billing'])}"]
    if s["billing"] == "hourly":
        fm.append(f"work_area = {tq(s['area'])}")
    elif s["billing"] == "unit":
        fm += [f"rate_table = {tq(s['rate_table'])}", f"unit = {tq(s['unit'])}"]
    else:
        fm.append(f"flat_price = {tq(f'{rng.randint(5, 60) * 10}.00')}")
    fm += [f"tasks = {tlist(tasks)}",
           f"excluded = {tlist(['Rechts- oder Steuerauskünfte', 'Kaltakquise'][:rng.randint(1, 2)])}",
           f"deliverables = {tlist([text.compound() for _ in range(rng.randint(1, 3))])}",
           f"languages = {tlist(['de', 'en'] if rng.random() < 0.6 else ['de'])}",
           f"personal_data = {str(s['personal_data']).lower()}"]
    if s["category"] == "finanzen":
        note = "Nur mechanische Arbeiten (§ 6 Nr. 3 StBerG); Kontieren, Buchen und Steuerberatung bleiben beim Steuerbüro."
        fm.append(f"scope_note = {tq(note)}")  # else warning C13
    if rng.random() < 0.5:
        fm.append('turnaround = { standard = "2bd", rush = "4h" }\nrush_surcharge = "eil"')
    else:
        fm.append(f'turnaround = {{ standard = "{rng.randint(1, 5)}bd" }}')
    if rng.random() < 0.4:
        fm.append(f"service_hours = {tq('Mo–Fr 8:00–18:00 Uhr')}")
    fm.append(f"prerequisites = {tlist([f'Zugang zu {rng.choice(TOOLS)} über den Passwortmanager'])}")
    for key in ("equipment", "briefings", "related"):
        if s[key]:
            fm.append(f"{key} = {tlist(s[key])}")
    fm.append(f"tags = {tlist([slug(s['category']), slug(s['task'].split()[0])])}")
    fm.append(f"order = {rng.randint(1, 100) * 10}")
    fm += editorial(rng)
    for sid, level in s["skills"]:
        fm += ["", "[[skills]]", f"id = {tq(sid)}", f"level = {tq(level)}"]
    return fm, text.body(body_words(rng), code=rng.random() < 0.3)


EVIDENCE = ["Praxisaufgabe mit anonymisierten Kundendaten", "Gespräch mit der Koordination"]


def skill(p, s, rng):
    text = Text(rng, p.link_targets(rng))
    levels = SCALES[s["scale"]]
    summary = f"{s['title']}: was wir erwarten, wie wir es prüfen und wofür wir es brauchen."
    fm = [f"title = {tq(s['title'])}", f"summary = {tq(summary)}",
          f"group = {tq(s['group'])}", f"scale = {tq(s['scale'])}",
          f"verification = {tq(rng.choice(['self', 'test', 'certificate', 'interview']))}",
          f"evidence = {tlist(EVIDENCE[:rng.randint(1, 2)])}",
          f"training = {tlist([s['training']])}"]
    if s["group"] == "finanzen":
        fm.append(f"legal_note = {tq('Buchen laufender Geschäftsvorfälle nur mit Qualifikation nach § 6 Nr. 4 StBerG.')}")
    fm += editorial(rng) + ["", "[level_descriptions]"]
    for level in levels[-rng.randint(2, 4):]:
        fm.append(f"{level} = {tq(text.sentence())}")
    return fm, text.body(body_words(rng), code=rng.random() < 0.2)


def checklist(p, c, rng):
    text = Text(rng, p.link_targets(rng))
    summary = f"Was vor dem Start erledigt sein muss – {len(c['items'])} Punkte."
    fm = [f"title = {tq(c['title'])}", f"summary = {tq(summary)}",
          f"kind = {tq(c['kind'])}", f"reader = {tq(c['audience'])}",
          f"version = {rng.randint(1, 4)}", f"estimated_minutes = {rng.randint(2, 12) * 5}"]
    if c["kind"] in ("security", "legal"):
        fm.append("print_signature = true")
    if c["roles"]:
        fm.append(f"roles = {tlist(c['roles'])}")
    fm += editorial(rng)
    for iid, item_text, section in c["items"]:
        fm += ["", "[[items]]", f"id = {tq(iid)}", f"section = {tq(section)}", f"text = {tq(item_text)}"]
        x = rng.random()
        if x < 0.15:
            fm.append("required = false")
        elif x < 0.3:
            fm.append(f"note = {tq(text.sentence())}")
        elif x < 0.4:
            fm.append(f"link = {tq('@skill:' + rng.choice(p.skills)['id'])}")
    return fm, text.body(body_words(rng))


def rate(p, t, rng):
    text = Text(rng, p.link_targets(rng))
    fm = [f"title = {tq(('Stundensatz und Stundenpakete ' if t['hourly'] else 'Einzelleistungen ') + t['id'].split('-')[-1])}",
          f"summary = {tq('Preise für Unternehmen, netto zuzüglich 19 % Umsatzsteuer.')}",
          'currency = "EUR"', 'price_basis = "net"', 'vat_rate = "19"', 'customers = "b2b"',
          "valid_from = 2025-01-01", "billing_increment_min = 15",
          f"payment_terms = {tq('14 Tage netto')}",
          f"expenses = {tq('Porto und Fremdkosten nur nach Freigabe, ohne Aufschlag')}"]
    if t["hourly"]:
        base = rng.randint(40, 55)
        fm += [f"applies_to = {tlist(t['applies_to'])}", f'base_hourly = "{base}.00"',
               "minimum_per_task_min = 15", f"notice = {tq('Monatspakete: 1 Monat zum Monatsende')}"]
    fm += editorial(rng)
    fm += ["", "[[areas]]", 'id = "backoffice"', f"label = {tq('Backoffice & Sekretariat')}", 'factor = "1.0"']
    if t["hourly"]:
        fm += ["", "[[areas]]", 'id = "marketing"', f"label = {tq('Marketing & Social Media')}", 'factor = "1.5"',
               "", "[[areas]]", 'id = "spezial"', f"label = {tq('Übersetzung & Buchhaltungsvorbereitung')}",
               'factor = "1.5"', "approval_required = true"]
        for k, (pid, hours) in enumerate([("block-5", 5), ("s", 10), ("m", 20), ("l", 40)]):
            per_hour = base - 2 - 2 * k  # falling price per hour (C12)
            fm += ["", "[[packages]]", f'id = "{pid}"', f"label = {tq(f'Paket {pid.upper()} ({hours} Stunden)')}",
                   f"hours = {hours}", f'price = "{per_hour * hours}.00"']
            fm += ['period = "once"', "valid_months = 6"] if k == 0 else \
                  ['period = "month"', f'overage_hourly = "{per_hour - 1}.00"', "[packages.rollover]",
                   "max_hours = 2" if k == 1 else 'max_percent = "20"', "expires_after_months = 1"]
    else:
        for uid in t["units"]:
            fm += ["", "[[units]]", f"id = {tq(uid)}", f"label = {tq('Je ' + text.compound())}",
                   f'price = "{rng.randint(2, 40)}.{rng.choice(["00", "50", "20"])}"',
                   f"minimum_units = {rng.randint(1, 10)}", f"definition = {tq(text.sentence())}"]
    fm += ["", "[[surcharges]]", 'id = "eil"', f"label = {tq('Eilauftrag')}", 'percent = "50"',
           f"condition = {tq('Erledigung am selben Werktag, Auftrag nach 12 Uhr')}",
           "", "[[surcharges]]", 'id = "randzeit"', f"label = {tq('Randzeiten')}", 'percent = "25"']
    return fm, text.body(body_words(rng), code=True)


def briefing(p, b, rng):
    text = Text(rng, p.link_targets(rng) + [("Leistung", f"@service:{s}") for s in b["for"]])
    fm = [f"title = {tq('Briefing ' + text.compound())}",
          f"summary = {tq('Alles, was wir für diese Aufgabe wissen müssen: Ziel, Ergebnis, Frist und Zugänge.')}",
          'default_area = "backoffice"', f"include_standard = {str(b['standard']).lower()}"]
    if b["for"]:
        fm.append(f"for_services = {tlist(b['for'])}")
    fm += editorial(rng)
    fields = list(b["fields"])
    if not b["standard"]:  # a service with personal data needs this question (C4)
        fields.append(("personenbezogene-daten", "Es werden personenbezogene Daten verarbeitet", "checkbox", "Datenschutz"))
    for fid, label, kind, section in fields:
        fm += ["", "[[fields]]", f"id = {tq(fid)}", f"section = {tq(section)}",
               f"label = {tq(label)}", f"kind = {tq(kind)}"]
        if kind in ("select", "multiselect"):
            opts = ["einmalig", "wöchentlich", "monatlich"] if fid != "tonfall" else ["förmlich", "freundlich", "locker"]
            fm.append(f"options = {tlist(opts)}")
            if kind == "select":
                fm.append(f"default = {tq(opts[0])}")
        elif kind == "checkbox":
            fm.append("default = true")
        elif kind == "number":
            fm.append(f"default = {rng.randint(5, 50)}")
        elif kind == "access-ref":
            fm.append(f"help = {tq('Bitte kein Passwort eintragen – nur den Namen des geteilten Eintrags.')}")
        if rng.random() < 0.3:
            fm.append("required = true")
    return fm, text.body(body_words(rng))


def guide(p, g, rng):
    text = Text(rng, p.link_targets(rng))
    last = g["steps"][-1]["day"]
    fm = [f"title = {tq('Einarbeitung ' + text.compound())}",
          f"summary = {tq(f'Die ersten {last} Tage: Verträge, Ausstattung, Sicherheit und erste Aufgaben.')}",
          f"reader = {tq(g['audience'])}", f"duration_days = {last + rng.randint(0, 3)}"]
    if g["roles"]:
        fm.append(f"roles = {tlist(g['roles'])}")
    fm += editorial(rng)
    for s in g["steps"]:
        fm += ["", "[[steps]]", f"id = {tq(s['id'])}", f"day = {s['day']}",
               f"title = {tq(text.compound() + ' ' + rng.choice(['prüfen', 'einrichten', 'kennenlernen', 'abstimmen']))}"]
        if s["ref"]:
            fm.append(f"{s['ref']} = {tq(s['target'])}")
        fm += [f"body = {tq(text.paragraph(1, 3))}", f"done_when = {tq(text.compound() + ' liegt vor')}"]
        if s["quiz"]:
            fm += ["", "[[steps.quiz]]", f"question = {tq('Wer entscheidet über die ' + text.compound() + '?')}",
                   f"options = {tlist(['Die Assistenz allein', 'Der Kunde nach Briefing', 'Niemand'])}", "answer = 1"]
    return fm, text.body(body_words(rng))


def page(p, pg, rng):
    text = Text(rng, p.link_targets(rng))
    fm = [f"title = {tq(pg['title'])}",
          f"summary = {tq('Wie wir arbeiten, was wir übernehmen und was Sie von uns erwarten können.')}",
          f"kind = {tq(pg['kind'])}", f"menu = {tq(pg['menu'])}",
          f"reader = {tq(rng.choice(['client', 'assistant', 'all']) if pg['kind'] == 'generic' else 'all')}"]
    if pg["kind"] == "generic":
        fm.append(f"order = {rng.randint(1, 90) * 10}")
    return fm, text.body(body_words(rng), faq=pg["kind"] == "faq", code=rng.random() < 0.2)


def translation(kind, item, original, rng):
    """The English `*.en.md` of a service, skill, checklist or page."""
    fm = [f"title = {tq(item['title_en'])}",
          f"source_hash = {tq(source_hash(original))}",
          f"summary = {tq('How we work, what we take off your hands and what you can expect from us.')}"]
    if kind == "services":  # translated lists must have as many entries as the original
        fm.append(f"tasks = {tlist([f'Task {k + 1} in your own software' for k in range(item['n_tasks'])])}")
    if kind == "checklists":
        for iid, _, _ in item["items"]:
            fm += ["", "[[items]]", f"id = {tq(iid)}", f"text = {tq('Done: ' + iid.replace('-', ' '))}"]
    return fm, Text(rng, []).english(int(body_words(rng) * 0.6))


# ---------------------------------------------------------------------------------------
# site.toml

def site_toml(p):
    """The configuration: the example site's, with generated categories and roles."""
    lines = [
        "# Generated by benches/gen-typed.py (typed benchmark corpus).",
        'title = "Büroservice Beispiel"',
        'description = { de = "Virtuelle Assistenz für Büro, Rechnungswesen und Marketing.",'
        ' en = "Virtual assistance for office work, invoicing and marketing." }',
        'base_url = "https://buero-beispiel.de"', 'default_lang = "de"', 'theme = "default"', "",
        "[languages.de]", 'name = "Deutsch"', "[languages.de.segments]",
        'services = "leistungen"', 'skills = "kompetenzen"', 'checklists = "checklisten"',
        'rates = "preise"', 'briefings = "briefings"', 'guides = "einarbeitung"', 'pages = ""', "",
        "[languages.en]", 'name = "English"', "[languages.en.segments]",
        'services = "services"', 'skills = "skills"', 'checklists = "checklists"',
        'rates = "rates"', 'briefings = "briefings"', 'guides = "onboarding"', 'pages = ""', "",
        "[agency]", 'name = "Büroservice Beispiel"',
        'legal_form = { de = "Einzelunternehmen", en = "sole proprietorship" }',
        'owner = "Erika Beispiel"', 'street = "Musterweg 12"', 'postcode = "12345"',
        'city = "Musterstadt"', 'country = "DE"', 'email = "kontakt@buero-beispiel.de"',
        'phone = "+49 1234 567890"', 'tax_mode = "regelbesteuert"', 'vat_id = "DE123456789"',
    ]
    for k, (cid, de, en, _, _) in enumerate(p.categories):
        lines += ["", "[[category]]", f"id = {tq(cid)}", f"title = {{ de = {tq(de)}, en = {tq(en)} }}", f"order = {k + 1}"]
    lines += ["", "[skill_scales]"] + [f"{s} = {tlist(v)}" for s, v in SCALES.items()]
    lines += ["", "[skill_labels]", 'cefr = { de = "GER", en = "CEFR" }', 'stufe = { de = "Stufe", en = "level" }',
              'grundlagen = { de = "Grundlagen", en = "basic" }', 'sicher = { de = "sicher", en = "confident" }',
              'fortgeschritten = { de = "fortgeschritten", en = "advanced" }', 'experte = { de = "Experte", en = "expert" }']
    for rid, de, en in p.roles:
        lines += ["", "[[role]]", f"id = {tq(rid)}", f"title = {{ de = {tq(de)}, en = {tq(en)} }}"]
    lines += ["", "[search]", "synonyms = [",
              '  ["Stundensatz", "hourly rate", "Honorar", "Preis"],',
              '  ["virtuelle Assistenz", "virtual assistant", "VA"],',
              '  ["Einarbeitung", "onboarding"],', '  ["Rechnung", "invoice"],',
              '  ["Datenschutz", "data protection", "DSGVO", "GDPR"],', "]"]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, required=True, help="about this many content files (≥ 30)")
    ap.add_argument("--out", required=True, help="site folder to (re)create")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--skills", type=int, help="number of skills (default: min(6 %%, 2·√pages))")
    a = ap.parse_args()
    if a.pages < 30:
        ap.error("--pages must be at least 30")
    p = Plan(a.pages, a.seed, a.skills)
    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    write(os.path.join(a.out, "site.toml"), site_toml(p))

    writers = [("services", p.services, service), ("skills", p.skills, skill),
               ("checklists", p.checklists, checklist), ("rates", p.rates, rate),
               ("briefings", p.briefings, briefing), ("guides", p.guides, guide),
               ("pages", p.pages, page)]
    counts = {}
    for t, (folder, items, fn) in enumerate(writers):
        for i, item in enumerate(items):
            # One random stream per file, so a file does not change when another does.
            rng = random.Random(a.seed * 1_000_003 + t * 100_003 + i)
            fm, body = fn(p, item, rng)
            text = "+++\n" + "\n".join(fm) + "\n+++\n\n" + body
            path = os.path.join(a.out, "content", folder, item["id"])
            write(path + ".md", text)
            counts[folder] = counts.get(folder, 0) + 1
            if (folder, item["id"]) in p.translated:
                fm, body = translation(folder, item, text, rng)
                write(path + ".en.md", "+++\n" + "\n".join(fm) + "\n+++\n\n" + body)
                counts["translations"] = counts.get("translations", 0) + 1
    total = sum(counts.values())
    print(f"{a.out}: {total} content files (" + ", ".join(f"{k} {v}" for k, v in counts.items()) + ")")


if __name__ == "__main__":
    main()
