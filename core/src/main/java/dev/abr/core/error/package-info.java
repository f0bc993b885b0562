@NullMarked
package dev.abr.core.error;

import org.jspecify.annotations.NullMarked;
