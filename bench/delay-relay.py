#!/usr/bin/env python3
"""A TCP relay that holds every chunk for a fixed time in each direction: a network link with
latency, for benchmarks on a machine whose kernel has no netem qdisc (tc ... netem).

    bench/delay-relay.py LISTEN_HOST LISTEN_PORT TARGET_HOST TARGET_PORT ONE_WAY_MS

Each chunk read from one side is written to the other ONE_WAY_MS later, in order, so a round trip
costs twice that on top of loopback. asyncio's timers wake on whole milliseconds (epoll), so a
1 ms hold lasts between 1 and 2 ms; bench/apply.sh measures the round trip it really adds.
It prints "listening" on stdout once it accepts connections, and runs until it is killed.
"""
import asyncio
import sys


async def relay(reader, writer, hold):
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()

    async def deliver():
        while True:
            due, data = await queue.get()
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if not data:
                writer.close()
                return
            writer.write(data)
            await writer.drain()

    sender = asyncio.create_task(deliver())
    try:
        while True:
            data = await reader.read(65536)
            queue.put_nowait((loop.time() + hold, data))
            if not data:
                break
    except ConnectionError:
        queue.put_nowait((loop.time(), b""))
    await sender


async def main(listen_host, listen_port, target_host, target_port, hold):
    async def connect(client_reader, client_writer):
        try:
            server_reader, server_writer = await asyncio.open_connection(target_host, target_port)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(relay(client_reader, server_writer, hold), relay(server_reader, client_writer, hold),
                             return_exceptions=True)

    server = await asyncio.start_server(connect, listen_host, listen_port)
    print("listening", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    try:
        asyncio.run(main(sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), float(sys.argv[5]) / 1000))
    except ValueError:
        sys.exit("delay-relay.py: ports must be whole numbers and ONE_WAY_MS a number\n" + __doc__)
    except OSError as e:
        sys.exit(f"delay-relay.py: cannot listen on {sys.argv[1]}:{sys.argv[2]}: {e.strerror}; choose a free port")
