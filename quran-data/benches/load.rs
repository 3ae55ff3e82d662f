//! Cost of the first use of the data: parsing the embedded Qur'an text and
//! metadata, and parsing one translation. Both happen once per process
//! (behind `OnceLock`s); these benches call the uncached loaders.

#![allow(clippy::unwrap_used)]

use criterion::{criterion_group, criterion_main, Criterion};
use quran_data::{load_translation_uncached, load_uncached};

fn bench_load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.bench_function("quran-text-and-meta", |b| b.iter(load_uncached));
    group.bench_function("translation-en", |b| {
        b.iter(|| load_translation_uncached("en").unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench_load);
criterion_main!(benches);
