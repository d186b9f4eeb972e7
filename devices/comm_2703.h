/* The 2703 transmission control's line device (devices/comm_2703.c). */
#ifndef VM67_DEVICES_COMM_2703_H
#define VM67_DEVICES_COMM_2703_H

#include <stdint.h>

#include "devices/device.h"

extern const struct device_type comm_2703_device_type;

/* The TCP port the line listens on (the one the system chose for
 * lport=0), for tests and the operator's devlist. */
uint16_t comm_2703_port(const struct device *dev);

#endif
