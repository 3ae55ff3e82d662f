//! Every vendored data file is pinned by its SHA-256, so the Qur'an text,
//! a translation or the metadata can never change without this test being
//! edited on purpose.

use std::collections::BTreeSet;
use std::path::Path;

use sha2::{Digest, Sha256};

/// `(path under data/, SHA-256)` of every vendored file, computed once with
/// `sha256sum` when the files were vendored.
const PINNED: [(&str, &str); 16] = [
    (
        "LICENSE-quran-json.txt",
        "fcc8a87920214067b4f9f81aceec79d4593e70184c25fe81f0e880ab30347856",
    ),
    (
        "meta/LICENSE-quran-meta.txt",
        "bae543d395b45f4ee9405e4c5acfa7b479d08ec756bde3ca2c41d0a59bf2f672",
    ),
    (
        "meta/hafs.json",
        "06bfbf173e363289ed73bbc3882b930b11968bd93f2721ef7487e7c716e483d4",
    ),
    (
        "quran.json",
        "d8a8adff387f60ce3ff7dbe3238dd9b27120bfe29d8fcb07ad2e89cad37cefd4",
    ),
    (
        "tanzil/quran-simple-clean.txt",
        "054b3d9f79c0c2e44df7f9ddf42561797b3b5cb4fbdafbf2e99c805ccf1a6b49",
    ),
    (
        "translations/bn.json",
        "894086074f0e637d0488de1e6cb48a729dd60d38bfde3326bb6a2c66bf171a71",
    ),
    (
        "translations/en.json",
        "bae3acab517304dc2684d65949a00f31000a92818041cefabc234663da99d7a3",
    ),
    (
        "translations/es.json",
        "3232ba080fa1a04d23cc174550e84554af89fdcd2ff59b8870aef2267d0cd7c0",
    ),
    (
        "translations/fr.json",
        "2efc6d899d9504d63c4d62efa4fc89d38f99105237b7030b01b12f24bc1ebb8e",
    ),
    (
        "translations/id.json",
        "75d4672e11a638fc4e374df2ee9fa4d2257c562de9a5eb824532514e5c59d0ee",
    ),
    (
        "translations/ru.json",
        "b04ec3408c6edd3c4ff2d5794eab4b63ee5363f1eb6ca0969663624e877346e2",
    ),
    (
        "translations/sv.json",
        "60a3051fd522ddb32295d3a9837826e131db0607a9143c0c65bac153c6d723a7",
    ),
    (
        "translations/tr.json",
        "53c9772e2d4579ea290318302ba25aee2c74bef9537cbc360d7988d003e57fe1",
    ),
    (
        "translations/ur.json",
        "fe9c2ff72c287b3df8390b16eb27bb6de0210f20b417a5659b1fbdc29e58325f",
    ),
    (
        "translations/zh.json",
        "0646a4794227cfbcd45f23b86328e7b9617bfbcce9571e91f87360495b11ef6c",
    ),
    (
        "transliteration.json",
        "36369741f23fe2b64fdcca39d047659256dab7b40f1717aefcb6198c514313a0",
    ),
];

fn data_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data"))
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn every_vendored_file_has_its_pinned_checksum() {
    for (path, expected) in PINNED {
        let bytes = std::fs::read(data_dir().join(path))
            .unwrap_or_else(|e| panic!("data/{path} must exist: {e}"));
        assert_eq!(
            sha256_hex(&bytes),
            expected,
            "data/{path} changed; vendored data must stay byte for byte as published"
        );
    }
}

#[test]
fn the_quran_text_is_the_published_quran_json() {
    let expected = "d8a8adff387f60ce3ff7dbe3238dd9b27120bfe29d8fcb07ad2e89cad37cefd4";
    let embedded = include_bytes!("../data/quran.json");
    assert_eq!(
        sha256_hex(embedded),
        expected,
        "the text compiled into the binary is quran-json@3.1.2 dist/quran.json"
    );
}

#[test]
fn no_data_file_is_left_unpinned() {
    fn walk(dir: &Path, root: &Path, found: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).expect("data/ is readable") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                walk(&path, root, found);
            } else {
                let relative = path.strip_prefix(root).expect("under data/");
                found.insert(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut found = BTreeSet::new();
    walk(data_dir(), data_dir(), &mut found);
    let pinned: BTreeSet<String> = PINNED.iter().map(|(p, _)| (*p).to_owned()).collect();
    assert_eq!(
        found, pinned,
        "every file under data/ must be pinned here, and only those"
    );
}
