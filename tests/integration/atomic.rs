//! Deterministic, atomic output: two builds of the same input are byte-identical, and a
//! build killed at any moment leaves the previous or the new site, never a mix; the
//! folders a killed build leaves behind are cleaned up by the next build.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Stdio;
use std::time::Instant;

use crate::support::SiteTest;

/// Every file under `dir` (relative path → bytes).
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk output"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("inside")
                .display()
                .to_string();
            (rel, std::fs::read(e.path()).expect("read output file"))
        })
        .collect()
}

/// Names of the staging and retired folders next to the output.
fn leftovers(site: &SiteTest) -> Vec<String> {
    std::fs::read_dir(site.path())
        .expect("read site folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".vpagen-"))
        .collect()
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let site = SiteTest::fixture("agency");
    site.run(&["build", "--output", "one"]).expect_code(0);
    site.run(&["build", "--output", "two"]).expect_code(0);
    let (one, two) = (
        tree(&site.path().join("one")),
        tree(&site.path().join("two")),
    );
    assert!(one.len() > 50, "only {} files", one.len());
    let differ: Vec<&String> = one
        .keys()
        .filter(|k| one.get(*k) != two.get(*k))
        .chain(two.keys().filter(|k| !one.contains_key(*k)))
        .collect();
    assert!(
        differ.is_empty(),
        "files that differ between two builds: {differ:?}"
    );
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_old_or_the_new_site() {
    let site = SiteTest::fixture("agency");
    let page = "content/services/telefonservice.md";
    let original = site.read(page);
    let edited = format!("{original}\nEin neuer Absatz, nur in der zweiten Fassung.\n");
    // The two sites a reader may see: version A and version B, each built whole.
    site.run(&["build", "--output", "public"]).expect_code(0);
    let a = tree(&site.path().join("public"));
    site.write(page, &edited);
    site.run(&["build", "--output", "b"]).expect_code(0);
    let b = tree(&site.path().join("b"));
    assert_ne!(a, b, "the edit must change the output");
    // How long a whole build takes here, to spread the kills over it.
    let start = Instant::now();
    site.run(&["build", "--output", "timing"]).expect_code(0);
    let whole = start.elapsed();

    let mut killed_mid_build = 0;
    let runs = 24;
    for run in 0..runs {
        // Alternate the content, so that both A → B and B → A are interrupted.
        site.write(page, if run % 2 == 0 { &original } else { &edited });
        let mut child = crate::support::vpagen()
            .args(["build", "--quiet", "--output", "public"])
            .current_dir(site.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start vpagen");
        std::thread::sleep(whole.mul_f64(f64::from(run) / f64::from(runs) * 1.1));
        if child.try_wait().expect("poll child").is_none() {
            killed_mid_build += 1;
        }
        child.kill().ok(); // SIGKILL on Unix: no cleanup code runs
        child.wait().expect("reap child");
        let now = tree(&site.path().join("public"));
        assert!(
            now == a || now == b,
            "run {run}: after a kill at {:?} the output is neither the old nor the new site ({} files)",
            whole.mul_f64(f64::from(run) / f64::from(runs) * 1.1),
            now.len()
        );
    }
    assert!(
        killed_mid_build >= runs / 2,
        "only {killed_mid_build} of {runs} kills hit a running build; the test proves little"
    );
    // The next build finishes and removes what the killed ones left behind; only the
    // output it replaced is left aside, for the build after it to remove.
    site.run(&["build", "--output", "public"]).expect_code(0);
    assert_eq!(tree(&site.path().join("public")), b);
    let left = leftovers(&site);
    assert!(
        left.len() == 1 && left[0].starts_with(".public.vpagen-gone-"),
        "left: {left:?}"
    );
}

#[test]
fn a_running_build_keeps_its_staging_folder_from_others() {
    // A staging folder whose process is a running vpagen (a server stands in for
    // another build) is not removed by a build of the same output.
    let site = SiteTest::fixture("agency");
    let mut other = crate::support::vpagen()
        .args(["serve", "--port", "0"])
        .current_dir(site.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start vpagen serve");
    let theirs = format!(".public.vpagen-new-{}", other.id());
    site.write(&format!("{theirs}/.vpagen-output"), "x");
    site.write(&format!("{theirs}/index.html"), "half written");
    // A dead process's folder (pid far above the kernel's maximum) is removed, and
    // so is one whose id is now another program's (this test binary's).
    site.write(".public.vpagen-new-4294967294/.vpagen-output", "x");
    let reused = format!(".public.vpagen-new-{}", std::process::id());
    site.write(&format!("{reused}/.vpagen-output"), "x");
    site.run(&["build", "--output", "public"]).expect_code(0);
    let left = leftovers(&site);
    other.kill().ok();
    other.wait().ok();
    assert_eq!(left, vec![theirs.clone()], "left: {left:?}");
    assert_eq!(site.read(&format!("{theirs}/index.html")), "half written");
    // A folder with that name but without the marker is not vpagen's: kept.
    site.write(".public.vpagen-new-4294967293/letter.txt", "keep");
    site.run(&["build", "--output", "public"]).expect_code(0);
    assert_eq!(
        site.read(".public.vpagen-new-4294967293/letter.txt"),
        "keep"
    );
}
