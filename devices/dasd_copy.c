/* `vm67 dasd copy`: an image into a new file, track by track, in either
 * format (Hercules's dasdcopy does the same). */
#include <stdlib.h>
#include <unistd.h>

#include "devices/dasd_tools.h"
#include "lib/file_util.h"

bool dasd_copy(const char *input, const char *output, enum ckd_image_format format,
               enum ckd_compression compression, const struct ckd_progress *progress,
               struct error *err)
{
    struct ckd_image_options read_only = {.read_only = true};
    struct ckd_image *in, *out;
    if (!ckd_image_open(&in, input, &read_only, err))
        return false;
    if (!ckd_image_create(&out, output, format, in->geometry, in->cylinders, compression, -1, NULL,
                          err)) {
        ckd_image_close(in, NULL);
        return false;
    }
    uint8_t *track = malloc(in->track_size > out->track_size ? in->track_size : out->track_size);
    bool ok = track != NULL || error_set(err, "out of memory");
    unsigned tracks = ckd_image_tracks(in);
    for (unsigned t = 0; ok && t < tracks; t++) {
        uint32_t length;
        ok = ckd_read_track(in, t, track, &length, err) &&
             ckd_write_track(out, t, track, length, 0, err);
        if ((t + 1) % in->heads == 0)
            ckd_progress_report(progress, (t + 1) / in->heads, in->cylinders);
    }
    free(track);
    ckd_image_close(in, NULL);
    ok = ckd_image_close(out, ok ? err : NULL) && ok;
    if (!ok)
        file_remove_if_regular(output);
    return ok;
}
