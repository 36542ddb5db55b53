"""The task of interpreter_pool_primes.py.

It lives in its own module so each interpreter can import it.
"""


def count_primes(limit):
    """Naive on purpose: pure Python bytecode from start to end."""
    return sum(
        all(n % d for d in range(2, int(n**0.5) + 1)) for n in range(2, limit)
    )
