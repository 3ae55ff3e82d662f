//! The daily practice in the app: today's Hijri date and countdowns, the
//! prayer times at the reader's place, and a month of both calendars with
//! the days read. The rules are `companion_core::daily`; "now" and the
//! reader's day come from the app's clock.

use companion_core::daily::day_of;
use companion_core::daily::hijri::{countdown, gregorian_month, hijri_of, Occasion};
use companion_core::daily::prayer::{next_prayer, prayer_times};
use companion_core::habit::settings::HabitSettings;
use companion_core::habit::Day;
use companion_core::wire::{CalendarMonthView, DailySettings, DailyView, MonthRequest};

use crate::error::{Error, Result};
use crate::store::Store;

/// Today at `now`, on the reader's local day `day`.
pub fn today(settings: &DailySettings, now: jiff::Timestamp, day: Day) -> DailyView {
    let offset = settings.hijri_offset;
    let place = settings.place.as_ref().and_then(|p| p.place());
    let (prayers, next) = match &place {
        Some(place) => {
            // The place's own day: a reader far from it sees its times.
            let local = place.zone().map(|zone| day_of(now, &zone)).unwrap_or(day);
            (
                prayer_times(place, local, &settings.prayer).ok(),
                next_prayer(place, &settings.prayer, now).ok(),
            )
        }
        None => (None, None),
    };
    DailyView {
        day,
        hijri: hijri_of(day, offset),
        countdowns: Occasion::ALL
            .iter()
            .filter_map(|&o| countdown(o, day, offset))
            .collect(),
        place: settings.place.as_ref().map(|p| p.name.clone()),
        no_times: place.is_some() && prayers.is_none(),
        prayers,
        next,
    }
}

/// The Gregorian month of `request` with each day's Hijri date, the days
/// whose streak minimum was met, and the prayer times of each day.
pub async fn month(
    store: &Store,
    settings: &DailySettings,
    habit: &HabitSettings,
    request: MonthRequest,
    today: Day,
) -> Result<CalendarMonthView> {
    if !(1..=12).contains(&request.month) {
        return Err(Error::Invalid(format!(
            "A month is 1 to 12, not {}.",
            request.month
        )));
    }
    let grid = gregorian_month(
        request.year,
        request.month,
        settings.hijri_offset,
        habit.week_start,
    )
    .ok_or_else(|| {
        Error::Invalid(format!(
            "The calendar covers 1924 to 2077 (1343 to 1500 AH), not {}.",
            request.year
        ))
    })?;
    let (first, last) = match (grid.days.first(), grid.days.last()) {
        (Some(f), Some(l)) => (f.day, l.day),
        _ => (today, today),
    };
    let read = store
        .day_amounts(first, last)
        .await?
        .into_iter()
        .filter(|(_, amount)| habit.daily_minimum.is_met(amount))
        .map(|(day, _)| day)
        .collect();
    let prayers = match settings.place.as_ref().and_then(|p| p.place()) {
        Some(place) => grid
            .days
            .iter()
            .filter_map(|d| prayer_times(&place, d.day, &settings.prayer).ok())
            .collect(),
        None => Vec::new(),
    };
    Ok(CalendarMonthView {
        year: request.year,
        month: request.month,
        today,
        grid,
        read,
        prayers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use companion_core::daily::prayer::Prayer;
    use companion_core::wire::PlaceSetting;

    fn makkah() -> DailySettings {
        let city = companion_core::daily::cities::search("Makkah", 1)[0];
        DailySettings {
            place: Some(PlaceSetting {
                city: Some(city.id),
                name: city.name.to_owned(),
                latitude: city.latitude,
                longitude: city.longitude,
                time_zone: city.time_zone.to_owned(),
            }),
            prayer: city.settings(),
            ..DailySettings::default()
        }
    }

    #[test]
    fn today_has_the_hijri_date_the_countdowns_and_the_next_prayer() {
        // 2026-06-10 12:00 UTC is 15:00 in Makkah: Asr is next.
        let now: jiff::Timestamp = "2026-06-10T12:00:00Z".parse().unwrap();
        let day = Day::from_civil(2026, 6, 10).unwrap();
        let view = today(&makkah(), now, day);
        let hijri = view.hijri.unwrap();
        assert_eq!((hijri.year, hijri.month), (1447, 12), "Dhu al-Hijjah 1447");
        assert_eq!(view.countdowns.len(), 3);
        let times = view.prayers.unwrap();
        assert_eq!(times.day, day);
        let next = view.next.unwrap();
        assert_eq!(next.time.prayer, Prayer::Asr);
        assert!(next.seconds_left > 0 && next.seconds_left < 2 * 3600);
        assert_eq!(view.place.as_deref(), Some("Makkah"));
        assert!(!view.no_times);

        let nowhere = today(&DailySettings::default(), now, day);
        assert!(nowhere.prayers.is_none() && nowhere.next.is_none() && !nowhere.no_times);
        assert!(nowhere.hijri.is_some(), "the Hijri date needs no place");
    }

    #[tokio::test]
    async fn a_month_pairs_both_calendars_with_the_days_read_and_the_times() {
        use companion_core::wire::{ReadHow, RecordReadingRequest};
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::tests::open(dir.path()).await;
        let day = Day::from_civil(2026, 6, 10).unwrap();
        let request = RecordReadingRequest {
            ayahs: vec![companion_core::AyahRef::new(112, 1).unwrap()],
            how: ReadHow::Marked,
        };
        crate::progress::record(
            &store,
            quran_data::quran(),
            &request,
            i64::from(day.0) * 86_400,
            day,
        )
        .await
        .unwrap();
        let habit = HabitSettings::default();
        let june = MonthRequest {
            year: 2026,
            month: 6,
        };
        let view = month(&store, &makkah(), &habit, june, day).await.unwrap();
        assert_eq!(view.grid.days.len(), 30);
        assert_eq!(view.read, [day]);
        assert_eq!(view.prayers.len(), 30);
        // 2026-06-01 is a Monday: no blanks in a Monday week.
        assert_eq!(view.grid.leading_blanks, 0);
        let error = month(
            &store,
            &makkah(),
            &habit,
            MonthRequest {
                year: 2026,
                month: 13,
            },
            day,
        )
        .await
        .unwrap_err();
        assert_eq!(error.code(), "invalid_request");
        let error = month(
            &store,
            &makkah(),
            &habit,
            MonthRequest {
                year: 2200,
                month: 1,
            },
            day,
        )
        .await
        .unwrap_err();
        assert_eq!(error.code(), "invalid_request");
    }
}
