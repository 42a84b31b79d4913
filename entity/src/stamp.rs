//! The bookkeeping columns every plan table has: `id`, `version`, `created_at`, `updated_at`
//! and `deleted_at` (every migration that creates a plan table gives it these).

use sea_orm::EntityTrait;
use sea_orm::prelude::DateTimeUtc;

/// A plan row's bookkeeping: its id, its version (raised by one on every write, for optimistic
/// locking), when it was created and last changed (UTC) and when it was soft-deleted (UTC, or
/// `None` while live).
pub trait Stamped {
    /// Row id (the number inside the global id).
    fn id(&self) -> i32;
    /// Version, from 1.
    fn version(&self) -> i32;
    /// When it was created.
    fn created_at(&self) -> DateTimeUtc;
    /// When it last changed.
    fn updated_at(&self) -> DateTimeUtc;
    /// When it was deleted, or `None`.
    fn deleted_at(&self) -> Option<DateTimeUtc>;
    /// Set the version and when it last changed (and, for a new row, when it was created).
    fn stamp(&mut self, version: i32, updated_at: DateTimeUtc, created_at: Option<DateTimeUtc>);
    /// Mark it deleted at a moment, or live (`None`).
    fn set_deleted_at(&mut self, at: Option<DateTimeUtc>);
}

/// The bookkeeping columns of a plan table ([`Stamped`]), for queries.
pub trait StampColumns: EntityTrait {
    /// `id`, the primary key.
    const ID: Self::Column;
    /// `version`.
    const VERSION: Self::Column;
    /// `created_at`.
    const CREATED_AT: Self::Column;
    /// `deleted_at`, NULL while live.
    const DELETED_AT: Self::Column;
}

macro_rules! stamped {
    ($($module:ident),+ $(,)?) => {
        $(impl Stamped for crate::$module::Model {
            fn id(&self) -> i32 {
                self.id
            }
            fn version(&self) -> i32 {
                self.version
            }
            fn created_at(&self) -> DateTimeUtc {
                self.created_at
            }
            fn updated_at(&self) -> DateTimeUtc {
                self.updated_at
            }
            fn deleted_at(&self) -> Option<DateTimeUtc> {
                self.deleted_at
            }
            fn stamp(
                &mut self,
                version: i32,
                updated_at: DateTimeUtc,
                created_at: Option<DateTimeUtc>,
            ) {
                self.version = version;
                self.updated_at = updated_at;
                if let Some(created_at) = created_at {
                    self.created_at = created_at;
                }
            }
            fn set_deleted_at(&mut self, at: Option<DateTimeUtc>) {
                self.deleted_at = at;
            }
        }
        impl StampColumns for crate::$module::Entity {
            const ID: Self::Column = crate::$module::Column::Id;
            const VERSION: Self::Column = crate::$module::Column::Version;
            const CREATED_AT: Self::Column = crate::$module::Column::CreatedAt;
            const DELETED_AT: Self::Column = crate::$module::Column::DeletedAt;
        })+
    };
}

stamped!(
    organisation,
    programme,
    phase,
    workstream,
    milestone,
    kpi,
    kpi_target,
    kpi_measurement,
    data_source,
    data_quality_assessment,
    data_infra_task,
    recess_period,
    commitment,
    commitment_letter,
    progress_report,
    risk,
);
