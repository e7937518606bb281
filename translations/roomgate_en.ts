<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>main</name>
    <message>
        <source>Unknown language &quot;%1&quot;: use one of %2.</source>
        <translation>Unknown language &quot;%1&quot;: use one of %2.</translation>
    </message>
    <message>
        <source>Roomgate chat client.</source>
        <translation>Roomgate chat client.</translation>
    </message>
    <message>
        <source>User interface language: ko or en (default: the system&apos;s).</source>
        <translation>User interface language: ko or en (default: the system&apos;s).</translation>
    </message>
    <message>
        <source>Server address (default: the last one used, else http://127.0.0.1:8080).</source>
        <translation>Server address (default: the last one used, else http://127.0.0.1:8080).</translation>
    </message>
    <message>
        <source>User name to fill in (default: the last one used).</source>
        <translation>User name to fill in (default: the last one used).</translation>
    </message>
    <message>
        <source>Enter this room after signing in (repeatable).</source>
        <translation>Enter this room after signing in (repeatable).</translation>
    </message>
    <message>
        <source>Keep the session token in memory only, without asking the system keychain.</source>
        <translation>Keep the session token in memory only, without asking the system keychain.</translation>
    </message>
    <message>
        <source>Not a server address: %1</source>
        <translation>Not a server address: %1</translation>
    </message>
</context>
<context>
    <name>roomgate::client::ApiClient</name>
    <message>
        <source>The server did not answer in time.</source>
        <translation>The server did not answer in time.</translation>
    </message>
    <message>
        <source>The server gave an unexpected answer (HTTP %1).</source>
        <translation>The server gave an unexpected answer (HTTP %1).</translation>
    </message>
</context>
<context>
    <name>roomgate::client::CertificateCheck</name>
    <message>
        <source>The chat server at %1 uses a certificate that this computer cannot verify and that you have not trusted for this server, so the connection was refused.</source>
        <translation>The chat server at %1 uses a certificate that this computer cannot verify and that you have not trusted for this server, so the connection was refused.</translation>
    </message>
    <message>
        <source>The server at %1 uses a certificate that this computer cannot verify, and you have not trusted it. Nothing was sent to it.</source>
        <translation>The server at %1 uses a certificate that this computer cannot verify, and you have not trusted it. Nothing was sent to it.</translation>
    </message>
    <message>
        <source>The identity of the server at %1 has changed: it presented a different certificate from the one you trusted. Someone may be intercepting the connection, so nothing was sent. Ask the server&apos;s administrator whether the certificate was replaced; if it was, choose “Forget trusted certificate” and sign in again.</source>
        <translation>The identity of the server at %1 has changed: it presented a different certificate from the one you trusted. Someone may be intercepting the connection, so nothing was sent. Ask the server&apos;s administrator whether the certificate was replaced; if it was, choose “Forget trusted certificate” and sign in again.</translation>
    </message>
    <message>
        <source>The identity of the server at %1 has changed: it presented a different certificate from the one you trusted. Someone may be intercepting the connection, so nothing was sent. Ask the server&apos;s administrator whether the certificate was replaced; if it was, sign out, choose “Forget trusted certificate” in the sign-in window and sign in again.</source>
        <translation>The identity of the server at %1 has changed: it presented a different certificate from the one you trusted. Someone may be intercepting the connection, so nothing was sent. Ask the server&apos;s administrator whether the certificate was replaced; if it was, sign out, choose “Forget trusted certificate” in the sign-in window and sign in again.</translation>
    </message>
    <message>
        <source>The identity of the chat server at %1 has changed: it presented a different certificate from the one you trusted for this server. Someone may be intercepting the connection. Ask the server&apos;s administrator whether the certificate was replaced; if it was, sign out, choose “Forget trusted certificate” in the sign-in window and sign in again.</source>
        <translation>The identity of the chat server at %1 has changed: it presented a different certificate from the one you trusted for this server. Someone may be intercepting the connection. Ask the server&apos;s administrator whether the certificate was replaced; if it was, sign out, choose “Forget trusted certificate” in the sign-in window and sign in again.</translation>
    </message>
    <message>
        <source>Certificate fingerprint (SHA-256):
%1</source>
        <translation>Certificate fingerprint (SHA-256):
%1</translation>
    </message>
    <message>
        <source>Presented now (SHA-256):
%1
Trusted before:
%2</source>
        <translation>Presented now (SHA-256):
%1
Trusted before:
%2</translation>
    </message>
</context>
<context>
    <name>roomgate::client::LocalError</name>
    <message>
        <source>The connection to the chat server at %1 broke. Check your connection.</source>
        <translation>The connection to the chat server at %1 broke. Check your connection.</translation>
    </message>
    <message>
        <source>The connection to the server at %1 broke before it answered. Check your connection.</source>
        <translation>The connection to the server at %1 broke before it answered. Check your connection.</translation>
    </message>
    <message>
        <source>Could not reach the server at %1 — check the address and your connection.</source>
        <translation>Could not reach the server at %1 — check the address and your connection.</translation>
    </message>
    <message>
        <source>Could not reach the server at %1 to load the rooms — check your connection.</source>
        <translation>Could not reach the server at %1 to load the rooms — check your connection.</translation>
    </message>
    <message>
        <source>Could not reach the server at %1 to reserve a seat — check your connection.</source>
        <translation>Could not reach the server at %1 to reserve a seat — check your connection.</translation>
    </message>
    <message>
        <source>Could not reach the chat server at %1 — check your connection. If it keeps happening, the server&apos;s chat address may be set up wrong.</source>
        <translation>Could not reach the chat server at %1 — check your connection. If it keeps happening, the server&apos;s chat address may be set up wrong.</translation>
    </message>
    <message>
        <source>The connection was refused: nothing answers at that address and port.</source>
        <translation>The connection was refused: nothing answers at that address and port.</translation>
    </message>
    <message>
        <source>The host name could not be found (DNS).</source>
        <translation>The host name could not be found (DNS).</translation>
    </message>
    <message>
        <source>The network or the host cannot be reached.</source>
        <translation>The network or the host cannot be reached.</translation>
    </message>
    <message>
        <source>No answer came in time.</source>
        <translation>No answer came in time.</translation>
    </message>
    <message>
        <source>A secure connection (TLS) could not be set up.</source>
        <translation>A secure connection (TLS) could not be set up.</translation>
    </message>
    <message>
        <source>The connection was closed without an answer.</source>
        <translation>The connection was closed without an answer.</translation>
    </message>
    <message>
        <source>Could not set up a secure connection to the server at %1 — check whether its address starts with https:// or http://.</source>
        <translation>Could not set up a secure connection to the server at %1 — check whether its address starts with https:// or http://.</translation>
    </message>
    <message>
        <source>Could not set up a secure connection to the server at %1 to load the rooms.</source>
        <translation>Could not set up a secure connection to the server at %1 to load the rooms.</translation>
    </message>
    <message>
        <source>Could not set up a secure connection to the server at %1 to reserve a seat.</source>
        <translation>Could not set up a secure connection to the server at %1 to reserve a seat.</translation>
    </message>
    <message>
        <source>Could not set up a secure connection to the chat server at %1. If it keeps happening, the server&apos;s TLS setup may be wrong.</source>
        <translation>Could not set up a secure connection to the chat server at %1. If it keeps happening, the server&apos;s TLS setup may be wrong.</translation>
    </message>
</context>
<context>
    <name>roomgate::client::RoomSession</name>
    <message>
        <source>Reservation</source>
        <translation>Reservation</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connection</translation>
    </message>
    <message>
        <source>Not connected to a server.</source>
        <translation>Not connected to a server.</translation>
    </message>
    <message>
        <source>The connection was lost.</source>
        <translation>The connection was lost.</translation>
    </message>
    <message>
        <source>The chat server closed the connection (code %1).</source>
        <translation>The chat server closed the connection (code %1).</translation>
    </message>
</context>
<context>
    <name>roomgate::client::RoomSocket</name>
    <message>
        <source>The connection to the chat server timed out.</source>
        <translation>The connection to the chat server timed out.</translation>
    </message>
    <message>
        <source>The chat server did not confirm the leave.</source>
        <translation>The chat server did not confirm the leave.</translation>
    </message>
    <message>
        <source>The chat server stopped answering.</source>
        <translation>The chat server stopped answering.</translation>
    </message>
</context>
<context>
    <name>roomgate::client::ui::CertificatePanel</name>
    <message>
        <source>Check this server&apos;s certificate</source>
        <translation>Check this server&apos;s certificate</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>SHA-256 fingerprint:</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>&amp;Accept and continue</source>
        <translation>&amp;Accept and continue</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256 fingerprint</translation>
    </message>
    <message>
        <source>Do not trust this certificate; nothing is sent</source>
        <translation>Do not trust this certificate; nothing is sent</translation>
    </message>
    <message>
        <source>The server at %1 uses a certificate that this computer cannot verify, such as a self-signed one. Compare the fingerprint below with the one the server&apos;s administrator gives you. If they match, accept: Roomgate then trusts this certificate for this server only, and warns you if it ever changes. If you are not sure, cancel: nothing has been sent to the server.</source>
        <translation>The server at %1 uses a certificate that this computer cannot verify, such as a self-signed one. Compare the fingerprint below with the one the server&apos;s administrator gives you. If they match, accept: Roomgate then trusts this certificate for this server only, and warns you if it ever changes. If you are not sure, cancel: nothing has been sent to the server.</translation>
    </message>
    <message>
        <source>Trust this certificate for %1 from now on, and continue</source>
        <translation>Trust this certificate for %1 from now on, and continue</translation>
    </message>
</context>
<context>
    <name>roomgate::client::ui::ClientShell</name>
    <message>
        <source>Checking the saved session…</source>
        <translation>Checking the saved session…</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <source>Could not sign in</source>
        <translation>Could not sign in</translation>
    </message>
    <message>
        <source>Creating the account…</source>
        <translation>Creating the account…</translation>
    </message>
    <message>
        <source>Could not create the account</source>
        <translation>Could not create the account</translation>
    </message>
    <message>
        <source>Signed out by the server</source>
        <translation>Signed out by the server</translation>
    </message>
    <message>
        <source>Could not check the saved session</source>
        <translation>Could not check the saved session</translation>
    </message>
</context>
<context>
    <name>roomgate::client::ui::CreateRoomDialog</name>
    <message>
        <source>Create a room</source>
        <translation>Create a room</translation>
    </message>
    <message>
        <source>Letters, digits, spaces, _ - .</source>
        <translation>Letters, digits, spaces, _ - .</translation>
    </message>
    <message>
        <source> seats</source>
        <translation> seats</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Capacity:</source>
        <translation>&amp;Capacity:</translation>
    </message>
    <message>
        <source>Create and enter</source>
        <translation>Create and enter</translation>
    </message>
    <message>
        <source>A room with this name exists already: you will enter it.</source>
        <translation>A room with this name exists already: you will enter it.</translation>
    </message>
    <message>
        <source>Room name</source>
        <translation>Room name</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Capacity</translation>
    </message>
    <message>
        <source>About the name</source>
        <translation>About the name</translation>
    </message>
</context>
<context>
    <name>roomgate::client::ui::FailureBanner</name>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Close this notice</source>
        <translation>Close this notice</translation>
    </message>
    <message>
        <source>Could not reserve a seat</source>
        <translation>Could not reserve a seat</translation>
    </message>
    <message>
        <source>The connection to the room ended</source>
        <translation>The connection to the room ended</translation>
    </message>
    <message>
        <source>Could not connect to the room</source>
        <translation>Could not connect to the room</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>Retrying…</source>
        <translation>Retrying…</translation>
    </message>
    <message numerus="yes">
        <source>Retrying in %n s…</source>
        <translation>
            <numerusform>Retrying in %n s…</numerusform>
            <numerusform>Retrying in %n s…</numerusform>
        </translation>
    </message>
    <message>
        <source>Re&amp;try now</source>
        <translation>Re&amp;try now</translation>
    </message>
    <message>
        <source>C&amp;hoose another room</source>
        <translation>C&amp;hoose another room</translation>
    </message>
    <message>
        <source>Sign in a&amp;gain</source>
        <translation>Sign in a&amp;gain</translation>
    </message>
    <message>
        <source>Try again now instead of waiting</source>
        <translation>Try again now instead of waiting</translation>
    </message>
    <message>
        <source>Close this room&apos;s tab and pick another room from the list</source>
        <translation>Close this room&apos;s tab and pick another room from the list</translation>
    </message>
    <message>
        <source>Open the sign-in window</source>
        <translation>Open the sign-in window</translation>
    </message>
    <message>
        <source>Close this notice (Esc)</source>
        <translation>Close this notice (Esc)</translation>
    </message>
    <message>
        <source>Hides the notice; nothing is retried</source>
        <translation>Hides the notice; nothing is retried</translation>
    </message>
    <message numerus="yes">
        <source>You can send again in %n s.</source>
        <translation>
            <numerusform>You can send again in %n s.</numerusform>
            <numerusform>You can send again in %n s.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You can try again at %1 (in %n s).</source>
        <translation>
            <numerusform>You can try again at %1 (in %n s).</numerusform>
            <numerusform>You can try again at %1 (in %n s).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>roomgate::client::ui::MainWindow</name>
    <message>
        <source>Enter a room from the list — double-click it — or create one.
You can be in several rooms at once: each gets a tab here.</source>
        <translation>Enter a room from the list — double-click it — or create one.
You can be in several rooms at once: each gets a tab here.</translation>
    </message>
    <message>
        <source>&amp;Roomgate</source>
        <translation>&amp;Roomgate</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Sign &amp;out</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>R&amp;oom</source>
        <translation>R&amp;oom</translation>
    </message>
    <message>
        <source>&amp;Create room…</source>
        <translation>&amp;Create room…</translation>
    </message>
    <message>
        <source>&amp;Enter selected room</source>
        <translation>&amp;Enter selected room</translation>
    </message>
    <message>
        <source>&amp;Refresh the list</source>
        <translation>&amp;Refresh the list</translation>
    </message>
    <message>
        <source>&amp;Leave room</source>
        <translation>&amp;Leave room</translation>
    </message>
    <message>
        <source>Signed in as %1 on %2</source>
        <translation>Signed in as %1 on %2</translation>
    </message>
    <message>
        <source>Session not saved: no keychain</source>
        <translation>Session not saved: no keychain</translation>
    </message>
    <message>
        <source>No system keychain answered, so your session is kept in memory only. You sign in again after quitting.</source>
        <translation>No system keychain answered, so your session is kept in memory only. You sign in again after quitting.</translation>
    </message>
    <message>
        <source>Rooms you are in</source>
        <translation>Rooms you are in</translation>
    </message>
    <message>
        <source>Session not saved: keychain off</source>
        <translation>Session not saved: keychain off</translation>
    </message>
    <message>
        <source>The keychain is off (--no-keychain), so your session is kept in memory only. You sign in again after quitting.</source>
        <translation>The keychain is off (--no-keychain), so your session is kept in memory only. You sign in again after quitting.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>roomgate::client::ui::MemberListModel</name>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (you)</translation>
    </message>
    <message>
        <source>You are in the room</source>
        <translation>You are in the room</translation>
    </message>
    <message>
        <source>%1 is in the room</source>
        <translation>%1 is in the room</translation>
    </message>
</context>
<context>
    <name>roomgate::client::ui::MessageDelegate</name>
    <message>
        <source>%1 · %2</source>
        <comment>notice · time</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (you)</translation>
    </message>
</context>
<context>
    <name>roomgate::client::ui::RoomDelegate</name>
    <message>
        <source>%1 · full</source>
        <translation>%1 · full</translation>
    </message>
</context>
<context>
    <name>roomgate::client::ui::RoomListModel</name>
    <message>
        <source>%1 + %2 / %3</source>
        <comment>members + reserved seats / capacity</comment>
        <translation>%1 + %2 / %3</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>New, waiting for its first member</source>
        <translation>New, waiting for its first member</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unknown</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n member(s) in the room</source>
        <translation>
            <numerusform>%1: %n member in the room</numerusform>
            <numerusform>%1: %n members in the room</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n seat(s) reserved</source>
        <translation>
            <numerusform>%n seat reserved</numerusform>
            <numerusform>%n seats reserved</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n seat(s) in all</source>
        <translation>
            <numerusform>%n seat in all</numerusform>
            <numerusform>%n seats in all</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
    <message>
        <source>full</source>
        <translation>full</translation>
    </message>
</context>
<context>
    <name>roomgate::client::ui::RoomListPane</name>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Re&amp;fresh</translation>
    </message>
    <message>
        <source>&amp;Create room…</source>
        <translation>&amp;Create room…</translation>
    </message>
    <message>
        <source>&amp;Enter</source>
        <translation>&amp;Enter</translation>
    </message>
    <message>
        <source>Filter rooms</source>
        <translation>Filter rooms</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>Rooms</translation>
    </message>
    <message>
        <source>Each room with its seats: members, reserved seats and capacity</source>
        <translation>Each room with its seats: members, reserved seats and capacity</translation>
    </message>
    <message>
        <source>Load the room list again (F5)</source>
        <translation>Load the room list again (F5)</translation>
    </message>
    <message>
        <source>Create a room and enter it (Ctrl+N)</source>
        <translation>Create a room and enter it (Ctrl+N)</translation>
    </message>
    <message>
        <source>members</source>
        <translation>members</translation>
    </message>
    <message>
        <source>reserved</source>
        <translation>reserved</translation>
    </message>
    <message>
        <source>full</source>
        <translation>full</translation>
    </message>
    <message>
        <source>Seats: members + reserved / capacity</source>
        <translation>Seats: members + reserved / capacity</translation>
    </message>
    <message>
        <source>This room is closed: nobody can enter it now</source>
        <translation>This room is closed: nobody can enter it now</translation>
    </message>
    <message>
        <source>Enter the selected room (Enter)</source>
        <translation>Enter the selected room (Enter)</translation>
    </message>
    <message>
        <source>No rooms yet: create the first one.</source>
        <translation>No rooms yet: create the first one.</translation>
    </message>
    <message>
        <source>No room matches the filter.</source>
        <translation>No room matches the filter.</translation>
    </message>
    <message>
        <source>Could not load the rooms</source>
        <translation>Could not load the rooms</translation>
    </message>
    <message>
        <source>Loa&amp;d the rooms again</source>
        <translation>Loa&amp;d the rooms again</translation>
    </message>
    <message>
        <source>Sign &amp;in again</source>
        <translation>Sign &amp;in again</translation>
    </message>
</context>
<context>
    <name>roomgate::client::ui::RoomView</name>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>Write a message — Enter sends, Shift+Enter starts a new line</source>
        <translation>Write a message — Enter sends, Shift+Enter starts a new line</translation>
    </message>
    <message>
        <source>%1 joined</source>
        <translation>%1 joined</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 left</translation>
    </message>
    <message>
        <source>Connection lost: %1</source>
        <translation>Connection lost: %1</translation>
    </message>
    <message>
        <source>Your message was not sent: %1</source>
        <translation>Your message was not sent: %1</translation>
    </message>
    <message>
        <source>Not in the room</source>
        <translation>Not in the room</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n s…</source>
        <translation>
            <numerusform>Reconnecting in %n s…</numerusform>
            <numerusform>Reconnecting in %n s…</numerusform>
        </translation>
    </message>
    <message>
        <source>Reserving a seat…</source>
        <translation>Reserving a seat…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>Joined</translation>
    </message>
    <message>
        <source>Leaving…</source>
        <translation>Leaving…</translation>
    </message>
    <message>
        <source>Connected again</source>
        <translation>Connected again</translation>
    </message>
    <message>
        <source>In the room (%1)</source>
        <translation>In the room (%1)</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>%n character(s) over the limit</source>
        <translation>
            <numerusform>%n character over the limit</numerusform>
            <numerusform>%n characters over the limit</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n character(s) left</source>
        <translation>
            <numerusform>%n character left</numerusform>
            <numerusform>%n characters left</numerusform>
        </translation>
    </message>
    <message>
        <source>The message is longer than %1 characters</source>
        <translation>The message is longer than %1 characters</translation>
    </message>
    <message>
        <source>Last seen in the room (%1)</source>
        <translation>Last seen in the room (%1)</translation>
    </message>
    <message>
        <source>Reconnect &amp;now</source>
        <translation>Reconnect &amp;now</translation>
    </message>
    <message>
        <source>&amp;Leave</source>
        <translation>&amp;Leave</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Send</translation>
    </message>
    <message>
        <source>Try to enter the room again now instead of waiting</source>
        <translation>Try to enter the room again now instead of waiting</translation>
    </message>
    <message>
        <source>The room&apos;s messages, oldest first</source>
        <translation>The room&apos;s messages, oldest first</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>No seat came free for a long while: use Retry now to try again.</source>
        <translation>No seat came free for a long while: use Retry now to try again.</translation>
    </message>
    <message>
        <source>No longer in the room: see the notice below</source>
        <translation>No longer in the room: see the notice below</translation>
    </message>
    <message>
        <source>Could not enter: see the notice below</source>
        <translation>Could not enter: see the notice below</translation>
    </message>
    <message>
        <source>Room status</source>
        <translation>Room status</translation>
    </message>
    <message>
        <source>Leave the room and give the seat back (Ctrl+W)</source>
        <translation>Leave the room and give the seat back (Ctrl+W)</translation>
    </message>
    <message>
        <source>Close this tab: you are not in the room</source>
        <translation>Close this tab: you are not in the room</translation>
    </message>
    <message>
        <source>Watching the room: you enter as soon as a seat is free.</source>
        <translation>Watching the room: you enter as soon as a seat is free.</translation>
    </message>
    <message>
        <source>A seat is free — entering…</source>
        <translation>A seat is free — entering…</translation>
    </message>
    <message>
        <source>Your message was not sent</source>
        <translation>Your message was not sent</translation>
    </message>
    <message>
        <source>You are sending faster than the room allows. Your message is back in the input box: send it again in a moment.</source>
        <translation>You are sending faster than the room allows. Your message is back in the input box: send it again in a moment.</translation>
    </message>
    <message>
        <source>C&amp;lose tab</source>
        <translation>C&amp;lose tab</translation>
    </message>
    <message>
        <source>The room was closed or deleted while you waited.</source>
        <translation>The room was closed or deleted while you waited.</translation>
    </message>
    <message>
        <source>Your session has ended: sign in again, then use Retry now.</source>
        <translation>Your session has ended: sign in again, then use Retry now.</translation>
    </message>
</context>
<context>
    <name>roomgate::client::ui::SignInWindow</name>
    <message>
        <source>Chat rooms where your seat is kept for you.</source>
        <translation>Chat rooms where your seat is kept for you.</translation>
    </message>
    <message>
        <source>Create an account with this user name and password, then sign in</source>
        <translation>Create an account with this user name and password, then sign in</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>No system keychain answered: your session is kept in memory only, and you sign in again after quitting.</source>
        <translation>No system keychain answered: your session is kept in memory only, and you sign in again after quitting.</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, for example http://127.0.0.1:8080.</source>
        <translation>Enter the server&apos;s address, for example http://127.0.0.1:8080.</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>Enter your user name.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Enter your password.</translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation>Sign &amp;in</translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation>&amp;Register</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>Too many sign-in attempts. Wait until the time below, then try again.</source>
        <translation>Too many sign-in attempts. Wait until the time below, then try again.</translation>
    </message>
    <message>
        <source>The keychain is off (--no-keychain): your session is kept in memory only, and you sign in again after quitting.</source>
        <translation>The keychain is off (--no-keychain): your session is kept in memory only, and you sign in again after quitting.</translation>
    </message>
    <message>
        <source>&amp;Forget trusted certificate</source>
        <translation>&amp;Forget trusted certificate</translation>
    </message>
    <message>
        <source>Stop trusting the certificate you accepted for %1 (SHA-256 %2). You are asked again the next time it is presented.</source>
        <translation>Stop trusting the certificate you accepted for %1 (SHA-256 %2). You are asked again the next time it is presented.</translation>
    </message>
</context>
</TS>
