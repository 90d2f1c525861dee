//! Charts drawn on the server as SVG: no script, nothing from elsewhere, and an accessible
//! name (`role="img"` with a `<title>`) that says what the chart shows in words.

use std::fmt::Write;

/// One bar: its label under the axis, its value, and the value as people read it.
pub struct Bar {
    pub label: String,
    pub value: i64,
    pub display: String,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A bar chart of non-negative values, its bars labelled below and valued above.
pub fn bars(id: &str, title: &str, bars: &[Bar]) -> String {
    let (width, height, top, bottom) = (320.0_f64, 160.0_f64, 22.0_f64, 24.0_f64);
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1) as f64;
    let slot = width / bars.len().max(1) as f64;
    let mut svg = format!(
        r#"<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{id}-title"><title id="{id}-title">{}</title>"#,
        escape(title)
    );
    let plot = height - top - bottom;
    for (i, bar) in bars.iter().enumerate() {
        let h = (bar.value.max(0) as f64 / max * plot).max(1.0);
        let x = i as f64 * slot + slot * 0.2;
        let y = top + plot - h;
        let _ = write!(
            svg,
            r#"<rect class="bar" x="{x:.1}" y="{y:.1}" width="{:.1}" height="{h:.1}" rx="3"></rect><text class="value" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text><text class="axis" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            slot * 0.6,
            x + slot * 0.3,
            y - 6.0,
            escape(&bar.display),
            x + slot * 0.3,
            height - 6.0,
            escape(&bar.label),
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A dot for each reading of 1–5 over `days` days, oldest left, joined by a line.
pub fn levels(id: &str, title: &str, days: i64, readings: &[(i64, i32)]) -> String {
    let (width, height, left, top, bottom) = (320.0_f64, 140.0_f64, 22.0_f64, 10.0_f64, 22.0_f64);
    let plot_w = width - left - 8.0;
    let plot_h = height - top - bottom;
    let x = |days_ago: i64| left + plot_w * (1.0 - days_ago.clamp(0, days) as f64 / days as f64);
    let y = |level: i32| top + plot_h * (1.0 - (f64::from(level.clamp(1, 5)) - 1.0) / 4.0);
    let mut svg = format!(
        r#"<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{id}-title"><title id="{id}-title">{}</title>"#,
        escape(title)
    );
    for level in 1..=5 {
        let _ = write!(
            svg,
            r#"<line class="grid" x1="{left}" x2="{:.1}" y1="{:.1}" y2="{:.1}"></line><text class="axis" x="4" y="{:.1}">{level}</text>"#,
            width - 8.0,
            y(level),
            y(level),
            y(level) + 4.0
        );
    }
    let mut points: Vec<(f64, f64)> = readings
        .iter()
        .map(|(days_ago, level)| (x(*days_ago), y(*level)))
        .collect();
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    if points.len() > 1 {
        let path: Vec<String> = points
            .iter()
            .map(|(px, py)| format!("{px:.1},{py:.1}"))
            .collect();
        let _ = write!(
            svg,
            r#"<polyline class="line" points="{}"></polyline>"#,
            path.join(" ")
        );
    }
    for (px, py) in &points {
        let _ = write!(
            svg,
            r#"<circle class="dot" cx="{px:.1}" cy="{py:.1}" r="3.5"></circle>"#
        );
    }
    let _ = write!(
        svg,
        r#"<text class="axis" x="{left}" y="{:.1}">{days} days ago</text><text class="axis" x="{:.1}" y="{:.1}" text-anchor="end">today</text></svg>"#,
        height - 4.0,
        width - 8.0,
        height - 4.0
    );
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_has_an_accessible_name_and_escapes_its_text() {
        let svg = bars(
            "q",
            "Earned per quarter <GBP>",
            &[Bar {
                label: "2026-Q4".to_owned(),
                value: 5,
                display: "£5K".to_owned(),
            }],
        );
        assert!(svg.contains(r#"role="img" aria-labelledby="q-title""#));
        assert!(svg.contains("<title id=\"q-title\">Earned per quarter &lt;GBP&gt;</title>"));
        assert!(!svg.contains("style="), "no inline styles under the CSP");
        let svg = levels("w", "Energy", 90, &[(3, 4), (10, 2)]);
        assert_eq!(svg.matches("<circle").count(), 2);
    }
}
