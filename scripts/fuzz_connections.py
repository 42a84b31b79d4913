#!/usr/bin/env python3
"""Slow and idle connections against a running koers, alongside scripts/fuzz's schemathesis run.

While it runs, it keeps open (replacing each one the server closes):
  - slow connections that send their request headers a byte at a time (slowloris),
  - slow uploads that send their headers at once and then their body a byte at a time,
  - silent connections that connect and send nothing,
  - kept-alive connections that send one request, read the answer and then stay idle,
and once a second it asks /healthz on a fresh connection. On SIGTERM or SIGINT it stops and
checks what koers promises: every one of those connections was closed by the server within the
header timeout (plus a margin), and every probe was answered 200 within 2 s. Then it opens more
connections than --max-connections at once: the ones over the cap must be answered 503 with
Retry-After, and once they are closed /healthz must answer again.

    fuzz_connections.py PORT HEADER_TIMEOUT_SECS MAX_CONNECTIONS

Exits 1 with the reasons when a promise was broken.
"""

import signal
import socket
import sys
import threading
import time

PORT = int(sys.argv[1])
HEADER_TIMEOUT = float(sys.argv[2])
MAX_CONNECTIONS = int(sys.argv[3])
MARGIN = 3.0  # seconds on top of the header timeout before a connection counts as held
EACH = 10  # connections of each kind kept open at once

stop = threading.Event()
lock = threading.Lock()
lifetimes = {"slow": [], "slow_body": [], "silent": [], "kept_alive": []}
held = []  # (kind, seconds) of connections the server did not close in time
probes = []  # (ok, seconds)


def connect():
    return socket.create_connection(("127.0.0.1", PORT), timeout=HEADER_TIMEOUT + MARGIN)


def read_until_closed(sock, started, limit):
    """Wait for the server to close `sock`; return how long the connection lived, or None."""
    sock.settimeout(0.5)
    while time.monotonic() - started < limit and not stop.is_set():
        try:
            if not sock.recv(4096):
                return time.monotonic() - started
        except socket.timeout:
            continue
        except OSError:
            return time.monotonic() - started
    return None


def one(kind):
    started = time.monotonic()
    limit = HEADER_TIMEOUT + MARGIN
    try:
        sock = connect()
    except OSError:
        return
    with sock:
        if kind in ("slow", "slow_body"):
            if kind == "slow":
                request = b"GET /healthz HTTP/1.1\r\nHost: koers\r\nX-Slow: " + b"a" * 1000
            else:
                body = b'{"query": "{ __typename }"' + b" " * 1000 + b"}"
                sock.sendall(
                    b"POST /graphql HTTP/1.1\r\nHost: koers\r\nContent-Type: application/json\r\n"
                    + b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n")
                request = body
            sock.settimeout(0.5)
            for byte in request:
                if stop.is_set() or time.monotonic() - started > limit:
                    break
                try:
                    sock.sendall(bytes([byte]))
                    if not sock.recv(4096):  # closed (or answered 408) by the server
                        record(kind, time.monotonic() - started)
                        return
                except socket.timeout:
                    continue
                except OSError:
                    record(kind, time.monotonic() - started)
                    return
            lived = None if stop.is_set() else time.monotonic() - started
        elif kind == "silent":
            lived = read_until_closed(sock, started, limit)
        else:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: koers\r\n\r\n")
            answered = b""
            while b"\r\n\r\n" not in answered:
                chunk = sock.recv(4096)
                if not chunk:
                    return
                answered += chunk
            started = time.monotonic()  # idle from here
            lived = read_until_closed(sock, started, limit)
        if lived is not None:
            record(kind, lived)
        elif not stop.is_set():
            with lock:
                held.append((kind, time.monotonic() - started))


def record(kind, seconds):
    with lock:
        lifetimes[kind].append(seconds)


def keep(kind):
    while not stop.is_set():
        one(kind)


def probe():
    while not stop.is_set():
        started = time.monotonic()
        ok = False
        try:
            with socket.create_connection(("127.0.0.1", PORT), timeout=2) as sock:
                sock.settimeout(2)
                sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: koers\r\nConnection: close\r\n\r\n")
                answer = b""
                while chunk := sock.recv(4096):
                    answer += chunk
                ok = answer.startswith(b"HTTP/1.1 200")
        except OSError:
            ok = False
        with lock:
            probes.append((ok, time.monotonic() - started))
        stop.wait(1)


def over_the_cap():
    """Open MAX_CONNECTIONS + 20 connections; the ones past the cap must hear 503 and Retry-After."""
    socks, refused, problems = [], 0, []
    try:
        for _ in range(MAX_CONNECTIONS + 20):
            socks.append(connect())
        time.sleep(1)
        for sock in socks:
            sock.settimeout(0.05)
            try:
                answer = sock.recv(4096)
            except socket.timeout:
                continue
            if answer.startswith(b"HTTP/1.1 503") and b"retry-after:" in answer.lower():
                refused += 1
            elif answer:
                problems.append(f"a connection over the cap was answered {answer[:40]!r}")
        if refused < 20:
            problems.append(f"{refused} of the 20 connections over the cap were answered 503 with Retry-After")
    finally:
        for sock in socks:
            sock.close()
    time.sleep(0.5)
    try:
        with socket.create_connection(("127.0.0.1", PORT), timeout=3) as sock:
            sock.settimeout(3)
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: koers\r\nConnection: close\r\n\r\n")
            if not sock.recv(4096).startswith(b"HTTP/1.1 200"):
                problems.append("/healthz did not answer 200 after the connections over the cap closed")
    except OSError as err:
        problems.append(f"/healthz unreachable after the connections over the cap closed: {err}")
    return refused, problems


def main():
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    threads = [threading.Thread(target=keep, args=(kind,), daemon=True)
               for kind in lifetimes for _ in range(EACH)]
    threads.append(threading.Thread(target=probe, daemon=True))
    for thread in threads:
        thread.start()
    while not stop.is_set():
        stop.wait(1)
    for thread in threads:
        thread.join(timeout=HEADER_TIMEOUT + MARGIN + 2)

    problems = [f"a {kind} connection was still open after {seconds:.1f} s" for kind, seconds in held]
    for kind, seconds in lifetimes.items():
        longest = max(seconds, default=0)
        print(f"    {kind}: {len(seconds)} connections closed by koers, the longest after {longest:.1f} s")
        if not seconds:
            problems.append(f"no {kind} connection was ever closed by koers")
    failed = [seconds for ok, seconds in probes if not ok]
    slowest = max((seconds for _, seconds in probes), default=0)
    print(f"    /healthz: {len(probes)} probes meanwhile, {len(failed)} failed, the slowest {slowest:.2f} s")
    if failed or not probes:
        problems.append(f"{len(failed)} of {len(probes)} /healthz probes failed or took over 2 s")
    refused, cap_problems = over_the_cap()
    print(f"    over the cap of {MAX_CONNECTIONS}: {refused} connections answered 503 with Retry-After")
    problems += cap_problems
    for problem in problems:
        print(f"    FAIL: {problem}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
