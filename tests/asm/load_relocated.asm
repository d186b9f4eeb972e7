* LOAD_RELOCATED: a relocatable program for vm67 run --load. Every
* address it uses comes from an address constant, a CCW or a USING, so
* it runs wherever the loader puts it: the RLD items relocate the I/O
* new PSW, the CAW and the CCW's data address. It types one line on the
* 1052 at X'01F' and ends in a disabled wait at X'600D'.
RELOC    CSECT
         BALR  12,0
         USING *,12
         MVC   X'78'(8),IONEW
         MVC   X'48'(4),CAW
         SIO   X'01F'
         BNZ   FAIL
         LPSW  WAITIO
IODONE   TM    X'44',X'0C'
         BNO   FAIL
         LPSW  DONE
FAIL     LPSW  BAD
         DS    0D
IONEW    DC    X'00000000',A(IODONE)
WAITIO   DC    X'80020000',A(0)
DONE     DC    X'00020000',A(X'600D')
BAD      DC    X'00020000',A(X'0BAD')
CAW      DC    A(WRITE)
WRITE    CCW   X'09',MSG,X'20',L'MSG
MSG      DC    C'LOADED AND RELOCATED'
         END   RELOC
