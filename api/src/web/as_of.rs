//! As-of views: any page as the plan stood at the end of an earlier day, chosen with a date
//! (`?peildatum=2026-06-15`, the form at the top of every page sends it).
//!
//! The chosen day is the view's peildatum: the page shows the plan rebuilt from the change
//! history at the last moment of that day in the Netherlands (`status_date::end_of_day`), and
//! computes overdue, projections and commitment states with that day as the status date, as
//! the API's `asOf` does. "Today" is the status date of live reads (the Dutch day of the clock,
//! or an instance's fixed `--status-date`): today itself is the plan as it is now (no view), and
//! a later day is refused, as a progress report of it is (the plan of a day to come can still
//! change). So on a training instance fixed at 15 June, "15 June" is the live plan, as its
//! report of 15 June is, and an earlier day reads the history up to the end of that day. A day
//! before the plan's first recorded change is refused too: koers did not know the plan then.
//! Every link between pages keeps the date, so a reader stays in the same view until they leave
//! it.

use crate::service::schedule::status_date::end_of_day;
use chrono::{DateTime, NaiveDate, Utc};

/// The address parameter that carries the day.
pub(crate) const PARAM: &str = "peildatum";

/// The day a page is viewed as of, and the moment that stands for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct AsOf {
    /// The day chosen: the view's peildatum.
    pub day: NaiveDate,
    /// The moment the plan is read at: the end of that day in the Netherlands.
    pub moment: DateTime<Utc>,
}

/// Why a chosen day cannot be shown.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refused {
    /// Not a date koers can read (the text as given): a day, a month and a year of four digits.
    Unreadable(String),
    /// A day after today (the status date of live reads).
    Future(NaiveDate, NaiveDate),
    /// A day before the plan's first recorded change (that day), or before any when nothing
    /// was ever recorded (None).
    BeforePlan(NaiveDate, Option<NaiveDate>),
}

impl AsOf {
    /// The day in an address's query parameters: the first `peildatum`, as `2026-06-15` (what a
    /// date field sends) or as `15-6-2026`; none when there is no `peildatum`, an empty one, or
    /// today (the plan as it is now). `today` is the status date of live reads; `first` the day
    /// of the plan's first recorded change (None: nothing was ever recorded).
    pub(crate) fn from_params(
        params: &[(String, String)],
        today: NaiveDate,
        first: Option<NaiveDate>,
    ) -> Result<Option<AsOf>, Refused> {
        let value = params
            .iter()
            .find(|(key, _)| key == PARAM)
            .map(|(_, value)| value.trim().to_owned());
        let Some(text) = value.filter(|v| !v.is_empty()) else {
            return Ok(None);
        };
        let day = read_day(&text).ok_or_else(|| Refused::Unreadable(text.clone()))?;
        if day > today {
            return Err(Refused::Future(day, today));
        }
        if day == today {
            return Ok(None);
        }
        if first.is_none_or(|first| day < first) {
            return Err(Refused::BeforePlan(day, first));
        }
        Ok(Some(AsOf {
            day,
            moment: end_of_day(day),
        }))
    }

    /// The parameter for a link: `peildatum=2026-06-15`.
    pub(crate) fn param(&self) -> String {
        format!("{PARAM}={}", self.day.format("%Y-%m-%d"))
    }
}

/// A day written as `2026-06-15` or `15-6-2026`: three numbers, the year of four digits (a
/// two-digit year is not guessed at).
fn read_day(text: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = text.split('-').collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let digits = |p: &str, most: usize| {
        (!p.is_empty() && p.len() <= most && p.chars().all(|c| c.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let (year, month, day) = if a.len() == 4 {
        (digits(a, 4)?, digits(b, 2)?, digits(c, 2)?)
    } else if c.len() == 4 {
        (digits(c, 4)?, digits(b, 2)?, digits(a, 2)?)
    } else {
        return None;
    };
    if year < 1000 {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
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
    /// Today (the status date of live reads): the latest day the date form offers.
    pub today: Option<NaiveDate>,
}

impl View {
    /// The view of the page at `path` with query `params` (`today` and `first` as
    /// [`AsOf::from_params`] takes them). Refused, the view of the plan as it is now, with the
    /// same filters, so the page that says why can offer the date form again.
    pub(crate) fn of(
        path: &str,
        params: Vec<(String, String)>,
        today: NaiveDate,
        first: Option<NaiveDate>,
    ) -> (View, Result<(), Refused>) {
        let as_of = AsOf::from_params(&params, today, first);
        let others = params
            .into_iter()
            .filter(|(key, _)| key != PARAM && key != "voor")
            .collect();
        let mut view = View {
            as_of: None,
            path: path.to_owned(),
            others,
            today: Some(today),
        };
        match as_of {
            Ok(as_of) => {
                view.as_of = as_of;
                (view, Ok(()))
            }
            Err(refused) => (view, Err(refused)),
        }
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

    /// This page's own address, the view's day included: where signing in returns to.
    pub(crate) fn address(&self) -> String {
        keep(&self.live_address(), self.param().as_deref())
    }

    /// The parameter links keep (`peildatum=…`), in an as-of view.
    pub(crate) fn param(&self) -> Option<String> {
        self.as_of.as_ref().map(AsOf::param)
    }
}

/// `text` for an address's query: every byte but letters, digits and `-._~` as `%XX`.
pub(crate) fn encode(text: &str) -> String {
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

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    /// `query` read as koers reads it, on an instance whose today is 1 December 2026 and whose
    /// plan was first recorded on 12 June 2026.
    fn from_query(query: &str) -> Result<Option<AsOf>, Refused> {
        let uri: axum::http::Uri = format!("/?{query}").parse().unwrap_or_default();
        let params: Vec<(String, String)> = axum::extract::Query::try_from_uri(&uri)
            .map(|q| q.0)
            .unwrap_or_default();
        AsOf::from_params(&params, day(2026, 12, 1), Some(day(2026, 6, 12)))
    }

    #[test]
    fn a_day_is_read_as_its_dutch_end_or_refused() {
        assert_eq!(from_query(""), Ok(None));
        assert_eq!(from_query("laag=rijk&peildatum="), Ok(None));
        // The end of 15 June in the Netherlands: 21:59:59.999999 UTC in summer time.
        let june = from_query("peildatum=2026-06-15");
        assert_eq!(
            june.ok().flatten().map(|a| (a.day, a.moment.to_rfc3339())),
            Some((
                day(2026, 6, 15),
                "2026-06-15T21:59:59.999999+00:00".to_owned()
            ))
        );
        // Dutch order, one-digit parts, and spaces around it.
        assert_eq!(
            from_query("peildatum=+15-6-2026+").map(|a| a.map(|a| a.day)),
            Ok(Some(day(2026, 6, 15)))
        );
        // Today is the plan as it is now.
        assert_eq!(from_query("peildatum=2026-12-01"), Ok(None));
        assert_eq!(
            from_query("peildatum=2026-12-02"),
            Err(Refused::Future(day(2026, 12, 2), day(2026, 12, 1)))
        );
        // Before the plan was recorded.
        assert_eq!(
            from_query("peildatum=2026-06-11"),
            Err(Refused::BeforePlan(
                day(2026, 6, 11),
                Some(day(2026, 6, 12))
            ))
        );
        assert!(from_query("peildatum=2026-06-12").is_ok_and(|a| a.is_some()));
        // What is no date, or no date koers reads without guessing.
        for text in [
            "gisteren",
            "2026-02-30",
            "14-6-26",
            "0999-12-31",
            "-262143-01-01",
            "2026-06-15-1",
            "１５-６-２０２６",
            "2026/06/15",
            "+2026-06-15",
        ] {
            let query = format!("peildatum={}", text.replace('+', "%2B"));
            assert!(
                matches!(from_query(&query), Err(Refused::Unreadable(_))),
                "{text}: {:?}",
                from_query(&query)
            );
        }
        // Nothing was ever recorded: no earlier day to show.
        let params = vec![("peildatum".to_owned(), "2026-06-15".to_owned())];
        assert_eq!(
            AsOf::from_params(&params, day(2026, 12, 1), None),
            Err(Refused::BeforePlan(day(2026, 6, 15), None))
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
        let (view, read) = View::of(
            "/tijdlijn",
            params,
            day(2026, 12, 1),
            Some(day(2026, 6, 12)),
        );
        assert!(read.is_ok());
        assert_eq!(view.param().as_deref(), Some("peildatum=2026-06-15"));
        assert_eq!(
            view.live_address(),
            "/tijdlijn?laag=rijk&stand=op%20schema%26x"
        );
        assert_eq!(
            view.address(),
            "/tijdlijn?laag=rijk&stand=op%20schema%26x&peildatum=2026-06-15"
        );
        assert_eq!(view.today, Some(day(2026, 12, 1)));
        // Refused: the plan of now, with its filters.
        let params = vec![
            ("laag".to_owned(), "rijk".to_owned()),
            ("peildatum".to_owned(), "morgen".to_owned()),
        ];
        let (view, read) = View::of("/", params, day(2026, 12, 1), Some(day(2026, 6, 12)));
        assert!(read.is_err());
        assert_eq!(
            (view.as_of.clone(), view.live_address()),
            (None, "/?laag=rijk".to_owned())
        );
    }
}
