//! The creator's revenue summary (API.md §6), computed by the database: three grouped
//! aggregate queries (invoices, payouts, pipeline deals) per currency, never rows pulled into
//! memory. Amounts come back in minor units; rounding is the view's (`money`).

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, Func, Query, SimpleExpr};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, QueryFilter,
    QuerySelect,
};

use super::creator_deals::ACTIVE;
use crate::db::entities::{InvoiceStatus, PayoutStatus, TalentId, deal, invoice, payout};

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

#[derive(Debug, FromQueryResult)]
struct InvoiceSums {
    currency: String,
    total_earned: i64,
    earned_this_year: i64,
    outstanding: i64,
    last_90_days: i64,
    previous_90_days: i64,
    q1: i64,
    q2: i64,
    q3: i64,
    q4: i64,
}

#[derive(Debug, FromQueryResult)]
struct PayoutSums {
    currency: String,
    paid_out: i64,
    pending_payouts: i64,
}

#[derive(Debug, FromQueryResult)]
struct PipelineSum {
    currency: String,
    pipeline: i64,
}

/// `CAST(SUM(CASE WHEN cond THEN amount ELSE 0 END) AS BIGINT)`: the cast makes PostgreSQL
/// answer a bigint rather than a numeric.
fn sum_when(condition: Condition, amount: impl Into<SimpleExpr>) -> SimpleExpr {
    let case: SimpleExpr = Expr::case(condition, amount.into()).finally(0).into();
    Func::cast_as(Func::sum(case), "BIGINT").into()
}

/// Paid invoices with `paid_at` in `from..to`.
fn paid_between(from: DateTime<Utc>, to: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(invoice::Column::Status.eq(InvoiceStatus::Paid))
        .add(invoice::Column::PaidAt.gte(from))
        .add(invoice::Column::PaidAt.lt(to))
}

/// The creator's totals per currency, largest `total_earned` first, as of `now`.
pub async fn summary_for_creator(
    db: &impl ConnectionTrait,
    talent: TalentId,
    now: DateTime<Utc>,
) -> Result<Vec<CurrencyTotals>, DbErr> {
    let amount = || Expr::col(invoice::Column::AmountMinor);
    let year_start = start_of_month(now.year(), 1);
    let next_year = start_of_month(now.year() + 1, 1);
    let quarters = Quarter::last_four(now);
    let quarter_sum = |q: Quarter| sum_when(paid_between(q.start(), q.next().start()), amount());
    let paid = || Condition::all().add(invoice::Column::Status.eq(InvoiceStatus::Paid));
    let creators_deals = Query::select()
        .column(deal::Column::Id)
        .from(deal::Entity)
        .and_where(deal::Column::TalentId.eq(talent))
        .to_owned();
    let invoices: Vec<InvoiceSums> = invoice::Entity::find()
        .select_only()
        .column(invoice::Column::Currency)
        .expr_as(sum_when(paid(), amount()), "total_earned")
        .expr_as(
            sum_when(paid_between(year_start, next_year), amount()),
            "earned_this_year",
        )
        .expr_as(
            sum_when(
                Condition::all().add(
                    invoice::Column::Status.is_in([InvoiceStatus::Sent, InvoiceStatus::Overdue]),
                ),
                amount(),
            ),
            "outstanding",
        )
        .expr_as(
            sum_when(paid_between(now - Duration::days(90), now), amount()),
            "last_90_days",
        )
        .expr_as(
            sum_when(
                paid_between(now - Duration::days(180), now - Duration::days(90)),
                amount(),
            ),
            "previous_90_days",
        )
        .expr_as(quarter_sum(quarters[0]), "q1")
        .expr_as(quarter_sum(quarters[1]), "q2")
        .expr_as(quarter_sum(quarters[2]), "q3")
        .expr_as(quarter_sum(quarters[3]), "q4")
        .filter(invoice::Column::DealId.in_subquery(creators_deals))
        .filter(invoice::Column::Status.is_in([
            InvoiceStatus::Paid,
            InvoiceStatus::Sent,
            InvoiceStatus::Overdue,
        ]))
        .group_by(invoice::Column::Currency)
        .into_model()
        .all(db)
        .await?;

    let payout_amount = || Expr::col(payout::Column::AmountMinor);
    let payouts: Vec<PayoutSums> = payout::Entity::find()
        .select_only()
        .column(payout::Column::Currency)
        .expr_as(
            sum_when(
                Condition::all().add(payout::Column::Status.eq(PayoutStatus::Paid)),
                payout_amount(),
            ),
            "paid_out",
        )
        .expr_as(
            sum_when(
                Condition::all().add(
                    payout::Column::Status.is_in([PayoutStatus::Pending, PayoutStatus::Scheduled]),
                ),
                payout_amount(),
            ),
            "pending_payouts",
        )
        .filter(payout::Column::TalentId.eq(talent))
        .filter(payout::Column::Status.is_in([
            PayoutStatus::Paid,
            PayoutStatus::Pending,
            PayoutStatus::Scheduled,
        ]))
        .group_by(payout::Column::Currency)
        .into_model()
        .all(db)
        .await?;

    let pipelines: Vec<PipelineSum> = deal::Entity::find()
        .select_only()
        .column(deal::Column::Currency)
        .expr_as(
            Func::cast_as(Func::sum(Expr::col(deal::Column::ValueMinor)), "BIGINT"),
            "pipeline",
        )
        .filter(deal::Column::TalentId.eq(talent))
        .filter(deal::Column::Stage.is_in(ACTIVE))
        .group_by(deal::Column::Currency)
        .into_model()
        .all(db)
        .await?;

    let mut by_currency: BTreeMap<String, CurrencyTotals> = BTreeMap::new();
    for row in invoices {
        let totals = totals_of(&mut by_currency, row.currency, &quarters);
        totals.total_earned = row.total_earned;
        totals.earned_this_year = row.earned_this_year;
        totals.outstanding = row.outstanding;
        totals.last_90_days = row.last_90_days;
        totals.previous_90_days = row.previous_90_days;
        for (slot, earned) in totals
            .quarters
            .iter_mut()
            .zip([row.q1, row.q2, row.q3, row.q4])
        {
            slot.1 = earned;
        }
    }
    for row in payouts {
        let totals = totals_of(&mut by_currency, row.currency, &quarters);
        totals.paid_out = row.paid_out;
        totals.pending_payouts = row.pending_payouts;
    }
    for row in pipelines {
        totals_of(&mut by_currency, row.currency, &quarters).pipeline = row.pipeline;
    }
    let mut summary: Vec<CurrencyTotals> = by_currency.into_values().collect();
    // Stable: equal totals stay in currency order.
    summary.sort_by_key(|t| std::cmp::Reverse(t.total_earned));
    Ok(summary)
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
