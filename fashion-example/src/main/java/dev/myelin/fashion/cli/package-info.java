/**
 * The commands of {@code ./fashion} (picocli), and {@link dev.myelin.fashion.cli.FashionContext},
 * everything they take from the world (streams, environment, clock, model loader, trainer), so that
 * tests can replace it.
 */
package dev.myelin.fashion.cli;
