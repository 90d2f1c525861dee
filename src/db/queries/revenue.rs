//! The creator's revenue summary (API.md §6), computed by the database: three grouped
//! aggregates (invoices, payouts, pipeline deals) per currency in one statement, never rows
//! pulled into memory. Amounts come back in minor units; rounding is the view's (`money`).

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, Func, Query, SimpleExpr, UnionType, Value};
use sea_orm::{ColumnTrait, Condition, DbErr};

use super::creator_deals::ACTIVE;
use crate::db::entities::{InvoiceStatus, PayoutStatus, TalentId, deal, invoice, payout};
use crate::db::prepared::Prepared;
use crate::db::read::{Read, from_row};

/// A calendar quarter, `2026-Q4`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Quarter {
    pub year: i32,
    /// 1 to 4.
    pub number: u32,
}

impl Quarter {
    pub fn of(time: DateTime<Utc>) -> Self {
        Self {
            year: time.year(),
            number: time.month0() / 3 + 1,
        }
    }

    pub fn previous(self) -> Self {
        match self.number {
            1 => Self {
                year: self.year - 1,
                number: 4,
            },
            n => Self {
                year: self.year,
                number: n - 1,
            },
        }
    }

    pub fn next(self) -> Self {
        match self.number {
            4 => Self {
                year: self.year + 1,
                number: 1,
            },
            n => Self {
                year: self.year,
                number: n + 1,
            },
        }
    }

    /// The first instant of the quarter.
    pub fn start(self) -> DateTime<Utc> {
        start_of_month(self.year, (self.number - 1) * 3 + 1)
    }

    pub fn label(self) -> String {
        format!("{}-Q{}", self.year, self.number)
    }

    /// The four quarters ending with the one holding `now`, oldest first.
    pub fn last_four(now: DateTime<Utc>) -> [Self; 4] {
        let current = Self::of(now);
        let q3 = current.previous();
        let q2 = q3.previous();
        [q2.previous(), q2, q3, current]
    }
}

fn start_of_month(year: i32, month: u32) -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(year, month, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map_or(DateTime::<Utc>::MIN_UTC, |t| t.and_utc())
}

/// One currency's totals, in minor units.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CurrencyTotals {
    pub currency: String,
    pub total_earned: i64,
    pub earned_this_year: i64,
    pub outstanding: i64,
    pub paid_out: i64,
    pub pending_payouts: i64,
    pub pipeline: i64,
    pub last_90_days: i64,
    pub previous_90_days: i64,
    /// The last four quarters, oldest first, with what was paid in each.
    pub quarters: Vec<(Quarter, i64)>,
}

/// One row of the summary's single statement: a currency's sums from one of its three sources.
/// The three aggregates share one column list so that they travel as one `UNION ALL`; a
/// source's unused sums are zero.
#[derive(Debug)]
struct SourceSums {
    source: i64,
    currency: String,
    s1: i64,
    s2: i64,
    s3: i64,
    s4: i64,
    s5: i64,
    s6: i64,
    s7: i64,
    s8: i64,
    s9: i64,
}

from_row! { SourceSums { source, currency, s1, s2, s3, s4, s5, s6, s7, s8, s9 } }

const FROM_INVOICES: i64 = 0;
const FROM_PAYOUTS: i64 = 1;
const FROM_PIPELINE: i64 = 2;
const SUM_COLUMNS: [&str; 9] = ["s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9"];

/// `select`'s leading `source` and `currency` columns, then `sums`, padded with zeros to the
/// shared column list.
fn source_columns(
    mut select: sea_orm::sea_query::SelectStatement,
    source: i64,
    currency: impl sea_orm::sea_query::IntoColumnRef,
    sums: Vec<SimpleExpr>,
) -> sea_orm::sea_query::SelectStatement {
    select.expr_as(Expr::val(source), "source");
    select.expr_as(Expr::col(currency), "currency");
    let padding = SUM_COLUMNS.len() - sums.len();
    let sums = sums
        .into_iter()
        .chain(std::iter::repeat_n(Expr::val(0i64), padding));
    for (sum, name) in sums.zip(SUM_COLUMNS) {
        select.expr_as(sum, name);
    }
    select
}

/// `CAST(SUM(CASE WHEN cond THEN amount ELSE 0 END) AS BIGINT)`: the cast makes PostgreSQL
/// answer a bigint rather than a numeric.
fn sum_when(condition: Condition, amount: impl Into<SimpleExpr>) -> SimpleExpr {
    let case: SimpleExpr = Expr::case(condition, amount.into()).finally(0).into();
    Func::cast_as(Func::sum(case), "BIGINT").into()
}

/// Paid invoices with `paid_at` in `from..to`.
fn paid_between(from: impl Into<Value>, to: impl Into<Value>) -> Condition {
    Condition::all()
        .add(invoice::Column::Status.eq(InvoiceStatus::Paid))
        .add(invoice::Column::PaidAt.gte(from))
        .add(invoice::Column::PaidAt.lt(to))
}

/// The summary's one statement: three grouped aggregates, by the creator and the instants
/// bounding its periods.
static SUMMARY: Prepared<11> = Prepared::new(
    |_,
     [
        talent,
        year_start,
        next_year,
        now,
        days_90_ago,
        days_180_ago,
        q1,
        q2,
        q3,
        q4,
        q5,
    ]| {
        let amount = || Expr::col(invoice::Column::AmountMinor);
        let paid = || Condition::all().add(invoice::Column::Status.eq(InvoiceStatus::Paid));
        let invoices = source_columns(
            Query::select()
                .from(invoice::Entity)
                .and_where(invoice::Column::TalentId.eq(talent.clone()))
                .and_where(invoice::Column::Status.is_in([
                    InvoiceStatus::Paid,
                    InvoiceStatus::Sent,
                    InvoiceStatus::Overdue,
                ]))
                .group_by_col(invoice::Column::Currency)
                .to_owned(),
            FROM_INVOICES,
            invoice::Column::Currency,
            vec![
                sum_when(paid(), amount()),
                sum_when(paid_between(year_start, next_year), amount()),
                sum_when(
                    Condition::all().add(
                        invoice::Column::Status
                            .is_in([InvoiceStatus::Sent, InvoiceStatus::Overdue]),
                    ),
                    amount(),
                ),
                sum_when(paid_between(days_90_ago.clone(), now), amount()),
                sum_when(paid_between(days_180_ago, days_90_ago), amount()),
                sum_when(paid_between(q1, q2.clone()), amount()),
                sum_when(paid_between(q2, q3.clone()), amount()),
                sum_when(paid_between(q3, q4.clone()), amount()),
                sum_when(paid_between(q4, q5), amount()),
            ],
        );

        let payout_amount = || Expr::col(payout::Column::AmountMinor);
        let payouts = source_columns(
            Query::select()
                .from(payout::Entity)
                .and_where(payout::Column::TalentId.eq(talent.clone()))
                .and_where(payout::Column::Status.is_in([
                    PayoutStatus::Paid,
                    PayoutStatus::Pending,
                    PayoutStatus::Scheduled,
                ]))
                .group_by_col(payout::Column::Currency)
                .to_owned(),
            FROM_PAYOUTS,
            payout::Column::Currency,
            vec![
                sum_when(
                    Condition::all().add(payout::Column::Status.eq(PayoutStatus::Paid)),
                    payout_amount(),
                ),
                sum_when(
                    Condition::all().add(
                        payout::Column::Status
                            .is_in([PayoutStatus::Pending, PayoutStatus::Scheduled]),
                    ),
                    payout_amount(),
                ),
            ],
        );

        let pipeline = source_columns(
            Query::select()
                .from(deal::Entity)
                .and_where(deal::Column::TalentId.eq(talent))
                .and_where(deal::Column::Stage.is_in(ACTIVE))
                .group_by_col(deal::Column::Currency)
                .to_owned(),
            FROM_PIPELINE,
            deal::Column::Currency,
            vec![Func::cast_as(Func::sum(Expr::col(deal::Column::ValueMinor)), "BIGINT").into()],
        );

        // One statement, not three: one round trip for the overview and the summary alike.
        let mut summary = invoices;
        summary
            .union(UnionType::All, payouts)
            .union(UnionType::All, pipeline);
        vec![summary]
    },
);

/// The creator's totals per currency, largest `total_earned` first, as of `now`.
pub async fn summary_for_creator(
    db: &impl Read,
    talent: TalentId,
    now: DateTime<Utc>,
) -> Result<Vec<CurrencyTotals>, DbErr> {
    let quarters = Quarter::last_four(now);
    let params = [
        talent.into(),
        start_of_month(now.year(), 1).into(),
        start_of_month(now.year() + 1, 1).into(),
        now.into(),
        (now - Duration::days(90)).into(),
        (now - Duration::days(180)).into(),
        quarters[0].start().into(),
        quarters[1].start().into(),
        quarters[2].start().into(),
        quarters[3].start().into(),
        quarters[3].next().start().into(),
    ];
    let rows: Vec<SourceSums> = SUMMARY.rows(db, params).await?;

    let mut by_currency: BTreeMap<String, CurrencyTotals> = BTreeMap::new();
    for row in rows {
        let totals = totals_of(&mut by_currency, row.currency, &quarters);
        match row.source {
            FROM_INVOICES => {
                totals.total_earned = row.s1;
                totals.earned_this_year = row.s2;
                totals.outstanding = row.s3;
                totals.last_90_days = row.s4;
                totals.previous_90_days = row.s5;
                for (slot, earned) in totals
                    .quarters
                    .iter_mut()
                    .zip([row.s6, row.s7, row.s8, row.s9])
                {
                    slot.1 = earned;
                }
            }
            FROM_PAYOUTS => {
                totals.paid_out = row.s1;
                totals.pending_payouts = row.s2;
            }
            _ => totals.pipeline = row.s1,
        }
    }
    let mut totals: Vec<CurrencyTotals> = by_currency.into_values().collect();
    // Stable: equal totals stay in currency order.
    totals.sort_by_key(|t| std::cmp::Reverse(t.total_earned));
    Ok(totals)
}

fn totals_of<'a>(
    by_currency: &'a mut BTreeMap<String, CurrencyTotals>,
    currency: String,
    quarters: &[Quarter; 4],
) -> &'a mut CurrencyTotals {
    by_currency
        .entry(currency.clone())
        .or_insert_with(|| CurrencyTotals {
            currency,
            quarters: quarters.iter().map(|q| (*q, 0)).collect(),
            ..CurrencyTotals::default()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .unwrap()
            .and_utc()
    }

    fn labels(now: DateTime<Utc>) -> Vec<String> {
        Quarter::last_four(now).iter().map(|q| q.label()).collect()
    }

    #[test]
    fn the_last_four_quarters_end_with_the_current_one() {
        assert_eq!(
            labels(at(2026, 11, 24)),
            ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
        );
        assert_eq!(
            labels(at(2026, 1, 1)),
            ["2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"]
        );
        assert_eq!(
            labels(at(2026, 4, 1)),
            ["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]
        );
        assert_eq!(
            labels(at(2026, 7, 31)),
            ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
        );
    }

    #[test]
    fn quarter_boundaries() {
        let q = Quarter::of(at(2026, 3, 31));
        assert_eq!(
            q,
            Quarter {
                year: 2026,
                number: 1
            }
        );
        assert_eq!(q.start(), at(2026, 1, 1) - Duration::hours(12));
        assert_eq!(q.next().start(), at(2026, 4, 1) - Duration::hours(12));
        assert_eq!(Quarter::of(at(2026, 4, 1)).number, 2);
        assert_eq!(Quarter::of(at(2026, 12, 31)).number, 4);
        let q4 = Quarter {
            year: 2026,
            number: 4,
        };
        assert_eq!(q4.next().start(), at(2027, 1, 1) - Duration::hours(12));
        assert_eq!(q4.next().previous(), q4);
    }
}
