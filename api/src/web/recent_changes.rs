//! "Wat anderen veranderden" on Mijn overzicht: what others changed in the last
//! [`WINDOW_DAYS`] Dutch calendar days (today included) to the milestones of the layer shown
//! (with the joint ones, and those deleted in that time) and to the milestones those wait for
//! (a predecessor that moved moves them too), or, for the whole programme, to any milestone.
//! Updates, deletions, restorings and links made or undone under them (a new predecessor, a KPI),
//! never the reader's own changes (an anonymous reader has none) and not creations; the newest
//! 100 records, each object's changes in words as a milestone's history gives them. The layer's
//! milestones and their predecessors count as they are now and as they were when the window
//! opened, so one moved out of the layer, one deleted and a predecessor deleted or unlinked
//! since stay the layer's news, said in the past tense ("Was voorganger van …"). "Uw" only
//! for a layer manager looking at their own layer. In an as-of view, the window ends at the
//! view's moment. Its data is `recent_changes.graphql`.

use super::history::{self, HistoryItem};
use super::session::{How, Reader};
use super::text::{Text, say};
use super::words::layer_phrase;
use super::{Api, every_page, query};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::{DateTime, Duration, Utc};
use entity::GovernmentLayer;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The page's document, with the fragment of a change record its history reads.
const DOCUMENT: &str = concat!(
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/web/queries/recent_changes.graphql"
    )),
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/web/queries/fragments/change.graphql"
    )),
);

/// How many days back "recent" reaches.
pub(super) const WINDOW_DAYS: i64 = 14;

/// How many objects one question about their changes may name (the API's limit).
const MOST_OBJECTS: usize = crate::graphql::query::history::MAX_ENTITY_IDS;

/// The section as the overview shows it.
#[derive(Serialize)]
pub(super) struct RecentChanges {
    /// What the section covers, in a sentence.
    summary: String,
    /// Each object changed, the last changed first.
    objects: Vec<ChangedObject>,
    /// That not everything fits, when so.
    cut: Option<String>,
}

#[derive(Serialize)]
struct ChangedObject {
    title: String,
    link: String,
    /// How it touches the layer shown: "Uw mijlpaal", "Voorganger van …".
    relation: String,
    items: Vec<HistoryItem>,
}

#[derive(Deserialize)]
struct Mine {
    milestones: MineList,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MineList {
    total_count: usize,
    page_info: super::PageInfo,
    nodes: Vec<MyMilestone>,
}

/// The milestones deleted in the window, with their layer.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Deleted {
    change_records: DeletedList,
}

#[derive(Deserialize)]
struct DeletedList {
    nodes: Vec<DeletedRecord>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DeletedRecord {
    entity_id: String,
    object: Option<DeletedMilestone>,
}

#[derive(Deserialize)]
struct DeletedMilestone {
    layer: Option<GovernmentLayer>,
    joint: bool,
}

#[derive(Deserialize)]
struct MyMilestone {
    id: String,
    title: String,
    predecessors: Vec<Predecessor>,
}

#[derive(Deserialize)]
struct Predecessor {
    predecessor: Option<Id>,
}

#[derive(Deserialize)]
struct Id {
    id: String,
}

/// The section for `reader` looking at `layer` (None: the whole programme), up to `until` (the
/// as-of view's moment, or now).
pub(super) async fn read(
    api: &Api,
    headers: &HeaderMap,
    reader: &Reader,
    layer: Option<GovernmentLayer>,
    until: DateTime<Utc>,
) -> Result<RecentChanges, Response> {
    // The window: the last WINDOW_DAYS Dutch calendar days, the day of `until` included.
    let last_day = crate::service::schedule::status_date::dutch_day(until);
    let first_day = last_day
        .checked_sub_days(chrono::Days::new(WINDOW_DAYS.unsigned_abs() - 1))
        .unwrap_or(last_day);
    let since = crate::service::schedule::status_date::start_of_day(first_day);
    // Another's change: not the reader's own (an anonymous reader changes nothing).
    let not_by = match reader.how {
        How::Anonymous => None,
        How::Session { .. } | How::Header => Some(reader.caller.name.clone()),
    };
    // The records up to and including the moment.
    let until_text = (until + Duration::microseconds(1)).to_rfc3339();
    let mut variables = serde_json::json!({
        "notBy": not_by,
        "since": since.to_rfc3339(),
        "until": until_text,
    });
    let mut mine: Vec<MyMilestone> = Vec::new();
    // The layer's milestones, with their predecessors, as they stood when the window opened.
    let mut then: Vec<MyMilestone> = Vec::new();
    let mut cut_objects = false;
    match layer {
        Some(layer) => {
            let split = |a: &mut Mine| {
                (
                    std::mem::take(&mut a.milestones.nodes),
                    std::mem::take(&mut a.milestones.page_info),
                )
            };
            let scope = serde_json::json!({ "layer": layer.as_str(), "joint": true });
            let (last, found) = every_page(
                api,
                headers,
                reader,
                (DOCUMENT, "MyMilestones"),
                scope,
                MOST_OBJECTS,
                split,
            )
            .await?;
            cut_objects = last.milestones.total_count > found.len();
            mine = found;
            // ... and as they stood when the window opened: one moved out of the layer since,
            // or a predecessor since deleted or unlinked, is still the layer's news.
            let at_start = serde_json::json!({
                "layer": layer.as_str(),
                "joint": true,
                "then": since.to_rfc3339(),
            });
            let (last_then, earlier) = every_page(
                api,
                headers,
                reader,
                (DOCUMENT, "MyMilestonesThen"),
                at_start,
                MOST_OBJECTS,
                split,
            )
            .await?;
            cut_objects |= last_then.milestones.total_count > earlier.len();
            then = earlier;
            // Mine now and then, and those deleted in the window; then what they wait for, now
            // or then: as many as one question may name.
            let mut ids: Vec<String> = Vec::new();
            let mut seen: HashSet<String> = HashSet::new();
            for m in mine.iter().chain(then.iter()) {
                if seen.insert(m.id.clone()) {
                    ids.push(m.id.clone());
                }
            }
            let deleted: Deleted = query(
                api,
                headers,
                reader,
                (DOCUMENT, "DeletedMilestones"),
                serde_json::json!({ "since": since.to_rfc3339(), "until": until_text }),
            )
            .await?;
            for record in deleted.change_records.nodes {
                let ours = record
                    .object
                    .is_some_and(|m| m.layer == Some(layer) || (m.joint && m.layer.is_none()));
                if ours && seen.insert(record.entity_id.clone()) {
                    ids.push(record.entity_id);
                }
            }
            for m in mine.iter().chain(then.iter()) {
                for p in m.predecessors.iter().filter_map(|p| p.predecessor.as_ref()) {
                    if seen.insert(p.id.clone()) {
                        ids.push(p.id.clone());
                    }
                }
            }
            cut_objects |= ids.len() > MOST_OBJECTS;
            ids.truncate(MOST_OBJECTS);
            variables["ids"] = ids.into();
        }
        None => {
            variables["entity"] = "Milestone".into();
            variables["withLinks"] = true.into();
        }
    }
    let text = reader.text;
    let answer: history::Answer = query(
        api,
        headers,
        reader,
        (DOCUMENT, "ChangesByOthers"),
        variables,
    )
    .await?;
    let records = &answer.change_records;
    let objects: Vec<ChangedObject> = history::by_object(text, &records.nodes)
        .into_iter()
        .map(|(id, title, items)| ChangedObject {
            link: super::milestone::address(&id),
            relation: relation(
                text,
                &id,
                (&mine, &then),
                layer,
                reader.caller.layer == layer,
            ),
            title,
            items,
        })
        .collect();
    let whose = match (&not_by, layer) {
        (Some(_), Some(l)) => say!(
            text,
            "overview-changes-others-layer",
            layer = layer_phrase(text, l)
        ),
        (Some(_), None) => say!(text, "overview-changes-others"),
        (None, Some(l)) => say!(
            text,
            "overview-changes-all-layer",
            layer = layer_phrase(text, l)
        ),
        (None, None) => say!(text, "overview-changes-all"),
    };
    let summary = say!(
        text,
        "overview-changes-summary",
        whose = whose,
        window = text.words().days(WINDOW_DAYS),
        day = text
            .words()
            .date(crate::service::schedule::status_date::dutch_day(until)),
        found = if objects.is_empty() {
            say!(text, "overview-changes-nothing")
        } else {
            say!(text, "frame-milestones", count = objects.len())
        }
    );
    let shown = records.nodes.len();
    let mut cut = Vec::new();
    if records.total_count > shown {
        cut.push(say!(
            text,
            "overview-changes-cut-records",
            shown = shown,
            total = records.total_count
        ));
    }
    if cut_objects {
        cut.push(say!(
            text,
            "overview-changes-cut-objects",
            most = MOST_OBJECTS
        ));
    }
    let cut = (!cut.is_empty()).then(|| cut.join(" "));
    Ok(RecentChanges {
        summary,
        objects,
        cut,
    })
}

/// How milestone `id` touches the layer shown, from its milestones now and when the window
/// opened: one of them, one no longer, the predecessor of some, or once; "uw" only when the layer
/// is the reader's own (`own`).
fn relation(
    text: Text,
    id: &str,
    (now, then): (&[MyMilestone], &[MyMilestone]),
    layer: Option<GovernmentLayer>,
    own: bool,
) -> String {
    let Some(layer) = layer else {
        return String::new();
    };
    let waiting = |list: &[MyMilestone]| -> Vec<String> {
        list.iter()
            .filter(|m| {
                m.predecessors
                    .iter()
                    .filter_map(|p| p.predecessor.as_ref())
                    .any(|p| p.id == id)
            })
            .map(|m| m.title.clone())
            .collect()
    };
    let words = text.words();
    let quoted = |titles: &[String]| {
        titles
            .iter()
            .map(|t| words.quote(t))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let whose = |titles: &[String]| match (titles, own) {
        ([one], true) => say!(text, "overview-relation-your-one", title = words.quote(one)),
        ([one], false) => words.quote(one),
        (more, true) => say!(
            text,
            "overview-relation-your-many",
            count = more.len(),
            titles = quoted(more)
        ),
        (more, false) => say!(
            text,
            "overview-relation-layer-many",
            count = more.len(),
            layer = layer_phrase(text, layer),
            titles = quoted(more)
        ),
    };
    let was_ours = || {
        say!(
            text,
            "overview-relation-was-layer",
            layer = layer_phrase(text, layer)
        )
    };
    let waits_now = waiting(now);
    if now.iter().any(|m| m.id == id) {
        let what = if own {
            say!(text, "overview-relation-yours")
        } else {
            say!(
                text,
                "overview-relation-layer",
                layer = layer_phrase(text, layer)
            )
        };
        return match waits_now.as_slice() {
            [] => what,
            more => say!(
                text,
                "overview-relation-and-predecessor",
                what = what,
                titles = quoted(more)
            ),
        };
    }
    if then.iter().any(|m| m.id == id) {
        return was_ours();
    }
    if !waits_now.is_empty() {
        return say!(
            text,
            "overview-relation-predecessor",
            whose = whose(&waits_now)
        );
    }
    let waited = waiting(then);
    if !waited.is_empty() {
        return say!(
            text,
            "overview-relation-was-predecessor",
            whose = whose(&waited)
        );
    }
    // Deleted in the window, not among the layer's then (made and deleted in it).
    was_ours()
}
