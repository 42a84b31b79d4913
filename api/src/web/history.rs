//! A milestone's story in words: its change records, grouped by the change they were made in
//! (one request by one person at one moment), newest first, each field from its old value to
//! its new one, and the reason given. Values read as the plan writes them ("30 juni 2026",
//! "gereed", "Gemeenten"); a link names the object on its other side.

use super::words::{DUTCH, capital, moment};
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
    fn words(&self) -> String {
        match self {
            Named::Milestone { title, .. } | Named::DataInfraTask { title } => title.clone(),
            Named::Kpi { code, name } => format!("{code} {name}"),
            Named::Commitment { number } => number.clone(),
            Named::Phase { name }
            | Named::Workstream { name }
            | Named::Organisation { name }
            | Named::Programme { name } => name.clone(),
            Named::Other => "(niet te lezen)".to_owned(),
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
    what: &'static str,
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
pub(super) fn items(records: &[Record], id: &str) -> Vec<HistoryItem> {
    items_of(records.iter(), id)
}

/// The changes of each object the records are about, the object changed last first: its global
/// id, its name in words, and its changes as [`items`] gives them.
pub(super) fn by_object(records: &[Record]) -> Vec<(String, String, Vec<HistoryItem>)> {
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
            let name = of
                .iter()
                .find_map(|r| r.object.as_ref())
                .map_or_else(|| "(niet te lezen)".to_owned(), Named::words);
            (id.to_owned(), name, items_of(of.into_iter(), id))
        })
        .collect()
}

fn items_of<'a>(records: impl Iterator<Item = &'a Record>, id: &str) -> Vec<HistoryItem> {
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
        let line = line(record, id);
        let same = items
            .last_mut()
            .filter(|(request, item)| *request == record.request_id && item.who == record.actor);
        match same {
            Some((_, item)) => {
                // One change that did several things (linked and updated) is a change; one
                // that made the object (and its links) is its creation.
                if record.action == Action::Create {
                    item.what = what(Action::Create);
                } else if item.what != what(record.action) && item.what != what(Action::Create) {
                    item.what = what(Action::Update);
                }
                item.lines.push(line);
                if item.reason.is_none() {
                    item.reason = reason(record);
                }
            }
            None => items.push((
                record.request_id.clone(),
                HistoryItem {
                    when: moment(record.changed_at),
                    who: record.actor.clone(),
                    what: what(record.action),
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
            if item.what == what(Action::Create) {
                item.lines.sort_by_key(|l| l.order);
            }
            item
        })
        .collect()
}

/// How many changes the page shows and how many there are: "De laatste 100 van 312
/// wijzigingsregels, de nieuwste eerst."
pub(super) fn summary(records: &Records) -> String {
    match (records.total_count, records.nodes.len()) {
        (0, _) => "Er is nog niets vastgelegd over deze mijlpaal.".to_owned(),
        (total, shown) if shown < total => {
            format!("{shown} van de {total} vastgelegde wijzigingen per veld, de nieuwste eerst.")
        }
        (total, _) => format!(
            "{} vastgelegd, de nieuwste eerst.",
            super::words::count(total, "wijziging per veld", "wijzigingen per veld")
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

fn what(action: Action) -> &'static str {
    match action {
        Action::Create => "Aangemaakt",
        Action::Update => "Gewijzigd",
        Action::Delete => "Verwijderd",
        Action::Restore => "Teruggezet",
        Action::Link => "Gekoppeld",
        Action::Unlink => "Ontkoppeld",
    }
}

fn line(record: &Record, id: &str) -> ChangeLine {
    if matches!(record.action, Action::Link | Action::Unlink) {
        return link_line(record, id);
    }
    let field = record.field.as_deref().unwrap_or_default();
    let value = |v: &Option<String>, named: &Option<Named>| match (named, v) {
        (Some(named), _) => named.words(),
        (None, Some(v)) => value(&record.entity, field, v),
        (None, None) => "(leeg)".to_owned(),
    };
    ChangeLine {
        order: FIELDS
            .iter()
            .position(|(f, _)| *f == field)
            .unwrap_or(FIELDS.len()),
        field: field_label(&record.entity, field),
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
fn link_line(record: &Record, id: &str) -> ChangeLine {
    let linking = record.action == Action::Link;
    let other = if linking {
        &record.new_object
    } else {
        &record.old_object
    };
    let (field, named) = match record.entity.as_str() {
        "MilestoneDependency" if record.entity_id != id => ("Opvolger", &record.object),
        "MilestoneDependency" => ("Voorganger", other),
        "MilestoneKpi" => ("KPI", other),
        "MilestoneTask" => ("Data-infrastructuurtaak", other),
        "CommitmentMilestone" => ("Toezegging", &record.object),
        _ => ("Koppeling", other),
    };
    let mut described = named
        .as_ref()
        .map(Named::words)
        .unwrap_or_else(|| "(niet meer te vinden)".to_owned());
    if record.entity == "MilestoneDependency"
        && let Some(lag) = record.lag_days.and_then(super::words::lag)
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
        (described, "(ontkoppeld)".to_owned())
    };
    ChangeLine {
        order: FIELDS.len(),
        field: field.to_owned(),
        old,
        new,
        link,
    }
}

/// A milestone's stored fields in the order the page lists them, with their names in words.
const FIELDS: &[(&str, &str)] = &[
    ("title", "Titel"),
    ("description", "Omschrijving"),
    ("kind", "Soort"),
    ("layer", "Laag"),
    ("participating_layers", "Deelnemende lagen"),
    ("programme_id", "Programma"),
    ("phase_id", "Fase"),
    ("workstream_id", "Werkstroom"),
    ("owner_organisation_id", "Eigenaar"),
    ("status", "Voortgang"),
    ("baseline_date", "Basisdatum"),
    ("planned_date", "Gepland"),
    ("forecast_date", "Verwachting"),
    ("actual_date", "Bereikt op"),
    ("deadline_date", "Termijn"),
    ("deadline_text", "Termijn zoals beloofd"),
    ("health_override", "Oordeel van de manager"),
    ("health_override_reason", "Reden van het oordeel"),
    ("health_override_until", "Oordeel geldt tot en met"),
    ("deleted_at", "Verwijderd"),
    ("dependents", "Wat ervan afhing"),
];

/// A stored field's name in words (the milestone's own; others as stored).
fn field_label(entity: &str, field: &str) -> String {
    FIELDS
        .iter()
        .find(|(f, _)| entity == "Milestone" && *f == field)
        .map_or(field, |(_, label)| label)
        .to_owned()
}

/// A stored value in words: dates as dates, the plan's names in Dutch; anything else as stored.
fn value(entity: &str, field: &str, value: &str) -> String {
    let words = match (entity, field) {
        (_, f) if f.ends_with("_date") || f == "health_override_until" => {
            value.parse::<NaiveDate>().ok().map(|d| DUTCH.date(d))
        }
        (_, "deleted_at") => value.parse::<DateTime<Utc>>().ok().map(moment),
        // What depended on a deleted milestone: the titles the note lists.
        (_, "dependents") => serde_json::from_str::<Vec<serde_json::Value>>(value)
            .ok()
            .map(|list| {
                list.iter()
                    .filter_map(|d| d.get("title").and_then(serde_json::Value::as_str))
                    .map(|t| DUTCH.quote(t))
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
        ("Milestone", "status") => {
            entity::parse_name(value).map(|s: WorkStatus| DUTCH.work_status(s).into())
        }
        ("Milestone", "kind") => {
            entity::parse_name(value).map(|k: MilestoneKind| capital(DUTCH.milestone_kind(k)))
        }
        ("Milestone", "layer") => {
            entity::parse_name(value).map(|l: GovernmentLayer| DUTCH.layer(Some(l)).into())
        }
        ("Milestone", "health_override") => {
            entity::parse_name(value).map(|h: Health| DUTCH.health(h).to_owned())
        }
        ("Milestone", "participating_layers") => Some(
            value
                .split(',')
                .filter_map(|l| {
                    entity::parse_name(l).map(|l: GovernmentLayer| DUTCH.layer(Some(l)))
                })
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

    #[test]
    fn stored_values_read_as_the_plan_writes_them() {
        assert_eq!(
            value("Milestone", "planned_date", "2026-06-30"),
            "30 juni 2026"
        );
        assert_eq!(value("Milestone", "status", "IN_PROGRESS"), "bezig");
        assert_eq!(
            value("Milestone", "participating_layers", "PROVINCIE,GEMEENTE"),
            "Provincies, Gemeenten"
        );
        assert_eq!(
            value("Milestone", "health_override", "OFF_TRACK"),
            "achter op schema"
        );
        assert_eq!(
            value(
                "Milestone",
                "dependents",
                r#"[{"kind":"milestone","id":22,"title":"Start 2027","layer":null}]"#
            ),
            "„Start 2027”"
        );
        // What is not a known value stays as it was written.
        assert_eq!(value("Milestone", "title", "2026-06-30"), "2026-06-30");
        assert_eq!(value("Milestone", "status", "SOMETHING"), "SOMETHING");
    }
}
