//! What one HTTP request may cost, shared by the operations of a batch: `--max-cost` bounds
//! both the cost its operations are estimated at before they run (`cost.rs`), added up, and
//! what the relations in its answer build.
//!
//! The estimate cannot know how long a list without a page size is (a KPI's milestones, a
//! milestone's KPIs): it counts one item ([`crate::graphql::cost::UNPAGED_LIST`]). What such a
//! relation holds is counted as it loads (`batch.rs`): each object it gives a parent weighs 1
//! and the fields asked of it, once for each parent it appears under (as in the response).
//! Once a request has built more than the limit, every further relation fails with
//! `RESULT_TOO_LARGE`, so no nesting of lists builds a response of millions of fields. Lists
//! that are not loaded from the plan's relations (`criticalPath`'s steps, a schedule's
//! reasons, the root lists without pages such as `commitmentsAtRisk`) are bounded by the plan
//! and not counted.

use crate::error::ApiError;
use std::sync::atomic::{AtomicU64, Ordering};

/// The budget of one HTTP request.
#[derive(Debug)]
pub struct Budget {
    limit: u64,
    estimated: AtomicU64,
    loaded: AtomicU64,
    /// Told when the loads pass the limit (`exceeded`).
    over: tokio::sync::Notify,
}

impl Budget {
    /// A budget of `limit` (fields as estimated, and objects as loaded).
    pub fn new(limit: u64) -> Self {
        Budget {
            limit,
            estimated: AtomicU64::new(0),
            loaded: AtomicU64::new(0),
            over: tokio::sync::Notify::new(),
        }
    }

    /// The limit.
    pub fn limit(&self) -> u64 {
        self.limit
    }

    /// What the earlier operations of the request took.
    pub fn spent(&self) -> u64 {
        self.estimated.load(Ordering::Relaxed)
    }

    /// What is left for the next operation.
    pub fn left(&self) -> u64 {
        self.limit.saturating_sub(self.spent())
    }

    /// Take `cost` for one operation. `Err` holds what the earlier operations of the request
    /// took when `cost` does not fit (nothing is taken then).
    pub fn reserve(&self, cost: u64) -> Result<(), u64> {
        self.estimated
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |before| {
                let after = before.saturating_add(cost);
                (after <= self.limit).then_some(after)
            })
            .map(|_| ())
    }

    /// Give back `cost` taken by an operation that did not run after all.
    pub fn refund(&self, cost: u64) {
        let _ = self
            .estimated
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| {
                Some(n.saturating_sub(cost))
            });
    }

    /// Count `objects` loaded. Fails once the request has loaded more than the limit.
    pub fn load(&self, objects: usize) -> Result<(), ApiError> {
        let objects = u64::try_from(objects).unwrap_or(u64::MAX);
        let before = self
            .loaded
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| {
                Some(n.saturating_add(objects))
            })
            .unwrap_or(u64::MAX);
        let loaded = before.saturating_add(objects);
        if loaded > self.limit {
            self.over.notify_waiters();
            return Err(self.too_large());
        }
        Ok(())
    }

    /// Whether the loads have passed the limit.
    pub fn is_exceeded(&self) -> bool {
        self.loaded.load(Ordering::Relaxed) > self.limit
    }

    /// Resolves once the loads pass the limit (at once if they have): a query is stopped then,
    /// rather than failing field by field.
    pub async fn exceeded(&self) {
        let notified = self.over.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        if self.is_exceeded() {
            return;
        }
        notified.await;
    }

    /// The error of a request whose answer passed the limit.
    pub fn too_large(&self) -> ApiError {
        ApiError::TooLarge(format!(
            "this request's answer would hold more than {} fields of related objects (a list without a page size, such as a KPI's milestones, can hold many): ask for fewer nested lists or fields",
            self.limit
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_share_the_limit_and_loads_are_counted() {
        let budget = Budget::new(100);
        assert_eq!(budget.reserve(60), Ok(()));
        assert_eq!(
            budget.reserve(50),
            Err(60),
            "a second operation does not fit"
        );
        assert_eq!(budget.reserve(40), Ok(()));
        assert!(budget.load(100).is_ok());
        let err = budget.load(1).err().map(|e| e.code());
        assert_eq!(err, Some("RESULT_TOO_LARGE"));
        assert!(budget.load(1).is_err(), "and stays over");
    }
}
