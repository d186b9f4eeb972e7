/* The interval timer at real location x'50' (S360-67.md §1.4): a signed
 * word counted down in units of bit 31 (13.02 microseconds; bit 23 loses
 * one every 1/300 s). The timer lives in storage itself, so any instruction
 * that reads x'50' (CP-67's MVC X'4C'(8),X'50') sees the value of the last
 * update, which the machine loop performs between instruction slices. */
#include "cpu/cpu.h"
#include "lib/bytes.h"

void cpu_timer_decrement(struct cpu *c, uint32_t units)
{
    if (!c->timer_enabled || units == 0 || !storage_contains(&c->storage, LOW_TIMER, 4))
        return;
    uint8_t *p = c->storage.bytes + LOW_TIMER;
    int32_t old = (int32_t)load_be32(p);
    int32_t updated = (int32_t)((uint32_t)old - units);
    store_be32(p, (uint32_t)updated);
    /* The interruption is requested when the value goes from positive
     * (or zero) to negative; a very large step that wraps past negative
     * values is still one crossing. */
    if (old >= 0 && (updated < 0 || units > (uint32_t)old))
        cpu_raise_external(c, EXTERNAL_TIMER);
}
