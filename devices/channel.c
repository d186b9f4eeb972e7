/* The channel subsystem: START I/O, TEST I/O, HALT I/O, TEST CHANNEL,
 * channel programs, pending interruption conditions and the IPL. See
 * channel.h for the model; the rules are cited from POO A22-6821 "Input/
 * Output Operations" and S360-67.md §3 where they are applied. */
#include "devices/channel.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/bytes.h"

/* A CCW's address field and the channel program's addresses are 24 bits. */
#define CHANNEL_ADDRESS_MASK 0x00FFFFFFu

/* Flag bits 37-39 of a CCW must be zero on a System/360 (S360-67.md
 * §3.3); bit 37 is the S/370's indirect-data-address flag. */
#define CCW_RESERVED_FLAGS 0x07

struct data_segment {
    uint32_t ccw_address;  /* where this CCW is in storage */
    uint32_t data_address;
    uint16_t count;
    uint8_t flags;
};

enum subchannel_phase {
    PHASE_IDLE,            /* no operation at the subchannel */
    PHASE_DEVICE,          /* the device is executing a command */
    PHASE_WAIT_DEVICE_END, /* channel end came; command chaining waits for device end */
    PHASE_CHAINING,        /* the next command of the chain starts at chain_event */
};

/* The channel's bookkeeping for one device (dev->channel_private). */
struct subchannel {
    struct device *device;
    struct channel_subsystem *cs;
    unsigned channel;
    enum subchannel_phase phase;
    bool device_end_owed; /* channel end was presented; device end is still to come */
    bool halted;          /* HALT I/O: suppress command chaining */
    bool ipl;             /* this channel program is the IPL */
    bool in_start_io;     /* the first command runs inside START I/O */
    uint8_t key;          /* channel-program key from the CAW (0-15) */

    /* The current command and its data chain. */
    uint8_t command;
    uint8_t previous_command;
    bool chained;
    struct data_segment *segments;
    unsigned segment_count;
    unsigned segment_capacity;
    uint32_t chain_total;   /* the program's total count (as walked) */
    bool chain_truncated;   /* the data chain goes on beyond DEVICE_BUFFER_SIZE */
    uint32_t available;     /* bytes before the first error of the chain */
    /* The first error of the data chain, if any (error_status != 0). */
    uint8_t error_status;
    bool error_in_ccw_fetch;  /* met fetching a data-chained CCW */
    uint32_t error_csw_address;
    uint16_t error_residual;
    uint8_t *buffer;
    struct device_command cmd;
    uint32_t device_count;   /* cmd.count as given to the device */

    /* The device's ending status, presented at completion_event. */
    uint32_t done_length;
    uint8_t done_status;
    bool done_immediate;
    struct event completion_event;
    /* Command chaining. */
    uint32_t next_ccw_address;
    uint8_t last_csw[8]; /* the CSW of the last command, should the chain end */
    struct event chain_event;

    /* The pending interruption condition (S360-67.md §3.4). */
    bool queued;
    bool ends_operation; /* csw holds the operation's key, address and count */
    bool pci;            /* a PCI condition not yet presented */
    uint8_t csw[8];
    uint64_t sequence;
    struct subchannel *queue_next;
};

/* The result of starting a command, as START I/O needs it. */
enum start_result {
    START_WORKING,    /* the device works (or the chain goes on): CC 0 */
    START_CSW_STORED, /* concluded at once; sio_csw holds the CSW: CC 1 */
};

static void start_command(struct subchannel *sc, uint32_t ccw_address, bool first, uint8_t sio_csw[8],
                          enum start_result *result);
static void complete_command(struct subchannel *sc, uint8_t sio_csw[8], enum start_result *result);

/* ---------------------------------------------------------------------
 * Small helpers. */

/* Called at each I/O instruction: brings the event queue's clock to the
 * current instruction, so that what the instruction starts is timed from
 * it and not from the start of the CPU's slice. (Event callbacks run with
 * the clock at their own due time; see lib/event_queue.h.) */
static uint64_t virtual_now(struct channel_subsystem *cs)
{
    uint64_t now = cs->host.now != NULL ? cs->host.now(cs->host.context) : cs->events->now;
    if (now > cs->events->now)
        cs->events->now = now;
    return cs->events->now;
}

static void csw_build(uint8_t csw[8], uint8_t key, uint32_t address, uint8_t unit, uint8_t channel,
                      uint16_t count)
{
    store_be32(csw, ((uint32_t)(key & 0xF) << 28) | (address & CHANNEL_ADDRESS_MASK));
    csw[4] = unit;
    csw[5] = channel;
    store_be16(csw + 6, count);
}

static uint8_t *low_storage(struct channel_subsystem *cs)
{
    return cs->cpu->storage.bytes;
}

/* The CSW at x'40': all of it, or only its status bytes (POO: START I/O
 * and HALT I/O may store "the status portion" only, bits 32-47). */
static void store_full_csw(struct channel_subsystem *cs, const uint8_t csw[8])
{
    memcpy(low_storage(cs) + LOW_CSW, csw, 8);
}

static void store_csw_status(struct channel_subsystem *cs, uint8_t unit, uint8_t channel)
{
    low_storage(cs)[LOW_CSW + 4] = unit;
    low_storage(cs)[LOW_CSW + 5] = channel;
}

static struct subchannel *subchannel_of(struct device *dev)
{
    return (struct subchannel *)dev->channel_private;
}

static struct channel *channel_of(struct subchannel *sc)
{
    return &sc->cs->channels[sc->channel];
}

/* Decodes an I/O instruction's address: channel in bits 21-23, device in
 * bits 24-31 (S360-67.md §3.1). Bits above are ignored. */
static struct device *addressed_device(struct channel_subsystem *cs, uint32_t io_address, unsigned *channel)
{
    unsigned ch = (io_address >> 8) & 7;
    *channel = ch;
    if (ch >= CHANNEL_COUNT)
        return NULL;
    return cs->devices[io_address & 0x7FF];
}

/* ---------------------------------------------------------------------
 * The queue of pending interruption conditions. */

static void update_cpu_io_pending(struct channel_subsystem *cs)
{
    if (cs->pending_count > 0)
        cpu_signal_io(cs->cpu);
    else
        cs->cpu->io_pending = false;
}

static void enqueue(struct subchannel *sc)
{
    struct channel *ch = channel_of(sc);
    sc->queued = true;
    sc->sequence = sc->cs->next_sequence++;
    sc->queue_next = NULL;
    if (ch->queue_tail != NULL)
        ch->queue_tail->queue_next = sc;
    else
        ch->queue_head = sc;
    ch->queue_tail = sc;
    sc->cs->pending_count++;
    update_cpu_io_pending(sc->cs);
}

static void dequeue(struct subchannel *sc)
{
    if (!sc->queued)
        return;
    struct channel *ch = channel_of(sc);
    struct subchannel *prev = NULL;
    for (struct subchannel *p = ch->queue_head; p != NULL; prev = p, p = p->queue_next) {
        if (p != sc)
            continue;
        if (prev != NULL)
            prev->queue_next = p->queue_next;
        else
            ch->queue_head = p->queue_next;
        if (ch->queue_tail == p)
            ch->queue_tail = prev;
        break;
    }
    sc->queue_next = NULL;
    sc->queued = false;
    sc->ends_operation = false;
    sc->pci = false;
    memset(sc->csw, 0, sizeof sc->csw);
    sc->cs->pending_count--;
    update_cpu_io_pending(sc->cs);
}

/* Status that is not the end of an operation at the subchannel (attention,
 * a later device end): key, command address and count are zero in its CSW
 * (POO "Contents of the CSW"). Merged into a condition already pending. */
static void queue_device_status(struct subchannel *sc, uint8_t unit)
{
    if (sc->queued) {
        sc->csw[4] |= unit;
        return;
    }
    memset(sc->csw, 0, sizeof sc->csw);
    sc->csw[4] = unit;
    sc->ends_operation = false;
    sc->pci = false;
    enqueue(sc);
}

/* The conclusion of an operation at the subchannel. A device-level status
 * already pending (attention) joins it. */
static void queue_ending_status(struct subchannel *sc, const uint8_t csw[8])
{
    if (sc->queued) {
        uint8_t unit = sc->csw[4];
        memcpy(sc->csw, csw, 8);
        sc->csw[4] |= unit;
        sc->ends_operation = true;
        return;
    }
    memcpy(sc->csw, csw, 8);
    sc->ends_operation = true;
    sc->pci = false;
    enqueue(sc);
}

/* PCI flag: an interruption condition while the operation goes on (POO
 * "Program-Controlled Interruption"). */
static void request_pci(struct subchannel *sc)
{
    if (sc->ipl)
        return;
    if (sc->queued) {
        if (!sc->ends_operation)
            sc->pci = true;
        return;
    }
    memset(sc->csw, 0, sizeof sc->csw);
    sc->ends_operation = false;
    sc->pci = true;
    enqueue(sc);
}

/* The CSW a pending condition presents, as the interruption or TEST I/O
 * stores it. */
static void pending_csw(struct subchannel *sc, uint8_t csw[8])
{
    memcpy(csw, sc->csw, 8);
    if (sc->ends_operation) {
        if (sc->pci)
            csw[5] |= CHANNEL_PCI;
        return;
    }
    if (sc->pci && sc->phase != PHASE_IDLE && sc->segment_count > 0) {
        /* An intermediate PCI interruption: the CCW in use and its
         * count (the count is unpredictable after PCI, POO). */
        csw_build(csw, sc->key, sc->segments[0].ccw_address + 8, sc->csw[4], CHANNEL_PCI,
                  sc->segments[0].count);
    } else if (sc->pci) {
        csw[5] |= CHANNEL_PCI;
    }
}

/* ---------------------------------------------------------------------
 * Storage access by the channel, under the channel-program key. */

static uint8_t check_to_channel_status(enum storage_channel_check check)
{
    return check == STORAGE_CHANNEL_PROTECTION ? CHANNEL_PROTECTION_CHECK : CHANNEL_PROGRAM_CHECK;
}

/* Fetches a CCW. Returns 0 or the channel status of the failure. */
static uint8_t fetch_ccw(struct subchannel *sc, uint32_t address, uint8_t ccw[8])
{
    struct storage *st = &sc->cs->cpu->storage;
    enum storage_channel_check check = storage_channel_access(st, address, 8, sc->key, false, NULL);
    if (check != STORAGE_CHANNEL_OK)
        return check_to_channel_status(check);
    memcpy(ccw, st->bytes + address, 8);
    return 0;
}

/* Checks the bytes a read backward stores: from `address` down, block by
 * block (a 2K block is wholly inside storage or wholly outside, and has
 * one key). Sets *good to the number that may be stored before the first
 * that may not. */
static enum storage_channel_check check_descending(struct storage *st, uint32_t address, uint32_t length,
                                                   uint8_t key, uint32_t *good)
{
    uint32_t done = 0;
    while (done < length) {
        if (address < done) { /* below location 0: wraps out of storage */
            *good = done;
            return STORAGE_CHANNEL_ADDRESSING;
        }
        uint32_t high = address - done;
        uint32_t block_start = high & ~(STORAGE_BLOCK_SIZE - 1);
        uint32_t piece = high - block_start + 1;
        if (piece > length - done)
            piece = length - done;
        enum storage_channel_check check = storage_channel_access(st, high - piece + 1, piece, key, true, NULL);
        if (check != STORAGE_CHANNEL_OK) {
            *good = done;
            return check;
        }
        done += piece;
    }
    *good = length;
    return STORAGE_CHANNEL_OK;
}

/* ---------------------------------------------------------------------
 * CCW fetch and the data chain. */

static bool segment_append(struct subchannel *sc, uint32_t ccw_address, const uint8_t ccw[8])
{
    if (sc->segment_count == sc->segment_capacity) {
        unsigned capacity = sc->segment_capacity ? sc->segment_capacity * 2 : 8;
        struct data_segment *grown = realloc(sc->segments, capacity * sizeof *grown);
        if (grown == NULL)
            return false;
        sc->segments = grown;
        sc->segment_capacity = capacity;
    }
    struct data_segment *s = &sc->segments[sc->segment_count++];
    s->ccw_address = ccw_address;
    s->data_address = load_be32(ccw) & CHANNEL_ADDRESS_MASK;
    s->flags = ccw[4];
    s->count = load_be16(ccw + 6);
    return true;
}

/* A CCW failed a check: the channel status and the CSW's command address
 * and count it reports (POO "Contents of the CSW Command Address Field"). */
struct ccw_fault {
    uint8_t status;
    uint32_t csw_address;
    uint16_t residual;
};

/* Fetches the CCW at `address` for a new command (first of a program, or
 * reached by command chaining) or for data chaining, following one TIC.
 * Checks (S360-67.md §3.3): a TIC may not be the first CCW of a program,
 * nor follow a TIC, and must name a doubleword; an invalid command code,
 * a zero count and flag bits 37-39 are program checks. */
static bool fetch_usable_ccw(struct subchannel *sc, uint32_t address, bool first, bool data_chaining,
                             uint8_t ccw[8], uint32_t *ccw_address, struct ccw_fault *fault)
{
    bool after_tic = false;
    uint32_t tic_address = 0;
    for (;;) {
        uint8_t status = fetch_ccw(sc, address, ccw);
        if (status != 0) {
            fault->status = status;
            /* An unusable address reached by a TIC is reported at the TIC;
             * one reached sequentially at itself. */
            fault->csw_address = (after_tic ? tic_address : address) + 8;
            fault->residual = 0;
            return false;
        }
        if (ccw_class_of(ccw[0]) == CCW_CLASS_TIC) {
            if ((first && !after_tic) || after_tic) {
                fault->status = CHANNEL_PROGRAM_CHECK;
                fault->csw_address = address + 8;
                fault->residual = 0;
                return false;
            }
            after_tic = true;
            tic_address = address;
            address = load_be32(ccw) & CHANNEL_ADDRESS_MASK;
            if (address & 7) {
                fault->status = CHANNEL_PROGRAM_CHECK;
                fault->csw_address = tic_address + 8;
                fault->residual = 0;
                return false;
            }
            continue;
        }
        uint16_t count = load_be16(ccw + 6);
        bool invalid_command = !data_chaining && ccw_class_of(ccw[0]) == CCW_CLASS_INVALID;
        if (invalid_command || count == 0 || (ccw[4] & CCW_RESERVED_FLAGS) != 0) {
            fault->status = CHANNEL_PROGRAM_CHECK;
            fault->csw_address = address + 8;
            fault->residual = count;
            return false;
        }
        *ccw_address = address;
        return true;
    }
}

/* Walks the data chain of the command whose first CCW is at `ccw_address`
 * (already fetched), recording each CCW's area. Stops at the first CCW
 * without chain data, at an unusable CCW (recorded as the chain's error)
 * or once DEVICE_BUFFER_SIZE bytes are described (no device transfers
 * more; a loop of data-chained CCWs ends there too). */
static bool walk_data_chain(struct subchannel *sc, uint32_t ccw_address, const uint8_t first_ccw[8])
{
    sc->segment_count = 0;
    sc->chain_total = 0;
    sc->chain_truncated = false;
    sc->error_status = 0;
    sc->error_in_ccw_fetch = false;
    if (!segment_append(sc, ccw_address, first_ccw))
        return false;
    sc->chain_total = sc->segments[0].count;
    while (sc->segments[sc->segment_count - 1].flags & CCW_CHAIN_DATA) {
        if (sc->chain_total >= DEVICE_BUFFER_SIZE) {
            sc->chain_truncated = true;
            break;
        }
        uint32_t next = (sc->segments[sc->segment_count - 1].ccw_address + 8) & CHANNEL_ADDRESS_MASK;
        uint8_t ccw[8];
        uint32_t at;
        struct ccw_fault fault;
        if (!fetch_usable_ccw(sc, next, false, true, ccw, &at, &fault)) {
            sc->error_status = fault.status;
            sc->error_in_ccw_fetch = true;
            sc->error_csw_address = fault.csw_address;
            sc->error_residual = fault.residual;
            break;
        }
        if (!segment_append(sc, at, ccw))
            return false;
        sc->chain_total += sc->segments[sc->segment_count - 1].count;
    }
    sc->available = sc->chain_total;
    return true;
}

static void record_storage_error(struct subchannel *sc, unsigned segment, uint32_t good_in_segment,
                                 enum storage_channel_check check, uint32_t offset_before)
{
    if (sc->error_status != 0 && !sc->error_in_ccw_fetch && sc->available <= offset_before + good_in_segment)
        return;
    sc->error_status = check_to_channel_status(check);
    sc->error_in_ccw_fetch = false;
    sc->error_csw_address = sc->segments[segment].ccw_address + 8;
    sc->error_residual = (uint16_t)(sc->segments[segment].count - good_in_segment);
    sc->available = offset_before + good_in_segment;
}

static bool command_is_output(uint8_t command)
{
    enum ccw_class cls = ccw_class_of(command);
    return cls == CCW_CLASS_WRITE || cls == CCW_CLASS_CONTROL;
}

/* Write and control: the bytes the device may take, gathered from storage
 * across the data chain (S360-67.md §3.3, data chaining). */
static void gather_output(struct subchannel *sc)
{
    struct storage *st = &sc->cs->cpu->storage;
    uint32_t offset = 0;
    for (unsigned i = 0; i < sc->segment_count && offset < DEVICE_BUFFER_SIZE; i++) {
        struct data_segment *s = &sc->segments[i];
        uint32_t n = s->count;
        if (n > DEVICE_BUFFER_SIZE - offset)
            n = DEVICE_BUFFER_SIZE - offset;
        uint32_t good = 0;
        enum storage_channel_check check = storage_channel_access(st, s->data_address, n, sc->key, false, &good);
        memcpy(sc->buffer + offset, st->bytes + s->data_address, good);
        if (check != STORAGE_CHANNEL_OK) {
            record_storage_error(sc, i, good, check, offset);
            return;
        }
        offset += n;
    }
}

/* Read, read backward and sense: stores the first `n` bytes the device
 * sent. A read backward receives the record last byte first and stores it
 * at descending addresses from the CCW's data address (POO "Read
 * Backward"); the device holds the record in forward order. The skip flag
 * suppresses the storing but not the counting (POO "Skip"). Returns false
 * if an access failed (recorded as the chain's error). */
static bool scatter_input(struct subchannel *sc, uint32_t n, uint32_t record_length)
{
    struct storage *st = &sc->cs->cpu->storage;
    bool backward = ccw_class_of(sc->command) == CCW_CLASS_READ_BACKWARD;
    uint32_t offset = 0;
    for (unsigned i = 0; i < sc->segment_count && offset < n; i++) {
        struct data_segment *s = &sc->segments[i];
        uint32_t piece = s->count;
        if (piece > n - offset)
            piece = n - offset;
        if (!(s->flags & CCW_SKIP)) {
            uint32_t good = 0;
            enum storage_channel_check check;
            if (backward) {
                check = check_descending(st, s->data_address, piece, sc->key, &good);
                for (uint32_t j = 0; j < good; j++)
                    st->bytes[s->data_address - j] = sc->buffer[record_length - 1 - (offset + j)];
            } else {
                check = storage_channel_access(st, s->data_address, piece, sc->key, true, &good);
                memcpy(st->bytes + s->data_address, sc->buffer + offset, good);
            }
            if (check != STORAGE_CHANNEL_OK) {
                record_storage_error(sc, i, good, check, offset);
                return false;
            }
        }
        offset += piece;
    }
    return true;
}

/* ---------------------------------------------------------------------
 * Starting a command. */

static void fatal(struct channel_subsystem *cs, struct device *dev, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void fatal(struct channel_subsystem *cs, struct device *dev, const char *fmt, ...)
{
    char message[ERROR_MESSAGE_SIZE];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    if (cs->host.fatal != NULL)
        cs->host.fatal(cs->host.context, dev, message);
}

static void release_selector(struct subchannel *sc)
{
    struct channel *ch = channel_of(sc);
    if (ch->working == sc)
        ch->working = NULL;
}

static void ipl_finished(struct subchannel *sc, bool ok, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void ipl_finished(struct subchannel *sc, bool ok, const char *fmt, ...)
{
    struct channel_subsystem *cs = sc->cs;
    char message[ERROR_MESSAGE_SIZE];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    sc->ipl = false;
    cs->ipl = NULL;
    if (cs->host.ipl_done != NULL)
        cs->host.ipl_done(cs->host.context, ok, message);
}

static void describe_ipl_failure(struct subchannel *sc, const uint8_t csw[8])
{
    char sense[3 * DEVICE_SENSE_MAX + 1] = "";
    size_t used = 0;
    for (unsigned i = 0; i < sc->device->sense_length && i < DEVICE_SENSE_MAX; i++)
        used += (size_t)snprintf(sense + used, sizeof sense - used, "%s%02X", i ? " " : "", sc->device->sense[i]);
    ipl_finished(sc, false, "IPL from %03X failed: CSW %08X %08X%s%s", sc->device->address, load_be32(csw),
                 load_be32(csw + 4), (csw[4] & UNIT_CHECK) ? ", sense " : "", (csw[4] & UNIT_CHECK) ? sense : "");
}

/* The operation at the subchannel is over: its CSW goes to START I/O
 * (when it ended at its initiation: an immediate command, or a command
 * refused), to the IPL, or to the queue. */
static void conclude(struct subchannel *sc, const uint8_t csw[8], bool at_initiation, uint8_t sio_csw[8],
                     enum start_result *result)
{
    sc->phase = PHASE_IDLE;
    sc->halted = false;
    release_selector(sc);
    bool channel_end = (csw[4] & UNIT_CHANNEL_END) != 0;
    sc->device_end_owed = channel_end && !(csw[4] & UNIT_DEVICE_END);
    if (sc->ipl) {
        /* The IPL succeeds at channel end and device end without unusual
         * status (S360-67.md §3.6). Device end may follow later. */
        uint8_t unusual = UNIT_ATTENTION | UNIT_BUSY | UNIT_CHECK | UNIT_EXCEPTION;
        if ((csw[4] & unusual) || csw[5] != 0 || !channel_end)
            describe_ipl_failure(sc, csw);
        else if (!sc->device_end_owed)
            ipl_finished(sc, true, "IPL from %03X complete", sc->device->address);
        memcpy(sc->last_csw, csw, 8);
        return;
    }
    if (result != NULL && sc->in_start_io && at_initiation) {
        memcpy(sio_csw, csw, 8);
        *result = START_CSW_STORED;
        return;
    }
    queue_ending_status(sc, csw);
}

/* A rejected CCW (program or protection check at its fetch): the chain
 * ends with no channel end or device end (POO "Conclusion at Operation
 * Initiation"). */
static void conclude_with_fault(struct subchannel *sc, const struct ccw_fault *fault, uint8_t sio_csw[8],
                                enum start_result *result)
{
    uint8_t csw[8];
    csw_build(csw, sc->key, fault->csw_address, 0, fault->status, fault->residual);
    conclude(sc, csw, true, sio_csw, result);
}

static bool ensure_buffer(struct subchannel *sc)
{
    if (sc->buffer == NULL)
        sc->buffer = malloc(DEVICE_BUFFER_SIZE);
    return sc->buffer != NULL;
}

static void completion_fired(void *arg)
{
    struct subchannel *sc = arg;
    complete_command(sc, NULL, NULL);
}

static void chain_fired(void *arg)
{
    struct subchannel *sc = arg;
    if (sc->phase != PHASE_CHAINING)
        return;
    if (sc->halted) {
        /* HALT I/O between two commands: the chain ends with the last
         * command's status (POO "Termination by HALT I/O"). */
        conclude(sc, sc->last_csw, false, NULL, NULL);
        return;
    }
    start_command(sc, sc->next_ccw_address, false, NULL, NULL);
}

/* Fetches the CCW at `ccw_address` and starts its command on the device.
 * In START I/O (`first`, sio_csw and result given) a conclusion at once
 * is returned instead of queued. */
static void start_command(struct subchannel *sc, uint32_t ccw_address, bool first, uint8_t sio_csw[8],
                          enum start_result *result)
{
    struct channel_subsystem *cs = sc->cs;
    struct device *dev = sc->device;
    uint8_t ccw[8];
    uint32_t at;
    struct ccw_fault fault;
    if (result != NULL)
        *result = START_WORKING;
    sc->in_start_io = result != NULL;
    if (!fetch_usable_ccw(sc, ccw_address, first, false, ccw, &at, &fault)) {
        conclude_with_fault(sc, &fault, sio_csw, result);
        return;
    }
    if (!ensure_buffer(sc) || !walk_data_chain(sc, at, ccw)) {
        fatal(cs, dev, "device %03X: out of memory for a channel program", dev->address);
        fault = (struct ccw_fault){CHANNEL_CONTROL_CHECK, at + 8, 0};
        conclude_with_fault(sc, &fault, sio_csw, result);
        return;
    }
    sc->previous_command = first ? 0 : sc->command;
    sc->chained = !first;
    sc->command = ccw[0];
    if (sc->segments[0].flags & CCW_PCI)
        request_pci(sc);
    if (command_is_output(sc->command))
        gather_output(sc);

    /* The device is given the program's whole count: should it go past
     * an error in the chain, the channel reports the error then (the
     * write bytes beyond it are zeros the device never really got). */
    sc->device_count = sc->chain_total < DEVICE_BUFFER_SIZE ? sc->chain_total : DEVICE_BUFFER_SIZE;
    if (sc->error_status != 0 && command_is_output(sc->command) && sc->available < sc->device_count)
        memset(sc->buffer + sc->available, 0, sc->device_count - sc->available);
    struct device_command *cmd = &sc->cmd;
    memset(cmd, 0, sizeof *cmd);
    cmd->code = sc->command;
    cmd->flags = sc->segments[0].flags;
    cmd->chained = sc->chained;
    cmd->previous_code = sc->previous_command;
    cmd->count = sc->device_count;
    cmd->data = sc->buffer;
    sc->phase = PHASE_DEVICE;
    dev->type->start(dev, cmd);
    if (cmd->pending) {
        sc->in_start_io = false;
        return;
    }
    sc->done_length = cmd->length;
    sc->done_status = cmd->status;
    /* An immediate command ends at once having transferred nothing
     * (POO "Immediate Operations"): START I/O stores its CSW when nothing
     * is chained, and incorrect length is not indicated. */
    sc->done_immediate = cmd->delay == 0 && cmd->length == 0;
    if (cmd->delay == 0) {
        complete_command(sc, sio_csw, result);
    } else {
        event_schedule(cs->events, &sc->completion_event, cmd->delay);
    }
    sc->in_start_io = false;
}

/* Where the transfer of `n` bytes ended: the CCW in use and its residual
 * count. When the count of a CCW with chain data runs out the channel has
 * already fetched the next CCW, which is then the one in use. */
static unsigned current_segment(const struct subchannel *sc, uint32_t n, uint16_t *residual)
{
    uint32_t offset = 0;
    for (unsigned i = 0; i < sc->segment_count; i++) {
        const struct data_segment *s = &sc->segments[i];
        if (n < offset + s->count) {
            *residual = (uint16_t)(offset + s->count - n);
            return i;
        }
        if (n == offset + s->count) {
            if ((s->flags & CCW_CHAIN_DATA) && i + 1 < sc->segment_count && n > 0) {
                *residual = sc->segments[i + 1].count;
                return i + 1;
            }
            *residual = 0;
            return i;
        }
        offset += s->count;
    }
    *residual = 0;
    return sc->segment_count - 1;
}

/* The device's ending status for the current command has arrived: move
 * the data, build the status, and chain or conclude. */
static void complete_command(struct subchannel *sc, uint8_t sio_csw[8], enum start_result *result)
{
    struct channel_subsystem *cs = sc->cs;
    if (sc->phase != PHASE_DEVICE)
        return;
    uint32_t length = sc->done_length;
    uint8_t unit = sc->done_status;
    uint8_t channel_status = 0;
    if (length > DEVICE_BUFFER_SIZE)
        length = DEVICE_BUFFER_SIZE;
    uint32_t n = length < sc->device_count ? length : sc->device_count;

    bool error_reached = false;
    if (!command_is_output(sc->command) && n > 0) {
        if (!scatter_input(sc, n, length))
            error_reached = true;
    }
    if (sc->error_status != 0) {
        /* The device went past the usable bytes; for a CCW that could not
         * be fetched, reaching its predecessor's end is enough. */
        if (n > sc->available || (sc->error_in_ccw_fetch && n == sc->available && n > 0))
            error_reached = true;
    }

    uint16_t residual;
    unsigned seg;
    uint32_t csw_address;
    if (error_reached) {
        channel_status |= sc->error_status;
        csw_address = sc->error_csw_address;
        residual = sc->error_residual;
        seg = sc->segment_count - 1;
    } else {
        seg = current_segment(sc, n, &residual);
        csw_address = sc->segments[seg].ccw_address + 8;
        /* Incorrect length: the device's length differs from the count,
         * unless SLI is on in the CCW in use (S360-67.md §3.3) or the
         * operation was immediate. */
        bool length_differs = sc->chain_truncated ? true : length != sc->chain_total;
        if (length_differs && !sc->done_immediate && !(sc->segments[seg].flags & CCW_SUPPRESS_LENGTH))
            channel_status |= CHANNEL_INCORRECT_LENGTH;
        for (unsigned i = 1; i <= seg; i++)
            if (sc->segments[i].flags & CCW_PCI)
                request_pci(sc);
    }

    uint8_t csw[8];
    csw_build(csw, sc->key, csw_address, unit, channel_status, residual);
    memcpy(sc->last_csw, csw, 8);
    uint8_t flags = sc->segments[seg].flags;

    /* Command chaining (S360-67.md §3.3): at channel end and device end
     * with no unusual condition; status modifier skips one CCW. Incorrect
     * length stops it unless suppressed. */
    bool unusual = (unit & (UNIT_CHECK | UNIT_EXCEPTION | UNIT_ATTENTION | UNIT_BUSY)) != 0 || channel_status != 0;
    bool chain = (flags & CCW_CHAIN_COMMAND) && !unusual && !sc->halted && (unit & UNIT_CHANNEL_END);
    if (chain) {
        uint32_t next = sc->segments[seg].ccw_address + 8;
        if (unit & UNIT_STATUS_MODIFIER)
            next += 8;
        sc->next_ccw_address = next & CHANNEL_ADDRESS_MASK;
        if (unit & UNIT_DEVICE_END) {
            sc->phase = PHASE_CHAINING;
            event_schedule(cs->events, &sc->chain_event, 1);
        } else {
            sc->phase = PHASE_WAIT_DEVICE_END;
        }
        return;
    }
    conclude(sc, csw, sc->done_immediate, sio_csw, result);
}

/* ---------------------------------------------------------------------
 * What devices call. */

void channel_command_done(struct device *dev, uint32_t length, uint8_t status, uint64_t delay)
{
    struct subchannel *sc = subchannel_of(dev);
    if (sc == NULL || sc->phase != PHASE_DEVICE || !sc->cmd.pending)
        return; /* nothing is waiting for it (a reset came first) */
    sc->cmd.pending = false;
    sc->done_length = length;
    sc->done_status = status;
    sc->done_immediate = false;
    event_schedule(sc->cs->events, &sc->completion_event, delay);
}

void channel_device_status(struct device *dev, uint8_t status)
{
    struct subchannel *sc = subchannel_of(dev);
    if (sc == NULL || status == 0)
        return;
    if (status & UNIT_DEVICE_END) {
        bool was_owed = sc->device_end_owed;
        sc->device_end_owed = false;
        if (sc->phase == PHASE_WAIT_DEVICE_END) {
            /* The chain waited for it. */
            if (sc->halted || (status & (UNIT_CHECK | UNIT_EXCEPTION))) {
                uint8_t csw[8];
                memcpy(csw, sc->last_csw, 8);
                csw[4] = (uint8_t)((csw[4] & ~UNIT_CHANNEL_END) | status);
                conclude(sc, csw, false, NULL, NULL);
            } else {
                if (status & UNIT_STATUS_MODIFIER)
                    sc->next_ccw_address = (sc->next_ccw_address + 8) & CHANNEL_ADDRESS_MASK;
                sc->phase = PHASE_CHAINING;
                event_schedule(sc->cs->events, &sc->chain_event, 1);
            }
            return;
        }
        if (was_owed && sc->cs->ipl == sc) {
            if (status & (UNIT_CHECK | UNIT_EXCEPTION)) {
                uint8_t csw[8];
                memcpy(csw, sc->last_csw, 8);
                csw[4] |= status;
                describe_ipl_failure(sc, csw);
            } else {
                ipl_finished(sc, true, "IPL from %03X complete", dev->address);
            }
            return;
        }
    }
    if (sc->ipl)
        return;
    queue_device_status(sc, status);
}

void device_fatal(struct device *dev, const char *fmt, ...)
{
    char message[ERROR_MESSAGE_SIZE];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    if (dev->channels != NULL)
        fatal(dev->channels, dev, "%s", message);
}

/* ---------------------------------------------------------------------
 * The I/O instructions (S360-67.md §3.5; POO A22-6821 table "Condition
 * Codes Set by I/O Instructions"). A channel holding a pending condition
 * behaves as an available one for START I/O, TEST I/O and HALT I/O. */

/* The subchannel is working with its device (multiplexer), or the
 * selector channel is working with some device. */
static bool channel_working_for(struct subchannel *sc)
{
    struct channel *ch = channel_of(sc);
    if (ch->selector)
        return ch->working != NULL;
    return sc->phase != PHASE_IDLE;
}

static int start_io(void *ctx, uint32_t io_address)
{
    struct channel_subsystem *cs = ctx;
    virtual_now(cs);
    unsigned channel;
    struct device *dev = addressed_device(cs, io_address, &channel);
    if (dev == NULL)
        return 3;
    struct subchannel *sc = subchannel_of(dev);
    struct channel *ch = channel_of(sc);
    if (channel_working_for(sc) || cs->ipl == sc)
        return 2;
    /* Multiplexer: an operation concluded at this subchannel and not yet
     * cleared keeps it busy (POO: interruption pending in subchannel). */
    if (!ch->selector && sc->queued && sc->ends_operation)
        return 2;
    if (sc->queued) {
        /* A condition pending at the device: cleared, and reported with
         * busy in the status portion of the CSW. */
        uint8_t unit = (uint8_t)(UNIT_BUSY | sc->csw[4]);
        dequeue(sc);
        store_csw_status(cs, unit, 0);
        return 1;
    }
    if (sc->device_end_owed) {
        store_csw_status(cs, UNIT_BUSY, 0);
        return 1;
    }

    /* The CAW (S360-67.md §3.2): key in bits 0-3, bits 4-7 zero, a
     * doubleword-aligned CCW address. */
    uint32_t caw = load_be32(low_storage(cs) + LOW_CAW);
    sc->key = (uint8_t)(caw >> 28);
    uint32_t first = caw & CHANNEL_ADDRESS_MASK;
    if ((caw & 0x0F000000u) != 0 || (first & 7) != 0) {
        uint8_t csw[8];
        csw_build(csw, sc->key, first + 8, 0, CHANNEL_PROGRAM_CHECK, 0);
        store_full_csw(cs, csw);
        return 1;
    }
    sc->halted = false;
    sc->ipl = false;
    if (ch->selector)
        ch->working = sc;
    uint8_t csw[8];
    enum start_result result;
    start_command(sc, first, true, csw, &result);
    if (result == START_CSW_STORED) {
        /* Busy from the device gives only the status portion. */
        if (csw[4] & UNIT_BUSY)
            store_csw_status(cs, csw[4], csw[5]);
        else
            store_full_csw(cs, csw);
        return 1;
    }
    return 0;
}

static int test_io(void *ctx, uint32_t io_address)
{
    struct channel_subsystem *cs = ctx;
    virtual_now(cs);
    unsigned channel;
    struct device *dev = addressed_device(cs, io_address, &channel);
    if (dev == NULL)
        return 3;
    struct subchannel *sc = subchannel_of(dev);
    if (channel_working_for(sc) || cs->ipl == sc)
        return 2;
    if (sc->queued) {
        uint8_t csw[8];
        pending_csw(sc, csw);
        dequeue(sc);
        store_full_csw(cs, csw);
        return 1;
    }
    if (sc->device_end_owed) {
        store_csw_status(cs, UNIT_BUSY, 0);
        return 1;
    }
    return 0;
}

/* HALT I/O (S360-67.md §3.5): on a selector channel that is working the
 * operation is ended whatever the address (condition code 2, "burst
 * operation terminated"); on the multiplexer a working subchannel's
 * device is told to stop and the status portion of the CSW is stored as
 * zeros (code 1); otherwise the halt signal is issued to the device with
 * code 0. Command chaining is suppressed. */
static void halt_operation(struct subchannel *sc)
{
    struct device *dev = sc->device;
    sc->halted = true;
    if (sc->phase == PHASE_DEVICE && sc->cmd.pending && dev->type->halt != NULL)
        dev->type->halt(dev);
}

static int halt_io(void *ctx, uint32_t io_address)
{
    struct channel_subsystem *cs = ctx;
    virtual_now(cs);
    unsigned channel;
    struct device *dev = addressed_device(cs, io_address, &channel);
    if (channel < CHANNEL_COUNT && cs->channels[channel].selector && cs->channels[channel].working != NULL) {
        struct subchannel *working = cs->channels[channel].working;
        if (cs->host.halt_io_issued != NULL && dev != NULL)
            cs->host.halt_io_issued(cs->host.context, dev);
        halt_operation(working);
        return 2;
    }
    if (dev == NULL)
        return 3;
    struct subchannel *sc = subchannel_of(dev);
    if (cs->host.halt_io_issued != NULL)
        cs->host.halt_io_issued(cs->host.context, dev);
    if (cs->ipl == sc)
        return 2;
    if (sc->phase != PHASE_IDLE) {
        halt_operation(sc);
        store_csw_status(cs, 0, 0);
        return 1;
    }
    return 0;
}

static int test_channel(void *ctx, uint32_t io_address)
{
    struct channel_subsystem *cs = ctx;
    unsigned channel = (io_address >> 8) & 7;
    if (channel >= CHANNEL_COUNT)
        return 3;
    struct channel *ch = &cs->channels[channel];
    if (ch->selector && ch->working != NULL)
        return 2;
    if (ch->queue_head != NULL)
        return 1;
    return 0;
}

static bool accept_interrupt(void *ctx, uint32_t channel_mask, uint16_t *io_address)
{
    struct channel_subsystem *cs = ctx;
    for (unsigned n = 0; n < CHANNEL_COUNT; n++) {
        if (!(channel_mask & (1u << n)) || cs->channels[n].queue_head == NULL)
            continue;
        struct subchannel *sc = cs->channels[n].queue_head;
        uint8_t csw[8];
        pending_csw(sc, csw);
        dequeue(sc);
        store_full_csw(cs, csw);
        *io_address = sc->device->address;
        return true;
    }
    return false;
}

const struct cpu_io_ops channel_io_ops = {
    .start_io = start_io,
    .test_io = test_io,
    .halt_io = halt_io,
    .test_channel = test_channel,
    .accept_interrupt = accept_interrupt,
};

/* ---------------------------------------------------------------------
 * Configuration, reset and IPL. */

void channel_subsystem_init(struct channel_subsystem *cs, struct cpu *cpu, struct event_queue *events,
                            const struct channel_host *host)
{
    memset(cs, 0, sizeof *cs);
    cs->cpu = cpu;
    cs->events = events;
    if (host != NULL)
        cs->host = *host;
    for (unsigned n = 0; n < CHANNEL_COUNT; n++)
        cs->channels[n].selector = n != 0;
}

static void subchannel_quiesce(struct subchannel *sc)
{
    struct channel_subsystem *cs = sc->cs;
    event_cancel(cs->events, &sc->completion_event);
    event_cancel(cs->events, &sc->chain_event);
    dequeue(sc);
    release_selector(sc);
    if (cs->ipl == sc)
        cs->ipl = NULL;
    sc->phase = PHASE_IDLE;
    sc->device_end_owed = false;
    sc->halted = false;
    sc->ipl = false;
    sc->cmd.pending = false;
}

bool channel_attach(struct channel_subsystem *cs, uint16_t address, const struct device_type *type, int argc,
                    char **argv, struct error *err)
{
    if (address >= CHANNEL_ADDRESS_LIMIT)
        return error_set(err, "device address %03X: channels are 0-6 (addresses 000-6FF)", address);
    if (cs->devices[address] != NULL)
        return error_set(err, "device address %03X is already in use (a %s)", address,
                         cs->devices[address]->type->name);
    struct device *dev = calloc(1, sizeof *dev);
    struct subchannel *sc = calloc(1, sizeof *sc);
    if (dev == NULL || sc == NULL) {
        free(dev);
        free(sc);
        return error_set(err, "device %03X: out of memory", address);
    }
    dev->type = type;
    dev->address = address;
    dev->channels = cs;
    dev->events = cs->events;
    dev->channel_private = sc;
    sc->device = dev;
    sc->cs = cs;
    sc->channel = address >> 8;
    event_init(&sc->completion_event, completion_fired, sc);
    event_init(&sc->chain_event, chain_fired, sc);
    if (type->attach != NULL && !type->attach(dev, argc, argv, err)) {
        error_prefix(err, "device %03X (%s): ", address, type->name);
        free(sc);
        free(dev);
        return false;
    }
    cs->devices[address] = dev;
    return true;
}

bool channel_reinit(struct channel_subsystem *cs, uint16_t address, int argc, char **argv, struct error *err)
{
    struct device *dev = channel_device_at(cs, address);
    if (dev == NULL)
        return error_set(err, "no device at address %03X", address);
    if (dev->type->reinit == NULL)
        return error_set(err, "device %03X (%s) has no medium to change", address, dev->type->name);
    if (!dev->type->reinit(dev, argc, argv, err))
        return error_prefix(err, "device %03X (%s): ", address, dev->type->name);
    return true;
}

static void free_device(struct channel_subsystem *cs, struct device *dev)
{
    struct subchannel *sc = subchannel_of(dev);
    subchannel_quiesce(sc);
    if (dev->type->detach != NULL)
        dev->type->detach(dev);
    cs->devices[dev->address] = NULL;
    free(sc->segments);
    free(sc->buffer);
    free(sc);
    free(dev);
}

bool channel_detach(struct channel_subsystem *cs, uint16_t address, struct error *err)
{
    struct device *dev = channel_device_at(cs, address);
    if (dev == NULL)
        return error_set(err, "no device at address %03X", address);
    free_device(cs, dev);
    return true;
}

void channel_subsystem_free(struct channel_subsystem *cs)
{
    for (unsigned a = 0; a < CHANNEL_ADDRESS_LIMIT; a++)
        if (cs->devices[a] != NULL)
            free_device(cs, cs->devices[a]);
}

struct device *channel_device_at(const struct channel_subsystem *cs, uint16_t address)
{
    return address < CHANNEL_ADDRESS_LIMIT ? cs->devices[address] : NULL;
}

struct device *channel_next_device(const struct channel_subsystem *cs, unsigned *cursor)
{
    while (*cursor < CHANNEL_ADDRESS_LIMIT) {
        struct device *dev = cs->devices[(*cursor)++];
        if (dev != NULL)
            return dev;
    }
    return NULL;
}

void channel_reset(struct channel_subsystem *cs)
{
    for (unsigned a = 0; a < CHANNEL_ADDRESS_LIMIT; a++) {
        struct device *dev = cs->devices[a];
        if (dev == NULL)
            continue;
        subchannel_quiesce(subchannel_of(dev));
        if (dev->type->reset != NULL)
            dev->type->reset(dev);
    }
    cs->ipl = NULL;
    cs->pending_count = 0;
    for (unsigned n = 0; n < CHANNEL_COUNT; n++) {
        cs->channels[n].queue_head = NULL;
        cs->channels[n].queue_tail = NULL;
        cs->channels[n].working = NULL;
    }
    cs->cpu->io_pending = false;
}

bool channel_ipl_start(struct channel_subsystem *cs, uint16_t address, struct error *err)
{
    struct device *dev = channel_device_at(cs, address);
    if (dev == NULL)
        return error_set(err, "IPL: no device at address %03X", address);
    if (cs->cpu->storage.size < 24)
        return error_set(err, "IPL: storage is smaller than 24 bytes");
    struct subchannel *sc = subchannel_of(dev);
    subchannel_quiesce(sc);
    sc->ipl = true;
    sc->key = 0;
    cs->ipl = sc;
    if (channel_of(sc)->selector)
        channel_of(sc)->working = sc;
    /* The implicit first CCW: READ X'02' into 0, 24 bytes, command
     * chaining and SLI. It lives nowhere in storage; as if it were at 0,
     * chaining continues at 8. */
    if (!ensure_buffer(sc))
        return error_set(err, "IPL: out of memory");
    sc->segment_count = 0;
    uint8_t ccw[8] = {0x02, 0x00, 0x00, 0x00, CCW_CHAIN_COMMAND | CCW_SUPPRESS_LENGTH, 0x00, 0x00, 24};
    if (!walk_data_chain(sc, 0, ccw))
        return error_set(err, "IPL: out of memory");
    sc->command = 0x02;
    sc->previous_command = 0;
    sc->chained = false;
    sc->device_count = 24;
    struct device_command *cmd = &sc->cmd;
    memset(cmd, 0, sizeof *cmd);
    cmd->code = 0x02;
    cmd->flags = ccw[4];
    cmd->count = 24;
    cmd->data = sc->buffer;
    sc->phase = PHASE_DEVICE;
    sc->in_start_io = false;
    virtual_now(cs);
    dev->type->start(dev, cmd);
    if (cmd->pending)
        return true;
    sc->done_length = cmd->length;
    sc->done_status = cmd->status;
    sc->done_immediate = cmd->delay == 0 && cmd->length == 0;
    event_schedule(cs->events, &sc->completion_event, cmd->delay);
    return true;
}

bool channel_ipl_in_progress(const struct channel_subsystem *cs)
{
    return cs->ipl != NULL;
}

uint32_t channel_pending_mask(const struct channel_subsystem *cs)
{
    uint32_t mask = 0;
    for (unsigned n = 0; n < CHANNEL_COUNT; n++)
        if (cs->channels[n].queue_head != NULL)
            mask |= 1u << n;
    return mask;
}

const char *channel_device_state(const struct device *dev)
{
    const struct subchannel *sc = dev->channel_private;
    if (sc == NULL)
        return "detached";
    if (sc->ipl)
        return "IPL";
    if (sc->queued)
        return sc->ends_operation ? "status pending" : "interruption pending";
    switch (sc->phase) {
    case PHASE_DEVICE:
        return sc->cmd.pending ? "waiting" : "working";
    case PHASE_WAIT_DEVICE_END:
    case PHASE_CHAINING:
        return "chaining";
    case PHASE_IDLE:
        break;
    }
    return sc->device_end_owed ? "busy" : "available";
}
