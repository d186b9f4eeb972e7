/* The device interface: what a device type implements and what the
 * channel engine (devices/channel.c) asks of it.
 *
 * A device type is a table of operations in its own file (SIMH's style),
 * found by name through devices/device_registry.c. The channel engine runs
 * channel programs: it fetches CCWs, gathers write data from storage,
 * scatters read data into storage, handles data and command chaining, TIC,
 * skip, SLI, PCI, incorrect length and the CSW. A device sees one command
 * at a time, with its data as a plain buffer:
 *
 *   - The channel fills a `struct device_command` and calls type->start.
 *     For a write-type command `data` holds the `count` bytes gathered from
 *     storage across the whole data chain; for a read-type command (and
 *     sense, and read backward) `data` is a buffer of DEVICE_BUFFER_SIZE
 *     bytes the device fills from the start, in forward order.
 *   - The device sets `length` to its own length for the operation (the
 *     record it has, the bytes a line or card takes) and `status` to the
 *     unit status at the end of the command. The channel transfers
 *     min(length, count) bytes and reports incorrect length when they
 *     differ (unless SLI). `delay` is the virtual time (instructions) the
 *     operation takes; the channel presents the status that much later,
 *     so a slow device does not stall the CPU.
 *   - A command that waits for the outside world (a console read waiting
 *     for the operator) sets `pending` instead and later calls
 *     channel_command_done(); `data` stays valid until then.
 *   - Status that is not the end of a command (attention from REQUEST,
 *     device end after a rewind or when a reader becomes ready) is given
 *     to channel_device_status().
 *   - Read backward: the device puts the record in `data` in its forward
 *     (written) order and sets `length` to the record's length; the
 *     channel sends it last byte first, storing at descending addresses
 *     from the CCW's data address (POO "Read Backward"), so a count
 *     shorter than the record receives the record's last bytes.
 *   - An immediate command (one that transfers nothing and ends at once:
 *     `length` 0 and `delay` 0, not pending) lets START I/O store its CSW
 *     when nothing is chained, and never reports incorrect length (POO
 *     "Immediate Operations"). A device that ends a command with channel
 *     end only gives device end later through channel_device_status().
 *   - A failure of the host side (a file that cannot be written) that
 *     must end the run is reported with device_fatal().
 *
 * Sense data lives in the device (`sense`, `sense_length`); the sense
 * command (X'04') is an ordinary read-type command that every type
 * answers from it. */
#ifndef VM67_DEVICES_DEVICE_H
#define VM67_DEVICES_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/error.h"
#include "lib/event_queue.h"

/* Unit status (CSW bits 32-39, S360-67.md §3.4). */
#define UNIT_ATTENTION 0x80
#define UNIT_STATUS_MODIFIER 0x40
#define UNIT_CONTROL_UNIT_END 0x20
#define UNIT_BUSY 0x10
#define UNIT_CHANNEL_END 0x08
#define UNIT_DEVICE_END 0x04
#define UNIT_CHECK 0x02
#define UNIT_EXCEPTION 0x01

/* Channel status (CSW bits 40-47). */
#define CHANNEL_PCI 0x80
#define CHANNEL_INCORRECT_LENGTH 0x40
#define CHANNEL_PROGRAM_CHECK 0x20
#define CHANNEL_PROTECTION_CHECK 0x10
#define CHANNEL_DATA_CHECK 0x08
#define CHANNEL_CONTROL_CHECK 0x04
#define CHANNEL_INTERFACE_CONTROL_CHECK 0x02
#define CHANNEL_CHAINING_CHECK 0x01

/* Sense byte 0 bits common to most devices. */
#define SENSE_COMMAND_REJECT 0x80
#define SENSE_INTERVENTION_REQUIRED 0x40
#define SENSE_BUS_OUT_CHECK 0x20
#define SENSE_EQUIPMENT_CHECK 0x10
#define SENSE_DATA_CHECK 0x08
#define SENSE_OVERRUN 0x04

/* CCW flags (S360-67.md §3.3). */
#define CCW_CHAIN_DATA 0x80
#define CCW_CHAIN_COMMAND 0x40
#define CCW_SUPPRESS_LENGTH 0x20
#define CCW_SKIP 0x10
#define CCW_PCI 0x08

/* The largest count a CCW can give, and so the largest transfer. */
#define DEVICE_BUFFER_SIZE 65536u

#define DEVICE_SENSE_MAX 32

struct device;
struct channel_subsystem;
struct pollfd;

struct device_command {
    /* Set by the channel. */
    uint8_t code;          /* CCW command code */
    uint8_t flags;         /* CCW flags of the CCW holding the command */
    bool chained;          /* reached by command chaining */
    uint8_t previous_code; /* the previous command of the chain, 0 if none */
    uint32_t count;        /* total count over the data chain */
    uint8_t *data;         /* see the top of this file */
    /* Set by the device. */
    uint32_t length;       /* the device's own length for the operation */
    uint8_t status;        /* unit status at the end of the command */
    uint64_t delay;        /* virtual time before the status is presented */
    bool pending;          /* completion will come via channel_command_done */
};

struct device_type {
    const char *name;           /* the type as vm67 names it: "2540R" */
    const char *const *aliases; /* other names a config may use, NULL-ended */
    const char *description;    /* "2540 card reader" */
    /* Parses the configuration arguments after the type (file name and
     * options) and opens the medium. Errors name the file and the
     * offending argument; the caller prefixes config file and line. */
    bool (*attach)(struct device *dev, int argc, char **argv, struct error *err);
    /* Flushes and closes the medium, frees dev->state. */
    void (*detach)(struct device *dev);
    /* Executes one command (see the top of this file). */
    void (*start)(struct device *dev, struct device_command *cmd);
    /* HALT I/O: a pending command must be completed now, through
     * channel_command_done, with the status the device gives on halt.
     * Called only while a command of the device is pending. */
    void (*halt)(struct device *dev);
    /* System reset: forget any operation in progress and pending status. */
    void (*reset)(struct device *dev);
    /* One line for the operator's devlist: medium, position, state. */
    void (*describe)(struct device *dev, char *buffer, size_t size);
    /* devinit: replace the medium by the one these arguments (as in the
     * configuration) name, keeping the old one if they are refused; a
     * device that was not ready and becomes ready presents device end
     * through channel_device_status (a new deck in a reader, a tape
     * mounted). NULL: the type cannot change its medium. */
    bool (*reinit)(struct device *dev, int argc, char **argv, struct error *err);
    /* Host I/O that must never stall the CPU (the 2703's telnet sockets):
     * the machine loop asks poll_fds for the file descriptors to watch
     * (at most `max` entries, fd and events filled; returns how many, 0
     * for none at the moment), polls them together with everything else
     * it waits for, and gives the entries back to poll_ready with revents
     * set when any of them is ready. A device does its socket I/O there,
     * nonblocking, and reports completions with channel_command_done.
     * NULL for devices without host I/O. A device never needs more than
     * DEVICE_POLL_FDS_MAX entries. */
    int (*poll_fds)(struct device *dev, struct pollfd *fds, int max);
    void (*poll_ready)(struct device *dev, const struct pollfd *fds, int count);
};

#define DEVICE_POLL_FDS_MAX 4

struct device {
    const struct device_type *type;
    uint16_t address;                  /* cuu */
    struct channel_subsystem *channels; /* to report completions */
    struct event_queue *events;        /* virtual time */
    void *state;                       /* the type's own state */
    uint8_t sense[DEVICE_SENSE_MAX];
    unsigned sense_length;
    void *channel_private;             /* the channel engine's bookkeeping */
    void *host_private;                /* the machine's (console hooks) */
};

/* Completion of a `pending` command (or of a halted one). */
void channel_command_done(struct device *dev, uint32_t length, uint8_t status, uint64_t delay);

/* Status that does not end a command: attention, a later device end,
 * device end on becoming ready. Queued as a pending interruption. */
void channel_device_status(struct device *dev, uint8_t status);

/* A host-side failure the run cannot survive (the machine ends the run
 * with this message, which should name the device and the file). */
void device_fatal(struct device *dev, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Finds a device type by its name or an alias (case-insensitive). */
const struct device_type *device_type_find(const char *name);

/* All registered types, NULL-terminated (for --help and the man page). */
extern const struct device_type *const device_types[];

/* The command class of a CCW command code (S360-67.md §3.3). */
enum ccw_class {
    CCW_CLASS_INVALID,
    CCW_CLASS_WRITE,
    CCW_CLASS_READ,
    CCW_CLASS_READ_BACKWARD,
    CCW_CLASS_CONTROL,
    CCW_CLASS_SENSE,
    CCW_CLASS_TIC,
};

static inline enum ccw_class ccw_class_of(uint8_t code)
{
    switch (code & 3) {
    case 1:
        return CCW_CLASS_WRITE;
    case 2:
        return CCW_CLASS_READ;
    case 3:
        return CCW_CLASS_CONTROL;
    default:
        break;
    }
    switch (code & 0xF) {
    case 0x4:
        return CCW_CLASS_SENSE;
    case 0x8:
        return CCW_CLASS_TIC;
    case 0xC:
        return CCW_CLASS_READ_BACKWARD;
    default:
        return CCW_CLASS_INVALID;
    }
}

/* Helpers every type uses: answer the sense command from dev->sense (the
 * sense bytes stay until the device's next command other than sense
 * resets them, which is the device's business), and set sense and unit
 * check for a rejected command. */
void device_answer_sense(struct device *dev, struct device_command *cmd);
void device_reject_command(struct device *dev, struct device_command *cmd);

#endif
