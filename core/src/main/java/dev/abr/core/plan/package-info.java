@NullMarked
package dev.abr.core.plan;

import org.jspecify.annotations.NullMarked;
