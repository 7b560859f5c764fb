#!/bin/sh
# tui_prompt.sh: the ':' prompt runs lab commands inside the player (its
# result drawn in the scene pane), completes with Tab, recalls history, and
# shows errors on the status row.
. "$top_srcdir/tests/tui_lib.sh"

tui_start "$LATENTLAB --lesson tui-sgd; echo \"exit status \$?\""
tui_wait "step 1/4"
tui_keys g
tui_type 4
tui_keys Enter
tui_wait "step 4/4"

# Tab completes the command name; the result replaces the scene.
tui_keys :
tui_type "pred"
tui_keys Tab
tui_wait ":predict"
tui_type "Minsu Avengers"
tui_keys Enter
tui_wait "result of your command"
tui_wait "predicted"

# The cursor stands at the display width of the text before it: Hangul
# syllables take two columns each (":rate 민수" ends in column 10).
tui_keys :
tui_type "rate 민수"
tui_wait ":rate 민수"
tui_wait_cursor 10
tui_keys Left Left
tui_wait_cursor 6
tui_keys Escape
tui_wait_gone ":rate"

# A wrong command: the error on the status row, the session goes on.
tui_keys :
tui_type "frobnicate"
tui_keys Enter
tui_wait "frobnicate"
tui_wait "step 4/4"

# History: Up brings back the last command; Esc leaves the prompt.
tui_keys :
tui_keys Up
tui_wait ":frobnicate"
tui_keys Escape
tui_wait_gone ":frobnicate"

# A command ran, so quitting asks first.
tui_keys q
tui_wait "will be lost"
tui_keys n
tui_wait_gone "will be lost"
tui_keys q
tui_wait "will be lost"
tui_keys y
tui_wait "exit status 0"
exit 0
