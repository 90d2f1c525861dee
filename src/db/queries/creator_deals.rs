//! The creator's own deals as the portal lists them: never `lost`, with the brand's name.
//! (The agency's deal queries are in `deals.rs`.)

use std::collections::HashMap;

use sea_orm::sea_query::{Expr, Value};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, Select,
};
use uuid::Uuid;

use super::{
    NAME_ALIAS, Named, first_rows_and_counts, first_rows_and_counts_statements, name_by_id,
};
use crate::db::entities::{DealStage, TalentId, brand, deal};
use crate::db::pagination::{
    KeyKind, KeyValue, PageError, PageRequest, RowPage, SortKey, fetch_page,
};
use crate::db::prepared::Prepared;
use crate::db::read::Read;

/// A deal and the name of its brand.
#[derive(Debug, Clone)]
pub struct DealWithBrand {
    pub deal: deal::Model,
    pub brand_name: String,
}

/// The stages of a deal that is under way (the overview's "active" deals).
pub const ACTIVE: [DealStage; 3] = [
    DealStage::Negotiation,
    DealStage::Contracted,
    DealStage::InProgress,
];

fn shown(talent: impl Into<Value>, stages: Option<&[DealStage]>) -> Condition {
    let condition = Condition::all()
        .add(deal::Column::TalentId.eq(talent))
        .add(deal::Column::Stage.ne(DealStage::Lost));
    match stages {
        Some(stages) => condition.add(deal::Column::Stage.is_in(stages.iter().copied())),
        None => condition,
    }
}

/// The creator's deals that are not lost, newest first; `stage` narrows to one stage.
pub async fn list_for_creator(
    db: &impl ConnectionTrait,
    talent: TalentId,
    stage: Option<DealStage>,
    page: &PageRequest,
) -> Result<RowPage<DealWithBrand>, PageError> {
    let stages = stage.map(|s| [s]);
    let select = deal::Entity::find().filter(shown(talent, stages.as_ref().map(|s| &s[..])));
    let keys = [SortKey::desc(Expr::col(deal::Column::Id), KeyKind::Uuid)];
    let page = fetch_page(db, select, &keys, |r| vec![KeyValue::Uuid(r.id)], page).await?;
    let names = brand_names(db, &page.rows).await?;
    Ok(page.map(|deal| with_brand(deal, &names)))
}

/// How many active deals the overview shows.
pub const ACTIVE_SHOWN: u64 = 5;

/// The overview's deals: up to [`ACTIVE_SHOWN`] active deals, newest first, with how many there
/// are (and their brands' names).
pub async fn active_summary_for_creator(
    db: &impl Read,
    talent: TalentId,
) -> Result<(Vec<DealWithBrand>, u64), DbErr> {
    static ACTIVE_DEALS: Prepared<1> = Prepared::new(|backend, [talent]| {
        let active = deal::Entity::find().filter(shown(talent, Some(&ACTIVE)));
        // Newest first walks the index on (talent_id, id) on both databases, so the brand's
        // name is looked up for the rows returned only.
        let named = |select: Select<deal::Entity>| {
            select
                .order_by_desc(deal::Column::Id)
                .expr_as(brand_name(), NAME_ALIAS)
        };
        first_rows_and_counts_statements(backend, active, named, ACTIVE_SHOWN, [None])
    });
    let (rows, [count]) =
        first_rows_and_counts::<Named<deal::Model>, 1, 1>(db, &ACTIVE_DEALS, [talent.into()])
            .await?;
    let deals = rows
        .into_iter()
        .map(|Named { row, name }| DealWithBrand {
            deal: row,
            brand_name: name.unwrap_or_default(),
        })
        .collect();
    Ok((deals, count))
}

/// The name of the deal's brand, as a correlated subquery.
fn brand_name() -> Expr {
    name_by_id(
        brand::Entity,
        brand::Column::Name,
        brand::Column::Id,
        (deal::Entity, deal::Column::BrandId),
    )
    .into()
}

/// The names of the deals' brands, in one query.
async fn brand_names(
    db: &impl Read,
    deals: &[deal::Model],
) -> Result<HashMap<Uuid, String>, DbErr> {
    if deals.is_empty() {
        return Ok(HashMap::new());
    }
    let select = brand::Entity::find()
        .select_only()
        .column(brand::Column::Id)
        .column(brand::Column::Name)
        .filter(brand::Column::Id.is_in(deals.iter().map(|d| d.brand_id)));
    let rows: Vec<(Uuid, String)> = db.rows(select.build(db.backend())).await?;
    Ok(rows.into_iter().collect())
}

fn with_brand(deal: deal::Model, names: &HashMap<Uuid, String>) -> DealWithBrand {
    // The foreign key guarantees the brand; an empty name only if it vanished mid-request.
    let brand_name = names.get(&deal.brand_id).cloned().unwrap_or_default();
    DealWithBrand { deal, brand_name }
}
