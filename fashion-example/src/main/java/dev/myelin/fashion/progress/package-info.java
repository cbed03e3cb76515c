/**
 * Progress bars for long work, drawn in place on a terminal and as plain lines otherwise.
 */
package dev.myelin.fashion.progress;
