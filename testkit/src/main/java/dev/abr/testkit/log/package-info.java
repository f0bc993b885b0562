/** What a test's JVM logs, captured so that tests can assert on it. */
@NullMarked
package dev.abr.testkit.log;

import org.jspecify.annotations.NullMarked;
