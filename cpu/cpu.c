/* CPU life cycle and the run loop. */
#include "cpu/cpu.h"

#include <string.h>

#include "cpu/access.h"
#include "cpu/insn.h"
#include "cpu/interrupt.h"
#include "lib/bytes.h"

bool cpu_init(struct cpu *c, uint32_t storage_bytes, struct error *err)
{
    memset(c, 0, sizeof *c);
    if (!storage_init(&c->storage, storage_bytes, err))
        return false;
    cpu_install_instructions(c);
    c->timer_enabled = true;
    cpu_clear_reset(c);
    return true;
}

void cpu_free(struct cpu *c)
{
    storage_free(&c->storage);
}

void cpu_set_io(struct cpu *c, const struct cpu_io_ops *io, void *context)
{
    c->io = io;
    c->io_context = context;
}

void cpu_tlb_purge(struct cpu *c)
{
    memset(c->tlb, 0, sizeof c->tlb);
    /* The run loop keeps the current instruction block's mapping in
     * registers: make it look the block up again. */
    cpu_request_attention(c);
}

void cpu_reset(struct cpu *c)
{
    c->sysmask = 0;
    c->key = 0;
    c->amwp = 0;
    c->cc = 0;
    c->progmask = 0;
    c->ilc = 0;
    c->ia = 0;
    c->cr[6] = 0;
    c->ec_mode = false;
    c->external_pending = 0;
    c->io_pending = false;
    c->stop_requested = false;
    c->checkstop = false;
    c->checkstop_reason[0] = '\0';
    c->exit_reason = CPU_EXIT_BUDGET;
    cpu_tlb_purge(c);
    cpu_psw_changed(c);
}

void cpu_clear_reset(struct cpu *c)
{
    memset(c->gpr, 0, sizeof c->gpr);
    memset(c->fpr, 0, sizeof c->fpr);
    memset(c->cr, 0, sizeof c->cr);
    storage_clear(&c->storage);
    cpu_reset(c);
}

void cpu_request_stop(struct cpu *c)
{
    c->stop_requested = true;
    cpu_request_attention(c);
}

bool cpu_load_psw_from(struct cpu *c, uint32_t address)
{
    if (!storage_contains(&c->storage, address, 8))
        return false;
    return cpu_load_psw(c, c->storage.bytes + address);
}

void cpu_set_trace(struct cpu *c, cpu_trace_hook hook, void *context)
{
    c->trace = hook;
    c->trace_context = context;
    cpu_request_attention(c);
}

/* Instruction length in bytes from the two high bits of the opcode. */
static const uint8_t length_of_format[4] = {2, 4, 4, 6};

/* The inner loop: fetch, advance, dispatch, until icount_stop. It is a
 * function of its own, apart from cpu_run's setjmp, so the compiler keeps
 * `c` and the counter in registers; everything an interruption needs is in
 * *c, so a longjmp out of a handler loses nothing. The `tracing` copy calls
 * the trace hook before each instruction. */
static inline __attribute__((always_inline)) void run_instructions(struct cpu *c, const bool tracing)
{
    uint64_t count = c->icount;
    while (count < c->icount_stop) {
        uint32_t ia = c->ia;
        const uint8_t *ip;
        struct cpu_tlb_entry *t = cpu_tlb_entry_for(c, ia);
        /* Fast path: the block is mapped for fetch and the longest
         * instruction fits in it. The odd-address bit is kept in the
         * compared value, so an odd address takes the slow path. */
        if (__builtin_expect(t->read_tag == ((ia & (TLB_BLOCK_MASK | 1u)) | c->tlb_ctx) &&
                                 (ia & ~TLB_BLOCK_MASK) <= (1u << CPU_TLB_PAGE_SHIFT) - 6,
                             1))
            ip = (const uint8_t *)(t->addend + ia);
        else
            ip = cpu_fetch_instruction(c, ia);
        uint8_t op = ip[0];
        unsigned length = length_of_format[op >> 6];
        if (tracing)
            c->trace(c, ia, ip, c->trace_context);
        c->ilc = (uint8_t)(length >> 1);
        c->ia = (ia + length) & c->amask;
        c->icount = ++count;
        c->op[op](c, ip);
    }
}

/* The run loop's instruction fetch when the address leaves the current
 * block: look the new block up in the TLB (loading it if needed) and
 * remember it; instructions that straddle a block end, odd addresses and
 * exceptions go through cpu_fetch_instruction. */
static const uint8_t *fetch_from_new_block(struct cpu *c, uint32_t ia, uint32_t *block_va,
                                           const uint8_t **block_host)
{
    struct cpu_tlb_entry *t = cpu_tlb_entry_for(c, ia);
    if (!(ia & 1) && (ia & ~TLB_BLOCK_MASK) <= (1u << CPU_TLB_PAGE_SHIFT) - 6) {
        if (t->read_tag != ((ia & TLB_BLOCK_MASK) | c->tlb_ctx))
            (void)cpu_fetch_instruction(c, ia); /* loads the TLB or raises */
        if (t->read_tag == ((ia & TLB_BLOCK_MASK) | c->tlb_ctx)) {
            *block_va = ia & TLB_BLOCK_MASK;
            *block_host = (const uint8_t *)(t->addend + *block_va);
            return *block_host + (ia - *block_va);
        }
    }
    return cpu_fetch_instruction(c, ia);
}

/* The fast loop is threaded: every opcode has its own copy of the
 * dispatch code (a label per opcode, each ending in its own indirect
 * jump), so the host's branch predictor learns which instruction follows
 * which, instead of guessing every target from one shared jump. Each copy
 * calls the handler registered in c->op, so the table stays the single
 * definition of the instruction set. (GCC's "labels as values".) */
static __attribute__((noinline)) void run_fast(struct cpu *c)
{
    static const void *const opcode_label[256] = {
        &&op_00, &&op_01, &&op_02, &&op_03, &&op_04, &&op_05, &&op_06, &&op_07,
        &&op_08, &&op_09, &&op_0A, &&op_0B, &&op_0C, &&op_0D, &&op_0E, &&op_0F,
        &&op_10, &&op_11, &&op_12, &&op_13, &&op_14, &&op_15, &&op_16, &&op_17,
        &&op_18, &&op_19, &&op_1A, &&op_1B, &&op_1C, &&op_1D, &&op_1E, &&op_1F,
        &&op_20, &&op_21, &&op_22, &&op_23, &&op_24, &&op_25, &&op_26, &&op_27,
        &&op_28, &&op_29, &&op_2A, &&op_2B, &&op_2C, &&op_2D, &&op_2E, &&op_2F,
        &&op_30, &&op_31, &&op_32, &&op_33, &&op_34, &&op_35, &&op_36, &&op_37,
        &&op_38, &&op_39, &&op_3A, &&op_3B, &&op_3C, &&op_3D, &&op_3E, &&op_3F,
        &&op_40, &&op_41, &&op_42, &&op_43, &&op_44, &&op_45, &&op_46, &&op_47,
        &&op_48, &&op_49, &&op_4A, &&op_4B, &&op_4C, &&op_4D, &&op_4E, &&op_4F,
        &&op_50, &&op_51, &&op_52, &&op_53, &&op_54, &&op_55, &&op_56, &&op_57,
        &&op_58, &&op_59, &&op_5A, &&op_5B, &&op_5C, &&op_5D, &&op_5E, &&op_5F,
        &&op_60, &&op_61, &&op_62, &&op_63, &&op_64, &&op_65, &&op_66, &&op_67,
        &&op_68, &&op_69, &&op_6A, &&op_6B, &&op_6C, &&op_6D, &&op_6E, &&op_6F,
        &&op_70, &&op_71, &&op_72, &&op_73, &&op_74, &&op_75, &&op_76, &&op_77,
        &&op_78, &&op_79, &&op_7A, &&op_7B, &&op_7C, &&op_7D, &&op_7E, &&op_7F,
        &&op_80, &&op_81, &&op_82, &&op_83, &&op_84, &&op_85, &&op_86, &&op_87,
        &&op_88, &&op_89, &&op_8A, &&op_8B, &&op_8C, &&op_8D, &&op_8E, &&op_8F,
        &&op_90, &&op_91, &&op_92, &&op_93, &&op_94, &&op_95, &&op_96, &&op_97,
        &&op_98, &&op_99, &&op_9A, &&op_9B, &&op_9C, &&op_9D, &&op_9E, &&op_9F,
        &&op_A0, &&op_A1, &&op_A2, &&op_A3, &&op_A4, &&op_A5, &&op_A6, &&op_A7,
        &&op_A8, &&op_A9, &&op_AA, &&op_AB, &&op_AC, &&op_AD, &&op_AE, &&op_AF,
        &&op_B0, &&op_B1, &&op_B2, &&op_B3, &&op_B4, &&op_B5, &&op_B6, &&op_B7,
        &&op_B8, &&op_B9, &&op_BA, &&op_BB, &&op_BC, &&op_BD, &&op_BE, &&op_BF,
        &&op_C0, &&op_C1, &&op_C2, &&op_C3, &&op_C4, &&op_C5, &&op_C6, &&op_C7,
        &&op_C8, &&op_C9, &&op_CA, &&op_CB, &&op_CC, &&op_CD, &&op_CE, &&op_CF,
        &&op_D0, &&op_D1, &&op_D2, &&op_D3, &&op_D4, &&op_D5, &&op_D6, &&op_D7,
        &&op_D8, &&op_D9, &&op_DA, &&op_DB, &&op_DC, &&op_DD, &&op_DE, &&op_DF,
        &&op_E0, &&op_E1, &&op_E2, &&op_E3, &&op_E4, &&op_E5, &&op_E6, &&op_E7,
        &&op_E8, &&op_E9, &&op_EA, &&op_EB, &&op_EC, &&op_ED, &&op_EE, &&op_EF,
        &&op_F0, &&op_F1, &&op_F2, &&op_F3, &&op_F4, &&op_F5, &&op_F6, &&op_F7,
        &&op_F8, &&op_F9, &&op_FA, &&op_FB, &&op_FC, &&op_FD, &&op_FE, &&op_FF,
    };
    uint64_t count = c->icount;
    const uint8_t *ip;
    uint32_t ia;
    /* The 2K block instructions are being fetched from, as the virtual
     * address of its start and its host address. Valid until the loop
     * returns: anything that changes the mapping (a TLB purge, a new key or
     * T bit) requests attention, which ends the loop first. Until the first
     * lookup the marker must make the first address's offset odd, so that
     * it takes the slow path whatever its parity (an odd marker alone let
     * an odd instruction address through to the NULL block). */
    uint32_t block_va = (c->ia & 1) ? 0 : 1;
    const uint8_t *block_host = NULL;

#define DISPATCH_NEXT()                                                                               \
    do {                                                                                              \
        if (__builtin_expect(count >= c->icount_stop, 0))                                             \
            return;                                                                                   \
        ia = c->ia;                                                                                   \
        /* In the block, even, and the longest instruction fits: the offset \
         * rotated right by one is at most 0x3FD (an odd offset rotates    \
         * its low bit to the top and fails). */                          \
        uint32_t offset = ia - block_va;                                                              \
        if (__builtin_expect(((offset >> 1) | (offset << 31)) <= 0x3FDu, 1)) {                        \
            ip = block_host + offset;                                                                 \
        } else {                                                                                      \
            ip = fetch_from_new_block(c, ia, &block_va, &block_host);                                 \
        }                                                                                             \
        c->icount = ++count;                                                                          \
        goto *opcode_label[ip[0]];                                                                    \
    } while (0)
/* Each opcode's copy knows its length (from the two high bits of the
 * opcode) as a constant, and so the ILC and the next address. */
#define OPCODE(hex)                                                                                   \
    op_##hex : c->ilc = (0x##hex < 0x40) ? 1 : (0x##hex < 0xC0) ? 2 : 3;                               \
    c->ia = (ia + ((0x##hex < 0x40) ? 2 : (0x##hex < 0xC0) ? 4 : 6)) & c->amask;                      \
    c->op[0x##hex](c, ip);                                                                            \
    DISPATCH_NEXT();

    DISPATCH_NEXT();
    OPCODE(00) OPCODE(01) OPCODE(02) OPCODE(03) OPCODE(04) OPCODE(05) OPCODE(06) OPCODE(07)
    OPCODE(08) OPCODE(09) OPCODE(0A) OPCODE(0B) OPCODE(0C) OPCODE(0D) OPCODE(0E) OPCODE(0F)
    OPCODE(10) OPCODE(11) OPCODE(12) OPCODE(13) OPCODE(14) OPCODE(15) OPCODE(16) OPCODE(17)
    OPCODE(18) OPCODE(19) OPCODE(1A) OPCODE(1B) OPCODE(1C) OPCODE(1D) OPCODE(1E) OPCODE(1F)
    OPCODE(20) OPCODE(21) OPCODE(22) OPCODE(23) OPCODE(24) OPCODE(25) OPCODE(26) OPCODE(27)
    OPCODE(28) OPCODE(29) OPCODE(2A) OPCODE(2B) OPCODE(2C) OPCODE(2D) OPCODE(2E) OPCODE(2F)
    OPCODE(30) OPCODE(31) OPCODE(32) OPCODE(33) OPCODE(34) OPCODE(35) OPCODE(36) OPCODE(37)
    OPCODE(38) OPCODE(39) OPCODE(3A) OPCODE(3B) OPCODE(3C) OPCODE(3D) OPCODE(3E) OPCODE(3F)
    OPCODE(40) OPCODE(41) OPCODE(42) OPCODE(43) OPCODE(44) OPCODE(45) OPCODE(46) OPCODE(47)
    OPCODE(48) OPCODE(49) OPCODE(4A) OPCODE(4B) OPCODE(4C) OPCODE(4D) OPCODE(4E) OPCODE(4F)
    OPCODE(50) OPCODE(51) OPCODE(52) OPCODE(53) OPCODE(54) OPCODE(55) OPCODE(56) OPCODE(57)
    OPCODE(58) OPCODE(59) OPCODE(5A) OPCODE(5B) OPCODE(5C) OPCODE(5D) OPCODE(5E) OPCODE(5F)
    OPCODE(60) OPCODE(61) OPCODE(62) OPCODE(63) OPCODE(64) OPCODE(65) OPCODE(66) OPCODE(67)
    OPCODE(68) OPCODE(69) OPCODE(6A) OPCODE(6B) OPCODE(6C) OPCODE(6D) OPCODE(6E) OPCODE(6F)
    OPCODE(70) OPCODE(71) OPCODE(72) OPCODE(73) OPCODE(74) OPCODE(75) OPCODE(76) OPCODE(77)
    OPCODE(78) OPCODE(79) OPCODE(7A) OPCODE(7B) OPCODE(7C) OPCODE(7D) OPCODE(7E) OPCODE(7F)
    OPCODE(80) OPCODE(81) OPCODE(82) OPCODE(83) OPCODE(84) OPCODE(85) OPCODE(86) OPCODE(87)
    OPCODE(88) OPCODE(89) OPCODE(8A) OPCODE(8B) OPCODE(8C) OPCODE(8D) OPCODE(8E) OPCODE(8F)
    OPCODE(90) OPCODE(91) OPCODE(92) OPCODE(93) OPCODE(94) OPCODE(95) OPCODE(96) OPCODE(97)
    OPCODE(98) OPCODE(99) OPCODE(9A) OPCODE(9B) OPCODE(9C) OPCODE(9D) OPCODE(9E) OPCODE(9F)
    OPCODE(A0) OPCODE(A1) OPCODE(A2) OPCODE(A3) OPCODE(A4) OPCODE(A5) OPCODE(A6) OPCODE(A7)
    OPCODE(A8) OPCODE(A9) OPCODE(AA) OPCODE(AB) OPCODE(AC) OPCODE(AD) OPCODE(AE) OPCODE(AF)
    OPCODE(B0) OPCODE(B1) OPCODE(B2) OPCODE(B3) OPCODE(B4) OPCODE(B5) OPCODE(B6) OPCODE(B7)
    OPCODE(B8) OPCODE(B9) OPCODE(BA) OPCODE(BB) OPCODE(BC) OPCODE(BD) OPCODE(BE) OPCODE(BF)
    OPCODE(C0) OPCODE(C1) OPCODE(C2) OPCODE(C3) OPCODE(C4) OPCODE(C5) OPCODE(C6) OPCODE(C7)
    OPCODE(C8) OPCODE(C9) OPCODE(CA) OPCODE(CB) OPCODE(CC) OPCODE(CD) OPCODE(CE) OPCODE(CF)
    OPCODE(D0) OPCODE(D1) OPCODE(D2) OPCODE(D3) OPCODE(D4) OPCODE(D5) OPCODE(D6) OPCODE(D7)
    OPCODE(D8) OPCODE(D9) OPCODE(DA) OPCODE(DB) OPCODE(DC) OPCODE(DD) OPCODE(DE) OPCODE(DF)
    OPCODE(E0) OPCODE(E1) OPCODE(E2) OPCODE(E3) OPCODE(E4) OPCODE(E5) OPCODE(E6) OPCODE(E7)
    OPCODE(E8) OPCODE(E9) OPCODE(EA) OPCODE(EB) OPCODE(EC) OPCODE(ED) OPCODE(EE) OPCODE(EF)
    OPCODE(F0) OPCODE(F1) OPCODE(F2) OPCODE(F3) OPCODE(F4) OPCODE(F5) OPCODE(F6) OPCODE(F7)
    OPCODE(F8) OPCODE(F9) OPCODE(FA) OPCODE(FB) OPCODE(FC) OPCODE(FD) OPCODE(FE) OPCODE(FF)
#undef OPCODE
#undef DISPATCH_NEXT
}

static __attribute__((noinline)) void run_traced(struct cpu *c)
{
    run_instructions(c, true);
}

enum cpu_exit cpu_run(struct cpu *c, uint64_t budget)
{
    c->run_stop = c->icount + budget;
    c->exit_reason = CPU_EXIT_BUDGET;
    c->attention = true;
    c->icount_stop = 0;
    if (c->checkstop)
        return CPU_EXIT_CHECKSTOP;
    /* Interruptions raised inside an instruction, interceptions and
     * check-stops come back here. */
    if (setjmp(c->unwind) != 0) {
        /* An EX subject that raised an interruption never got to clear
         * this. */
        c->executing_subject = NULL;
        if (c->exit_reason != CPU_EXIT_BUDGET)
            return c->exit_reason;
        cpu_request_attention(c);
    }
    for (;;) {
        if (c->attention) {
            c->attention = false;
            if (c->stop_requested)
                return CPU_EXIT_STOPPED;
            cpu_take_pending_interruptions(c);
            if (c->wait) {
                /* Stay attentive: the next cpu_run re-examines. */
                c->attention = true;
                return CPU_EXIT_WAIT;
            }
            c->icount_stop = c->run_stop;
        }
        if (c->icount >= c->run_stop)
            return CPU_EXIT_BUDGET;
        if (c->trace != NULL)
            run_traced(c);
        else
            run_fast(c);
    }
}
