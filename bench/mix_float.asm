*---------------------------------------------------------------------*
*  BENCHMARK MIX: HEXADECIMAL FLOATING POINT (FORTRAN-LIKE WORK)      *
*  13 INSTRUCTIONS A PASS; DISABLED WAIT AT X'600D' (X'DEAD' ON A     *
*  PROGRAM INTERRUPTION).                                             *
*---------------------------------------------------------------------*
MIXFLT   START X'2000'
         BALR  12,0
         USING *,12
         MVC   X'68'(8),PGMNEW
         L     4,PASSES
LOOP     LD    0,F1
         AD    0,F2
         MD    0,F3
         DD    0,F4
         STD   0,F5
         LE    2,E1
         AE    2,E2
         ME    2,E3
         DER   2,0
         CDR   2,0
         HDR   4,0
         LPDR  6,4
         BCT   4,LOOP
         LPSW  DONE
         DS    0D
DONE     DC    X'00020000',A(X'600D')
PGMNEW   DC    X'00020000',A(X'DEAD')
F1       DC    D'1.5'
F2       DC    D'2.25'
F3       DC    D'3.125'
F4       DC    D'0.75'
F5       DC    D'0'
E1       DC    E'10.5'
E2       DC    E'-0.25'
E3       DC    E'1.0E2'
PASSES   DC    F'10000000'
         END   MIXFLT
