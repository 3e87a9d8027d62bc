package io.pacesetter.config;

import java.time.Duration;

/**
 * One queue's service standard. Every field but the rule may be absent: a queue without an
 * answer threshold has no "answered within standard" figure, and a figure without a target has
 * no {@code met}.
 *
 * @param answerThreshold a leg answered at or within this wait is within standard (exactly 10.000 s is within 10 s)
 * @param answeredWithinTarget the share that must be answered within standard (0..1)
 * @param denominatorRule which legs the within-standard rate divides by
 * @param shortAbandon for {@link DenominatorRule#EXCLUDING_SHORT_ABANDONS}: abandons quicker than this are left out
 * @param abandonmentTarget the highest acceptable abandonment rate (0..1)
 * @param meanWaitTarget the longest acceptable mean wait of answered legs
 */
public record QueueStandard(
        Duration answerThreshold,
        Double answeredWithinTarget,
        DenominatorRule denominatorRule,
        Duration shortAbandon,
        Double abandonmentTarget,
        Duration meanWaitTarget)
        implements java.io.Serializable {

    /** A queue given as {@code {}} is measured answered-only, with the national 5 s short abandon. */
    public QueueStandard {
        if (denominatorRule == null) {
            denominatorRule = DenominatorRule.ANSWERED;
        }
        if (shortAbandon == null) {
            shortAbandon = Duration.ofSeconds(5);
        }
    }

    /** A queue the configuration does not know: measured, but held to no standard. */
    public static final QueueStandard NONE =
            new QueueStandard(null, null, DenominatorRule.ANSWERED, Duration.ZERO, null, null);

    /** The rule as printed beside each figure, e.g. {@code EXCLUDING_SHORT_ABANDONS_5S}. */
    public String denominatorLabel() {
        if (denominatorRule == DenominatorRule.EXCLUDING_SHORT_ABANDONS) {
            return "EXCLUDING_SHORT_ABANDONS_" + shortAbandon.toSeconds() + "S";
        }
        return denominatorRule.name();
    }
}
