/* Branching instructions (POO A22-6821 "Branching"; the 67's BAS and
 * BASR, S360-67.md §2.4) and EXECUTE.
 *
 * A branch only replaces the instruction address. An odd branch address
 * is not an exception of the branch: it is recognized when the next
 * instruction is fetched (POO "Sequential Operation Exceptions": "the odd
 * instruction address can occur only following branching or
 * status-switching operations"), see cpu_fetch_instruction. The branch
 * address is always computed before any register of the instruction is
 * changed, so BCT 1,0(1) or BALR 14,14 use the old contents. */
#include "cpu/insn.h"

/* The mask bit for the current condition code: 8, 4, 2, 1 for CC 0-3. */
static inline bool condition_selected(const struct cpu *c, unsigned mask)
{
    return (mask >> (3 - c->cc)) & 1;
}

static void insn_bc(struct cpu *c, const uint8_t *ip)
{
    if (condition_selected(c, insn_r1(ip)))
        c->ia = insn_rx_address(c, ip);
}

/* BCR with R2 = 0 never branches (BCR 15,0 is the customary no-op). */
static void insn_bcr(struct cpu *c, const uint8_t *ip)
{
    unsigned r2 = insn_r2(ip);
    if (r2 != 0 && condition_selected(c, insn_r1(ip)))
        c->ia = c->gpr[r2] & c->amask;
}

/* BAL/BALR link information: ILC, CC, program mask and the updated
 * instruction address, BC PSW bits 32-63 (S360-67.md §1.8). In the 67's
 * 32-bit mode the address alone. Under EXECUTE the ILC is that of the EX
 * (2) and the address the one after the EX. */
static inline uint32_t link_information(const struct cpu *c)
{
    if (c->amask == 0xFFFFFFFFu)
        return c->ia;
    return ((uint32_t)c->ilc << 30) | ((uint32_t)c->cc << 28) | ((uint32_t)c->progmask << 24) | c->ia;
}

static void insn_bal(struct cpu *c, const uint8_t *ip)
{
    uint32_t target = insn_rx_address(c, ip);
    c->gpr[insn_r1(ip)] = link_information(c);
    c->ia = target;
}

/* BALR with R2 = 0 links without branching. */
static void insn_balr(struct cpu *c, const uint8_t *ip)
{
    unsigned r2 = insn_r2(ip);
    uint32_t target = c->gpr[r2] & c->amask;
    c->gpr[insn_r1(ip)] = link_information(c);
    if (r2 != 0)
        c->ia = target;
}

/* BAS/BASR (67): the link is the plain address of the next instruction,
 * with bits 0-7 zero in 24-bit mode (S360-67.md §2.4). */
static void insn_bas(struct cpu *c, const uint8_t *ip)
{
    uint32_t target = insn_rx_address(c, ip);
    c->gpr[insn_r1(ip)] = c->ia;
    c->ia = target;
}

static void insn_basr(struct cpu *c, const uint8_t *ip)
{
    unsigned r2 = insn_r2(ip);
    uint32_t target = c->gpr[r2] & c->amask;
    c->gpr[insn_r1(ip)] = c->ia;
    if (r2 != 0)
        c->ia = target;
}

/* BCT: R1 is decremented (no overflow, no CC); the branch is taken when
 * the result is not zero. */
static void insn_bct(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = insn_r1(ip);
    uint32_t target = insn_rx_address(c, ip);
    if (--c->gpr[r1] != 0)
        c->ia = target;
}

/* BCTR with R2 = 0 decrements without branching. */
static void insn_bctr(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = insn_r1(ip), r2 = insn_r2(ip);
    uint32_t target = c->gpr[r2] & c->amask;
    if (--c->gpr[r1] != 0 && r2 != 0)
        c->ia = target;
}

/* BXH/BXLE: R3 is the increment; the comparand is the odd register of
 * the pair R3 designates (R3 itself when odd, else R3+1). Both are read
 * before the sum replaces R1, so R1 may be one of them. */
static inline int32_t index_sum(struct cpu *c, const uint8_t *ip, int32_t *comparand)
{
    unsigned r1 = insn_r1(ip), r3 = insn_r3(ip);
    uint32_t increment = c->gpr[r3];
    *comparand = (int32_t)c->gpr[r3 | 1];
    uint32_t sum = c->gpr[r1] + increment;
    c->gpr[r1] = sum;
    return (int32_t)sum;
}

static void insn_bxh(struct cpu *c, const uint8_t *ip)
{
    uint32_t target = insn_rs_address(c, ip);
    int32_t comparand;
    if (index_sum(c, ip, &comparand) > comparand)
        c->ia = target;
}

static void insn_bxle(struct cpu *c, const uint8_t *ip)
{
    uint32_t target = insn_rs_address(c, ip);
    int32_t comparand;
    if (index_sum(c, ip, &comparand) <= comparand)
        c->ia = target;
}

/* EX: the instruction at the second-operand address, with bits 8-15 ORed
 * with bits 24-31 of R1 (unless R1 is 0), is executed in place of EX
 * (POO "Execute"). It runs exactly as if fetched in sequence except that
 * the instruction address and ILC stay those of the EX: any interruption
 * it causes has ILC 2 and the address after the EX, an SVC under EX has
 * ILC 2, a successful branch replaces the address, and BAL links with
 * ILC 2 and the address after the EX. Neither R1 nor storage changes.
 * The target must be at an even address (specification exception), may
 * not be another EX (execute exception, code 3), and is fetched under the
 * same protection and addressing rules as an operand of the EX. */
static void insn_ex(struct cpu *c, const uint8_t *ip)
{
    uint32_t target = insn_rx_address(c, ip);
    if (target & 1)
        cpu_program_interrupt(c, PIC_SPECIFICATION);
    struct cpu_span span;
    cpu_span_access(c, target, 2, CPU_ACCESS_FETCH, &span);
    uint8_t subject[6];
    subject[0] = *cpu_span_byte(&span, 0);
    subject[1] = *cpu_span_byte(&span, 1);
    unsigned length = subject[0] < 0x40 ? 2 : subject[0] < 0xC0 ? 4 : 6;
    if (length > 2) {
        cpu_span_access(c, (target + 2) & c->amask, length - 2, CPU_ACCESS_FETCH, &span);
        for (unsigned i = 0; i < length - 2; i++)
            subject[2 + i] = *cpu_span_byte(&span, i);
    }
    unsigned r1 = insn_r1(ip);
    if (r1 != 0)
        subject[1] |= (uint8_t)c->gpr[r1];
    if (subject[0] == 0x44)
        cpu_program_interrupt(c, PIC_EXECUTE);
    c->executing_subject = subject;
    c->op[subject[0]](c, subject);
    c->executing_subject = NULL;
}

void insn_register_branch(cpu_insn_handler t[256])
{
    t[0x05] = insn_balr;
    t[0x06] = insn_bctr;
    t[0x07] = insn_bcr;
    t[0x0D] = insn_basr;
    t[0x44] = insn_ex;
    t[0x45] = insn_bal;
    t[0x46] = insn_bct;
    t[0x47] = insn_bc;
    t[0x4D] = insn_bas;
    t[0x86] = insn_bxh;
    t[0x87] = insn_bxle;
}
