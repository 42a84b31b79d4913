//! "Wat anderen veranderden" on Mijn overzicht: what others changed in the last
//! [`WINDOW_DAYS`] days to the reader's milestones (one layer's, with the joint ones) and to the
//! milestones those wait for (a predecessor that moved moves them too), or, for the whole
//! programme, to any milestone. Updates, deletions and restorings, never the reader's own
//! changes (an anonymous reader has none) and not creations; the newest 100 records, each
//! object's changes in words as a milestone's history gives them. In an as-of view, the window
//! ends at the view's moment. Its data is `recent_changes.graphql`.

use super::history::{self, HistoryItem};
use super::session::{How, Reader};
use super::words::{DUTCH, count};
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
const MOST_OBJECTS: usize = 500;

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
    /// How it touches the reader's milestones: "Uw mijlpaal", "Voorganger van …".
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
    page_info: super::PageInfo,
    nodes: Vec<MyMilestone>,
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
    let since = until - Duration::days(WINDOW_DAYS);
    // Another's change: not the reader's own (an anonymous reader changes nothing).
    let not_by = match reader.how {
        How::Anonymous => None,
        How::Session { .. } | How::Header => Some(reader.caller.name.clone()),
    };
    let mut variables = serde_json::json!({
        "notBy": not_by,
        "since": since.to_rfc3339(),
        // The records up to and including the moment.
        "until": (until + Duration::microseconds(1)).to_rfc3339(),
    });
    let mut mine: Vec<MyMilestone> = Vec::new();
    let mut too_many = false;
    match layer {
        Some(layer) => {
            let split = |a: &mut Mine| {
                (
                    std::mem::take(&mut a.milestones.nodes),
                    std::mem::take(&mut a.milestones.page_info),
                )
            };
            let scope = serde_json::json!({ "layer": layer.as_str(), "joint": true });
            let (_, found) = every_page(
                api,
                headers,
                reader,
                (DOCUMENT, "MyMilestones"),
                scope,
                MOST_OBJECTS,
                split,
            )
            .await?;
            mine = found;
            // Mine first, then what they wait for, as many as one question may name.
            let mut ids: Vec<String> = mine.iter().map(|m| m.id.clone()).collect();
            let mut seen: HashSet<String> = ids.iter().cloned().collect();
            for m in &mine {
                for p in m.predecessors.iter().filter_map(|p| p.predecessor.as_ref()) {
                    if seen.insert(p.id.clone()) {
                        ids.push(p.id.clone());
                    }
                }
            }
            too_many = ids.len() > MOST_OBJECTS;
            ids.truncate(MOST_OBJECTS);
            variables["ids"] = ids.into();
        }
        None => variables["entity"] = "Milestone".into(),
    }
    let answer: history::Answer = query(
        api,
        headers,
        reader,
        (DOCUMENT, "ChangesByOthers"),
        variables,
    )
    .await?;
    let records = &answer.change_records;
    let objects: Vec<ChangedObject> = history::by_object(&records.nodes)
        .into_iter()
        .map(|(id, title, items)| ChangedObject {
            link: super::milestone::address(&id),
            relation: relation(&id, &mine, layer),
            title,
            items,
        })
        .collect();
    let whose = match (&not_by, layer) {
        (Some(_), Some(l)) => format!(
            "Wat anderen dan u veranderden aan de mijlpalen van {} (met de gezamenlijke) en aan de mijlpalen waarop die wachten",
            layer_phrase(l)
        ),
        (Some(_), None) => "Wat anderen dan u veranderden aan mijlpalen".to_owned(),
        (None, Some(l)) => format!(
            "Wat er veranderde aan de mijlpalen van {} (met de gezamenlijke) en aan de mijlpalen waarop die wachten",
            layer_phrase(l)
        ),
        (None, None) => "Wat er veranderde aan mijlpalen".to_owned(),
    };
    let summary = format!(
        "{whose}, in de {WINDOW_DAYS} dagen tot en met {}: {}.",
        DUTCH.date(crate::service::schedule::status_date::dutch_day(until)),
        if objects.is_empty() {
            "niets".to_owned()
        } else {
            count(objects.len(), "mijlpaal", "mijlpalen")
        }
    );
    let shown = records.nodes.len();
    let cut = if records.total_count > shown {
        Some(format!(
            "Dit zijn de nieuwste {shown} van {} wijzigingen per veld; de geschiedenis van elke mijlpaal heeft ze allemaal.",
            records.total_count
        ))
    } else if too_many {
        Some(format!(
            "Deze laag heeft met de voorgangers meer dan {MOST_OBJECTS} mijlpalen; alleen de eerste {MOST_OBJECTS} zijn nagekeken."
        ))
    } else {
        None
    };
    Ok(RecentChanges {
        summary,
        objects,
        cut,
    })
}

/// How milestone `id` touches the reader's: one of theirs, or the predecessor of some.
fn relation(id: &str, mine: &[MyMilestone], layer: Option<GovernmentLayer>) -> String {
    if layer.is_none() {
        return String::new();
    }
    if mine.iter().any(|m| m.id == id) {
        return "Uw mijlpaal".to_owned();
    }
    let waiting: Vec<&str> = mine
        .iter()
        .filter(|m| {
            m.predecessors
                .iter()
                .filter_map(|p| p.predecessor.as_ref())
                .any(|p| p.id == id)
        })
        .map(|m| m.title.as_str())
        .collect();
    match waiting.as_slice() {
        [] => String::new(),
        [one] => format!("Voorganger van uw mijlpaal „{one}”"),
        more => format!(
            "Voorganger van {} van uw mijlpalen: {}",
            more.len(),
            more.iter()
                .map(|t| format!("„{t}”"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// A layer inside a sentence: "het Rijk", "de gemeenten".
fn layer_phrase(layer: GovernmentLayer) -> &'static str {
    match layer {
        GovernmentLayer::Rijk => "het Rijk",
        GovernmentLayer::Provincie => "de provincies",
        GovernmentLayer::Gemeente => "de gemeenten",
        GovernmentLayer::Waterschap => "de waterschappen",
    }
}
