#!/bin/sh
# tui_progress.sh: long work draws a progress bar with the live loss and the
# time left; the screen stays responsive (a resize is drawn at once) and Esc
# cancels, keeping the model trained so far.
. "$top_srcdir/tests/tui_lib.sh"

tui_start "$LATENTLAB --lesson tui-sgd"
tui_wait "step 1/4"
tui_keys :
tui_type "generate users=3000 items=1500 ratings=300000 seed=3"
tui_keys Enter
tui_wait "result of your command"
tui_keys :
tui_type "train sgd k=64 lr=0.005 epochs=2000"
tui_keys Enter
tui_wait "Esc cancels"
tui_wait "loss "
tui_wait "left"
tmux_ resize-window -x 100 -y 30
tui_wait "Esc cancels"
tui_keys Escape
tui_wait "cancelled: the model keeps what it learned so far"
tui_wait_gone "Esc cancels"
tmux_ resize-window -x 120 -y 40
tui_wait "step 1/4"
exit 0
