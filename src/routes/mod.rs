//! HTTP handlers by audience: `auth`, `admin` (staff), `creator` (the portal), `calendar`
//! (the creators' feeds, opened by a secret URL), `oauth` (social platforms' callbacks), `health`,
//! `docs`. Each handler carries
//! `#[utoipa::path]` and is registered with `routes!`, so the OpenAPI document is generated
//! from the same router that serves.

pub mod admin;
pub mod auth;
pub mod calendar;
pub mod creator;
pub mod docs;
pub mod health;
pub mod oauth;

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
        .merge(calendar::router())
        .merge(oauth::router())
        .nest("/api/admin", admin::router())
        .nest("/api/creator", creator::router())
        .split_for_parts();
    // After the split, so that it sees every route's operations.
    ResponsesAreDescribed.modify(&mut openapi);
    SecurityAndProblems.modify(&mut openapi);
    UniqueOperationIds.modify(&mut openapi);
    OptionalBodiesAreObjects.modify(&mut openapi);
    IdempotencyKeys.modify(&mut openapi);
    PagesReferToTheirItems.modify(&mut openapi);
    (router, openapi)
}

/// The document alone, for `exclusive-talent openapi` and client generators.
pub fn openapi() -> utoipa::openapi::OpenApi {
    router().1
}

/// Every `(method, operation)` of a path item.
fn operations_mut(
    item: &mut utoipa::openapi::PathItem,
) -> impl Iterator<Item = &mut utoipa::openapi::path::Operation> {
    [
        &mut item.get,
        &mut item.post,
        &mut item.put,
        &mut item.patch,
        &mut item.delete,
    ]
    .into_iter()
    .flatten()
}

/// OpenAPI 3.1 requires a description on every response, and utoipa 6 leaves an empty one out
/// (3.2 made it optional): a response declared without one is described by its status's
/// reason phrase ("OK", "Created", "No Content").
struct ResponsesAreDescribed;

impl Modify for ResponsesAreDescribed {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            for operation in operations_mut(item) {
                for (status, response) in &mut operation.responses.responses {
                    if let RefOr::T(response) = response
                        && response.description.is_empty()
                    {
                        response.description =
                            axum::http::StatusCode::from_bytes(status.as_bytes())
                                .ok()
                                .and_then(|status| status.canonical_reason())
                                .unwrap_or("Response")
                                .to_owned();
                    }
                }
            }
        }
    }
}

/// Every `POST` under `/api` but login takes an `Idempotency-Key` (the `idempotency` middleware,
/// not the handlers, so it is documented here).
struct IdempotencyKeys;

impl Modify for IdempotencyKeys {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
        use utoipa::openapi::{ObjectBuilder, Required, Type};
        for (path, item) in openapi.paths.paths.iter_mut() {
            let Some(post) = item.post.as_mut() else {
                continue;
            };
            if !path.starts_with("/api/") || path == "/api/auth/login" {
                continue;
            }
            let parameter = ParameterBuilder::new()
                .name("Idempotency-Key")
                .parameter_in(ParameterIn::Header)
                .required(Required::False)
                .description(Some(
                    "Makes a retry safe: the same key with the same body within 24 h returns the \
                     first answer again (`Idempotent-Replayed: true`) and does nothing twice; \
                     1–255 printable ASCII characters.",
                ))
                .schema(Some(
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .min_length(Some(1))
                        .max_length(Some(255)),
                ))
                .build();
            post.parameters
                .get_or_insert_with(Vec::new)
                .push(RefOr::T(parameter));
        }
    }
}

/// A body that may be left out (`Option<AcceptBody>`) is documented by utoipa as
/// `oneOf [null, AcceptBody]`, which says a JSON `null` is accepted: it is not (422), and client
/// generators then send one. It is `AcceptBody`, and not required.
struct OptionalBodiesAreObjects;

impl Modify for OptionalBodiesAreObjects {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::Required;
        use utoipa::openapi::schema::Schema;
        for item in openapi.paths.paths.values_mut() {
            for operation in operations_mut(item) {
                let Some(RefOr::T(body)) = &mut operation.request_body else {
                    continue;
                };
                if body.required == Some(Required::True) {
                    continue;
                }
                for content in body.content.values_mut() {
                    let RefOr::T(content) = content else {
                        continue;
                    };
                    let Some(RefOr::T(Schema::OneOf(one_of))) = &content.schema else {
                        continue;
                    };
                    let references: Vec<&RefOr<Schema>> = one_of
                        .items
                        .iter()
                        .filter(|item| matches!(item, RefOr::Ref(_)))
                        .collect();
                    if let ([only], 2) = (references.as_slice(), one_of.items.len()) {
                        content.schema = Some((*only).clone());
                    }
                }
            }
        }
    }
}

/// utoipa copies a generic's item schema into each `Page_<Item>` (its items are inline): a
/// reference to the item's own schema instead keeps one type per view in generated clients.
struct PagesReferToTheirItems;

impl Modify for PagesReferToTheirItems {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::schema::{ArrayItems, Schema};
        let Some(components) = openapi.components.as_mut() else {
            return;
        };
        let names: Vec<String> = components.schemas.keys().cloned().collect();
        for name in names {
            let Some(item) = name.strip_prefix("Page_") else {
                continue;
            };
            if !components.schemas.contains_key(item) {
                continue;
            }
            let reference = utoipa::openapi::Ref::from_schema_name(item);
            if let Some(RefOr::T(Schema::Object(page))) = components.schemas.get_mut(&name)
                && let Some(RefOr::T(Schema::Array(items))) = page.properties.get_mut("items")
            {
                items.items = ArrayItems::RefOrSchema(Box::new(RefOr::Ref(reference)));
            }
        }
    }
}

/// Handlers are named for what they do (`list_goals`), and the agency and the portal both
/// list goals: an operation id is the handler's name prefixed with its audience
/// (`admin_list_goals`, `creator_list_goals`), so ids are unique and generated clients get one
/// function per operation.
struct UniqueOperationIds;

impl Modify for UniqueOperationIds {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for (path, item) in openapi.paths.paths.iter_mut() {
            let audience = ["admin", "creator"]
                .into_iter()
                .find(|audience| path.starts_with(&format!("/api/{audience}/")));
            for operation in operations_mut(item) {
                if let (Some(audience), Some(id)) = (audience, operation.operation_id.as_mut()) {
                    *id = format!("{audience}_{id}");
                }
            }
        }
    }
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
            for operation in operations_mut(item) {
                // `security(())` on a handler marks it unauthenticated; OpenAPI says that with
                // an empty list (`[{}]` would mean "a token is optional").
                if let Some(security) = &mut operation.security
                    && security
                        .iter()
                        .all(|requirement| *requirement == Default::default())
                {
                    security.clear();
                }
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
