"""I/O-bound work: 20 requests to a slow local HTTP server.

One at a time vs 10 threads.
"""

import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread


class SlowHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        time.sleep(0.1)  # stands in for a slow database or remote service
        body = b"hello"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep the output readable
        pass


class SlowServer(ThreadingHTTPServer):
    # The default backlog (5) can drop a burst of 10 connects;
    # each dropped one is retried by the OS after a whole second,
    # which would be measured as "slow threads".
    request_queue_size = 64


# No proxy, even if the environment sets one: this talks to 127.0.0.1 only.
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def fetch(url):
    with opener.open(url, timeout=10) as response:
        return len(response.read())


if __name__ == "__main__":
    server = SlowServer(("127.0.0.1", 0), SlowHandler)
    Thread(target=server.serve_forever, daemon=True).start()
    urls = [f"http://127.0.0.1:{server.server_port}/{i}" for i in range(20)]

    start = time.perf_counter()
    serial_bytes = sum(fetch(url) for url in urls)
    serial = time.perf_counter() - start

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=10) as pool:
        threaded_bytes = sum(pool.map(fetch, urls))
    threaded = time.perf_counter() - start

    server.shutdown()
    server.server_close()
    assert serial_bytes == threaded_bytes
    print(f"{len(urls)} requests, each waiting 0.1 s on the server")
    print(f"one at a time   {serial:5.2f} s")
    print(
        f"10 threads      {threaded:5.2f} s   "
        f"speedup {serial / threaded:4.1f}x"
    )
