/** The {@code abr} command: the all-in-one VOD run, the origin, sample generation. */
@NullMarked
package dev.abr.app;

import org.jspecify.annotations.NullMarked;
