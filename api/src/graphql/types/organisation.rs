//! `Organisation`: a government organisation or umbrella body.

use super::{PlanFields, PlanObject};
use crate::graphql::enums::GovernmentLayer;
use async_graphql::Object;
use entity::organisation::Model;

/// A government organisation (ministry, agency, province, municipality, water board) or an umbrella body.
#[derive(Clone)]
pub struct Organisation(
    pub std::sync::Arc<Model>,
    pub std::sync::Arc<crate::graphql::batch::Siblings<Model>>,
);

super::batched!(Organisation);

/// A government organisation (ministry, agency, province, municipality, water board) or an umbrella body.
#[Object]
impl Organisation {
    #[graphql(flatten)]
    async fn plan_fields(&self) -> PlanFields<'_, Self> {
        PlanFields(self)
    }

    /// Full name, e.g. "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties".
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Short name, e.g. "BZK".
    async fn abbreviation(&self) -> Option<&str> {
        self.0.abbreviation.as_deref()
    }
    /// The government layer it belongs to.
    async fn layer(&self) -> Option<GovernmentLayer> {
        self.0.layer.map(Into::into)
    }
    /// Whether it is the umbrella body of its layer (IPO, VNG, UvW).
    async fn is_umbrella_body(&self) -> bool {
        self.0.is_umbrella_body
    }
    /// Identifier in the TOOI registers (KOOP), where known.
    async fn tooi_id(&self) -> Option<&str> {
        self.0.tooi_id.as_deref()
    }
}

impl PlanObject for Organisation {}
