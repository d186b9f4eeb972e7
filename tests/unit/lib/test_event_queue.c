/* The virtual-time event queue: order of firing and the clock a callback
 * sees (lib/event_queue.h). */
#include <check.h>
#include <stdlib.h>

#include "lib/event_queue.h"

struct probe {
    struct event_queue *q;
    struct event e;
    uint64_t seen_now[8];
    unsigned fired;
    unsigned reschedule; /* how many more times to reschedule itself */
    uint64_t step;
};

static void probe_fire(void *arg)
{
    struct probe *p = arg;
    if (p->fired < 8)
        p->seen_now[p->fired] = p->q->now;
    p->fired++;
    if (p->reschedule > 0) {
        p->reschedule--;
        event_schedule(p->q, &p->e, p->step);
    }
}

START_TEST(test_callback_sees_the_clock_at_its_own_due_time)
{
    struct event_queue q;
    event_queue_init(&q);
    struct probe p = {.q = &q, .step = 10, .reschedule = 3};
    event_init(&p.e, probe_fire, &p);
    event_schedule(&q, &p.e, 5);
    ck_assert_uint_eq(event_run_due(&q, 100), 4);
    ck_assert_uint_eq(p.seen_now[0], 5);
    ck_assert_uint_eq(p.seen_now[1], 15);
    ck_assert_uint_eq(p.seen_now[3], 35);
    ck_assert_uint_eq(q.now, 100);
}
END_TEST

START_TEST(test_events_rescheduled_beyond_now_wait_for_a_later_run)
{
    struct event_queue q;
    event_queue_init(&q);
    struct probe p = {.q = &q, .step = 60, .reschedule = 1};
    event_init(&p.e, probe_fire, &p);
    event_schedule(&q, &p.e, 50);
    ck_assert_uint_eq(event_run_due(&q, 100), 1);
    ck_assert_uint_eq(event_next_due(&q), 110);
    ck_assert_uint_eq(event_run_due(&q, 110), 1);
    ck_assert_uint_eq(p.seen_now[1], 110);
}
END_TEST

START_TEST(test_clock_never_goes_back)
{
    struct event_queue q;
    event_queue_init(&q);
    event_run_due(&q, 100);
    event_run_due(&q, 40);
    ck_assert_uint_eq(q.now, 100);
}
END_TEST

struct earliest_log {
    unsigned calls;
    uint64_t due[4];
};

static void note_earliest(void *context, uint64_t due)
{
    struct earliest_log *log = context;
    if (log->calls < 4)
        log->due[log->calls] = due;
    log->calls++;
}

static void nothing(void *arg)
{
    (void)arg;
}

START_TEST(test_hook_is_told_only_when_an_event_becomes_the_earliest)
{
    struct event_queue q;
    event_queue_init(&q);
    struct earliest_log log = {0};
    q.earliest_changed = note_earliest;
    q.earliest_context = &log;
    struct event a, b, c;
    event_init(&a, nothing, NULL);
    event_init(&b, nothing, NULL);
    event_init(&c, nothing, NULL);
    event_schedule(&q, &a, 100); /* the first: earliest */
    event_schedule(&q, &b, 200); /* later: nobody told */
    event_schedule(&q, &c, 50);  /* sooner: told */
    ck_assert_uint_eq(log.calls, 2);
    ck_assert_uint_eq(log.due[0], 100);
    ck_assert_uint_eq(log.due[1], 50);
    event_schedule(&q, &b, 50); /* ties go after: c stays the earliest */
    ck_assert_uint_eq(log.calls, 2);
    event_cancel(&q, &c);
    event_schedule(&q, &c, 10);
    ck_assert_uint_eq(log.calls, 3);
    ck_assert_uint_eq(log.due[2], 10);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("event_queue");
    TCase *tc = tcase_create("event_queue");
    tcase_add_test(tc, test_callback_sees_the_clock_at_its_own_due_time);
    tcase_add_test(tc, test_events_rescheduled_beyond_now_wait_for_a_later_run);
    tcase_add_test(tc, test_clock_never_goes_back);
    tcase_add_test(tc, test_hook_is_told_only_when_an_event_becomes_the_earliest);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
