"""A Condition lets threads sleep until shared state satisfies a predicate."""

import threading
import time

ready = []  # shared state, only touched while holding the condition's lock
cond = threading.Condition()


def cook(n):
    for i in range(n):
        time.sleep(0.01)  # preparing the next dish
        with cond:
            ready.append(f"dish {i}")
            cond.notify_all()  # wake waiters; each re-checks its own predicate


def waiter(name, wanted, results):
    with cond:
        # wait_for() releases the lock while sleeping and re-checks the
        # predicate after each wake-up, so a wake-up that comes too early
        # (or spuriously) is harmless.
        ok = cond.wait_for(lambda: len(ready) >= wanted, timeout=2)
        results.append(
            f"{name}: wanted {wanted} dishes, got {len(ready)} -> {ok}"
        )


if __name__ == "__main__":
    results = []
    waiters = [
        threading.Thread(target=waiter, args=(f"waiter-{w}", w, results))
        for w in (1, 3, 5)
    ]
    for t in waiters:
        t.start()
    cook(5)
    for t in waiters:
        t.join()
    for line in results:
        print(line)
    # Nobody cooks any more: the predicate never becomes true,
    # wait_for times out.
    with cond:
        ok = cond.wait_for(lambda: len(ready) >= 6, timeout=0.2)
        print(f"wait_for 6 dishes with timeout=0.2 -> {ok}")
