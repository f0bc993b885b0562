/** The transcoder role: chunk jobs in, one CMAF fragment per video rendition out. */
@NullMarked
package dev.abr.transcoder;

import org.jspecify.annotations.NullMarked;
