/**
 * ISO base media file format boxes (ISO/IEC 14496-12) as typed records, one record per box type,
 * named after the spec; {@link dev.abr.cmaf.box.BoxWriter} frames and serializes them, {@link
 * dev.abr.cmaf.box.BoxReader} parses bytes back into them and {@link dev.abr.cmaf.box.BoxTreeDump}
 * renders a tree as text for golden files.
 */
@NullMarked
package dev.abr.cmaf.box;

import org.jspecify.annotations.NullMarked;
