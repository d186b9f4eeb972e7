/* The machine loop: CPU slices, device events, the interval timer and the
 * host's input. See machine.h. */
#include "src/machine.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "lib/bytes.h"

/* The longest slice of CPU execution between two looks at events and
 * the timer. While a VIRTUAL timer counts, slices are short so that a
 * program reading X'50' sees it move (S360-67.md §6, pitfall 6): 1024
 * instructions are 79 timer units, about a millisecond. */
#define SLICE_MAX 65536u
#define TIMER_SLICE 1024u
/* How often (virtual time) the host's input is looked at while the CPU
 * runs; counted in virtual time so that scripted runs repeat exactly. */
#define POLL_INTERVAL 65536u

/* Timer units (13.0208 microseconds: 1/76800 s) per instruction in
 * VIRTUAL mode, where an instruction counts for one microsecond:
 * 76800 / 1000000 = 48 / 625. */
#define VIRTUAL_UNITS_NUMERATOR 48u
#define VIRTUAL_UNITS_DENOMINATOR 625u
/* And per nanosecond of host time: 76800 / 1e9 = 96 / 1250000. */
#define HOST_UNITS_NUMERATOR 96u
#define HOST_UNITS_DENOMINATOR 1250000u

static uint64_t host_now(void *context)
{
    return machine_now(context);
}

static void host_halt_io(void *context, struct device *dev)
{
    struct machine *m = context;
    if (m->host.halt_io_issued != NULL)
        m->host.halt_io_issued(m->host.context, m, dev);
}

static void host_fatal(void *context, struct device *dev, const char *message)
{
    struct machine *m = context;
    (void)dev;
    machine_end(m, MACHINE_END_FAILURE, "%s", message);
}

static void timer_restart(struct machine *m)
{
    m->timer_virtual_mark = machine_now(m);
    m->timer_virtual_remainder = 0;
    clock_gettime(CLOCK_MONOTONIC, &m->timer_host_mark);
    m->timer_host_remainder = 0;
    m->timer_counting = m->state == MACHINE_RUNNING;
}

/* A device scheduled an event (an I/O completion, a device end) while
 * the CPU runs a slice: the slice ends when it is due, so that device
 * timings count executed instructions exactly (an SIO followed by a busy
 * loop sees its interruption `delay` instructions later, whatever the
 * slice length or the timer mode). */
static void event_became_earliest(void *context, uint64_t due)
{
    struct machine *m = context;
    uint64_t now = machine_now(m);
    cpu_limit_run(&m->cpu, m->cpu.icount + (due > now ? due - now : 0));
}

static void ipl_done(void *context, bool ok, const char *message)
{
    struct machine *m = context;
    char reason[ERROR_MESSAGE_SIZE];
    snprintf(reason, sizeof reason, "%s", message);
    if (ok) {
        /* The device address goes to 2-3, then the PSW at 0 is loaded. */
        store_be16(m->cpu.storage.bytes + 2, m->ipl_address);
        if (cpu_load_psw_from(&m->cpu, 0)) {
            m->state = MACHINE_RUNNING;
            timer_restart(m);
        } else {
            ok = false;
            snprintf(reason, sizeof reason, "IPL from %03X failed: the PSW at 0 (%08X %08X) is not valid",
                     m->ipl_address, load_be32(m->cpu.storage.bytes), load_be32(m->cpu.storage.bytes + 4));
        }
    }
    if (!ok)
        m->state = MACHINE_STOPPED;
    if (m->host.ipl_done != NULL)
        m->host.ipl_done(m->host.context, m, ok, reason);
}

bool machine_init(struct machine *m, const struct machine_settings *settings, const struct machine_host *host,
                  struct error *err)
{
    memset(m, 0, sizeof *m);
    if (!cpu_init(&m->cpu, settings->storage_bytes, err))
        return false;
    event_queue_init(&m->events);
    m->events.earliest_changed = event_became_earliest;
    m->events.earliest_context = m;
    struct channel_host channel_host = {
        .context = m, .now = host_now, .halt_io_issued = host_halt_io, .fatal = host_fatal, .ipl_done = ipl_done};
    channel_subsystem_init(&m->channels, &m->cpu, &m->events, &channel_host);
    cpu_set_io(&m->cpu, &channel_io_ops, &m->channels);
    if (host != NULL)
        m->host = *host;
    m->timer_mode = settings->timer;
    m->cpu.timer_enabled = settings->timer != TIMER_OFF;
    m->state = MACHINE_STOPPED;
    m->stop_signal_fd = -1;
    return true;
}

void machine_free(struct machine *m)
{
    channel_subsystem_free(&m->channels);
    cpu_free(&m->cpu);
    if (m->stop_signal_fd >= 0)
        close(m->stop_signal_fd);
    m->stop_signal_fd = -1;
}

bool machine_watch_stop_signals(struct machine *m, struct error *err)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    if (sigprocmask(SIG_BLOCK, &set, NULL) != 0)
        return error_set(err, "cannot block SIGINT/SIGTERM/SIGHUP: %s", strerror(errno));
    int fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    if (fd < 0)
        return error_set(err, "signalfd: %s", strerror(errno));
    m->stop_signal_fd = fd;
    return true;
}

/* A stop signal arrived: end the run in order. */
static void take_stop_signal(struct machine *m)
{
    struct signalfd_siginfo info;
    if (read(m->stop_signal_fd, &info, sizeof info) != (ssize_t)sizeof info)
        return;
    machine_end(m, MACHINE_END_FAILURE, "stopped by %s; every device was flushed and closed",
                info.ssi_signo == SIGINT ? "SIGINT" : info.ssi_signo == SIGTERM ? "SIGTERM" : "SIGHUP");
}

bool machine_attach(struct machine *m, uint16_t address, const char *type, int argc, char **argv,
                    struct error *err)
{
    const struct device_type *t = device_type_find(type);
    if (t == NULL)
        return error_set(err, "unknown device type '%s'", type);
    return channel_attach(&m->channels, address, t, argc, argv, err);
}

bool machine_ipl(struct machine *m, uint16_t address, struct error *err)
{
    if (channel_device_at(&m->channels, address) == NULL)
        return error_set(err, "IPL: no device at address %03X", address);
    /* System reset: the CPU (PSW, pending interruptions) and the I/O
     * system; storage and registers stay. */
    cpu_reset(&m->cpu);
    m->cpu.wait = false;
    channel_reset(&m->channels);
    m->ipl_address = address;
    m->state = MACHINE_IPL;
    m->timer_counting = false;
    if (!channel_ipl_start(&m->channels, address, err)) {
        m->state = MACHINE_STOPPED;
        return false;
    }
    return true;
}

void machine_end(struct machine *m, enum machine_end end, const char *fmt, ...)
{
    if (m->end != MACHINE_END_NONE)
        return;
    m->end = end;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m->end_message, sizeof m->end_message, fmt, ap);
    va_end(ap);
    /* If this happens inside an instruction, end the slice there. */
    cpu_request_stop(&m->cpu);
}

void machine_stop(struct machine *m)
{
    if (m->state == MACHINE_RUNNING) {
        m->state = MACHINE_STOPPED;
        m->timer_counting = false;
        cpu_request_stop(&m->cpu);
    }
}

void machine_start(struct machine *m)
{
    if (m->state == MACHINE_STOPPED) {
        m->cpu.stop_requested = false;
        m->state = MACHINE_RUNNING;
        timer_restart(m);
    }
}

void machine_interrupt_key(struct machine *m)
{
    cpu_raise_external(&m->cpu, EXTERNAL_INTERRUPT_KEY);
}

uint64_t machine_now(const struct machine *m)
{
    return m->cpu.icount + m->idle_time;
}

/* An interruption the current PSW enables is pending: the CPU will not
 * stay in its wait. */
static bool enabled_interruption_pending(const struct machine *m)
{
    for (uint8_t bit = 0x80; bit != 0; bit >>= 1)
        if ((m->cpu.external_pending & bit) && cpu_external_enabled(&m->cpu, bit))
            return true;
    return (channel_pending_mask(&m->channels) & cpu_io_channel_mask(&m->cpu)) != 0;
}

bool machine_idle(const struct machine *m)
{
    return m->state == MACHINE_RUNNING && m->cpu.wait && !cpu_in_disabled_wait(&m->cpu) &&
           event_next_due(&m->events) == UINT64_MAX && !enabled_interruption_pending(m);
}

void machine_psw(const struct machine *m, uint32_t words[2])
{
    uint8_t psw[8];
    cpu_store_psw(&m->cpu, psw, 0);
    words[0] = load_be32(psw);
    words[1] = load_be32(psw + 4);
    if (m->cpu.ec_mode)
        words[0] &= ~0x0000C000u; /* EC: ILC in bits 16-17 */
    else
        words[1] &= 0x3FFFFFFFu;  /* BC: ILC in bits 32-33 */
}

/* ---------------------------------------------------------------------
 * The interval timer. */

static int32_t timer_value(const struct machine *m)
{
    return (int32_t)load_be32(m->cpu.storage.bytes + LOW_TIMER);
}

static void update_timer(struct machine *m)
{
    if (!m->timer_counting || m->timer_mode == TIMER_OFF)
        return;
    uint64_t units;
    if (m->timer_mode == TIMER_VIRTUAL) {
        uint64_t now = machine_now(m);
        uint64_t elapsed = now - m->timer_virtual_mark;
        m->timer_virtual_mark = now;
        uint64_t scaled = elapsed * VIRTUAL_UNITS_NUMERATOR + m->timer_virtual_remainder;
        units = scaled / VIRTUAL_UNITS_DENOMINATOR;
        m->timer_virtual_remainder = scaled % VIRTUAL_UNITS_DENOMINATOR;
    } else {
        struct timespec t;
        clock_gettime(CLOCK_MONOTONIC, &t);
        int64_t ns = (int64_t)(t.tv_sec - m->timer_host_mark.tv_sec) * 1000000000 +
                     (t.tv_nsec - m->timer_host_mark.tv_nsec);
        m->timer_host_mark = t;
        if (ns <= 0)
            return;
        uint64_t scaled = (uint64_t)ns * HOST_UNITS_NUMERATOR + m->timer_host_remainder;
        units = scaled / HOST_UNITS_DENOMINATOR;
        m->timer_host_remainder = scaled % HOST_UNITS_DENOMINATOR;
    }
    while (units > 0) {
        uint32_t step = units > 0x7FFFFFFFu ? 0x7FFFFFFFu : (uint32_t)units;
        cpu_timer_decrement(&m->cpu, step);
        units -= step;
    }
}

/* Units until the timer turns negative, or 0 if it will not interrupt
 * (negative already, stopped, or the external timer source masked). */
static uint64_t timer_units_to_interruption(const struct machine *m)
{
    if (!m->timer_counting || m->timer_mode == TIMER_OFF || !cpu_external_enabled(&m->cpu, EXTERNAL_TIMER))
        return 0;
    int32_t v = timer_value(m);
    if (v < 0)
        return 0;
    return (uint64_t)v + 1;
}

/* Virtual time until the timer interrupts (VIRTUAL mode), or UINT64_MAX. */
static uint64_t virtual_time_to_timer(const struct machine *m)
{
    if (m->timer_mode != TIMER_VIRTUAL)
        return UINT64_MAX;
    uint64_t units = timer_units_to_interruption(m);
    if (units == 0)
        return UINT64_MAX;
    uint64_t needed = units * VIRTUAL_UNITS_DENOMINATOR;
    if (needed <= m->timer_virtual_remainder)
        return 1;
    needed -= m->timer_virtual_remainder;
    return (needed + VIRTUAL_UNITS_NUMERATOR - 1) / VIRTUAL_UNITS_NUMERATOR;
}

/* Host milliseconds until the timer interrupts (HOST mode), or -1. */
static int host_ms_to_timer(const struct machine *m)
{
    if (m->timer_mode != TIMER_HOST)
        return -1;
    uint64_t units = timer_units_to_interruption(m);
    if (units == 0)
        return -1;
    uint64_t ns = (units * HOST_UNITS_DENOMINATOR) / HOST_UNITS_NUMERATOR;
    uint64_t ms = ns / 1000000 + 1;
    return ms > 1000000 ? 1000000 : (int)ms;
}

/* ---------------------------------------------------------------------
 * The loop. */

static void poll_host(struct machine *m, int timeout_ms)
{
    if (m->host.poll != NULL) {
        m->host.poll(m->host.context, m, timeout_ms);
    } else if (timeout_ms < 0) {
        machine_end(m, MACHINE_END_FAILURE, "the machine waits for input and has no way to get any");
    }
}

/* Skips virtual time to `due` (the CPU did nothing meanwhile). */
static void skip_to(struct machine *m, uint64_t due)
{
    uint64_t now = machine_now(m);
    if (due > now)
        m->idle_time += due - now;
}

/* The CPU waits, enabled: let time pass until something can happen. The
 * host looks first (a script may act on the wait). */
static void wait_for_something(struct machine *m)
{
    if (enabled_interruption_pending(m))
        return;
    poll_host(m, 0);
    m->last_poll = machine_now(m);
    if (m->end != MACHINE_END_NONE || enabled_interruption_pending(m) || m->state != MACHINE_RUNNING)
        return;
    uint64_t next = event_next_due(&m->events);
    uint64_t timer = virtual_time_to_timer(m);
    if (next != UINT64_MAX || timer != UINT64_MAX) {
        uint64_t now = machine_now(m);
        uint64_t wake = next;
        if (timer != UINT64_MAX && now + timer < wake)
            wake = now + timer;
        skip_to(m, wake);
        return;
    }
    poll_host(m, host_ms_to_timer(m));
}

void machine_run(struct machine *m)
{
    struct timespec cpu_start, cpu_end;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu_start);
    uint64_t waits_seen_at = m->cpu.icount;
    m->last_poll = machine_now(m);
    bool first = true;
    while (m->end == MACHINE_END_NONE) {
        event_run_due(&m->events, machine_now(m));
        update_timer(m);
        if (first || m->state != MACHINE_RUNNING || machine_now(m) - m->last_poll >= POLL_INTERVAL) {
            machine_poll(m, NULL, 0, 0);
            poll_host(m, 0);
            m->last_poll = machine_now(m);
            first = false;
        }
        if (m->end != MACHINE_END_NONE)
            break;
        if (m->state != MACHINE_RUNNING) {
            uint64_t next = event_next_due(&m->events);
            if (next != UINT64_MAX)
                skip_to(m, next);
            else
                poll_host(m, -1);
            continue;
        }
        uint64_t budget = m->timer_mode == TIMER_VIRTUAL && m->timer_counting ? TIMER_SLICE : SLICE_MAX;
        uint64_t now = machine_now(m);
        uint64_t next = event_next_due(&m->events);
        if (next != UINT64_MAX && next > now && next - now < budget)
            budget = next - now;
        uint64_t timer = virtual_time_to_timer(m);
        if (timer < budget)
            budget = timer;
        if (m->max_instructions != 0) {
            if (m->cpu.icount >= m->max_instructions) {
                uint32_t psw[2];
                machine_psw(m, psw);
                machine_end(m, MACHINE_END_INSTRUCTION_LIMIT, "instruction limit of %llu reached, PSW=%08X %08X",
                            (unsigned long long)m->max_instructions, psw[0], psw[1]);
                break;
            }
            if (m->max_instructions - m->cpu.icount < budget)
                budget = m->max_instructions - m->cpu.icount;
        }
        if (budget == 0)
            budget = 1;
        enum cpu_exit exit = cpu_run(&m->cpu, budget);
        switch (exit) {
        case CPU_EXIT_BUDGET:
            break;
        case CPU_EXIT_WAIT:
            if (m->cpu.icount != waits_seen_at) {
                m->waits++;
                waits_seen_at = m->cpu.icount;
            }
            if (cpu_in_disabled_wait(&m->cpu)) {
                uint32_t psw[2];
                machine_psw(m, psw);
                machine_end(m, MACHINE_END_DISABLED_WAIT, "disabled wait PSW=%08X %08X", psw[0], psw[1]);
                break;
            }
            update_timer(m);
            wait_for_something(m);
            break;
        case CPU_EXIT_STOPPED:
            /* The operator's stop (or machine_end from inside). */
            if (m->end == MACHINE_END_NONE && m->state == MACHINE_RUNNING) {
                m->state = MACHINE_STOPPED;
                m->timer_counting = false;
            }
            break;
        case CPU_EXIT_CHECKSTOP:
            machine_end(m, MACHINE_END_FAILURE, "check stop: %s", m->cpu.checkstop_reason);
            break;
        case CPU_EXIT_INTERCEPT:
            machine_end(m, MACHINE_END_FAILURE, "unexpected interception (code %04X) outside guest mode",
                        m->cpu.intercept.code);
            break;
        }
    }
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu_end);
    m->cpu_seconds += (double)(cpu_end.tv_sec - cpu_start.tv_sec) + (cpu_end.tv_nsec - cpu_start.tv_nsec) / 1e9;
}

/* ---------------------------------------------------------------------
 * Host I/O of the devices. */

#define MACHINE_POLL_MAX 512

int machine_poll(struct machine *m, struct pollfd *extra, int extra_count, int timeout_ms)
{
    struct pollfd fds[MACHINE_POLL_MAX + 1]; /* + the stop-signal descriptor */
    struct device *owner[MACHINE_POLL_MAX];
    int counts[MACHINE_POLL_MAX];
    int n = 0;
    unsigned cursor = 0;
    for (struct device *dev; (dev = channel_next_device(&m->channels, &cursor)) != NULL;) {
        if (dev->type->poll_fds == NULL || n + DEVICE_POLL_FDS_MAX + extra_count > MACHINE_POLL_MAX)
            continue;
        int k = dev->type->poll_fds(dev, fds + n, DEVICE_POLL_FDS_MAX);
        for (int i = 0; i < k; i++) {
            owner[n + i] = dev;
            counts[n + i] = i == 0 ? k : 0;
        }
        n += k;
    }
    for (int i = 0; i < extra_count; i++)
        fds[n + i] = extra[i];
    int total = n + extra_count;
    if (m->stop_signal_fd >= 0)
        fds[total++] = (struct pollfd){.fd = m->stop_signal_fd, .events = POLLIN};
    if (total == 0 && timeout_ms == 0)
        return 0;
    int ready = poll(fds, (nfds_t)total, timeout_ms);
    for (int i = 0; i < extra_count; i++)
        extra[i].revents = ready > 0 ? fds[n + i].revents : 0;
    if (ready > 0 && m->stop_signal_fd >= 0 && fds[total - 1].revents != 0) {
        take_stop_signal(m);
        ready--;
    }
    if (ready > 0) {
        for (int i = 0; i < n; i++) {
            if (counts[i] == 0)
                continue;
            bool any = false;
            for (int j = 0; j < counts[i]; j++)
                any = any || fds[i + j].revents != 0;
            if (any)
                owner[i]->type->poll_ready(owner[i], fds + i, counts[i]);
        }
    }
    return ready;
}

bool machine_has_host_io(struct machine *m)
{
    unsigned cursor = 0;
    for (struct device *dev; (dev = channel_next_device(&m->channels, &cursor)) != NULL;) {
        struct pollfd fds[DEVICE_POLL_FDS_MAX];
        if (dev->type->poll_fds != NULL && dev->type->poll_fds(dev, fds, DEVICE_POLL_FDS_MAX) > 0)
            return true;
    }
    return false;
}
