//! What the fuzz targets share: one runtime for those that read through async code.

use std::sync::LazyLock;

use tokio::runtime::Runtime;

static RUNTIME: LazyLock<Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
});

/// Runs `work` to its end on the targets' runtime.
pub fn block_on<F: Future>(work: F) -> F::Output {
    RUNTIME.block_on(work)
}
