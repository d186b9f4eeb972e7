/* The operator's store status for the 360/67 (see cpu.h for why the 67
 * has no architected one, and what this function stands for). */
#include "cpu/cpu.h"
#include "lib/bytes.h"

bool cpu_store_status(struct cpu *c, uint32_t address, struct error *err)
{
    if (address & 7)
        return error_set(err, "store status: address %06X is not on a doubleword boundary", address);
    if (!storage_contains(&c->storage, address, CPU_STORE_STATUS_SIZE))
        return error_set(err, "store status: %u bytes at %06X do not fit in the %uK of storage",
                         CPU_STORE_STATUS_SIZE, address, c->storage.size / 1024);
    uint8_t *area = c->storage.bytes + address;
    cpu_store_psw(c, area, 0);
    for (unsigned r = 0; r < 16; r++)
        store_be32(area + 8 + 4 * r, c->gpr[r]);
    for (unsigned f = 0; f < 4; f++)
        store_be64(area + 72 + 8 * f, c->fpr[f]);
    for (uint32_t block = address >> STORAGE_BLOCK_SHIFT;
         block <= (address + CPU_STORE_STATUS_SIZE - 1) >> STORAGE_BLOCK_SHIFT; block++)
        c->storage.keys[block] |= STORAGE_KEY_REFERENCE | STORAGE_KEY_CHANGE;
    return true;
}
