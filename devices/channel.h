/* The channel subsystem of a 2067: the byte-multiplexer channel 0 and the
 * selector channels 1-6 (S360-67.md §3; POO A22-6821 "Input/Output
 * Operations"). It implements the CPU's struct cpu_io_ops (START I/O, TEST
 * I/O, HALT I/O, TEST CHANNEL and the acceptance of I/O interruptions),
 * runs channel programs for the devices of devices/device.h, keeps the
 * pending interruption conditions, and performs the IPL channel program.
 *
 * Model (one paragraph per rule the code follows; each is cited where it
 * is implemented in channel.c):
 *
 *   - Channel 0 is the multiplexer: every device on it has its own
 *     subchannel, so operations on different devices overlap. A selector
 *     channel has one subchannel: while it works with one device (from
 *     START I/O until channel end) every other device on it is refused
 *     with condition code 2; after channel end the channel is free again
 *     even if the device still owes device end (the device, not the
 *     channel, is then busy).
 *   - A device sees one command at a time (devices/device.h). The channel
 *     walks the CCWs of a data chain before calling the device, gathers
 *     write data from storage, and scatters read data when the device's
 *     status arrives; the status is presented `delay` units of virtual
 *     time after the command started, through the event queue, so I/O
 *     never stalls the CPU. Command chaining starts the next command one
 *     unit of virtual time later, so a channel program that loops (a NOP
 *     and a TIC back to it) runs for ever like the real thing without
 *     ever blocking the emulator.
 *   - An interruption condition is queued per device; the CPU takes them
 *     channel by channel (lowest channel first) and, within a channel, in
 *     the order they arose.
 *
 * Everything lives in struct channel_subsystem; two machines have two. */
#ifndef VM67_DEVICES_CHANNEL_H
#define VM67_DEVICES_CHANNEL_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu.h"
#include "devices/device.h"
#include "lib/error.h"
#include "lib/event_queue.h"

/* Channels 0 (multiplexer) to 6 (selectors), 256 devices each: I/O
 * addresses 000-6FF (S360-67.md §3.1). */
#define CHANNEL_COUNT 7
#define CHANNEL_DEVICES 256
#define CHANNEL_ADDRESS_LIMIT (CHANNEL_COUNT * CHANNEL_DEVICES)

/* What the machine around the channel subsystem provides. All optional
 * except `now`. */
struct channel_host {
    void *context;
    /* The current virtual time (the event queue's clock runs behind it
     * during a slice of CPU execution). */
    uint64_t (*now)(void *context);
    /* HALT I/O was addressed to `dev` (the console transcript shows it). */
    void (*halt_io_issued)(void *context, struct device *dev);
    /* A device reported a failure of the host side (a medium that cannot
     * be written): the run must end. */
    void (*fatal)(void *context, struct device *dev, const char *message);
    /* The IPL channel program ended: `ok` with the PSW at 0 still to be
     * loaded, or not ok with `message` saying why. */
    void (*ipl_done)(void *context, bool ok, const char *message);
};

struct subchannel;

struct channel {
    bool selector;                  /* channels 1-6 */
    struct subchannel *working;     /* selector: the device it works with */
    struct subchannel *queue_head;  /* pending interruption conditions */
    struct subchannel *queue_tail;
};

struct channel_subsystem {
    struct cpu *cpu;
    struct event_queue *events;
    struct channel_host host;
    struct channel channels[CHANNEL_COUNT];
    struct device *devices[CHANNEL_ADDRESS_LIMIT];
    uint64_t next_sequence;   /* orders pending interruptions */
    unsigned pending_count;   /* devices with a queued condition */
    /* The IPL in progress, if any. */
    struct subchannel *ipl;
};

/* The CPU's view: pass the subsystem as the context of cpu_set_io. */
extern const struct cpu_io_ops channel_io_ops;

void channel_subsystem_init(struct channel_subsystem *cs, struct cpu *cpu, struct event_queue *events,
                            const struct channel_host *host);
/* Detaches (flushes and closes) every device. */
void channel_subsystem_free(struct channel_subsystem *cs);

/* Attaches a device of `type` at `address` with the configuration
 * arguments (file name and options). The error names the address. */
bool channel_attach(struct channel_subsystem *cs, uint16_t address, const struct device_type *type, int argc,
                    char **argv, struct error *err);
/* devinit: gives the device at `address` a new medium (the type's
 * reinit operation). */
bool channel_reinit(struct channel_subsystem *cs, uint16_t address, int argc, char **argv, struct error *err);
/* Detaches the device at `address` (flushing its medium). */
bool channel_detach(struct channel_subsystem *cs, uint16_t address, struct error *err);
struct device *channel_device_at(const struct channel_subsystem *cs, uint16_t address);

/* The devices in address order: call with *cursor = 0 until NULL. */
struct device *channel_next_device(const struct channel_subsystem *cs, unsigned *cursor);

/* I/O system reset (POO "System Reset"): every operation in progress is
 * forgotten, every device reset, every pending interruption cleared. */
void channel_reset(struct channel_subsystem *cs);

/* Starts the IPL channel program on the device at `address` (S360-67.md
 * §3.6): an implicit READ (X'02') of 24 bytes into location 0 with command
 * chaining and SLI, key 0, followed by the CCWs at 8, 16 and on. The
 * caller has done the system reset. Completion is reported through
 * host.ipl_done; the device address is not stored (the machine does that
 * when it loads the PSW). */
bool channel_ipl_start(struct channel_subsystem *cs, uint16_t address, struct error *err);
bool channel_ipl_in_progress(const struct channel_subsystem *cs);

/* Bit n is set when channel n holds a pending interruption condition (to
 * compare with the CPU's channel masks). */
uint32_t channel_pending_mask(const struct channel_subsystem *cs);

/* For the operator's devlist: the channel's view of a device. */
const char *channel_device_state(const struct device *dev);

#endif
