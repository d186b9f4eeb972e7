/* The table of device types: the config file and the operator's attach
 * command find a type here by name or alias. */
#include <strings.h>

#include "devices/comm_2703.h"
#include "devices/dasd_ckd.h"
#include "devices/device.h"
#include "devices/tape_2400.h"

extern const struct device_type console_1052_type;
extern const struct device_type card_reader_2540_type;
extern const struct device_type card_punch_2540_type;
extern const struct device_type printer_1403_type;
extern const struct device_type card_read_punch_1442_type;
extern const struct device_type card_punch_1442_type;
extern const struct device_type printer_1443_type;

const struct device_type *const device_types[] = {
    &console_1052_type,
    &card_reader_2540_type,
    &card_punch_2540_type,
    &printer_1403_type,
    &card_read_punch_1442_type,
    &card_punch_1442_type,
    &printer_1443_type,
    &tape_2400_type,
    &dasd_2311_type,
    &dasd_2314_type,
    &dasd_2301_type,
    &dasd_3330_type,
    &comm_2703_device_type,
    NULL,
};

const struct device_type *device_type_find(const char *name)
{
    for (const struct device_type *const *t = device_types; *t != NULL; t++) {
        if (strcasecmp((*t)->name, name) == 0)
            return *t;
        for (const char *const *alias = (*t)->aliases; alias != NULL && *alias != NULL; alias++)
            if (strcasecmp(*alias, name) == 0)
                return *t;
    }
    return NULL;
}
