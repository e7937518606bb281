#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Puts a mixed, human-looking load on a running roomgate-server, for the dashboard
screenshots (scripts/dashboard-screenshots.sh): users reserve and claim seats, chat,
leave, let reservations expire, and run into refusals (full rooms, unknown rooms, bad
tickets). Needs Debian's python3-websockets.

Usage: dashboard-load.py HTTP_PORT SECONDS [USERS]
"""
import asyncio
import json
import random
import sys
import urllib.error
import urllib.request

import websockets

NAMES = ["민지", "서준", "지우", "하은", "도윤", "서연", "시우", "지민", "예준", "수아",
         "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy",
         "김철수", "이영희", "박지훈", "최유나", "정다은", "mallory", "oscar", "peggy", "trent",
         "victor", "윤서", "하준", "채원", "주원", "walter", "yuki", "zoe", "은우", "소율", "건우"]
ROOMS = [("라운지", 12), ("개발팀", 8), ("디자인 리뷰", 6), ("lobby", 16), ("support", 4),
         ("게임방", 5), ("공지사항", 10), ("qa-night", 3)]
LINES = ["안녕하세요!", "회의 몇 시에 시작해요?", "빌드 통과했어요 🎉", "hello there", "brb",
         "점심 뭐 먹을까요?", "PR 리뷰 부탁드려요", "lgtm", "오늘 배포 있나요?", "👍"]


def call(port, method, path, body=None, token=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.status, json.loads(reply.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")
    except (urllib.error.URLError, OSError, ValueError):
        return 0, {}  # slow or stopping server: the caller tries again later


async def http(port, method, path, body=None, token=None):
    return await asyncio.to_thread(call, port, method, path, body, token)


async def sign_in(port, name):
    credentials = {"username": name, "password": "password-" + name}
    await http(port, "POST", "/api/v1/accounts", credentials)
    status, session = await http(port, "POST", "/api/v1/sessions", credentials)
    return session.get("token") if status == 201 else None


async def drain(socket):
    """Reads (and drops) what the room sends, until the server closes the socket."""
    try:
        async for _ in socket:
            pass
    except websockets.exceptions.ConnectionClosed:
        pass  # kicked, room closed: the close code ends the visit


async def visit(port, token, deadline):
    room, capacity = random.choice(ROOMS)
    path = "/api/v1/rooms/" + urllib.request.quote(room) + "/entries"
    status, entry = await http(port, "POST", path, {"create": True, "capacity": capacity}, token)
    if status not in (200, 201):
        await asyncio.sleep(random.uniform(1, 3))  # refused (full room): try another later
        return
    if random.random() < 0.2:
        return  # never claimed: the reservation counts down and expires
    if random.random() < 0.1:  # changed their mind: the seat goes back at once
        await http(port, "DELETE", "/api/v1/entries/" + entry["ticket"], token=token)
        return
    await asyncio.sleep(random.uniform(0.2, 4))
    try:
        async with websockets.connect(entry["websocketUrl"]) as socket:
            reader = asyncio.create_task(drain(socket))
            loop = asyncio.get_running_loop()
            stay = loop.time() + random.uniform(8, 40)
            while loop.time() < min(stay, deadline) and not reader.done():
                await asyncio.sleep(random.uniform(1.5, 6))
                await socket.send(json.dumps({"type": "message", "text": random.choice(LINES)}))
            if random.random() < 0.7 and not reader.done():
                await socket.send(json.dumps({"type": "leave"}))
            reader.cancel()
    except (websockets.exceptions.WebSocketException, OSError):
        pass  # kicked, room closed, server stopping: next visit


async def user(port, name, deadline):
    token = await sign_in(port, name)
    if not token:
        return
    loop = asyncio.get_running_loop()
    while loop.time() < deadline:
        await visit(port, token, deadline)
        if random.random() < 0.15:  # refusals the dashboard counts by code
            await http(port, "POST", "/api/v1/rooms/nowhere/entries", {"create": False}, token)
        await asyncio.sleep(random.uniform(0.5, 3))


async def forged_tickets(port, deadline):
    # A claim with a ticket that was never issued: TICKET_INVALID (4401).
    loop = asyncio.get_running_loop()
    token = await sign_in(port, "probe")
    status, entry = await http(port, "POST", "/api/v1/rooms/lobby/entries", {"create": True},
                               token)
    if status not in (200, 201):
        return
    base = entry["websocketUrl"].split("?")[0]
    while loop.time() < deadline:
        try:
            async with websockets.connect(base + "?ticket=" + "A" * 43) as socket:
                await socket.recv()
        except (websockets.exceptions.WebSocketException, OSError):
            pass
        await asyncio.sleep(random.uniform(2, 6))


async def main():
    port = int(sys.argv[1])
    seconds = float(sys.argv[2])
    users = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    deadline = asyncio.get_running_loop().time() + seconds
    tasks = [user(port, name, deadline) for name in NAMES[:users]]
    tasks.append(forged_tickets(port, deadline))
    await asyncio.gather(*tasks)


if __name__ == "__main__":
    random.seed(4)
    asyncio.run(main())
