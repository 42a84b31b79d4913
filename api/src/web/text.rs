//! The pages' own text in Dutch and English: every sentence, label and heading a page writes
//! (not the plan's data, which is in the language it was written in) is a message of the
//! Fluent catalogues in `api/assets/web/text/{nl,en}/*.ftl`, one file per page, compiled in.
//!
//! Project Fluent (`fluent-bundle`) chooses the plural ("1 mijlpaal", "3 mijlpalen") by the
//! language's own rules and fills in the values a page passes. Dates, day counts and the plan's
//! vocabulary (layers, health, reasons) stay the words of `service::language`, shared with the
//! progress report; a page passes them in already written.
//!
//! A message is named by a literal key: `say!(text, "timeline-title")` in code,
//! `{{ t("timeline-title") }}` in a template, with values as `name = value`. The unit tests
//! read every key the pages name and fail when one is missing in either language, when the two
//! languages' messages take different values, or when a catalogue does not parse. A message
//! is plain text: templates escape it like any other value.

use crate::service::language::{Language, Words};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use std::sync::LazyLock;

/// Where a language's catalogue files are, and their text.
macro_rules! catalogue {
    ($lang:literal: $($file:literal),+ $(,)?) => {
        &[$(
            (
                concat!($lang, "/", $file),
                include_str!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/assets/web/text/",
                    $lang,
                    "/",
                    $file
                )),
            ),
        )+]
    };
}

/// The Dutch catalogue, by file.
const DUTCH: &[(&str, &str)] = catalogue!("nl":
    "frame.ftl", "overview.ftl", "timeline.ftl", "milestone.ftl", "kpis.ftl",
    "commitments.ftl", "reports.ftl", "sign_in.ftl",
);

/// The English catalogue, by file (the same files).
const ENGLISH: &[(&str, &str)] = catalogue!("en":
    "frame.ftl", "overview.ftl", "timeline.ftl", "milestone.ftl", "kpis.ftl",
    "commitments.ftl", "reports.ftl", "sign_in.ftl",
);

type Bundle = FluentBundle<FluentResource>;

/// A language's messages, or why its catalogue could not be read.
fn bundle(tag: &str, files: &[(&str, &str)]) -> Result<Bundle, String> {
    let locale: unic_langid::LanguageIdentifier = tag.parse().map_err(|e| format!("{tag}: {e}"))?;
    let mut bundle = Bundle::new_concurrent(vec![locale]);
    // Plain text for HTML: no Unicode isolation marks around the values.
    bundle.set_use_isolating(false);
    for (name, source) in files {
        let resource = FluentResource::try_new((*source).to_owned())
            .map_err(|(_, errors)| format!("{name}: {errors:?}"))?;
        bundle
            .add_resource(resource)
            .map_err(|errors| format!("{name}: {errors:?}"))?;
    }
    Ok(bundle)
}

static BUNDLES: LazyLock<[Result<Bundle, String>; 2]> = LazyLock::new(|| {
    [
        bundle(Text::DUTCH.words().tag(), DUTCH),
        bundle(Text::ENGLISH.words().tag(), ENGLISH),
    ]
});

/// The text of one language: the pages' messages and the plan's words ([`Words`]). A copy of
/// the language, free to pass around.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Text(Language);

impl Text {
    /// Dutch, the pages' first language.
    pub(crate) const DUTCH: Text = Text(Language::Nl);

    /// English, the pages' second language.
    pub(crate) const ENGLISH: Text = Text(Language::En);

    /// The other of the two languages: the one the header's link offers.
    pub(crate) fn other(self) -> Text {
        match self.0 {
            Language::Nl => Text::ENGLISH,
            Language::En => Text::DUTCH,
        }
    }

    /// The text of `language`.
    pub(crate) const fn new(language: Language) -> Self {
        Text(language)
    }

    /// The language written.
    pub(crate) fn language(self) -> Language {
        self.0
    }

    /// The plan's words in this language: dates, day counts, layers, health, reasons.
    pub(crate) fn words(self) -> Words {
        Words::new(self.0)
    }

    /// The language's code for `<html lang>` and the cookie: "nl", "en".
    pub(crate) fn code(self) -> &'static str {
        match self.0 {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }

    /// The language of a code ("nl", "en"; any case), or none.
    pub(crate) fn of_code(code: &str) -> Option<Text> {
        match code.trim().to_ascii_lowercase().as_str() {
            "nl" => Some(Text::new(Language::Nl)),
            "en" => Some(Text::new(Language::En)),
            _ => None,
        }
    }

    /// Message `key` without values. See [`Text::say_with`].
    pub(crate) fn say(self, key: &str) -> String {
        self.say_with(key, None)
    }

    /// Message `key` with `args` filled in. A key the catalogue lacks, or a value it names
    /// that is not given, is logged and written as the key itself (the unit tests keep both
    /// from happening); the page still renders.
    pub(crate) fn say_with(self, key: &str, args: Option<&FluentArgs>) -> String {
        let index = match self.0 {
            Language::Nl => 0,
            Language::En => 1,
        };
        let bundle = match &BUNDLES[index] {
            Ok(bundle) => bundle,
            Err(error) => {
                tracing::error!(%error, "the pages' text could not be read");
                return key.to_owned();
            }
        };
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::error!(
                key,
                language = self.code(),
                "a page names a message the catalogue lacks"
            );
            return key.to_owned();
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::error!(
                key,
                language = self.code(),
                ?errors,
                "a page's message lacks a value"
            );
        }
        text.into_owned()
    }
}

/// `say!(text, "key")` or `say!(text, "key", name = value, …)`: message `key` of `text`
/// ([`Text`]) as a `String`, with each value (text or a number) filled in under its name.
/// The key is always a literal, so the unit tests can find it.
macro_rules! say {
    ($text:expr, $key:literal) => {
        $text.say($key)
    };
    ($text:expr, $key:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = fluent_bundle::FluentArgs::new();
        $(args.set(stringify!($name), $value);)+
        $text.say_with($key, Some(&args))
    }};
}
pub(crate) use say;

/// The template function `t(key, name=value, …)`: message `key` in the page's language (the
/// frame's `lang`), values from the keyword arguments (numbers stay numbers, for plurals).
pub(super) fn template_function(
    state: &minijinja::State,
    key: String,
    values: minijinja::value::Kwargs,
) -> Result<String, minijinja::Error> {
    let text = state
        .lookup("lang")
        .and_then(|lang| lang.as_str().and_then(Text::of_code))
        .unwrap_or(Text::DUTCH);
    let mut args = FluentArgs::new();
    for name in values.args() {
        let value: minijinja::Value = values.get(name)?;
        match i64::try_from(value.clone()) {
            Ok(number) if value.is_number() => args.set(name.to_owned(), number),
            _ => args.set(name.to_owned(), value.to_string()),
        }
    }
    values.assert_all_used()?;
    Ok(text.say_with(&key, args.iter().next().is_some().then_some(&args)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_bundle::types::FluentValue;
    use fluent_syntax::ast;
    use std::collections::{BTreeMap, BTreeSet};

    /// Every message of a catalogue and the values it takes.
    fn messages(files: &[(&str, &str)]) -> BTreeMap<String, BTreeSet<String>> {
        let mut all = BTreeMap::new();
        for (name, source) in files {
            let resource = FluentResource::try_new((*source).to_owned());
            assert!(resource.is_ok(), "{name} does not parse");
            let Ok(resource) = resource else { continue };
            for entry in resource.entries() {
                if let ast::Entry::Message(message) = entry {
                    let mut values = BTreeSet::new();
                    if let Some(pattern) = &message.value {
                        pattern_values(pattern, &mut values);
                    }
                    let id = message.id.name.to_owned();
                    assert!(
                        all.insert(id.clone(), values).is_none(),
                        "{name}: {id} is defined twice"
                    );
                }
            }
        }
        all
    }

    fn pattern_values(pattern: &ast::Pattern<&str>, into: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                expression_values(expression, into);
            }
        }
    }

    fn expression_values(expression: &ast::Expression<&str>, into: &mut BTreeSet<String>) {
        match expression {
            ast::Expression::Select { selector, variants } => {
                inline_values(selector, into);
                for variant in variants {
                    pattern_values(&variant.value, into);
                }
            }
            ast::Expression::Inline(inline) => inline_values(inline, into),
        }
    }

    fn inline_values(inline: &ast::InlineExpression<&str>, into: &mut BTreeSet<String>) {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                into.insert(id.name.to_owned());
            }
            ast::InlineExpression::Placeable { expression } => expression_values(expression, into),
            _ => {}
        }
    }

    /// The keys the pages name: `say!(…, "key"` in the web module's code, `t("key"` in the
    /// templates.
    fn keys_named() -> BTreeSet<String> {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/");
        let mut sources = Vec::new();
        let mut folders = vec![
            format!("{root}src/web"),
            format!("{root}assets/web/templates"),
        ];
        while let Some(folder) = folders.pop() {
            let Ok(entries) = std::fs::read_dir(&folder) else {
                panic!("{folder} cannot be read");
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    folders.push(path.display().to_string());
                } else if let Ok(source) = std::fs::read_to_string(&path) {
                    sources.push((path.display().to_string(), source));
                }
            }
        }
        let mut keys = BTreeSet::new();
        for (path, source) in &sources {
            if path.ends_with("text.rs") {
                continue;
            }
            let marker = if path.ends_with(".rs") {
                "say!("
            } else {
                "t(\""
            };
            {
                for (at, _) in source.match_indices(marker) {
                    let before = source[..at].chars().next_back().unwrap_or(' ');
                    if before.is_alphanumeric() || before == '_' {
                        continue;
                    }
                    let rest = &source[at + marker.len()..];
                    let rest = if marker == "say!(" {
                        match rest.split_once(',') {
                            Some((_, after)) => after.trim_start(),
                            None => continue,
                        }
                    } else {
                        rest
                    };
                    let rest = rest.strip_prefix('"').unwrap_or(rest);
                    let key: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                        .collect();
                    assert!(!key.is_empty(), "{path}: a message named by no literal key");
                    keys.insert(key);
                }
            }
        }
        keys
    }

    /// Both languages have the same messages, each taking the same values, and every key a
    /// page names is among them.
    #[test]
    fn both_languages_have_every_message_the_pages_name() {
        let dutch = messages(DUTCH);
        let english = messages(ENGLISH);
        let dutch_keys: BTreeSet<_> = dutch.keys().collect();
        let english_keys: BTreeSet<_> = english.keys().collect();
        assert_eq!(
            dutch_keys
                .symmetric_difference(&english_keys)
                .collect::<Vec<_>>(),
            Vec::<&&String>::new(),
            "messages in one language only"
        );
        for (key, values) in &dutch {
            assert_eq!(
                Some(values),
                english.get(key),
                "{key} takes other values in English"
            );
        }
        let named = keys_named();
        assert!(named.len() > 20, "{} keys named", named.len());
        for key in &named {
            assert!(
                dutch.contains_key(key),
                "{key} is named by a page but not in the catalogue"
            );
        }
        for bundle in BUNDLES.iter() {
            assert!(bundle.is_ok(), "{:?}", bundle.as_ref().err());
        }
    }

    #[test]
    fn values_and_plurals_are_filled_in_by_the_languages_rules() {
        let mut args = FluentArgs::new();
        args.set("count", FluentValue::from(1));
        assert_eq!(
            Text::DUTCH.say_with("frame-milestones", Some(&args)),
            "1 mijlpaal"
        );
        args.set("count", FluentValue::from(3));
        assert_eq!(
            Text::new(Language::En).say_with("frame-milestones", Some(&args)),
            "3 milestones"
        );
        assert_eq!(
            say!(Text::DUTCH, "frame-milestones", count = 2),
            "2 mijlpalen"
        );
        assert_eq!(Text::DUTCH.say("no-such-message"), "no-such-message");
        assert_eq!(Text::of_code("EN"), Some(Text::new(Language::En)));
        assert_eq!(Text::of_code("de"), None);
    }
}
