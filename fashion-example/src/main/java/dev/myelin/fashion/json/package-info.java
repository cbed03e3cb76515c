/**
 * The JSON of run folders and reports: core's parser ({@link dev.myelin.io.Json}), which validates as it reads and throws a
 * {@link dev.myelin.io.JsonException} naming the file and the fault, a writer with stable
 * formatting, and typed field access ({@link dev.myelin.fashion.json.JsonFields}).
 */
package dev.myelin.fashion.json;
