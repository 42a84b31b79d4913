//! A milestone's story in words: its change records, grouped by the change they were made in
//! (one request by one person at one moment), newest first, each field from its old value to
//! its new one, and the reason given. Values read as the plan writes them, in the reader's
//! language ("30 juni 2026", "gereed", "Gemeenten"; "30 June 2026", "done", "Municipalities");
//! a link names the object on its other side. What was typed (titles, reasons) stays as typed.

use super::text::{Text, say};
use super::words::{capital, moment};
use chrono::{DateTime, NaiveDate, Utc};
use entity::{ChangeAction as Action, GovernmentLayer, Health, MilestoneKind, WorkStatus};
use serde::{Deserialize, Serialize};

/// `changeRecords` as the page's history query asks for it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Answer {
    pub change_records: Records,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Records {
    pub total_count: usize,
    page_info: PageInfo,
    pub nodes: Vec<Record>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PageInfo {
    has_previous_page: bool,
    start_cursor: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Record {
    entity: String,
    entity_id: String,
    action: Action,
    field: Option<String>,
    old_value: Option<String>,
    new_value: Option<String>,
    actor: String,
    changed_at: DateTime<Utc>,
    request_id: String,
    change_reason: Option<String>,
    lag_days: Option<i64>,
    object: Option<Named>,
    old_object: Option<Named>,
    new_object: Option<Named>,
}

/// An object a record names, by its type.
#[derive(Deserialize)]
#[serde(tag = "__typename")]
enum Named {
    Milestone {
        id: String,
        title: String,
    },
    Kpi {
        code: String,
        name: String,
    },
    DataInfraTask {
        title: String,
    },
    Commitment {
        number: String,
    },
    Phase {
        name: String,
    },
    Workstream {
        name: String,
    },
    Organisation {
        name: String,
    },
    Programme {
        name: String,
    },
    #[serde(other)]
    Other,
}

impl Named {
    /// The object in words: a title, a code and name, a number.
    fn words(&self, text: Text) -> String {
        match self {
            Named::Milestone { title, .. } | Named::DataInfraTask { title } => title.clone(),
            Named::Kpi { code, name } => format!("{code} {name}"),
            Named::Commitment { number } => number.clone(),
            Named::Phase { name }
            | Named::Workstream { name }
            | Named::Organisation { name }
            | Named::Programme { name } => name.clone(),
            Named::Other => say!(text, "milestone-unreadable"),
        }
    }

    /// The page of a milestone.
    fn link(&self) -> Option<String> {
        match self {
            Named::Milestone { id, .. } => Some(super::milestone::address(id)),
            _ => None,
        }
    }
}

/// One change as the page lists it.
#[derive(Serialize)]
pub(super) struct HistoryItem {
    when: String,
    who: String,
    /// What the change did, in words ([`what`] of `action`, once the change is complete).
    what: String,
    #[serde(skip)]
    action: Action,
    lines: Vec<ChangeLine>,
    reason: Option<String>,
}

/// One field, or one link, of a change.
#[derive(Serialize)]
struct ChangeLine {
    #[serde(skip)]
    order: usize,
    field: String,
    old: String,
    new: String,
    link: Option<String>,
}

/// The records about milestone `id` grouped into changes (one request by one person), newest
/// first; a creation's fields in the order the page lists them.
pub(super) fn items(text: Text, records: &[Record], id: &str) -> Vec<HistoryItem> {
    items_of(text, records.iter(), id)
}

/// The changes of each object the records are about, the object changed last first: its global
/// id, its name in words, and its changes as [`items`] gives them.
pub(super) fn by_object(text: Text, records: &[Record]) -> Vec<(String, String, Vec<HistoryItem>)> {
    let mut objects: Vec<(&str, DateTime<Utc>, Vec<&Record>)> = Vec::new();
    for record in records {
        match objects
            .iter_mut()
            .find(|(id, _, _)| *id == record.entity_id)
        {
            Some((_, latest, of)) => {
                *latest = (*latest).max(record.changed_at);
                of.push(record);
            }
            None => objects.push((&record.entity_id, record.changed_at, vec![record])),
        }
    }
    objects.sort_by_key(|(_, latest, _)| std::cmp::Reverse(*latest));
    objects
        .into_iter()
        .map(|(id, _, of)| {
            let name = of.iter().find_map(|r| r.object.as_ref()).map_or_else(
                || say!(text, "milestone-unreadable"),
                |named| named.words(text),
            );
            (id.to_owned(), name, items_of(text, of.into_iter(), id))
        })
        .collect()
}

fn items_of<'a>(
    text: Text,
    records: impl Iterator<Item = &'a Record>,
    id: &str,
) -> Vec<HistoryItem> {
    let mut items: Vec<(String, HistoryItem)> = Vec::new();
    for record in records {
        // A creation lists what was filled in; an empty field says nothing.
        if record.action == Action::Create
            && record
                .new_value
                .as_deref()
                .is_none_or(|v| v.trim().is_empty())
        {
            continue;
        }
        let line = line(text, record, id);
        let same = items
            .last_mut()
            .filter(|(request, item)| *request == record.request_id && item.who == record.actor);
        match same {
            Some((_, item)) => {
                // One change that did several things (linked and updated) is a change; one
                // that made the object (and its links) is its creation.
                if record.action == Action::Create {
                    item.action = Action::Create;
                } else if item.action != record.action && item.action != Action::Create {
                    item.action = Action::Update;
                }
                item.lines.push(line);
                if item.reason.is_none() {
                    item.reason = reason(record);
                }
            }
            None => items.push((
                record.request_id.clone(),
                HistoryItem {
                    when: moment(text, record.changed_at),
                    who: record.actor.clone(),
                    what: String::new(),
                    action: record.action,
                    lines: vec![line],
                    reason: reason(record),
                },
            )),
        }
    }
    items
        .into_iter()
        .rev()
        .map(|(_, mut item)| {
            if item.action == Action::Create {
                item.lines.sort_by_key(|l| l.order);
            }
            item.what = what(text, item.action);
            item
        })
        .collect()
}

/// How many changes the page shows and how many there are: "100 van de 312 vastgelegde
/// wijzigingen per veld, de nieuwste eerst."
pub(super) fn summary(text: Text, records: &Records) -> String {
    match (records.total_count, records.nodes.len()) {
        (0, _) => say!(text, "milestone-history-none"),
        (total, shown) if shown < total => say!(
            text,
            "milestone-history-part",
            shown = shown.to_string(),
            total = total.to_string()
        ),
        (total, _) => say!(
            text,
            "milestone-history-all",
            count = i64::try_from(total).unwrap_or(i64::MAX)
        ),
    }
}

/// The cursor of the page before this one, when there is one.
pub(super) fn older(records: &Records) -> Option<String> {
    records
        .page_info
        .has_previous_page
        .then(|| records.page_info.start_cursor.clone())
        .flatten()
}

fn reason(record: &Record) -> Option<String> {
    record
        .change_reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_owned)
}

/// What a change did, in a word: "Aangemaakt", "Gewijzigd"; "Created", "Changed".
fn what(text: Text, action: Action) -> String {
    match action {
        Action::Create => say!(text, "milestone-created"),
        Action::Update => say!(text, "milestone-updated"),
        Action::Delete => say!(text, "milestone-removed"),
        Action::Restore => say!(text, "milestone-restored"),
        Action::Link => say!(text, "milestone-linked-to"),
        Action::Unlink => say!(text, "milestone-unlinked-from"),
    }
}

fn line(text: Text, record: &Record, id: &str) -> ChangeLine {
    if matches!(record.action, Action::Link | Action::Unlink) {
        return link_line(text, record, id);
    }
    let field = record.field.as_deref().unwrap_or_default();
    let value = |v: &Option<String>, named: &Option<Named>| match (named, v) {
        (Some(named), _) => named.words(text),
        (None, Some(v)) => value(text, &record.entity, field, v),
        (None, None) => say!(text, "milestone-empty"),
    };
    ChangeLine {
        order: FIELDS
            .iter()
            .position(|f| *f == field)
            .unwrap_or(FIELDS.len()),
        field: field_label(text, &record.entity, field),
        // A creation or a deletion has no "before" worth a word ("(leeg) → …").
        old: if matches!(record.action, Action::Create | Action::Delete) {
            String::new()
        } else {
            value(&record.old_value, &record.old_object)
        },
        new: value(&record.new_value, &record.new_object),
        link: None,
    }
}

/// A link's line. A dependency is recorded under its successor: on the successor's page it
/// names the predecessor ("Voorganger"), on the predecessor's page the successor ("Opvolger").
fn link_line(text: Text, record: &Record, id: &str) -> ChangeLine {
    let linking = record.action == Action::Link;
    let other = if linking {
        &record.new_object
    } else {
        &record.old_object
    };
    let (field, named) = match record.entity.as_str() {
        "MilestoneDependency" if record.entity_id != id => {
            (say!(text, "milestone-successor"), &record.object)
        }
        "MilestoneDependency" => (say!(text, "milestone-predecessor"), other),
        "MilestoneKpi" => (say!(text, "milestone-kpi"), other),
        "MilestoneTask" => (say!(text, "milestone-task-link"), other),
        "CommitmentMilestone" => (say!(text, "milestone-commitment-link"), &record.object),
        _ => (say!(text, "milestone-link"), other),
    };
    let mut described = named
        .as_ref()
        .map(|named| named.words(text))
        .unwrap_or_else(|| say!(text, "milestone-gone"));
    if record.entity == "MilestoneDependency"
        && let Some(lag) = record
            .lag_days
            .and_then(|days| super::words::lag(text, days))
    {
        described.push_str(&format!(", {lag}"));
    }
    // The name links to the milestone it is; an unlink's name is the old value, not linked.
    let link = if linking {
        named.as_ref().and_then(Named::link)
    } else {
        None
    };
    let (old, new) = if linking {
        (String::new(), described)
    } else {
        (described, say!(text, "milestone-unlinked"))
    };
    ChangeLine {
        order: FIELDS.len(),
        field,
        old,
        new,
        link,
    }
}

/// A milestone's stored fields in the order the page lists them (see [`field_name`]).
const FIELDS: &[&str] = &[
    "title",
    "description",
    "kind",
    "layer",
    "participating_layers",
    "programme_id",
    "phase_id",
    "workstream_id",
    "owner_organisation_id",
    "status",
    "baseline_date",
    "planned_date",
    "forecast_date",
    "actual_date",
    "deadline_date",
    "deadline_text",
    "health_override",
    "health_override_reason",
    "health_override_until",
    "deleted_at",
    "dependents",
];

/// A milestone's stored field's name in words, as the page names it; none for another field.
fn field_name(text: Text, field: &str) -> Option<String> {
    Some(match field {
        "title" => say!(text, "milestone-field-title"),
        "description" => say!(text, "milestone-field-description"),
        "kind" => say!(text, "milestone-kind"),
        "layer" => say!(text, "milestone-layer"),
        "participating_layers" => say!(text, "milestone-field-participating-layers"),
        "programme_id" => say!(text, "milestone-programme"),
        "phase_id" => say!(text, "milestone-phase"),
        "workstream_id" => say!(text, "milestone-workstream"),
        "owner_organisation_id" => say!(text, "milestone-owner"),
        "status" => say!(text, "milestone-progress"),
        "baseline_date" => say!(text, "milestone-field-baseline-date"),
        "planned_date" => say!(text, "milestone-planned"),
        "forecast_date" => say!(text, "milestone-field-forecast-date"),
        "actual_date" => say!(text, "milestone-field-actual-date"),
        "deadline_date" => say!(text, "milestone-deadline"),
        "deadline_text" => say!(text, "milestone-field-deadline-text"),
        "health_override" => say!(text, "milestone-field-health-override"),
        "health_override_reason" => say!(text, "milestone-field-health-override-reason"),
        "health_override_until" => say!(text, "milestone-field-health-override-until"),
        "deleted_at" => say!(text, "milestone-field-deleted-at"),
        "dependents" => say!(text, "milestone-field-dependents"),
        _ => return None,
    })
}

/// A stored field's name in words (the milestone's own; others as stored).
fn field_label(text: Text, entity: &str, field: &str) -> String {
    (entity == "Milestone")
        .then(|| field_name(text, field))
        .flatten()
        .unwrap_or_else(|| field.to_owned())
}

/// A stored value in words: dates as dates, the plan's names in the reader's language;
/// anything else as stored.
fn value(text: Text, entity: &str, field: &str, value: &str) -> String {
    let plan = text.words();
    let words = match (entity, field) {
        (_, f) if f.ends_with("_date") || f == "health_override_until" => {
            value.parse::<NaiveDate>().ok().map(|d| plan.date(d))
        }
        (_, "deleted_at") => value
            .parse::<DateTime<Utc>>()
            .ok()
            .map(|at| moment(text, at)),
        // What depended on a deleted milestone: the titles the note lists.
        (_, "dependents") => serde_json::from_str::<Vec<serde_json::Value>>(value)
            .ok()
            .map(|list| {
                list.iter()
                    .filter_map(|d| d.get("title").and_then(serde_json::Value::as_str))
                    .map(|t| plan.quote(t))
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
        ("Milestone", "status") => {
            entity::parse_name(value).map(|s: WorkStatus| plan.work_status(s).into())
        }
        ("Milestone", "kind") => {
            entity::parse_name(value).map(|k: MilestoneKind| capital(plan.milestone_kind(k)))
        }
        ("Milestone", "layer") => {
            entity::parse_name(value).map(|l: GovernmentLayer| plan.layer(Some(l)).into())
        }
        ("Milestone", "health_override") => {
            entity::parse_name(value).map(|h: Health| plan.health(h).to_owned())
        }
        ("Milestone", "participating_layers") => Some(
            value
                .split(',')
                .filter_map(|l| entity::parse_name(l).map(|l: GovernmentLayer| plan.layer(Some(l))))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        _ => None,
    };
    words.unwrap_or_else(|| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::language::Language;

    const NL: Text = Text::DUTCH;
    const EN: Text = Text::new(Language::En);

    #[test]
    fn stored_values_read_as_the_plan_writes_them() {
        assert_eq!(
            value(NL, "Milestone", "planned_date", "2026-06-30"),
            "30 juni 2026"
        );
        assert_eq!(value(NL, "Milestone", "status", "IN_PROGRESS"), "bezig");
        assert_eq!(
            value(
                NL,
                "Milestone",
                "participating_layers",
                "PROVINCIE,GEMEENTE"
            ),
            "Provincies, Gemeenten"
        );
        assert_eq!(
            value(NL, "Milestone", "health_override", "OFF_TRACK"),
            "achter op schema"
        );
        assert_eq!(
            value(
                NL,
                "Milestone",
                "dependents",
                r#"[{"kind":"milestone","id":22,"title":"Start 2027","layer":null}]"#
            ),
            "„Start 2027”"
        );
        // What is not a known value stays as it was written.
        assert_eq!(value(NL, "Milestone", "title", "2026-06-30"), "2026-06-30");
        assert_eq!(value(NL, "Milestone", "status", "SOMETHING"), "SOMETHING");
    }

    #[test]
    fn stored_values_read_in_english_for_an_english_reader() {
        assert_eq!(
            value(EN, "Milestone", "planned_date", "2026-06-30"),
            "30 June 2026"
        );
        assert_eq!(
            value(EN, "Milestone", "status", "IN_PROGRESS"),
            "in progress"
        );
        assert_eq!(
            value(
                EN,
                "Milestone",
                "participating_layers",
                "PROVINCIE,GEMEENTE"
            ),
            "Provinces, Municipalities"
        );
        assert_eq!(
            value(EN, "Milestone", "health_override", "OFF_TRACK"),
            "off track"
        );
        assert_eq!(
            value(
                EN,
                "Milestone",
                "dependents",
                r#"[{"kind":"milestone","id":22,"title":"Start 2027","layer":null}]"#
            ),
            "\u{201C}Start 2027\u{201D}"
        );
        assert_eq!(field_label(EN, "Milestone", "planned_date"), "Planned");
        assert_eq!(field_label(NL, "Milestone", "planned_date"), "Gepland");
        assert_eq!(field_label(EN, "Kpi", "planned_date"), "planned_date");
        assert_eq!(what(EN, Action::Create), "Created");
        assert_eq!(what(NL, Action::Create), "Aangemaakt");
    }
}
