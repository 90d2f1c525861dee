//! `/api/admin/brands`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use sea_orm::ActiveValue::Set;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::{deletion, limits, patch};
use crate::app::AppState;
use crate::auth::Staff;
use crate::db::entities::{StringList, brand};
use crate::db::queries::{self, brands::BrandFilter};
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath, AppQuery, nullable, present};
use crate::pagination::{Page, PageParams};
use crate::validation::{Checks, Validate};
use crate::views::admin::BrandView;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_brands, create_brand))
        .routes(routes!(get_brand, update_brand, delete_brand))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NewBrand {
    pub name: String,
    #[serde(default)]
    pub values: Vec<String>,
    pub target_audience: Option<String>,
    pub website: Option<String>,
}

impl Validate for NewBrand {
    fn validate(&self, check: &mut Checks) {
        check.text("name", &self.name, limits::NAME);
        check.labels("values", &self.values, 20, 50);
        check.length_opt(
            "targetAudience",
            self.target_audience.as_deref(),
            0,
            limits::LINE,
        );
        if let Some(website) = &self.website {
            check.url("website", website, limits::LINE);
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct UpdateBrand {
    #[serde(default, deserialize_with = "present")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub values: Option<Vec<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub target_audience: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub website: Option<Option<String>>,
}

impl Validate for UpdateBrand {
    fn validate(&self, check: &mut Checks) {
        check.text_opt("name", self.name.as_deref(), limits::NAME);
        if let Some(values) = &self.values {
            check.labels("values", values, 20, 50);
        }
        if let Some(Some(audience)) = &self.target_audience {
            check.length("targetAudience", audience, 0, limits::LINE);
        }
        if let Some(Some(website)) = &self.website {
            check.url("website", website, limits::LINE);
        }
    }
}

/// Brands, newest first; `q` matches the name ignoring case.
#[utoipa::path(get, path = "/brands", tag = "admin",
    params(BrandFilter, PageParams),
    responses((status = 200, body = Page<BrandView>)))]
async fn list_brands(
    State(state): State<AppState>,
    _staff: Staff,
    AppQuery(filter): AppQuery<BrandFilter>,
    AppQuery(page): AppQuery<PageParams>,
) -> AppResult<Json<Page<BrandView>>> {
    let rows = queries::brands::list(&state.db, &filter, &page.request()?).await?;
    Ok(Json(Page::from_rows(rows, BrandView::from)))
}

#[utoipa::path(post, path = "/brands", tag = "admin", request_body = NewBrand,
    responses((status = 201, body = BrandView)))]
async fn create_brand(
    State(state): State<AppState>,
    _staff: Staff,
    AppJson(body): AppJson<NewBrand>,
) -> AppResult<(StatusCode, Json<BrandView>)> {
    let NewBrand {
        name,
        values,
        target_audience,
        website,
    } = body;
    let row = brand::ActiveModel {
        name: Set(name),
        values: Set(StringList(values)),
        target_audience: Set(target_audience),
        website: Set(website),
        ..Default::default()
    };
    let brand = queries::brands::create(&state.db, row).await?;
    Ok((StatusCode::CREATED, Json(brand.into())))
}

#[utoipa::path(get, path = "/brands/{id}", tag = "admin",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = BrandView)))]
async fn get_brand(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath(id): AppPath<Uuid>,
) -> AppResult<Json<BrandView>> {
    let brand = queries::brands::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(brand.into()))
}

/// Changes the fields sent. A rename shows at once in the portals of the brand's talents.
#[utoipa::path(patch, path = "/brands/{id}", tag = "admin", request_body = UpdateBrand,
    params(("id" = Uuid, Path)),
    responses((status = 200, body = BrandView)))]
async fn update_brand(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath(id): AppPath<Uuid>,
    AppJson(body): AppJson<UpdateBrand>,
) -> AppResult<Json<BrandView>> {
    let row = queries::brands::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let renamed = body.name.as_ref().is_some_and(|name| *name != row.name);
    let mut active: brand::ActiveModel = row.into();
    let UpdateBrand {
        name,
        values,
        target_audience,
        website,
    } = body;
    patch(&mut active.name, name);
    patch(&mut active.values, values.map(StringList));
    patch(&mut active.target_audience, target_audience);
    patch(&mut active.website, website);
    let brand = queries::brands::update(&state.db, active).await?;
    if renamed {
        for talent in queries::deals::talents_of_brand(&state.db, brand.id).await? {
            state.creator_changed(talent).await;
        }
    }
    Ok(Json(brand.into()))
}

/// Deletes a brand and its opportunities; 409 while deals refer to it.
#[utoipa::path(delete, path = "/brands/{id}", tag = "admin",
    params(("id" = Uuid, Path)),
    responses((status = 204)))]
async fn delete_brand(
    State(state): State<AppState>,
    _staff: Staff,
    AppPath(id): AppPath<Uuid>,
) -> AppResult<StatusCode> {
    deletion(queries::brands::delete(&state.db, id).await?)
}
