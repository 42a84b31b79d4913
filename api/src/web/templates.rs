//! The web app's templates (`api/assets/web/templates/`, compiled in), rendered with minijinja,
//! HTML-escaped. Pages pass what they show already in words ("2 juli 2026", "Gemeenten"), so
//! the templates only place it; their own text is `{{ t("key") }}`, a message of the page's
//! language (`text.rs`).

use minijinja::Environment;
use serde::Serialize;
use std::sync::LazyLock;

macro_rules! template {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/assets/web/templates/",
                $name
            )),
        )
    };
}

/// Every template, by the name pages render it by.
const TEMPLATES: &[(&str, &str)] = &[
    template!("commitments.html"),
    template!("kpis.html"),
    template!("layout.html"),
    template!("milestone.html"),
    template!("overview.html"),
    template!("problem.html"),
    template!("reports.html"),
    template!("sign_in.html"),
    template!("timeline.html"),
];

static ENVIRONMENT: LazyLock<Result<Environment<'static>, minijinja::Error>> =
    LazyLock::new(|| {
        let mut env = Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        env.set_formatter(format_value);
        // Every template is HTML, whatever its name: escaped alike.
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
        env.add_filter("keep", keep);
        env.add_filter("written", written);
        env.add_function("t", super::text::template_function);
        for (name, source) in TEMPLATES {
            env.add_template(name, source)?;
        }
        Ok(env)
    });

/// How a value is written into a page: text escaped for HTML (`&`, `<`, `>`, `"`, `'`, which
/// is all text and quoted attributes need; minijinja's own escaping also writes `/` as
/// `&#x2f;`, which garbles the addresses in `href`s for no gain), anything else as minijinja
/// writes it.
fn format_value(
    out: &mut minijinja::Output,
    state: &minijinja::State,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    match value.as_str() {
        Some(text) if !value.is_safe() => {
            out.write_str(&escape(text)).map_err(minijinja::Error::from)
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// `text` escaped for HTML text and quoted attributes.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#x27;"),
            other => escaped.push(other),
        }
    }
    escaped
}

/// The language the plan's own text is written in: a Dutch programme's titles, descriptions and
/// findings, whatever language the page is in.
pub(super) const PLAN_LANGUAGE: &str = "nl";

/// `{{ m.title|written }}`, in an element's content only: the plan's own text as it was
/// written, marked as [`PLAN_LANGUAGE`] on a page in another language (`<span lang="nl">`, so
/// a screen reader reads it as Dutch: WCAG 2.1 3.1.2, language of parts); unchanged on a
/// Dutch page.
fn written(state: &minijinja::State, value: minijinja::Value) -> minijinja::Value {
    if value.is_none() || value.is_undefined() {
        return value;
    }
    let page = state.lookup("lang").map(|v| v.to_string());
    let text = value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_owned);
    if text.is_empty() || page.as_deref().is_none_or(|p| p == PLAN_LANGUAGE) {
        return value;
    }
    minijinja::Value::from_safe_string(format!(
        "<span lang=\"{PLAN_LANGUAGE}\">{}</span>",
        escape(&text)
    ))
}

/// `{{ link|keep }}`: an address on koers that keeps the page's as-of view (the frame's
/// `keep`, `peildatum=…`), so a reader stays on the same day from page to page.
fn keep(state: &minijinja::State, link: String) -> String {
    let param = state.lookup("keep").map(|v| v.to_string());
    super::as_of::keep(&link, param.as_deref())
}

/// The page `name` with `context`, or why it could not be rendered (a template that does not
/// parse, or a value it names that the page did not give).
pub fn render(name: &str, context: impl Serialize) -> Result<String, String> {
    let env = ENVIRONMENT.as_ref().map_err(|e| e.to_string())?;
    env.get_template(name)
        .and_then(|t| t.render(context))
        .map_err(|e| format!("{e:#}"))
}

#[cfg(test)]
mod tests {
    /// Every template parses (they are compiled in, so a broken one would fail every page).
    #[test]
    fn every_template_parses() {
        let env = super::ENVIRONMENT.as_ref();
        assert!(env.is_ok(), "{:?}", env.err());
        for (name, _) in super::TEMPLATES {
            assert!(env.is_ok_and(|e| e.get_template(name).is_ok()), "{name}");
        }
    }

    /// The plan's text is marked as Dutch on an English page, escaped, and left as it is on a
    /// Dutch one.
    #[test]
    fn the_plans_text_is_marked_dutch_on_an_english_page() {
        let mut env = minijinja::Environment::new();
        env.set_formatter(super::format_value);
        env.add_filter("written", super::written);
        let render = |lang: &str| {
            env.render_str(
                "<td>{{ title|written }}</td>",
                minijinja::context! { lang => lang, title => "Bron <b> & \"co\"" },
            )
            .map_err(|e| e.to_string())
        };
        assert_eq!(
            render("en").as_deref(),
            Ok("<td><span lang=\"nl\">Bron &lt;b&gt; &amp; &quot;co&quot;</span></td>")
        );
        assert_eq!(
            render("nl").as_deref(),
            Ok("<td>Bron &lt;b&gt; &amp; &quot;co&quot;</td>")
        );
    }

    /// Text is escaped for HTML, an address is kept as it is.
    #[test]
    fn text_is_escaped_and_addresses_are_kept() {
        let mut env = minijinja::Environment::new();
        env.set_formatter(super::format_value);
        let rendered = env
            .render_str(
                "<a href=\"{{ link }}\" title=\"{{ text }}\">{{ text }}</a>",
                minijinja::context! { link => "/mijlpalen/TWlsZXN0b25lOjE0", text => "<b>\"A & B's\"</b>" },
            )
            .map_err(|e| e.to_string());
        assert_eq!(
            rendered.as_deref(),
            Ok(
                "<a href=\"/mijlpalen/TWlsZXN0b25lOjE0\" title=\"&lt;b&gt;&quot;A &amp; B&#x27;s&quot;&lt;/b&gt;\">&lt;b&gt;&quot;A &amp; B&#x27;s&quot;&lt;/b&gt;</a>"
            )
        );
    }
}
