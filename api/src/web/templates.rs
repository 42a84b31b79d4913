//! The web app's templates (`api/assets/web/templates/`, compiled in), rendered with minijinja,
//! HTML-escaped. Pages pass what they show already in words ("2 juli 2026", "Gemeenten"), so
//! the templates only place it.

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
    template!("layout.html"),
    template!("overview.html"),
    template!("problem.html"),
];

static ENVIRONMENT: LazyLock<Result<Environment<'static>, minijinja::Error>> =
    LazyLock::new(|| {
        let mut env = Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        for (name, source) in TEMPLATES {
            env.add_template(name, source)?;
        }
        Ok(env)
    });

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
}
