//! The audio cache on disk: `{root}/{reciter id}/{SSSAAA}.mp3`. Downloads
//! write `{file}.part` and rename it into place only when it is complete
//! and decodes, so a file under its final name is always whole. A `.part`
//! left by an interruption is resumed, not restarted.

use std::path::{Path, PathBuf};

use companion_core::AyahRef;
use quran_data::{ayah_file_name, Reciter};
use serde::Serialize;

use crate::{Error, Result};

/// The cache folder.
#[derive(Debug, Clone)]
pub struct Cache {
    root: PathBuf,
}

/// Storage used by one reciter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Usage {
    /// Whole files.
    pub files: u64,
    /// Bytes of whole and partial files.
    pub bytes: u64,
}

impl Cache {
    pub fn new(root: impl Into<PathBuf>) -> Cache {
        Cache { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder of one reciter.
    pub fn folder(&self, reciter: &Reciter) -> PathBuf {
        self.root.join(reciter.id)
    }

    /// Where an ayah's whole file lives.
    pub fn file(&self, reciter: &Reciter, ayah: AyahRef) -> PathBuf {
        self.folder(reciter).join(ayah_file_name(ayah))
    }

    /// Where an ayah's file is written while it downloads.
    pub fn part(&self, reciter: &Reciter, ayah: AyahRef) -> PathBuf {
        self.folder(reciter)
            .join(format!("{}.part", ayah_file_name(ayah)))
    }

    /// Whether the ayah is here, whole.
    pub fn has(&self, reciter: &Reciter, ayah: AyahRef) -> bool {
        self.file(reciter, ayah).is_file()
    }

    /// Files and bytes used by a reciter.
    pub fn usage(&self, reciter: &Reciter) -> Usage {
        let mut usage = Usage::default();
        let Ok(entries) = std::fs::read_dir(self.folder(reciter)) else {
            return usage;
        };
        for entry in entries.flatten() {
            let Ok(meta) = entry.metadata() else { continue };
            usage.bytes += meta.len();
            if entry.path().extension().is_some_and(|e| e == "mp3") {
                usage.files += 1;
            }
        }
        usage
    }

    /// Deletes everything of a reciter.
    pub fn delete(&self, reciter: &Reciter) -> Result<()> {
        let folder = self.folder(reciter);
        match std::fs::remove_dir_all(&folder) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(Error::Disk {
                path: folder,
                source,
            }),
        }
    }

    /// Moves a checked `.part` into place.
    pub fn commit(&self, reciter: &Reciter, ayah: AyahRef) -> Result<PathBuf> {
        let (part, file) = (self.part(reciter, ayah), self.file(reciter, ayah));
        std::fs::rename(&part, &file).map_err(|source| Error::Disk {
            path: file.clone(),
            source,
        })?;
        Ok(file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_per_reciter_and_usage_counts_whole_files() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let alafasy = quran_data::reciter("alafasy").unwrap();
        let ayah = AyahRef::new(1, 1).unwrap();
        assert!(!cache.has(alafasy, ayah));
        std::fs::create_dir_all(cache.folder(alafasy)).unwrap();
        std::fs::write(cache.part(alafasy, ayah), b"12345").unwrap();
        assert!(!cache.has(alafasy, ayah), "a part is not a file");
        cache.commit(alafasy, ayah).unwrap();
        assert!(cache.has(alafasy, ayah));
        std::fs::write(cache.part(alafasy, AyahRef::new(1, 2).unwrap()), b"123").unwrap();
        assert_eq!(cache.usage(alafasy), Usage { files: 1, bytes: 8 });
        cache.delete(alafasy).unwrap();
        assert_eq!(cache.usage(alafasy), Usage::default());
        cache.delete(alafasy).unwrap();
    }
}
