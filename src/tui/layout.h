/* layout.h: the old path of tui/draw/layout.h, kept only so that the unit test
 * (tests/test_layout.c, which includes "tui/layout.h") compiles unchanged. Code in
 * src/ includes tui/draw/layout.h. */
#include "tui/draw/layout.h"
