#include "asm/instruction_table.h"

#include <stdlib.h>
#include <string.h>

#define RR(m, op) {m, op, FORMAT_RR, 0, 2}
#define RX(m, op) {m, op, FORMAT_RX, 0, 4}
#define RS(m, op) {m, op, FORMAT_RS, 0, 4}
#define SH(m, op) {m, op, FORMAT_RS_SHIFT, 0, 4}
#define SI(m, op) {m, op, FORMAT_SI, 0, 4}
#define S(m, op) {m, op, FORMAT_S, 0, 4}
#define SS1(m, op) {m, op, FORMAT_SS_L, 0, 6}
#define SS2(m, op) {m, op, FORMAT_SS_LL, 0, 6}
#define BRR(m, mask) {m, 0x07, FORMAT_RR_BRANCH, mask, 2}
#define BRX(m, mask) {m, 0x47, FORMAT_RX_BRANCH, mask, 4}

/* Sorted by mnemonic (checked by a unit test) for binary search. */
static const struct instruction_definition table[] = {
    RX("A", 0x5A),     RX("AD", 0x6A),    RR("ADR", 0x2A),   RX("AE", 0x7A),    RR("AER", 0x3A),
    RX("AH", 0x4A),    RX("AL", 0x5E),    RR("ALR", 0x1E),   SS2("AP", 0xFA),   RR("AR", 0x1A),
    RX("AU", 0x7E),    RR("AUR", 0x3E),   RX("AW", 0x6E),    RR("AWR", 0x2E),   BRX("B", 15),
    RX("BAL", 0x45),   RR("BALR", 0x05),  RX("BAS", 0x4D),   RR("BASR", 0x0D),  RX("BC", 0x47),
    RR("BCR", 0x07),   RX("BCT", 0x46),   RR("BCTR", 0x06),  BRX("BE", 8),      BRR("BER", 8),
    BRX("BH", 2),      BRR("BHR", 2),     BRX("BL", 4),      BRR("BLR", 4),     BRX("BM", 4),
    BRR("BMR", 4),     BRX("BNE", 7),     BRR("BNER", 7),    BRX("BNH", 13),    BRR("BNHR", 13),
    BRX("BNL", 11),    BRR("BNLR", 11),   BRX("BNM", 11),    BRR("BNMR", 11),   BRX("BNO", 14),
    BRR("BNOR", 14),   BRX("BNP", 13),    BRR("BNPR", 13),   BRX("BNZ", 7),     BRR("BNZR", 7),
    BRX("BO", 1),      BRR("BOR", 1),     BRX("BP", 2),      BRR("BPR", 2),     BRR("BR", 15),
    RS("BXH", 0x86),   RS("BXLE", 0x87),  BRX("BZ", 8),      BRR("BZR", 8),     RX("C", 0x59),
    RX("CD", 0x69),    RR("CDR", 0x29),   RX("CE", 0x79),    RR("CER", 0x39),   RX("CH", 0x49),
    RX("CL", 0x55),    SS1("CLC", 0xD5),  SI("CLI", 0x95),   RR("CLR", 0x15),   SS2("CP", 0xF9),
    RR("CR", 0x19),    RX("CVB", 0x4F),   RX("CVD", 0x4E),   RX("D", 0x5D),     RX("DD", 0x6D),
    RR("DDR", 0x2D),   RX("DE", 0x7D),    RR("DER", 0x3D),   RS("DIAG", 0x83),  RS("DIAGNOSE", 0x83),
    SS2("DP", 0xFD),   RR("DR", 0x1D),    SS1("ED", 0xDE),   SS1("EDMK", 0xDF), RX("EX", 0x44),
    RR("HDR", 0x24),   RR("HER", 0x34),   S("HIO", 0x9E),    RX("IC", 0x43),    RR("ISK", 0x09),
    RX("L", 0x58),     RX("LA", 0x41),    RR("LCDR", 0x23),  RR("LCER", 0x33),  RR("LCR", 0x13),
    RX("LD", 0x68),    RR("LDR", 0x28),   RX("LE", 0x78),    RR("LER", 0x38),   RX("LH", 0x48),
    RS("LM", 0x98),    RS("LMC", 0xB8),   RR("LNDR", 0x21),  RR("LNER", 0x31),  RR("LNR", 0x11),
    RR("LPDR", 0x20),  RR("LPER", 0x30),  RR("LPR", 0x10),   S("LPSW", 0x82),   RR("LR", 0x18),
    RX("LRA", 0xB1),   RR("LTDR", 0x22),  RR("LTER", 0x32),  RR("LTR", 0x12),   RX("M", 0x5C),
    RX("MD", 0x6C),    RR("MDR", 0x2C),   RX("ME", 0x7C),    RR("MER", 0x3C),   RX("MH", 0x4C),
    SS2("MP", 0xFC),   RR("MR", 0x1C),    SS1("MVC", 0xD2),  SI("MVI", 0x92),   SS1("MVN", 0xD1),
    SS2("MVO", 0xF1),  SS1("MVZ", 0xD3),  RX("N", 0x54),     SS1("NC", 0xD4),   SI("NI", 0x94),
    BRX("NOP", 0),     BRR("NOPR", 0),    RR("NR", 0x14),    RX("O", 0x56),     SS1("OC", 0xD6),
    SI("OI", 0x96),    RR("OR", 0x16),    SS2("PACK", 0xF2), SI("RDD", 0x85),   RX("S", 0x5B),
    RX("SD", 0x6B),    RR("SDR", 0x2B),   RX("SE", 0x7B),    RR("SER", 0x3B),   RX("SH", 0x4B),
    S("SIO", 0x9C),    RX("SL", 0x5F),    SH("SLA", 0x8B),   SH("SLDA", 0x8F),  SH("SLDL", 0x8D),
    SH("SLL", 0x89),   RR("SLR", 0x1F),   SS2("SP", 0xFB),   {"SPM", 0x04, FORMAT_RR_R1, 0, 2},
    RR("SR", 0x1B),    SH("SRA", 0x8A),   SH("SRDA", 0x8E),  SH("SRDL", 0x8C),  SH("SRL", 0x88),
    RR("SSK", 0x08),   S("SSM", 0x80),    RX("ST", 0x50),    RX("STC", 0x42),   RX("STD", 0x60),
    RX("STE", 0x70),   RX("STH", 0x40),   RS("STM", 0x90),   RS("STMC", 0xB0),  RX("SU", 0x7F),
    RR("SUR", 0x3F),   {"SVC", 0x0A, FORMAT_RR_I, 0, 2},     RX("SW", 0x6F),    RR("SWR", 0x2F),
    S("TCH", 0x9F),    S("TIO", 0x9D),    SI("TM", 0x91),    SS1("TR", 0xDC),   SS1("TRT", 0xDD),
    S("TS", 0x93),     SS2("UNPK", 0xF3), SI("WRD", 0x84),   RX("X", 0x57),     SS1("XC", 0xD7),
    SI("XI", 0x97),    RR("XR", 0x17),    SS2("ZAP", 0xF8),
};

/* Instructions of later machines, for a precise message. */
static const char *const later[] = {
    "AHI",   "AXR",   "BAKR",  "BASSM", "BRAS",  "BRC",   "BRCT",  "BRXH",  "BRXLE", "BSM",
    "CDS",   "CHI",   "CLCL",  "CLM",   "CLRCH", "CLRIO", "CONCS", "CS",    "CSCH",  "DISCS",
    "EPAR",  "ESAR",  "HDV",   "HSCH",  "IAC",   "ICM",   "IPK",   "IPTE",  "ISKE",  "IVSK",
    "J",     "JE",    "JH",    "JL",    "JNE",   "JNZ",   "JZ",    "LAE",   "LASP",  "LCTL",
    "LHI",   "LRDR",  "LRER",  "LURA",  "MC",    "MHI",   "MSCH",  "MVCK",  "MVCL",  "MVCP",
    "MVCS",  "MXD",   "MXDR",  "MXR",   "PC",    "PT",    "PTLB",  "RCHP",  "RIO",   "RRB",
    "RSCH",  "SAC",   "SAL",   "SCHM",  "SCK",   "SCKC",  "SIGP",  "SIOF",  "SPKA",  "SPT",
    "SPX",   "SRP",   "SSAR",  "SSCH",  "SSKE",  "STAP",  "STCK",  "STCKC", "STCM",  "STCPS",
    "STCRW", "STCTL", "STIDC", "STIDP", "STNSM", "STOSM", "STPT",  "STPX",  "STSCH", "STURA",
    "SXR",   "TB",    "TMH",   "TML",   "TPI",   "TPROT", "TRAP2", "TRAP4", "TSCH",
};

static int compare_entry(const void *key, const void *elem)
{
    return strcmp((const char *)key, ((const struct instruction_definition *)elem)->mnemonic);
}

const struct instruction_definition *instruction_lookup(const char *mnemonic)
{
    return bsearch(mnemonic, table, sizeof table / sizeof table[0], sizeof table[0], compare_entry);
}

bool instruction_is_later_machine(const char *mnemonic)
{
    for (size_t i = 0; i < sizeof later / sizeof later[0]; i++)
        if (strcmp(later[i], mnemonic) == 0)
            return true;
    return false;
}

const struct instruction_definition *instruction_table(size_t *count)
{
    *count = sizeof table / sizeof table[0];
    return table;
}

const char *instruction_format_name(enum instruction_format f)
{
    static const char *const names[] = {"RR", "RR", "RR", "RR", "RX", "RX",
                                        "RS", "RS", "SI", "S",  "SS", "SS"};
    return f <= FORMAT_SS_LL ? names[f] : "?";
}
