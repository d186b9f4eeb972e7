*---------------------------------------------------------------------*
*  PRINTS THREE LINES ON THE 1403 AT X'00E' (WAITING FOR EACH LINE'S  *
*  INTERRUPTION), THEN LOOPS FOR EVER: A RUN THAT ONLY A SIGNAL ENDS. *
*---------------------------------------------------------------------*
LOOPER   START X'2000'
         BALR  12,0
         USING *,12
         MVC   X'78'(8),IONEW
         LA    5,3                 LINES TO PRINT
         LA    2,LINE1
NEXT     ST    2,CCW
         MVI   CCW,X'09'           WRITE, SPACE 1
         LA    1,CCW
         ST    1,X'48'
         SIO   X'00E'
         BC    7,STOP
         LPSW  WAITPSW
IODONE   TM    X'44',X'04'         DEVICE END?
         BZ    NEXTWAIT
         LA    2,L'LINE1(2)
         BCT   5,NEXT
FOREVER  B     FOREVER
NEXTWAIT LPSW  WAITPSW
STOP     LPSW  STOPPSW
         DS    0D
IONEW    DC    X'00000000',A(IODONE)
WAITPSW  DC    X'80020000',A(0)
STOPPSW  DC    X'00020000',A(X'EEEE')
CCW      DC    X'09',AL3(0),X'20',X'00',AL2(L'LINE1)
LINE1    DC    CL20'FIRST LINE'
         DC    CL20'SECOND LINE'
         DC    CL20'THIRD LINE'
         END   LOOPER
