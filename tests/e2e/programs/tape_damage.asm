*---------------------------------------------------------------------
* TAPE_DAMAGE: what a program sees when it reads a damaged tape image.
*
* For each tape unit in UNITS (0C1-0C4, each with an image whose second
* block is damaged), the program:
*   1. reads block 1 (a good 80-byte block),
*   2. reads block 2 (the damaged one),
*   3. senses (6 bytes),
*   4. reads once more (the block after the damage),
*   5. senses again,
* each with its own START I/O (reads: a count of 80 and SLI), and
* punches one 80-byte card on the 2540 punch at 00D with what it got:
*   columns  1-2   the unit address
*   then for each I/O operation in turn, 9 bytes: the condition code of
*                  START I/O, then the 8-byte CSW of the ending status
*                  (the one START I/O stored, or the one the I/O
*                  interruption stored)
*   after operations 3 and 5, the 6 sense bytes they read
*   the rest       blanks (X'40')
* Then it loads the disabled wait PSW 00020000 0000600D. A START I/O
* that finds the unit busy or not operational (CC 2 or 3) is recorded
* and the operation skipped. Interruptions from other units (the IPL
* reader's) are ignored.
*---------------------------------------------------------------------
TAPEDMG  START X'400'
BEGIN    BALR  12,0
         USING *,12
         MVC   X'78'(8),IONEW       I/O new PSW: to IOINT
         LA    7,UNITS
NEXTUNIT LH    5,0(7)               R5: the unit
         LTR   5,5
         BZ    FINISH
         MVI   CARD,X'40'
         MVC   CARD+1(79),CARD
         STH   5,CARD
         LA    8,CARD+2             R8: where the next result goes
         LA    2,CCWREAD            1. block 1
         BAL   14,DOIO
         LA    2,CCWREAD            2. block 2, damaged
         BAL   14,DOIO
         LA    2,CCWSENSE           3. sense
         BAL   14,DOIO
         MVC   0(6,8),SENSE
         LA    8,6(8)
         LA    2,CCWREAD            4. the next block
         BAL   14,DOIO
         LA    2,CCWSENSE           5. sense
         BAL   14,DOIO
         MVC   0(6,8),SENSE
* Punch the card (its own results go to SCRATCH).
         LR    6,5
         LA    5,X'00D'
         LA    8,SCRATCH
         LA    2,CCWPUNCH
         BAL   14,DOIO
         LR    5,6
         LA    7,2(7)
         B     NEXTUNIT
FINISH   LPSW  DONE
*
* DOIO: START I/O of the CCW at R2 on unit R5; stores the condition
* code and the ending CSW at 0(R8) and advances R8 by 9.
DOIO     ST    2,X'48'              CAW, key 0
         XC    X'40'(8),X'40'       no CSW yet
         SIO   0(5)
         BC    8,CC0
         BC    4,CC1
         BC    2,CC2
         MVI   0(8),3
         B     STORED
CC2      MVI   0(8),2
         B     STORED
CC1      MVI   0(8),1               status at once: the CSW is stored
         B     STORED
CC0      MVI   0(8),0
         LPSW  WAITPSW              wait for the ending interruption
IOINT    CH    5,X'3A'              from this unit?
         BNE   CC0+4                no: wait again
STORED   MVC   1(8,8),X'40'
         LA    8,9(8)
         BR    14
*
         DS    0D
IONEW    DC    X'00000000',A(IOINT)
WAITPSW  DC    X'80020000',A(0)     wait, enabled for channel 0
DONE     DC    X'00020000',A(X'600D')
CCWREAD  CCW   X'02',BUFFER,X'20',80
CCWSENSE CCW   X'04',SENSE,X'00',6
CCWPUNCH CCW   X'01',CARD,X'00',80
UNITS    DC    X'00C100C200C300C4',H'0'
SENSE    DS    XL6
CARD     DS    CL80
SCRATCH  DS    CL9
BUFFER   DS    CL80
         END   BEGIN
