@NullMarked
package dev.abr.core.message;

import org.jspecify.annotations.NullMarked;
