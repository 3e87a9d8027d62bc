package io.pacesetter.job.report;

/**
 * One measure over one of the periods a board compares, and the period it is compared with.
 *
 * @param current the figure over the current period
 * @param previous the figure over the period compared with
 * @param change the difference and its judgement
 */
public record Compared(ComparisonKind kind, Figure current, Figure previous, Comparison change) {}
