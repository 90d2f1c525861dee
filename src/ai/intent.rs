//! What a creator is asking about, recognised from the prompt's words. Deterministic, and only
//! used to choose what to answer from: nothing in a prompt is executed or put into a query.

use crate::db::entities::AiCategory;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    Schedule,
    Goals,
    Money,
    ContentIdeas,
    Workload,
    General,
}

const KEYWORDS: [(Intent, &[&str]); 5] = [
    (
        Intent::ContentIdeas,
        &[
            "idea",
            "content",
            "post",
            "video",
            "reel",
            "caption",
            "script",
            "hook",
            "brainstorm",
            "film",
        ],
    ),
    (
        Intent::Money,
        &[
            "money", "earn", "revenue", "income", "paid", "payout", "invoice", "pay ", "cash",
            "financ", "£", "$", "€",
        ],
    ),
    (
        Intent::Workload,
        &[
            "task",
            "to-do",
            "todo",
            "overdue",
            "workload",
            "deadline",
            "due",
            "tired",
            "burn",
            "stress",
            "overwhelm",
        ],
    ),
    (
        Intent::Schedule,
        &[
            "schedule",
            "calendar",
            "event",
            "this week",
            "next week",
            "when",
            "meeting",
            "shoot",
            "upcoming",
            "diary",
            "invite",
        ],
    ),
    (
        Intent::Goals,
        &[
            "goal",
            "progress",
            "target",
            "achieve",
            "milestone",
            "ambition",
        ],
    ),
];

impl Intent {
    /// The intent of a prompt; a category the creator chose wins over the words.
    pub fn of(prompt: &str, category: Option<AiCategory>) -> Self {
        match category {
            Some(AiCategory::ContentIdeas) => return Self::ContentIdeas,
            Some(AiCategory::Scheduling) => return Self::Schedule,
            _ => {}
        }
        let prompt = prompt.to_lowercase();
        let best = KEYWORDS
            .iter()
            .map(|(intent, words)| {
                (
                    *intent,
                    words.iter().filter(|w| prompt.contains(*w)).count(),
                )
            })
            .filter(|(_, hits)| *hits > 0)
            // The first listed wins a tie: the order above is the precedence.
            .fold(
                None,
                |best: Option<(Intent, usize)>, (intent, hits)| match best {
                    Some((_, best_hits)) if best_hits >= hits => best,
                    _ => Some((intent, hits)),
                },
            );
        match (best, category) {
            (Some((intent, _)), _) => intent,
            (None, Some(AiCategory::CareerAdvice)) => Self::Goals,
            (None, _) => Self::General,
        }
    }

    /// The category stored with the exchange when the creator gave none.
    pub fn category(self) -> AiCategory {
        match self {
            Self::Schedule | Self::Workload => AiCategory::Scheduling,
            Self::ContentIdeas => AiCategory::ContentIdeas,
            Self::Goals | Self::Money => AiCategory::CareerAdvice,
            Self::General => AiCategory::General,
        }
    }
}

/// True when a prompt asks for something only the agency sees, so the answer can say so.
pub fn asks_for_agency_internals(prompt: &str) -> bool {
    const INTERNAL: [&str; 12] = [
        "invoice number",
        "agent note",
        "agent's note",
        "negotiation",
        "contract term",
        "payout date",
        "payment date",
        "paid date",
        "admin note",
        "internal",
        "other creator",
        "another creator",
    ];
    let prompt = prompt.to_lowercase();
    INTERNAL.iter().any(|term| prompt.contains(term))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompts_are_recognised_by_their_words() {
        let cases = [
            ("What's on my schedule next week?", Intent::Schedule),
            ("How are my goals going?", Intent::Goals),
            ("How much money did I earn this quarter?", Intent::Money),
            ("Give me some content ideas for reels", Intent::ContentIdeas),
            ("Which tasks are overdue?", Intent::Workload),
            ("Hello there", Intent::General),
        ];
        for (prompt, intent) in cases {
            assert_eq!(Intent::of(prompt, None), intent, "{prompt}");
        }
    }

    #[test]
    fn a_chosen_category_wins() {
        assert_eq!(
            Intent::of("anything", Some(AiCategory::ContentIdeas)),
            Intent::ContentIdeas
        );
        assert_eq!(
            Intent::of("hello", Some(AiCategory::CareerAdvice)),
            Intent::Goals
        );
        assert_eq!(
            Intent::of("my money", Some(AiCategory::General)),
            Intent::Money
        );
    }

    #[test]
    fn requests_for_internals_are_noticed() {
        assert!(asks_for_agency_internals(
            "What are the agent notes on my Nike deal?"
        ));
        assert!(asks_for_agency_internals("list my invoice numbers"));
        assert!(!asks_for_agency_internals("what should I post?"));
    }
}
