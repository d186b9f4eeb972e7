/* The 2400-series tape unit's device type (devices/tape_2400.c). */
#ifndef VM67_DEVICES_TAPE_2400_H
#define VM67_DEVICES_TAPE_2400_H

#include "devices/device.h"

extern const struct device_type tape_2400_type;

#endif
