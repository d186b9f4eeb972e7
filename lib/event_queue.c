#include "lib/event_queue.h"

#include <stddef.h>

void event_queue_init(struct event_queue *q)
{
    q->head = NULL;
    q->now = 0;
    q->earliest_changed = NULL;
    q->earliest_context = NULL;
}

void event_init(struct event *e, void (*fire)(void *arg), void *arg)
{
    e->due = 0;
    e->fire = fire;
    e->arg = arg;
    e->next = NULL;
    e->scheduled = false;
}

void event_cancel(struct event_queue *q, struct event *e)
{
    if (!e->scheduled)
        return;
    for (struct event **link = &q->head; *link != NULL; link = &(*link)->next) {
        if (*link == e) {
            *link = e->next;
            break;
        }
    }
    e->next = NULL;
    e->scheduled = false;
}

void event_schedule_at(struct event_queue *q, struct event *e, uint64_t due)
{
    event_cancel(q, e);
    e->due = due;
    struct event **link = &q->head;
    while (*link != NULL && (*link)->due <= due)
        link = &(*link)->next;
    e->next = *link;
    *link = e;
    e->scheduled = true;
    if (q->head == e && q->earliest_changed != NULL)
        q->earliest_changed(q->earliest_context, due);
}

void event_schedule(struct event_queue *q, struct event *e, uint64_t delay)
{
    uint64_t due = q->now + delay;
    if (due < q->now)
        due = UINT64_MAX;
    event_schedule_at(q, e, due);
}

uint64_t event_next_due(const struct event_queue *q)
{
    return q->head != NULL ? q->head->due : UINT64_MAX;
}

unsigned event_run_due(struct event_queue *q, uint64_t now)
{
    unsigned fired = 0;
    if (now < q->now)
        now = q->now;
    while (q->head != NULL && q->head->due <= now) {
        struct event *e = q->head;
        q->head = e->next;
        e->next = NULL;
        e->scheduled = false;
        /* The clock reads the event's own time while it fires, so what
         * its callback schedules is measured from then, not from `now`. */
        if (e->due > q->now)
            q->now = e->due;
        e->fire(e->arg);
        fired++;
    }
    q->now = now;
    return fired;
}
