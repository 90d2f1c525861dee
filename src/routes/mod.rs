//! HTTP handlers by audience: `auth`, `admin` (staff), `creator` (the portal), `health`,
//! `docs`. Each handler carries `#[utoipa::path]` and is registered with `routes!`, so the
//! OpenAPI document is generated from the same router that serves.

pub mod admin;
pub mod auth;
pub mod creator;
pub mod docs;
pub mod health;

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;

use crate::app::AppState;
use crate::error::Problem;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "exclusive-talent",
        description = "The backend of a talent agency's creator portal: the agency API \
                       (`/api/admin`) and the creator portal (`/api/creator`)."
    ),
    security(("bearer" = [])),
    components(schemas(Problem, crate::error::FieldError))
)]
struct ApiDoc;

/// Every route of the service, and the OpenAPI document generated from them.
pub fn router() -> (axum::Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, mut openapi) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(health::router())
        .merge(auth::router())
        .nest("/api/admin", admin::router())
        .nest("/api/creator", creator::router())
        .split_for_parts();
    // After the split, so that it sees every route's operations.
    SecurityAndProblems.modify(&mut openapi);
    (router, openapi)
}

/// Adds the bearer scheme, and the problem+json error responses every operation may give,
/// so that clients (and schema-driven fuzzers) know the shape of each failure.
struct SecurityAndProblems;

impl Modify for SecurityAndProblems {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
        let problem = |description: &str| {
            RefOr::T(
                ResponseBuilder::new()
                    .description(description)
                    .content(
                        "application/problem+json",
                        ContentBuilder::new()
                            .schema(Some(utoipa::openapi::Ref::from_schema_name("Problem")))
                            .build(),
                    )
                    .build(),
            )
        };
        let errors = [
            (
                "400",
                "Malformed JSON, bad query parameter or bad id in the path",
            ),
            ("401", "Missing, invalid or revoked token; failed login"),
            ("403", "The caller's role may not use this endpoint"),
            ("404", "No such record, or one that belongs to someone else"),
            ("409", "State conflict"),
            ("413", "Body over 64 KiB"),
            ("415", "Not a JSON body"),
            ("422", "Invalid fields, each named in `errors`"),
            ("429", "Rate limited; see Retry-After"),
            ("500", "Internal error"),
            ("503", "A dependency is unavailable"),
        ];
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.patch,
                &mut item.delete,
            ];
            for operation in operations.into_iter().flatten() {
                for (status, description) in errors {
                    operation
                        .responses
                        .responses
                        .entry(status.to_owned())
                        .or_insert_with(|| problem(description));
                }
            }
        }
    }
}
