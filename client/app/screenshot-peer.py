#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Other people for the client screenshots: fills a roomgate-server with rooms, members
and reservations, and lets "bob" answer in the Tea Room. Runs until killed.

Usage: screenshot-peer.py HTTP_PORT [ADMIN_USER]   (the admin's password in ROOMGATE_ADMIN_PASSWORD)
Needs python3-websockets (Debian). Prints "peer ready" once everything is in place.
"""
import asyncio
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

import websockets

PASSWORD = "correct horse"
# 64 characters each: the longest room names the protocol allows, in two scripts.
LONG_NAMES = ["W" * 64, "가나다라마바사아자차카타파하" * 4 + "가나다라마바사아"]
HTTP = f"http://127.0.0.1:{sys.argv[1]}"
ADMIN_USER = sys.argv[2] if len(sys.argv) > 2 else ""


def call(method, path, body=None, token=""):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(HTTP + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request) as reply:
            text = reply.read()
            return reply.status, json.loads(text) if text else {}
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def token_of(user):
    call("POST", "/api/v1/accounts", {"username": user, "password": PASSWORD})
    status, session = call("POST", "/api/v1/sessions", {"username": user, "password": PASSWORD})
    assert status == 201, (user, status, session)
    return session["token"]


def reserve(token, room, create=False, capacity=16):
    path = "/api/v1/rooms/" + urllib.parse.quote(room, safe="") + "/entries"
    return call("POST", path, {"create": create, "capacity": capacity}, token)


async def member(user, room, capacity, lines=(), answer=None):
    """Joins @room as @user, says @lines, and answers alice with @answer."""
    token = token_of(user)
    status, entry = reserve(token, room, True, capacity)
    assert status in (200, 201), (user, room, status, entry)
    async with websockets.connect(entry["websocketUrl"]) as socket:
        await socket.recv()  # joined
        for line in lines:
            await socket.send(json.dumps({"type": "message", "text": line}))
            await asyncio.sleep(0.3)
        async for frame in socket:
            message = json.loads(frame)
            if answer and message.get("type") == "message" and message.get("from") == "alice":
                await asyncio.sleep(1.0)
                await socket.send(json.dumps({"type": "message", "text": answer}))
                answer = None


async def holder(user, room, create=False, capacity=16):
    """Keeps a seat of @room reserved and never claims it (a repeat keeps the same ticket)."""
    token = token_of(user)
    while True:
        reserve(token, room, create, capacity)
        await asyncio.sleep(2)


async def main():
    if ADMIN_USER:
        password = os.environ["ROOMGATE_ADMIN_PASSWORD"]
        status, session = call("POST", "/api/v1/sessions",
                               {"username": ADMIN_USER, "password": password})
        assert status == 201, (status, session)
        admin = session["token"]
        call("POST", "/api/v1/admin/rooms", {"name": "Archive", "capacity": 8}, admin)
        call("PATCH", "/api/v1/admin/rooms/Archive", {"state": "closed"}, admin)
        # The longest valid names: they must not widen the window.
        for name in LONG_NAMES:
            call("POST", "/api/v1/admin/rooms", {"name": name, "capacity": 12}, admin)
    for user in ("지민", "dana", "서연", "ivy", "준호"):  # they sign in with the app
        token_of(user)
    tasks = [
        member("bob", "Tea Room", 8, ["Kettle's on.", "Anyone up for green tea?"],
               "Green tea it is. Pull up a chair, alice!"),
        member("carol", "Lobby", 16), member("dave", "Lobby", 16), member("erin", "Lobby", 16),
        member("carol", "Study hall", 4), member("dave", "Study hall", 4),
        member("erin", "Study hall", 4),
        member("carol", "Duet", 2), member("dave", "Duet", 2),  # full of members only
        member("하늘", "한국어 방", 10), member("민준", "한국어 방", 10),
        member("bob", LONG_NAMES[0], 12, ["Long names are elided in the middle."]),
        member("하늘", LONG_NAMES[1], 12, ["이름이 길어도 창은 그대로예요."]),
    ]
    running = [asyncio.create_task(t) for t in tasks]
    await asyncio.sleep(2)
    running += [asyncio.create_task(holder("frank", "Lobby")),
                asyncio.create_task(holder("gus", "Study hall")),
                asyncio.create_task(holder("frank", "New ideas", True, 6))]
    await asyncio.sleep(1)
    print("peer ready", flush=True)
    await asyncio.gather(*running)


asyncio.run(main())
