"""FooBar alternately (LeetCode 1115) with two Events: each thread waits for its own flag."""

import threading


class FooBar:
    def __init__(self, n):
        self.n = n
        self.foo_may_run = threading.Event()
        self.bar_may_run = threading.Event()
        self.foo_may_run.set()

    def foo(self, write):
        for _ in range(self.n):
            self.foo_may_run.wait()
            self.foo_may_run.clear()  # clear our own flag *before* setting the other's
            write("foo")
            self.bar_may_run.set()

    def bar(self, write):
        for _ in range(self.n):
            self.bar_may_run.wait()
            self.bar_may_run.clear()
            write("bar")
            self.foo_may_run.set()


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
