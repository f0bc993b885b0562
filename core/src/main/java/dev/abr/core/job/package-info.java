@NullMarked
package dev.abr.core.job;

import org.jspecify.annotations.NullMarked;
