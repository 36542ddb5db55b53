"""A task that waits on another task of the same full pool waits forever.

A timeout shows it.
"""

from concurrent.futures import ThreadPoolExecutor, TimeoutError


def square(n):
    return n * n


def outer(pool, n):
    # This task occupies the pool's only worker, so the inner task it submits
    # can never start while this one waits for it.
    inner = pool.submit(square, n)
    try:
        # without the timeout: a silent, permanent hang
        return inner.result(timeout=1)
    except TimeoutError:
        # Cancel the queued inner task, so the pool is free to shut down.
        return f"deadlock detected (inner task cancelled: {inner.cancel()})"


def outer_fixed(inner_pool, n):
    return inner_pool.submit(square, n).result(timeout=1)


if __name__ == "__main__":
    with ThreadPoolExecutor(max_workers=1) as pool:
        print(
            "same pool:      ", pool.submit(outer, pool, 7).result(timeout=10)
        )

    # Fix 1: inner tasks go to a separate pool, whose workers are never all
    # busy waiting on the outer pool.
    with (
        ThreadPoolExecutor(max_workers=1) as outer_pool,
        ThreadPoolExecutor(max_workers=1) as inner_pool,
    ):
        print(
            "separate pool:  ",
            outer_pool.submit(outer_fixed, inner_pool, 7).result(timeout=10),
        )

    # Fix 2: no task waits on another; the caller waits on all of them.
    with ThreadPoolExecutor(max_workers=1) as pool:
        squares = [pool.submit(square, n) for n in (7, 8)]
        print("caller waits:   ", [f.result(timeout=10) for f in squares])
