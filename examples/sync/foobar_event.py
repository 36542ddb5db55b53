"""FooBar alternately (LeetCode 1115) with two Events.

Each thread waits for its own flag.
"""

import threading

from _foobar import report


class FooBar:
    def __init__(self, n):
        self.n = n
        self.foo_may_run = threading.Event()
        self.bar_may_run = threading.Event()
        self.foo_may_run.set()

    def foo(self, write):
        for _ in range(self.n):
            self.foo_may_run.wait()
            # clear our own flag *before* setting the other's
            self.foo_may_run.clear()
            write("foo")
            self.bar_may_run.set()

    def bar(self, write):
        for _ in range(self.n):
            self.bar_may_run.wait()
            self.bar_may_run.clear()
            write("bar")
            self.foo_may_run.set()


if __name__ == "__main__":
    report(FooBar)  # _foobar.py runs it on two threads and checks the output
