//! The service layer has no circles (issue 16): read from the source, each module of `service/`
//! (a file, or a folder with what is below it) names the modules it uses, and following those
//! names never leads back. A newcomer can then read any module after the ones it uses, and a
//! change to a leaf (`columns`, `link_kinds`, `bulk`, `history`) cannot reach back into `crud`.
//! Unit tests (a `tests.rs` file, a `mod tests` block at the end of a file) may use anything.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

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

/// The first identifier of each item of the `{…}` group that starts at `text` (after its `{`).
fn group_heads(text: &str) -> Vec<String> {
    let (mut depth, mut heads, mut item) = (0_i32, Vec::new(), String::new());
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                heads.push(std::mem::take(&mut item));
                continue;
            }
            _ => {}
        }
        item.push(c);
    }
    heads.push(item);
    heads
        .iter()
        .map(|h| {
            h.trim()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect()
        })
        .filter(|h: &String| !h.is_empty())
        .collect()
}

/// The names that follow `prefix` in `text` (where `prefix` starts a path), groups expanded.
fn names_after(text: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(prefix) {
        let before = rest[..at].chars().last();
        let after = &rest[at + prefix.len()..];
        rest = &rest[at + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        if let Some(group) = after.strip_prefix('{') {
            out.extend(group_heads(group));
        } else {
            out.push(
                after
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect(),
            );
        }
    }
    out
}

/// Module → the other modules of `service/` it uses.
fn uses(root: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let all = files(root);
    let top = |path: &Path| -> Option<(String, usize, bool)> {
        let rel = path.strip_prefix(root).ok()?;
        let parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
            .collect();
        let module = parts.first()?.clone();
        let is_mod = parts.last().is_some_and(|p| p == "mod");
        Some((module, parts.len() - 1, is_mod))
    };
    let modules: BTreeSet<String> = all
        .iter()
        .filter_map(|p| top(p).map(|t| t.0))
        .filter(|m| m != "mod")
        .collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in &all {
        let Some((module, dirs, is_mod)) = top(path) else {
            continue;
        };
        if module == "mod" || path.file_name().is_some_and(|f| f == "tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let code = text
            .split("#[cfg(test)]\nmod tests")
            .next()
            .unwrap_or_default();
        let supers = dirs + usize::from(!is_mod);
        let mut names = names_after(code, "crate::service::");
        names.extend(names_after(code, &"super::".repeat(supers)));
        let entry = graph.entry(module.clone()).or_default();
        for name in names {
            if name != module && modules.contains(&name) {
                entry.insert(name);
            }
        }
    }
    graph
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
    // The reader sees what is there: crud uses access and history.
    assert!(graph["crud"].contains("access") && graph["crud"].contains("history"));
    assert_eq!(circle(&graph), None, "{graph:#?}");
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
    assert_eq!(
        names_after("use super::{a, b::{c, d}, e};", "super::"),
        vec!["a", "b", "e"]
    );
}
