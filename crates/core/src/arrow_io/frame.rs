//! A file's frame checked before arrow-ipc reads it: magic bytes, footer, blocks and buffers.

use crate::CoreError;

/// Checks the file's frame before arrow-ipc reads it: magic bytes, footer, and every block inside the
/// file. arrow-ipc 60 trusts the footer's block lengths: a forged length makes it allocate gigabytes,
/// a negative one makes it panic (both found by fuzzing, see fuzz/).
pub(crate) fn check_frame<'a>(
    file: &str,
    bytes: &'a [u8],
) -> Result<arrow_ipc::Footer<'a>, CoreError> {
    const MAGIC: &[u8] = b"ARROW1";
    let invalid = |reason: &str| CoreError::Arrow {
        file: file.to_string(),
        reason: reason.to_string(),
    };
    if bytes.len() < 2 * MAGIC.len() + 4 || !bytes.starts_with(MAGIC) || !bytes.ends_with(MAGIC) {
        return Err(invalid(
            "not an Arrow IPC file (magic bytes missing: truncated?)",
        ));
    }
    let length_at = bytes.len() - MAGIC.len() - 4;
    let footer_length = bytes
        .get(length_at..length_at + 4)
        .and_then(|bytes| <[u8; 4]>::try_from(bytes).ok())
        .map(i32::from_le_bytes)
        .and_then(|length| usize::try_from(length).ok())
        .ok_or_else(|| invalid("bad footer length"))?;
    let footer_bytes = length_at
        .checked_sub(footer_length)
        .and_then(|start| bytes.get(start..length_at))
        .ok_or_else(|| invalid("footer outside the file"))?;
    let footer = arrow_ipc::root_as_footer(footer_bytes)
        .map_err(|error| invalid(&format!("bad footer: {error}")))?;
    let widths =
        buffer_widths(&footer).ok_or_else(|| invalid("a column type this app does not read"))?;
    for block in footer_blocks(&footer) {
        let end = u64::try_from(block.offset())
            .ok()
            .zip(u64::try_from(block.metaDataLength()).ok())
            .zip(u64::try_from(block.bodyLength()).ok())
            .and_then(|((offset, meta), body)| offset.checked_add(meta)?.checked_add(body));
        if end.is_none_or(|end| end > bytes.len() as u64) {
            return Err(invalid("a data block lies outside the file"));
        }
        check_block(bytes, block, &widths)
            .ok_or_else(|| invalid("a data block's buffers do not fit in it"))?;
    }
    Ok(footer)
}

/// The element width in bytes of each buffer, in order, for a record batch of the file's schema and
/// for a dictionary batch (0 for a validity bitmap or bytes). Only the types of our schema are read:
/// integers, booleans, UTF-8 strings, and strings dictionary-encoded with integer keys.
pub(crate) struct BufferWidths {
    record_batch: Vec<u64>,
    dictionary_batch: Vec<u64>,
}

pub(crate) fn buffer_widths(footer: &arrow_ipc::Footer) -> Option<BufferWidths> {
    use arrow_ipc::Type;
    const UTF8: [u64; 3] = [0, 4, 0];
    let mut record_batch = Vec::new();
    for field in footer.schema()?.fields()? {
        if field
            .children()
            .is_some_and(|children| !children.is_empty())
        {
            return None;
        }
        let key_bits = field
            .dictionary()
            .map(|d| d.indexType().map(|t| t.bitWidth()));
        let widths: &[u64] = match (field.type_type(), key_bits) {
            (Type::Utf8, Some(Some(bits))) => &[0, u64::try_from(bits / 8).ok()?],
            (_, Some(_)) => return None,
            (Type::Utf8, None) => &UTF8,
            (Type::Bool, None) => &[0, 0],
            (Type::Int, None) => &[0, u64::try_from(field.type_as_int()?.bitWidth() / 8).ok()?],
            _ => return None,
        };
        record_batch.extend_from_slice(widths);
    }
    Some(BufferWidths {
        record_batch,
        dictionary_batch: UTF8.to_vec(),
    })
}

/// The file's blocks: dictionaries first, then record batches (the order they must be read in).
pub(crate) fn footer_blocks<'a>(
    footer: &arrow_ipc::Footer<'a>,
) -> impl Iterator<Item = &'a arrow_ipc::Block> + 'a {
    footer
        .dictionaries()
        .into_iter()
        .flatten()
        .chain(footer.recordBatches().into_iter().flatten())
}

/// A block's message, and where its body lies in the file.
pub(crate) struct BlockParts<'a> {
    pub(crate) message: arrow_ipc::Message<'a>,
    pub(crate) body_start: usize,
    pub(crate) body_length: usize,
}

pub(crate) fn block_parts<'a>(bytes: &'a [u8], block: &arrow_ipc::Block) -> Option<BlockParts<'a>> {
    let start = usize::try_from(block.offset()).ok()?;
    let meta_length = usize::try_from(block.metaDataLength()).ok()?;
    let body_length = usize::try_from(block.bodyLength()).ok()?;
    let body_start = start.checked_add(meta_length)?;
    let meta = bytes.get(start..body_start)?;
    // A message is [0xFFFFFFFF][length][flatbuffer], or [length][flatbuffer] in the older format.
    let skip = if meta.starts_with(&[0xff; 4]) { 8 } else { 4 };
    let message = arrow_ipc::root_as_message(meta.get(skip..)?).ok()?;
    Some(BlockParts {
        message,
        body_start,
        body_length,
    })
}

/// Checks one block's message: every buffer within the block's body, on its element width, every
/// length sane. (arrow-ipc 60 slices and casts buffers before validating them, and panics on a
/// forged offset or an odd length.)
pub(crate) fn check_block(
    bytes: &[u8],
    block: &arrow_ipc::Block,
    widths: &BufferWidths,
) -> Option<()> {
    let BlockParts {
        message,
        body_length,
        ..
    } = block_parts(bytes, block)?;
    let body_length = u64::try_from(body_length).ok()?;
    let (batch, widths) = match message.header_as_record_batch() {
        Some(batch) => (batch, &widths.record_batch),
        None => (
            message.header_as_dictionary_batch()?.data()?,
            &widths.dictionary_batch,
        ),
    };
    // No array is longer than the body could hold as bits, plus one.
    let most_rows = body_length.saturating_mul(8).saturating_add(1);
    let rows_ok = |length: i64| u64::try_from(length).is_ok_and(|n| n <= most_rows);
    if !rows_ok(batch.length()) {
        return None;
    }
    for node in batch.nodes().into_iter().flatten() {
        if !rows_ok(node.length())
            || !rows_ok(node.null_count())
            || node.null_count() > node.length()
        {
            return None;
        }
    }
    let buffers = batch.buffers()?;
    if buffers.len() != widths.len() {
        return None;
    }
    for (buffer, &width) in buffers.iter().zip(widths) {
        let offset = u64::try_from(buffer.offset()).ok()?;
        let length = u64::try_from(buffer.length()).ok()?;
        let misaligned = width > 0 && (offset % width != 0 || length % width != 0);
        if misaligned || offset.checked_add(length)? > body_length {
            return None;
        }
    }
    Some(())
}
