/* Tape images: opening (format detection, see tape_image.h), the motions
 * every format shares, and the file helpers the format files use. */
#include "devices/tape_image.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "devices/tape_format.h"

void tape_image_options_init(struct tape_image_options *options)
{
    memset(options, 0, sizeof *options);
    options->format = TAPE_FORMAT_UNKNOWN;
    options->het_compress = true;
    options->het_level = 4;
    options->chunk_size = 65535;
}

const char *tape_format_name(enum tape_format format)
{
    switch (format) {
    case TAPE_FORMAT_AWS:
        return "aws";
    case TAPE_FORMAT_HET:
        return "het";
    case TAPE_FORMAT_SIMH:
        return "tap";
    case TAPE_FORMAT_E11:
        return "e11";
    case TAPE_FORMAT_UNKNOWN:
        break;
    }
    return "unknown";
}

/* ---- file helpers ------------------------------------------------------ */

bool tape_file_read(struct tape_image *tape, uint64_t offset, void *buf, size_t n, size_t *got,
                    struct error *err)
{
    size_t done = 0;
    while (done < n) {
        ssize_t r = pread(tape->fd, (uint8_t *)buf + done, n - done, (off_t)(offset + done));
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return error_set(err, "%s: read at offset %llu: %s", tape->path,
                             (unsigned long long)(offset + done), strerror(errno));
        }
        if (r == 0)
            break;
        done += (size_t)r;
    }
    *got = done;
    return true;
}

bool tape_file_append(struct tape_image *tape, const void *data, size_t n, struct error *err)
{
    if (tape->read_only)
        return error_set(err, "%s: the tape is write protected", tape->path);
    if (ftruncate(tape->fd, (off_t)tape->offset) != 0)
        return error_set(err, "%s: truncate at offset %llu: %s", tape->path,
                         (unsigned long long)tape->offset, strerror(errno));
    tape->file_size = tape->offset;
    size_t done = 0;
    while (done < n) {
        ssize_t r = pwrite(tape->fd, (const uint8_t *)data + done, n - done,
                           (off_t)(tape->offset + done));
        if (r < 0) {
            if (errno == EINTR)
                continue;
            int saved = errno;
            /* Leave no half-written object behind. */
            if (ftruncate(tape->fd, (off_t)tape->offset) != 0) {
                /* The original error is the one worth reporting. */
            }
            return error_set(err, "%s: write at offset %llu: %s", tape->path,
                             (unsigned long long)(tape->offset + done), strerror(saved));
        }
        done += (size_t)r;
    }
    tape->offset += n;
    tape->file_size = tape->offset;
    tape->block_number++;
    tape->written = true;
    return true;
}

uint8_t *tape_scratch(struct tape_image *tape, size_t n, struct error *err)
{
    if (n > tape->scratch_size) {
        uint8_t *p = realloc(tape->scratch, n);
        if (p == NULL) {
            error_set(err, "%s: out of memory for a %zu-byte block", tape->path, n);
            return NULL;
        }
        tape->scratch = p;
        tape->scratch_size = n;
    }
    return tape->scratch;
}

bool tape_error_at(struct tape_image *tape, struct error *err, uint64_t block, uint64_t offset,
                   const char *fmt, ...)
{
    if (err == NULL)
        return false;
    char what[ERROR_MESSAGE_SIZE];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return error_set(err, "%s: block %llu at offset %llu: %s", tape->path,
                     (unsigned long long)block, (unsigned long long)offset, what);
}

void tape_copy_part(uint8_t *buf, uint32_t size, const uint8_t *from, uint32_t length, bool tail)
{
    if (buf == NULL || size == 0)
        return;
    uint32_t n = length < size ? length : size;
    memcpy(buf, from + (tail ? length - n : 0), n);
}

/* ---- detection --------------------------------------------------------- */

static bool name_ends_with(const char *path, const char *suffix)
{
    size_t n = strlen(path), m = strlen(suffix);
    return n > m && strcasecmp(path + n - m, suffix) == 0;
}

static enum tape_format format_from_name(const char *path)
{
    if (name_ends_with(path, ".het"))
        return TAPE_FORMAT_HET;
    if (name_ends_with(path, ".aws"))
        return TAPE_FORMAT_AWS;
    if (name_ends_with(path, ".tap"))
        return TAPE_FORMAT_SIMH;
    return TAPE_FORMAT_UNKNOWN;
}

/* How far a parse of the file's first objects as one family got. */
struct family_check {
    unsigned objects;   /* objects parsed cleanly */
    bool clean_end;     /* reached the end of the recorded data cleanly */
    bool compressed;    /* AWS: a compressed block was seen */
    char problem[ERROR_MESSAGE_SIZE];
};

static bool check_aws_family(struct tape_image *tape, struct family_check *check, struct error *err)
{
    memset(check, 0, sizeof *check);
    uint64_t offset = 0;
    uint32_t previous = 0;
    struct error note;
    for (unsigned i = 0; i < TAPE_DETECT_OBJECTS; i++) {
        struct aws_object object;
        error_clear(&note);
        enum tape_status s = aws_parse_forward(tape, offset, previous, i + 1, &object, &note);
        if (s == TAPE_HOST_ERROR) {
            *err = note;
            return false;
        }
        if (s == TAPE_END_OF_DATA) {
            check->clean_end = true;
            return true;
        }
        if (s != TAPE_BLOCK && s != TAPE_TAPE_MARK) {
            snprintf(check->problem, sizeof check->problem, "%s", note.message);
            return true;
        }
        if ((object.flags1 & AWS_FLAG1_COMPRESSION) != 0 || (object.flags2 & AWS_FLAG2_BUSTECH_ZLIB) != 0)
            check->compressed = true;
        check->objects++;
        offset = object.end;
        previous = object.tape_mark ? 0 : object.last_chunk_length;
    }
    return true;
}

/* SIMH: parses objects as the drive would, which also settles the
 * variant when an odd-length record is met. */
static bool check_simh(struct tape_image *tape, unsigned limit, struct family_check *check,
                       struct error *err)
{
    memset(check, 0, sizeof *check);
    uint64_t saved_offset = tape->offset, saved_block = tape->block_number;
    tape->offset = 0;
    tape->block_number = 0;
    bool ok = true;
    for (unsigned i = 0; i < limit; i++) {
        struct error note;
        error_clear(&note);
        uint32_t length;
        enum tape_status s = tape_simh_ops.read_forward(tape, NULL, 0, &length, &note);
        if (s == TAPE_HOST_ERROR) {
            *err = note;
            ok = false;
            break;
        }
        if (s == TAPE_END_OF_DATA) {
            check->clean_end = true;
            break;
        }
        if (s == TAPE_DAMAGED) {
            snprintf(check->problem, sizeof check->problem, "%s", note.message);
            break;
        }
        check->objects++;
        if (i + 1 >= TAPE_DETECT_OBJECTS && tape->variant != SIMH_VARIANT_UNKNOWN)
            break;
    }
    tape->offset = saved_offset;
    tape->block_number = saved_block;
    return ok;
}

static bool check_passes(const struct family_check *check)
{
    return check->objects > 0 || check->clean_end;
}

static bool detect_format(struct tape_image *tape, enum tape_format wanted, struct error *err)
{
    enum tape_format by_name = format_from_name(tape->path);
    if (tape->file_size == 0) {
        /* A blank tape: nothing to read, so the option or the name says
         * how it will be written. */
        tape->format = wanted != TAPE_FORMAT_UNKNOWN ? wanted
                       : by_name != TAPE_FORMAT_UNKNOWN ? by_name
                                                        : TAPE_FORMAT_AWS;
        if (tape->format == TAPE_FORMAT_E11)
            tape->variant = SIMH_VARIANT_E11;
        return true;
    }

    struct family_check aws, simh;
    if (!check_aws_family(tape, &aws, err))
        return false;
    tape->variant = SIMH_VARIANT_UNKNOWN;
    if (!check_simh(tape, TAPE_DETECT_VARIANT_OBJECTS, &simh, err))
        return false;
    enum simh_variant found_variant = tape->variant;

    bool aws_family_wanted = wanted == TAPE_FORMAT_AWS || wanted == TAPE_FORMAT_HET;
    bool simh_wanted = wanted == TAPE_FORMAT_SIMH || wanted == TAPE_FORMAT_E11;
    if (aws_family_wanted) {
        if (!check_passes(&aws))
            return error_set(err, "%s: not an %s image: %s", tape->path,
                             wanted == TAPE_FORMAT_HET ? "HET" : "AWS", aws.problem);
        tape->format = wanted;
        return true;
    }
    if (simh_wanted) {
        if (!check_passes(&simh))
            return error_set(err, "%s: not a SIMH .tap image: %s", tape->path, simh.problem);
        enum simh_variant want = wanted == TAPE_FORMAT_E11 ? SIMH_VARIANT_E11 : SIMH_VARIANT_PADDED;
        if (found_variant != SIMH_VARIANT_UNKNOWN && found_variant != want)
            return error_set(err, "%s: option %s, but its odd-length records are %s", tape->path,
                             tape_format_name(wanted),
                             found_variant == SIMH_VARIANT_E11 ? "not padded (E11: option e11)"
                                                               : "padded (option tap)");
        tape->format = wanted;
        tape->variant = want;
        return true;
    }

    bool aws_fits = check_passes(&aws), simh_fits = check_passes(&simh);
    if (aws_fits && simh_fits) {
        /* Both parse as far: the longer clean parse wins, then the name. */
        if (aws.objects > simh.objects || (aws.clean_end && !simh.clean_end))
            simh_fits = false;
        else if (simh.objects > aws.objects || (simh.clean_end && !aws.clean_end))
            aws_fits = false;
        else if (by_name == TAPE_FORMAT_SIMH)
            aws_fits = false;
        else if (by_name == TAPE_FORMAT_AWS || by_name == TAPE_FORMAT_HET)
            simh_fits = false;
        else
            return error_set(err, "%s: cannot tell whether this is an AWS or a SIMH .tap image: "
                                  "name the format with an option (aws, het, tap, e11)",
                             tape->path);
    }
    if (aws_fits) {
        tape->format = (aws.compressed || by_name == TAPE_FORMAT_HET) ? TAPE_FORMAT_HET
                                                                       : TAPE_FORMAT_AWS;
        return true;
    }
    if (simh_fits) {
        tape->format = found_variant == SIMH_VARIANT_E11 ? TAPE_FORMAT_E11 : TAPE_FORMAT_SIMH;
        tape->variant = found_variant;
        return true;
    }
    return error_set(err, "%s: not a tape image vm67 knows: as AWS/HET, %s; as SIMH .tap, %s",
                     tape->path, aws.problem, simh.problem);
}

/* ---- open and close ---------------------------------------------------- */

struct tape_image *tape_image_open(const char *path, const struct tape_image_options *options,
                                   struct error *err)
{
    struct tape_image *tape = calloc(1, sizeof *tape);
    if (tape == NULL || (tape->path = strdup(path)) == NULL) {
        free(tape);
        error_set(err, "%s: out of memory", path);
        return NULL;
    }
    tape->options = *options;
    tape->read_only = options->read_only;
    tape->fd = open(path, tape->read_only ? O_RDONLY : O_RDWR);
    if (tape->fd < 0 && !tape->read_only && (errno == EACCES || errno == EROFS)) {
        /* A file vm67 may not write is a reel without its ring. */
        tape->read_only = true;
        tape->fd = open(path, O_RDONLY);
    }
    if (tape->fd < 0 && errno == ENOENT && options->create && !tape->read_only)
        tape->fd = open(path, O_RDWR | O_CREAT, 0666);
    if (tape->fd < 0) {
        error_set(err, "%s: %s", path, strerror(errno));
        goto fail;
    }
    struct stat st;
    if (fstat(tape->fd, &st) != 0) {
        error_set(err, "%s: %s", path, strerror(errno));
        goto fail;
    }
    if (!S_ISREG(st.st_mode)) {
        error_set(err, "%s: not a regular file", path);
        goto fail;
    }
    tape->file_size = (uint64_t)st.st_size;
    tape->variant_default = SIMH_VARIANT_PADDED;
    if (!detect_format(tape, options->format, err))
        goto fail;
    switch (tape->format) {
    case TAPE_FORMAT_AWS:
        tape->ops = &tape_aws_ops;
        break;
    case TAPE_FORMAT_HET:
        tape->ops = &tape_het_ops;
        break;
    case TAPE_FORMAT_E11:
        tape->variant_default = SIMH_VARIANT_E11;
        tape->ops = &tape_simh_ops;
        break;
    default:
        tape->ops = &tape_simh_ops;
        break;
    }
    tape_image_rewind(tape);
    return tape;
fail:
    if (tape->fd >= 0)
        close(tape->fd);
    free(tape->path);
    free(tape);
    return NULL;
}

bool tape_image_flush(struct tape_image *tape, struct error *err)
{
    if (tape->read_only || !tape->written)
        return true;
    if (fsync(tape->fd) != 0)
        return error_set(err, "%s: %s", tape->path, strerror(errno));
    tape->written = false;
    return true;
}

void tape_image_close(struct tape_image *tape)
{
    if (tape == NULL)
        return;
    tape_image_flush(tape, NULL);
    close(tape->fd);
    free(tape->scratch);
    free(tape->path);
    free(tape);
}

/* ---- motion ------------------------------------------------------------ */

enum tape_status tape_image_read_forward(struct tape_image *tape, uint8_t *buf, uint32_t size,
                                         uint32_t *length, struct error *err)
{
    *length = 0;
    error_clear(err);
    return tape->ops->read_forward(tape, buf, size, length, err);
}

enum tape_status tape_image_read_backward(struct tape_image *tape, uint8_t *buf, uint32_t size,
                                          uint32_t *length, struct error *err)
{
    *length = 0;
    error_clear(err);
    if (tape->offset == 0)
        return TAPE_AT_LOAD_POINT;
    return tape->ops->read_backward(tape, buf, size, length, err);
}

enum tape_status tape_image_space_file_forward(struct tape_image *tape, struct tape_motion *motion,
                                               struct error *err)
{
    memset(motion, 0, sizeof *motion);
    for (;;) {
        uint32_t length;
        enum tape_status s = tape_image_read_forward(tape, NULL, 0, &length, err);
        if (s == TAPE_TAPE_MARK) {
            motion->tape_marks = 1;
            return s;
        }
        if (s != TAPE_BLOCK && s != TAPE_BAD_BLOCK)
            return s;
        motion->blocks++;
        motion->bytes += length;
    }
}

enum tape_status tape_image_space_file_backward(struct tape_image *tape, struct tape_motion *motion,
                                                struct error *err)
{
    memset(motion, 0, sizeof *motion);
    for (;;) {
        uint32_t length;
        enum tape_status s = tape_image_read_backward(tape, NULL, 0, &length, err);
        if (s == TAPE_TAPE_MARK) {
            motion->tape_marks = 1;
            return s;
        }
        if (s != TAPE_BLOCK && s != TAPE_BAD_BLOCK)
            return s;
        motion->blocks++;
        motion->bytes += length;
    }
}

bool tape_image_write_block(struct tape_image *tape, const uint8_t *data, uint32_t length,
                            struct error *err)
{
    error_clear(err);
    if (tape->read_only)
        return error_set(err, "%s: the tape is write protected", tape->path);
    if (length == 0 || length > 65535)
        return error_set(err, "%s: a block of %u bytes cannot be written", tape->path, length);
    return tape->ops->write_block(tape, data, length, err);
}

bool tape_image_write_tape_mark(struct tape_image *tape, struct error *err)
{
    error_clear(err);
    if (tape->read_only)
        return error_set(err, "%s: the tape is write protected", tape->path);
    return tape->ops->write_tape_mark(tape, err);
}

void tape_image_rewind(struct tape_image *tape)
{
    tape->offset = 0;
    tape->block_number = 0;
    tape->previous_chunk_length = 0;
}

/* ---- queries ----------------------------------------------------------- */

uint64_t tape_image_object_size_bound(const struct tape_image *tape, uint32_t length)
{
    if (tape->ops == &tape_simh_ops)
        return length == 0 ? 4 : 9 + (uint64_t)length;
    uint32_t chunk = tape->options.chunk_size < 1 || tape->options.chunk_size > 65535
                         ? 65535
                         : tape->options.chunk_size;
    uint64_t chunks = length == 0 ? 1 : (length + chunk - 1) / chunk;
    return chunks * AWS_HEADER_SIZE + length;
}

bool tape_image_at_load_point(const struct tape_image *tape)
{
    return tape->offset == 0;
}

uint64_t tape_image_block_number(const struct tape_image *tape)
{
    return tape->block_number;
}

uint64_t tape_image_offset(const struct tape_image *tape)
{
    return tape->offset;
}

uint64_t tape_image_file_size(const struct tape_image *tape)
{
    return tape->file_size;
}

bool tape_image_read_only(const struct tape_image *tape)
{
    return tape->read_only;
}

const char *tape_image_path(const struct tape_image *tape)
{
    return tape->path;
}

enum tape_format tape_image_format(const struct tape_image *tape)
{
    if (tape->format == TAPE_FORMAT_SIMH && tape->variant == SIMH_VARIANT_E11)
        return TAPE_FORMAT_E11;
    return tape->format;
}

const char *tape_image_format_description(const struct tape_image *tape)
{
    switch (tape->format) {
    case TAPE_FORMAT_AWS:
        return "AWS";
    case TAPE_FORMAT_HET:
        return "HET";
    case TAPE_FORMAT_E11:
    case TAPE_FORMAT_SIMH:
        switch (tape->variant) {
        case SIMH_VARIANT_E11:
            return "SIMH .tap (E11)";
        case SIMH_VARIANT_PADDED:
            return "SIMH .tap (padded)";
        case SIMH_VARIANT_UNKNOWN:
            break;
        }
        return "SIMH .tap (variant not yet known: writes padded)";
    case TAPE_FORMAT_UNKNOWN:
        break;
    }
    return "unknown";
}
