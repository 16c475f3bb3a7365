//! Why a block has no model: shared by the files' roles (`inputs`, a file not arrived) and the
//! computation (`model`).

use crate::CoreError;

/// Why a block has no model (yet).
#[derive(Debug, Clone, PartialEq)]
pub enum BlockError {
    /// A file the block reads has not arrived: the block is loading.
    NotReady(String),
    /// The block does not apply to the territory (a région compared with itself): left out.
    NotApplicable,
    Core(CoreError),
}

impl From<CoreError> for BlockError {
    fn from(error: CoreError) -> Self {
        BlockError::Core(error)
    }
}
