/**
 * MPEG-DASH media presentation descriptions (ISO/IEC 23009-1): immutable records for the MPD tree
 * and {@link dev.abr.packager.dash.MpdWriter}, which renders them as deterministic XML.
 */
@NullMarked
package dev.abr.packager.dash;

import org.jspecify.annotations.NullMarked;
