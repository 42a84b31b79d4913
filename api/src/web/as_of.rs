//! As-of views: any page as the plan stood at the end of an earlier day, chosen with a date
//! (`?peildatum=2026-06-15`, the form at the top of every page sends it).
//!
//! The chosen day is the view's peildatum: the page shows the plan rebuilt from the change
//! history at the last moment of that day in the Netherlands (`status_date::end_of_day`), and
//! computes overdue, projections and commitment states with that day as the status date, as
//! the API's `asOf` does. Today shows the plan as it is at this moment, with today as the
//! status date; a day that has not begun is refused, as the API refuses a report of one (the
//! plan of a day to come can still change). Every link between pages keeps the date, so a
//! reader stays in the same view until they leave it.

use crate::service::schedule::status_date::{dutch_day, end_of_day};
use chrono::{DateTime, NaiveDate, Utc};

/// The address parameter that carries the day.
pub(crate) const PARAM: &str = "peildatum";

/// The day a page is viewed as of, and the moment that stands for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct AsOf {
    /// The day chosen: the view's peildatum.
    pub day: NaiveDate,
    /// The moment the plan is read at: the end of that day, or now when it is today.
    pub moment: DateTime<Utc>,
}

/// Why a chosen day cannot be shown.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refused {
    /// Not a date koers can read (the text as given).
    Unreadable(String),
    /// A day that has not begun yet.
    Future(NaiveDate),
}

impl AsOf {
    /// The day in an address's query parameters: the first `peildatum`, as `2026-06-15` (what a
    /// date field sends) or as `15-6-2026`; none when there is no `peildatum` or an empty one
    /// (the plan as it is now). `now` is the clock's moment.
    pub(crate) fn from_params(
        params: &[(String, String)],
        now: DateTime<Utc>,
    ) -> Result<Option<AsOf>, Refused> {
        let value = params
            .iter()
            .find(|(key, _)| key == PARAM)
            .map(|(_, value)| value.trim().to_owned());
        let Some(text) = value.filter(|v| !v.is_empty()) else {
            return Ok(None);
        };
        let day = NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(&text, "%d-%m-%Y"))
            .map_err(|_| Refused::Unreadable(text.clone()))?;
        let today = dutch_day(now);
        if day > today {
            return Err(Refused::Future(day));
        }
        let moment = if day == today { now } else { end_of_day(day) };
        Ok(Some(AsOf { day, moment }))
    }

    /// The parameter for a link: `peildatum=2026-06-15`.
    pub(crate) fn param(&self) -> String {
        format!("{PARAM}={}", self.day.format("%Y-%m-%d"))
    }
}

/// What a page is asked to show: the plan now or as of a day, and where it was asked.
#[derive(Clone, Debug, Default)]
pub(crate) struct View {
    /// The day, in an as-of view.
    pub as_of: Option<AsOf>,
    /// The page's path, where the date form sends its answer.
    pub path: String,
    /// The address's other parameters (filters; not the day, not a history cursor, which
    /// belongs to one view), which the date form sends again.
    pub others: Vec<(String, String)>,
    /// Today in the Netherlands: the latest day the date form offers.
    pub today: Option<NaiveDate>,
}

impl View {
    /// The view of the page at `path` with query `params` (`now`: the clock's moment).
    pub(crate) fn of(
        path: &str,
        params: Vec<(String, String)>,
        now: DateTime<Utc>,
    ) -> Result<View, Refused> {
        let as_of = AsOf::from_params(&params, now)?;
        let others = params
            .into_iter()
            .filter(|(key, _)| key != PARAM && key != "voor")
            .collect();
        Ok(View {
            as_of,
            path: path.to_owned(),
            others,
            today: Some(dutch_day(now)),
        })
    }

    /// This page in the plan as it is now: its path with its other parameters.
    pub(crate) fn live_address(&self) -> String {
        if self.others.is_empty() {
            return self.path.clone();
        }
        let pairs: Vec<String> = self
            .others
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        format!("{}?{}", self.path, pairs.join("&"))
    }

    /// The parameter links keep (`peildatum=…`), in an as-of view.
    pub(crate) fn param(&self) -> Option<String> {
        self.as_of.as_ref().map(AsOf::param)
    }
}

/// `text` for an address's query: every byte but letters, digits and `-._~` as `%XX`.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// `link` (an address on koers) with `param` added to its query, before its fragment; a link
/// within the page (`#…`) or without a parameter to add is kept as it is.
pub(crate) fn keep(link: &str, param: Option<&str>) -> String {
    let Some(param) = param.filter(|p| !p.is_empty()) else {
        return link.to_owned();
    };
    if !link.starts_with('/') || link.starts_with("//") {
        return link.to_owned();
    }
    let (address, fragment) = match link.split_once('#') {
        Some((address, fragment)) => (address, format!("#{fragment}")),
        None => (link, String::new()),
    };
    let joiner = if address.contains('?') { '&' } else { '?' };
    format!("{address}{joiner}{param}{fragment}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, 0, 0))
            .map(|t| t.and_utc())
            .unwrap_or_default()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn from_query(query: Option<&str>, now: DateTime<Utc>) -> Result<Option<AsOf>, Refused> {
        let uri: axum::http::Uri = format!("/?{}", query.unwrap_or_default())
            .parse()
            .unwrap_or_default();
        let params: Vec<(String, String)> = axum::extract::Query::try_from_uri(&uri)
            .map(|q| q.0)
            .unwrap_or_default();
        AsOf::from_params(&params, now)
    }

    #[test]
    fn a_day_is_read_as_its_dutch_end_or_refused() {
        let now = at(2026, 12, 1, 15);
        assert_eq!(from_query(None, now), Ok(None));
        assert_eq!(from_query(Some("laag=rijk&peildatum="), now), Ok(None));
        let june = from_query(Some("peildatum=2026-06-15"), now);
        // The end of 15 June in the Netherlands: 21:59:59.999999 UTC in summer time.
        assert_eq!(
            june,
            Ok(Some(AsOf {
                day: day(2026, 6, 15),
                moment: end_of_day(day(2026, 6, 15)),
            }))
        );
        assert_eq!(
            june.ok().flatten().map(|a| a.moment.to_rfc3339()),
            Some("2026-06-15T21:59:59.999999+00:00".to_owned())
        );
        // Dutch order, and spaces around it.
        assert_eq!(
            from_query(Some("peildatum=+15-6-2026+"), now).map(|a| a.map(|a| a.day)),
            Ok(Some(day(2026, 6, 15)))
        );
        // Today: now, not the end of a day that has not ended.
        assert_eq!(
            from_query(Some("peildatum=2026-12-01"), now).map(|a| a.map(|a| a.moment)),
            Ok(Some(now))
        );
        assert_eq!(
            from_query(Some("peildatum=2026-12-02"), now),
            Err(Refused::Future(day(2026, 12, 2)))
        );
        // 23:30 UTC on 1 December is 2 December in the Netherlands: that day has begun.
        assert!(from_query(Some("peildatum=2026-12-02"), at(2026, 12, 1, 23)).is_ok());
        assert_eq!(
            from_query(Some("peildatum=gisteren"), now),
            Err(Refused::Unreadable("gisteren".into()))
        );
        assert_eq!(
            from_query(Some("peildatum=2026-02-30"), now),
            Err(Refused::Unreadable("2026-02-30".into()))
        );
    }

    #[test]
    fn links_keep_the_day_before_their_fragment() {
        let p = Some("peildatum=2026-06-15");
        assert_eq!(keep("/tijdlijn", p), "/tijdlijn?peildatum=2026-06-15");
        assert_eq!(
            keep("/mijlpalen/X?voor=abc", p),
            "/mijlpalen/X?voor=abc&peildatum=2026-06-15"
        );
        assert_eq!(keep("/kpis#bron-a", p), "/kpis?peildatum=2026-06-15#bron-a");
        assert_eq!(keep("#bron-a", p), "#bron-a");
        assert_eq!(keep("//elders.nl/x", p), "//elders.nl/x");
        assert_eq!(keep("/tijdlijn", None), "/tijdlijn");
    }

    #[test]
    fn the_live_address_keeps_the_filters_but_not_the_day_or_cursor() {
        let params = vec![
            ("laag".to_owned(), "rijk".to_owned()),
            ("peildatum".to_owned(), "2026-06-15".to_owned()),
            ("voor".to_owned(), "abc".to_owned()),
            ("stand".to_owned(), "op schema&x".to_owned()),
        ];
        let view = View::of("/tijdlijn", params, at(2026, 12, 1, 12));
        let view = view.unwrap_or_default();
        assert_eq!(view.param().as_deref(), Some("peildatum=2026-06-15"));
        assert_eq!(
            view.live_address(),
            "/tijdlijn?laag=rijk&stand=op%20schema%26x"
        );
        assert_eq!(view.today, Some(day(2026, 12, 1)));
    }
}
