//! What every target links: the bound on one allocation, held by Rust's global allocator.
//!
//! libFuzzer's `-malloc_limit_mb` works through a sanitizer's malloc hooks, so a build without
//! one (`scripts/fuzz --sanitizer none`, which runs `session` 6x faster) would lose it. This
//! bounds every Rust allocation either way; SQLite's own mallocs (C) stay bounded by
//! libFuzzer only under a sanitizer. Each target names this crate (`use zerok_fuzz as _`) so
//! the allocator is linked in.

use std::{
    alloc::{GlobalAlloc, Layout, System},
    io::Write,
};

/// The largest allocation an input may cause: a frame may claim `MAX_FRAME` (16 MiB + 64 KiB),
/// read into one buffer. scripts/fuzz passes the same bound to libFuzzer.
const MAX_ALLOCATION: usize = 64 << 20;

struct Bounded;

/// An allocation over the bound aborts, a crash libFuzzer keeps the input of (an allocator
/// may not unwind, so it cannot panic).
fn check(size: usize) {
    if size > MAX_ALLOCATION {
        // Unbuffered, and writing a borrowed slice allocates nothing.
        let _ = std::io::stderr().write_all(b"==zerok-fuzz== one allocation over 64 MiB\n");
        std::process::abort();
    }
}

// SAFETY: every call is passed on unchanged to the system allocator, after the size check.
unsafe impl GlobalAlloc for Bounded {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        check(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        check(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        check(new_size);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Bounded = Bounded;
