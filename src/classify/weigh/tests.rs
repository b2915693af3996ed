//! The weights file and the model it holds: the built-in file, evidence from findings, scores and
//! probabilities, and the errors a hand-edited file gets.

use super::*;

fn parse(text: &str) -> Result<Weights, WeightsError> {
    Weights::parse(text, Path::new("w.yaml"))
}

/// A calibration line for each kind of text, then the bias: four lines.
const HEAD: &str = "calibration:\n  flat: {temperature: 1.0, review_below: 0.5}\n  punctuated: \
                    {temperature: 1.0, review_below: 0.5}\nbias: {strengthened: 0.0, weakened: 0.0, \
                    unchanged: 0.0}\n";

/// A file with these calibration fields for flat text, and the head's for punctuated text.
fn with_flat(fields: &str) -> String {
    format!(
        "calibration:\n  flat: {{{fields}}}\n  punctuated: {{temperature: 1.0, review_below: 0.5}}\n\
         bias: {{}}\n"
    )
}

#[test]
fn the_builtin_file_parses_and_names_only_known_features() {
    let w = Weights::builtin();
    assert_eq!(w.source(), "built-in");
    for text in [Text::Flat, Text::Punctuated] {
        let on = &w.calibration(text).fitted_on;
        assert!(!on.is_empty() && on != "empty", "the built-in file parsed");
    }
}

/// Everything a model holds, to hold the two ways of reading a file to the same result.
fn parts(w: &Weights) -> impl PartialEq + std::fmt::Debug {
    let m = &w.inner;
    let calibration: Vec<(String, [u64; 3])> = m
        .calibration
        .iter()
        .map(|c| {
            let bits = [c.temperature, c.review.below, c.review.opposite].map(f64::to_bits);
            (c.fitted_on.clone(), bits)
        })
        .collect();
    let weights: Vec<(String, [u64; 3])> = m
        .weights
        .iter()
        .map(|(k, w)| (k.clone(), w.map(f64::to_bits)))
        .collect();
    let bias = m.bias.map(f64::to_bits);
    (calibration, m.conflict_at.to_bits(), bias, weights)
}

#[test]
fn the_builtin_file_reads_the_same_from_the_build_s_json_as_through_yaml() {
    let path = Path::new("weights.yaml");
    let json = Weights::read_builtin().unwrap();
    let yaml = Weights::read_yaml(BUILTIN_YAML, path).unwrap();
    let yaml = Weights::check(yaml, BUILTIN_YAML, path, "built-in").unwrap();
    assert!(!yaml.inner.weights.is_empty());
    assert_eq!(parts(&json), parts(&yaml));
}

#[test]
fn feature_names_are_checked_by_kind() {
    for ok in [
        "argues:modal-upgrade",
        "flat:fired:exception-added",
        "rules:net",
        "flat:rules:weakened",
        "word:+shall",
        "flat:word:-consent",
        "cue:hedge:added",
        "cue:only:deleted",
        "flat:cue:only:deleted",
        "edit:removed",
        "flat:edit:added",
        "size:added",
        "flat:pair:+shall_not",
        "pair:-where_appropriate",
    ] {
        assert!(is_feature(ok), "{ok}");
    }
    for bad in [
        "argues:modal-upgarde",
        "flat:flat:rules:net",
        "flat:",
        "rules:stronger",
        "word:shall",
        "word:+Shall",
        "cue:hedges:added",
        "cue:hedge:inserted",
        "size:modified",
        "modal-upgrade",
        "pair:+shall",
        "pair:shall_not",
        "pair:+shall_",
    ] {
        assert!(!is_feature(bad), "{bad}");
    }
}

#[test]
fn evidence_sums_what_each_rule_argues_and_notes_that_it_fired() {
    let flat = Evidence::new(
        [("modal-downgrade", -5.0)],
        true,
        vec![("cue:only:added".into(), 0.5)],
    );
    let names: Vec<(&str, f64)> = flat
        .features
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    assert_eq!(
        names,
        [
            ("cue:only:added", 0.5),
            ("flat:argues:modal-downgrade", -5.0),
            ("flat:fired:modal-downgrade", 1.0),
            ("flat:rules:net", -3.0),
            ("flat:rules:weakened", 1.0),
        ],
        "flat text names the rules' evidence apart; the net is capped"
    );
    let findings = [
        ("modal-upgrade", 2.0),
        ("exception-added", -1.0),
        ("modal-upgrade", 0.5),
        ("reordered", 0.0),
    ];
    let ev = Evidence::new(findings, true, Vec::new());
    let want: Vec<(String, f64)> = [
        ("flat:argues:exception-added", -1.0),
        ("flat:argues:modal-upgrade", 2.5),
        ("flat:argues:reordered", 0.0),
        ("flat:fired:exception-added", 1.0),
        ("flat:fired:modal-upgrade", 1.0),
        ("flat:fired:reordered", 1.0),
        ("flat:rules:net", 1.5),
        ("flat:rules:strengthened", 1.0),
    ]
    .map(|(k, v)| (k.to_string(), v))
    .to_vec();
    assert_eq!(ev.features, want);
    let punctuated: Vec<String> = Evidence::of(findings)
        .features
        .into_iter()
        .map(|f| f.0)
        .collect();
    assert_eq!(
        punctuated,
        ["rules:net", "rules:strengthened"],
        "rules speak through their sum"
    );
}

fn case(findings: &[(&str, f64)], want: Direction) {
    let ev = Evidence::of(findings.iter().copied());
    let got = argmax(Weights::builtin().probabilities(&ev));
    assert_eq!(got, want, "{findings:?}");
}

/// The fitted punctuated weights read a clear sum of the rules' strengths its way, and a sum inside
/// the rules' neutral band as unchanged.
#[test]
fn builtin_weights_read_the_rules_sum_its_way() {
    use Direction::*;
    case(&[("modal-upgrade", 2.0)], Strengthened);
    case(&[("modal-downgrade", -0.3)], Weakened);
    case(&[("scope-loosened", -0.2)], Unchanged);
    case(
        &[("modal-upgrade", 1.0), ("exception-added", -1.0)],
        Unchanged,
    );
    case(
        &[("modal-upgrade", 1.0), ("exception-added", -0.5)],
        Strengthened,
    );
    case(&[("reordered", 0.0)], Unchanged);
    case(&[], Unchanged);
}

#[test]
fn scores_are_bias_plus_value_times_weight_and_temperature_flattens() {
    let text = "calibration:\n  flat: {temperature: 9, review_below: 0.2}\n  punctuated: {temperature: 2.0, \
                review_below: 0.5}\nbias: {weakened: 1.0}\nweights:\n  \
                fired:norm-added: {strengthened: 3.0}\n  argues:norm-added: {weakened: -2.0}\n";
    let w = parse(text).unwrap();
    let ev = Evidence::new([("norm-added", 0.5)], false, Vec::new());
    let ev = Evidence {
        features: ev
            .features
            .into_iter()
            .map(|(k, v)| (format!("flat:{k}"), v))
            .chain([
                ("fired:norm-added".into(), 1.0),
                ("argues:norm-added".into(), 0.5),
            ])
            .collect(),
        text: Text::Punctuated,
    };
    assert_eq!(w.scores(&ev), [3.0, 0.0, 0.0]);
    let p = w.probabilities(&ev);
    let cold = softmax([3.0, 0.0, 0.0], 1.0);
    assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    assert!(
        p[0] < cold[0],
        "temperature 2 is less sure: {p:?} vs {cold:?}"
    );
    assert!((p[0] - 1.5f64.exp() / (1.5f64.exp() + 2.0)).abs() < 1e-12);
    assert_eq!(w.review(Text::Punctuated).below, 0.5);
    // The same scores on flat text are divided by flat text's temperature.
    let flat = Evidence {
        text: Text::Flat,
        ..ev
    };
    assert_eq!(w.probabilities(&flat), softmax([3.0, 0.0, 0.0], 9.0));
    assert_eq!(w.review(Text::Flat).below, 0.2);
}

#[test]
fn softmax_survives_huge_scores() {
    let p = softmax([1000.0, -1000.0, 0.0], 1.0);
    assert_eq!(p, [1.0, 0.0, 0.0]);
}

fn refused(body: &str, line: usize, needle: &str) {
    let text = format!("{HEAD}{body}");
    match parse(&text) {
        Err(WeightsError::Invalid {
            line: l, message, ..
        }) => {
            assert_eq!(l, line, "{body:?}: {message}");
            assert!(message.contains(needle), "{body:?}: {message}");
        }
        other => panic!("{body:?} was not refused: {other:?}"),
    }
}

#[test]
fn a_bad_file_is_refused_at_its_line() {
    refused(
        "weights:\n  argues:modal-upgrade: {strengthened: 1.0}\n  argues:modal-upgarde: {strengthened: 1.0}\n",
        7,
        "unknown feature `argues:modal-upgarde`",
    );
    refused(
        "weights:\n  modal-upgrade: {strengthened: 1.0}\n",
        6,
        "unknown feature",
    );
    refused("weights:\n  fired:norm-added: [1.0, 2.0, 3.0]\n", 6, "");
    refused(
        "weights:\n  fired:norm-added: {stronger: 1.0}\n",
        6,
        "stronger",
    );
    refused("colour: blue\n", 5, "colour");
    let err = parse(&with_flat("temperature: 0, review_below: 0.5")).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("w.yaml:2:1: flat temperature must be a positive"),
        "{err}"
    );
    let err = parse(&with_flat("temperature: 1, review_below: 1.5")).unwrap_err();
    assert!(
        err.to_string().starts_with("w.yaml:2:1: flat review_below"),
        "{err}"
    );
    let err = parse(&with_flat("temperature: 1")).unwrap_err();
    assert!(err.to_string().contains("review_below"), "{err}");
    let err = parse(&format!("{HEAD}conflict_at: -1\n")).unwrap_err();
    assert!(
        err.to_string().starts_with("w.yaml:5:1: conflict_at"),
        "{err}"
    );
    let err = parse(&with_flat(
        "temperature: 1, review_below: 0.5, review_opposite: 2",
    ))
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("w.yaml:2:1: flat review_opposite"),
        "{err}"
    );
    // A file from before calibration by kind of text names what it lacks.
    let err = parse("temperature: 1\nreview_below: 0.5\nbias: {}\n").unwrap_err();
    assert!(err.to_string().contains("temperature"), "{err}");
}

#[test]
fn review_opposite_defaults_to_never_and_flags_a_verdict_argued_both_ways() {
    let w = parse(HEAD).unwrap();
    assert_eq!(w.review(Text::Flat), Review::below(0.5));
    // Without the ceiling only the verdict's own probability counts.
    assert!(!w.review(Text::Flat).flags([0.55, 0.44, 0.01]));
    let w = parse(&with_flat(
        "temperature: 1, review_below: 0.5, review_opposite: 0.3",
    ))
    .unwrap();
    assert_eq!(
        w.review(Text::Punctuated),
        Review::below(0.5),
        "each kind its own"
    );
    let r = w.review(Text::Flat);
    assert!(r.flags([0.55, 0.44, 0.01]), "weakened nearly as likely");
    assert!(
        !r.flags([0.1, 0.55, 0.35]),
        "the runner-up is unchanged, not the opposite"
    );
    assert!(r.flags([0.45, 0.1, 0.45]), "below the floor");
    assert!(
        !r.flags([0.2, 0.2, 0.6]),
        "an unchanged verdict has no opposite"
    );
    let back = parse(&w.to_yaml()).unwrap();
    assert_eq!(back.review(Text::Flat), r);
}

#[test]
fn conflict_at_defaults_to_whole_norms_and_round_trips() {
    let w = parse(HEAD).unwrap();
    assert_eq!(w.conflict_at(), 2.0);
    let w = parse(&format!("{HEAD}conflict_at: 0.75\n")).unwrap();
    assert_eq!(w.conflict_at(), 0.75);
    let back = parse(&w.to_yaml()).unwrap();
    assert_eq!(back.conflict_at(), 0.75);
}

#[test]
fn a_fit_on_one_kind_of_text_keeps_the_base_for_the_other() {
    let mut fitted = BTreeMap::new();
    fitted.insert("flat:word:+may".to_string(), [-1.0, 2.0, 0.0]);
    fitted.insert("word:+may".to_string(), [5.0, 5.0, 5.0]);
    let fitted = Weights::from_parts("fit", 2.0, Review::below(0.6), [0.5, 1.0, -1.0], fitted);
    let base = Weights::builtin();
    let merged = fitted.only(Text::Flat, &base);
    assert_eq!(
        merged.calibration(Text::Flat),
        fitted.calibration(Text::Flat)
    );
    assert_eq!(
        merged.calibration(Text::Punctuated),
        base.calibration(Text::Punctuated)
    );
    let flat = |words: &[&str], kind: &str| Evidence {
        features: [format!("flat:edit:{kind}")]
            .into_iter()
            .chain(words.iter().map(|w| format!("flat:word:+{w}")))
            .map(|k| (k, 1.0))
            .collect(),
        text: Text::Flat,
    };
    for kind in ["added", "removed", "modified"] {
        for words in [&["may"][..], &[][..]] {
            let ev = flat(words, kind);
            assert_eq!(merged.scores(&ev), fitted.scores(&ev), "{kind} {words:?}");
        }
    }
    let punctuated = Evidence::new(
        [("modal-upgrade", 2.0)],
        false,
        vec![("word:+may".into(), 1.0)],
    );
    assert_eq!(merged.scores(&punctuated), base.scores(&punctuated));
    let back = Weights::parse(&merged.to_yaml(), Path::new("m.yaml")).unwrap();
    for text in [Text::Flat, Text::Punctuated] {
        assert_eq!(back.calibration(text), merged.calibration(text));
    }
}
