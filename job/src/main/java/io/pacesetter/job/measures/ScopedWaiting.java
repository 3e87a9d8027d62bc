package io.pacesetter.job.measures;

import io.pacesetter.connectors.contract.Scope;

/** A call starting or stopping its wait, addressed to one queue scope. A Flink POJO. */
public class ScopedWaiting {
    public String key;
    public String queue;
    public Scope scope;
    public String scopeId;
    public String callId;
    /** null: stopped waiting. */
    public Long waitingSince;

    public long time;

    public ScopedWaiting() {}

    public ScopedWaiting(String queue, Scope scope, String scopeId, String callId, Long waitingSince, long time) {
        this.key = queue + '|' + scope + '|' + scopeId;
        this.queue = queue;
        this.scope = scope;
        this.scopeId = scopeId;
        this.callId = callId;
        this.waitingSince = waitingSince;
        this.time = time;
    }
}
