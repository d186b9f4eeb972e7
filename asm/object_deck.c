#include "asm/object_deck.h"

#include <stdio.h>
#include <string.h>

#include "asm/object_card.h"
#include "lib/bytes.h"
#include "lib/ebcdic.h"

struct deck {
    const struct assembly *a;
    struct byte_buffer *out;
    unsigned sequence;
    uint8_t card[CARD_BYTES];
};

/* EBCDIC text, blank-padded to `width` columns. */
static void put_text(uint8_t *at, const char *s, size_t width)
{
    size_t n = strnlen(s, width);
    for (size_t i = 0; i < width; i++)
        at[i] = i < n ? ascii_to_ebcdic_char((uint8_t)s[i]) : CARD_BLANK;
}

static void start_card(struct deck *d, const char *type)
{
    memset(d->card, CARD_BLANK, sizeof d->card);
    d->card[0] = CARD_MARK;
    put_text(d->card + CARD_TYPE_OFFSET, type, 3);
}

static void put24(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 16);
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)v;
}

static void finish_card(struct deck *d)
{
    /* Columns 73-80: the deck identifier, then the sequence number in the
     * columns it leaves. */
    char field[32];
    size_t idlen = strlen(d->a->deck_id);
    d->sequence++;
    if (idlen >= 8) {
        snprintf(field, sizeof field, "%.8s", d->a->deck_id);
    } else {
        unsigned modulus = 1;
        for (size_t i = idlen; i < 8; i++)
            modulus *= 10;
        snprintf(field, sizeof field, "%s%0*u", d->a->deck_id, (int)(8 - idlen), d->sequence % modulus);
    }
    put_text(d->card + CARD_SEQUENCE_OFFSET, field, 8);
    byte_buffer_append(d->out, d->card, CARD_BYTES);
}

static uint16_t esdid_of(const struct assembly *a, uint32_t id)
{
    const struct asm_section *s = section_by_id(&a->sections, id);
    return s != NULL ? s->esdid : 0;
}

static void esd_cards(struct deck *d)
{
    const struct assembly *a = d->a;
    size_t on_card = 0;
    bool first_numbered = false;
    for (size_t i = 0; i < a->sections.count; i++) {
        const struct asm_section *s = &a->sections.items[i];
        if (s->kind == SECTION_DUMMY)
            continue;
        if (on_card == 0) {
            start_card(d, "ESD");
            first_numbered = false;
        }
        uint8_t *item = d->card + CARD_DATA_OFFSET + on_card * ESD_ITEM_BYTES;
        if (!first_numbered) {
            store_be16(d->card + CARD_ESDID_OFFSET, s->esdid);
            first_numbered = true;
        }
        put_text(item, s->kind == SECTION_PRIVATE ? "" : s->name, 8);
        switch (s->kind) {
        case SECTION_CONTROL:
        case SECTION_PRIVATE:
            item[8] = s->kind == SECTION_CONTROL ? ESD_SD : ESD_PC;
            put24(item + 9, s->origin);
            item[12] = CARD_BLANK;
            put24(item + 13, s->length);
            break;
        default:
            item[8] = s->kind == SECTION_EXTERNAL ? ESD_ER : ESD_WX;
            put24(item + 9, 0);
            item[12] = CARD_BLANK;
            item[13] = item[14] = item[15] = CARD_BLANK;
            break;
        }
        on_card++;
        store_be16(d->card + CARD_COUNT_OFFSET, (uint16_t)(on_card * ESD_ITEM_BYTES));
        if (on_card == ESD_ITEMS_PER_CARD) {
            finish_card(d);
            on_card = 0;
        }
    }
    if (on_card > 0) {
        finish_card(d);
        on_card = 0;
    }
    /* ENTRY names: LD items, on cards of their own (no ESDID). */
    for (size_t i = 0; i < a->entry_count; i++) {
        struct asm_symbol *sym = symbol_table_find(&a->symbols, a->entries[i].name);
        if (sym == NULL || !sym->defined || sym->value.term_count != 1)
            continue;
        if (on_card == 0)
            start_card(d, "ESD");
        uint8_t *item = d->card + CARD_DATA_OFFSET + on_card * ESD_ITEM_BYTES;
        put_text(item, a->entries[i].name, 8);
        item[8] = ESD_LD;
        put24(item + 9, (uint32_t)sym->value.value);
        item[12] = CARD_BLANK;
        item[13] = 0;
        store_be16(item + 14, esdid_of(a, sym->value.terms[0].id));
        on_card++;
        store_be16(d->card + CARD_COUNT_OFFSET, (uint16_t)(on_card * ESD_ITEM_BYTES));
        if (on_card == ESD_ITEMS_PER_CARD) {
            finish_card(d);
            on_card = 0;
        }
    }
    if (on_card > 0)
        finish_card(d);
}

static void txt_cards(struct deck *d)
{
    const struct assembly *a = d->a;
    for (size_t i = 0; i < a->text_count; i++) {
        const struct text_run *r = &a->text[i];
        for (size_t off = 0; off < r->len; off += TXT_DATA_MAX) {
            size_t n = r->len - off < TXT_DATA_MAX ? r->len - off : TXT_DATA_MAX;
            start_card(d, "TXT");
            put24(d->card + CARD_ADDRESS_OFFSET, r->address + (uint32_t)off);
            store_be16(d->card + CARD_COUNT_OFFSET, (uint16_t)n);
            store_be16(d->card + CARD_ESDID_OFFSET, esdid_of(a, r->section_id));
            memcpy(d->card + CARD_DATA_OFFSET, r->data + off, n);
            finish_card(d);
        }
    }
}

static uint8_t rld_flag(const struct relocation_item *r)
{
    return (uint8_t)((r->v_type ? RLD_FLAG_V_TYPE : 0) | ((unsigned)(r->length - 1) << RLD_FLAG_LENGTH_SHIFT) |
                     (r->negative ? RLD_FLAG_NEGATIVE : 0));
}

static void rld_cards(struct deck *d)
{
    const struct assembly *a = d->a;
    size_t used = 0;
    long previous_flag = -1; /* offset of the previous entry's flag on this card */
    uint16_t prev_r = 0, prev_p = 0;
    for (size_t i = 0; i < a->relocation_count; i++) {
        const struct relocation_item *r = &a->relocations[i];
        uint16_t rid = esdid_of(a, r->relocation_id), pid = esdid_of(a, r->position_id);
        bool same = previous_flag >= 0 && rid == prev_r && pid == prev_p;
        size_t need = same ? 4 : 8;
        if (previous_flag >= 0 && used + need > RLD_DATA_MAX) {
            store_be16(d->card + CARD_COUNT_OFFSET, (uint16_t)used);
            finish_card(d);
            previous_flag = -1;
            same = false;
            need = 8;
        }
        if (previous_flag < 0) {
            start_card(d, "RLD");
            used = 0;
        }
        uint8_t *p = d->card + CARD_DATA_OFFSET + used;
        if (same) {
            d->card[previous_flag] |= RLD_FLAG_SAME;
        } else {
            store_be16(p, rid);
            store_be16(p + 2, pid);
            p += 4;
        }
        p[0] = rld_flag(r);
        put24(p + 1, r->address);
        previous_flag = (long)(p - d->card);
        used += need;
        prev_r = rid;
        prev_p = pid;
    }
    if (previous_flag >= 0) {
        store_be16(d->card + CARD_COUNT_OFFSET, (uint16_t)used);
        finish_card(d);
    }
}

static void end_card(struct deck *d)
{
    const struct assembly *a = d->a;
    start_card(d, "END");
    if (a->has_entry) {
        put24(d->card + CARD_ADDRESS_OFFSET, (uint32_t)a->entry.value);
        store_be16(d->card + CARD_ESDID_OFFSET, esdid_of(a, a->entry.terms[0].id));
    }
    finish_card(d);
}

bool object_deck_build(const struct assembly *a, struct byte_buffer *out, struct error *err)
{
    (void)err;
    struct deck d;
    memset(&d, 0, sizeof d);
    d.a = a;
    d.out = out;
    esd_cards(&d);
    txt_cards(&d);
    rld_cards(&d);
    end_card(&d);
    return true;
}
