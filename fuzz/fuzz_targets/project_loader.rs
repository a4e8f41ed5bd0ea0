//! The RON project loader on arbitrary bytes: no panic, no hang, and whatever loads is a
//! valid project that saves and loads back unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(project) = lectern::store::from_ron(text, Path::new("fuzz.ron")) {
        assert!(project.problems().is_empty());
        let again = lectern::store::to_ron(&project).expect("a loaded project serialises");
        let back = lectern::store::from_ron(&again, Path::new("fuzz.ron")).expect("reloads");
        assert_eq!(back, project);
    }
});
