/**
 * Detection: rules applied to events, producing {@link io.vigil.detect.Signal}s.
 *
 * <p>In: compiled rules and events (in any order within the allowed lateness). Out: signals,
 * each naming the rule, the group, the contributing events and the time it fired. Promises: the
 * meaning of every rule type is a query over events in a window, evaluated by event time;
 * the streaming engine and the historical evaluator share this code, so they agree; state is
 * bounded per rule (groups and entries per group), evictions are counted.
 */
package io.vigil.detect;
