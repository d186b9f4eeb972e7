#include "asm/program_image.h"

#include <stdlib.h>
#include <string.h>

#include "asm/memory.h"
#include "lib/bytes.h"

bool program_image_build(const struct assembly *a, struct program_image *image, struct error *err)
{
    memset(image, 0, sizeof *image);
    for (size_t i = 0; i < a->sections.count; i++) {
        const struct asm_section *s = &a->sections.items[i];
        if (s->kind == SECTION_EXTERNAL || s->kind == SECTION_WEAK_EXTERNAL)
            return error_set(err, "external symbol %s: a stand-alone program cannot refer to other modules "
                                  "(expected no EXTRN or V-constant naming another module)",
                             s->name);
    }
    bool any = false;
    uint32_t low = 0, high = 0;
    for (size_t i = 0; i < a->text_count; i++) {
        const struct text_run *r = &a->text[i];
        if (r->len == 0)
            continue;
        uint32_t end = r->address + (uint32_t)r->len;
        if (!any || r->address < low)
            low = r->address;
        if (!any || end > high)
            high = end;
        any = true;
    }
    if (!any)
        return error_set(err, "the program has no object code (expected instructions or constants)");
    if (high > 0x1000000)
        return error_set(err, "the program ends at X'%X', beyond 16M of storage", high);
    image->low = low;
    image->high = high;
    image->bytes = asm_alloc(high - low);
    image->present = asm_alloc(high - low);
    for (size_t i = 0; i < a->text_count; i++) {
        const struct text_run *r = &a->text[i];
        memcpy(image->bytes + (r->address - low), r->data, r->len);
        memset(image->present + (r->address - low), 1, r->len);
    }
    if (a->has_entry) {
        image->entry = (uint32_t)a->entry.value;
    } else {
        image->entry = low;
        for (size_t i = 0; i < a->sections.count; i++) {
            if (a->sections.items[i].kind == SECTION_CONTROL || a->sections.items[i].kind == SECTION_PRIVATE) {
                image->entry = a->sections.items[i].origin;
                break;
            }
        }
    }
    if (image->entry % 2 != 0) {
        program_image_free(image);
        return error_set(err, "the entry point X'%X' is odd (expected an instruction address)", image->entry);
    }
    return true;
}

void program_image_free(struct program_image *image)
{
    free(image->bytes);
    free(image->present);
    memset(image, 0, sizeof *image);
}

void program_image_ipl_psw(const struct program_image *image, uint8_t psw[8])
{
    store_be32(psw, 0x00000000);
    store_be32(psw + 4, image->entry & 0x00FFFFFF);
}
