//! The example guides in guides/ are real and must stay clean.

use crate::support::{diagnostics, root, stderr, stdout, swapguide};

#[test]
fn every_example_guide_passes_check_without_warnings() {
    let out = swapguide(&root(), &["check", "guides"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        diagnostics(&err).is_empty(),
        "examples should be clean:\n{err}"
    );
    let text = stdout(&out);
    assert!(text.contains("gateway-swap: en, ar, es, fr"), "{text}");
    assert!(text.contains("fiber-swap: en"), "{text}");
    assert!(text.contains("0 errors, 0 warnings"), "{text}");
}
