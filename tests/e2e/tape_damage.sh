#!/bin/sh
# Damaged tape images through the whole machine (issue 9: "A damaged tape
# image ... gives an error naming the file, the block number and the byte
# offset, the guest sees the unit check and sense a real drive gives for a
# data check, and vm67 does not crash").
#
# The guest is tests/e2e/programs/tape_damage.asm (assembled at build
# time). On each of four 2400s whose image has a good 80-byte block 1 and
# a damaged block 2, it reads block 1, reads block 2, senses, reads again
# and senses again, and punches what it got (condition codes, CSWs, sense
# bytes) on one card per unit. The damage:
#   0C1 trunc.tap    SIMH: block 2 announces 80 bytes, the file ends 40
#                    bytes later (a truncated record)
#   0C2 length.tap   SIMH: block 2's trailing length word says 81, its
#                    leading one 80 (a length word that does not match)
#   0C3 bad.het      HET: block 2 is marked zlib-compressed and is not a
#                    zlib stream (a block that does not inflate)
#   0C4 damaged.aws  AWS: block 2's header gives the block before it as 81
#                    bytes long, not 80
# What a 2803/2400 presents for a data check (devices/tape_2400.c, from
# the FE manual): channel end, device end and unit check, sense byte 0
# X'08' (data check), byte 1 X'42' (TU status A, file protected: no ring),
# byte 3 X'C0' (VRC and LRC). Nothing of the bad block is transferred
# (residual count 80). After the SIMH and AWS damage the drive cannot find
# the next block either, so the next read is a data check again; the HET
# block's extent is known, so the next read passes it and finds the tape
# mark (unit exception).
. "$VM67_SRCDIR/tests/e2e/lib.sh"
e2e_scratch
deck="$VM67_BUILDDIR/tests/e2e/programs/tape_damage.ipl"
[ -f "$deck" ] || e2e_fail "$deck was not built (VM67_ASM_IPL_DECKS in tests/e2e/local.mk)"
cd "$E2E_TMP" || exit 1

# fill N OCTAL: N bytes of one value.
fill() { head -c "$1" /dev/zero | tr '\0' "\\$2"; }
# SIMH length word 80 (X'50'), block 1: 80 bytes of X'C1'.
{ printf '\120\000\000\000'; fill 80 301; printf '\120\000\000\000'
  printf '\120\000\000\000'; fill 40 302; } > trunc.tap
{ printf '\120\000\000\000'; fill 80 301; printf '\120\000\000\000'
  printf '\120\000\000\000'; fill 80 302; printf '\121\000\000\000'
  printf '\000\000\000\000'; } > length.tap
# AWS/HET headers: this chunk's length, the previous one's (little-endian
# halfwords), flags X'A0' (begin and end of block; X'A1': zlib too),
# X'40' tape mark.
{ printf '\120\000\000\000\240\000'; fill 80 301
  printf '\024\000\120\000\241\000'; fill 20 377
  printf '\000\000\024\000\100\000'; } > bad.het
{ printf '\120\000\000\000\240\000'; fill 80 301
  printf '\120\000\121\000\240\000'; fill 80 302
  printf '\000\000\120\000\100\000'; } > damaged.aws

cat > damage.cnf <<CNF
MAINSIZE 64K
000C 2540R $deck ebcdic eof
000D 2540P cards.pch
00C1 2400 trunc.tap ro
00C2 2400 length.tap ro
00C3 2400 bad.het ro
00C4 2400 damaged.aws ro
CNF
"$VM67" run damage.cnf --ipl 00C --batch < /dev/null > stdout.txt 2> stderr.txt ||
    e2e_fail "vm67 run exited $?: $(cat stderr.txt)"
printf 'disabled wait PSW=00020000 0000600D\n' > want.stdout
e2e_same want.stdout stdout.txt "standard output"

# One card per unit, in hex. Each I/O: the START I/O condition code, then
# the CSW: key 0, CCW address + 8 (read CCW at X'4E8', sense at X'4F0'),
# unit status, channel status, residual count.
#   read 1:  0 | 00 0004F0 0C 00 0000   CE DE, 80 bytes read
#   read 2:  0 | 00 0004F0 0E 00 0050   CE DE UC, nothing transferred
#   sense:   0 | 00 0004F8 0C 00 0000   then 08 42 00 C0 00 00
#   read 3:  as read 2 (SIMH, AWS); 0D 00 0050: CE DE UE, the tape
#            mark after the bad HET block
#   sense:   08 42 00 C0 00 00 (after the data check), 00 42 00 00 00 00
#            (after the tape mark: TU status A, file protected)
ok_read='00 00 00 04 f0 0c 00 00 00'
bad_read='00 00 00 04 f0 0e 00 00 50'
sense_ccw='00 00 00 04 f8 0c 00 00 00'
data_check='08 42 00 c0 00 00'
tape_mark='00 00 00 04 f0 0d 00 00 50'
no_sense='00 42 00 00 00 00'
blanks=$(printf ' 40%.0s' $(seq 21))
{
    echo "00 c1 $ok_read $bad_read $sense_ccw $data_check $bad_read $sense_ccw $data_check$blanks"
    echo "00 c2 $ok_read $bad_read $sense_ccw $data_check $bad_read $sense_ccw $data_check$blanks"
    echo "00 c3 $ok_read $bad_read $sense_ccw $data_check $tape_mark $sense_ccw $no_sense$blanks"
    echo "00 c4 $ok_read $bad_read $sense_ccw $data_check $bad_read $sense_ccw $data_check$blanks"
} > want.cards
od -An -v -tx1 -w80 cards.pch | sed 's/^ //' > got.cards
e2e_same want.cards got.cards "the CSWs and sense bytes the guest punched"

# The messages: file, block number and byte offset; once per unit.
cat > want.stderr <<'ERR'
vm67: tape 0C1: trunc.tap: block 2 at offset 88: truncated record: 80 data bytes announced, 40 bytes left in the file
vm67: tape 0C2: length.tap: block 2 at offset 88: length words do not match: 80 at the start, 0x00000051 at offset 172
vm67: tape 0C3: bad.het: block 2 at offset 86: HET block does not inflate: incorrect header check
vm67: tape 0C4: damaged.aws: block 2 at offset 86: header's previous-length field is 81, the chunk before is 80 bytes
ERR
e2e_same want.stderr stderr.txt "the messages on standard error"
exit 0
