# Cubieboard2: no emulator; `ninja run` explains how to run it on the board.
set(BOARD_RUNNER none)
