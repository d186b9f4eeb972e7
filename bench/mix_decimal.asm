*---------------------------------------------------------------------*
*  BENCHMARK MIX: PACKED DECIMAL AND EDITING (COBOL/RPG-LIKE WORK)    *
*  13 INSTRUCTIONS A PASS; ENDS IN A DISABLED WAIT AT X'600D', OR AT  *
*  X'DEAD' IF A PROGRAM INTERRUPTION HAPPENS.                         *
*---------------------------------------------------------------------*
MIXDEC   START X'2000'
         BALR  12,0
         USING *,12
         MVC   X'68'(8),PGMNEW
         L     4,PASSES
LOOP     ZAP   PROD,P1
         MP    PROD,P7
         ZAP   QUOT,PROD
         DP    QUOT,P13
         AP    ACC,P1
         SP    ACC,P2
         CP    ACC,P1
         MVC   EDOUT,EDPAT
         ED    EDOUT,P1
         CVB   5,DW
         CVD   5,DW
         UNPK  ZONED,P1
         PACK  PK,ZONED
         BCT   4,LOOP
         LPSW  DONE
         DS    0D
DONE     DC    X'00020000',A(X'600D')
PGMNEW   DC    X'00020000',A(X'DEAD')
DW       DC    PL8'987654'
PROD     DC    PL8'0'
QUOT     DC    PL8'0'
ACC      DC    PL8'0'
PASSES   DC    F'10000000'
P1       DC    PL3'12345'
P2       DC    PL3'-678'
P7       DC    PL1'7'
P13      DC    PL2'13'
ZONED    DC    ZL5'0'
PK       DC    PL3'0'
EDPAT    DC    X'402020202120'
EDOUT    DS    CL6
         END   MIXDEC
