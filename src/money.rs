//! Money as a creator sees it (API.md §6): rounded amounts, range bands and the revenue trend.
//!
//! Pure integer arithmetic on minor units (every accepted currency has 100 minor units to the
//! major one); no floats, no I/O. Views (`views::creator::money`) wrap these results.
//!
//! Rounding is done once, from the exact minor amount to the step of its band, half away from
//! zero: rounding to whole major units first and then to the band's step could round twice
//! (149.50 → 150 → 200, where the exact value rounds to 100).

/// Minor units per major unit, for every accepted currency.
const MINOR_PER_MAJOR: i128 = 100;

/// An amount rounded for a creator: the rounded major-unit value and how it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rounded {
    pub amount: i64,
    pub display: String,
}

/// A range band of §6: `low` and `high` in major units, `high` `None` on the top band.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    pub low: i64,
    pub high: Option<i64>,
    pub display: String,
}

/// The lower edges of the bands, in major units; the last band has no upper edge.
const BAND_EDGES: [i64; 9] = [
    0, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000,
];

/// `numerator / denominator` rounded to the nearest integer, half away from zero.
/// `denominator` must be positive.
fn div_round(numerator: i128, denominator: i128) -> i128 {
    let magnitude = (2 * numerator.abs() + denominator) / (2 * denominator);
    if numerator < 0 { -magnitude } else { magnitude }
}

/// Saturates into an `i64` (only reachable near `i64::MAX` minor units).
fn to_i64(value: i128) -> i64 {
    i64::try_from(value).unwrap_or(if value < 0 { i64::MIN } else { i64::MAX })
}

/// The rounded major-unit value of `minor`: under 1,000 to the nearest 100; under 1,000,000 to
/// the nearest 1,000; above to the nearest 100,000.
pub fn round_major(minor: i64) -> i64 {
    let minor = i128::from(minor);
    let step_major: i128 = match minor.abs() {
        m if m < 1_000 * MINOR_PER_MAJOR => 100,
        m if m < 1_000_000 * MINOR_PER_MAJOR => 1_000,
        _ => 100_000,
    };
    to_i64(div_round(minor, step_major * MINOR_PER_MAJOR) * step_major)
}

/// The prefix of a currency: a symbol for GBP, USD and EUR, else the code and a space.
fn prefix(currency: &str) -> String {
    match currency {
        "GBP" => "£".to_owned(),
        "USD" => "$".to_owned(),
        "EUR" => "€".to_owned(),
        other => format!("{other} "),
    }
}

/// A non-negative rounded major value in short form: `700`, `48K`, `1.2M`, `12M`.
fn short(major: i64) -> String {
    let major = i128::from(major).abs();
    if major < 1_000 {
        major.to_string()
    } else if major < 1_000_000 {
        format!("{}K", major / 1_000)
    } else {
        let tenths = major / 100_000;
        match tenths % 10 {
            0 => format!("{}M", tenths / 10),
            fraction => format!("{}.{fraction}M", tenths / 10),
        }
    }
}

/// `-£5K`, `£48K`, `CAD 48K`.
fn written(major: i64, currency: &str) -> String {
    let sign = if major < 0 { "-" } else { "" };
    format!("{sign}{}{}", prefix(currency), short(major))
}

/// An amount as a creator sees it. A positive amount that rounds to 0 reads `<£100`.
pub fn rounded(minor: i64, currency: &str) -> Rounded {
    let amount = round_major(minor);
    let display = if amount == 0 && minor > 0 {
        format!("<{}100", prefix(currency))
    } else {
        written(amount, currency)
    };
    Rounded { amount, display }
}

/// The band of §6 that holds `minor` (its exact value); negative amounts fall in the first.
pub fn band(minor: i64, currency: &str) -> Band {
    let minor = i128::from(minor);
    let index = BAND_EDGES
        .iter()
        .rposition(|&edge| minor >= i128::from(edge) * MINOR_PER_MAJOR)
        .unwrap_or(0);
    let low = BAND_EDGES[index];
    let high = BAND_EDGES.get(index + 1).copied();
    let display = match high {
        _ if index == 0 => format!("Under {}", written(BAND_EDGES[1], currency)),
        None => format!("{}+", written(low, currency)),
        Some(high) => format!("{}–{}", written(low, currency), written(high, currency)),
    };
    Band { low, high, display }
}

/// Which way earnings went between two periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Flat,
}

/// The change from `earlier` to `recent` (§6): percent rounded to the nearest 5 (half away
/// from zero); `Flat` with 0 under 5 % either way; `Flat` with `None` when `earlier` is empty.
pub fn trend(recent: i64, earlier: i64) -> (Direction, Option<i64>) {
    if earlier <= 0 {
        return (Direction::Flat, None);
    }
    let (recent, earlier) = (i128::from(recent), i128::from(earlier));
    let change = recent - earlier;
    // |change| / earlier < 5 %
    if change.abs() * 100 < earlier * 5 {
        return (Direction::Flat, Some(0));
    }
    let percent = to_i64(div_round(change * 100, earlier * 5) * 5);
    let direction = if change > 0 {
        Direction::Up
    } else {
        Direction::Down
    };
    (direction, Some(percent))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(minor: i64) -> (i64, String) {
        let Rounded { amount, display } = rounded(minor, "GBP");
        (amount, display)
    }

    #[test]
    fn the_contract_examples() {
        assert_eq!(shown(4_823_456), (48_000, "£48K".into()));
        assert_eq!(shown(70_000), (700, "£700".into()));
        assert_eq!(shown(120_000_000), (1_200_000, "£1.2M".into()));
        assert_eq!(shown(1_200_000_000), (12_000_000, "£12M".into()));
    }

    #[test]
    fn under_1000_rounds_to_the_nearest_100_half_away_from_zero() {
        assert_eq!(shown(4_999), (0, "<£100".into())); // 49.99
        assert_eq!(shown(5_000), (100, "£100".into())); // 50.00: half, away from zero
        assert_eq!(shown(14_949), (100, "£100".into()));
        assert_eq!(shown(14_950), (100, "£100".into())); // 149.50: no double rounding
        assert_eq!(shown(15_000), (200, "£200".into()));
        assert_eq!(shown(94_999), (900, "£900".into()));
        assert_eq!(shown(95_000), (1_000, "£1K".into())); // the format follows the rounded value
        assert_eq!(shown(99_999), (1_000, "£1K".into()));
    }

    #[test]
    fn small_positive_amounts_read_under_100_and_zero_reads_zero() {
        assert_eq!(shown(1), (0, "<£100".into()));
        assert_eq!(shown(0), (0, "£0".into()));
        assert_eq!(rounded(1, "USD").display, "<$100");
        assert_eq!(rounded(1, "CAD").display, "<CAD 100");
        assert_eq!(shown(-1), (0, "£0".into()));
    }

    #[test]
    fn thousands_round_to_the_nearest_1000() {
        assert_eq!(shown(100_000), (1_000, "£1K".into())); // exactly 1,000
        assert_eq!(shown(149_999), (1_000, "£1K".into()));
        assert_eq!(shown(150_000), (2_000, "£2K".into()));
        assert_eq!(shown(4_849_999), (48_000, "£48K".into()));
        assert_eq!(shown(4_850_000), (49_000, "£49K".into()));
        assert_eq!(shown(99_949_999), (999_000, "£999K".into()));
        assert_eq!(shown(99_950_000), (1_000_000, "£1M".into())); // 999,500 → 1M
        assert_eq!(shown(99_960_000), (1_000_000, "£1M".into())); // 999,600 → 1M
        assert_eq!(shown(99_999_999), (1_000_000, "£1M".into()));
    }

    #[test]
    fn millions_round_to_the_nearest_100000_without_a_trailing_zero() {
        assert_eq!(shown(100_000_000), (1_000_000, "£1M".into()));
        assert_eq!(shown(104_999_999), (1_000_000, "£1M".into()));
        assert_eq!(shown(105_000_000), (1_100_000, "£1.1M".into()));
        assert_eq!(shown(199_999_999), (2_000_000, "£2M".into()));
        assert_eq!(shown(1_234_567_800), (12_300_000, "£12.3M".into()));
        assert_eq!(shown(12_345_678_900), (123_500_000, "£123.5M".into()));
    }

    #[test]
    fn negative_amounts_mirror_positive_ones() {
        assert_eq!(shown(-500_000), (-5_000, "-£5K".into()));
        assert_eq!(shown(-15_000), (-200, "-£200".into()));
        assert_eq!(shown(-150_000_000), (-1_500_000, "-£1.5M".into()));
        assert_eq!(rounded(-500_000, "CAD").display, "-CAD 5K");
    }

    #[test]
    fn symbols_and_code_prefixes() {
        assert_eq!(rounded(4_823_456, "USD").display, "$48K");
        assert_eq!(rounded(4_823_456, "EUR").display, "€48K");
        assert_eq!(rounded(4_823_456, "CAD").display, "CAD 48K");
        assert_eq!(rounded(120_000_000, "JPY").display, "JPY 1.2M");
    }

    #[test]
    fn extreme_amounts_do_not_overflow() {
        assert!(rounded(i64::MAX, "GBP").amount > 0);
        assert!(rounded(i64::MIN, "GBP").amount < 0);
        assert_eq!(band(i64::MAX, "GBP").high, None);
        assert_eq!(band(i64::MIN, "GBP").low, 0);
        assert_eq!(trend(i64::MAX, 1).0, Direction::Up);
    }

    fn edges(minor: i64) -> (i64, Option<i64>, String) {
        let Band { low, high, display } = band(minor, "GBP");
        (low, high, display)
    }

    #[test]
    fn every_band_edge() {
        let cases: [(i64, i64, Option<i64>, &str); 19] = [
            (0, 0, Some(5_000), "Under £5K"),
            (499_999, 0, Some(5_000), "Under £5K"),
            (500_000, 5_000, Some(10_000), "£5K–£10K"),
            (999_999, 5_000, Some(10_000), "£5K–£10K"),
            (1_000_000, 10_000, Some(25_000), "£10K–£25K"),
            (2_499_999, 10_000, Some(25_000), "£10K–£25K"),
            (2_500_000, 25_000, Some(50_000), "£25K–£50K"),
            (4_999_999, 25_000, Some(50_000), "£25K–£50K"),
            (5_000_000, 50_000, Some(100_000), "£50K–£100K"),
            (9_999_999, 50_000, Some(100_000), "£50K–£100K"),
            (10_000_000, 100_000, Some(250_000), "£100K–£250K"),
            (24_999_999, 100_000, Some(250_000), "£100K–£250K"),
            (25_000_000, 250_000, Some(500_000), "£250K–£500K"),
            (49_999_999, 250_000, Some(500_000), "£250K–£500K"),
            (50_000_000, 500_000, Some(1_000_000), "£500K–£1M"),
            (99_999_999, 500_000, Some(1_000_000), "£500K–£1M"),
            (100_000_000, 1_000_000, None, "£1M+"),
            (999_999_999_999, 1_000_000, None, "£1M+"),
            (-1, 0, Some(5_000), "Under £5K"),
        ];
        for (minor, low, high, display) in cases {
            assert_eq!(edges(minor), (low, high, display.to_owned()), "{minor}");
        }
    }

    #[test]
    fn bands_in_other_currencies() {
        assert_eq!(band(0, "USD").display, "Under $5K");
        assert_eq!(band(1_500_000, "EUR").display, "€10K–€25K");
        assert_eq!(band(1_500_000, "CAD").display, "CAD 10K–CAD 25K");
        assert_eq!(band(200_000_000, "CAD").display, "CAD 1M+");
    }

    #[test]
    fn trend_rounds_to_the_nearest_5_and_is_flat_under_5_percent() {
        assert_eq!(trend(100, 0), (Direction::Flat, None));
        assert_eq!(trend(0, 0), (Direction::Flat, None));
        assert_eq!(trend(100, 100), (Direction::Flat, Some(0)));
        assert_eq!(trend(10_499, 10_000), (Direction::Flat, Some(0))); // +4.99 %
        assert_eq!(trend(9_501, 10_000), (Direction::Flat, Some(0))); // -4.99 %
        assert_eq!(trend(10_500, 10_000), (Direction::Up, Some(5))); // +5 % exactly
        assert_eq!(trend(9_500, 10_000), (Direction::Down, Some(-5)));
        assert_eq!(trend(10_749, 10_000), (Direction::Up, Some(5))); // +7.49 %
        assert_eq!(trend(10_750, 10_000), (Direction::Up, Some(10))); // +7.5 %: away from zero
        assert_eq!(trend(9_250, 10_000), (Direction::Down, Some(-10))); // -7.5 %
        assert_eq!(trend(5_000, 10_000), (Direction::Down, Some(-50))); // a halving
        assert_eq!(trend(0, 10_000), (Direction::Down, Some(-100)));
        assert_eq!(trend(30_000, 10_000), (Direction::Up, Some(200)));
    }
}
