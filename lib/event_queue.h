/* A discrete-event queue in virtual time, as SIMH keeps one: devices
 * schedule their completions some number of time units ahead, and the
 * machine loop runs the CPU up to the next due event, then fires it. The
 * unit of virtual time is one executed instruction (see src/machine.c), so
 * a run is repeatable: the same program and media give the same events at
 * the same instruction counts.
 *
 * Events are owned by their users (embedded in a device's state), so the
 * queue never allocates. */
#ifndef VM67_LIB_EVENT_QUEUE_H
#define VM67_LIB_EVENT_QUEUE_H

#include <stdbool.h>
#include <stdint.h>

struct event {
    uint64_t due;
    void (*fire)(void *arg);
    void *arg;
    struct event *next;
    bool scheduled;
};

struct event_queue {
    struct event *head;   /* sorted by due time, earliest first */
    uint64_t now;         /* virtual time of the last event_run_due() */
    /* Told when a scheduled event becomes the earliest (with its due
     * time), so that the machine loop can end a CPU slice in time for an
     * event scheduled while the CPU runs. NULL: nobody is told. */
    void (*earliest_changed)(void *context, uint64_t due);
    void *earliest_context;
};

/* An empty queue at time 0, telling nobody. */
void event_queue_init(struct event_queue *q);

/* Prepares an event; it is not scheduled yet. */
void event_init(struct event *e, void (*fire)(void *arg), void *arg);

/* Schedules (or reschedules) e to fire at q->now + delay. Events due at the
 * same time fire in the order they were scheduled. */
void event_schedule(struct event_queue *q, struct event *e, uint64_t delay);

/* Schedules e at an absolute virtual time. */
void event_schedule_at(struct event_queue *q, struct event *e, uint64_t due);

void event_cancel(struct event_queue *q, struct event *e);

static inline bool event_is_scheduled(const struct event *e)
{
    return e->scheduled;
}

/* The due time of the earliest event, or UINT64_MAX when none. */
uint64_t event_next_due(const struct event_queue *q);

/* Advances the queue's clock to `now` and fires every event due by then,
 * in order, including events that firing callbacks schedule for no later
 * than now. While an event fires the clock reads its due time, so a
 * callback's event_schedule() counts from the moment the event happened.
 * Returns the number fired. */
unsigned event_run_due(struct event_queue *q, uint64_t now);

#endif
