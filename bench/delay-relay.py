#!/usr/bin/env python3
"""A TCP relay that holds every chunk for a fixed time in each direction: a network link with
latency, for benchmarks on a machine whose kernel has no netem qdisc (tc ... netem).

    bench/delay-relay.py LISTEN_HOST LISTEN_PORT TARGET_HOST TARGET_PORT ONE_WAY_MS

Each chunk read from one side is written to the other ONE_WAY_MS later, in order, so a round trip
costs twice that on top of loopback. asyncio's timers wake on whole milliseconds (epoll), so a
1 ms hold lasts between 1 and 2 ms; bench/apply.sh measures the round trip it really adds.
An end of stream is passed on the same way (a half-close stays a half-close), and a connection
closes once both directions have ended. LISTEN_PORT 0 takes a free port. Once it accepts
connections it prints "listening PORT" on stdout, and runs until it is killed.
"""
import asyncio
import sys


async def one_way(reader, writer, hold):
    """Copies reader to writer, each chunk `hold` seconds late, then passes on the end of stream."""
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()

    async def deliver():
        while True:
            due, data = await queue.get()
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if not data:
                if writer.can_write_eof():
                    writer.write_eof()
                return
            writer.write(data)
            await writer.drain()

    sender = asyncio.create_task(deliver())
    try:
        while data := await reader.read(65536):
            queue.put_nowait((loop.time() + hold, data))
    finally:
        # the end of stream, or a failed read: either way the other side learns that no more comes
        queue.put_nowait((loop.time() + hold, b""))
        await sender


async def main(listen_host, listen_port, target_host, target_port, hold):
    async def connect(client_reader, client_writer):
        try:
            server_reader, server_writer = await asyncio.open_connection(target_host, target_port)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(one_way(client_reader, server_writer, hold), one_way(server_reader, client_writer, hold),
                             return_exceptions=True)
        client_writer.close()
        server_writer.close()

    try:
        server = await asyncio.start_server(connect, listen_host, listen_port)
    except OSError as e:
        sys.exit(f"delay-relay.py: cannot listen on {listen_host}:{listen_port}: {e.strerror}; choose a free port")
    print("listening", server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        ports, one_way_ms = (int(sys.argv[2]), int(sys.argv[4])), float(sys.argv[5])
    except (IndexError, ValueError):
        sys.exit("delay-relay.py: give two hosts, two whole port numbers and a hold in ms\n" + __doc__)
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    asyncio.run(main(sys.argv[1], ports[0], sys.argv[3], ports[1], one_way_ms / 1000))
