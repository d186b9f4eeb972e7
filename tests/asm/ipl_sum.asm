* IPL_SUM: a stand-alone test program written for vm67 asm. It sums
* the words 1 to 100 of TABLE, stores the sum in RESULT and ends in a
* disabled wait PSW at X'600D' if the sum is 5050, at X'0BAD' if not.
* The build assembles it into the IPL deck tests/asm/ipl_sum.ipl.
         COPY  REGS
SUM      START X'400'
         BALR  R12,0
         USING *,R12
         L     R3,=F'100'
         LA    R4,TABLE
         LA    R5,0
LOOP     A     R5,0(,R4)
         LA    R4,4(,R4)
         BCT   R3,LOOP
         ST    R5,RESULT
         LR    R6,R5
         A     R6,=F'-5050'   CC 0 if the sum is 5050
         BNZ   FAIL
         WAITPSW
FAIL     WAITPSW CODE=X'0BAD'
RESULT   DC    F'0'
         LTORG
         MACRO
&NAME    NUMBERS &FROM,&TO
         LCLA  &I
&NAME    DS    0F
&I       SETA  &FROM
.LOOP    AIF   (&I GT &TO).DONE
         DC    F'&I'
&I       SETA  &I+1
         AGO   .LOOP
.DONE    MEND
TABLE    NUMBERS 1,100
         END   SUM
