/* The 80-column object deck of the IBM System/360 assemblers: ESD, TXT,
 * RLD and END cards. Column 1 holds X'02' (the 12-2-9 punch), columns 2-4
 * the card type in EBCDIC, columns 73-80 the deck identifier and sequence
 * number. Offsets below are 0-based (column - 1). Layouts (from the IBM
 * assembler programmer's guides, "Object deck output"):
 *
 *   ESD  11-12 bytes of items (16 each, up to 3); 15-16 ESDID of the
 *        first SD/PC/ER/WX item on the card (blank if all are LD);
 *        17-64 items: name(8) type(1) address(3) flag(1) length or LDID(3)
 *   TXT  6-8 address of the first byte; 11-12 byte count (up to 56);
 *        15-16 ESDID; 17-72 the bytes
 *   RLD  11-12 bytes of entries; 17-72 entries: R-ID(2) P-ID(2) flag(1)
 *        address(3), the IDs omitted when the previous entry's flag has
 *        its last bit set (same R-ID and P-ID)
 *   END  6-8 entry address; 15-16 its ESDID (both blank when none) */
#ifndef VM67_ASM_OBJECT_CARD_H
#define VM67_ASM_OBJECT_CARD_H

#define CARD_BYTES 80
#define CARD_MARK 0x02
#define CARD_BLANK 0x40

#define CARD_TYPE_OFFSET 1
#define CARD_COUNT_OFFSET 10
#define CARD_ESDID_OFFSET 14
#define CARD_DATA_OFFSET 16
#define CARD_ADDRESS_OFFSET 5
#define CARD_SEQUENCE_OFFSET 72

#define ESD_ITEM_BYTES 16
#define ESD_ITEMS_PER_CARD 3
#define TXT_DATA_MAX 56
#define RLD_DATA_MAX 56

enum esd_type {
    ESD_SD = 0x00,
    ESD_LD = 0x01,
    ESD_ER = 0x02,
    ESD_PC = 0x04,
    ESD_CM = 0x05,
    ESD_XD = 0x06,
    ESD_WX = 0x0A,
};

/* RLD flag byte: bits 2-3 the constant's type (00 A, 01 V), bits 4-5 its
 * length - 1, bit 6 a subtraction, bit 7 "same IDs next". */
#define RLD_FLAG_ADD_FOUR 0x40
#define RLD_FLAG_TYPE_MASK 0x30
#define RLD_FLAG_V_TYPE 0x10
#define RLD_FLAG_LENGTH_SHIFT 2
#define RLD_FLAG_LENGTH_MASK 0x0C
#define RLD_FLAG_NEGATIVE 0x02
#define RLD_FLAG_SAME 0x01

#endif
