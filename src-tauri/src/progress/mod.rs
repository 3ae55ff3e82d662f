//! Reading progress in the app: ayahs that count are stored with what
//! they are worth (letters, their share of a page, the reading time they
//! need), and home's summary is computed from the store with the rules of
//! `companion_core::habit`. Time and zone come in as arguments, so every
//! rule here is tested at any instant.

use std::collections::{BTreeSet, HashSet};
use std::sync::OnceLock;

use companion_core::habit::dwell::threshold_seconds;
use companion_core::habit::goal::Amount;
use companion_core::habit::khatm::{next_to_read, portion};
use companion_core::habit::settings::HabitSettings;
use companion_core::habit::streak::{streak, Days, Streak};
use companion_core::habit::{Day, Weekday};
use companion_core::wire::{
    GoalView, KhatmView, Portion, ProgressSummary, ReadingTally, RecordReadingRequest,
};
use companion_core::AyahRef;
use quran_data::Quran;

use crate::error::{Error, Result};
use crate::store::{GoalRow, ReadAyah, Store};

/// The most ayahs one call may record (a whole surah marked read is 286).
pub const MAX_AYAHS_PER_CALL: usize = 300;

/// Letters of every Madani page, by page number − 1.
fn page_letters(quran: &Quran) -> &'static [u32] {
    static PAGES: OnceLock<Vec<u32>> = OnceLock::new();
    PAGES.get_or_init(|| {
        quran
            .pages()
            .iter()
            .map(|p| quran.range(p.first, p.last).iter().map(|a| a.letters).sum())
            .collect()
    })
}

/// What reading `ayah` is worth.
pub fn worth(quran: &Quran, ayah: AyahRef) -> ReadAyah {
    let found = quran.ayah(ayah);
    let on_page = page_letters(quran)
        .get(usize::from(found.page).saturating_sub(1))
        .copied()
        .unwrap_or(0);
    ReadAyah {
        ayah,
        letters: found.letters,
        pages: if on_page == 0 {
            0.0
        } else {
            f64::from(found.letters) / f64::from(on_page)
        },
        seconds: threshold_seconds(found.letters),
    }
}

/// Stores ayahs that counted at `at` (local day `day`) and answers what
/// the reader's counter shows.
pub async fn record(
    store: &Store,
    quran: &Quran,
    request: &RecordReadingRequest,
    at: i64,
    day: Day,
) -> Result<ReadingTally> {
    if request.ayahs.len() > MAX_AYAHS_PER_CALL {
        return Err(Error::Invalid(format!(
            "At most {MAX_AYAHS_PER_CALL} ayahs are recorded at once."
        )));
    }
    let ayahs: Vec<ReadAyah> = request.ayahs.iter().map(|&a| worth(quran, a)).collect();
    let recorded = store.record_read(at, day, &ayahs, request.how).await?;
    let today = store
        .day_amounts(day, day)
        .await?
        .first()
        .map(|(_, amount)| amount.hasanat)
        .unwrap_or(0);
    Ok(ReadingTally {
        newly: recorded.newly,
        session_hasanat: store.session_hasanat(&recorded.session).await?,
        today_hasanat: today,
    })
}

/// A goal's progress in the period holding `today`; a goal met now is
/// recorded with the day it was met.
pub async fn goal_view(
    store: &Store,
    row: &GoalRow,
    today: Day,
    week_start: Weekday,
) -> Result<GoalView> {
    let (start, _) = row.goal.period_of(today, week_start);
    let days = store.day_amounts(start, today).await?;
    goal_in(store, row, &days, today, week_start).await
}

/// [`goal_view`] from the amounts of the days up to `today` (at least
/// those of the goal's period).
async fn goal_in(
    store: &Store,
    row: &GoalRow,
    days: &[(Day, Amount)],
    today: Day,
    week_start: Weekday,
) -> Result<GoalView> {
    let (start, _) = row.goal.period_of(today, week_start);
    let done = amount_since(days, start);
    let met_on = if row.goal.is_met(done) {
        Some(store.goal_met(&row.id, start, today).await?)
    } else {
        None
    };
    Ok(GoalView {
        id: row.id.clone(),
        goal: row.goal,
        done: done.in_measure(row.goal.measure),
        progress: row.goal.progress(done),
        met_on,
    })
}

/// What the days from `first` on amount to.
pub fn amount_since(days: &[(Day, Amount)], first: Day) -> Amount {
    days.iter()
        .filter(|(day, _)| *day >= first)
        .fold(Amount::default(), |sum, (_, a)| sum.plus(*a))
}

/// The standing khatm plan on `today`: where it stands (the ayahs of its
/// range read in order since it began) and today's portion, counted from
/// where it stood this morning so that reading today does not move it.
pub async fn khatm_view(store: &Store, quran: &Quran, today: Day) -> Result<Option<KhatmView>> {
    let Some(row) = store.plan().await? else {
        return Ok(None);
    };
    let plan = row.plan;
    let read = store
        .read_since(row.created_at, plan.first, plan.last)
        .await?;
    let before_today: HashSet<AyahRef> = read
        .iter()
        .filter(|(_, d)| *d < today)
        .map(|(a, _)| *a)
        .collect();
    let all: HashSet<AyahRef> = read.iter().map(|(a, _)| *a).collect();
    let now = next_to_read(&plan, plan.first, |a| all.contains(&a));
    let morning = next_to_read(&plan, plan.first, |a| before_today.contains(&a));
    let total = u32::try_from(plan.ayah_count()).unwrap_or(u32::MAX);
    let done = now.map_or(total, |next| u32::from(next.index() - plan.first.index()));
    if done == total {
        store.plan_completed(&row.id, today).await?;
    }
    let today_portion = match (now, morning) {
        (Some(_), Some(start)) => {
            portion(&plan, start, today, |a| quran.ayah(a).letters).map(|(start, end)| Portion {
                start,
                end,
                first_page: quran.ayah(start).page,
                last_page: quran.ayah(end).page,
            })
        }
        _ => None,
    };
    Ok(Some(KhatmView {
        first: plan.first,
        last: plan.last,
        end: plan.end,
        today: today_portion,
        done,
        total,
    }))
}

/// The streak on `today` by the reader's rules: days meeting their
/// minimum, excused days, and the freezes a month allows.
pub async fn streak_on(store: &Store, habit: &HabitSettings, today: Day) -> Result<Streak> {
    let days = store.day_amounts(Day(i32::MIN), today).await?;
    let excused = store.excused(Day(i32::MIN), today).await?;
    Ok(streak_of(&days, excused, habit, today))
}

/// [`streak_on`] from every day's amounts up to `today`.
pub fn streak_of(
    days: &[(Day, Amount)],
    excused: BTreeSet<Day>,
    habit: &HabitSettings,
    today: Day,
) -> Streak {
    let met = days
        .iter()
        .filter(|(_, amount)| habit.daily_minimum.is_met(amount))
        .map(|(day, _)| *day)
        .collect();
    streak(&Days { met, excused }, today, habit.freezes_per_month)
}

/// Today, this week, all time, the streak and the goals, on `today`.
pub async fn summary(store: &Store, habit: &HabitSettings, today: Day) -> Result<ProgressSummary> {
    let week_start = today.week_start(habit.week_start);
    // One read of the days every figure and goal needs: the week, and the
    // month for monthly goals.
    let days = store
        .day_amounts(week_start.min(today.month_start()), today)
        .await?;
    let mut goals = Vec::new();
    for row in store.goals().await? {
        goals.push(goal_in(store, &row, &days, today, habit.week_start).await?);
    }
    Ok(ProgressSummary {
        day: today,
        khatm: khatm_view(store, quran_data::quran(), today).await?,
        goals,
        today: amount_since(&days, today),
        week: amount_since(&days, week_start),
        all_time: store.all_time().await?,
        streak: streak_on(store, habit, today).await?,
        excused: store
            .excused(today.plus(-6), today)
            .await?
            .into_iter()
            .collect(),
        minimum: habit.daily_minimum,
    })
}

#[cfg(test)]
mod tests;
