* MODULE: a relocatable module for the object deck test of the CLI.
MOD      CSECT
         ENTRY HELPER
         EXTRN OTHER
         BALR  12,0
         USING *,12
HELPER   L     1,=A(TABLE)
         L     2,=V(OTHER)
         BR    14
TABLE    DC    A(MOD,HELPER)
         END   MOD
