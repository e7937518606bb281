<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>roomgate::server::dashboard::AdminCommands</name>
    <message numerus="yes">
        <source>Room “%1” created with %n seat(s).</source>
        <translation>
            <numerusform>Room “%1” created with %n seat.</numerusform>
            <numerusform>Room “%1” created with %n seats.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not create room “%1”: %2</source>
        <translation>Could not create room “%1”: %2</translation>
    </message>
    <message numerus="yes">
        <source>Room “%1” now has %n seat(s).</source>
        <translation>
            <numerusform>Room “%1” now has %n seat.</numerusform>
            <numerusform>Room “%1” now has %n seats.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not change the capacity of “%1”: %2</source>
        <translation>Could not change the capacity of “%1”: %2</translation>
    </message>
    <message>
        <source>Close room</source>
        <translation>Close room</translation>
    </message>
    <message>
        <source>Close room “%1”? Everyone in it is sent out and new entries are refused.</source>
        <translation>Close room “%1”? Everyone in it is sent out and new entries are refused.</translation>
    </message>
    <message>
        <source>Room “%1” closed.</source>
        <translation>Room “%1” closed.</translation>
    </message>
    <message>
        <source>Could not close room “%1”: %2</source>
        <translation>Could not close room “%1”: %2</translation>
    </message>
    <message>
        <source>Room “%1” is open again.</source>
        <translation>Room “%1” is open again.</translation>
    </message>
    <message>
        <source>Could not reopen room “%1”: %2</source>
        <translation>Could not reopen room “%1”: %2</translation>
    </message>
    <message>
        <source>Delete room</source>
        <translation>Delete room</translation>
    </message>
    <message>
        <source>Delete room “%1” and its history? Everyone in it is sent out, and this cannot be undone.</source>
        <translation>Delete room “%1” and its history? Everyone in it is sent out, and this cannot be undone.</translation>
    </message>
    <message>
        <source>Room “%1” deleted.</source>
        <translation>Room “%1” deleted.</translation>
    </message>
    <message>
        <source>Could not delete room “%1”: %2</source>
        <translation>Could not delete room “%1”: %2</translation>
    </message>
    <message>
        <source>Revoke reservation</source>
        <translation>Revoke reservation</translation>
    </message>
    <message>
        <source>Revoke the seat %1 reserved in “%2”? The seat is freed at once.</source>
        <translation>Revoke the seat %1 reserved in “%2”? The seat is freed at once.</translation>
    </message>
    <message>
        <source>The reservation of %1 in “%2” was revoked.</source>
        <translation>The reservation of %1 in “%2” was revoked.</translation>
    </message>
    <message>
        <source>Could not revoke the reservation of %1: %2</source>
        <translation>Could not revoke the reservation of %1: %2</translation>
    </message>
    <message>
        <source>Kick member</source>
        <translation>Kick member</translation>
    </message>
    <message>
        <source>Remove %1 from “%2”? Their connection is closed and the seat freed.</source>
        <translation>Remove %1 from “%2”? Their connection is closed and the seat freed.</translation>
    </message>
    <message>
        <source>%1 was removed from “%2”.</source>
        <translation>%1 was removed from “%2”.</translation>
    </message>
    <message>
        <source>Could not remove %1: %2</source>
        <translation>Could not remove %1: %2</translation>
    </message>
    <message>
        <source>Ban member</source>
        <translation>Ban member</translation>
    </message>
    <message>
        <source>Ban %1 from “%2”? They are removed now and cannot enter again until unbanned.</source>
        <translation>Ban %1 from “%2”? They are removed now and cannot enter again until unbanned.</translation>
    </message>
    <message>
        <source>%1 is banned from “%2”.</source>
        <translation>%1 is banned from “%2”.</translation>
    </message>
    <message>
        <source>Could not ban %1: %2</source>
        <translation>Could not ban %1: %2</translation>
    </message>
    <message>
        <source>%1 may enter “%2” again.</source>
        <translation>%1 may enter “%2” again.</translation>
    </message>
    <message>
        <source>Could not unban %1: %2</source>
        <translation>Could not unban %1: %2</translation>
    </message>
</context>
<context>
    <name>roomgate::server::dashboard::CreateRoomDialog</name>
    <message>
        <source>New room</source>
        <translation>New room</translation>
    </message>
    <message>
        <source>Letters, digits, spaces, _ - .</source>
        <translation>Letters, digits, spaces, _ - .</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>&amp;Seats:</source>
        <translation>&amp;Seats:</translation>
    </message>
</context>
<context>
    <name>roomgate::server::dashboard::DashboardWindow</name>
    <message>
        <source>Roomgate dashboard — %1</source>
        <translation>Roomgate dashboard — %1</translation>
    </message>
    <message>
        <source>&amp;Rooms</source>
        <translation>&amp;Rooms</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Server</translation>
    </message>
    <message>
        <source>&amp;Refresh now</source>
        <translation>&amp;Refresh now</translation>
    </message>
    <message>
        <source>S&amp;top server and quit</source>
        <translation>S&amp;top server and quit</translation>
    </message>
    <message>
        <source>Could not read from storage: %1</source>
        <translation>Could not read from storage: %1</translation>
    </message>
    <message>
        <source>Storage answers again.</source>
        <translation>Storage answers again.</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n connection(s)</source>
        <translation>
            <numerusform>%1 · %n connection</numerusform>
            <numerusform>%1 · %n connections</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop the server</source>
        <translation>Stop the server</translation>
    </message>
    <message numerus="yes">
        <source>Closing the dashboard stops this server. %n connection(s) will be closed. Stop the server?</source>
        <translation>
            <numerusform>Closing the dashboard stops this server. %n connection will be closed. Stop the server?</numerusform>
            <numerusform>Closing the dashboard stops this server. %n connections will be closed. Stop the server?</numerusform>
        </translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>Rooms</translation>
    </message>
    <message>
        <source>Reservations</source>
        <translation>Reservations</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>Event log</translation>
    </message>
</context>
<context>
    <name>roomgate::server::dashboard::EventLogModel</name>
    <message>
        <source>by %1</source>
        <translation>by %1</translation>
    </message>
    <message>
        <source>reserve</source>
        <translation>reserve</translation>
    </message>
    <message>
        <source>claim</source>
        <translation>claim</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>admin</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Room</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>roomgate::server::dashboard::EventLogPage</name>
    <message>
        <source>&amp;Export to CSV…</source>
        <translation>&amp;Export to CSV…</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Room</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Code or action</source>
        <translation>Code or action</translation>
    </message>
    <message>
        <source>Save the lines shown (after filtering) as a CSV file</source>
        <translation>Save the lines shown (after filtering) as a CSV file</translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>Filter:</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Could not write %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n line(s) to %1.</source>
        <translation>
            <numerusform>Exported %n line to %1.</numerusform>
            <numerusform>Exported %n lines to %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export event log</source>
        <translation>Export event log</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV files (*.csv);;All files (*)</translation>
    </message>
</context>
<context>
    <name>roomgate::server::dashboard::MemberTableModel</name>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Room</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Node</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Connected since</source>
        <translation>Connected since</translation>
    </message>
</context>
<context>
    <name>roomgate::server::dashboard::MembersPage</name>
    <message>
        <source>&amp;Kick</source>
        <translation>&amp;Kick</translation>
    </message>
    <message>
        <source>&amp;Ban</source>
        <translation>&amp;Ban</translation>
    </message>
    <message>
        <source>Remove the selected member from the room (they may enter again)</source>
        <translation>Remove the selected member from the room (they may enter again)</translation>
    </message>
    <message>
        <source>Remove the selected member and keep them out of the room</source>
        <translation>Remove the selected member and keep them out of the room</translation>
    </message>
    <message>
        <source>Filter by user, room, node or address</source>
        <translation>Filter by user, room, node or address</translation>
    </message>
</context>
<context>
    <name>roomgate::server::dashboard::OverviewPage</name>
    <message>
        <source>This node</source>
        <translation>This node</translation>
    </message>
    <message>
        <source>Node:</source>
        <translation>Node:</translation>
    </message>
    <message>
        <source>HTTP API:</source>
        <translation>HTTP API:</translation>
    </message>
    <message>
        <source>WebSocket:</source>
        <translation>WebSocket:</translation>
    </message>
    <message>
        <source>Started:</source>
        <translation>Started:</translation>
    </message>
    <message>
        <source>Uptime:</source>
        <translation>Uptime:</translation>
    </message>
    <message>
        <source>Nodes:</source>
        <translation>Nodes:</translation>
    </message>
    <message>
        <source>Connections:</source>
        <translation>Connections:</translation>
    </message>
    <message>
        <source>%1 (this node)</source>
        <translation>%1 (this node)</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Now</translation>
    </message>
    <message>
        <source>Rooms:</source>
        <translation>Rooms:</translation>
    </message>
    <message>
        <source>Present:</source>
        <translation>Present:</translation>
    </message>
    <message>
        <source>Live reservations:</source>
        <translation>Live reservations:</translation>
    </message>
    <message>
        <source>Since start</source>
        <translation>Since start</translation>
    </message>
    <message>
        <source>Reserved:</source>
        <translation>Reserved:</translation>
    </message>
    <message>
        <source>Claimed:</source>
        <translation>Claimed:</translation>
    </message>
    <message>
        <source>Expired:</source>
        <translation>Expired:</translation>
    </message>
    <message>
        <source>Cancelled:</source>
        <translation>Cancelled:</translation>
    </message>
    <message>
        <source>Refused:</source>
        <translation>Refused:</translation>
    </message>
    <message>
        <source>Messages:</source>
        <translation>Messages:</translation>
    </message>
    <message>
        <source>Refusals by code</source>
        <translation>Refusals by code</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Reserve</source>
        <translation>Reserve</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>Claim</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>Meaning</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: lease lapsed</source>
        <translation>%1: lease lapsed</translation>
    </message>
    <message numerus="yes">
        <source>%1: lease until %2; %n socket(s), %3 decisions/s, %4 messages/s</source>
        <translation>
            <numerusform>%1: lease until %2; %n socket, %3 decisions/s, %4 messages/s</numerusform>
            <numerusform>%1: lease until %2; %n sockets, %3 decisions/s, %4 messages/s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n socket(s)</source>
        <translation>
            <numerusform>%1 · %n socket</numerusform>
            <numerusform>%1 · %n sockets</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>roomgate::server::dashboard::RateChart</name>
    <message>
        <source>Reserves/s</source>
        <translation>Reserves/s</translation>
    </message>
    <message>
        <source>Claims/s</source>
        <translation>Claims/s</translation>
    </message>
    <message>
        <source>Refusals/s</source>
        <translation>Refusals/s</translation>
    </message>
    <message numerus="yes">
        <source>Admission decisions per second, last %n minute(s)</source>
        <translation>
            <numerusform>Admission decisions per second, last %n minute</numerusform>
            <numerusform>Admission decisions per second, last %n minutes</numerusform>
        </translation>
    </message>
    <message>
        <source>per second</source>
        <translation>per second</translation>
    </message>
</context>
<context>
    <name>roomgate::server::dashboard::ReservationTableModel</name>
    <message>
        <source>expired</source>
        <translation>expired</translation>
    </message>
    <message numerus="yes">
        <source>in %n second(s)</source>
        <translation>
            <numerusform>in %n second</numerusform>
            <numerusform>in %n seconds</numerusform>
        </translation>
    </message>
    <message>
        <source>Expires at %1</source>
        <translation>Expires at %1</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Room</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Node</translation>
    </message>
    <message>
        <source>Reserved at</source>
        <translation>Reserved at</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expires</translation>
    </message>
</context>
<context>
    <name>roomgate::server::dashboard::ReservationsPage</name>
    <message>
        <source>&amp;Revoke</source>
        <translation>&amp;Revoke</translation>
    </message>
    <message>
        <source>Revoke the selected reservation: its seat is freed, its ticket refused</source>
        <translation>Revoke the selected reservation: its seat is freed, its ticket refused</translation>
    </message>
</context>
<context>
    <name>roomgate::server::dashboard::RoomTableModel</name>
    <message>
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>pending</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>closed</translation>
    </message>
    <message numerus="yes">
        <source>%1 present, %2 reserved, %n seat(s) in all</source>
        <translation>
            <numerusform>%1 present, %2 reserved, %n seat in all</numerusform>
            <numerusform>%1 present, %2 reserved, %n seats in all</numerusform>
        </translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Room</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>Reserved</translation>
    </message>
    <message>
        <source>Seats in use</source>
        <translation>Seats in use</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Last activity</translation>
    </message>
</context>
<context>
    <name>roomgate::server::dashboard::RoomsPage</name>
    <message>
        <source>&amp;New room…</source>
        <translation>&amp;New room…</translation>
    </message>
    <message>
        <source>Change &amp;capacity…</source>
        <translation>Change &amp;capacity…</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>C&amp;lose</translation>
    </message>
    <message>
        <source>&amp;Reopen</source>
        <translation>&amp;Reopen</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <source>&amp;Unban user…</source>
        <translation>&amp;Unban user…</translation>
    </message>
    <message>
        <source>Filter rooms by name</source>
        <translation>Filter rooms by name</translation>
    </message>
    <message>
        <source>Create an open room</source>
        <translation>Create an open room</translation>
    </message>
    <message>
        <source>Change how many people the selected room holds</source>
        <translation>Change how many people the selected room holds</translation>
    </message>
    <message>
        <source>Close the selected room: members are sent out, entries refused</source>
        <translation>Close the selected room: members are sent out, entries refused</translation>
    </message>
    <message>
        <source>Open the selected closed room again</source>
        <translation>Open the selected closed room again</translation>
    </message>
    <message>
        <source>Delete the selected room and its history</source>
        <translation>Delete the selected room and its history</translation>
    </message>
    <message>
        <source>Let a banned user enter the selected room again</source>
        <translation>Let a banned user enter the selected room again</translation>
    </message>
    <message>
        <source>Change capacity</source>
        <translation>Change capacity</translation>
    </message>
    <message>
        <source>Seats in “%1” (at least those in use: %2):</source>
        <translation>Seats in “%1” (at least those in use: %2):</translation>
    </message>
    <message>
        <source>Unban user</source>
        <translation>Unban user</translation>
    </message>
    <message>
        <source>User to let into “%1” again:</source>
        <translation>User to let into “%1” again:</translation>
    </message>
</context>
</TS>
