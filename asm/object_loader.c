#include "asm/object_loader.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asm/memory.h"
#include "asm/object_card.h"
#include "lib/bytes.h"
#include "lib/ebcdic.h"

enum loader_item_kind {
    ITEM_SECTION,  /* SD or PC */
    ITEM_EXTERNAL, /* ER */
    ITEM_WEAK,     /* WX */
};

struct loader_item {
    enum loader_item_kind kind;
    char name[9];
    uint16_t esdid;
    uint32_t assembled; /* SD/PC: assembled origin */
    uint32_t length;
    uint32_t loaded;    /* SD/PC: load address */
    size_t card;        /* where it was defined */
};

struct loader_entry {
    char name[9];
    uint32_t assembled;
    uint16_t section_esdid;
    size_t module;
    size_t card;
};

struct loader_module {
    struct loader_item *items;
    size_t count;
    size_t cap;
    size_t first_card;
    size_t end_card;
};

struct loader {
    const uint8_t *deck;
    size_t cards;
    struct loader_module *modules;
    size_t module_count;
    size_t module_cap;
    struct loader_entry *entries;
    size_t entry_count;
    size_t entry_cap;
    struct storage *storage;
    struct error *err;
};

static uint32_t get24(const uint8_t *p)
{
    return (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
}

static void get_name(const uint8_t *p, char out[9])
{
    for (int i = 0; i < 8; i++)
        out[i] = (char)ebcdic_to_ascii_char(p[i]);
    int n = 8;
    while (n > 0 && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
}

static bool card_type(const uint8_t *card, const char *type)
{
    for (int i = 0; i < 3; i++)
        if (card[CARD_TYPE_OFFSET + i] != ascii_to_ebcdic_char((uint8_t)type[i]))
            return false;
    return true;
}

static struct loader_item *item_by_esdid(struct loader_module *m, uint16_t esdid)
{
    for (size_t i = 0; i < m->count; i++)
        if (m->items[i].esdid == esdid)
            return &m->items[i];
    return NULL;
}

static bool read_esd(struct loader *l, struct loader_module *m, const uint8_t *card, size_t number)
{
    uint16_t bytes = load_be16(card + CARD_COUNT_OFFSET);
    if (bytes == 0 || bytes % ESD_ITEM_BYTES != 0 || bytes > ESD_ITEMS_PER_CARD * ESD_ITEM_BYTES)
        return error_set(l->err, "card %zu: ESD item byte count is %u (expected 16, 32 or 48)", number, bytes);
    uint16_t esdid = load_be16(card + CARD_ESDID_OFFSET);
    for (unsigned k = 0; k < bytes / ESD_ITEM_BYTES; k++) {
        const uint8_t *it = card + CARD_DATA_OFFSET + k * ESD_ITEM_BYTES;
        uint8_t type = it[8];
        char name[9];
        get_name(it, name);
        if (type == ESD_LD) {
            ASM_GROW(l->entries, l->entry_cap, l->entry_count + 1);
            struct loader_entry *e = &l->entries[l->entry_count++];
            memcpy(e->name, name, sizeof e->name);
            e->assembled = get24(it + 9);
            e->section_esdid = load_be16(it + 14);
            e->module = l->module_count - 1;
            e->card = number;
            continue;
        }
        if (type != ESD_SD && type != ESD_PC && type != ESD_ER && type != ESD_WX)
            return error_set(l->err, "card %zu: ESD item %u (%s) has type X'%02X', which this loader does not "
                                     "support (expected SD, PC, LD, ER or WX)",
                             number, k + 1, name, type);
        if (esdid == 0 || esdid == 0x4040)
            return error_set(l->err, "card %zu: ESD card has no ESDID in columns 15-16 for its %s item", number,
                             name);
        if (item_by_esdid(m, esdid) != NULL)
            return error_set(l->err, "card %zu: ESDID %u is defined twice in this module", number, esdid);
        ASM_GROW(m->items, m->cap, m->count + 1);
        struct loader_item *item = &m->items[m->count++];
        memset(item, 0, sizeof *item);
        memcpy(item->name, name, sizeof item->name);
        item->esdid = esdid++;
        item->card = number;
        if (type == ESD_SD || type == ESD_PC) {
            item->kind = ITEM_SECTION;
            item->assembled = get24(it + 9);
            item->length = get24(it + 13);
        } else {
            item->kind = type == ESD_ER ? ITEM_EXTERNAL : ITEM_WEAK;
        }
    }
    return true;
}

/* Pass 1: the modules and their ESD items. */
static bool scan(struct loader *l)
{
    bool open = false;
    for (size_t c = 0; c < l->cards; c++) {
        const uint8_t *card = l->deck + c * CARD_BYTES;
        size_t number = c + 1;
        if (card[0] != CARD_MARK)
            return error_set(l->err, "card %zu: column 1 holds X'%02X' (expected X'02', an object deck card)", number,
                             card[0]);
        if (card_type(card, "SYM"))
            continue;
        if (!card_type(card, "ESD") && !card_type(card, "TXT") && !card_type(card, "RLD") && !card_type(card, "END"))
            return error_set(l->err, "card %zu: unknown card type (expected ESD, TXT, RLD or END in columns 2-4)",
                             number);
        if (!open) {
            ASM_GROW(l->modules, l->module_cap, l->module_count + 1);
            memset(&l->modules[l->module_count], 0, sizeof l->modules[0]);
            l->modules[l->module_count].first_card = c;
            l->module_count++;
            open = true;
        }
        struct loader_module *m = &l->modules[l->module_count - 1];
        if (card_type(card, "ESD") && !read_esd(l, m, card, number))
            return false;
        if (card_type(card, "END")) {
            m->end_card = c;
            open = false;
        }
    }
    if (open)
        return error_set(l->err, "card %zu: the deck ends without an END card (expected END after the last "
                                 "module)",
                         l->cards);
    if (l->module_count == 0)
        return error_set(l->err, "the deck has no cards");
    return true;
}

static bool place(struct loader *l, uint32_t address, struct object_load_result *result)
{
    uint32_t next = address;
    size_t sections = 0;
    for (size_t i = 0; i < l->module_count; i++) {
        struct loader_module *m = &l->modules[i];
        for (size_t k = 0; k < m->count; k++) {
            struct loader_item *it = &m->items[k];
            if (it->kind != ITEM_SECTION)
                continue;
            next = (next + 7) & ~7u;
            it->loaded = next;
            if ((uint64_t)next + it->length > l->storage->size)
                return error_set(l->err, "card %zu: section %s (%u bytes) at X'%X' does not fit in %u bytes of "
                                         "storage",
                                 it->card, it->name[0] ? it->name : "(private)", it->length, next, l->storage->size);
            next += it->length;
            sections++;
        }
    }
    result->low = address;
    result->high = next;
    result->modules = l->module_count;
    result->sections = sections;
    return true;
}

/* The address an external name resolves to; false if none. */
static bool resolve(struct loader *l, const char *name, uint32_t *address)
{
    for (size_t i = 0; i < l->module_count; i++) {
        struct loader_module *m = &l->modules[i];
        for (size_t k = 0; k < m->count; k++) {
            if (m->items[k].kind == ITEM_SECTION && m->items[k].name[0] != '\0' && strcmp(m->items[k].name, name) == 0) {
                *address = m->items[k].loaded;
                return true;
            }
        }
    }
    for (size_t i = 0; i < l->entry_count; i++) {
        struct loader_entry *e = &l->entries[i];
        if (strcmp(e->name, name) != 0)
            continue;
        struct loader_item *s = item_by_esdid(&l->modules[e->module], e->section_esdid);
        if (s == NULL || s->kind != ITEM_SECTION)
            return false;
        *address = e->assembled - s->assembled + s->loaded;
        return true;
    }
    return false;
}

static bool apply_text(struct loader *l, struct loader_module *m, const uint8_t *card, size_t number)
{
    uint32_t address = get24(card + CARD_ADDRESS_OFFSET);
    uint16_t count = load_be16(card + CARD_COUNT_OFFSET);
    uint16_t esdid = load_be16(card + CARD_ESDID_OFFSET);
    if (count > TXT_DATA_MAX)
        return error_set(l->err, "card %zu: TXT byte count is %u (expected at most %d)", number, count, TXT_DATA_MAX);
    struct loader_item *s = item_by_esdid(m, esdid);
    if (s == NULL || s->kind != ITEM_SECTION)
        return error_set(l->err, "card %zu: TXT card names ESDID %u, which is not a control section of this module",
                         number, esdid);
    if (address < s->assembled || (uint64_t)address + count > (uint64_t)s->assembled + s->length)
        return error_set(l->err, "card %zu: TXT address X'%06X' (+%u bytes) is outside section %s (X'%06X', "
                                 "length %u)",
                         number, address, count, s->name[0] ? s->name : "(private)", s->assembled, s->length);
    uint32_t at = address - s->assembled + s->loaded;
    memcpy(l->storage->bytes + at, card + CARD_DATA_OFFSET, count);
    return true;
}

static bool apply_relocation(struct loader *l, struct loader_module *m, const uint8_t *card, size_t number)
{
    uint16_t bytes = load_be16(card + CARD_COUNT_OFFSET);
    if (bytes > RLD_DATA_MAX)
        return error_set(l->err, "card %zu: RLD byte count is %u (expected at most %d)", number, bytes, RLD_DATA_MAX);
    size_t i = 0;
    uint16_t rid = 0, pid = 0;
    bool same = false;
    while (i < bytes) {
        const uint8_t *p = card + CARD_DATA_OFFSET + i;
        if (!same) {
            if (i + 8 > bytes)
                return error_set(l->err, "card %zu: RLD entry at column %zu is cut short", number,
                                 CARD_DATA_OFFSET + i + 1);
            rid = load_be16(p);
            pid = load_be16(p + 2);
            p += 4;
            i += 4;
        } else if (i + 4 > bytes) {
            return error_set(l->err, "card %zu: RLD entry at column %zu is cut short", number, CARD_DATA_OFFSET + i + 1);
        }
        uint8_t flag = p[0];
        uint32_t address = get24(p + 1);
        i += 4;
        same = (flag & RLD_FLAG_SAME) != 0;
        if (flag & RLD_FLAG_ADD_FOUR)
            return error_set(l->err, "card %zu: RLD entry for X'%06X' is longer than 4 bytes (not supported)", number,
                             address);
        unsigned length = ((flag & RLD_FLAG_LENGTH_MASK) >> RLD_FLAG_LENGTH_SHIFT) + 1;
        struct loader_item *pos = item_by_esdid(m, pid);
        struct loader_item *rel = item_by_esdid(m, rid);
        if (pos == NULL || pos->kind != ITEM_SECTION)
            return error_set(l->err, "card %zu: RLD position ESDID %u is not a control section of this module", number,
                             pid);
        if (rel == NULL)
            return error_set(l->err, "card %zu: RLD relocation ESDID %u is not in this module's ESD", number, rid);
        if (address < pos->assembled || (uint64_t)address + length > (uint64_t)pos->assembled + pos->length)
            return error_set(l->err, "card %zu: RLD address X'%06X' is outside section %s", number, address,
                             pos->name[0] ? pos->name : "(private)");
        uint32_t relocation;
        if (rel->kind == ITEM_SECTION) {
            relocation = rel->loaded - rel->assembled;
        } else if (!resolve(l, rel->name, &relocation)) {
            if (rel->kind == ITEM_WEAK)
                relocation = 0;
            else
                return error_set(l->err, "card %zu: external symbol %s (ESD card %zu) is not defined in any module of "
                                         "the deck",
                                 number, rel->name, rel->card);
        }
        uint8_t *field = l->storage->bytes + (address - pos->assembled + pos->loaded);
        uint32_t value = 0;
        for (unsigned k = 0; k < length; k++)
            value = value << 8 | field[k];
        value = (flag & RLD_FLAG_NEGATIVE) ? value - relocation : value + relocation;
        for (unsigned k = length; k-- > 0;) {
            field[k] = (uint8_t)value;
            value >>= 8;
        }
    }
    if (same)
        return error_set(l->err, "card %zu: the last RLD entry says the next one has the same IDs, but the card ends",
                         number);
    return true;
}

bool object_deck_load(struct storage *storage, const uint8_t *deck, size_t len, uint32_t address,
                      struct object_load_result *result, struct error *err)
{
    struct object_load_result local;
    if (result == NULL)
        result = &local;
    memset(result, 0, sizeof *result);
    if (len % CARD_BYTES != 0)
        return error_set(err, "the deck is %zu bytes long, not a whole number of 80-byte cards", len);
    if (address % 8 != 0)
        return error_set(err, "load address X'%X' is not on a doubleword boundary (expected a multiple of 8)",
                         address);
    struct loader l;
    memset(&l, 0, sizeof l);
    l.deck = deck;
    l.cards = len / CARD_BYTES;
    l.storage = storage;
    l.err = err;
    bool ok = scan(&l) && place(&l, address, result);
    result->entry = address;
    bool have_entry = false;
    for (size_t i = 0; ok && i < l.module_count; i++) {
        struct loader_module *m = &l.modules[i];
        for (size_t c = m->first_card; ok && c <= m->end_card; c++) {
            const uint8_t *card = deck + c * CARD_BYTES;
            if (card_type(card, "TXT"))
                ok = apply_text(&l, m, card, c + 1);
        }
        for (size_t c = m->first_card; ok && c <= m->end_card; c++) {
            const uint8_t *card = deck + c * CARD_BYTES;
            if (card_type(card, "RLD"))
                ok = apply_relocation(&l, m, card, c + 1);
        }
        const uint8_t *end = deck + m->end_card * CARD_BYTES;
        uint16_t esdid = load_be16(end + CARD_ESDID_OFFSET);
        if (ok && !have_entry && esdid != 0x4040 && esdid != 0) {
            struct loader_item *s = item_by_esdid(m, esdid);
            uint32_t at = get24(end + CARD_ADDRESS_OFFSET);
            if (s == NULL || s->kind != ITEM_SECTION) {
                ok = error_set(err, "card %zu: END entry ESDID %u is not a control section of this module",
                               m->end_card + 1, esdid);
            } else {
                result->entry = at - s->assembled + s->loaded;
                have_entry = true;
            }
        }
    }
    for (size_t i = 0; i < l.module_count; i++)
        free(l.modules[i].items);
    free(l.modules);
    free(l.entries);
    return ok;
}

bool object_deck_load_file(struct storage *storage, const char *path, uint32_t address,
                           struct object_load_result *result, struct error *err)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return error_set(err, "%s: cannot open: %s", path, strerror(errno));
    uint8_t *data = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        ASM_GROW(data, cap, len + 65536);
        size_t n = fread(data + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
    }
    bool bad = ferror(f) != 0;
    fclose(f);
    bool ok;
    if (bad)
        ok = error_set(err, "%s: read error", path);
    else if (!(ok = object_deck_load(storage, data, len, address, result, err)))
        error_prefix(err, "%s: ", path);
    free(data);
    return ok;
}

bool object_load_argument(const char *argument, char **path, uint32_t *address, struct error *err)
{
    const char *at = strrchr(argument, '@');
    if (at == NULL || at == argument || at[1] == '\0')
        return error_set(err, "'%s' is not FILE@ADDRESS (expected, for example, prog.obj@2000)", argument);
    const char *a = at + 1;
    size_t n = strlen(a);
    bool quoted = (a[0] == 'X' || a[0] == 'x') && a[1] == '\'' && n > 3 && a[n - 1] == '\'';
    char digits[16];
    if (quoted) {
        if (n - 3 >= sizeof digits)
            return error_set(err, "address '%s' is too long (expected at most 6 hexadecimal digits)", a);
        memcpy(digits, a + 2, n - 3);
        digits[n - 3] = '\0';
    } else {
        if (a[0] == '0' && (a[1] == 'x' || a[1] == 'X'))
            a += 2;
        if (strlen(a) >= sizeof digits)
            return error_set(err, "address '%s' is too long (expected at most 6 hexadecimal digits)", at + 1);
        strcpy(digits, a);
    }
    if (digits[0] == '\0')
        return error_set(err, "'%s' has no address after '@' (expected hexadecimal digits)", argument);
    uint32_t v = 0;
    for (const char *p = digits; *p != '\0'; p++) {
        if (!isxdigit((unsigned char)*p))
            return error_set(err, "'%c' in the load address '%s' (expected hexadecimal digits)", *p, at + 1);
        v = v * 16 + (uint32_t)(isdigit((unsigned char)*p) ? *p - '0' : toupper((unsigned char)*p) - 'A' + 10);
        if (v > 0xFFFFFF)
            return error_set(err, "load address '%s' is beyond 16M (expected at most FFFFFF)", at + 1);
    }
    *path = malloc((size_t)(at - argument) + 1);
    if (*path == NULL)
        return error_set(err, "out of memory");
    memcpy(*path, argument, (size_t)(at - argument));
    (*path)[at - argument] = '\0';
    *address = v;
    return true;
}
