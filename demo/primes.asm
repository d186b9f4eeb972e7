*---------------------------------------------------------------------*
*  VM67 DEFAULT DEMO                                                  *
*                                                                     *
*  A STAND-ALONE PROGRAM, IPLED FROM CARDS. IT TYPES A GREETING ON    *
*  THE 1052 CONSOLE AT X'01F', FINDS THE PRIMES BELOW 1000 BY TRIAL   *
*  DIVISION (BINARY ARITHMETIC), TYPES THEM TEN TO A LINE (CVD AND    *
*  ED), ADDS THEM UP IN PACKED DECIMAL (AP) AND TYPES THE COUNT AND   *
*  THE SUM WITH COMMAS (ED), THEN LOADS A DISABLED WAIT PSW.          *
*                                                                     *
*  CONSOLE OUTPUT WAITS FOR EACH WRITE'S I/O INTERRUPTION IN AN       *
*  ENABLED WAIT STATE, AS A REAL SUPERVISOR WOULD.                    *
*---------------------------------------------------------------------*
DEMO     START X'2000'
         BALR  12,0
         USING *,12
         MVC   X'78'(8),IONEWPSW   I/O NEW PSW: RESUME AT IODONE
         LA    2,GREETING
         LA    3,L'GREETING
         BAL   14,TYPE
         LA    2,HEADING
         LA    3,L'HEADING
         BAL   14,TYPE
*
*        FIND THE PRIMES: R5 = CANDIDATE, R6 = TRIAL DIVISOR
*
         LA    5,2
         LA    10,LINE             R10 -> NEXT SLOT IN THE LINE
         LA    11,10               R11 = SLOTS LEFT IN THE LINE
NEXTN    LA    6,2
TRYDIV   LR    9,6                 D*D > N ?  THEN N IS PRIME
         MR    8,6
         CR    9,5
         BH    PRIME
         SR    8,8                 N MOD D = 0 ?  THEN NOT PRIME
         LR    9,5
         DR    8,6
         LTR   8,8
         BZ    NOTPRIME
         LA    6,1(6)
         B     TRYDIV
*
PRIME    CVD   5,DWORD
         AP    SUM,DWORD           SUM OF PRIMES, PACKED DECIMAL
         AP    COUNT,=P'1'
         MVC   0(6,10),NUMPAT
         ED    0(6,10),DWORD+5     FIVE DIGITS, LEADING ZEROS BLANK
         LA    10,6(10)
         BCT   11,NOTPRIME
         BAL   14,PUTLINE          TEN NUMBERS: TYPE THE LINE
NOTPRIME LA    5,1(5)
         C     5,LIMIT
         BL    NEXTN
         C     11,=F'10'           A PARTLY FILLED LAST LINE?
         BE    TOTALS
         BAL   14,PUTLINE
*
*        THE COUNT AND THE SUM
*
TOTALS   MVC   COUNTED,COUNTPAT
         ED    COUNTED,COUNT
         MVC   SUMMED,SUMPAT
         ED    SUMMED,SUM
         LA    2,RESULT
         LA    3,RESULTL
         BAL   14,TYPE
         LA    2,GOODBYE
         LA    3,L'GOODBYE
         BAL   14,TYPE
         LPSW  DONEPSW
*
*        PUTLINE: TYPE THE NUMBERS COLLECTED IN LINE, START A NEW ONE
*
PUTLINE  ST    14,SAVE14
         LR    3,10
         LA    2,LINE
         SR    3,2                 LENGTH = NEXT SLOT - START
         BAL   14,TYPE
         LA    10,LINE
         LA    11,10
         L     14,SAVE14
         BR    14
*
*        TYPE: WRITE R3 BYTES AT R2 ON THE CONSOLE (CCW X'09': WRITE
*        AND CARRIER RETURN), AND WAIT FOR CHANNEL END AND DEVICE END.
*
TYPE     ST    2,CCW               DATA ADDRESS IN BYTES 1-3
         MVI   CCW,X'09'           COMMAND
         MVI   CCW+4,X'20'         FLAGS: SLI
         STH   3,CCW+6             COUNT
         LA    1,CCW
         ST    1,X'48'             CAW: KEY 0, FIRST CCW
         SIO   X'01F'
         BC    7,IOERROR           NOT STARTED: STOP
TYPEWAIT LPSW  WAITPSW             ENABLED WAIT FOR THE INTERRUPTION
IODONE   CLC   X'3A'(2),=X'001F'   FROM THE CONSOLE?
         BNE   TYPEWAIT
         TM    X'44',X'F3'         ANY UNUSUAL UNIT STATUS?
         BNZ   IOERROR
         TM    X'45',X'FF'         ANY CHANNEL STATUS?
         BNZ   IOERROR
         TM    X'44',X'04'         DEVICE END?
         BZ    TYPEWAIT
         BR    14
IOERROR  LPSW  ERRPSW
*
         DS    0D
IONEWPSW DC    X'00000000',A(IODONE)
WAITPSW  DC    X'80020000',A(0)    CHANNEL 0 ENABLED, WAIT
DONEPSW  DC    X'00020000',A(0)    DISABLED WAIT: DEMO COMPLETE
ERRPSW   DC    X'00020000',A(X'EEEE')  DISABLED WAIT: I/O ERROR
CCW      DC    D'0'
DWORD    DC    D'0'
SAVE14   DC    F'0'
LIMIT    DC    F'1000'
SUM      DC    PL5'0'
COUNT    DC    PL3'0'
NUMPAT   DC    X'402020202120'
COUNTPAT DC    X'402020202120'
SUMPAT   DC    X'402020206B2020206B202120'
GREETING DC    C'VM67: IBM SYSTEM/360 MODEL 67, STAND-ALONE DEMO'
HEADING  DC    C'THE PRIMES BELOW 1000:'
LINE     DS    CL60
RESULT   DC    C'COUNT'
COUNTED  DS    CL6
         DC    C'   SUM'
SUMMED   DS    CL12
RESULTL  EQU   *-RESULT
GOODBYE  DC    C'DEMO COMPLETE.'
         LTORG
         END   DEMO
