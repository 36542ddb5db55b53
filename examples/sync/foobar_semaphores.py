"""FooBar alternately (LeetCode 1115) with two semaphores that the threads pass back and forth."""

import threading


class FooBar:
    def __init__(self, n):
        self.n = n
        self.foo_turn = threading.Semaphore(1)  # foo may go first
        self.bar_turn = threading.Semaphore(0)  # bar must wait for foo

    def foo(self, write):
        for _ in range(self.n):
            self.foo_turn.acquire()
            write("foo")
            # Releasing a semaphore this thread never acquired: allowed, and it is the whole trick.
            self.bar_turn.release()

    def bar(self, write):
        for _ in range(self.n):
            self.bar_turn.acquire()
            write("bar")
            self.foo_turn.release()  # acquired by the foo thread, released by this one


def run(n):
    parts = []
    fb = FooBar(n)
    threads = [
        threading.Thread(target=fb.bar, args=(parts.append,)),  # bar starts first on purpose
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
