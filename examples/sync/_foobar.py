"""The harness the three FooBar examples share.

It runs a solution on two threads and checks it.
"""

import threading


def run(foobar_class, n):
    parts = []
    fb = foobar_class(n)
    threads = [
        # bar starts first on purpose
        threading.Thread(target=fb.bar, args=(parts.append,)),
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
    # a long run gives any ordering bug many chances to show
    out = run(foobar_class, 10_000)
    print(
        f"n=10000: {len(out)} characters, correct = {out == 'foobar' * 10_000}"
    )
