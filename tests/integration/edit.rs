//! `vpagen::edit` on the bundled examples and on generated front matter: opening and
//! saving a file without a change leaves it byte-identical, a one-field change is a
//! one-line diff, and moving entries keeps each entry's text.

use std::path::PathBuf;

use proptest::prelude::*;
use proptest::sample::select;

use vpagen::edit::{Change, FieldValue, PathSeg, apply};

use crate::props::budget;
use crate::support::repo_root;

/// Every content file of the bundled examples, with its text.
fn example_files() -> Vec<(PathBuf, String)> {
    let root = repo_root();
    let mut files = Vec::new();
    for dir in ["content", "examples/einzelassistenz/content"] {
        for entry in walkdir::WalkDir::new(root.join(dir)).sort_by_file_name() {
            let entry = entry.expect("readable example folder");
            if entry.path().extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(entry.path()).expect("readable example");
                files.push((entry.path().to_owned(), text));
            }
        }
    }
    assert!(files.len() > 40, "the examples are found: {}", files.len());
    files
}

/// The example file at `path` (relative to the repository root).
fn example(path: &str) -> String {
    std::fs::read_to_string(repo_root().join(path)).expect("readable example")
}

fn key(k: &str) -> PathSeg {
    PathSeg::Key(k.to_owned())
}

/// The numbers of the lines that differ; the texts have as many lines.
fn changed_lines(before: &str, after: &str) -> Vec<usize> {
    let (a, b): (Vec<&str>, Vec<&str>) =
        (before.split('\n').collect(), after.split('\n').collect());
    assert_eq!(a.len(), b.len(), "no line added or removed:\n{after}");
    (0..a.len()).filter(|&i| a[i] != b[i]).collect()
}

/// The lines of a text, sorted: equal for two texts whose lines were only moved.
fn sorted_lines(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_unstable();
    lines
}

#[test]
fn saving_every_example_without_a_change_leaves_it_byte_identical() {
    for (path, text) in example_files() {
        let saved = apply(&text, &[]).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            saved == text,
            "{} changed on a save without changes",
            path.display()
        );
    }
}

#[test]
fn setting_one_field_of_an_example_changes_one_line() {
    let cases: [(&str, Vec<PathSeg>, &str, &str); 4] = [
        (
            "content/rates/stundenpakete-2026.md",
            vec![key("base_hourly")],
            "47.50",
            "base_hourly = \"47.50\"",
        ),
        (
            "content/checklists/kundenstart.md",
            vec![key("items"), PathSeg::Index(3), key("text")],
            "Hauptkanal vereinbart",
            "text = \"Hauptkanal vereinbart\"",
        ),
        (
            "content/guides/neue-assistenz.md",
            vec![key("steps"), PathSeg::Index(1), key("title")],
            "Ausstattung prüfen und ergänzen",
            "title = \"Ausstattung prüfen und ergänzen\"",
        ),
        (
            "content/services/telefonservice.en.md",
            vec![key("summary")],
            "We answer your calls.",
            "summary = \"We answer your calls.\"",
        ),
    ];
    for (path, field, value, line) in cases {
        let text = example(path);
        let change = Change::Set {
            path: field,
            value: FieldValue::String(value.to_owned()),
        };
        let after = apply(&text, &[change]).unwrap();
        let changed = changed_lines(&text, &after);
        assert_eq!(changed.len(), 1, "{path}: {changed:?}");
        assert_eq!(after.split('\n').nth(changed[0]), Some(line), "{path}");
    }
}

#[test]
fn moving_removing_and_appending_steps_of_an_example_guide() {
    let text = example("content/guides/neue-assistenz.md");
    let steps = vec![key("steps")];
    let moved = apply(
        &text,
        &[Change::Move {
            path: steps.clone(),
            from: 0,
            to: 2,
        }],
    )
    .unwrap();
    assert_ne!(moved, text);
    assert_eq!(
        sorted_lines(&moved),
        sorted_lines(&text),
        "each entry keeps its text"
    );
    let back = apply(
        &moved,
        &[Change::Move {
            path: steps.clone(),
            from: 2,
            to: 0,
        }],
    )
    .unwrap();
    assert_eq!(back, text);
    let front = |t: &str| -> toml::Table {
        let s = vpagen::content::split(vpagen::diag::Sources::new().add("", ""), t).unwrap();
        toml::from_str(&t[s.front]).unwrap()
    };
    let ids = |t: &str| -> Vec<String> {
        front(t)["steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                s.get("id")
                    .and_then(|i| i.as_str())
                    .unwrap_or("")
                    .to_owned()
            })
            .collect()
    };
    let before = ids(&text);
    let after = ids(&moved);
    assert_eq!(after[2], before[0]);
    assert_eq!(after[..2], before[1..3]);
    let removed = apply(
        &text,
        &[Change::Remove {
            path: vec![key("steps"), PathSeg::Index(1)],
        }],
    );
    let removed = ids(&removed.unwrap());
    assert_eq!(removed.len(), before.len() - 1);
    assert!(!removed.contains(&before[1]));
    let changes = [
        Change::Append {
            path: steps.clone(),
        },
        Change::Set {
            path: vec![key("steps"), PathSeg::Index(before.len()), key("id")],
            value: FieldValue::String("neu".to_owned()),
        },
    ];
    let appended = apply(&text, &changes).unwrap();
    assert!(appended.starts_with(&text[..text.find("\n+++\n").unwrap()]));
    assert_eq!(ids(&appended).last().map(String::as_str), Some("neu"));
}

// ---------------------------------------------------------------------------------
// Generated front matter

/// Spacing around `=` and inside brackets.
fn space() -> impl Strategy<Value = &'static str> {
    select(vec!["", " ", "  ", "\t"])
}

/// A scalar TOML value as written.
fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zäö €]{0,8}".prop_map(|s| format!("\"{s}\"")),
        "[a-z ]{0,8}".prop_map(|s| format!("'{s}'")),
        (-1000i64..1000).prop_map(|n| n.to_string()),
        select(vec![
            "true",
            "false",
            "2026-01-31",
            "0x1F",
            "1_000",
            "\"\"\"\nzwei\nZeilen\"\"\""
        ])
        .prop_map(str::to_owned),
    ]
}

/// A value: a scalar, an array (on one line or one entry a line, with comments) or
/// an inline table.
fn value() -> impl Strategy<Value = String> {
    let entries = || prop::collection::vec((scalar(), space()), 0..4);
    prop_oneof![
        3 => scalar(),
        1 => (entries(), any::<bool>()).prop_map(|(e, comma)| {
            let items: Vec<String> = e.iter().map(|(v, s)| format!("{s}{v}")).collect();
            format!("[{}{}]", items.join(","), if comma && !e.is_empty() { "," } else { "" })
        }),
        1 => entries().prop_map(|e| {
            let items: Vec<String> = e.iter().map(|(v, _)| format!("\n  {v}, # c\n")).collect();
            format!("[{}]", items.concat())
        }),
        1 => (entries(), space()).prop_map(|(e, s)| {
            let items: Vec<String> =
                e.iter().enumerate().map(|(i, (v, _))| format!("k{i}{s}={s}{v}")).collect();
            format!("{{{s}{}{s}}}", items.join(", "))
        }),
    ]
}

/// One line of a table: a key and value, a comment or a blank line.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (space(), value(), space(), prop::option::of("[a-z #]{0,6}")).prop_map(
            |(s, v, t, comment)| {
                let comment = comment.map(|c| format!("{t}#{c}")).unwrap_or_default();
                // The key is made unique by its line number later.
                format!("KEY{s}={s}{v}{comment}")
            }
        ),
        1 => "[a-z ]{0,10}".prop_map(|c| format!("# {c}")),
        1 => Just(String::new()),
    ]
}

/// A table header, or none for the root keys.
fn header() -> impl Strategy<Value = String> {
    select(vec![
        "[table]",
        "[[steps]]",
        "[[steps]]",
        "[[steps.quiz]]",
        "[ table2 ]",
    ])
    .prop_map(str::to_owned)
}

/// A front matter with its fences and a body, in LF or CRLF, with or without a BOM.
fn content_file() -> impl Strategy<Value = String> {
    let block = (header(), prop::collection::vec(line(), 0..5));
    (
        prop::collection::vec(line(), 0..6),
        prop::collection::vec(block, 0..5),
        any::<bool>(),
        any::<bool>(),
        "[a-z\n #]{0,20}",
    )
        .prop_map(|(root, blocks, crlf, bom, body)| assemble(&root, &blocks, crlf, bom, &body))
}

/// The file from its parts; keys are numbered so that none is set twice, and a
/// `[table]` header that appears twice is left out the second time.
fn assemble(
    root: &[String],
    blocks: &[(String, Vec<String>)],
    crlf: bool,
    bom: bool,
    body: &str,
) -> String {
    let mut lines = vec!["+++".to_owned()];
    let mut n = 0;
    let mut number = |l: &String| {
        n += 1;
        l.replacen("KEY", &format!("k{n}"), 1)
    };
    lines.extend(root.iter().map(&mut number));
    let mut seen = Vec::new();
    for (head, body) in blocks {
        let plain = !head.starts_with("[[");
        if plain && seen.contains(head)
            || head == "[[steps.quiz]]" && !seen.iter().any(|h| h == "[[steps]]")
        {
            continue;
        }
        seen.push(head.clone());
        lines.push(head.clone());
        lines.extend(body.iter().map(&mut number));
    }
    lines.push("+++".to_owned());
    let text = format!("{}\n{body}", lines.join("\n"));
    let text = if crlf {
        text.replace('\n', "\r\n")
    } else {
        text
    };
    if bom { format!("\u{feff}{text}") } else { text }
}

/// Whether a generated value is written on one line: no array (which may span
/// lines), no string with a line break, also inside an inline table.
fn one_line(value: &toml::Value) -> bool {
    match value {
        toml::Value::Array(_) => false,
        toml::Value::String(s) => !s.contains('\n'),
        toml::Value::Table(t) => t.values().all(one_line),
        _ => true,
    }
}

proptest! {
    #![proptest_config(budget(512))]

    #[test]
    fn saving_generated_front_matter_without_a_change_leaves_it_byte_identical(
        text in content_file()
    ) {
        match apply(&text, &[]) {
            Ok(saved) => prop_assert_eq!(saved, text),
            // Generated text that is no valid TOML (a multi-line string in a CRLF
            // file is valid; a bare key twice is not generated).
            Err(e) => prop_assert!(false, "{e}\n{text:?}"),
        }
    }

    #[test]
    fn setting_a_generated_key_changes_one_line(
        text in content_file(),
        pick in any::<proptest::sample::Index>(),
    ) {
        let split = vpagen::content::split(vpagen::diag::Sources::new().add("", ""), &text);
        let parsed: toml::Table = text[split.unwrap().front].parse().unwrap();
        // The generated keys (`k1`, …) of the root and of `[table]` whose values are
        // on one line.
        let mut paths = Vec::new();
        for (key, value) in &parsed {
            if key.starts_with('k') && one_line(value) {
                paths.push(vec![PathSeg::Key(key.clone())]);
            }
        }
        if let Some(toml::Value::Table(table)) = parsed.get("table") {
            for (key, value) in table {
                if one_line(value) {
                    paths.push(vec![PathSeg::Key("table".to_owned()), PathSeg::Key(key.clone())]);
                }
            }
        }
        if !paths.is_empty() {
            let path = pick.get(&paths).clone();
            let change = Change::Set { path, value: FieldValue::Integer(4711) };
            let after = apply(&text, &[change]).unwrap();
            let changed = changed_lines(&text, &after);
            prop_assert_eq!(changed.len(), 1, "{:?}\n{:?}", text, after);
        }
    }
}

proptest! {
    #![proptest_config(budget(256))]

    #[test]
    fn moving_a_generated_entry_keeps_every_line_and_moves_back(
        text in content_file(),
        from in any::<proptest::sample::Index>(),
        to in any::<proptest::sample::Index>(),
    ) {
        let split = vpagen::content::split(vpagen::diag::Sources::new().add("", ""), &text);
        let parsed: toml::Table = text[split.unwrap().front].parse().unwrap();
        let len = parsed.get("steps").and_then(toml::Value::as_array).map_or(0, Vec::len);
        if len > 0 {
            let (from, to) = (from.index(len), to.index(len));
            let path = vec![PathSeg::Key("steps".to_owned())];
            let moved = apply(&text, &[Change::Move { path: path.clone(), from, to }]).unwrap();
            prop_assert_eq!(sorted_lines(&moved), sorted_lines(&text));
            let back = apply(&moved, &[Change::Move { path, from: to, to: from }]).unwrap();
            prop_assert_eq!(back, text);
        }
    }
}

#[test]
fn moving_and_removing_checklist_items_of_an_example() {
    let text = example("content/checklists/kundenstart.md");
    let items = vec![key("items")];
    let moved = apply(
        &text,
        &[Change::Move {
            path: items.clone(),
            from: 4,
            to: 0,
        }],
    )
    .unwrap();
    assert_eq!(sorted_lines(&moved), sorted_lines(&text));
    let first = moved.find("[[items]]").unwrap();
    assert!(moved[first..].starts_with("[[items]]\nid = \"wochentermin\"\n"));
    let removed = apply(
        &text,
        &[Change::Remove {
            path: vec![key("items"), PathSeg::Index(0)],
        }],
    );
    let removed = removed.unwrap();
    assert!(!removed.contains("signatur-rolle"));
    assert_eq!(
        text.lines().count() - removed.lines().count(),
        6,
        "the entry and its blank line"
    );
}

/// A change at a path among the generated keys, steps and tables.
fn change() -> impl Strategy<Value = Change> {
    let k = || (1usize..16).prop_map(|n| PathSeg::Key(format!("k{n}")));
    let i = || (0usize..3).prop_map(PathSeg::Index);
    let named = |name: &'static str| Just(PathSeg::Key(name.to_owned()));
    let path = prop_oneof![
        k().prop_map(|k| vec![k]),
        (named("table"), k()).prop_map(|(t, k)| vec![t, k]),
        named("steps").prop_map(|s| vec![s]),
        (named("steps"), i()).prop_map(|(s, i)| vec![s, i]),
        (named("steps"), i(), k()).prop_map(|(s, i, k)| vec![s, i, k]),
        (named("steps"), i(), named("quiz"), i(), k())
            .prop_map(|(s, i, q, j, k)| vec![s, i, q, j, k]),
        (k(), i()).prop_map(|(k, i)| vec![k, i]),
        (k(), i(), named("k0")).prop_map(|(k, i, k0)| vec![k, i, k0]),
    ];
    // Arrays to move in: the steps, the quizzes of a step, a generated array.
    let lists = prop_oneof![
        named("steps").prop_map(|s| vec![s]),
        (named("steps"), i(), named("quiz")).prop_map(|(s, i, q)| vec![s, i, q]),
        k().prop_map(|k| vec![k]),
    ];
    let value = prop_oneof![
        "[a-z\n\"']{0,6}".prop_map(FieldValue::String),
        any::<i64>().prop_map(FieldValue::Integer),
        any::<bool>().prop_map(FieldValue::Bool),
        Just(FieldValue::Date("2027-02-28".to_owned())),
        prop::collection::vec("[a-z]{0,4}", 0..4).prop_map(FieldValue::StringList),
    ];
    prop_oneof![
        (path.clone(), value).prop_map(|(path, value)| Change::Set { path, value }),
        path.clone().prop_map(|path| Change::Remove { path }),
        path.prop_map(|path| Change::Append { path }),
        (lists, 0usize..2, 0usize..2).prop_map(|(path, from, to)| Change::Move { path, from, to }),
        "[a-z\n]{0,10}".prop_map(|text| Change::Body { text }),
    ]
}

proptest! {
    #![proptest_config(budget(512))]

    #[test]
    fn any_changes_leave_a_file_that_reads(
        text in content_file(),
        changes in prop::collection::vec(change(), 1..8),
    ) {
        // One change at a time: one that cannot be made (a path that is not there)
        // is an error and skipped, the next one works on the text so far.
        let mut current = text.clone();
        for change in changes {
            let Ok(after) = apply(&current, std::slice::from_ref(&change)) else {
                continue;
            };
            let split = vpagen::content::split(vpagen::diag::Sources::new().add("", ""), &after);
            let split = split.map_err(|d| TestCaseError::fail(d.message))?;
            let front = after[split.front].parse::<toml::Table>();
            prop_assert!(front.is_ok(), "{:?}\n{:?}\n{:?}\n{:?}", front, change, current, after);
            prop_assert_eq!(after.starts_with('\u{feff}'), text.starts_with('\u{feff}'));
            prop_assert_eq!(after.contains("\r\n"), text.contains("\r\n"));
            current = after;
        }
    }
}

/// The editor's own logic (`src/serve/editor/logic.js`: amounts as authors type them,
/// the list of changes a form sends) under `node --test`.
#[test]
fn the_editor_logic_passes_its_node_tests() {
    crate::support::node(
        "--test",
        ["tests/editor/"],
        "editor's logic test (tests/editor/)",
    );
}
