//! How values read on a page: dates in words, stored names as labels. Templates call these by
//! path (`super::fmt::…`), so every page says a thing the same way.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

/// A value as a template hands it over: itself, or a reference to it however many deep.
pub trait Plain<T> {
    fn plain(&self) -> T;
}

macro_rules! plain {
    ($($t:ty),+) => {$(
        impl Plain<$t> for $t {
            fn plain(&self) -> $t {
                *self
            }
        }
    )+};
}
plain!(f64, i64, DateTime<Utc>, Uuid);

impl<T, U: Plain<T> + ?Sized> Plain<T> for &U {
    fn plain(&self) -> T {
        (**self).plain()
    }
}

/// A stored name as a label: `in_progress` → `In progress`.
pub fn label<T: Serialize>(value: T) -> String {
    let name = match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => return String::new(),
    };
    let spaced = name.replace('_', " ");
    let mut chars = spaced.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A platform's name as people write it.
pub fn platform(platform: &crate::db::entities::Platform) -> &'static str {
    use crate::db::entities::Platform;
    match platform {
        Platform::Instagram => "Instagram",
        Platform::Tiktok => "TikTok",
        Platform::Youtube => "YouTube",
        Platform::X => "X",
        Platform::Linkedin => "LinkedIn",
    }
}

/// `Tue 1 Dec 2026, 14:30 UTC`.
pub fn when(at: impl Plain<DateTime<Utc>>) -> String {
    at.plain().format("%a %-d %b %Y, %H:%M UTC").to_string()
}

/// `1 Dec 2026`.
pub fn day(at: impl Plain<DateTime<Utc>>) -> String {
    at.plain().format("%-d %b %Y").to_string()
}

/// For `<time datetime>`.
pub fn iso(at: impl Plain<DateTime<Utc>>) -> String {
    at.plain()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A ratio 0–1 as a whole percent.
pub fn percent(ratio: impl Plain<f64>) -> i64 {
    (ratio.plain().clamp(0.0, 1.0) * 100.0).round() as i64
}

/// A count with thousands separators: `12,400`.
pub fn count(n: impl Plain<i64>) -> String {
    let n = n.plain();
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// An API field name as a person reads it: `targetValue` → `Target value`.
pub fn field_name(field: &str) -> String {
    let mut out = String::new();
    for (i, c) in field.chars().enumerate() {
        if c.is_uppercase() {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else if i == 0 {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::entities::EventStatus;

    #[test]
    fn labels_counts_and_fields_read_as_words() {
        assert_eq!(label(EventStatus::Invited), "Invited");
        assert_eq!(
            label(crate::db::entities::TaskStatus::InProgress),
            "In progress"
        );
        assert_eq!(count(12_400), "12,400");
        assert_eq!(count(999), "999");
        assert_eq!(count(-1_234_567), "-1,234,567");
        assert_eq!(field_name("targetValue"), "Target value");
        assert_eq!(percent(0.456), 46);
    }
}
