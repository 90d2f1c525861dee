//! Queries on the creator's own records: staff-side functions and creator-side ones (the latter scoped by the caller's `TalentId`).

// ---- Staff side (the agency API): read only ----

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::newest_first;
use crate::db::entities::{TalentId, creator_goal};
use crate::db::pagination::{KeyValue, PageError, PageRequest, RowPage, fetch_page};

/// A talent's goals, active or not, newest first.
pub async fn staff_list(
    db: &impl ConnectionTrait,
    talent: TalentId,
    page: &PageRequest,
) -> Result<RowPage<creator_goal::Model>, PageError> {
    let select = creator_goal::Entity::find().filter(creator_goal::Column::CreatorId.eq(talent));
    let keys = newest_first(creator_goal::Column::Id);
    fetch_page(db, select, &keys, |r| vec![KeyValue::Uuid(r.id)], page).await
}

// ---- Creator side (the portal): every function is scoped by the caller's `TalentId` ----

pub use creator_side::*;

mod creator_side {
    use sea_orm::sea_query::{Expr, Func};
    use sea_orm::{
        ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
        QueryFilter, QueryOrder, QuerySelect, QueryTrait,
    };
    use uuid::Uuid;

    use crate::db::entities::{GoalType, TalentId, creator_goal as goal, new_id};
    use crate::db::pagination::{
        KeyKind, KeyValue, PageError, PageRequest, RowPage, SortKey, fetch_page,
    };
    use crate::db::prepared::Prepared;
    use crate::db::queries::{WithTotals, count, count_all, now, over_the_list};
    use crate::db::read::{Read, from_row};

    /// A creator's goals, newest first; `active: None` lists active and inactive ones.
    pub async fn list_for_creator(
        db: &impl ConnectionTrait,
        talent: TalentId,
        active: Option<bool>,
        page: &PageRequest,
    ) -> Result<RowPage<goal::Model>, PageError> {
        let mut select = goal::Entity::find().filter(goal::Column::CreatorId.eq(talent));
        if let Some(active) = active {
            select = select.filter(goal::Column::Active.eq(active));
        }
        let keys = [SortKey::desc(Expr::col(goal::Column::Id), KeyKind::Uuid)];
        fetch_page(db, select, &keys, |r| vec![KeyValue::Uuid(r.id)], page).await
    }

    /// How many active goals the overview shows.
    pub const ACTIVE_SHOWN: u64 = 5;

    /// The overview's goals: up to [`ACTIVE_SHOWN`] active goals, newest first, with how many
    /// active goals there are and their mean progress (0 without any), in one statement.
    pub async fn active_summary_for_creator(
        db: &impl Read,
        talent: TalentId,
    ) -> Result<ActiveGoals, DbErr> {
        struct Totals {
            list_count: i64,
            list_average_progress: f64,
        }
        from_row! { Totals { list_count, list_average_progress } }
        static ACTIVE_GOALS: Prepared<1> = Prepared::new(|_, [talent]| {
            let select = goal::Entity::find()
                .filter(goal::Column::CreatorId.eq(talent))
                .filter(goal::Column::Active.eq(true))
                .order_by_desc(goal::Column::Id)
                .limit(ACTIVE_SHOWN);
            let select = over_the_list(select, count_all(), "list_count");
            // `progress` is a double on both databases, and so is its mean.
            let average = Func::avg(Expr::col(goal::Column::Progress));
            vec![over_the_list(select, average.into(), "list_average_progress").into_query()]
        });
        let rows: Vec<WithTotals<goal::Model, Totals>> =
            ACTIVE_GOALS.rows(db, [talent.into()]).await?;
        let (count, average_progress) = rows.first().map_or((0, 0.0), |first| {
            (
                count(first.totals.list_count),
                first.totals.list_average_progress,
            )
        });
        Ok(ActiveGoals {
            goals: rows.into_iter().map(|r| r.row).collect(),
            count,
            average_progress,
        })
    }

    /// The first of a creator's active goals and figures over all of them.
    #[derive(Debug)]
    pub struct ActiveGoals {
        pub goals: Vec<goal::Model>,
        pub count: u64,
        pub average_progress: f64,
    }

    /// A new goal of the creator (validated by the caller).
    pub struct NewGoal {
        pub goal_type: GoalType,
        pub title: String,
        pub target_value: Option<f64>,
        pub timeframe: Option<String>,
        pub progress: f64,
    }

    pub async fn create_for_creator(
        db: &impl ConnectionTrait,
        talent: TalentId,
        new: NewGoal,
    ) -> Result<goal::Model, DbErr> {
        let now = now();
        goal::ActiveModel {
            id: Set(new_id()),
            creator_id: Set(talent),
            goal_type: Set(new.goal_type),
            title: Set(new.title),
            target_value: Set(new.target_value),
            timeframe: Set(new.timeframe),
            progress: Set(new.progress),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await
    }

    /// What a creator may change of a goal; `None` leaves a field, `Some(None)` clears it.
    #[derive(Debug, Default)]
    pub struct GoalChanges {
        pub title: Option<String>,
        pub target_value: Option<Option<f64>>,
        pub timeframe: Option<Option<String>>,
        pub progress: Option<f64>,
        pub active: Option<bool>,
    }

    /// A goal before and after a change.
    pub struct GoalUpdate {
        pub before: goal::Model,
        pub after: goal::Model,
    }

    impl GoalUpdate {
        /// Whether any field but `updated_at` differs.
        pub fn changed(&self) -> bool {
            let mut after = self.after.clone();
            after.updated_at = self.before.updated_at;
            after != self.before
        }
    }

    /// Applies `changes` to the creator's goal; `None` when the creator has no such goal.
    pub async fn update_for_creator(
        db: &impl ConnectionTrait,
        talent: TalentId,
        id: Uuid,
        changes: GoalChanges,
    ) -> Result<Option<GoalUpdate>, DbErr> {
        let Some(row) = goal::Entity::find_by_id(id)
            .filter(goal::Column::CreatorId.eq(talent))
            .one(db)
            .await?
        else {
            return Ok(None);
        };
        let GoalChanges {
            title,
            target_value,
            timeframe,
            progress,
            active,
        } = changes;
        let before = row.clone();
        let mut model: goal::ActiveModel = row.into();
        if let Some(title) = title {
            model.title = Set(title);
        }
        if let Some(target_value) = target_value {
            model.target_value = Set(target_value);
        }
        if let Some(timeframe) = timeframe {
            model.timeframe = Set(timeframe);
        }
        if let Some(progress) = progress {
            model.progress = Set(progress);
        }
        if let Some(active) = active {
            model.active = Set(active);
        }
        model.updated_at = Set(now());
        let after = model.update(db).await?;
        Ok(Some(GoalUpdate { before, after }))
    }

    /// Deletes the creator's goal and returns it; `None` when the creator has no such goal.
    pub async fn delete_for_creator(
        db: &impl ConnectionTrait,
        talent: TalentId,
        id: Uuid,
    ) -> Result<Option<goal::Model>, DbErr> {
        let deleted = goal::Entity::delete_many()
            .filter(goal::Column::Id.eq(id))
            .filter(goal::Column::CreatorId.eq(talent))
            .exec_with_returning(db)
            .await?;
        Ok(deleted.into_iter().next())
    }
}
