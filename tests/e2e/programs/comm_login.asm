*---------------------------------------------------------------------
* COMM_LOGIN: a stand-alone conversation with a 2741 on 2703 line 030.
*
* Enables the line and waits for a call, writes LOGIN:, reads the
* user's name, greets the user by name, then reads lines and writes
* each back until the user types "logoff" (lower case); writes
* "Goodbye.", disables the line and loads the disabled wait PSW
* 00020000 00000000. The program works in the 2741's own code (EBCD):
* what it writes back is the codes it read, less the EOA that opens a
* transmission, so it needs no translate tables.
*
* Any unexpected status loads a disabled wait PSW whose address says
* where: 00000E01 SIO not accepted, 00000E02 unexpected ending status
* (the CSW is at 40), 00000E03 interruption from another device.
*---------------------------------------------------------------------
COMM     START X'400'
BEGIN    BALR  12,0
         USING *,12
         MVC   X'78'(8),IONEW       I/O new PSW: to IOINT
         LA    2,CCWENAB            Enable: wait for the call
         BAL   14,DOIO
         LA    2,CCWLOGIN           LOGIN: and turn the line around
         BAL   14,DOIO
         LA    2,CCWREAD            read the name
         BAL   14,DOIO
         BAL   14,INPUT             R3 -> codes, R4 = their number
* The greeting: "Hello, " then the name as typed (its NL and EOT end
* the line and turn it around).
         BCTR  4,0
         EX    4,MOVENAME
         LA    4,1+HELLOLEN(4)
         STH   4,CCWGREET+6
         LA    2,CCWGREET
         BAL   14,DOIO
LOOP     LA    2,CCWREAD            read a line
         BAL   14,DOIO
         BAL   14,INPUT
         CH    4,=AL2(LOGOFFLN)
         BNE   ECHO
         CLC   0(LOGOFFLN,3),LOGOFF
         BE    BYE
ECHO     ST    3,WORD               write it back
         MVC   CCWECHO+1(3),WORD+1
         STH   4,CCWECHO+6
         LA    2,CCWECHO
         BAL   14,DOIO
         B     LOOP
BYE      LA    2,CCWBYE             Goodbye. then hang up
         BAL   14,DOIO
         LA    2,CCWDISAB
         BAL   14,DOIO
         LPSW  DONE
*
* INPUT: the codes the last Read stored, less a leading EOA.
INPUT    LA    3,INBUF
         LH    4,=AL2(INLEN)
         SH    4,X'46'              less the residual count
         CLI   0(3),X'16'           EOA?
         BNER  14
         LA    3,1(3)
         BCTR  4,0
         BR    14
*
* DOIO: runs the channel program at R2 on line 030 and waits for its
* ending interruption (channel end and device end, nothing else).
DOIO     ST    2,X'48'              CAW, key 0
         SIO   X'030'
         BC    7,SIOFAIL
         LPSW  WAITPSW
IOINT    CLC   X'3A'(2),=X'0030'    from line 030?
         BNE   OTHER
         CLI   X'44',X'0C'          channel end + device end
         BNE   BADEND
         CLI   X'45',X'00'          no channel status
         BNE   BADEND
         BR    14
SIOFAIL  LPSW  FAIL1
BADEND   LPSW  FAIL2
OTHER    LPSW  FAIL3
*
MOVENAME MVC   GREETING+HELLOLEN(0),0(3)
*
         DS    0D
IONEW    DC    X'00000000',A(IOINT)
WAITPSW  DC    X'80020000',A(0)     wait, enabled for channel 0
DONE     DC    X'00020000',A(0)
FAIL1    DC    X'00020000',A(X'E01')
FAIL2    DC    X'00020000',A(X'E02')
FAIL3    DC    X'00020000',A(X'E03')
WORD     DS    F
*
CCWENAB  CCW   X'27',0,X'20',1              Enable
CCWLOGIN CCW   X'01',LOGIN,X'20',LOGINLEN   Write
CCWREAD  CCW   X'02',INBUF,X'20',INLEN      Read
CCWGREET CCW   X'01',GREETING,X'20',0       Write (count set above)
CCWECHO  CCW   X'01',0,X'20',0              Write (address, count set)
CCWBYE   CCW   X'01',BYEMSG,X'20',BYELEN    Write
CCWDISAB CCW   X'2F',0,X'20',1              Disable
*
* 2741 EBCD codes: 1C upshift, 7C downshift, 5B new line, 1F EOT.
LOGIN    DC    X'1C464C6E734A085B1F'        LOGIN: NL EOT
LOGINLEN EQU   *-LOGIN
BYEMSG   DC    X'1C6E7C4C4C6864316B765B'    Goodbye. NL
BYELEN   EQU   *-BYEMSG
LOGOFF   DC    X'7C464C6E4C6D6D5B1F'        logoff NL EOT
LOGOFFLN EQU   *-LOGOFF
GREETING DC    X'1C707C6B46464C3701'        Hello,(space)
HELLOLEN EQU   *-GREETING
         DS    CL132
INBUF    DS    CL130
INLEN    EQU   *-INBUF
         LTORG
         END   BEGIN
