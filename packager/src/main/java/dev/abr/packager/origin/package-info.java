/**
 * The HTTP origin: serves an {@link dev.abr.core.storage.ObjectStore} to players and CDNs, with
 * content types, byte ranges, CORS and cache headers, plus a player page for people and browser
 * tests.
 */
@NullMarked
package dev.abr.packager.origin;

import org.jspecify.annotations.NullMarked;
