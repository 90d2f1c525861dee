//! Tells the test suite which services it may use, so a test that needs PostgreSQL or Redis
//! runs when its variable is set and shows as ignored when it is not (never green by
//! returning early): `TEST_DATABASE_URL` (a `postgres://…` URL) sets `cfg(test_postgres)`,
//! `TEST_REDIS_URL` sets `cfg(test_redis)`.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(test_postgres)");
    println!("cargo::rustc-check-cfg=cfg(test_redis)");
    println!("cargo::rerun-if-env-changed=TEST_DATABASE_URL");
    println!("cargo::rerun-if-env-changed=TEST_REDIS_URL");
    let set = |name: &str| std::env::var(name).is_ok_and(|value| !value.is_empty());
    if std::env::var("TEST_DATABASE_URL").is_ok_and(|url| url.starts_with("postgres")) {
        println!("cargo::rustc-cfg=test_postgres");
    }
    if set("TEST_REDIS_URL") {
        println!("cargo::rustc-cfg=test_redis");
    }
}
