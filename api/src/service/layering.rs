//! The service layer has no circles (issue 16): read from the source, each module of `service/`
//! names the modules it uses, and following those names never leads back. A module is a file or
//! a folder with what is below it; inside a domain folder ([`DOMAINS`]: `store`, `plan`, ...)
//! each file or folder is a module of its own (`plan::milestones`), and the folder's `mod.rs`
//! is only its index. A newcomer can then read any module after the ones it uses, and a change
//! to a leaf (`store::columns`, `plan::link_kinds`, `history::record`) cannot reach back into
//! `store::crud`. Unit tests (a `tests.rs` file, a `mod tests` block at the end of a file) may
//! use anything.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The domain folders of `service/`, whose files and folders are modules each.
const DOMAINS: &[&str] = &[
    "store",
    "plan",
    "data",
    "parliament",
    "history",
    "reports",
    "accounts",
];

/// Every `.rs` file under `dir`.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// The items of the `{…}` group that starts at `text` (after its `{`), as text.
fn group_items(text: &str) -> Vec<String> {
    let (mut depth, mut items, mut item) = (0_i32, Vec::new(), String::new());
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(std::mem::take(&mut item));
                continue;
            }
            _ => {}
        }
        item.push(c);
    }
    items.push(item);
    items
}

/// The first two segments of a path written at the start of `text` (a group expanded one
/// level: `a::{b, c}` gives `a::b` and `a::c`).
fn heads(text: &str) -> Vec<Vec<String>> {
    let ident = |t: &str| -> String {
        t.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let text = text.trim_start();
    if let Some(group) = text.strip_prefix('{') {
        return group_items(group).iter().flat_map(|i| heads(i)).collect();
    }
    let first = ident(text);
    if first.is_empty() {
        return Vec::new();
    }
    let rest = &text.trim_start()[first.len()..];
    let Some(rest) = rest.strip_prefix("::") else {
        return vec![vec![first]];
    };
    if let Some(group) = rest.strip_prefix('{') {
        return group_items(group)
            .iter()
            .map(|i| vec![first.clone(), ident(i)])
            .collect();
    }
    vec![vec![first, ident(rest)]]
}

/// The paths (first two segments) that follow `prefix` in `text`, where `prefix` starts a path.
fn paths_after(text: &str, prefix: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(prefix) {
        let before = rest[..at].chars().last();
        rest = &rest[at + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        out.extend(heads(rest));
    }
    out
}

/// The module a path below `service` names (`plan::milestones`, `schedule`), if any.
fn module_of(path: &[String], modules: &BTreeSet<String>) -> Option<String> {
    let first = path.first()?;
    if DOMAINS.contains(&first.as_str())
        && let Some(second) = path.get(1)
    {
        let inner = format!("{first}::{second}");
        if modules.contains(&inner) {
            return Some(inner);
        }
    }
    modules.contains(first).then(|| first.clone())
}

/// Module → the other modules of `service/` it uses.
fn uses(root: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let all = files(root);
    // A file's module path below `service` (`["plan", "milestones"]`; a `mod.rs` names its folder).
    let path_of = |file: &Path| -> Option<Vec<String>> {
        let rel = file.strip_prefix(root).ok()?;
        let mut parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
            .collect();
        if parts.last().is_some_and(|p| p == "mod") {
            parts.pop();
        }
        Some(parts)
    };
    let mut modules = BTreeSet::new();
    for file in &all {
        let Some(path) = path_of(file) else { continue };
        if let Some(first) = path.first() {
            modules.insert(first.clone());
            if DOMAINS.contains(&first.as_str())
                && let Some(second) = path.get(1)
            {
                modules.insert(format!("{first}::{second}"));
            }
        }
    }
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &all {
        let Some(path) = path_of(file) else { continue };
        let Some(me) = module_of(&path, &modules) else {
            continue;
        };
        if file.file_name().is_some_and(|f| f == "tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let code = without_tests(&text);
        let mut named: Vec<Vec<String>> = paths_after(code, "crate::service::");
        // `super::` × n from this file: the module n levels up (`path` is the file's own
        // module; a `mod.rs` is its folder's).
        for n in 1..=path.len() {
            let base = &path[..path.len() - n];
            for tail in paths_after(code, &"super::".repeat(n)) {
                // A longer chain of `super::` is counted with its own n.
                if tail.first().is_some_and(|t| t == "super") {
                    continue;
                }
                named.push(base.iter().cloned().chain(tail).collect());
            }
        }
        let entry = graph.entry(me.clone()).or_default();
        for name in named {
            if let Some(other) = module_of(&name, &modules)
                && other != me
                && !(DOMAINS.contains(&me.as_str()) && other.starts_with(&format!("{me}::")))
            {
                entry.insert(other);
            }
        }
    }
    graph
}

/// The text before a file's unit tests (`#[cfg(test)]` on a `mod tests`, public or not).
fn without_tests(text: &str) -> &str {
    let mut at = 0;
    while let Some(found) = text[at..].find("#[cfg(test)]") {
        let start = at + found;
        let next = text[start..].lines().nth(1).unwrap_or_default();
        if next.contains("mod tests") {
            return &text[..start];
        }
        at = start + "#[cfg(test)]".len();
    }
    text
}

/// A circle in `graph`, if there is one.
fn circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == node) {
            let mut found = path[at..].to_vec();
            found.push(node.to_owned());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_service_layer_has_no_circles() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/service");
    let graph = uses(&root);
    assert!(graph.len() > 30, "the modules were read: {graph:?}");
    // The reader sees what is there: crud uses access and the history's recorder.
    let crud = &graph["store::crud"];
    assert!(
        crud.contains("accounts::access") && crud.contains("history::record"),
        "{crud:?}"
    );
    assert_eq!(circle(&graph), None, "{graph:#?}");
}

#[test]
fn a_circle_through_an_index_or_a_file_is_found_in_the_source() {
    let root = std::env::temp_dir().join(format!("koers-layering-{}", std::process::id()));
    let write = |path: &str, text: &str| {
        let file = root.join(path);
        std::fs::create_dir_all(file.parent().unwrap_or(&root)).ok();
        std::fs::write(file, text).ok();
    };
    // accounts::access (a folder's mod.rs) uses accounts::tokens, which uses it back.
    write("accounts/mod.rs", "pub mod access;\npub mod tokens;\n");
    write("accounts/access/mod.rs", "use super::tokens::Token;\n");
    write("accounts/tokens.rs", "use super::access::may;\n");
    // Tests may use anything.
    write(
        "plan/links.rs",
        "use super::milestones::x;\n#[cfg(test)]\npub(crate) mod tests {\n    use crate::service::accounts::tokens;\n}\n",
    );
    write(
        "plan/milestones.rs",
        "use crate::service::plan::links::y;\n",
    );
    let graph = uses(&root);
    std::fs::remove_dir_all(&root).ok();
    assert!(
        graph["accounts::access"].contains("accounts::tokens"),
        "{graph:?}"
    );
    assert!(
        !graph["plan::links"].contains("accounts::tokens"),
        "{graph:?}"
    );
    let found = circle(&graph).unwrap_or_default();
    assert!(
        found.contains(&"accounts::access".to_owned()) || found.contains(&"plan::links".to_owned()),
        "{graph:?}"
    );
}

#[test]
fn a_circle_is_found() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec![]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.into_iter().map(str::to_owned).collect()))
    .collect();
    assert_eq!(
        circle(&graph),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    let seg = |p: &[&str]| p.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        paths_after("use super::{a, b::{c, d}, e};", "super::"),
        vec![seg(&["a"]), seg(&["b", "c"]), seg(&["b", "d"]), seg(&["e"])]
    );
    assert_eq!(
        paths_after("x(crate::service::plan::links::f)", "crate::service::"),
        vec![seg(&["plan", "links"])]
    );
}
