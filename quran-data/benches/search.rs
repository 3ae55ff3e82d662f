//! Search speed over the whole Qur'an: 25 varied queries, each measured by
//! criterion, then a p50/p95 summary written as JSON to
//! `$BENCH_OUT_DIR/search.json` (default `target/bench-results/` in the
//! workspace), which is the number the project reports, with the Arabic
//! index's size and build time. Target: p95 under 1 ms per query on a slow
//! 2-core machine.

#![allow(clippy::unwrap_used)]

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{criterion_group, BenchmarkId, Criterion};
use quran_data::{search, SearchIndex, SearchOptions};

/// `(label, query, translation)`: Arabic with and without diacritics, one
/// word and phrases, very common and rare words, standard spellings of
/// words the mushaf spells otherwise, English words and phrases, and a
/// query that matches nothing.
const QUERIES: [(&str, &str, &str); 25] = [
    ("ar-allah-very-common", "الله", "en"),
    ("ar-allah-diacritics", "ٱللَّهِ", "en"),
    ("ar-rahman", "الرحمن", "en"),
    ("ar-rahman-diacritics", "ٱلرَّحۡمَٰنِ", "en"),
    ("ar-ilah-hamza", "إله", "en"),
    ("ar-basmala-phrase", "بسم الله الرحمن الرحيم", "en"),
    ("ar-kursi-long-phrase", "الله لا إله إلا هو الحي القيوم", "en"),
    ("ar-ikhlas-phrase", "قل هو الله احد", "en"),
    ("ar-qiyamah-uthmani", "يوم القيمة", "en"),
    ("ar-subhan", "سبحان", "en"),
    ("ar-dhalika-phrase", "ذلك الكتاب لا ريب فيه", "en"),
    ("ar-rare-zulumat", "ظلمات", "en"),
    ("ar-salah-standard", "الصلاة", "en"),
    ("ar-quran-standard", "القرآن", "en"),
    ("ar-bani-israil-vocative", "يا بني إسرائيل", "en"),
    (
        "ar-jannat-standard-phrase",
        "جنات تجري من تحتها الأنهار",
        "en",
    ),
    ("ar-ya-ayyuha-very-common", "يا أيها", "en"),
    ("en-mercy", "mercy", "en"),
    ("en-merciful-caps", "MERCIFUL", "en"),
    ("en-lord-of-the-worlds", "Lord of the worlds", "en"),
    ("en-day-of-resurrection", "day of resurrection", "en"),
    ("en-moses", "Moses", "en"),
    ("en-gardens-rivers", "gardens rivers beneath", "en"),
    ("fr-misericordieux", "Miséricordieux", "fr"),
    ("no-match", "xylophonequark", "en"),
];

fn options(translation: &str) -> SearchOptions {
    SearchOptions {
        translation: Some(translation.to_owned()),
        ..SearchOptions::default()
    }
}

fn warm_up() {
    // Index building is a one-off cost measured by the load bench; the
    // per-query numbers are for a built index.
    let _ = SearchIndex::arabic();
    let _ = SearchIndex::translation("en");
    let _ = SearchIndex::translation("fr");
}

fn bench_search(c: &mut Criterion) {
    warm_up();
    let mut group = c.benchmark_group("search");
    for (label, query, translation) in QUERIES {
        let options = options(translation);
        group.bench_with_input(BenchmarkId::from_parameter(label), &query, |b, query| {
            b.iter(|| search(black_box(query), &options).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, bench_search);

const RUNS_PER_QUERY: usize = 200;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = (p * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn micros(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e7).round() / 10.0
}

const INDEX_BUILDS: usize = 5;

/// The Arabic index's heap size and the median time to build it (the app
/// builds it once, in the background at start).
fn arabic_index_cost() -> serde_json::Value {
    let mut times: Vec<Duration> = (0..INDEX_BUILDS)
        .map(|_| {
            let start = Instant::now();
            black_box(SearchIndex::arabic_uncached());
            start.elapsed()
        })
        .collect();
    times.sort_unstable();
    let bytes = SearchIndex::arabic().heap_bytes();
    serde_json::json!({
        "what": "the Arabic index: Uthmani and standard-spelling keys, word groups, text list (heap, not the embedded texts)",
        "heap_bytes": bytes,
        "heap_mib": (bytes as f64 / 1024.0 / 1024.0 * 100.0).round() / 100.0,
        "builds": INDEX_BUILDS,
        "build_median_ms": (percentile(&times, 0.5).as_secs_f64() * 1e4).round() / 10.0,
        "build_max_ms": (times.last().unwrap().as_secs_f64() * 1e4).round() / 10.0,
    })
}

/// Times every query `RUNS_PER_QUERY` times and writes the percentiles.
fn write_summary() {
    warm_up();
    let mut all = Vec::with_capacity(QUERIES.len() * RUNS_PER_QUERY);
    let mut per_query = Vec::new();
    for (label, query, translation) in QUERIES {
        let options = options(translation);
        let total = search(query, &options).unwrap().total;
        let mut times: Vec<Duration> = (0..RUNS_PER_QUERY)
            .map(|_| {
                let start = Instant::now();
                black_box(search(black_box(query), &options).unwrap());
                start.elapsed()
            })
            .collect();
        all.extend_from_slice(&times);
        times.sort_unstable();
        per_query.push(serde_json::json!({
            "label": label,
            "query": query,
            "translation": translation,
            "matches": total,
            "p50_us": micros(percentile(&times, 0.50)),
            "p95_us": micros(percentile(&times, 0.95)),
            "max_us": micros(*times.last().unwrap()),
        }));
    }
    all.sort_unstable();
    let p95 = percentile(&all, 0.95);
    let index = arabic_index_cost();
    let summary = serde_json::json!({
        "benchmark": "quran-data search",
        "what": "one search over all 6,236 ayahs (Arabic or a translation), index already built",
        "queries": QUERIES.len(),
        "runs_per_query": RUNS_PER_QUERY,
        "threads_available": std::thread::available_parallelism().map_or(1, |n| n.get()),
        "p50_us": micros(percentile(&all, 0.50)),
        "p95_us": micros(p95),
        "max_us": micros(*all.last().unwrap()),
        "target_p95_us": 1000.0,
        "meets_target": p95 < Duration::from_millis(1),
        "arabic_index": index,
        "per_query": per_query,
    });
    let dir = std::env::var_os("BENCH_OUT_DIR").map_or_else(
        || {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../target/bench-results"
            ))
        },
        PathBuf::from,
    );
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("search.json");
    std::fs::write(
        &path,
        serde_json::to_string_pretty(&summary).unwrap() + "\n",
    )
    .unwrap();
    println!(
        "search summary: p50 {} µs, p95 {} µs over {} runs; Arabic index {} MiB, built in {} ms -> {}",
        summary["p50_us"],
        summary["p95_us"],
        all.len(),
        summary["arabic_index"]["heap_mib"],
        summary["arabic_index"]["build_median_ms"],
        path.display()
    );
}

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    // `cargo bench` passes --bench; `cargo test --benches` does not, and
    // then only criterion's quick self-test runs.
    if std::env::args().any(|a| a == "--bench") {
        write_summary();
    }
}
