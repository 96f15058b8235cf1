//! The IOC toolkit on any text: spans stay inside the input on character
//! boundaries, and nothing panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tc_core::ioc;

fuzz_target!(|text: &str| {
    for hit in ioc::extract(text) {
        assert!(hit.span.start <= hit.span.end && hit.span.end <= text.len());
        assert!(text.is_char_boundary(hit.span.start) && text.is_char_boundary(hit.span.end));
        let utf16 = hit.utf16_span(text);
        assert!(utf16.start <= utf16.end);
    }
    let _ = ioc::extract_all(text);
    let refanged = ioc::refang(text);
    let _ = ioc::defang(&refanged);
});
