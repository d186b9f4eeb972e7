* HELLO_CONSOLE: a stand-alone program, IPLed from cards, that types
* one line on the 1052 console at X'01F', waits for the write's I/O
* interruption in an enabled wait state, checks the device address and
* the channel end and device end status, and loads a disabled wait PSW
* at X'600D' (X'0BAD' if anything went wrong).
HELLO    START X'1000'
         BALR  12,0
         USING *,12
         MVC   X'78'(8),IONEW      I/O NEW PSW: GO ON AT IODONE
         MVC   X'48'(4),CAW        CAW: KEY 0, THE WRITE CCW
         SIO   X'01F'
         BNZ   FAIL                CONDITION CODE 0: STARTED
         LPSW  WAITIO              WAIT, ENABLED FOR CHANNEL 0
IODONE   CLC   X'3A'(2),=X'001F'   THE INTERRUPTING DEVICE
         BNE   FAIL
         TM    X'44',X'0C'         CHANNEL END AND DEVICE END
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
MSG      DC    C'HELLO FROM VM67 ASM'
         END   HELLO
