# رفيق القرآن — نصوص الواجهة بالعربية.
# كل معرّف في en.ftl موجود هنا أيضًا (يتحقق منه اختبار).

app-name = رفيق القرآن
nav-home = الرئيسية
nav-surahs = السور
nav-juz = الأجزاء
nav-pages = الصفحات
nav-search = البحث
nav-bookmarks = العلامات
nav-settings = الإعدادات
nav-back = رجوع
nav-main = التنقل الرئيسي

goto-label = انتقل إلى سورة أو آية
goto-placeholder = انتقل إلى… مثل 2:255
goto-button = انتقال

home-progress = قراءتك
home-today = اليوم
home-week = هذا الأسبوع
home-all-time = منذ البداية
home-hasanat = { $count } حسنة
home-streak = أيام متتالية: { $days }
home-streak-none = اقرأ آية اليوم لتبدأ سلسلة أيامك.
home-freeze-used = حفظ يومُ تجميدٍ سلسلتك في { $date }.
goals-title = الأهداف
goals-none = لا أهداف بعد: حدّد هدفًا أدناه.
goals-remove = إزالة
goals-describe = { $target } { $measure } { $period }
goals-pages = صفحات
goals-ayahs = آيات
goals-minutes = دقائق
goals-hasanat = حسنة
goals-daily = في اليوم
goals-weekly = في الأسبوع
goals-monthly = في الشهر
goals-met = تحقق في { $date }
goals-progress = { $done } من { $target }
goals-new = هدف جديد
goals-target = المقدار
goals-add = حدّد الهدف
khatm-title = خطة الختمة
khatm-hint = أتمّ القرآن كله في يوم تختاره: يُحسب ورد كل يوم مما بقي.
khatm-date = الختم في
khatm-start = ابدأ الخطة
khatm-ramadan = رمضان: ثلاثون يومًا من هذا اليوم
khatm-today = ورد اليوم: من { $start } إلى { $end } (الصفحات { $first_page }–{ $last_page })
khatm-open = افتح ورد اليوم
khatm-progress = { $done } من { $total } آية · تنتهي في { $end }
khatm-end = أنهِ الخطة
khatm-complete = تمت الختمة. تقبّل الله منك.
home-continue = تابع القراءة
home-continue-at = { $surah } · { $reference }
home-ayah-of-day = آية اليوم
home-start = ابدأ القراءة
home-start-hint = ابدأ بسورة الفاتحة.
home-start-button = افتح الفاتحة
home-explore = تصفّح
tile-surahs = السور
tile-surahs-hint = السور الـ114 بمعانيها
tile-juz = الأجزاء
tile-juz-hint = ثلاثون جزءًا وأرباع الأحزاب
tile-pages = الصفحات
tile-pages-hint = صفحات المصحف المدني الـ604
tile-search = البحث
tile-search-hint = في النص العربي أو الترجمة
tile-bookmarks = العلامات
tile-bookmarks-hint = الآيات المحفوظة وملاحظاتك

surahs-title = السور
surahs-filter = تصفية بالاسم أو الرقم
surah-meta = { $meaning } · { $revelation } · { $ayahs ->
    [one] آية واحدة
    [two] آيتان
    [few] { $ayahs } آيات
   *[other] { $ayahs } آية
  }
revelation-meccan = مكية
revelation-medinan = مدنية
surahs-none = لا توجد سورة تطابق «{ $filter }».

juz-title = الأجزاء وأرباع الأحزاب
juz-tab-juz = الأجزاء
juz-tab-quarters = أرباع الأحزاب
juz-row = الجزء { $number }
juz-starts = يبدأ من { $surah } { $reference }
quarter-row = الحزب { $hizb } · { $quarter ->
    [1] بدايته
    [2] ربعه
    [3] نصفه
   *[other] ثلاثة أرباعه
  }

pages-title = صفحات المصحف المدني
pages-label = رقم الصفحة
pages-open = افتح الصفحة
page-button = الصفحة { $number }
page-invalid = أرقام الصفحات من 1 إلى 604.

reader-hasanat = { $count } حسنة
reader-hasanat-hint = حسنات اليوم: بكل حرف عشر حسنات. تُحسب الآية بعد بقائها على الشاشة وقتًا يكفي لقراءتها.
reader-loading = جارٍ الفتح…
reader-title-surah = { $number }. { $name }
reader-title-juz = الجزء { $number }
reader-title-quarter = ربع الحزب { $number }
reader-title-page = الصفحة { $number }
reader-previous = السابق
reader-next = التالي
reader-translation = الترجمة
reader-transliteration = النطق اللاتيني
reader-page-mode = عرض الصفحة
reader-verse-mode = آية آية
reader-font-smaller = تصغير الخط
reader-font-larger = تكبير الخط
reader-theme = المظهر
reader-keyboard-hint = المفاتيح: ↑ ↓ أو j k للتنقل بين الآيات، و b لحفظ علامة.
reader-ayah-label = الآية { $reference }
reader-juz-marker = الجزء { $number }
reader-quarter-marker = الحزب { $hizb } { $quarter ->
    [1] بدايته
    [2] ربعه
    [3] نصفه
   *[other] ثلاثة أرباعه
  }
reader-sajdah = سجدة
reader-page-marker = الصفحة { $number }
reader-meta = { $meaning } · { $revelation } · { $ayahs } آية
reader-region = نص القرآن

bookmark-add = علامة على { $reference }
bookmark-edit = تعديل العلامة على { $reference }
bookmark-note = ملاحظة (اختيارية)
bookmark-save = احفظ العلامة
bookmark-cancel = إلغاء
bookmark-remove = احذف العلامة
bookmark-saved = حُفظت العلامة.
bookmark-removed = حُذفت العلامة.

bookmarks-title = العلامات
bookmarks-empty = لا علامات بعد. في القارئ اضغط ☆ بجانب الآية (أو المفتاح b) لتحفظها هنا.
bookmarks-open = افتح { $reference }
bookmarks-delete = احذف العلامة على { $reference }
bookmarks-added = أضيفت في { $date }

search-title = البحث
search-label = ابحث في القرآن
search-placeholder = بالعربية أو بالترجمة، مثل الرحمن أو mercy
search-button = بحث
search-in = الترجمة التي يُبحث فيها: { $language }
search-results = { $total ->
    [zero] لم توجد آيات
    [one] وُجدت آية واحدة
    [two] وُجدت آيتان
    [few] وُجدت { $total } آيات
   *[other] وُجدت { $total } آية
  }
search-showing = تُعرض أول { $shown }
search-none = لم يُعثر على شيء لـ«{ $query }». جرّب كلمات أقل أو كتابة أخرى.
search-open = افتح { $reference }
search-hint = البحث العربي يتجاهل التشكيل وصور الحروف، فاكتب دون تشكيل. والبحث في الترجمة لا يفرّق بين الأحرف الكبيرة والصغيرة ولا بين الحروف المشكولة وغيرها.

settings-reading-rule = كيف تُحسب القراءة
settings-reading-rule-dwell = تُحسب الآية مقروءة إذا بقيت على الشاشة وقتًا يكفي لقراءتها: { $min } ثانية، وثانية لكل { $pace } أحرف. وإذا ظهرت عدة آيات قُسِم الوقت عليها بالترتيب كما تقرؤها: تحتاج الفاتحة نحو { $fatihah } ثانية.
settings-reading-rule-other = وتُحسب الآية كذلك إذا استمعت إلى تلاوتها حتى نهايتها، ولا تُحسب الآية إلا مرة واحدة في كل قراءة.
settings-reading-rule-session = تنتهي القراءة عند مغادرة القارئ، أو بعد { $minutes } دقائق دون أن تُحسب آية.
settings-reading-rule-hasanat = الحسنات: { $per_letter } بكل حرف من كل آية مقروءة.
settings-title = الإعدادات
settings-theme = المظهر
theme-light = فاتح
theme-dark = داكن
theme-sepia = بنّي
settings-font-size = حجم الخط العربي
settings-font-size-value = { $size } بكسل
settings-translation = إظهار الترجمة
settings-translation-language = لغة الترجمة
settings-transliteration = إظهار النطق اللاتيني
settings-language = لغة الواجهة
settings-preview = معاينة
settings-saved = حُفظت الإعدادات.
settings-about = عن النص
settings-attribution = نص القرآن (الرسم العثماني، رواية حفص) من موسوعة القرآن الكريم؛ والترجمات والنطق اللاتيني من موقع تنزيل، عبر حزمة quran-json (CC BY-SA 4.0). بيانات الأجزاء والأحزاب والصفحات والسجدات من quran-meta (MIT). ويقرأ البحث أيضًا نص تنزيل بالرسم الإملائي (CC BY 3.0). المدن من GeoNames (CC BY 4.0)، وجدول أم القرى من hijridate (MIT). خط أميري قرآن (رخصة SIL المفتوحة للخطوط).
settings-attribution-full = المصادر والتراخيص كاملة

# Each language is named in itself, in every locale.
language-en = English
language-ar = العربية

on = مفعّل
off = معطّل
close = إغلاق
error-generic = حدث خطأ: { $message }
error-outside_app = يجب فتح هذه الصفحة داخل تطبيق رفيق القرآن.

# Errors from the app, by their stable code. English shows the app's own
# (more specific) sentence; other languages show these.
error-invalid_reference = لم يُفهم هذا المرجع. اكتب مثلًا 2:255 أو 2:255-257 أو 18.
error-reference_too_long = المرجع طويل جدًا.
error-surah_out_of_range = لا توجد هذه السورة: السور مرقمة من 1 إلى 114.
error-ayah_out_of_range = لا توجد هذه الآية في السورة.
error-range_reversed = نهاية المدى قبل بدايته.
error-empty_query = اكتب كلمة أو أكثر للبحث.
error-query_too_long = نص البحث طويل جدًا: 200 حرف على الأكثر.
error-unknown_translation = هذه الترجمة غير موجودة في التطبيق.
error-invalid_goal = يحتاج الهدف إلى مقدار لا يقل عن ١.
error-invalid_plan = لا يمكن اتباع هذه الخطة: اختر تاريخ انتهاء بعد اليوم ونطاقًا يسير إلى الأمام.
error-invalid_place = لا يمكن استخدام هذا المكان: تحقّق من خط العرض وخط الطول والمنطقة الزمنية.
error-no_prayer_times = لا تشرق الشمس أو لا تغرب هناك في ذلك اليوم، فلا يمكن حساب مواقيت الصلاة.
error-invalid_setting = هذا الإعداد خارج نطاقه المسموح.
error-not_found = تعذّر العثور على المطلوب.
error-store_unavailable = لا يمكن حفظ العلامات والإعدادات الآن، والقراءة تعمل كالمعتاد.
error-database_error = تعذّر قراءة بياناتك المحفوظة أو كتابتها.
error-invalid_request = الطلب غير صالح.
error-corrupt_setting = تعذّرت قراءة أحد الإعدادات المحفوظة.
error-audio_unavailable = التلاوة غير متاحة الآن.
error-unknown_reciter = هذا القارئ غير موجود في التطبيق.
error-offline = ملف هذه الآية ليس على هذا الجهاز ولا يمكن الوصول إلى الشبكة: نزّل السورة للاستماع دون اتصال، أو أعد المحاولة عند الاتصال.
error-server_error = ردّ خادم التلاوة بخطأ. أعد المحاولة لاحقًا.
error-not_audio = ما أرسله خادم التلاوة ليس ملفًا صوتيًا.
error-disk = تعذّر حفظ ملف التلاوة على القرص. وفّر بعض المساحة أو اختر مجلدًا آخر.
error-no_audio_device = لا يوجد جهاز لإخراج الصوت. كل ما سوى ذلك يعمل؛ صِل جهازًا ثم اضغط تشغيل لتعيد المحاولة.
error-cancelled = أُلغيت العملية.
error-download_failed = توقف التنزيل بسبب خطأ. اضغط «متابعة» لإعادة المحاولة.
error-encode_failed = تعذّر إرسال الطلب إلى التطبيق.
error-decode_failed = تعذّرت قراءة ردّ التطبيق.
error-command_failed = تعذّر على التطبيق تنفيذ ذلك.

# التلاوة
audio-player = التلاوة
audio-play-from = تشغيل من { $reference }
audio-play-one = تشغيل { $reference } وحدها
audio-play-surah = تشغيل السورة
audio-play-range = تشغيل المقطع
audio-now = تلاوة { $reference }
audio-repetition = التكرار { $repetition }، الدورة { $round }
audio-buffering = جارٍ التحميل…
audio-paused = متوقف مؤقتًا
audio-pause = إيقاف مؤقت
audio-resume = متابعة
audio-previous = الآية السابقة
audio-next = الآية التالية
audio-stop = إيقاف
settings-recitation = التلاوة
settings-reciter = القارئ
style-murattal = مرتل
style-mujawwad = مجوّد
style-muallim = معلّم
settings-repeat-each = تكرار كل آية
settings-repeat-range = تكرار المقطع كله
settings-gap = فاصل بين الآيات
gap-none = بلا فاصل
gap-1s = ثانية واحدة
gap-3s = ثلاث ثوانٍ
gap-5s = خمس ثوانٍ
gap-1x = بطول الآية
gap-2x = ضعف طول الآية
settings-speed = السرعة
settings-continue = المتابعة إلى السورة التالية
settings-audio-base = عنوان الصوت
settings-audio-mirror = عنوان بديل
settings-audio-mirror-none = لا يوجد (اختياري)
settings-downloads = التنزيلات للاستماع دون اتصال

downloads-title = التنزيلات
downloads-intro = نزّل التلاوة لتستمع إليها دون اتصال بالشبكة. وتُحفظ الآيات التي تشغّلها أيضًا أثناء بثّها.
downloads-stored = على هذا الجهاز
downloads-usage = { $files } من { $total } آية · { $megabytes } م.ب
downloads-surah = السورة
downloads-start-surah = تنزيل السورة
downloads-start-all = تنزيل القرآن كاملًا
downloads-delete = حذف تلاوات هذا القارئ
downloads-delete-confirm = اضغط مرة أخرى للحذف
downloads-jobs = التنزيلات
downloads-none = لا يوجد تنزيل جارٍ.
downloads-whole = القرآن كاملًا
downloads-progress = { $done } من { $total } ملفًا · { $megabytes } م.ب
download-running = جارٍ التنزيل
download-paused = متوقف مؤقتًا
download-done = اكتمل
download-failed = توقف
download-cancelled = أُلغي
downloads-pause = إيقاف مؤقت
downloads-resume = متابعة
downloads-cancel = إلغاء

# الإحصاءات والإنجازات وقواعد العادة.
nav-stats = الإحصاءات
home-minimum = يُحسب اليوم في السلسلة بقراءة { $minimum }.
home-excuse-today = اعذر اليوم
home-excuse-yesterday = اعذر الأمس
home-excused-today = اليوم معذور
home-excused-yesterday = الأمس معذور
home-excused-hint = مرض أو سفر أو حيض؟ اليوم المعذور يوقف سلسلتك ولا يقطعها، ولا يراه أحد غيرك.
home-see-stats = الإحصاءات
home-see-achievements = الإنجازات
minimum-ayahs = { $amount ->
    [one] آية واحدة
    [two] آيتين
    [few] { $amount } آيات
   *[other] { $amount } آية
}
minimum-pages = { $amount ->
    [one] صفحة واحدة
    [two] صفحتين
    [few] { $amount } صفحات
   *[other] { $amount } صفحة
}
minimum-minutes = { $amount ->
    [one] دقيقة واحدة
    [two] دقيقتين
    [few] { $amount } دقائق
   *[other] { $amount } دقيقة
}
stats-title = الإحصاءات
stats-totals = المجموع
stats-hasanat = الحسنات
stats-minutes = الدقائق
stats-pages = الصفحات
stats-days = أيام القراءة
stats-sessions = القراءات
stats-streak-longest = أطول سلسلة
stats-daily = يومًا بيوم
stats-last-7 = ٧ أيام
stats-last-30 = ٣٠ يومًا
stats-metric-hasanat = الحسنات
stats-metric-ayahs = الآيات
stats-metric-minutes = الدقائق
stats-bar = { $date }: { $value }
stats-year = العام الماضي
stats-year-day = { $date }: { $ayahs } آية
stats-year-excused = { $date }: معذور
stats-less = أقل
stats-more = أكثر
stats-map = ما قُرئ من القرآن ولو مرة
stats-map-share = { $percent }٪ · { $read } من ٦٬٢٣٦ آية
stats-map-surahs = السور
stats-map-juz = الأجزاء
stats-map-cell-surah = السورة { $number }: { $read } من { $total } آية
stats-map-cell-juz = الجزء { $number }: { $read } من { $total } آية
achievements-title = الإنجازات
achievements-count = { $unlocked } من { $total } مفتوحة
achievements-unlocked-on = فُتح في { $date }
achievements-progress = { $current } من { $target }
achievement-unlocked = إنجاز جديد: { $name }
achievement-first_session = الخطوة الأولى
achievement-first_session-about = أتمّ قراءتك الأولى.
achievement-streak_3 = ثلاثة أيام
achievement-streak_3-about = اقرأ ثلاثة أيام متتالية.
achievement-streak_7 = أسبوع كامل
achievement-streak_7-about = اقرأ سبعة أيام متتالية.
achievement-streak_30 = شهر من الأيام
achievement-streak_30-about = حافظ على سلسلة ثلاثين يومًا.
achievement-streak_100 = مئة يوم
achievement-streak_100-about = حافظ على سلسلة مئة يوم.
achievement-streak_365 = عام مع القرآن
achievement-streak_365-about = حافظ على سلسلة ٣٦٥ يومًا.
achievement-first_surah = سورة كاملة
achievement-first_surah-about = اقرأ كل آيات سورة.
achievement-al_kahf = الكهف
achievement-al_kahf-about = اقرأ سورة الكهف كلها.
achievement-al_baqarah = البقرة
achievement-al_baqarah-about = اقرأ سورة البقرة كلها.
achievement-first_juz = جزء كامل
achievement-first_juz-about = اقرأ كل آيات جزء.
achievement-juz_amma = جزء عمّ
achievement-juz_amma-about = اقرأ الجزء الثلاثين كله.
achievement-ten_juz = عشرة أجزاء
achievement-ten_juz-about = اقرأ عشرة أجزاء كاملة.
achievement-first_khatm = ختمة
achievement-first_khatm-about = اقرأ القرآن كله، أو أتمّ خطة ختمة.
achievement-ayahs_1000 = ألف آية
achievement-ayahs_1000-about = اقرأ ألف آية مختلفة.
achievement-hasanat_10k = عشرة آلاف حسنة
achievement-hasanat_10k-about = اكسب عشرة آلاف حسنة بالقراءة.
achievement-hasanat_100k = مئة ألف حسنة
achievement-hasanat_100k-about = اكسب مئة ألف حسنة بالقراءة.
achievement-hasanat_1m = مليون حسنة
achievement-hasanat_1m-about = اكسب مليون حسنة بالقراءة.
achievement-reading_days_30 = ثلاثون يومًا
achievement-reading_days_30-about = اقرأ في ثلاثين يومًا مختلفًا.
achievement-hour_in_a_day = ساعة في يوم
achievement-hour_in_a_day-about = اقرأ ستين دقيقة في يوم واحد.
achievement-sessions_100 = مئة قراءة
achievement-sessions_100-about = أتمّ مئة قراءة.
achievement-goal_week = هدف محفوظ
achievement-goal_week-about = حقّق هدفًا أسبوعيًا، أو هدفًا يوميًا سبعة أيام متتالية.
achievement-focus_10 = عشر جلسات تركيز
achievement-focus_60 = ساعة من التركيز
achievement-focus_60-about = أتمّ جلسة تركيز مدتها ستون دقيقة.
achievement-focus_10-about = أتمّ عشر جلسات في وضع التركيز.
reader-mark-read = علّم { $reference } مقروءة
reader-read-to-here = قرأت إلى { $reference }
reader-marked = { $count ->
    [one] عُلّمت آية واحدة مقروءة.
    [two] عُلّمت آيتان مقروءتين.
    [few] عُلّمت { $count } آيات مقروءة.
   *[other] عُلّمت { $count } آية مقروءة.
}
settings-habit = السلسلة والأسبوع
settings-minimum = يُحسب اليوم في السلسلة بقراءة لا تقل عن
settings-minimum-amount = المقدار
settings-week-start = يبدأ الأسبوع يوم
settings-freezes = تجميدات السلسلة كل شهر
settings-freezes-hint = يُستخدم التجميد وحده ليوم فاتك، فلا يقطع يوم واحد سلسلة طويلة.
weekday-monday = الاثنين
weekday-saturday = السبت
weekday-sunday = الأحد
date = { $day } { $month } { $year }
month-1 = يناير
month-2 = فبراير
month-3 = مارس
month-4 = أبريل
month-5 = مايو
month-6 = يونيو
month-7 = يوليو
month-8 = أغسطس
month-9 = سبتمبر
month-10 = أكتوبر
month-11 = نوفمبر
month-12 = ديسمبر
khatm-from = من الجزء
khatm-to = إلى الجزء

# مواقيت الصلاة والتقويم الهجري.
nav-calendar = التقويم
today-title = اليوم
today-hijri = { $day } { $month } { $year } هـ
today-choose-place = اختر مدينتك لمواقيت الصلاة
today-no-times = لا تعطي الشمس مواقيت للصلاة في { $place } اليوم.
today-next = { $prayer } بعد { $time }
today-prayers-at = مواقيت الصلاة في { $place }
countdown-ramadan = رمضان بعد { $days ->
    [one] يوم واحد
    [two] يومين
    [few] { $days } أيام
   *[other] { $days } يومًا
}
countdown-ramadan-underway = رمضان مبارك
countdown-eid_al_fitr = عيد الفطر بعد { $days ->
    [one] يوم واحد
    [two] يومين
    [few] { $days } أيام
   *[other] { $days } يومًا
}
countdown-eid_al_fitr-underway = عيد مبارك
countdown-eid_al_adha = عيد الأضحى بعد { $days ->
    [one] يوم واحد
    [two] يومين
    [few] { $days } أيام
   *[other] { $days } يومًا
}
countdown-eid_al_adha-underway = عيد مبارك
prayer-fajr = الفجر
prayer-sunrise = الشروق
prayer-dhuhr = الظهر
prayer-asr = العصر
prayer-maghrib = المغرب
prayer-isha = العشاء
hijri-month-1 = محرم
hijri-month-2 = صفر
hijri-month-3 = ربيع الأول
hijri-month-4 = ربيع الآخر
hijri-month-5 = جمادى الأولى
hijri-month-6 = جمادى الآخرة
hijri-month-7 = رجب
hijri-month-8 = شعبان
hijri-month-9 = رمضان
hijri-month-10 = شوال
hijri-month-11 = ذو القعدة
hijri-month-12 = ذو الحجة
calendar-title = التقويم
calendar-previous = الشهر السابق
calendar-next = الشهر التالي
calendar-read = يوم قرأت فيه
calendar-prayers = مواقيت الصلاة هذا الشهر
calendar-day = اليوم
settings-daily = مواقيت الصلاة والتقويم
settings-city = المدينة
settings-city-search = ابحث عن مدينة بالعربية أو الإنجليزية
settings-city-none = لم توجد مدينة.
settings-place = المكان
settings-place-none = لم يُختر مكان: تبقى مواقيت الصلاة مخفية. لا يُبحث عن شيء: التطبيق لا يطلب موقعك أبدًا.
settings-place-chosen = { $place } ({ $zone })
settings-manual = أو أدخل مكانًا
settings-latitude = خط العرض
settings-longitude = خط الطول
settings-zone = المنطقة الزمنية (IANA، مثل Asia/Riyadh)
settings-manual-name = الاسم
settings-manual-use = استخدم هذا المكان
settings-method = طريقة الحساب
settings-madhab = العصر
settings-high-latitude = خطوط العرض العليا
settings-adjustments = تعديلات بالدقائق
settings-hijri-offset = تعديل التاريخ الهجري (أيام)
madhab-shafii = الشافعي والمالكي والحنبلي (الجمهور)
madhab-hanafi = الحنفي
high-latitude-middle_of_the_night = منتصف الليل
high-latitude-seventh_of_the_night = سُبع الليل
high-latitude-twilight_angle = زاوية الشفق
method-muslim_world_league = رابطة العالم الإسلامي
method-isna = الجمعية الإسلامية لأمريكا الشمالية
method-egypt = الهيئة المصرية العامة للمساحة
method-umm_al_qura = أم القرى، مكة المكرمة
method-karachi = جامعة العلوم الإسلامية، كراتشي
method-dubai = دبي
method-kuwait = الكويت
method-qatar = قطر
method-singapore = سنغافورة
method-turkey = رئاسة الشؤون الدينية، تركيا
method-tehran = معهد الجيوفيزياء، طهران
method-moonsighting_committee = لجنة رؤية الهلال
weekday-short-0 = الاثنين
weekday-short-1 = الثلاثاء
weekday-short-2 = الأربعاء
weekday-short-3 = الخميس
weekday-short-4 = الجمعة
weekday-short-5 = السبت
weekday-short-6 = الأحد

# وضع التركيز.
nav-focus = التركيز
focus-title = وضع التركيز
focus-hint = خصّص وقتًا للقرآن: تعرض النافذة النص وحده، وتنتظر الرسائل حتى تنتهي.
focus-minutes = { $minutes } د
focus-custom = الدقائق
focus-target = اقرأ
focus-target-none = حيث أختار
focus-target-portion = ورد الختمة اليوم
focus-target-surah = سورة
focus-target-range = مقطع
focus-start = ابدأ
focus-pause = إيقاف مؤقت
focus-resume = استئناف
focus-end = إنهاء
focus-end-ask = الإنهاء الآن؟ ستُحفظ الجلسة غير مكتملة.
focus-end-confirm = أنهِ الجلسة
focus-end-cancel = تابع
focus-done = اكتملت الجلسة. تقبّل الله منك.
focus-done-early = انتهت الجلسة مبكرًا.
focus-summary = { $minutes } دقيقة من التركيز، { $ayahs ->
    [one] قُرئت آية واحدة
    [two] قُرئت آيتان
    [few] قُرئت { $ayahs } آيات
   *[other] قُرئت { $ayahs } آية
}، { $hasanat } حسنة.
focus-history = جلسات التركيز
focus-sessions = الجلسات
focus-completion = المكتملة
focus-complete = مكتملة
focus-incomplete = انتهت مبكرًا
achievement-unlocked-many = { $count ->
    [two] فُتح إنجازان: تجدهما في الإحصاءات ← الإنجازات.
    [few] فُتحت { $count } إنجازات: تجدها في الإحصاءات ← الإنجازات.
   *[other] فُتح { $count } إنجازًا: تجدها في الإحصاءات ← الإنجازات.
}

# الأذكار.
nav-dhikr = الأذكار
dhikr-title = الأذكار
dhikr-kind-after_prayer = بعد الصلاة
dhikr-kind-morning = الصباح
dhikr-kind-evening = المساء
dhikr-kind-free = عدّ حر
dhikr-tap = عُدّ واحدة
dhikr-keys = انقر أو المس أو اضغط المسافة أو Enter.
dhikr-keep = احفظ هذه الجولة
dhikr-done = تمّت. تقبّل الله منك.
dhikr-free-hint = عُدّ نحو هدف تختاره.
dhikr-source = { $collection } { $number }
hadith-sahih_al_bukhari = صحيح البخاري
hadith-sahih_muslim = صحيح مسلم
hadith-sunan_abi_dawud = سنن أبي داود
dhikr-today = اليوم: { $count }
dhikr-round-complete = مكتملة
dhikr-round-partial = حُفظت قبل تمامها

# التذكيرات.
settings-reminders = التذكيرات
settings-reminders-hint = تظهر إشعاراتٍ حين يكون التطبيق في الخلفية، وداخله حين يكون مفتوحًا. اترك الوقت فارغًا لإلغاء التذكير.
settings-remind-daily = تذكير القراءة اليومية عند
settings-remind-streak = تذكير السلسلة مساءً عند (إن لم تكتمل قراءة اليوم)
settings-remind-prayer = تنبيه عند كل صلاة
settings-remind-before = وتنبيه قبلها بهذه الدقائق (٠ لا شيء)
settings-quiet-hours = ساعات الهدوء
settings-quiet-start = الهدوء من
settings-quiet-end = الهدوء حتى
reminder-daily_reading = حان وقت وِردك اليومي.
reminder-streak_at_risk = لم تكتمل قراءة اليوم بعد: آية واحدة تحفظ سلسلتك.
reminder-prayer = حان وقت صلاة { $prayer }.
reminder-prayer_soon = اقترب وقت صلاة { $prayer }.
reminder-focus_end = اكتملت جلسة التركيز.
settings-remind-celebrations = أعلمني حين أبلغ هدفًا أو أنال إنجازًا
settings-notifications-on = إشعارات النظام مفعّلة ({ $service }). النقر على إشعار يفتح شاشته.
settings-notifications-on-plain = إشعارات النظام مفعّلة. النقر على إشعار يفتح شاشته.
settings-notifications-none = لم يُعثر على خدمة إشعارات في سطح المكتب هذا، فلا تظهر التذكيرات خارج التطبيق. وتظهر داخله ما دام مفتوحًا.
notice-daily_reading = وقت القراءة
notice-streak_at_risk = حافظ على سلسلتك
notice-prayer = وقت الصلاة
notice-prayer_soon = الصلاة قريبًا
notice-focus_end = اكتملت جلسة التركيز
notice-goal = بلغتَ هدفك
notice-achievement = إنجاز جديد
goal-met = بلغتَ هدفك: { $goal }

## Account on the sync server
nav-account = الحساب
account-title = الحساب
account-why = يعمل كل شيء دون حساب، ولا يغادر هذا الجهاز شيء إلا إذا سجّلت الدخول. عند تسجيل الدخول تُرسَل قراءتك (أي الآيات، ومتى، وكم استغرقت) إلى خادم المزامنة، لتُحتسب في سلسلتك ومجموعاتك ومسابقاتك ولوحات الصدارة، وتصل إلى أجهزتك الأخرى.
account-sign-in = تسجيل الدخول
account-create = إنشاء حساب
account-working = لحظة…
account-email = البريد الإلكتروني
account-username = اسم المستخدم
account-display-name = الاسم الظاهر للآخرين
account-password = كلمة المرور
account-password-hint = من ٨ إلى ١٢٨ حرفًا.
account-server = الخادم
account-server-hint = عنوان خادم المزامنة. أبقِ العنوان المعطى إلا إذا كان لمجموعتك خادمها الخاص.
account-sign-in-again = أدخل كلمة المرور مرة أخرى لتستمر المزامنة: لم يُحفظ تسجيل الدخول هذا.
account-signed-in-as = مسجّل الدخول باسم ⁨{ $name } (@{ $username })⁩.
account-on-server = المزامنة مع ⁨{ $server }⁩.
account-waiting = { $count ->
    [one] تغيير واحد على هذا الجهاز بانتظار الإرسال.
    [two] تغييران على هذا الجهاز بانتظار الإرسال.
    [few] { $count } تغييرات على هذا الجهاز بانتظار الإرسال.
   *[other] { $count } تغييرًا على هذا الجهاز بانتظار الإرسال.
}
account-synced-minutes = { $n ->
    [0] أُرسل كل شيء. آخر مزامنة: الآن.
    [one] أُرسل كل شيء. آخر مزامنة: قبل دقيقة.
    [two] أُرسل كل شيء. آخر مزامنة: قبل دقيقتين.
    [few] أُرسل كل شيء. آخر مزامنة: قبل { $n } دقائق.
   *[other] أُرسل كل شيء. آخر مزامنة: قبل { $n } دقيقة.
}
account-synced-hours = { $n ->
    [one] أُرسل كل شيء. آخر مزامنة: قبل ساعة.
    [two] أُرسل كل شيء. آخر مزامنة: قبل ساعتين.
    [few] أُرسل كل شيء. آخر مزامنة: قبل { $n } ساعات.
   *[other] أُرسل كل شيء. آخر مزامنة: قبل { $n } ساعة.
}
account-synced-days = { $n ->
    [two] أُرسل كل شيء. آخر مزامنة: قبل يومين.
    [few] أُرسل كل شيء. آخر مزامنة: قبل { $n } أيام.
   *[other] أُرسل كل شيء. آخر مزامنة: قبل { $n } يومًا.
}
account-never-synced = لم يُرسَل شيء بعد.
account-not-kept = لا توجد على سطح المكتب هذا خزانة مفاتيح تحفظ تسجيل الدخول، فستسجّل الدخول مجددًا بعد إعادة تشغيل التطبيق.
account-sync-now = زامن الآن
account-syncing = تجري المزامنة…
account-sign-out = تسجيل الخروج
error-server_unreachable = تعذّر الوصول إلى خادم المزامنة. قراءتك محفوظة على هذا الجهاز وتُرسَل حين يمكن ذلك.
error-server_refused = رفض خادم المزامنة الطلب.
error-signed_out = لم يعد الخادم يقبل تسجيل الدخول هذا. سجّل الدخول مجددًا.
error-email_taken = يوجد حساب بهذا البريد الإلكتروني. سجّل الدخول بدلًا من ذلك.
error-username_taken = اسم المستخدم هذا مأخوذ. اختر غيره.
error-unauthorized = البريد الإلكتروني أو كلمة المرور غير صحيحة.
error-too_many_attempts = محاولات كثيرة. انتظر بضع دقائق ثم أعد المحاولة.
error-invalid_email = لا يبدو عنوان البريد الإلكتروني هذا صحيحًا.
error-invalid_username = يتكون اسم المستخدم من ٣ إلى ٣٠ حرفًا: حروف a–z وأرقام و _.
error-invalid_password = تحتاج كلمة المرور إلى ٨ إلى ١٢٨ حرفًا.
error-invalid_display_name = يتكون الاسم الظاهر للآخرين من ١ إلى ١٠٠ حرف.

## Together: leaderboards and groups
nav-together = معًا
together-title = معًا
together-sign-in-first = لوحات الصدارة والمجموعات على خادم المزامنة. سجّل الدخول (أو أنشئ حسابًا) لتقرأ مع أهلك وأصدقائك؛ وكل ما سوى ذلك يعمل دون حساب.
together-board-of = لوحة من
together-friends = الأصدقاء
together-everyone = الجميع
together-period-today = اليوم
together-period-week = هذا الأسبوع
together-period-all_time = كل الأوقات
together-board-empty = لم يقرأ أحد في هذه المدة بعد.
together-no-groups = لست في أي مجموعة بعد. أنشئ واحدة لأهلك أو أصدقائك، أو انضم إلى مجموعة بالرمز الذي يشاركه مشرفها.
together-members = { $count ->
    [one] عضو واحد
    [two] عضوان
    [few] { $count } أعضاء
   *[other] { $count } عضوًا
}
together-private = خاصة
together-public = عامة
together-invite-code = رمز الدعوة للمشاركة:
together-leave = مغادرة
together-new-group = مجموعة جديدة
together-private-hint = خاصة: لا ينضم إليها إلا من لديه رمز الدعوة
together-create = أنشئ المجموعة
together-join-code = انضم برمز
together-join = انضم
error-not_signed_in = سجّل الدخول من شاشة الحساب لترى هذا.
error-invalid_invite_code = لا توجد مجموعة بهذا الرمز. تحقّق منه مع من شاركه.
error-group_full = هذه المجموعة ممتلئة.

## The Daily Deen feed
together-tab-feed = الخواطر
together-tab-boards = لوحات الصدارة
together-tab-groups = المجموعات
feed-compose = خاطرة
feed-compose-hint = ماذا فتحت لك آية اليوم؟
feed-on-ayah = على آية
feed-audience = لمن
feed-audience-friends = الأصدقاء
feed-audience-groups = مجموعاتي
feed-audience-private = لي وحدي
feed-post = شارك
feed-empty = لا شيء هنا بعد. تظهر هنا خواطر من تقرأ معهم وإنجازاتهم.
feed-older = منشورات أقدم
feed-react-subhanallah = سبحان الله
feed-react-ameen = آمين
feed-react-mashaallah = ما شاء الله
feed-milestone-khatm = أتمّ ختمة: قرأ كل آيات القرآن.
feed-milestone-streak = قرأ القرآن { $value } يومًا متتاليًا.
feed-milestone-competition = أنهى مسابقة في المرتبة { $value }.
feed-milestone-khatmah = أتمّت المجموعة الختمة رقم { $value } معًا.
feed-milestone-achievement = حقق إنجازًا: { $name }.
feed-milestone-other = بلغ إنجازًا.
error-invalid_post = تتكون الخاطرة من ١ إلى ٢٠٠٠ حرف.
error-post_not_found = لم يعد هذا المنشور موجودًا.
feed-seen-by-friends = للأصدقاء
feed-seen-by-groups = للمجموعات
feed-seen-by-private = خاص

## Account: privacy, export, deletion
account-privacy = الخصوصية
account-visibility = من يرى قراءتي في لوحات الصدارة
account-visibility-everyone = الجميع
account-visibility-circles = أصدقائي ومجموعاتي
account-visibility-hidden = لا أحد
account-export = احفظ نسخة من بياناتي
account-exported = حُفظ كل ما يحتفظ به الخادم عنك في ⁨{ $path }⁩.
account-delete = احذف حسابي…
account-delete-warning = يحذف هذا حسابك وكل ما يحتفظ به الخادم عنك: قراءتك هناك، والمجموعات التي أنشأتها، والمنشورات والرسائل. تبقى قراءتك على هذا الجهاز.
account-delete-confirm = احذف حسابي
error-wrong_password = كلمة المرور غير صحيحة.

## The notification inbox
together-tab-inbox = الإشعارات
together-tab-inbox-unread = الإشعارات ({ $count })
inbox-empty = لا إشعارات بعد.
inbox-read-all = علّم الكل مقروءًا
inbox-mark-read = علّمه مقروءًا
inbox-group_join = انضم ⁨{ $who }⁩ إلى ⁨{ $subject }⁩.
inbox-group_invite = دعاك ⁨{ $who }⁩ إلى ⁨{ $subject }⁩.
inbox-chat_mention = ذكرك ⁨{ $who }⁩: «⁨{ $subject }⁩»
inbox-post_reaction = قال ⁨{ $who }⁩ «{ $reaction }» على منشورك.
inbox-competition_start = بدأت ⁨{ $subject }⁩.
inbox-competition_end = انتهت ⁨{ $subject }⁩.
inbox-competition_end-ranked = انتهت ⁨{ $subject }⁩: أنهيتها في المرتبة { $number }.
inbox-competition_rank = أنت الآن في المرتبة { $number } في ⁨{ $subject }⁩.
inbox-khatmah_portion-assigned = نصيبك من ختمة ⁨{ $subject }⁩: القسم { $number }.
inbox-khatmah_portion-deadline = تنتهي ختمة ⁨{ $subject }⁩ قريبًا، والقسم { $number } ما زال عليك.
inbox-other = جديد ممن تقرأ معهم.

## Competitions
together-tab-competitions = المسابقات
together-score-ayahs = { $count ->
    [one] آية واحدة
    [two] آيتان
    [few] { $count } آيات
   *[other] { $count } آية
}
together-score-pages = { $count } صفحة
together-score-minutes = { $count } دقيقة
competition-upcoming = قادمة
competition-active = جارية
competition-completed = انتهت
competition-metric = ما تحسبه
competition-metric-hasanat = الحسنات
competition-metric-ayahs = الآيات
competition-metric-pages = الصفحات
competition-metric-minutes = الدقائق
competition-people = { $count ->
    [one] قارئ واحد
    [two] قارئان
    [few] { $count } قرّاء
   *[other] { $count } قارئًا
}
competition-join = انضم
competition-joined = مشارك
competition-board = اللوحة
competition-none = لا مسابقات بعد. ابدأ واحدة لأهلك أو أصدقائك أدناه.
competition-new = مسابقة جديدة، من اليوم
competition-length = المدة
competition-week = لمدة أسبوع
competition-month = لمدة شهر
competition-private-hint = خاصة: لا ينضم إليها إلا من لديه رمز الدعوة
competition-start = ابدأ

## Group invitations
together-invited-you = دعاك ⁨{ $who }⁩ إلى ⁨{ $group }⁩.
together-accept = انضم
together-decline = اعتذر
together-invite-to = ادعُ أحدًا إلى ⁨{ $group }⁩
together-invite-placeholder = @username
together-invite = ادعُ
together-invited = دُعي ⁨@{ $who }⁩.
error-user_not_found = لا يوجد مستخدم بهذا الاسم.
error-not_admin = لا يفعل هذا إلا مشرفو المجموعة.

## Account: profile
account-profile = الملف الشخصي
account-bio = كلمات قليلة عنك
account-save = احفظ
account-saved = حُفظ.
error-invalid_bio = النبذة ٥٠٠ حرف على الأكثر.
together-tab-chat = المحادثات
chat-none = لا محادثات بعد. تظهر هنا محادثات مجموعاتك، ويمكنك مراسلة صديق باسم المستخدم.
chat-pick = اختر محادثة لتقرأ وتكتب.
chat-group = مجموعة
chat-unread = { $count } غير مقروءة
chat-start-label = راسِل شخصًا
chat-start-placeholder = اسم المستخدم
chat-start = راسِل
chat-older = رسائل أقدم
chat-empty = لا رسائل بعد. ألقِ السلام.
chat-typing = ⁨{ $name }⁩ يكتب…
chat-someone = شخص ما
chat-edited = عُدّلت
chat-waiting = تنتظر الإرسال
chat-deleted = حُذفت هذه الرسالة.
chat-react = تفاعل بـ { $emoji }
chat-delete = احذف
chat-report = أبلِغ
chat-block = احظر
chat-block-confirm = أتحظر ⁨{ $name }⁩؟ لن يستطيع أيٌّ منكما مراسلة الآخر.
chat-cancel = إلغاء
chat-write = اكتب رسالة
chat-send = أرسل
error-not_connected = يمكنك مراسلة أصدقائك (من يتابع كلٌّ منكما الآخر) وأعضاء مجموعاتك الخاصة.
error-blocked = حظر أحدكما الآخر، فلا رسائل بينكما.
error-muted = كتمك مشرف المجموعة في هذه المحادثة.
error-invalid_message = الرسالة من حرف واحد إلى ٤٬٠٠٠ حرف.
error-too_many_messages = رسائل كثيرة في دقيقة واحدة؛ تنتظر التالية قليلًا.
error-cannot_message_self = لا يمكنك بدء محادثة مع نفسك.
error-conversation_not_found = لم تعد هذه المحادثة موجودة.
error-message_not_found = لم تعد هذه الرسالة موجودة.
together-tab-friends = الأصدقاء
friends-about = من يتابع كلٌّ منكما الآخر صديقان: يرى كلٌّ منكما الآخر في لوحة الأصدقاء ويمكنكما التراسل. متابعتك لشخص تُعلمه بذلك، ولا يُشارَك شيء غير ذلك.
friends-follow-label = تابِع شخصًا
friends-follow = تابِع
friends-follow-back = تابِعه أيضًا
friends-unfollow = ألغِ المتابعة
friends-friends = الأصدقاء
friends-friends-none = لا أصدقاء بعد. تابِع شخصًا، فإذا تابعك أصبحتما صديقين.
friends-followers = يتابعونك
friends-followers-none = لا يتابعك أحد غيرهم بعد.
friends-following = تتابعهم
friends-following-none = كل من تتابعهم يتابعونك.
error-cannot_follow_self = لا يمكنك متابعة نفسك.
khatmah-open = الختمة
khatmah-title = ختمة جماعية: ⁨{ $group }⁩
khatmah-none = لا ختمة جارية. يمكن لمشرف المجموعة أن يبدأ واحدة.
khatmah-start-label = اقرؤوا القرآن كاملًا معًا، لكلٍّ نصيبه
khatmah-by-juz = بالأجزاء (٣٠ نصيبًا)
khatmah-by-hizb = بالأحزاب (٦٠ نصيبًا)
khatmah-deadline = تنتهي في (اختياري)
khatmah-start = ابدأ الختمة
khatmah-progress = الختمة { $number }: قُرئ { $done } من { $total } نصيبًا
khatmah-by = قبل { $day }
khatmah-portion-juz = الجزء { $number }
khatmah-portion-hizb = الحزب { $number }
khatmah-claim = خذه
khatmah-read = اقرأ
khatmah-mark-done = قرأته
khatmah-release = أعِده
khatmah-cancel = ألغِ الختمة
khatmah-cancel-confirm = أتلغيها للجميع؟ تبقى في سجل المجموعة.
khatmah-past-completed = الختمة { $number }: خُتمت في { $day }، والحمد لله.
khatmah-past-cancelled = الختمة { $number }: أُلغيت في { $day } وقد قُرئ { $done } من { $total }.
khatmah-past-running = الختمة { $number }: قُرئ { $done } من { $total }.
error-khatmah_running = في المجموعة ختمة جارية: أتمّوها أو ألغوها أولًا.
error-khatmah_over = انتهت هذه الختمة.
error-portion_taken = أخذ أحدهم هذا النصيب للتو.
error-portion_done = قُرئ هذا النصيب من قبل.
error-not_your_portion = هذا النصيب لغيرك.
error-invalid_deadline = يجب أن يكون اليوم الأخير بعد اليوم وخلال سنة.
error-khatmah_not_found = لم تعد هذه الختمة موجودة.
inbox-settings = اختر ما تُبلَّغ به
inbox-kind-group_invite = الدعوات إلى مجموعة
inbox-kind-group_join = انضمام أحدهم إلى مجموعة تشرف عليها
inbox-kind-chat_mention = ذكرك أحدهم في رسالة
inbox-kind-post_reaction = التفاعل مع منشوراتك
inbox-kind-competition_start = بدء مسابقة أنت فيها
inbox-kind-competition_end = انتهاء مسابقة أنت فيها
inbox-kind-competition_rank = تغيّر ترتيبك في مسابقة
inbox-kind-khatmah_portion = نصيبك من ختمة جماعية
chat-offline = لا يمكن الوصول إلى الخادم الآن: ما تكتبه من رسائل ينتظر على هذا الجهاز ويُرسل حين يمكن.
together-tab-chat-unread = المحادثات ({ $count })
