use super::*;

fn key(k: &str) -> PathSeg {
    PathSeg::Key(k.to_owned())
}

fn set(path: Vec<PathSeg>, value: FieldValue) -> Change {
    Change::Set { path, value }
}

fn string(s: &str) -> FieldValue {
    FieldValue::String(s.to_owned())
}

const GUIDE: &str = "+++\n\
# The guide.\n\
title = \"Guide\"   # shown on top\n\
tags = [\"a\", \"b\"]\n\
areas = [{ id = \"a\", factor = \"1.0\" }, { id = \"b\", factor = \"1.5\" }]\n\
\n\
# First step.\n\
[[steps]]\n\
id = \"one\"\n\
title = \"One\"\n\
\n\
[[steps]]\n\
id = \"two\" # second\n\
title = \"Two\"\n\
[[steps.quiz]]\n\
q = \"?\"\n\
\n\
[[steps]]\n\
id = \"three\"\n\
title = \"Three\"\n\
+++\n\
Body text.\n";

#[test]
fn no_changes_keep_the_text() {
    assert_eq!(apply(GUIDE, &[]).unwrap(), GUIDE);
    let crlf = GUIDE.replace('\n', "\r\n");
    assert_eq!(apply(&crlf, &[]).unwrap(), crlf);
    let bom = format!("\u{feff}{GUIDE}");
    assert_eq!(apply(&bom, &[]).unwrap(), bom);
}

#[test]
fn set_keeps_decoration_and_changes_one_line() {
    let out = apply(GUIDE, &[set(vec![key("title")], string("Neu"))]).unwrap();
    assert_eq!(
        out,
        GUIDE.replace("\"Guide\"   # shown", "\"Neu\"   # shown")
    );
    let path = vec![key("steps"), PathSeg::Index(1), key("title")];
    let out = apply(GUIDE, &[set(path, string("Zwei"))]).unwrap();
    assert_eq!(out, GUIDE.replace("\"Two\"", "\"Zwei\""));
}

#[test]
fn setting_the_same_value_changes_nothing() {
    let text = "+++\ntitle = 'Guide'\nn = 0x10\n+++\n";
    let changes = [
        set(vec![key("title")], string("Guide")),
        set(vec![key("n")], FieldValue::Integer(16)),
    ];
    assert_eq!(apply(text, &changes).unwrap(), text);
}

#[test]
fn set_of_other_types() {
    let text = "+++\nn = 1\nok = false\nd = 2026-01-01\n+++\n";
    let changes = [
        set(vec![key("n")], FieldValue::Integer(2)),
        set(vec![key("ok")], FieldValue::Bool(true)),
        set(vec![key("d")], FieldValue::Date("2027-06-30".to_owned())),
    ];
    assert_eq!(
        apply(text, &changes).unwrap(),
        "+++\nn = 2\nok = true\nd = 2027-06-30\n+++\n"
    );
    let bad = apply(
        text,
        &[set(vec![key("d")], FieldValue::Date("30.06.2027".into()))],
    );
    assert_eq!(
        bad.unwrap_err().to_string(),
        "cannot set `d`: `30.06.2027` is not a date of the form YYYY-MM-DD"
    );
}

#[test]
fn a_list_is_changed_entry_by_entry() {
    let text = "+++\ntasks = [\n  \"a\", # first\n  \"b\",\n]\n+++\n";
    let list =
        |items: &[&str]| FieldValue::StringList(items.iter().map(|s| (*s).to_owned()).collect());
    let out = apply(text, &[set(vec![key("tasks")], list(&["a", "B", "c"]))]).unwrap();
    assert_eq!(
        out,
        "+++\ntasks = [\n  \"a\", # first\n  \"B\",\n  \"c\",\n]\n+++\n"
    );
    let out = apply(text, &[set(vec![key("tasks")], list(&["a"]))]).unwrap();
    assert_eq!(out, "+++\ntasks = [\n  \"a\", # first\n]\n+++\n");
    let text = "+++\ntasks = [\"a\", # first\n  \"b\"]\n+++\n";
    let out = apply(text, &[set(vec![key("tasks")], list(&["a"]))]).unwrap();
    assert_eq!(out, "+++\ntasks = [\"a\", # first\n]\n+++\n");
    let out = apply(GUIDE, &[set(vec![key("tags")], list(&["a", "b", "c"]))]).unwrap();
    assert!(out.contains("tags = [\"a\", \"b\", \"c\"]\n"), "{out}");
}

#[test]
fn set_creates_a_missing_key_at_the_end_of_its_table() {
    let path = vec![key("steps"), PathSeg::Index(0), key("day")];
    let out = apply(GUIDE, &[set(path, FieldValue::Integer(3))]).unwrap();
    assert_eq!(
        out,
        GUIDE.replace("title = \"One\"\n", "title = \"One\"\nday = 3\n")
    );
    let out = apply(GUIDE, &[set(vec![key("owner")], string("E"))]).unwrap();
    assert!(
        out.contains("factor = \"1.5\" }]\nowner = \"E\"\n\n# First step."),
        "{out}"
    );
}

#[test]
fn set_inside_an_inline_table() {
    let path = vec![key("areas"), PathSeg::Index(0), key("factor")];
    let out = apply(GUIDE, &[set(path, string("2.0"))]).unwrap();
    assert_eq!(out, GUIDE.replace("factor = \"1.0\"", "factor = \"2.0\""));
    let path = vec![key("areas"), PathSeg::Index(1), key("label")];
    let out = apply(GUIDE, &[set(path, string("B"))]).unwrap();
    assert!(
        out.contains("{ id = \"b\", factor = \"1.5\", label = \"B\" }]"),
        "{out}"
    );
}

#[test]
fn remove_keys_and_entries() {
    let out = apply(
        GUIDE,
        &[Change::Remove {
            path: vec![key("title")],
        }],
    )
    .unwrap();
    // The comment lines above a key are the key's, and go with it.
    assert_eq!(
        out,
        GUIDE.replace("# The guide.\ntitle = \"Guide\"   # shown on top\n", "")
    );
    let path = vec![key("steps"), PathSeg::Index(1)];
    let out = apply(GUIDE, &[Change::Remove { path }]).unwrap();
    let start = GUIDE.find("[[steps]]\nid = \"two\"").unwrap();
    let end = GUIDE.find("[[steps]]\nid = \"three\"").unwrap();
    assert_eq!(out, format!("{}{}", &GUIDE[..start - 1], &GUIDE[end - 1..]));
    let path = vec![key("areas"), PathSeg::Index(0)];
    let out = apply(GUIDE, &[Change::Remove { path }]).unwrap();
    assert!(
        out.contains("areas = [{ id = \"b\", factor = \"1.5\" }]\n"),
        "{out}"
    );
}

#[test]
fn append_an_empty_entry() {
    let out = apply(
        GUIDE,
        &[Change::Append {
            path: vec![key("steps")],
        }],
    )
    .unwrap();
    assert_eq!(
        out,
        GUIDE.replace("\"Three\"\n+++", "\"Three\"\n\n[[steps]]\n+++")
    );
    let out = apply(
        GUIDE,
        &[Change::Append {
            path: vec![key("areas")],
        }],
    )
    .unwrap();
    assert!(out.contains("factor = \"1.5\" }, {}]"), "{out}");
    let err = apply(
        GUIDE,
        &[Change::Append {
            path: vec![key("tags")],
        }],
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "`tags` is not a list of tables, so no empty entry can be added to it"
    );
}

#[test]
fn move_an_entry_of_an_array_of_tables_with_its_sub_tables() {
    let path = vec![key("steps")];
    let out = apply(
        GUIDE,
        &[Change::Move {
            path,
            from: 1,
            to: 0,
        }],
    )
    .unwrap();
    let expected = "+++\n\
# The guide.\n\
title = \"Guide\"   # shown on top\n\
tags = [\"a\", \"b\"]\n\
areas = [{ id = \"a\", factor = \"1.0\" }, { id = \"b\", factor = \"1.5\" }]\n\
\n\
[[steps]]\n\
id = \"two\" # second\n\
title = \"Two\"\n\
[[steps.quiz]]\n\
q = \"?\"\n\
\n\
# First step.\n\
[[steps]]\n\
id = \"one\"\n\
title = \"One\"\n\
\n\
[[steps]]\n\
id = \"three\"\n\
title = \"Three\"\n\
+++\n\
Body text.\n";
    assert_eq!(out, expected);
    let back = apply(
        &out,
        &[Change::Move {
            path: vec![key("steps")],
            from: 0,
            to: 1,
        }],
    );
    assert_eq!(back.unwrap(), GUIDE);
}

#[test]
fn move_an_entry_of_an_inline_array() {
    let path = vec![key("areas")];
    let out = apply(
        GUIDE,
        &[Change::Move {
            path,
            from: 0,
            to: 1,
        }],
    )
    .unwrap();
    assert!(
        out.contains(
            "areas = [{ id = \"b\", factor = \"1.5\" }, { id = \"a\", factor = \"1.0\" }]\n"
        ),
        "{out}"
    );
}

#[test]
fn body_replaces_only_the_body() {
    let out = apply(
        GUIDE,
        &[Change::Body {
            text: "New.\n".into(),
        }],
    )
    .unwrap();
    assert_eq!(out, GUIDE.replace("Body text.\n", "New.\n"));
    let crlf = format!("\u{feff}{}", GUIDE.replace('\n', "\r\n"));
    let changes = [
        Change::Body {
            text: "a\nb\r\n".into(),
        },
        set(
            vec![key("steps"), PathSeg::Index(0), key("day")],
            FieldValue::Integer(1),
        ),
    ];
    let out = apply(&crlf, &changes).unwrap();
    let expected = crlf
        .replace("Body text.\r\n", "a\r\nb\r\n")
        .replace("\"One\"\r\n", "\"One\"\r\nday = 1\r\n");
    assert_eq!(out, expected);
}

#[test]
fn a_body_after_a_fence_at_the_end_of_the_file_starts_on_its_own_line() {
    let out = apply("+++\r\na = 1\r\n+++", &[Change::Body { text: "B".into() }]);
    assert_eq!(out.unwrap(), "+++\r\na = 1\r\n+++\r\nB");
}

#[test]
fn errors_name_the_path() {
    let cases = [
        (
            vec![key("steps"), PathSeg::Index(3), key("title")],
            "`steps` has 3 entries, so there is no entry 3",
        ),
        (
            vec![key("stepz"), PathSeg::Index(0), key("title")],
            "there is no `stepz` in the front matter",
        ),
        (
            vec![key("title"), key("x")],
            "`title` is not a table, so it has no keys",
        ),
        (
            vec![key("steps"), key("x")],
            "`steps` is not a table, so it has no keys",
        ),
        (
            vec![key("title"), PathSeg::Index(0)],
            "`title` is not a list",
        ),
        (
            vec![
                key("steps"),
                PathSeg::Index(1),
                key("quiz"),
                PathSeg::Index(0),
                key("a b"),
                key("c"),
            ],
            "there is no `steps[1].quiz[0].\"a b\"` in the front matter",
        ),
        (vec![key("steps")], "`steps` is a table, not a single value"),
        (
            vec![],
            "a change to the front matter needs the path of a key",
        ),
    ];
    for (path, message) in cases {
        let err = apply(GUIDE, &[set(path, string("x"))]).unwrap_err();
        assert_eq!(err.to_string(), message);
    }
    let err = apply("no fences", &[]).unwrap_err();
    assert!(matches!(err, EditError::NoFrontMatter(_)), "{err}");
    let err = apply("+++\nb = 1\na = \n+++\n", &[]).unwrap_err();
    assert!(matches!(err, EditError::Parse { line: 3, .. }), "{err}");
    assert!(err.to_string().ends_with("(line 3)"), "{err}");
}

#[test]
fn changes_and_values_read_from_json() {
    let json = r#"[{"op":"set","path":["steps",3,"title"],"value":{"type":"string","value":"x"}},
        {"op":"move","path":["steps"],"from":0,"to":2},{"op":"body","text":"b"}]"#;
    let changes: Vec<Change> = serde_json::from_str(json).unwrap();
    assert_eq!(
        changes[0],
        set(
            vec![key("steps"), PathSeg::Index(3), key("title")],
            string("x")
        )
    );
    assert_eq!(
        dotted(&[key("steps"), PathSeg::Index(3), key("title")]),
        "steps[3].title"
    );
}

#[test]
fn revision_is_short_hex_and_changes_with_the_text() {
    let a = revision(GUIDE);
    assert_eq!(a.len(), 16);
    assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
    assert_ne!(a, revision(&GUIDE.replace("One", "Eins")));
    assert_eq!(a, revision(GUIDE));
}

#[test]
fn line_breaks_in_a_string_follow_the_file() {
    let crlf = "+++\r\nbody = \"\"\"\r\nx\r\n\"\"\"\r\n+++\r\n";
    let out = apply(crlf, &[set(vec![key("body")], string("a\r\nb\n"))]).unwrap();
    assert_eq!(out, "+++\r\nbody = \"\"\"\r\na\r\nb\r\n\"\"\"\r\n+++\r\n");
    let lf = "+++\nbody = \"x\"\n+++\n";
    let out = apply(lf, &[set(vec![key("body")], string("a\r\nb\n"))]).unwrap();
    assert_eq!(out, "+++\nbody = \"\"\"\na\nb\n\"\"\"\n+++\n");
}

#[test]
fn append_creates_a_missing_array_of_tables() {
    let text = "+++\ntitle = \"G\"\n+++\nBody\n";
    let changes = [
        Change::Append {
            path: vec![key("steps")],
        },
        set(
            vec![key("steps"), PathSeg::Index(0), key("id")],
            string("a"),
        ),
    ];
    let out = apply(text, &changes).unwrap();
    assert_eq!(
        out,
        "+++\ntitle = \"G\"\n\n[[steps]]\nid = \"a\"\n+++\nBody\n"
    );
}

#[test]
fn an_offset_names_the_field_it_is_in() {
    let text = "+++\ntitle = \"T\" # name\nturnaround = { standard = \"2bd\" }\ntasks = [\"a\", \"b\"]\n\n[[packages]]\nhours = 10\nprice = \"450.00\"\n\n[[packages]]\nhours = 20\n+++\nBody\n";
    let at = |needle: &str| text.find(needle).expect(needle);
    let field = |needle: &str| super::field_at(text, at(needle)).map(|p| super::dotted(&p));
    assert_eq!(field("title").as_deref(), Some("title"));
    assert_eq!(field("\"T\"").as_deref(), Some("title"));
    assert_eq!(field("\"2bd\"").as_deref(), Some("turnaround.standard"));
    assert_eq!(field("\"b\"").as_deref(), Some("tasks[1]"));
    assert_eq!(field("\"450.00\"").as_deref(), Some("packages[0].price"));
    assert_eq!(field("hours = 20").as_deref(), Some("packages[1].hours"));
    assert_eq!(
        field("[[packages]]\nhours = 20").as_deref(),
        Some("packages[1]")
    );
    assert_eq!(field("Body"), None);
    assert_eq!(field("# name"), None);
}
