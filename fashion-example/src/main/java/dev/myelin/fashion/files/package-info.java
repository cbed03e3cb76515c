/**
 * Writing files safely: {@link dev.myelin.fashion.files.AtomicFiles} writes to a temporary file and
 * renames it over the target, so that a reader never sees half a file, and errors name the target.
 */
package dev.myelin.fashion.files;
