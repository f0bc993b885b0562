/** Offline validation of DASH MPDs against the ISO/IEC 23009-1 XML schema. */
@NullMarked
package dev.abr.testkit.dash;

import org.jspecify.annotations.NullMarked;
