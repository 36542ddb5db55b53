"""FooBar alternately (LeetCode 1115) with two semaphores.

The threads pass them back and forth.
"""

import threading

from _foobar import report


class FooBar:
    def __init__(self, n):
        self.n = n
        self.foo_turn = threading.Semaphore(1)  # foo may go first
        self.bar_turn = threading.Semaphore(0)  # bar must wait for foo

    def foo(self, write):
        for _ in range(self.n):
            self.foo_turn.acquire()
            write("foo")
            # Releasing a semaphore this thread never acquired:
            # allowed, and it is the whole trick.
            self.bar_turn.release()

    def bar(self, write):
        for _ in range(self.n):
            self.bar_turn.acquire()
            write("bar")
            # acquired by the foo thread, released by this one
            self.foo_turn.release()


if __name__ == "__main__":
    report(FooBar)  # _foobar.py runs it on two threads and checks the output
