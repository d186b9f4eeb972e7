#include "src/instruction_trace.h"

#include <stdio.h>

/* The System/360 instruction set with the 67's additions (BAS, BASR, LRA,
 * STMC, LMC), by opcode (S360-67.md §1.7, §2.4). */
static const char *const mnemonics[256] = {
    [0x04] = "SPM",  [0x05] = "BALR", [0x06] = "BCTR", [0x07] = "BCR",  [0x08] = "SSK",  [0x09] = "ISK",
    [0x0A] = "SVC",  [0x0D] = "BASR", [0x10] = "LPR",  [0x11] = "LNR",  [0x12] = "LTR",  [0x13] = "LCR",
    [0x14] = "NR",   [0x15] = "CLR",  [0x16] = "OR",   [0x17] = "XR",   [0x18] = "LR",   [0x19] = "CR",
    [0x1A] = "AR",   [0x1B] = "SR",   [0x1C] = "MR",   [0x1D] = "DR",   [0x1E] = "ALR",  [0x1F] = "SLR",
    [0x20] = "LPDR", [0x21] = "LNDR", [0x22] = "LTDR", [0x23] = "LCDR", [0x24] = "HDR",  [0x28] = "LDR",
    [0x29] = "CDR",  [0x2A] = "ADR",  [0x2B] = "SDR",  [0x2C] = "MDR",  [0x2D] = "DDR",  [0x2E] = "AWR",
    [0x2F] = "SWR",  [0x30] = "LPER", [0x31] = "LNER", [0x32] = "LTER", [0x33] = "LCER", [0x34] = "HER",
    [0x38] = "LER",  [0x39] = "CER",  [0x3A] = "AER",  [0x3B] = "SER",  [0x3C] = "MER",  [0x3D] = "DER",
    [0x3E] = "AUR",  [0x3F] = "SUR",  [0x40] = "STH",  [0x41] = "LA",   [0x42] = "STC",  [0x43] = "IC",
    [0x44] = "EX",   [0x45] = "BAL",  [0x46] = "BCT",  [0x47] = "BC",   [0x48] = "LH",   [0x49] = "CH",
    [0x4A] = "AH",   [0x4B] = "SH",   [0x4C] = "MH",   [0x4D] = "BAS",  [0x4E] = "CVD",  [0x4F] = "CVB",
    [0x50] = "ST",   [0x54] = "N",    [0x55] = "CL",   [0x56] = "O",    [0x57] = "X",    [0x58] = "L",
    [0x59] = "C",    [0x5A] = "A",    [0x5B] = "S",    [0x5C] = "M",    [0x5D] = "D",    [0x5E] = "AL",
    [0x5F] = "SL",   [0x60] = "STD",  [0x68] = "LD",   [0x69] = "CD",   [0x6A] = "AD",   [0x6B] = "SD",
    [0x6C] = "MD",   [0x6D] = "DD",   [0x6E] = "AW",   [0x6F] = "SW",   [0x70] = "STE",  [0x78] = "LE",
    [0x79] = "CE",   [0x7A] = "AE",   [0x7B] = "SE",   [0x7C] = "ME",   [0x7D] = "DE",   [0x7E] = "AU",
    [0x7F] = "SU",   [0x80] = "SSM",  [0x82] = "LPSW", [0x83] = "DIAG", [0x84] = "WRD",  [0x85] = "RDD",
    [0x86] = "BXH",  [0x87] = "BXLE", [0x88] = "SRL",  [0x89] = "SLL",  [0x8A] = "SRA",  [0x8B] = "SLA",
    [0x8C] = "SRDL", [0x8D] = "SLDL", [0x8E] = "SRDA", [0x8F] = "SLDA", [0x90] = "STM",  [0x91] = "TM",
    [0x92] = "MVI",  [0x93] = "TS",   [0x94] = "NI",   [0x95] = "CLI",  [0x96] = "OI",   [0x97] = "XI",
    [0x98] = "LM",   [0x9C] = "SIO",  [0x9D] = "TIO",  [0x9E] = "HIO",  [0x9F] = "TCH",  [0xB0] = "STMC",
    [0xB1] = "LRA",  [0xB8] = "LMC",  [0xD1] = "MVN",  [0xD2] = "MVC",  [0xD3] = "MVZ",  [0xD4] = "NC",
    [0xD5] = "CLC",  [0xD6] = "OC",   [0xD7] = "XC",   [0xDC] = "TR",   [0xDD] = "TRT",  [0xDE] = "ED",
    [0xDF] = "EDMK", [0xF1] = "MVO",  [0xF2] = "PACK", [0xF3] = "UNPK", [0xF8] = "ZAP",  [0xF9] = "CP",
    [0xFA] = "AP",   [0xFB] = "SP",   [0xFC] = "MP",   [0xFD] = "DP",
};

const char *instruction_mnemonic(uint8_t opcode)
{
    return mnemonics[opcode];
}

void instruction_trace_hook(struct cpu *c, uint32_t address, const uint8_t *ip, void *context)
{
    FILE *out = context;
    (void)c;
    static const unsigned lengths[4] = {2, 4, 4, 6};
    unsigned length = lengths[ip[0] >> 6];
    char bytes[16];
    int used = 0;
    for (unsigned i = 0; i < length; i++)
        used += snprintf(bytes + used, sizeof bytes - (size_t)used, "%02X", ip[i]);
    const char *name = mnemonics[ip[0]];
    fprintf(out, "%06X %-12s %s\n", address, bytes, name != NULL ? name : "(operation exception)");
}
