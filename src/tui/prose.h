/* prose.h: the old path of tui/draw/prose.h, kept only so that the unit test
 * (tests/test_prose.c, which includes "tui/prose.h") compiles unchanged. Code in
 * src/ includes tui/draw/prose.h. */
#include "tui/draw/prose.h"
