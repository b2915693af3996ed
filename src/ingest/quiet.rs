//! A call into a reader library that may panic in; its result, or the caught panic's message, out, with
//! nothing printed for that panic: the caller reports it in its own words, in one line naming the file.
//!
//! Rust's panic hook prints every panic, caught or not, and a library's panic text (with a backtrace when
//! `RUST_BACKTRACE` is set) reads as a crash to a user whose file is merely damaged. The hook installed
//! here stays silent only while the current thread is inside [`guarded`]; every other panic, on any
//! thread, goes to the hook that was there before, so a real bug of ours still prints as usual.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// How many guarded calls the current thread is inside.
    static GUARDED: Cell<usize> = const { Cell::new(0) };
}

static INSTALL: Once = Once::new();

/// Runs `f`; a panic inside it becomes `Err` with its message, and prints nothing.
pub fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if GUARDED.with(Cell::get) == 0 {
                previous(info);
            }
        }));
    });
    GUARDED.with(|g| g.set(g.get() + 1));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(g.get() - 1));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown failure".into())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_becomes_its_message_and_the_guard_unwinds() {
        assert_eq!(guarded(|| 7), Ok(7));
        assert_eq!(
            guarded(|| -> () { panic!("missing object") }),
            Err("missing object".into())
        );
        let n = 3;
        assert_eq!(
            guarded(|| -> () { panic!("object {n} missing") }),
            Err("object 3 missing".into())
        );
        // Nested guards count down to zero again, so later panics outside print as usual.
        assert_eq!(
            guarded(|| guarded(|| -> () { panic!("inner") })),
            Ok(Err("inner".into()))
        );
        assert_eq!(GUARDED.with(Cell::get), 0);
    }
}
