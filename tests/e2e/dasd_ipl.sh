#!/bin/sh
# A 2314 through the whole machine: `vm67 run` IPLs a stand-alone program
# from a 2314 image (Read IPL, then the IPL record's own CCW reads the
# program), the program reads a record with CMS's channel program (SEEK,
# SEARCH ID EQUAL, TIC *-8, READ DATA, NO-OP: S360-67.md §4.4), types it on
# the console, updates another record with WRITE DATA, reads it back and
# types it; after the run the update is in the image file and the image is
# sound.
set -eu
VM67=${VM67:?}
HELPER=${VM67_BUILDDIR:?}/tests/unit/devices/test_dasd_ipl_volume
work=$(mktemp -d "${TMPDIR:-/tmp}/vm67-dasd-ipl-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

cat > dasdipl.asm <<'EOF'
*        STAND-ALONE PROGRAM IPLED FROM A 2314 AT X'190'
DASDIPL  START X'2000'
         BALR  12,0
         USING *,12
         MVC   X'78'(8),IONEWPSW
         LA    2,HELLO
         LA    3,L'HELLO
         BAL   14,TYPE
         MVC   SEEKADR,ADDR13      CYLINDER 1 HEAD 3 RECORD 1
         MVI   RWCCW,X'06'         READ DATA
         BAL   14,DISKIO
         LA    2,BUFFER
         LA    3,80
         BAL   14,TYPE
         MVC   BUFFER,UPDATE       CYLINDER 1 HEAD 4 RECORD 1
         MVC   SEEKADR,ADDR14
         MVI   RWCCW,X'05'         WRITE DATA
         BAL   14,DISKIO
         MVI   BUFFER,C' '         CLEAR THE BUFFER, READ IT BACK
         MVC   BUFFER+1(79),BUFFER
         MVI   RWCCW,X'06'
         BAL   14,DISKIO
         LA    2,BUFFER
         LA    3,80
         BAL   14,TYPE
         LPSW  DONEPSW
*
*        DISKIO: RUN THE CHANNEL PROGRAM AT CCW1 ON X'190', WAIT FOR
*        ITS ENDING STATUS, WHICH MUST BE CHANNEL END AND DEVICE END.
*
DISKIO   LA    1,CCW1
         ST    1,X'48'
         SIO   X'190'
         BC    7,IOERROR
         MVC   DEVICE,=X'0190'
         B     WAIT
*
*        TYPE: WRITE R3 BYTES AT R2 ON THE CONSOLE AT X'01F'.
*
TYPE     ST    2,CONCCW
         MVI   CONCCW,X'09'
         MVI   CONCCW+4,X'20'
         STH   3,CONCCW+6
         LA    1,CONCCW
         ST    1,X'48'
         SIO   X'01F'
         BC    7,IOERROR
         MVC   DEVICE,=X'001F'
WAIT     LPSW  WAITPSW
IODONE   CLC   X'3A'(2),DEVICE
         BNE   WAIT
         TM    X'44',X'F3'         ANY UNUSUAL UNIT STATUS?
         BNZ   IOERROR
         TM    X'45',X'FF'         ANY CHANNEL STATUS?
         BNZ   IOERROR
         TM    X'44',X'04'         DEVICE END?
         BZ    WAIT
         BR    14
IOERROR  LPSW  ERRPSW
*
         DS    0D
CCW1     DC    X'07',AL3(SEEKADR),X'40',X'00',H'6'     SEEK
CCW2     DC    X'31',AL3(SEEKADR+2),X'40',X'00',H'5'   SEARCH ID EQUAL
         DC    X'08',AL3(CCW2),X'00',X'00',H'1'        TIC *-8
RWCCW    DC    X'06',AL3(BUFFER),X'60',X'00',H'80'     READ OR WRITE
         DC    X'03',AL3(0),X'20',X'00',H'1'           NO-OP
IONEWPSW DC    X'00000000',A(IODONE)
WAITPSW  DC    X'C0020000',A(0)    CHANNELS 0 AND 1 ENABLED, WAIT
DONEPSW  DC    X'00020000',A(0)
ERRPSW   DC    X'00020000',A(X'EEEE')
CONCCW   DC    D'0'
SEEKADR  DC    XL7'00'
ADDR13   DC    X'00000001000301'
ADDR14   DC    X'00000001000401'
DEVICE   DC    H'0'
HELLO    DC    C'IPLED FROM THE 2314 AT 190'
UPDATE   DC    CL80'RECORD 1 OF CYLINDER 1 HEAD 4, WRITTEN BY CCWS'
BUFFER   DS    CL80
         LTORG
         END   DASDIPL
EOF
"$VM67" asm --ipl --no-listing --core dasdipl.core -o dasdipl.ipl dasdipl.asm
"$VM67" dasd init -z disk.cckd 2314 IPLVOL 3
"$HELPER" disk.cckd dasdipl.core 2000 "RECORD 1 OF CYLINDER 1 HEAD 3, READ BY A CHANNEL PROGRAM"
printf '%s\n' 'MAINSIZE 64K' '001F 1052' '0190 2314 disk.cckd' > dasd.cnf
"$VM67" run dasd.cnf --ipl 190 --batch > out.txt
pad() { printf '%-80s\n' "$1"; }
{
    echo "IPLED FROM THE 2314 AT 190"
    pad "RECORD 1 OF CYLINDER 1 HEAD 3, READ BY A CHANNEL PROGRAM"
    pad "RECORD 1 OF CYLINDER 1 HEAD 4, WRITTEN BY CCWS"
    echo "disabled wait PSW=00020000 00000000"
} > expected.txt
diff -u expected.txt out.txt
"$VM67" dasd check disk.cckd
# The update outlived the run: read it from the image (converted to CKD,
# cylinder 1 head 4 is track 24; R1's data follows HA, R0 and R1's count).
"$VM67" dasd copy disk.cckd disk.ckd
offset=$((512 + 24 * 7680 + 5 + 16 + 8))
dd if=disk.ckd bs=1 skip=$offset count=30 2>/dev/null | od -An -tx1 | tr -d ' \n' > update.hex
# EBCDIC "RECORD 1 OF CYLINDER 1 HEAD 4,"
want=d9c5c3d6d9c440f140d6c640c3e8d3c9d5c4c5d940f140c8c5c1c440f46b
[ "$(cat update.hex)" = "$want" ] || { echo "the image holds $(cat update.hex), expected $want"; exit 1; }
echo "IPL from a 2314, read and update through channel programs: passed"
