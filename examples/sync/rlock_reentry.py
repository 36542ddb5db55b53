"""An RLock can be taken again by the thread that holds it.

A plain Lock blocks that thread.
"""

import threading


class Account:
    def __init__(self, lock):
        self._lock = lock
        self.balance = 100

    def deposit(self, amount, timeout):
        # acquire(timeout=) instead of `with`,
        # so the demo reports a block instead of hanging.
        if not self._lock.acquire(timeout=timeout):
            return False
        try:
            self.balance += amount
            return True
        finally:
            self._lock.release()

    def transfer_in(self, amount):
        # holds the lock, then calls a method that takes it again
        with self._lock:
            return self.deposit(amount, timeout=0.5)


if __name__ == "__main__":
    for name, lock in (
        ("RLock", threading.RLock()),
        ("Lock", threading.Lock()),
    ):
        account = Account(lock)
        ok = account.transfer_in(25)  # 100 + 25 if the inner acquire succeeded
        print(
            f"{name:5}: inner acquire(timeout=0.5) -> {ok}, "
            f"balance {account.balance}"
        )
