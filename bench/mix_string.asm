*---------------------------------------------------------------------*
*  BENCHMARK MIX: CHARACTER STRINGS (MOVE, COMPARE, TRANSLATE, SCAN)  *
*  12 INSTRUCTIONS A PASS; DISABLED WAIT AT X'600D' (X'DEAD' ON A     *
*  PROGRAM INTERRUPTION).                                             *
*---------------------------------------------------------------------*
MIXSTR   START X'2000'
         BALR  12,0
         USING *,12
         MVC   X'68'(8),PGMNEW
         L     4,PASSES
LOOP     MVC   BUF2,BUF1
         CLC   BUF2,BUF1
         TR    BUF2,IDENTITY
         TRT   BUF1,STOPTAB
         NC    BUF2(40),MASK
         OC    BUF2(40),MASK
         XC    BUF3,BUF3
         MVI   BUF3,C'*'
         MVC   BUF3+1(79),BUF3
         IC    5,BUF1
         STC   5,BUF3
         BCT   4,LOOP
         LPSW  DONE
         DS    0D
DONE     DC    X'00020000',A(X'600D')
PGMNEW   DC    X'00020000',A(X'DEAD')
PASSES   DC    F'10000000'
BUF1     DC    CL80'THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG.'
BUF2     DS    CL80
BUF3     DS    CL80
MASK     DC    40X'FF'
STOPTAB  DC    256X'00'
         ORG   STOPTAB+C'.'
         DC    X'01'
         ORG
IDENTITY DC    256AL1(*-IDENTITY)
         END   MIXSTR
