"""FooBar alternately (LeetCode 1115), solved with one Condition.

The threads also share a "whose turn" variable.
"""

import threading

from _foobar import report


class FooBar:
    def __init__(self, n):
        self.n = n
        self.turn = "foo"
        self.cond = threading.Condition()

    def _take_turns(self, me, other, write):
        for _ in range(self.n):
            with self.cond:
                # sleeps, lock released, until our turn
                self.cond.wait_for(lambda: self.turn == me)
                write(me)
                self.turn = other
                # only one other thread waits, so notify() is enough
                self.cond.notify()

    def foo(self, write):
        self._take_turns("foo", "bar", write)

    def bar(self, write):
        self._take_turns("bar", "foo", write)


if __name__ == "__main__":
    report(FooBar)  # _foobar.py runs it on two threads and checks the output
