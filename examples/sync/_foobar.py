"""The harness the three FooBar examples share: run a solution on two threads, check it."""

import threading


def run(foobar_class, n):
    parts = []
    fb = foobar_class(n)
    threads = [
        threading.Thread(target=fb.bar, args=(parts.append,)),  # bar starts first on purpose
        threading.Thread(target=fb.foo, args=(parts.append,)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return "".join(parts)


def report(foobar_class):
    out = run(foobar_class, 4)
    print(f"n=4: {out}  correct = {out == 'foobar' * 4}")
    out = run(foobar_class, 10_000)  # a long run gives any ordering bug many chances to show
    print(f"n=10000: {len(out)} characters, correct = {out == 'foobar' * 10_000}")
