/* A whole System/360 Model 67: the CPU, the channel subsystem with its
 * devices, and the virtual-time event queue, with the loop that runs them
 * (DESIGN.md "Layers": src/ assembles the machine).
 *
 * Virtual time is the number of instructions executed plus the time the
 * CPU spent waiting, which the loop skips: when the CPU waits, time jumps
 * to the next device event. Devices count their delays in this time, so a
 * run is repeatable.
 *
 * The interval timer at x'50' (S360-67.md §1.4) runs in one of three
 * modes (configuration statement TIMER, or --deterministic):
 *   HOST     (default) it follows the host's clock, as a real timer does;
 *   VIRTUAL  it follows virtual time at one microsecond per instruction
 *            (48 timer units, of 13.02 microseconds, every 625
 *            instructions), so the same run gives the same bytes;
 *   OFF      it does not count (the 67's timer switch off).
 * The timer counts while the CPU runs or waits, not while it is stopped.
 *
 * The front end (vm67 run, a test) gives the machine a struct
 * machine_host: the loop calls its poll function between slices of CPU
 * execution, and when it has nothing to do but wait for the outside.
 * Everything lives in struct machine: two machines can share a process. */
#ifndef VM67_SRC_MACHINE_H
#define VM67_SRC_MACHINE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "cpu/cpu.h"
#include "devices/channel.h"
#include "lib/error.h"
#include "lib/event_queue.h"

enum timer_mode {
    TIMER_HOST,
    TIMER_VIRTUAL,
    TIMER_OFF,
};

enum machine_state {
    MACHINE_STOPPED, /* the CPU is stopped (before IPL, after stop) */
    MACHINE_IPL,     /* the IPL channel program is running */
    MACHINE_RUNNING, /* the CPU runs or waits */
};

enum machine_end {
    MACHINE_END_NONE = 0,
    MACHINE_END_DISABLED_WAIT, /* the normal end of a scripted run */
    MACHINE_END_QUIT,          /* the operator or the script said quit */
    MACHINE_END_FAILURE,       /* check-stop, fatal device error, script failure... */
    MACHINE_END_INSTRUCTION_LIMIT,
};

struct machine;

struct machine_host {
    void *context;
    /* Called between slices of execution. timeout_ms: 0 must not block;
     * > 0 may block that long; < 0 the machine can do nothing until the
     * outside acts (the host blocks for input, or ends the run when no
     * input can come). */
    void (*poll)(void *context, struct machine *m, int timeout_ms);
    /* HALT I/O was addressed to a device (the console transcript). */
    void (*halt_io_issued)(void *context, struct machine *m, struct device *dev);
    /* The IPL ended (`ok`), or failed with `message`. */
    void (*ipl_done)(void *context, struct machine *m, bool ok, const char *message);
};

struct machine_settings {
    uint32_t storage_bytes;
    enum timer_mode timer;
};

struct machine {
    struct cpu cpu;
    struct event_queue events;
    struct channel_subsystem channels;
    struct machine_host host;
    enum machine_state state;
    enum timer_mode timer_mode;
    uint64_t idle_time;        /* virtual time skipped while waiting */
    uint64_t max_instructions; /* 0: no limit */
    uint16_t ipl_address;

    /* Interval timer bookkeeping. */
    uint64_t timer_virtual_mark;
    uint64_t timer_virtual_remainder;
    struct timespec timer_host_mark;
    uint64_t timer_host_remainder;
    bool timer_counting;

    uint64_t last_poll;        /* virtual time the host last looked */

    /* A signalfd for SIGINT/SIGTERM/SIGHUP (machine_watch_stop_signals),
     * or -1: every machine_poll looks at it, and a signal ends the run
     * the orderly way, flushing and closing every device. */
    int stop_signal_fd;

    /* Statistics. */
    uint64_t waits;            /* times the CPU entered a wait state */
    double cpu_seconds;        /* process CPU time spent in machine_run */

    /* Why the run ended. */
    enum machine_end end;
    char end_message[ERROR_MESSAGE_SIZE];
};

/* Blocks SIGINT, SIGTERM and SIGHUP for the whole process and has the
 * machine take them through a signalfd instead, so ^C or a kill ends the
 * run like `quit` (devices flushed and closed) with a failure end naming
 * the signal. Call before any thread is created (the mask is inherited). */
bool machine_watch_stop_signals(struct machine *m, struct error *err);

/* Creates the machine: storage, CPU, channels. No devices yet. */
bool machine_init(struct machine *m, const struct machine_settings *settings, const struct machine_host *host,
                  struct error *err);
/* Detaches every device (flushing and closing their files) and frees. */
void machine_free(struct machine *m);

/* Attaches a device of the type named `type` (a vm67 name or an alias). */
bool machine_attach(struct machine *m, uint16_t address, const char *type, int argc, char **argv,
                    struct error *err);

/* IPL (S360-67.md §3.6): system reset, then the IPL channel program from
 * the device at `address`. When it ends well the device address is stored
 * at 2-3 and the PSW at 0 loaded; otherwise the CPU stays stopped and the
 * host's ipl_done hears why. Returns false if it cannot even start. */
bool machine_ipl(struct machine *m, uint16_t address, struct error *err);

/* Runs until machine_end() is called (by the loop, a device, the host). */
void machine_run(struct machine *m);

/* Ends the run. The first call wins. */
void machine_end(struct machine *m, enum machine_end end, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The operator's controls. */
void machine_stop(struct machine *m);
void machine_start(struct machine *m);
/* The system INTERRUPT key: external interruption X'0040'. */
void machine_interrupt_key(struct machine *m);

uint64_t machine_now(const struct machine *m);

/* Host I/O of the devices (device_type.poll_fds/poll_ready: the 2703's
 * sockets). machine_poll polls the devices' file descriptors together
 * with the caller's `extra` ones (stdin, a terminal) for up to timeout_ms
 * (0: just look; < 0: no limit), lets the devices do their I/O, and
 * returns poll()'s result; `extra` gets its revents. */
struct pollfd;
int machine_poll(struct machine *m, struct pollfd *extra, int extra_count, int timeout_ms);
/* True when some device waits for host I/O (input can still come). */
bool machine_has_host_io(struct machine *m);

/* The CPU waits, enabled, with nothing that could wake it due inside the
 * machine: no device event, no enabled interruption pending. (The timer
 * may still run.) What a console script's `wait` waits for. */
bool machine_idle(const struct machine *m);

/* The current PSW as two words, with the ILC shown as 0 (as the run's
 * last line and the transcript's *WAIT give it). */
void machine_psw(const struct machine *m, uint32_t words[2]);

#endif
