/**
 * The JSON of run folders and reports: a small parser that validates as it reads and throws a
 * {@link dev.myelin.fashion.json.JsonException} naming the file and the fault, a writer with stable
 * formatting, and typed field access ({@link dev.myelin.fashion.json.JsonFields}).
 */
package dev.myelin.fashion.json;
