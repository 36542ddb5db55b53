"""FooBar alternately (LeetCode 1115) with one Condition and a shared "whose turn" variable."""

import threading


class FooBar:
    def __init__(self, n):
        self.n = n
        self.turn = "foo"
        self.cond = threading.Condition()

    def _take_turns(self, me, other, write):
        for _ in range(self.n):
            with self.cond:
                self.cond.wait_for(lambda: self.turn == me)  # sleeps, lock released, until our turn
                write(me)
                self.turn = other
                self.cond.notify()  # only one other thread waits, so notify() is enough

    def foo(self, write):
        self._take_turns("foo", "bar", write)

    def bar(self, write):
        self._take_turns("bar", "foo", write)


def run(n):
    parts = []
    fb = FooBar(n)
    threads = [
        threading.Thread(target=fb.bar, args=(parts.append,)),
        threading.Thread(target=fb.foo, args=(parts.append,)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return "".join(parts)


if __name__ == "__main__":
    out = run(4)
    print(f"n=4: {out}  correct = {out == 'foobar' * 4}")
    out = run(10_000)  # a long run gives any ordering bug many chances to show
    print(f"n=10000: {len(out)} characters, correct = {out == 'foobar' * 10_000}")
