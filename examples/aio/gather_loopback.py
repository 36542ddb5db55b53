"""asyncio: 200 connections to a slow local server.

All of them wait at once, on one thread.
"""

# /// example
# timing_sensitive = true
# ///

import asyncio
import platform
import threading
import time

CLIENTS, DELAY = 200, 0.1


async def handle(reader, writer):
    line = await reader.readline()
    # stands in for a slow database or remote service
    await asyncio.sleep(DELAY)
    writer.write(line)  # echo the request back
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def client(port, i):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"request {i}\n".encode())
    await writer.drain()
    reply = await reader.readline()
    writer.close()
    await writer.wait_closed()
    return reply.decode().strip() == f"request {i}"


async def main():
    # Port 0: the OS picks a free port.
    # A large backlog accepts 200 connects at once.
    server = await asyncio.start_server(
        handle, "127.0.0.1", 0, backlog=CLIENTS
    )
    port = server.sockets[0].getsockname()[1]
    async with server:
        start = time.perf_counter()
        # gather() runs all 200 clients concurrently and waits for every one.
        replies = await asyncio.gather(
            *(client(port, i) for i in range(CLIENTS))
        )
        elapsed = time.perf_counter() - start
        threads = threading.active_count()
    return replies, elapsed, threads


if __name__ == "__main__":
    print(f"Python {platform.python_version()}")
    replies, elapsed, threads = asyncio.run(main())
    serial = CLIENTS * DELAY
    print(f"{CLIENTS} connections, each waiting {DELAY} s on the server")
    print(f"correct echoes       {sum(replies)} of {CLIENTS}")
    print(f"one at a time (est.) {serial:6.2f} s")
    print(
        f"asyncio.gather       {elapsed:6.2f} s   "
        f"speedup {serial / elapsed:5.1f}x"
    )
    print(f"threads in process   {threads}")
