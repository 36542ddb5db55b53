"""threading.local gives each thread its own object.

Here, one session per worker thread.
"""

import itertools
import threading
import time
from concurrent.futures import ThreadPoolExecutor

_ids = itertools.count(1)


class Session:
    """Stands in for requests.Session or a database connection.

    Not safe to share.
    """

    def __init__(self):
        # next() on itertools.count is atomic under the GIL
        self.id = next(_ids)
        self.users = set()  # names of the threads that used this session

    def get(self, url):
        self.users.add(threading.current_thread().name)
        time.sleep(0.01)  # the network round trip
        return f"{url} via session {self.id}"


# one instance at module level; its attributes are per thread
local = threading.local()


def get_session():
    # The first call in each thread creates that thread's session;
    # later calls reuse it.
    if not hasattr(local, "session"):
        local.session = Session()
    return local.session


def fetch(url):
    session = get_session()
    session.get(url)
    return session


if __name__ == "__main__":
    # Simulated requests: nothing is sent, so any local address will do.
    urls = [f"http://127.0.0.1/page/{i}" for i in range(12)]
    with ThreadPoolExecutor(
        max_workers=3, thread_name_prefix="worker"
    ) as pool:
        sessions = list(pool.map(fetch, urls))
    distinct = {s.id: s for s in sessions}
    threads = set().union(*(s.users for s in distinct.values()))
    print(
        f"{len(urls)} requests, {len(threads)} worker threads, "
        f"{len(distinct)} sessions"
    )
    for session_id, session in sorted(distinct.items()):
        print(f"session {session_id} used by {len(session.users)} thread(s)")
