/**
 * The Fashion-MNIST study, {@code ./fashion}: {@link dev.myelin.fashion.FashionCli} runs the commands of
 * {@code cli}. Every model it trains is built on Myelin's core; see {@code docs/architecture.md} for the packages.
 */
package dev.myelin.fashion;
