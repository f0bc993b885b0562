/**
 * Codec configuration for CMAF tracks: H.264 Annex B to length-prefixed conversion, the AVC decoder
 * configuration record ({@code avcC}), a sequence parameter set parser, the AAC
 * AudioSpecificConfig, and their RFC 6381 {@code codecs} strings.
 */
@NullMarked
package dev.abr.cmaf.codec;

import org.jspecify.annotations.NullMarked;
