# Qur'an Companion — English UI strings.
# Every user-facing string in the UI lives here; the Arabic UI is a
# translation of this file, not a rewrite of the code.

app-name = Qur'an Companion
nav-home = Home
nav-surahs = Surahs
nav-juz = Juz
nav-pages = Pages
nav-search = Search
nav-bookmarks = Bookmarks
nav-settings = Settings
nav-back = Back
nav-main = Main navigation

goto-label = Go to a surah or ayah
goto-placeholder = Go to… e.g. 2:255
goto-button = Go

home-progress = Your reading
home-today = Today
home-week = This week
home-all-time = All time
home-hasanat = { $count } Hasanat
home-streak = { $days }-day streak
home-streak-none = Read an ayah today to start a streak.
home-freeze-used = A streak freeze kept your streak on { $date }.
goals-title = Goals
goals-none = No goals yet: set one below.
goals-remove = Remove
goals-describe = { $target } { $measure } { $period }
goals-pages = pages
goals-ayahs = ayahs
goals-minutes = minutes
goals-hasanat = Hasanat
goals-daily = a day
goals-weekly = a week
goals-monthly = a month
goals-met = Met on { $date }
goals-progress = { $done } of { $target }
goals-new = A new goal
goals-target = Target
goals-add = Set goal
khatm-title = Khatm plan
khatm-hint = Finish the whole Qur'an by a day you choose: each day's portion is worked out from what is left.
khatm-date = Finish by
khatm-start = Start the plan
khatm-ramadan = Ramadan: 30 days from this day
khatm-today = Today: { $start } to { $end } (pages { $first_page }–{ $last_page })
khatm-open = Open today's portion
khatm-progress = { $done } of { $total } ayahs · ends { $end }
khatm-end = End the plan
khatm-complete = The khatm is complete. May Allah accept it from you.
home-continue = Continue reading
home-continue-at = { $surah } · { $reference }
home-ayah-of-day = Ayah of the day
home-start = Start reading
home-start-hint = Begin with Al-Fatihah, the Opener.
home-start-button = Open Al-Fatihah
home-explore = Explore
tile-surahs = Surahs
tile-surahs-hint = All 114, with meanings
tile-juz = Juz
tile-juz-hint = 30 parts and hizb quarters
tile-pages = Pages
tile-pages-hint = The 604 Madani pages
tile-search = Search
tile-search-hint = Arabic or translation
tile-bookmarks = Bookmarks
tile-bookmarks-hint = Your saved ayahs and notes

surahs-title = Surahs
surahs-filter = Filter by name or number
surah-meta = { $meaning } · { $revelation } · { $ayahs ->
    [one] 1 ayah
   *[other] { $ayahs } ayahs
  }
revelation-meccan = Meccan
revelation-medinan = Medinan
surahs-none = No surah matches “{ $filter }”.

juz-title = Juz and hizb quarters
juz-tab-juz = Juz
juz-tab-quarters = Hizb quarters
juz-row = Juz { $number }
juz-starts = Starts at { $surah } { $reference }
quarter-row = Hizb { $hizb } · { $quarter ->
    [1] start
    [2] ¼
    [3] ½
   *[other] ¾
  }

pages-title = Madani pages
pages-label = Page number
pages-open = Open page
page-button = Page { $number }
page-invalid = Pages are numbered 1 to 604.

reader-hasanat = { $count } Hasanat
reader-hasanat-hint = Today's Hasanat: 10 for every letter read. An ayah counts once it has been on screen long enough to read it.
reader-loading = Opening…
reader-title-surah = { $number }. { $name }
reader-title-juz = Juz { $number }
reader-title-quarter = Hizb quarter { $number }
reader-title-page = Page { $number }
reader-previous = Previous
reader-next = Next
reader-translation = Translation
reader-transliteration = Transliteration
reader-page-mode = Page mode
reader-verse-mode = Verse by verse
reader-font-smaller = Smaller text
reader-font-larger = Larger text
reader-theme = Theme
reader-keyboard-hint = Keys: ↑ ↓ or j k move between ayahs, b bookmarks.
reader-ayah-label = Ayah { $reference }
reader-juz-marker = Juz { $number }
reader-quarter-marker = Hizb { $hizb } { $quarter ->
    [1] start
    [2] ¼
    [3] ½
   *[other] ¾
  }
reader-sajdah = Sajdah
reader-page-marker = Page { $number }
reader-meta = { $meaning } · { $revelation } · { $ayahs } ayahs
reader-region = Qur'an text

bookmark-add = Bookmark { $reference }
bookmark-edit = Edit bookmark on { $reference }
bookmark-note = Note (optional)
bookmark-save = Save bookmark
bookmark-cancel = Cancel
bookmark-remove = Remove bookmark
bookmark-saved = Bookmark saved.
bookmark-removed = Bookmark removed.

bookmarks-title = Bookmarks
bookmarks-empty = No bookmarks yet. In the reader, press the ☆ beside an ayah (or the b key) to keep it here.
bookmarks-open = Open { $reference }
bookmarks-delete = Delete bookmark on { $reference }
bookmarks-added = Added { $date }

search-title = Search
search-label = Search the Qur'an
search-placeholder = Arabic or translation, e.g. الرحمن or mercy
search-button = Search
search-in = Translation searched: { $language }
search-results = { $total ->
    [one] 1 ayah found
   *[other] { $total } ayahs found
  }
search-showing = showing the first { $shown }
search-none = Nothing found for “{ $query }”. Try fewer words, or another spelling.
search-open = Open { $reference }
search-hint = Arabic search ignores diacritics and letter forms, so you can type without tashkeel. English search ignores case and accents.

settings-reading-rule = How reading is counted
settings-reading-rule-dwell = An ayah counts as read when it has been on screen long enough to read it: { $min } seconds, plus one second for every { $pace } letters. When several ayahs are on screen, time goes to them in order, as you read them: Al-Fatihah takes about { $fatihah } seconds.
settings-reading-rule-other = An ayah recited to its end also counts, and each ayah counts once per reading.
settings-reading-rule-session = A reading ends when you leave the reader, or after { $minutes } minutes without an ayah counting.
settings-reading-rule-hasanat = Hasanat: { $per_letter } for every letter of every ayah read.
settings-title = Settings
settings-theme = Theme
theme-light = Light
theme-dark = Dark
theme-sepia = Sepia
settings-font-size = Arabic text size
settings-font-size-value = { $size } px
settings-translation = Show translation
settings-translation-language = Translation language
settings-transliteration = Show transliteration
settings-language = App language
settings-preview = Preview
settings-saved = Settings saved.
settings-about = About the text
settings-attribution = Qur'an text (Uthmani, Hafs) from The Noble Qur'an Encyclopedia; translations and transliteration from Tanzil, via quran-json (CC BY-SA 4.0). Juz, hizb, page and sajdah data from quran-meta (MIT). Search also reads Tanzil's standard-spelling text (CC BY 3.0). Cities from GeoNames (CC BY 4.0); the Umm al-Qura table from hijridate (MIT). Amiri Quran font (SIL Open Font License).

settings-attribution-full = Sources and licences in full

# Each language is named in itself, in every locale.
language-en = English
language-ar = العربية

on = On
off = Off
close = Close
error-generic = Something went wrong: { $message }

# Errors from the app, by their stable code. English shows the app's own
# (more specific) sentence; these stand in when it sent none, and list
# every code that other languages must translate.
error-invalid_reference = That is not a reference. Write a surah such as 18, an ayah such as 2:255 or a range such as 2:255-257.
error-reference_too_long = That reference is too long.
error-surah_out_of_range = That surah does not exist: surahs are numbered 1 to 114.
error-ayah_out_of_range = That ayah does not exist in this surah.
error-range_reversed = The range ends before it starts: put the earlier ayah first.
error-empty_query = Type a word to search for.
error-query_too_long = That search is too long: a search has at most 200 characters.
error-unknown_translation = That translation is not in the app.
error-invalid_goal = A goal needs a target of at least 1.
error-invalid_plan = That plan cannot be followed: choose an end date after today and a range that runs forward.
error-invalid_place = That place cannot be used: check its latitude, longitude and time zone.
error-no_prayer_times = The sun does not rise or set there on that day, so its prayer times cannot be computed.
error-invalid_setting = That setting is out of its range.
error-not_found = What was asked for could not be found.
error-store_unavailable = Your saved data is unavailable right now. The Qur'an reader still works.
error-database_error = Your saved data could not be read or written.
error-invalid_request = The request was not valid.
error-corrupt_setting = A saved setting could not be read.
error-audio_unavailable = Recitation is unavailable right now.
error-unknown_reciter = That reciter is not in the app.
error-offline = This ayah's audio is not on this device and the network cannot be reached: download the surah for offline listening, or try again when online.
error-server_error = The recitation server answered with an error. Try again later.
error-not_audio = What the recitation server sent is not audio.
error-disk = The audio could not be written to disk. Free some space or choose another folder.
error-no_audio_device = No audio output device is available. Everything else keeps working; connect a device and press play to try again.
error-cancelled = Cancelled.
error-download_failed = The download stopped after an error. Press Resume to try again.
error-encode_failed = The request could not be sent to the app.
error-decode_failed = The app's reply could not be read.
error-command_failed = The app could not do that.
error-outside_app = This page must run inside the Qur'an Companion app.

# Recitation
audio-player = Recitation
audio-play-from = Play from { $reference }
audio-play-one = Play { $reference } only
audio-play-surah = Play surah
audio-play-range = Play range
audio-now = Reciting { $reference }
audio-repetition = repetition { $repetition }, round { $round }
audio-buffering = Loading…
audio-paused = Paused
audio-pause = Pause
audio-resume = Resume
audio-previous = Previous ayah
audio-next = Next ayah
audio-stop = Stop
settings-recitation = Recitation
settings-reciter = Reciter
style-murattal = murattal
style-mujawwad = mujawwad
style-muallim = teaching
settings-repeat-each = Repeat each ayah
settings-repeat-range = Repeat the whole range
settings-gap = Pause between ayahs
gap-none = No pause
gap-1s = 1 second
gap-3s = 3 seconds
gap-5s = 5 seconds
gap-1x = As long as the ayah
gap-2x = Twice as long as the ayah
settings-speed = Speed
settings-continue = Continue into the next surah
settings-audio-base = Audio address
settings-audio-mirror = Mirror address
settings-audio-mirror-none = None (optional)
settings-downloads = Downloads for offline listening

downloads-title = Downloads
downloads-intro = Download recitation to listen without a network. Ayahs you play are also kept as they stream.
downloads-stored = On this device
downloads-usage = { $files } of { $total } ayahs · { $megabytes } MB
downloads-surah = Surah
downloads-start-surah = Download surah
downloads-start-all = Download the whole Qur'an
downloads-delete = Delete this reciter's audio
downloads-delete-confirm = Press again to delete
downloads-jobs = Downloads
downloads-none = Nothing is downloading.
downloads-whole = the whole Qur'an
downloads-progress = { $done } of { $total } files · { $megabytes } MB
download-running = Downloading
download-paused = Paused
download-done = Done
download-failed = Stopped
download-cancelled = Cancelled
downloads-pause = Pause
downloads-resume = Resume
downloads-cancel = Cancel

# Stats, achievements and the habit's own rules.
nav-stats = Stats
home-minimum = A day counts for the streak with { $minimum }.
home-excuse-today = Excuse today
home-excuse-yesterday = Excuse yesterday
home-excused-today = Today is excused
home-excused-yesterday = Yesterday is excused
home-excused-hint = Ill, travelling or on your period? An excused day pauses your streak instead of breaking it. Only you see it.
home-see-stats = Stats
home-see-achievements = Achievements
minimum-ayahs = { $amount ->
    [one] one ayah
   *[other] { $amount } ayahs
}
minimum-pages = { $amount ->
    [one] one page
   *[other] { $amount } pages
}
minimum-minutes = { $amount ->
    [one] one minute
   *[other] { $amount } minutes
}
stats-title = Stats
stats-totals = Totals
stats-hasanat = Hasanat
stats-minutes = Minutes
stats-pages = Pages
stats-days = Days read
stats-sessions = Readings
stats-streak-longest = Longest streak
stats-daily = Day by day
stats-last-7 = 7 days
stats-last-30 = 30 days
stats-metric-hasanat = Hasanat
stats-metric-ayahs = Ayahs
stats-metric-minutes = Minutes
stats-bar = { $date }: { $value }
stats-year = The last year
stats-year-day = { $date }: { $ayahs } ayahs
stats-year-excused = { $date }: excused
stats-less = Less
stats-more = More
stats-map = The Qur'an read at least once
stats-map-share = { $percent }% · { $read } of 6,236 ayahs
stats-map-surahs = Surahs
stats-map-juz = Juz
stats-map-cell-surah = Surah { $number }: { $read } of { $total } ayahs
stats-map-cell-juz = Juz { $number }: { $read } of { $total } ayahs
achievements-title = Achievements
achievements-count = { $unlocked } of { $total } unlocked
achievements-unlocked-on = Unlocked on { $date }
achievements-progress = { $current } of { $target }
achievement-unlocked = Achievement unlocked: { $name }
achievement-first_session = First steps
achievement-first_session-about = Finish your first reading.
achievement-streak_3 = Three days
achievement-streak_3-about = Read on 3 days in a row.
achievement-streak_7 = A full week
achievement-streak_7-about = Read on 7 days in a row.
achievement-streak_30 = A month of days
achievement-streak_30-about = Keep a 30-day streak.
achievement-streak_100 = One hundred days
achievement-streak_100-about = Keep a 100-day streak.
achievement-streak_365 = A year with the Qur'an
achievement-streak_365-about = Keep a 365-day streak.
achievement-first_surah = A whole surah
achievement-first_surah-about = Read every ayah of a surah.
achievement-al_kahf = The Cave
achievement-al_kahf-about = Read all of Surat Al-Kahf.
achievement-al_baqarah = The Cow
achievement-al_baqarah-about = Read all of Surat Al-Baqarah.
achievement-first_juz = A whole juz
achievement-first_juz-about = Read every ayah of a juz.
achievement-juz_amma = Juz ʿAmma
achievement-juz_amma-about = Read all of the thirtieth juz.
achievement-ten_juz = Ten juz
achievement-ten_juz-about = Read ten whole juz.
achievement-first_khatm = Khatm
achievement-first_khatm-about = Read the whole Qur'an, or complete a khatm plan.
achievement-ayahs_1000 = A thousand ayahs
achievement-ayahs_1000-about = Read 1,000 different ayahs.
achievement-hasanat_10k = 10,000 Hasanat
achievement-hasanat_10k-about = Earn 10,000 Hasanat by reading.
achievement-hasanat_100k = 100,000 Hasanat
achievement-hasanat_100k-about = Earn 100,000 Hasanat by reading.
achievement-hasanat_1m = A million Hasanat
achievement-hasanat_1m-about = Earn 1,000,000 Hasanat by reading.
achievement-reading_days_30 = Thirty days
achievement-reading_days_30-about = Read on 30 different days.
achievement-hour_in_a_day = An hour in a day
achievement-hour_in_a_day-about = Read for 60 minutes in one day.
achievement-sessions_100 = One hundred readings
achievement-sessions_100-about = Finish 100 readings.
achievement-goal_week = A goal kept
achievement-goal_week-about = Meet a weekly goal, or a daily goal seven days in a row.
achievement-focus_10 = Ten in focus
achievement-focus_60 = An hour of focus
achievement-focus_60-about = Complete a 60-minute Focus Mode session.
achievement-focus_10-about = Complete 10 Focus Mode sessions.
reader-mark-read = Mark { $reference } read
reader-read-to-here = Read up to { $reference }
reader-marked = { $count ->
    [one] One ayah marked read.
   *[other] { $count } ayahs marked read.
}
settings-habit = Streak and week
settings-minimum = A day counts for the streak with at least
settings-minimum-amount = Amount
settings-week-start = The week starts on
settings-freezes = Streak freezes each month
settings-freezes-hint = A freeze is used by itself for a day you miss, so one missed day does not end a long streak.
weekday-monday = Monday
weekday-saturday = Saturday
weekday-sunday = Sunday
date = { $day } { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
khatm-from = From juz
khatm-to = to juz

# Prayer times and the Hijri calendar.
nav-calendar = Calendar
today-title = Today
today-hijri = { $day } { $month } { $year } AH
today-choose-place = Choose your city for prayer times
today-no-times = The sun gives no prayer times at { $place } today.
today-next = { $prayer } in { $time }
today-prayers-at = Prayer times in { $place }
countdown-ramadan = Ramadan in { $days ->
    [one] one day
   *[other] { $days } days
}
countdown-ramadan-underway = Ramadan Mubarak
countdown-eid_al_fitr = Eid al-Fitr in { $days ->
    [one] one day
   *[other] { $days } days
}
countdown-eid_al_fitr-underway = Eid Mubarak
countdown-eid_al_adha = Eid al-Adha in { $days ->
    [one] one day
   *[other] { $days } days
}
countdown-eid_al_adha-underway = Eid Mubarak
prayer-fajr = Fajr
prayer-sunrise = Sunrise
prayer-dhuhr = Dhuhr
prayer-asr = Asr
prayer-maghrib = Maghrib
prayer-isha = Isha
hijri-month-1 = Muharram
hijri-month-2 = Safar
hijri-month-3 = Rabi al-Awwal
hijri-month-4 = Rabi al-Thani
hijri-month-5 = Jumada al-Ula
hijri-month-6 = Jumada al-Akhirah
hijri-month-7 = Rajab
hijri-month-8 = Shaban
hijri-month-9 = Ramadan
hijri-month-10 = Shawwal
hijri-month-11 = Dhu al-Qadah
hijri-month-12 = Dhu al-Hijjah
calendar-title = Calendar
calendar-previous = Previous month
calendar-next = Next month
calendar-read = A day you read
calendar-prayers = Prayer times this month
calendar-day = Day
settings-daily = Prayer times and calendar
settings-city = City
settings-city-search = Search for a city, in English or Arabic
settings-city-none = No city found.
settings-place = Place
settings-place-none = No place chosen: prayer times stay hidden. Nothing is looked up: the app never asks for your location.
settings-place-chosen = { $place } ({ $zone })
settings-manual = Or enter a place
settings-latitude = Latitude
settings-longitude = Longitude
settings-zone = Time zone (IANA, e.g. Europe/London)
settings-manual-name = Name
settings-manual-use = Use this place
settings-method = Calculation method
settings-madhab = Asr
settings-high-latitude = High latitudes
settings-adjustments = Adjustments in minutes
settings-hijri-offset = Hijri date adjustment (days)
madhab-shafii = Shafi'i, Maliki, Hanbali (standard)
madhab-hanafi = Hanafi
high-latitude-middle_of_the_night = Middle of the night
high-latitude-seventh_of_the_night = One seventh of the night
high-latitude-twilight_angle = Twilight angle
method-muslim_world_league = Muslim World League
method-isna = Islamic Society of North America
method-egypt = Egyptian General Authority of Survey
method-umm_al_qura = Umm al-Qura, Makkah
method-karachi = University of Islamic Sciences, Karachi
method-dubai = Dubai
method-kuwait = Kuwait
method-qatar = Qatar
method-singapore = Singapore
method-turkey = Diyanet, Turkey
method-tehran = Institute of Geophysics, Tehran
method-moonsighting_committee = Moonsighting Committee
weekday-short-0 = Mon
weekday-short-1 = Tue
weekday-short-2 = Wed
weekday-short-3 = Thu
weekday-short-4 = Fri
weekday-short-5 = Sat
weekday-short-6 = Sun

# Focus Mode.
nav-focus = Focus
focus-title = Focus Mode
focus-hint = Set aside time for the Qur'an: the window shows the text alone, and messages wait until you finish.
focus-minutes = { $minutes } min
focus-custom = Minutes
focus-target = Read
focus-target-none = Where I choose
focus-target-portion = Today's khatm portion
focus-target-surah = A surah
focus-target-range = A passage
focus-start = Begin
focus-pause = Pause
focus-resume = Resume
focus-end = End
focus-end-ask = End now? It will be kept as not completed.
focus-end-confirm = End the session
focus-end-cancel = Keep going
focus-done = Session complete. May Allah accept it.
focus-done-early = Session ended early.
focus-summary = { $minutes } minutes focused, { $ayahs ->
    [one] one ayah read
   *[other] { $ayahs } ayahs read
}, { $hasanat } Hasanat.
focus-history = Your focus sessions
focus-sessions = Sessions
focus-completion = Completed
focus-complete = completed
focus-incomplete = ended early
achievement-unlocked-many = { $count } achievements unlocked: see them under Stats → Achievements.

# Dhikr.
nav-dhikr = Dhikr
dhikr-title = Dhikr
dhikr-kind-after_prayer = After prayer
dhikr-kind-morning = Morning
dhikr-kind-evening = Evening
dhikr-kind-free = Free count
dhikr-tap = Count one
dhikr-keys = Tap, click, or press the space bar or Enter.
dhikr-keep = Keep this round
dhikr-done = Done. May Allah accept it from you.
dhikr-free-hint = Count toward a target of your choice.
dhikr-source = { $collection } { $number }
hadith-sahih_al_bukhari = Sahih al-Bukhari
hadith-sahih_muslim = Sahih Muslim
hadith-sunan_abi_dawud = Sunan Abi Dawud
dhikr-today = Today: { $count }
dhikr-round-complete = complete
dhikr-round-partial = kept part way

# Reminders.
settings-reminders = Reminders
settings-reminders-hint = Shown as notifications when the app is in the background, and in the app when it is open. Leave a time empty for no reminder.
settings-remind-daily = Daily reading reminder at
settings-remind-streak = Streak reminder in the evening at (only if today's reading is not done)
settings-remind-prayer = Alert at each prayer time
settings-remind-before = Also alert this many minutes before (0 for none)
settings-quiet-hours = Quiet hours
settings-quiet-start = Quiet from
settings-quiet-end = Quiet until
reminder-daily_reading = Time for your daily reading.
reminder-streak_at_risk = Today's reading is not done yet: an ayah keeps your streak.
reminder-prayer = It is time for { $prayer }.
reminder-prayer_soon = { $prayer } is coming soon.
reminder-focus_end = Your focus session is complete.
settings-remind-celebrations = Notify me when a goal is met or an achievement unlocked
settings-notifications-on = System notifications are on ({ $service }). Clicking one opens its screen.
settings-notifications-on-plain = System notifications are on. Clicking one opens its screen.
settings-notifications-none = No notification service was found on this desktop, so reminders cannot appear outside the app. They still show inside the app while it is open.
notice-daily_reading = Time to read
notice-streak_at_risk = Keep your streak
notice-prayer = Prayer time
notice-prayer_soon = Prayer soon
notice-focus_end = Focus session complete
notice-goal = Goal reached
notice-achievement = Achievement unlocked
goal-met = Goal reached: { $goal }

## Account on the sync server
nav-account = Account
account-title = Account
account-why = Everything works without an account, and nothing leaves this device unless you sign in. Signed in, your reading (which ayahs, when, for how long) goes to the sync server, so your streak, groups, competitions and leaderboards count it and your other devices can have it.
account-sign-in = Sign in
account-create = Create account
account-working = One moment…
account-email = Email
account-username = Username
account-display-name = Name shown to others
account-password = Password
account-password-hint = 8 to 128 characters.
account-server = Server
account-server-hint = The sync server's address. Keep the one given unless your group uses its own.
account-sign-in-again = Enter your password again to keep syncing: this sign-in was not kept.
account-signed-in-as = Signed in as { $name } (@{ $username }).
account-on-server = Syncing with { $server }.
account-waiting = { $count ->
    [one] One change on this device is waiting to be sent.
   *[other] { $count } changes on this device are waiting to be sent.
}
account-synced-minutes = { $n ->
    [0] Everything is sent. Last sync: just now.
    [one] Everything is sent. Last sync: a minute ago.
   *[other] Everything is sent. Last sync: { $n } minutes ago.
}
account-synced-hours = { $n ->
    [one] Everything is sent. Last sync: an hour ago.
   *[other] Everything is sent. Last sync: { $n } hours ago.
}
account-synced-days = Everything is sent. Last sync: { $n } days ago.
account-never-synced = Nothing has been sent yet.
account-not-kept = This desktop has no keyring to keep the sign-in, so you will sign in again after the app restarts.
account-sync-now = Sync now
account-syncing = Syncing…
account-sign-out = Sign out
error-server_unreachable = The sync server cannot be reached. Your reading is kept on this device and sent when it can be.
error-server_refused = The sync server refused the request.
error-signed_out = The server no longer accepts this sign-in. Sign in again.
error-email_taken = An account with this email exists already. Sign in instead.
error-username_taken = This username is taken. Choose another.
error-unauthorized = The email or password is not right.
error-too_many_attempts = Too many attempts. Wait a few minutes, then try again.
error-invalid_email = This email address does not look right.
error-invalid_username = A username has 3 to 30 characters: letters a–z, digits and _.
error-invalid_password = A password needs 8 to 128 characters.
error-invalid_display_name = A name shown to others has 1 to 100 characters.

## Together: leaderboards and groups
nav-together = Together
together-title = Together
together-sign-in-first = Leaderboards and groups live on the sync server. Sign in (or create an account) to read together with family and friends; everything else works without one.
together-board-of = Whose board
together-friends = Friends
together-everyone = Everyone
together-period-today = Today
together-period-week = This week
together-period-all_time = All time
together-board-empty = No one has read in this span yet.
together-no-groups = You are in no group yet. Make one for your family or friends, or join one with the code its admin shares.
together-members = { $count ->
    [one] 1 member
   *[other] { $count } members
}
together-private = private
together-public = public
together-invite-code = Invite code to share:
together-leave = Leave
together-new-group = A new group
together-private-hint = Private: only people with the invite code can join
together-create = Create group
together-join-code = Join with a code
together-join = Join
error-not_signed_in = Sign in on the Account screen to see this.
error-invalid_invite_code = No group has this invite code. Check it with the person who shared it.
error-group_full = This group is full.

## The Daily Deen feed
together-tab-feed = Feed
together-tab-boards = Leaderboards
together-tab-groups = Groups
feed-compose = A reflection
feed-compose-hint = What did an ayah open for you today?
feed-on-ayah = On ayah
feed-audience = For
feed-audience-friends = friends
feed-audience-groups = my groups
feed-audience-private = only me
feed-post = Share
feed-empty = Nothing here yet. Reflections and milestones of the people you read with appear here.
feed-older = Older posts
feed-react-subhanallah = SubhanAllah
feed-react-ameen = Ameen
feed-react-mashaallah = MashaAllah
feed-milestone-khatm = Completed a khatm: every ayah of the Qur'an read.
feed-milestone-streak = Read the Qur'an { $value } days in a row.
feed-milestone-competition = Finished a competition at rank { $value }.
feed-milestone-khatmah = The group completed khatmah number { $value } together.
feed-milestone-achievement = Unlocked an achievement: { $name }.
feed-milestone-other = Reached a milestone.
error-invalid_post = A reflection has 1 to 2,000 characters.
error-post_not_found = This post is no longer there.
feed-seen-by-friends = for friends
feed-seen-by-groups = for groups
feed-seen-by-private = private

## Account: privacy, export, deletion
account-privacy = Privacy
account-visibility = Who sees my reading on leaderboards
account-visibility-everyone = Everyone
account-visibility-circles = Friends and my groups
account-visibility-hidden = No one
account-export = Save a copy of my data
account-exported = Saved everything the server holds about you to { $path }.
account-delete = Delete my account…
account-delete-warning = This deletes your account and everything the server holds about you: your reading there, groups you made, posts and messages. Your reading stays on this device.
account-delete-confirm = Delete my account
error-wrong_password = The password is not right.

## The notification inbox
together-tab-inbox = Inbox
together-tab-inbox-unread = Inbox ({ $count })
inbox-empty = No notifications yet.
inbox-read-all = Mark all read
inbox-mark-read = Mark read
inbox-group_join = { $who } joined { $subject }.
inbox-group_invite = { $who } invited you to { $subject }.
inbox-chat_mention = { $who } mentioned you: “{ $subject }”
inbox-post_reaction = { $who } said { $reaction } to your post.
inbox-competition_start = { $subject } has begun.
inbox-competition_end = { $subject } has ended.
inbox-competition_end-ranked = { $subject } has ended: you finished at rank { $number }.
inbox-competition_rank = You are now at rank { $number } in { $subject }.
inbox-khatmah_portion-assigned = Your part of the { $subject } khatmah: portion { $number }.
inbox-khatmah_portion-deadline = The { $subject } khatmah ends soon, and portion { $number } is still yours to read.
inbox-other = Something new from the people you read with.

## Competitions
together-tab-competitions = Competitions
together-score-ayahs = { $count ->
    [one] 1 ayah
   *[other] { $count } ayahs
}
together-score-pages = { $count } pages
together-score-minutes = { $count } min
competition-upcoming = coming
competition-active = running
competition-completed = ended
competition-metric = What it counts
competition-metric-hasanat = Hasanat
competition-metric-ayahs = ayahs
competition-metric-pages = pages
competition-metric-minutes = minutes
competition-people = { $count ->
    [one] 1 reader
   *[other] { $count } readers
}
competition-join = Join
competition-joined = In it
competition-board = Board
competition-none = No competitions yet. Start one for your family or friends below.
competition-new = A new competition, from today
competition-length = How long
competition-week = for a week
competition-month = for a month
competition-private-hint = Private: only people with the invite code can join
competition-start = Start

## Group invitations
together-invited-you = { $who } invited you to { $group }.
together-accept = Join
together-decline = Decline
together-invite-to = Invite someone to { $group }
together-invite-placeholder = @username
together-invite = Invite
together-invited = Invited @{ $who }.
error-user_not_found = No one has this username.
error-not_admin = Only the group's admins can do this.

## Account: profile
account-profile = Profile
account-bio = A few words about you
account-save = Save
account-saved = Saved.
error-invalid_bio = A bio has at most 500 characters.
together-tab-chat = Chat
chat-none = No conversations yet. Your groups' conversations appear here, and you can write to a friend by username.
chat-pick = Choose a conversation to read and write.
chat-group = group
chat-unread = { $count } unread
chat-start-label = Write to someone
chat-start-placeholder = username
chat-start = Write
chat-older = Older messages
chat-empty = No messages yet. Say salam.
chat-typing = { $name } is typing…
chat-someone = Someone
chat-edited = edited
chat-waiting = waiting to be sent
chat-deleted = This message was deleted.
chat-react = React with { $emoji }
chat-delete = Delete
chat-report = Report
chat-block = Block
chat-block-confirm = Block { $name }? Neither of you will be able to message the other.
chat-cancel = Cancel
chat-write = Write a message
chat-send = Send
error-not_connected = You can write to friends (people who follow each other) and to members of your private groups.
error-blocked = One of you has blocked the other, so no messages go either way.
error-muted = A group admin has muted you in this conversation.
error-invalid_message = A message holds 1 to 4,000 characters.
error-too_many_messages = That is many messages in a minute; the next ones wait a little.
error-cannot_message_self = You cannot start a conversation with yourself.
error-conversation_not_found = This conversation is no longer there.
error-message_not_found = This message is no longer there.
together-tab-friends = Friends
friends-about = People who follow each other are friends: you see each other on the friends board and can write to each other. Following someone tells them; nothing else is shared.
friends-follow-label = Follow someone
friends-follow = Follow
friends-follow-back = Follow back
friends-unfollow = Unfollow
friends-friends = Friends
friends-friends-none = No friends yet. Follow someone, and when they follow you back you are friends.
friends-followers = Following you
friends-followers-none = No one else follows you yet.
friends-following = You follow
friends-following-none = Everyone you follow follows you back.
error-cannot_follow_self = You cannot follow yourself.
khatmah-open = Khatmah
khatmah-title = A khatmah together: { $group }
khatmah-none = No khatmah is running. An admin of the group can start one.
khatmah-start-label = Read the whole Qur'an together, a portion each
khatmah-by-juz = By juz (30 portions)
khatmah-by-hizb = By hizb (60 portions)
khatmah-deadline = Finish by (optional)
khatmah-start = Start the khatmah
khatmah-progress = Khatmah { $number }: { $done } of { $total } portions read
khatmah-by = by { $day }
khatmah-portion-juz = Juz { $number }
khatmah-portion-hizb = Hizb { $number }
khatmah-claim = Take it
khatmah-read = Read
khatmah-mark-done = Mark read
khatmah-release = Give back
khatmah-cancel = Cancel the khatmah
khatmah-cancel-confirm = Cancel it for everyone? It stays in the group's history.
khatmah-past-completed = Khatmah { $number }: completed on { $day }, alhamdulillah.
khatmah-past-cancelled = Khatmah { $number }: cancelled on { $day } with { $done } of { $total } read.
khatmah-past-running = Khatmah { $number }: { $done } of { $total } read.
error-khatmah_running = A khatmah is running in this group: complete or cancel it first.
error-khatmah_over = This khatmah is over.
error-portion_taken = Someone has just taken this portion.
error-portion_done = This portion is already read.
error-not_your_portion = This portion is someone else's.
error-invalid_deadline = The last day must be after today and within a year.
error-khatmah_not_found = This khatmah is no longer there.
inbox-settings = Choose what you are told
inbox-kind-group_invite = Invitations to a group
inbox-kind-group_join = Someone joins a group you run
inbox-kind-chat_mention = Someone names you in a message
inbox-kind-post_reaction = Reactions to your posts
inbox-kind-competition_start = A competition you are in begins
inbox-kind-competition_end = A competition you are in ends
inbox-kind-competition_rank = Your rank in a competition changes
inbox-kind-khatmah_portion = Your part of a group khatmah
chat-offline = The server cannot be reached right now: messages you write wait on this device and go when it can be.
together-tab-chat-unread = Chat ({ $count })
