#ifndef JURYPLAN_CGLPK_SHIM_H
#define JURYPLAN_CGLPK_SHIM_H
#include <glpk.h>
#endif
