#include "asm/problem.h"

#include <stdarg.h>
#include <stdio.h>

bool problem_set(struct asm_problem *p, size_t at, const char *fmt, ...)
{
    if (p == NULL)
        return false;
    p->at = at;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->message, sizeof p->message, fmt, ap);
    va_end(ap);
    return false;
}
