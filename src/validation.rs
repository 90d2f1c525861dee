//! Field validation: each request body lists its rules in one `validate`, and every broken
//! rule is reported, by field, in one 422.

use chrono::{DateTime, Utc};

use crate::error::FieldError;

/// Bodies that check their own fields. [`crate::extract::AppJson`] calls it after parsing.
pub trait Validate {
    fn validate(&self, check: &mut Checks);
}

/// Collects broken rules.
#[derive(Debug, Default)]
pub struct Checks {
    errors: Vec<FieldError>,
}

impl Checks {
    pub fn into_errors(self) -> Vec<FieldError> {
        self.errors
    }

    pub fn fail(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError::new(field, message));
    }

    /// Character count in `min..=max`.
    pub fn length(&mut self, field: &str, value: &str, min: usize, max: usize) {
        let len = value.chars().count();
        if len < min || len > max {
            self.fail(field, format!("must be {min} to {max} characters"));
        }
    }

    pub fn length_opt(&mut self, field: &str, value: Option<&str>, min: usize, max: usize) {
        if let Some(value) = value {
            self.length(field, value, min, max);
        }
    }

    /// Not blank: at least one non-space character, and at most `max` characters.
    pub fn text(&mut self, field: &str, value: &str, max: usize) {
        if value.trim().is_empty() {
            self.fail(field, "must not be blank");
        } else {
            self.length(field, value, 1, max);
        }
    }

    pub fn range<T: PartialOrd + std::fmt::Display>(
        &mut self,
        field: &str,
        value: T,
        min: T,
        max: T,
    ) {
        if value < min || value > max {
            self.fail(field, format!("must be between {min} and {max}"));
        }
    }

    pub fn at_least<T: PartialOrd + std::fmt::Display>(&mut self, field: &str, value: T, min: T) {
        if value < min {
            self.fail(field, format!("must be at least {min}"));
        }
    }

    /// Floats must also be finite.
    pub fn finite(&mut self, field: &str, value: f64) -> bool {
        if !value.is_finite() {
            self.fail(field, "must be a finite number");
            return false;
        }
        true
    }

    /// An ISO 4217 code: three upper-case letters.
    pub fn currency(&mut self, field: &str, value: &str) {
        if !(value.len() == 3 && value.bytes().all(|b| b.is_ascii_uppercase())) {
            self.fail(field, "must be a 3-letter upper-case ISO 4217 code");
        }
    }

    /// `end ≥ start` when both are given.
    pub fn ordered(
        &mut self,
        field: &str,
        start: Option<DateTime<Utc>>,
        end: Option<DateTime<Utc>>,
    ) {
        if let (Some(start), Some(end)) = (start, end)
            && end < start
        {
            self.fail(field, "must not be before the start");
        }
    }

    /// `text` when the field is present.
    pub fn text_opt(&mut self, field: &str, value: Option<&str>, max: usize) {
        if let Some(value) = value {
            self.text(field, value, max);
        }
    }

    /// A list of short labels (categories, brand values): at most `max_items`, each not blank
    /// and at most `max_len` characters.
    pub fn labels(&mut self, field: &str, values: &[String], max_items: usize, max_len: usize) {
        if values.len() > max_items {
            self.fail(field, format!("must have at most {max_items} items"));
        }
        for (i, value) in values.iter().enumerate() {
            self.text(&format!("{field}[{i}]"), value, max_len);
        }
    }

    /// An amount of money in minor units: never negative.
    pub fn money(&mut self, field: &str, minor: i64) {
        self.at_least(field, minor, 0);
    }

    /// `end ≥ start` for calendar dates, when both are given.
    pub fn dates_ordered(
        &mut self,
        field: &str,
        start: Option<chrono::NaiveDate>,
        end: Option<chrono::NaiveDate>,
    ) {
        if let (Some(start), Some(end)) = (start, end)
            && end < start
        {
            self.fail(field, "must not be before the start date");
        }
    }

    /// An `http(s)://` address.
    pub fn url(&mut self, field: &str, value: &str, max: usize) {
        let has_scheme = value.starts_with("https://") || value.starts_with("http://");
        if !has_scheme || value.chars().any(char::is_whitespace) || value.len() > max {
            self.fail(
                field,
                format!("must be an http(s) address of at most {max} characters"),
            );
        }
    }

    /// A reference in a body to a record that does not exist (API.md §1: 422 naming it).
    pub fn exists(&mut self, field: &str, found: bool) {
        if !found {
            self.fail(field, "refers to no such record");
        }
    }

    /// Ok when no rule was broken, else the 422 naming every broken one.
    pub fn finish(self) -> Result<(), crate::error::AppError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(crate::error::AppError::Validation(self.errors))
        }
    }

    pub fn email(&mut self, field: &str, value: &str) {
        let valid = value.len() <= 254
            && value.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
            })
            && !value.chars().any(char::is_whitespace);
        if !valid {
            self.fail(field, "must be an email address");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_broken_rule_is_collected() {
        let mut checks = Checks::default();
        checks.text("title", "  ", 200);
        checks.range("progress", 1.5, 0.0, 1.0);
        checks.currency("currency", "gbp");
        checks.email("email", "no-at-sign");
        checks.length("handle", "ok", 1, 100);
        let fields: Vec<_> = checks.into_errors().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["title", "progress", "currency", "email"]);
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        let mut checks = Checks::default();
        checks.length("name", "ééé", 1, 3);
        assert!(checks.into_errors().is_empty());
    }
}
