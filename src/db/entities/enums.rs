//! The closed sets of values of §4, stored as their snake_case names.
//!
//! These are values, not rows: views and request bodies use them directly, so a value the
//! contract does not name cannot be stored or sent.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize,
            Deserialize, ToSchema,
        )]
        #[sea_orm(rs_type = "String", db_type = "String(StringLen::None)", rename_all = "snake_case")]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl crate::db::read::Field for $name {
            fn from_sqlite(value: rusqlite::types::ValueRef<'_>) -> Result<Self, String> {
                let name = <String as crate::db::read::Field>::from_sqlite(value)?;
                <Self as ActiveEnum>::try_from_value(&name).map_err(|_| {
                    format!("{name:?} is not a {}", stringify!($name))
                })
            }
        }

        impl $name {
            /// The stored and serialized name.
            pub fn as_str(self) -> String {
                self.to_value()
            }
        }
    };
}

string_enum!(
    /// Who a user is to the agency.
    Role { Admin, Agent, Creator }
);
string_enum!(OnboardingStatus {
    Pending,
    InProgress,
    Approved,
    Rejected
});
string_enum!(TalentStage {
    Prospect,
    Onboarding,
    Active,
    Paused,
    Alumni
});
string_enum!(DealStage {
    Lead,
    Negotiation,
    Contracted,
    InProgress,
    Completed,
    Lost
});
string_enum!(DeliverableStatus {
    Pending,
    InProgress,
    Submitted,
    Approved,
    Rejected
});
string_enum!(InvoiceStatus {
    Draft,
    Sent,
    Paid,
    Overdue,
    Void
});
string_enum!(PaymentMethod {
    BankTransfer,
    Card,
    Paypal,
    Other
});
string_enum!(PayoutStatus {
    Pending,
    Scheduled,
    Paid,
    Failed
});
string_enum!(OpportunityStatus { Open, Closed });
string_enum!(OutreachStatus { Open, Done });
string_enum!(GoalType {
    Revenue,
    Product,
    Events,
    Personal,
    Content
});
string_enum!(EventType {
    Meeting,
    Shoot,
    Launch,
    Appearance
});
string_enum!(EventStatus {
    Suggested,
    Invited,
    Accepted,
    Declined
});
string_enum!(
    /// Who put an event in a creator's calendar; agency-internal.
    EventSource { Admin, Agent, System }
);
string_enum!(Platform {
    Instagram,
    Tiktok,
    Youtube,
    X,
    Linkedin
});
string_enum!(InsightType {
    Performance,
    Trend,
    Audience,
    Opportunity
});
string_enum!(
    /// `Admin` and `Financial` are internal: a creator never sees such a task.
    TaskType { Creative, Attendance, Review, Approval, Admin, Financial }
);
string_enum!(TaskPriority {
    Low,
    Medium,
    High,
    Urgent
});
string_enum!(TaskStatus {
    Pending,
    InProgress,
    Completed,
    Cancelled
});
string_enum!(Workload {
    Light,
    Comfortable,
    Busy,
    Overwhelming
});
string_enum!(AiCategory {
    ContentIdeas,
    CareerAdvice,
    Scheduling,
    General
});

impl TaskType {
    /// The types a creator may see; every creator task query filters on this list.
    pub const CREATOR_VISIBLE: [TaskType; 4] = [
        Self::Creative,
        Self::Attendance,
        Self::Review,
        Self::Approval,
    ];

    pub fn is_creator_visible(self) -> bool {
        Self::CREATOR_VISIBLE.contains(&self)
    }
}

impl Role {
    pub fn is_staff(self) -> bool {
        matches!(self, Self::Admin | Self::Agent)
    }
}
