//! The creator's calendar feed (API.md §8.4): its secret tokens, and its RFC 5545 body built from
//! the feed's views ([`FeedEventView`], [`FeedTaskView`]), which carry nothing a calendar may not
//! show (no notes, money, source or answer).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Days, Utc};
use icalendar::{Calendar, Component, Event, EventLike};
use rand::TryRng;
use sha2::{Digest, Sha256};

use crate::db::entities::EventStatus;
use crate::views::creator::{FeedEventView, FeedTaskView};

/// Random bytes in a token: 256 bits, beyond guessing.
const TOKEN_BYTES: usize = 32;
/// The file name's suffix after the token.
const SUFFIX: &str = ".ics";
/// The domain part of every UID: `<record id>@exclusive-talent`.
const UID_DOMAIN: &str = "exclusive-talent";
/// How often a calendar client is asked to fetch the feed again.
const REFRESH_MINUTES: i64 = 60;

/// A new feed's secret: the token goes into the URL, only its hash into the database.
pub struct FeedToken {
    /// base64url (no padding) of 32 random bytes: 43 characters.
    pub token: String,
    /// Lower-case hex of SHA-256(token).
    pub hash: String,
}

impl FeedToken {
    /// A fresh token from the operating system's random source.
    pub fn generate() -> Self {
        let mut bytes = [0u8; TOKEN_BYTES];
        rand::rngs::SysRng
            .try_fill_bytes(&mut bytes)
            .expect("the system's random source failed");
        let token = URL_SAFE_NO_PAD.encode(bytes);
        let hash = hash_token(&token);
        Self { token, hash }
    }

    /// The feed's URL under the service's public address.
    pub fn url(&self, public_url: &str) -> String {
        format!("{public_url}/ical/{}{SUFFIX}", self.token)
    }
}

/// Lower-case hex of SHA-256 of the token's text.
fn hash_token(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The token hash a feed file name (`<token>.ics`) stands for; `None` when the name cannot be a
/// feed's (no `.ics`, not the canonical base64url of 32 bytes), which is answered like an
/// unknown token.
pub fn hash_of_file_name(file: &str) -> Option<String> {
    let token = file.strip_suffix(SUFFIX)?;
    // The engine refuses padding and non-zero trailing bits: one spelling per token.
    let bytes = URL_SAFE_NO_PAD.decode(token).ok()?;
    (bytes.len() == TOKEN_BYTES).then(|| hash_token(token))
}

/// The feed's body: one VEVENT per event (CONFIRMED when accepted, TENTATIVE when suggested or
/// invited; a declined one is left out), one all-day VEVENT per task on its due date (UTC).
/// UIDs are `<record id>@exclusive-talent`, the same in every fetch and under every URL.
pub fn render(
    events: impl IntoIterator<Item = FeedEventView>,
    tasks: impl IntoIterator<Item = FeedTaskView>,
    now: DateTime<Utc>,
) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//Exclusive Talent//Calendar feed//EN"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .append_property(("METHOD", "PUBLISH"))
        .name("Exclusive Talent")
        .ttl(&chrono::Duration::minutes(REFRESH_MINUTES));
    for event in events {
        if let Some(vevent) = event_entry(event, now) {
            calendar.push(vevent);
        }
    }
    for task in tasks {
        calendar.push(task_entry(task, now));
    }
    calendar.to_string()
}

fn event_entry(event: FeedEventView, now: DateTime<Utc>) -> Option<Event> {
    let FeedEventView {
        id,
        event_name,
        location,
        start_at,
        end_at,
        status,
    } = event;
    let status = match status {
        EventStatus::Accepted => icalendar::EventStatus::Confirmed,
        EventStatus::Suggested | EventStatus::Invited => icalendar::EventStatus::Tentative,
        EventStatus::Declined => return None,
    };
    let mut vevent = Event::new();
    vevent
        .uid(&format!("{id}@{UID_DOMAIN}"))
        .timestamp(now)
        .starts(start_at)
        // API.md §8.4: an event without an end ends when it starts.
        .ends(end_at.unwrap_or(start_at))
        .summary(&one_text(&event_name))
        .status(status);
    if let Some(location) = location {
        vevent.location(&one_text(&location));
    }
    Some(vevent.done())
}

fn task_entry(task: FeedTaskView, now: DateTime<Utc>) -> Event {
    let FeedTaskView { id, title, due_at } = task;
    let day = due_at.date_naive();
    // The last representable day has no next one; such a date is not a real deadline.
    let next_day = day.checked_add_days(Days::new(1)).unwrap_or(day);
    Event::new()
        .uid(&format!("{id}@{UID_DOMAIN}"))
        .timestamp(now)
        .starts(day)
        .ends(next_day)
        .summary(&one_text(&format!("Due: {title}")))
        .done()
}

/// A text value as RFC 5545 allows it: the library escapes `\`, `,`, `;` and line feeds, but
/// a carriage return or another control character would pass through raw, so they become
/// line feeds (CR LF, CR) or spaces here.
fn one_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\r' => '\n',
            '\n' | '\t' => c,
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use uuid::Uuid;

    use super::*;

    #[test]
    fn a_token_is_43_url_safe_characters_and_its_file_name_finds_its_hash() {
        let feed = FeedToken::generate();
        assert_eq!(feed.token.len(), 43);
        assert!(
            feed.token
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
        assert_eq!(feed.hash.len(), 64);
        assert_ne!(feed.hash, feed.token);
        assert_eq!(
            hash_of_file_name(&format!("{}.ics", feed.token)),
            Some(feed.hash.clone())
        );
        assert_ne!(FeedToken::generate().token, feed.token);
        assert_eq!(
            feed.url("https://talent.example"),
            format!("https://talent.example/ical/{}.ics", feed.token)
        );
    }

    #[test]
    fn a_name_that_cannot_be_a_feed_has_no_hash() {
        let token = FeedToken::generate().token;
        let last = token.chars().last().unwrap();
        // The 43rd character holds 2 padding bits: another letter with them set is the same
        // bytes spelled otherwise, and is refused.
        let non_canonical = format!("{}{}", &token[..42], if last == 'B' { 'C' } else { 'B' });
        for name in [
            token.clone(),
            format!("{token}.ICS"),
            format!("{token}.ics.ics"),
            format!("{token}=.ics"),
            format!("{}.ics", &token[..42]),
            format!("{token}A.ics"),
            format!("{}+.ics", &token[..42]),
            ".ics".to_owned(),
            String::new(),
        ] {
            assert_eq!(hash_of_file_name(&name), None, "{name}");
        }
        // Either the swapped letter changed the trailing bits (refused), or it did not (then it
        // is a different token, and no prefix match can happen).
        if let Some(hash) = hash_of_file_name(&format!("{non_canonical}.ics")) {
            assert_ne!(Some(hash), hash_of_file_name(&format!("{token}.ics")));
        }
    }

    #[test]
    fn the_body_has_the_contracts_properties() {
        let start = Utc.with_ymd_and_hms(2026, 12, 3, 18, 30, 0).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 29, 8, 0, 0).unwrap();
        let event = Uuid::now_v7();
        let task = Uuid::now_v7();
        let body = render(
            [
                FeedEventView {
                    id: event,
                    event_name: "Launch; party, \\ night\r\nX-INJECTED:1".to_owned(),
                    location: Some("Soho House".to_owned()),
                    start_at: start,
                    end_at: None,
                    status: EventStatus::Accepted,
                },
                FeedEventView {
                    id: Uuid::now_v7(),
                    event_name: "Declined".to_owned(),
                    location: None,
                    start_at: start,
                    end_at: None,
                    status: EventStatus::Declined,
                },
            ],
            [FeedTaskView {
                id: task,
                title: "Review the brief".to_owned(),
                due_at: Utc.with_ymd_and_hms(2026, 12, 31, 23, 30, 0).unwrap(),
            }],
            now,
        );
        assert!(body.starts_with("BEGIN:VCALENDAR\r\n"), "{body}");
        assert!(body.ends_with("END:VCALENDAR\r\n"), "{body}");
        for line in [
            "VERSION:2.0",
            &format!("UID:{event}@exclusive-talent"),
            "DTSTART:20261203T183000Z",
            "DTEND:20261203T183000Z",
            "DTSTAMP:20261129T080000Z",
            "SUMMARY:Launch\\; party\\, \\\\ night\\nX-INJECTED:1",
            "LOCATION:Soho House",
            "STATUS:CONFIRMED",
            &format!("UID:{task}@exclusive-talent"),
            "DTSTART;VALUE=DATE:20261231",
            "DTEND;VALUE=DATE:20270101",
            "SUMMARY:Due: Review the brief",
        ] {
            assert!(body.contains(&format!("\r\n{line}\r\n")), "{line}: {body}");
        }
        assert!(!body.contains("Declined"), "{body}");
        assert_eq!(body.matches("BEGIN:VEVENT").count(), 2, "{body}");
        // Every line ends in CR LF; no bare CR or LF is left to start a property of its own.
        assert!(!body.replace("\r\n", "").contains(['\r', '\n']), "{body}");
    }
}
