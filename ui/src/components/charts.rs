//! The stats screen's pictures, drawn as SVG in the theme's tokens (every
//! colour is a CSS class, so light, sepia and dark are one set of rules):
//! daily bars, a year heat map of reading days, and a map of the surahs or
//! juz filled by how much of each has been read. Right to left, time runs
//! from the right and the map starts at the right, like the text.

use companion_core::habit::Day;
use companion_core::wire::Share;
use yew::prelude::*;

/// One bar: its day, its value, and the tooltip.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub day: Day,
    pub value: f64,
    pub label: String,
}

/// Where column `i` of `n` goes, right to left or not.
fn column(i: usize, n: usize, rtl: bool) -> usize {
    if rtl {
        n - 1 - i
    } else {
        i
    }
}

/// Daily bars scaled to the largest; today's bar is marked.
pub fn bars(id: &str, bars: &[Bar], rtl: bool) -> Html {
    const W: f64 = 12.0;
    const H: f64 = 80.0;
    let max = bars.iter().map(|b| b.value).fold(0.0, f64::max);
    let n = bars.len();
    html! {
        <svg class="chart bars" id={id.to_owned()} viewBox={format!("0 0 {} {}", n as f64 * W, H)}
            preserveAspectRatio="none" role="img">
            { for bars.iter().enumerate().map(|(i, bar)| {
                let height = if max > 0.0 { (bar.value / max * (H - 2.0)).max(if bar.value > 0.0 { 1.5 } else { 0.0 }) } else { 0.0 };
                let x = column(i, n, rtl) as f64 * W + 1.5;
                html! {
                    <g>
                        <rect class="bar-track" x={x.to_string()} y="0" width={(W - 3.0).to_string()} height={H.to_string()} rx="2" />
                        <rect class={classes!("bar", (i + 1 == n).then_some("today"))} x={x.to_string()}
                            y={(H - height).to_string()} width={(W - 3.0).to_string()} height={height.to_string()} rx="2"
                            data-day={bar.day.to_string()} data-value={format!("{}", bar.value)}>
                            <title>{ &bar.label }</title>
                        </rect>
                    </g>
                }
            }) }
        </svg>
    }
}

/// How dark a heat-map cell is: 0 for no reading, then 1 to 4 by quartile
/// of the year's busiest day.
pub fn level(ayahs: u32, busiest: u32) -> u8 {
    if ayahs == 0 || busiest == 0 {
        return 0;
    }
    let share = f64::from(ayahs) / f64::from(busiest);
    (share * 4.0).ceil().clamp(1.0, 4.0) as u8
}

/// A heat-map cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub ayahs: u32,
    pub met: bool,
    pub excused: bool,
    pub label: String,
}

/// The year as weeks (columns) of seven days (rows, from the week's
/// first day), starting at `cells[0]`, which is a week's first day.
pub fn heat_map(id: &str, cells: &[Cell], rtl: bool) -> Html {
    const S: f64 = 14.0;
    let weeks = cells.len().div_ceil(7).max(1);
    let busiest = cells.iter().map(|c| c.ayahs).max().unwrap_or(0);
    html! {
        <svg class="chart heat-map" id={id.to_owned()} viewBox={format!("0 0 {} {}", weeks as f64 * S, 7.0 * S)} role="img">
            { for cells.iter().enumerate().map(|(i, cell)| {
                let (week, row) = (i / 7, i % 7);
                let x = column(week, weeks, rtl) as f64 * S + 1.0;
                let y = row as f64 * S + 1.0;
                let class = classes!(
                    "cell",
                    format!("level-{}", level(cell.ayahs, busiest)),
                    cell.met.then_some("met"),
                    cell.excused.then_some("excused"),
                );
                html! {
                    <rect {class} x={x.to_string()} y={y.to_string()} width={(S - 2.0).to_string()}
                        height={(S - 2.0).to_string()} rx="2.5">
                        <title>{ &cell.label }</title>
                    </rect>
                }
            }) }
        </svg>
    }
}

/// Shares (surahs or juz) as a grid of `columns`, each cell filled from
/// the bottom by how much of it has been read; numbered when `numbered`.
pub fn share_map(
    id: &str,
    shares: &[Share],
    columns: usize,
    numbered: bool,
    label: impl Fn(usize, &Share) -> String,
    rtl: bool,
) -> Html {
    const S: f64 = 24.0;
    let rows = shares.len().div_ceil(columns).max(1);
    html! {
        <svg class="chart share-map" id={id.to_owned()} viewBox={format!("0 0 {} {}", columns as f64 * S, rows as f64 * S)} role="img">
            { for shares.iter().enumerate().map(|(i, share)| {
                let x = column(i % columns, columns, rtl) as f64 * S + 1.0;
                let y = (i / columns) as f64 * S + 1.0;
                let side = S - 2.0;
                let part = if share.total == 0 { 0.0 } else { f64::from(share.read) / f64::from(share.total) };
                let filled = side * part.clamp(0.0, 1.0);
                let whole = share.total > 0 && share.read >= share.total;
                html! {
                    <g class={classes!("share", whole.then_some("whole"))} data-read={share.read.to_string()} data-total={share.total.to_string()}>
                        <title>{ label(i, share) }</title>
                        <rect class="share-track" x={x.to_string()} y={y.to_string()} width={side.to_string()} height={side.to_string()} rx="3" />
                        <rect class="share-fill" x={x.to_string()} y={(y + side - filled).to_string()} width={side.to_string()} height={filled.to_string()} rx="3" />
                        if numbered {
                            <text class="share-number" x={(x + side / 2.0).to_string()} y={(y + side / 2.0 + 4.0).to_string()} text-anchor="middle">{ i + 1 }</text>
                        }
                    </g>
                }
            }) }
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_split_the_year_by_quartiles_of_its_busiest_day() {
        assert_eq!(level(0, 100), 0);
        assert_eq!(level(1, 100), 1);
        assert_eq!(level(25, 100), 1);
        assert_eq!(level(26, 100), 2);
        assert_eq!(level(75, 100), 3);
        assert_eq!(level(100, 100), 4);
        assert_eq!(level(5, 0), 0);
    }

    #[test]
    fn right_to_left_puts_the_first_column_at_the_right() {
        assert_eq!(column(0, 30, false), 0);
        assert_eq!(column(0, 30, true), 29);
        assert_eq!(column(29, 30, true), 0);
    }
}
