*---------------------------------------------------------------------*
*  BENCHMARK MIX: LINKAGE, LOOPS AND EXECUTE (SUPERVISOR-LIKE WORK)   *
*  DISABLED WAIT AT X'600D' (X'DEAD' ON A PROGRAM INTERRUPTION).      *
*---------------------------------------------------------------------*
MIXBR    START X'2000'
         BALR  12,0
         USING *,12
         MVC   X'68'(8),PGMNEW
         L     4,PASSES
LOOP     BAL   14,SUBR
         LM    6,9,REGS
         STM   6,9,SAVE
         LA    1,3
         EX    1,MOVE
         SR    7,7
         LA    8,1
         LA    9,4
INNER    BXLE  7,8,INNER
         BASR  14,15
         BCT   4,LOOP
         LPSW  DONE
SUBR     LA    15,LEAF
         BR    14
LEAF     BR    14
MOVE     MVC   SAVE(0),REGS
         DS    0D
DONE     DC    X'00020000',A(X'600D')
PGMNEW   DC    X'00020000',A(X'DEAD')
PASSES   DC    F'10000000'
REGS     DC    F'1,2,3,4'
SAVE     DS    4F
         END   MIXBR
