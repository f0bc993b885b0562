/**
 * A real-browser player harness: headless Debian Chromium driven through chromedriver opens the
 * origin's player page and plays HLS with hls.js or DASH with dash.js, reporting what the browser
 * actually decoded as plain records.
 */
@NullMarked
package dev.abr.testkit.player;

import org.jspecify.annotations.NullMarked;
