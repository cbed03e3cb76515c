/**
 * The HTML pages a person reads: a run's report (training curves, confusion heat map, confident
 * mistakes, saliency maps) and the comparison page, with their charts (XChart) and PNG tiles.
 */
package dev.myelin.fashion.report;
