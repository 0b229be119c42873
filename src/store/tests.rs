//! The store's file hygiene, on real files: private creation that no planted file or link can
//! redirect, and quarantined copies that do not outlive their use.

use std::os::unix::fs::PermissionsExt;

use super::*;

fn mode(path: &Path) -> u32 {
    fs::symlink_metadata(path).unwrap().permissions().mode() & 0o777
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn private_files_are_new_and_never_follow_links() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("new");
    let file = create_private(&path).unwrap();
    drop(file);
    assert_eq!(mode(&path), 0o600);
    // Something already there is never reused or truncated.
    fs::write(&path, "kept").unwrap();
    let error = create_private(&path).unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::AlreadyExists);
    assert_eq!(fs::read_to_string(&path).unwrap(), "kept");
    // A link planted there, dangling or not, is not followed.
    let target = dir.path().join("elsewhere");
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    assert!(create_private(&link).is_err());
    assert!(!target.exists(), "the link was followed");
    fs::write(&target, "theirs").unwrap();
    assert!(create_private(&link).is_err());
    assert_eq!(fs::read_to_string(&target).unwrap(), "theirs");
}

#[test]
fn saving_leaves_no_temporary_file_and_steps_around_leftovers() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = Store::new(dir.path());
    store.ensure_dir().unwrap();
    // A killed writer's leftover (or a planted link) under this process's next names.
    let pid = std::process::id();
    let next = TEMP_COUNTER.load(Ordering::Relaxed);
    for n in next..next + 4 {
        std::os::unix::fs::symlink(
            "/nonexistent",
            dir.path().join(format!(".f.ron.tmp-{pid}-{n}")),
        )
        .unwrap();
    }
    store.save("f.ron", &vec![1, 2, 3]).unwrap();
    assert_eq!(mode(&dir.path().join("f.ron")), 0o600);
    let loaded: Loaded<Vec<u32>> = store.load("f.ron").unwrap();
    assert_eq!(loaded.value, [1, 2, 3]);
    let temps = names(dir.path())
        .into_iter()
        .filter(|n| n.starts_with(".f.ron.tmp-"))
        .count();
    assert!(temps <= 4, "only the planted ones may remain: {temps}");
}

#[test]
fn sign_out_deletes_every_quarantined_copy_of_that_file_only() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = Store::new(dir.path());
    store.ensure_dir().unwrap();
    for name in [
        "session.ron.corrupt-100",
        "session.ron.corrupt-200",
        "session.ron.corrupt-x",
        "session.ron",
        "other.ron.corrupt-100",
        // A writer killed mid-write left its temporary file.
        ".session.ron.tmp-4242-0",
        ".other.ron.tmp-4242-0",
    ] {
        fs::write(dir.path().join(name), "tokens").unwrap();
    }
    fs::create_dir(dir.path().join("session.ron.corrupt-dir")).unwrap();
    assert_eq!(store.remove_quarantined(SESSION_FILE).unwrap(), 4);
    assert_eq!(
        names(dir.path()),
        [
            ".other.ron.tmp-4242-0",
            "other.ron.corrupt-100",
            "session.ron",
            "session.ron.corrupt-dir"
        ]
    );
    assert_eq!(store.remove_quarantined(SESSION_FILE).unwrap(), 0);
    // No directory at all: nothing to delete.
    let missing = Store::new(dir.path().join("missing"));
    assert_eq!(missing.remove_quarantined(SESSION_FILE).unwrap(), 0);
}

#[test]
fn a_failed_deletion_is_reported() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = Store::new(dir.path());
    store.ensure_dir().unwrap();
    fs::write(dir.path().join("session.ron.corrupt-1"), "tokens").unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o500)).unwrap();
    // Root writes in a read-only directory anyway: nothing to check then.
    let privileged = fs::write(dir.path().join("probe"), "").is_ok();
    let result = store.remove_quarantined(SESSION_FILE);
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700)).unwrap();
    if !privileged {
        assert!(matches!(result, Err(StoreError::Io { .. })), "{result:?}");
        assert!(dir.path().join("session.ron.corrupt-1").exists());
    }
}

#[test]
fn quarantine_keeps_the_three_newest_copies_of_the_last_thirty_days() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = Store::new(dir.path());
    store.ensure_dir().unwrap();
    let now = 100 * 86_400;
    let day = 86_400;
    for stamp in [
        now - 40 * day,
        now - 31 * day,
        now - 2 * day,
        now - day,
        now - 60,
    ] {
        fs::write(dir.path().join(format!("x.ron.corrupt-{stamp}")), "t").unwrap();
    }
    fs::write(dir.path().join("x.ron.corrupt-manual"), "t").unwrap();
    let fresh = dir.path().join(format!("x.ron.corrupt-{now}"));
    fs::write(&fresh, "t").unwrap();
    assert_eq!(store.prune_quarantined("x.ron", &fresh, now).unwrap(), 3);
    assert_eq!(
        names(dir.path()),
        [
            format!("x.ron.corrupt-{now}"),
            format!("x.ron.corrupt-{}", now - 60),
            format!("x.ron.corrupt-{}", now - day),
            "x.ron.corrupt-manual".to_string(),
        ]
        .into_iter()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect::<Vec<_>>()
    );
    // Only old ones go when there are few.
    let fresh2 = dir.path().join(format!("y.ron.corrupt-{now}"));
    fs::write(&fresh2, "t").unwrap();
    fs::write(
        dir.path().join(format!("y.ron.corrupt-{}", now - 31 * day)),
        "t",
    )
    .unwrap();
    assert_eq!(store.prune_quarantined("y.ron", &fresh2, now).unwrap(), 1);
    assert!(fresh2.exists());
}

#[test]
fn loading_a_corrupt_file_quarantines_it_and_prunes_old_copies() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = Store::new(dir.path());
    store.ensure_dir().unwrap();
    // Stamps from 1970: a box without a clock, long ago.
    for stamp in [10, 20, 30, 40] {
        fs::write(dir.path().join(format!("s.ron.corrupt-{stamp}")), "t").unwrap();
    }
    fs::write(dir.path().join("s.ron"), "(garbage").unwrap();
    let loaded: Loaded<Vec<u32>> = store.load("s.ron").unwrap();
    let aside = loaded.quarantined.unwrap();
    assert_eq!(fs::read_to_string(&aside).unwrap(), "(garbage");
    let left: Vec<_> = names(dir.path())
        .into_iter()
        .filter(|n| n.starts_with("s.ron.corrupt-"))
        .collect();
    assert_eq!(left.len(), 1, "{left:?}");
}
