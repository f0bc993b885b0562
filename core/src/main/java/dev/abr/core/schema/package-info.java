@NullMarked
package dev.abr.core.schema;

import org.jspecify.annotations.NullMarked;
