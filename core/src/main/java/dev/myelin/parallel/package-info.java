/**
 * The one thread runtime of the library: {@link dev.myelin.parallel.Parallel#forRange} splits a loop
 * over independent outputs among a team of spinning workers ({@link dev.myelin.parallel.ThreadTeam}),
 * so that results are bit-identical whatever the thread count. Not exported: users set the thread
 * count with {@link dev.myelin.Myelin#setThreads}.
 */
package dev.myelin.parallel;
