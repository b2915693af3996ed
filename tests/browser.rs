//! The HTML report in a real browser: headless Chromium renders it to a PNG, prints it to PDF and
//! dumps the DOM, which must carry the report's headline; the sample's conformance pages and its report
//! with a reviewed change render too, with their content in the DOM.
//!
//! Skips with a note when Chromium is not installed, except under CI (`CI=true`), where `.ci/run`
//! installs it and a missing browser is a failure. `POLICYDIFF_CHROMIUM` names another binary.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Output, Stdio};
use std::time::{Duration, Instant};

/// Longest a single browser call may take before the test gives up on it (not a speed check: a hung
/// browser must not hang the suite).
const BROWSER_LIMIT: Duration = Duration::from_secs(180);

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("POLICYDIFF_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|n| dir.join(n)))
        .find(|p| p.is_file())
}

/// The browser, or None after saying the test is skipped; under CI a missing browser is a failure,
/// since `.ci/run` installs it.
fn chromium_or_skip() -> Option<PathBuf> {
    let browser = chromium();
    if browser.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but chromium is not installed; .ci/run installs it"
        );
        eprintln!("skipped: chromium is not installed");
    }
    browser
}

/// Runs the browser on `url` with `args`, killing it if it hangs.
fn browse(browser: &Path, profile: &Path, args: &[String], url: &str) -> Output {
    let mut child = Process::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the browser");
    let started = Instant::now();
    while child.try_wait().expect("browser status").is_none() {
        if started.elapsed() > BROWSER_LIMIT {
            let _ = child.kill();
            panic!("the browser did not finish within {BROWSER_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    child.wait_with_output().expect("browser output")
}

/// Screenshots `url` into `dir/NAME.png` at `size` ("W,H") and checks that a real PNG came out.
fn screenshot(browser: &Path, dir: &Path, name: &str, size: &str, url: &str) {
    let png = dir.join(format!("{name}.png"));
    let shot = browse(
        browser,
        &dir.join(format!("profile-{name}-png")),
        &[
            format!("--screenshot={}", png.display()),
            format!("--window-size={size}"),
        ],
        url,
    );
    assert!(
        shot.status.success(),
        "{}",
        String::from_utf8_lossy(&shot.stderr)
    );
    let png_bytes = std::fs::read(&png).expect("a screenshot");
    assert!(png_bytes.starts_with(b"\x89PNG") && png_bytes.len() > 1000);
}

/// The DOM the browser builds from `url`, after its scripts and styles.
fn dom(browser: &Path, dir: &Path, name: &str, url: &str) -> String {
    let dom = browse(
        browser,
        &dir.join(format!("profile-{name}-dom")),
        &["--dump-dom".into()],
        url,
    );
    assert!(
        dom.status.success(),
        "{}",
        String::from_utf8_lossy(&dom.stderr)
    );
    String::from_utf8_lossy(&dom.stdout).into_owned()
}

/// An illustrative policy long enough to need several printed pages.
fn versions(dir: &Path) -> (PathBuf, PathBuf) {
    let mut old = String::new();
    let mut new = String::new();
    for i in 1..=24 {
        old.push_str(&format!(
            "Officers shall record the reason for stop number {i} in the log within 24 hours, and a supervisor shall review the entry.\n\n"
        ));
        let changed = match i % 4 {
            0 => format!("Officers should record the reason for stop number {i} in the log where practicable, and a supervisor may review the entry.\n\n"),
            1 => format!("Officers shall record the reason for stop number {i} in the log within 12 hours, and a supervisor shall review and sign the entry.\n\n"),
            _ => format!("Officers shall record the reason for stop number {i} in the log within 24 hours, and a supervisor shall review the entry.\n\n"),
        };
        new.push_str(&changed);
    }
    new.push_str("A-very-long-unbroken-reference-that-must-wrap-rather-than-run-off-the-printed-page-0123456789-0123456789-0123456789-0123456789.\n");
    let (a, b) = (dir.join("2019.txt"), dir.join("2025.txt"));
    std::fs::write(&a, old).unwrap();
    std::fs::write(&b, new).unwrap();
    (a, b)
}

fn policydiff(args: &[&std::ffi::OsStr]) -> Vec<u8> {
    let out = Command::cargo_bin("policydiff")
        .expect("the policydiff binary")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn report_renders_and_prints_in_a_real_browser() {
    let Some(browser) = chromium_or_skip() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let (old, new) = versions(tmp.path());
    let report = tmp.path().join("report.html");
    policydiff(&[
        "diff".as_ref(),
        old.as_os_str(),
        new.as_os_str(),
        "--format".as_ref(),
        "html".as_ref(),
        "--output".as_ref(),
        report.as_os_str(),
    ]);
    let json: serde_json::Value = serde_json::from_slice(&policydiff(&[
        "diff".as_ref(),
        old.as_os_str(),
        new.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]))
    .unwrap();
    let s = &json["summary"];
    let headline = format!(
        "{} weakened, {} strengthened, {} unchanged",
        s["weakened"], s["strengthened"], s["unchanged"]
    );
    let url = format!("file://{}", report.display());

    let pdf = tmp.path().join("report.pdf");
    screenshot(&browser, tmp.path(), "report", "1200,1600", &url);
    let print = browse(
        &browser,
        &tmp.path().join("profile-pdf"),
        &[format!("--print-to-pdf={}", pdf.display())],
        &url,
    );
    assert!(
        print.status.success(),
        "{}",
        String::from_utf8_lossy(&print.stderr)
    );
    let dom = dom(&browser, tmp.path(), "report", &url);

    let pdf_bytes = std::fs::read(&pdf).expect("a PDF");
    assert!(pdf_bytes.starts_with(b"%PDF") && pdf_bytes.len() > 1000);
    assert!(
        dom.contains(&headline),
        "{headline:?} not in the rendered page"
    );
    assert!(
        dom.contains("class=\"headline\""),
        "the page kept its structure"
    );
}

/// Runs the shipped sample corpus into `dir/out`, as `cargo run -- run` does, and gives that folder.
fn sample_run(dir: &Path) -> PathBuf {
    let out = dir.join("out");
    let versions = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("versions");
    policydiff(&[
        "run".as_ref(),
        "--quiet".as_ref(),
        "--versions".as_ref(),
        versions.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    out
}

/// The conformance matrix and one agency page of the sample, as a batch run writes them: both render
/// to a non-empty screenshot, the matrix lists the most weakened agency first, and the agency page
/// carries its headline.
#[test]
fn conformance_pages_render_in_a_real_browser() {
    let Some(browser) = chromium_or_skip() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = sample_run(tmp.path());
    let dir = out.join("fair-and-impartial-policing");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("conformance.json")).unwrap())
            .unwrap();
    let agencies = json["agencies"].as_array().unwrap();
    let weakened = |a: &serde_json::Value| a["counts"]["weakened"].as_u64().unwrap();
    let most = agencies.iter().map(weakened).max().unwrap();
    assert!(most > 0, "the sample has a weakened agency");
    let first: Vec<&str> = agencies
        .iter()
        .filter(|a| weakened(a) == most)
        .map(|a| a["agency"].as_str().unwrap())
        .collect();
    // Agencies tied for the most weakened clauses may come in any order among themselves, but all of
    // them before every other agency.
    let most_weakened = first;

    for (page, name) in [
        (dir.join("conformance.html"), "matrix"),
        (dir.join("local/elmwood.html"), "agency"),
    ] {
        let url = format!("file://{}", page.display());
        screenshot(&browser, tmp.path(), name, "1400,1000", &url);
        let dom = dom(&browser, tmp.path(), name, &url);
        if name == "matrix" {
            let at = |agency: &str| {
                dom.find(&format!(">{agency}</a>"))
                    .unwrap_or_else(|| panic!("{agency} not in the matrix"))
            };
            for a in agencies {
                let other = a["agency"].as_str().unwrap();
                if most_weakened.contains(&other) {
                    continue;
                }
                for m in &most_weakened {
                    assert!(at(m) < at(other), "{m} is not listed before {other}");
                }
            }
            assert!(dom.contains("class=\"matrix\""), "the page kept its table");
        } else {
            assert!(
                dom.contains(
                    "2 missing, 1 weaker, 0 stronger, 1 reworded, 36 kept; 1 extra clause"
                ),
                "the agency headline is not in the rendered page"
            );
        }
    }
}

/// A change report of the sample with a reviewed change, as a batch run writes it: it renders to a
/// non-empty screenshot, and the rendered page carries the override's mark, both verdicts, the note
/// and who decided, read from the run's own JSON.
#[test]
fn a_reviewed_change_renders_in_a_real_browser() {
    let Some(browser) = chromium_or_skip() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = sample_run(tmp.path());
    // The sample's override: the first report with a change whose reviewer overrode the tool.
    let dir = out.join("fair-and-impartial-policing");
    let (page, review) = ["2016__2018", "2018__2024", "2024__2025"]
        .iter()
        .find_map(|stem| {
            let json: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(dir.join(format!("{stem}.json"))).unwrap(),
            )
            .unwrap();
            let review = json["changes"].as_array().unwrap().iter().find_map(|c| {
                let r = &c["review"];
                (r.is_object() && r["verdict"] != r["tool_direction"]).then(|| r.clone())
            })?;
            Some((dir.join(format!("{stem}.html")), review))
        })
        .expect("the sample has an overriding review");
    let url = format!("file://{}", page.display());
    screenshot(&browser, tmp.path(), "reviewed", "1200,1600", &url);
    let dom = dom(&browser, tmp.path(), "reviewed", &url);
    let s = |v: &serde_json::Value| v.as_str().unwrap().to_string();
    for text in [
        "<span class=\"reviewed overrides\">✔ Reviewed: overrides the tool</span>".to_string(),
        format!(
            "Reviewer's verdict: {}; the tool said {}.",
            s(&review["verdict"]),
            s(&review["tool_direction"])
        ),
        format!("<p class=\"note-text\">{}</p>", s(&review["note"])),
        format!("Reviewed by {}, {}", s(&review["by"]), s(&review["when"])),
    ] {
        assert!(dom.contains(&text), "{text:?} not in the rendered page");
    }
}
