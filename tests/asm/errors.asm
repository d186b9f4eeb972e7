* ERRORS: a source with one error of each kind the CLI test looks for.
ERR      CSECT
         USING ERR,12
         L     1,UNDEFINED
         MVCL  2,4
         LR    1,99
         DC    F'12X'
         END
