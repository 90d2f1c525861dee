//! The built-in assistant: answers from the creator's own portal data, naming the events,
//! tasks and goals it draws on. Deterministic: the same data and prompt give the same answer.

use std::fmt::Write;

use super::context::AssistantContext;
use super::intent::{Intent, asks_for_agency_internals};
use crate::db::entities::Platform;
use crate::views::creator::{EventView, TaskView, TrendDirection};

const INTRO: &str = "I'm your built-in assistant, answering from what your portal shows.";
const INTERNALS: &str = "I can only see what your portal shows you: agency notes, contract terms, \
invoice numbers and payment or payout dates stay with your agent, so ask them for those.";

pub fn answer(context: &AssistantContext, prompt: &str, intent: Intent) -> String {
    let mut out = String::from(INTRO);
    out.push(' ');
    if asks_for_agency_internals(prompt) {
        out.push_str(INTERNALS);
        out.push_str("\n\n");
    }
    match intent {
        Intent::Schedule => schedule(context, &mut out),
        Intent::Goals => goals(context, &mut out),
        Intent::Money => money(context, &mut out),
        Intent::ContentIdeas => content_ideas(context, &mut out),
        Intent::Workload => workload(context, &mut out),
        Intent::General => general(context, &mut out),
    }
    out.trim_end().to_owned()
}

fn day(event: &EventView) -> String {
    event.start_at.format("%a %-d %b, %H:%M UTC").to_string()
}

fn event_line(event: &EventView) -> String {
    let place = event
        .location
        .as_deref()
        .map(|l| format!(" at {l}"))
        .unwrap_or_default();
    format!(
        "- {} ({}) on {}{place}",
        event.event_name,
        event.event_type.as_str(),
        day(event)
    )
}

fn task_line(task: &TaskView) -> String {
    let due = task
        .due_at
        .map(|d| format!(", due {}", d.format("%a %-d %b")))
        .unwrap_or_default();
    format!(
        "- {} ({} priority{due})",
        task.title,
        task.priority.as_str()
    )
}

fn schedule(c: &AssistantContext, out: &mut String) {
    let upcoming = &c.portal.events.upcoming;
    if upcoming.is_empty() {
        out.push_str("Your calendar has nothing coming up yet.\n");
    } else {
        out.push_str("Here's what's coming up:\n");
        for event in upcoming {
            let _ = writeln!(out, "{}", event_line(event));
        }
    }
    if !c.awaiting_answer.is_empty() {
        let _ = writeln!(
            out,
            "\nThese wait for your answer (accept or decline them in Events):"
        );
        for event in &c.awaiting_answer {
            let _ = writeln!(out, "{}", event_line(event));
        }
    }
    let due = c.portal.tasks.due_this_week;
    if due > 0 {
        let _ = writeln!(out, "\nYou also have {due} task(s) due in the next 7 days.");
    }
}

fn goals(c: &AssistantContext, out: &mut String) {
    let goals = &c.portal.goals;
    if goals.active.is_empty() {
        out.push_str("You have no active goals. Setting one (a revenue target, a content streak, an event to land) makes progress easy to track here.\n");
        return;
    }
    let _ = writeln!(
        out,
        "You have {} active goal(s), {:.0}% of the way on average:",
        goals.count,
        goals.average_progress * 100.0
    );
    for goal in &goals.active {
        let timeframe = goal
            .timeframe
            .as_deref()
            .map(|t| format!(", {t}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "- {}: {:.0}%{timeframe}",
            goal.title,
            goal.progress * 100.0
        );
    }
    if let Some(lagging) = goals
        .active
        .iter()
        .min_by(|a, b| a.progress.total_cmp(&b.progress).then(a.id.cmp(&b.id)))
    {
        let _ = writeln!(
            out,
            "\nThe one furthest behind is \"{}\": one small step on it this week would move your average most.",
            lagging.title
        );
    }
}

fn money(c: &AssistantContext, out: &mut String) {
    let currencies = &c.portal.revenue.currencies;
    if currencies.is_empty() {
        out.push_str("There's no money recorded for you yet; your earnings will show here once invoices are paid.\n");
        return;
    }
    for summary in currencies {
        let trend = match (summary.trend.direction, summary.trend.change_percent) {
            (TrendDirection::Up, Some(p)) => format!("up {p}% on the 90 days before"),
            (TrendDirection::Down, Some(p)) => format!("down {}% on the 90 days before", p.abs()),
            (_, None) => "with nothing to compare against from the 90 days before".to_owned(),
            _ => "about level with the 90 days before".to_owned(),
        };
        let _ = writeln!(
            out,
            "In {}: {} earned in all, {} this year; the last 90 days are {trend}. {} is outstanding, {} paid out to you and {} on its way. Deals in progress are worth {}.",
            summary.currency,
            summary.total_earned.display,
            summary.earned_this_year.display,
            summary.outstanding.display,
            summary.paid_out.display,
            summary.pending_payouts.display,
            summary.pipeline.display,
        );
        if let Some(quarter) = summary.quarters.last() {
            let _ = writeln!(
                out,
                "This quarter ({}) so far: {}.",
                quarter.quarter, quarter.earned.display
            );
        }
    }
    if let Some(deal) = c.portal.deals.active.first() {
        let next = deal
            .next_action
            .as_deref()
            .unwrap_or("no next step recorded yet");
        let _ = writeln!(
            out,
            "\nYour active deal with {} ({}): {next}.",
            deal.brand.name, deal.name
        );
    }
}

fn platform_format(platform: Platform) -> &'static str {
    match platform {
        Platform::Instagram => "Instagram reel",
        Platform::Tiktok => "TikTok",
        Platform::Youtube => "YouTube video",
        Platform::X => "thread on X",
        Platform::Linkedin => "LinkedIn post",
    }
}

fn content_ideas(c: &AssistantContext, out: &mut String) {
    let mut platforms: Vec<Platform> = c
        .portal
        .socials
        .accounts
        .iter()
        .filter(|a| a.connected)
        .map(|a| a.platform)
        .collect();
    if platforms.is_empty() {
        platforms = vec![Platform::Instagram, Platform::Tiktok];
    }
    let categories: Vec<&str> = if c.profile.categories.is_empty() {
        vec!["your day-to-day"]
    } else {
        c.profile.categories.iter().map(String::as_str).collect()
    };
    out.push_str("Some ideas drawn from your categories and platforms:\n");
    const ANGLES: [&str; 3] = [
        "a behind-the-scenes look at your {c} routine",
        "your three honest {c} tips that took years to learn",
        "a before-and-after of a {c} project, start to finish",
    ];
    for (i, platform) in platforms.iter().enumerate().take(3) {
        let category = categories[i % categories.len()];
        let angle = ANGLES[i % ANGLES.len()].replace("{c}", category);
        let _ = writeln!(out, "- A {}: {angle}.", platform_format(*platform));
    }
    if let Some(event) = c.portal.events.upcoming.first() {
        let _ = writeln!(
            out,
            "- Build up to {} on {} with a countdown and a recap afterwards.",
            event.event_name,
            event.start_at.format("%a %-d %b")
        );
    }
    if let Some(insight) = c.portal.insights.unread.first() {
        let _ = writeln!(
            out,
            "- Your latest insight, \"{}\", points the way too.",
            insight.title
        );
    }
}

fn workload(c: &AssistantContext, out: &mut String) {
    let tasks = &c.portal.tasks;
    let _ = writeln!(
        out,
        "You have {} overdue task(s) and {} due in the next 7 days.",
        tasks.overdue, tasks.due_this_week
    );
    if !tasks.open.is_empty() {
        out.push_str("Your open tasks, soonest first:\n");
        for task in &tasks.open {
            let _ = writeln!(out, "{}", task_line(task));
        }
    }
    if let Some(latest) = &c.portal.wellness.latest {
        let _ = writeln!(
            out,
            "\nYour last check-in had energy at {}/5 with a {} workload.",
            latest.energy_level,
            latest.workload.as_str()
        );
        if latest.energy_level <= 2 {
            out.push_str("That's low: consider asking your agent to move a deadline, and block time to rest.\n");
        }
    }
}

fn general(c: &AssistantContext, out: &mut String) {
    let _ = writeln!(
        out,
        "Hi {}! Here's where things stand:",
        c.profile.display_name
    );
    let p = &c.portal;
    let _ = writeln!(
        out,
        "- {} upcoming event(s), {} waiting for your answer",
        p.events.upcoming.len(),
        p.events.pending_response
    );
    if let Some(event) = p.events.upcoming.first() {
        let _ = writeln!(out, "  next: {} on {}", event.event_name, day(event));
    }
    let _ = writeln!(
        out,
        "- {} overdue task(s), {} due this week",
        p.tasks.overdue, p.tasks.due_this_week
    );
    if let Some(task) = p.tasks.open.first() {
        let _ = writeln!(out, "  next: {}", task.title);
    }
    let _ = writeln!(out, "- {} active goal(s)", p.goals.count);
    if let Some(goal) = p.goals.active.first() {
        let _ = writeln!(out, "  newest: {}", goal.title);
    }
    let _ = writeln!(out, "- {} unread insight(s)", p.insights.unread_count);
    out.push_str("\nAsk me about your schedule, goals, money, workload or content ideas.\n");
}
