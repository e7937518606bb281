<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>roomgate::ErrorText</name>
    <message>
        <source>Done.</source>
        <translation>Done.</translation>
    </message>
    <message>
        <source>The server did not understand the request. Update the app or report the problem.</source>
        <translation>The server did not understand the request. Update the app or report the problem.</translation>
    </message>
    <message>
        <source>User names have 2 to 32 letters, digits or _ - . characters.</source>
        <translation>User names have 2 to 32 letters, digits or _ - . characters.</translation>
    </message>
    <message>
        <source>The password must have at least 8 characters.</source>
        <translation>The password must have at least 8 characters.</translation>
    </message>
    <message>
        <source>That user name is taken. Choose another one.</source>
        <translation>That user name is taken. Choose another one.</translation>
    </message>
    <message>
        <source>The user name or password is wrong.</source>
        <translation>The user name or password is wrong.</translation>
    </message>
    <message>
        <source>Your session has ended. Sign in again.</source>
        <translation>Your session has ended. Sign in again.</translation>
    </message>
    <message>
        <source>Room names have 1 to 64 letters, digits, spaces or _ - . characters.</source>
        <translation>Room names have 1 to 64 letters, digits, spaces or _ - . characters.</translation>
    </message>
    <message>
        <source>A room holds between 1 and 10000 people.</source>
        <translation>A room holds between 1 and 10000 people.</translation>
    </message>
    <message>
        <source>You may not enter this room: it is closed or you are banned from it.</source>
        <translation>You may not enter this room: it is closed or you are banned from it.</translation>
    </message>
    <message>
        <source>This room does not exist (any more). Choose another room.</source>
        <translation>This room does not exist (any more). Choose another room.</translation>
    </message>
    <message>
        <source>The seat reservation is no longer valid.</source>
        <translation>The seat reservation is no longer valid.</translation>
    </message>
    <message>
        <source>The server does not know this address. Update the app.</source>
        <translation>The server does not know this address. Update the app.</translation>
    </message>
    <message>
        <source>The server does not allow this request. Update the app.</source>
        <translation>The server does not allow this request. Update the app.</translation>
    </message>
    <message>
        <source>The room is full. Wait for a seat to free up or choose another room.</source>
        <translation>The room is full. Wait for a seat to free up or choose another room.</translation>
    </message>
    <message>
        <source>You are already in this room from another window or device.</source>
        <translation>You are already in this room from another window or device.</translation>
    </message>
    <message>
        <source>The request was too large for the server.</source>
        <translation>The request was too large for the server.</translation>
    </message>
    <message>
        <source>Too many requests. Wait a moment, then try again.</source>
        <translation>Too many requests. Wait a moment, then try again.</translation>
    </message>
    <message>
        <source>The server is busy or cannot reach its storage. Try again shortly.</source>
        <translation>The server is busy or cannot reach its storage. Try again shortly.</translation>
    </message>
    <message>
        <source>Something went wrong on the server. Try again; if it keeps happening, report it.</source>
        <translation>Something went wrong on the server. Try again; if it keeps happening, report it.</translation>
    </message>
    <message>
        <source>The entry ticket was not accepted. Enter the room again.</source>
        <translation>The entry ticket was not accepted. Enter the room again.</translation>
    </message>
    <message>
        <source>The connection was idle for too long.</source>
        <translation>The connection was idle for too long.</translation>
    </message>
    <message>
        <source>An administrator removed you from this room.</source>
        <translation>An administrator removed you from this room.</translation>
    </message>
    <message>
        <source>The seat reservation expired before the connection was made.</source>
        <translation>The seat reservation expired before the connection was made.</translation>
    </message>
    <message>
        <source>This entry ticket was already used.</source>
        <translation>This entry ticket was already used.</translation>
    </message>
    <message>
        <source>An administrator closed this room.</source>
        <translation>An administrator closed this room.</translation>
    </message>
    <message>
        <source>The message is too long. Shorten it and send it again.</source>
        <translation>The message is too long. Shorten it and send it again.</translation>
    </message>
    <message>
        <source>The server is restarting.</source>
        <translation>The server is restarting.</translation>
    </message>
    <message>
        <source>A room with this name already exists.</source>
        <translation>A room with this name already exists.</translation>
    </message>
    <message>
        <source>The room has more people or reservations than the new capacity.</source>
        <translation>The room has more people or reservations than the new capacity.</translation>
    </message>
    <message>
        <source>There is no such user here.</source>
        <translation>There is no such user here.</translation>
    </message>
    <message>
        <source>The connection could not keep up with the room. Entering again; messages you missed are in the history.</source>
        <translation>The connection could not keep up with the room. Entering again; messages you missed are in the history.</translation>
    </message>
</context>
</TS>
