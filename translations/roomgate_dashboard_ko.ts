<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en">
<context>
    <name>roomgate::server::dashboard::AdminCommands</name>
    <message numerus="yes">
        <source>Room “%1” created with %n seat(s).</source>
        <translation>
            <numerusform>“%1” 방을 만들었습니다(정원 %n명).</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not create room “%1”: %2</source>
        <translation>“%1” 방을 만들지 못했습니다: %2</translation>
    </message>
    <message numerus="yes">
        <source>Room “%1” now has %n seat(s).</source>
        <translation>
            <numerusform>“%1” 방의 정원을 %n명으로 바꿨습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not change the capacity of “%1”: %2</source>
        <translation>“%1” 방의 정원을 바꾸지 못했습니다: %2</translation>
    </message>
    <message>
        <source>Close room</source>
        <translation>방 닫기</translation>
    </message>
    <message>
        <source>Close room “%1”? Everyone in it is sent out and new entries are refused.</source>
        <translation>“%1” 방을 닫을까요? 방 안의 모든 사람이 퇴장되고 새 입장은 거부됩니다.</translation>
    </message>
    <message>
        <source>Room “%1” closed.</source>
        <translation>“%1” 방을 닫았습니다.</translation>
    </message>
    <message>
        <source>Could not close room “%1”: %2</source>
        <translation>“%1” 방을 닫지 못했습니다: %2</translation>
    </message>
    <message>
        <source>Room “%1” is open again.</source>
        <translation>“%1” 방을 다시 열었습니다.</translation>
    </message>
    <message>
        <source>Could not reopen room “%1”: %2</source>
        <translation>“%1” 방을 다시 열지 못했습니다: %2</translation>
    </message>
    <message>
        <source>Delete room</source>
        <translation>방 삭제</translation>
    </message>
    <message>
        <source>Delete room “%1” and its history? Everyone in it is sent out, and this cannot be undone.</source>
        <translation>“%1” 방과 대화 기록을 삭제할까요? 방 안의 모든 사람이 퇴장되며, 되돌릴 수 없습니다.</translation>
    </message>
    <message>
        <source>Room “%1” deleted.</source>
        <translation>“%1” 방을 삭제했습니다.</translation>
    </message>
    <message>
        <source>Could not delete room “%1”: %2</source>
        <translation>“%1” 방을 삭제하지 못했습니다: %2</translation>
    </message>
    <message>
        <source>Revoke reservation</source>
        <translation>예약 취소</translation>
    </message>
    <message>
        <source>Revoke the seat %1 reserved in “%2”? The seat is freed at once.</source>
        <translation>%1 님이 “%2” 방에 예약한 좌석을 취소할까요? 좌석은 바로 비워집니다.</translation>
    </message>
    <message>
        <source>The reservation of %1 in “%2” was revoked.</source>
        <translation>%1 님의 “%2” 방 예약을 취소했습니다.</translation>
    </message>
    <message>
        <source>Could not revoke the reservation of %1: %2</source>
        <translation>%1 님의 예약을 취소하지 못했습니다: %2</translation>
    </message>
    <message>
        <source>Kick member</source>
        <translation>구성원 내보내기</translation>
    </message>
    <message>
        <source>Remove %1 from “%2”? Their connection is closed and the seat freed.</source>
        <translation>%1 님을 “%2” 방에서 내보낼까요? 연결이 끊기고 좌석이 비워집니다.</translation>
    </message>
    <message>
        <source>%1 was removed from “%2”.</source>
        <translation>%1 님을 “%2” 방에서 내보냈습니다.</translation>
    </message>
    <message>
        <source>Could not remove %1: %2</source>
        <translation>%1 님을 내보내지 못했습니다: %2</translation>
    </message>
    <message>
        <source>Ban member</source>
        <translation>구성원 차단</translation>
    </message>
    <message>
        <source>Ban %1 from “%2”? They are removed now and cannot enter again until unbanned.</source>
        <translation>%1 님을 “%2” 방에서 차단할까요? 지금 바로 내보내며, 차단을 풀 때까지 다시 들어올 수 없습니다.</translation>
    </message>
    <message>
        <source>%1 is banned from “%2”.</source>
        <translation>%1 님을 “%2” 방에서 차단했습니다.</translation>
    </message>
    <message>
        <source>Could not ban %1: %2</source>
        <translation>%1 님을 차단하지 못했습니다: %2</translation>
    </message>
    <message>
        <source>%1 may enter “%2” again.</source>
        <translation>%1 님이 “%2” 방에 다시 들어올 수 있습니다.</translation>
    </message>
    <message>
        <source>Could not unban %1: %2</source>
        <translation>%1 님의 차단을 풀지 못했습니다: %2</translation>
    </message>
</context>
<context>
    <name>roomgate::server::dashboard::CreateRoomDialog</name>
    <message>
        <source>New room</source>
        <translation>새 방</translation>
    </message>
    <message>
        <source>Letters, digits, spaces, _ - .</source>
        <translation>글자, 숫자, 공백, _ - .</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>이름(&amp;N):</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>만들기</translation>
    </message>
    <message>
        <source>&amp;Seats:</source>
        <translation>정원(&amp;S):</translation>
    </message>
</context>
<context>
    <name>roomgate::server::dashboard::DashboardWindow</name>
    <message>
        <source>Roomgate dashboard — %1</source>
        <translation>Roomgate 대시보드 — %1</translation>
    </message>
    <message>
        <source>&amp;Rooms</source>
        <translation>방(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>서버(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Refresh now</source>
        <translation>지금 새로 고침(&amp;R)</translation>
    </message>
    <message>
        <source>S&amp;top server and quit</source>
        <translation>서버 중지 후 끝내기(&amp;T)</translation>
    </message>
    <message>
        <source>Could not read from storage: %1</source>
        <translation>저장소를 읽지 못했습니다: %1</translation>
    </message>
    <message>
        <source>Storage answers again.</source>
        <translation>저장소가 다시 응답합니다.</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n connection(s)</source>
        <translation>
            <numerusform>%1 · 연결 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop the server</source>
        <translation>서버 중지</translation>
    </message>
    <message numerus="yes">
        <source>Closing the dashboard stops this server. %n connection(s) will be closed. Stop the server?</source>
        <translation>
            <numerusform>대시보드를 닫으면 이 서버가 멈추고 연결 %n개가 끊깁니다. 서버를 중지할까요?</numerusform>
        </translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>개요</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>방</translation>
    </message>
    <message>
        <source>Reservations</source>
        <translation>예약</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>구성원</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>이벤트 로그</translation>
    </message>
</context>
<context>
    <name>roomgate::server::dashboard::EventLogModel</name>
    <message>
        <source>by %1</source>
        <translation>실행: %1</translation>
    </message>
    <message>
        <source>reserve</source>
        <translation>예약</translation>
    </message>
    <message>
        <source>claim</source>
        <translation>입장</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>관리</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1ms</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>이벤트</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>코드</translation>
    </message>
    <message>
        <source>User</source>
        <translation>사용자</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>방</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>세부 정보</translation>
    </message>
</context>
<context>
    <name>roomgate::server::dashboard::EventLogPage</name>
    <message>
        <source>&amp;Export to CSV…</source>
        <translation>CSV로 내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>방</translation>
    </message>
    <message>
        <source>User</source>
        <translation>사용자</translation>
    </message>
    <message>
        <source>Code or action</source>
        <translation>코드 또는 작업</translation>
    </message>
    <message>
        <source>Save the lines shown (after filtering) as a CSV file</source>
        <translation>필터를 거쳐 보이는 줄을 CSV 파일로 저장합니다</translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>필터:</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 파일에 쓰지 못했습니다: %2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n line(s) to %1.</source>
        <translation>
            <numerusform>%n줄을 %1 파일로 내보냈습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export event log</source>
        <translation>이벤트 로그 내보내기</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 파일 (*.csv);;모든 파일 (*)</translation>
    </message>
</context>
<context>
    <name>roomgate::server::dashboard::MemberTableModel</name>
    <message>
        <source>User</source>
        <translation>사용자</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>방</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>노드</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>주소</translation>
    </message>
    <message>
        <source>Connected since</source>
        <translation>접속 시각</translation>
    </message>
</context>
<context>
    <name>roomgate::server::dashboard::MembersPage</name>
    <message>
        <source>&amp;Kick</source>
        <translation>내보내기(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Ban</source>
        <translation>차단(&amp;B)</translation>
    </message>
    <message>
        <source>Remove the selected member from the room (they may enter again)</source>
        <translation>선택한 구성원을 방에서 내보냅니다(다시 들어올 수 있음)</translation>
    </message>
    <message>
        <source>Remove the selected member and keep them out of the room</source>
        <translation>선택한 구성원을 내보내고 다시 들어오지 못하게 합니다</translation>
    </message>
    <message>
        <source>Filter by user, room, node or address</source>
        <translation>사용자, 방, 노드, 주소로 거르기</translation>
    </message>
</context>
<context>
    <name>roomgate::server::dashboard::OverviewPage</name>
    <message>
        <source>This node</source>
        <translation>이 노드</translation>
    </message>
    <message>
        <source>Node:</source>
        <translation>노드:</translation>
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
        <translation>시작 시각:</translation>
    </message>
    <message>
        <source>Uptime:</source>
        <translation>가동 시간:</translation>
    </message>
    <message>
        <source>Nodes:</source>
        <translation>노드 목록:</translation>
    </message>
    <message>
        <source>Connections:</source>
        <translation>연결 수:</translation>
    </message>
    <message>
        <source>%1 (this node)</source>
        <translation>%1 (이 노드)</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>현재</translation>
    </message>
    <message>
        <source>Rooms:</source>
        <translation>방:</translation>
    </message>
    <message>
        <source>Present:</source>
        <translation>접속 인원:</translation>
    </message>
    <message>
        <source>Live reservations:</source>
        <translation>유효한 예약:</translation>
    </message>
    <message>
        <source>Since start</source>
        <translation>시작 이후 누계</translation>
    </message>
    <message>
        <source>Reserved:</source>
        <translation>예약:</translation>
    </message>
    <message>
        <source>Claimed:</source>
        <translation>입장:</translation>
    </message>
    <message>
        <source>Expired:</source>
        <translation>만료:</translation>
    </message>
    <message>
        <source>Cancelled:</source>
        <translation>취소:</translation>
    </message>
    <message>
        <source>Refused:</source>
        <translation>거부:</translation>
    </message>
    <message>
        <source>Messages:</source>
        <translation>메시지:</translation>
    </message>
    <message>
        <source>Refusals by code</source>
        <translation>코드별 거부</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>코드</translation>
    </message>
    <message>
        <source>Reserve</source>
        <translation>예약</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>입장</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>의미</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n일</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: lease lapsed</source>
        <translation>%1: 리스 만료</translation>
    </message>
    <message numerus="yes">
        <source>%1: lease until %2; %n socket(s), %3 decisions/s, %4 messages/s</source>
        <translation>
            <numerusform>%1: %2까지 리스; 소켓 %n개, 초당 결정 %3건, 초당 메시지 %4건</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n socket(s)</source>
        <translation>
            <numerusform>%1 · 소켓 %n개</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>roomgate::server::dashboard::RateChart</name>
    <message>
        <source>Reserves/s</source>
        <translation>예약/초</translation>
    </message>
    <message>
        <source>Claims/s</source>
        <translation>입장/초</translation>
    </message>
    <message>
        <source>Refusals/s</source>
        <translation>거부/초</translation>
    </message>
    <message numerus="yes">
        <source>Admission decisions per second, last %n minute(s)</source>
        <translation>
            <numerusform>초당 입장 판정 수 (최근 %n분)</numerusform>
        </translation>
    </message>
    <message>
        <source>per second</source>
        <translation>초당 건수</translation>
    </message>
</context>
<context>
    <name>roomgate::server::dashboard::ReservationTableModel</name>
    <message>
        <source>expired</source>
        <translation>만료됨</translation>
    </message>
    <message numerus="yes">
        <source>in %n second(s)</source>
        <translation>
            <numerusform>%n초 후</numerusform>
        </translation>
    </message>
    <message>
        <source>Expires at %1</source>
        <translation>%1에 만료</translation>
    </message>
    <message>
        <source>User</source>
        <translation>사용자</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>방</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>노드</translation>
    </message>
    <message>
        <source>Reserved at</source>
        <translation>예약 시각</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>만료까지</translation>
    </message>
</context>
<context>
    <name>roomgate::server::dashboard::ReservationsPage</name>
    <message>
        <source>&amp;Revoke</source>
        <translation>예약 취소(&amp;R)</translation>
    </message>
    <message>
        <source>Revoke the selected reservation: its seat is freed, its ticket refused</source>
        <translation>선택한 예약을 취소합니다. 좌석이 비워지고 입장권은 거부됩니다</translation>
    </message>
</context>
<context>
    <name>roomgate::server::dashboard::RoomTableModel</name>
    <message>
        <source>open</source>
        <translation>열림</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>닫힘</translation>
    </message>
    <message numerus="yes">
        <source>%1 present, %2 reserved, %n seat(s) in all</source>
        <translation>
            <numerusform>접속 %1명, 예약 %2명, 정원 %n명</numerusform>
        </translation>
    </message>
    <message>
        <source>Room</source>
        <translation>방</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>접속</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>예약</translation>
    </message>
    <message>
        <source>Seats in use</source>
        <translation>사용 중인 좌석</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>만든 시각</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>최근 활동</translation>
    </message>
</context>
<context>
    <name>roomgate::server::dashboard::RoomsPage</name>
    <message>
        <source>&amp;New room…</source>
        <translation>새 방(&amp;N)…</translation>
    </message>
    <message>
        <source>Change &amp;capacity…</source>
        <translation>정원 변경(&amp;C)…</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>닫기(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Reopen</source>
        <translation>다시 열기(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>삭제(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Unban user…</source>
        <translation>차단 풀기(&amp;U)…</translation>
    </message>
    <message>
        <source>Filter rooms by name</source>
        <translation>이름으로 방 거르기</translation>
    </message>
    <message>
        <source>Create an open room</source>
        <translation>열린 방을 새로 만듭니다</translation>
    </message>
    <message>
        <source>Change how many people the selected room holds</source>
        <translation>선택한 방의 정원을 바꿉니다</translation>
    </message>
    <message>
        <source>Close the selected room: members are sent out, entries refused</source>
        <translation>선택한 방을 닫습니다. 구성원은 퇴장되고 입장은 거부됩니다</translation>
    </message>
    <message>
        <source>Open the selected closed room again</source>
        <translation>닫힌 방을 다시 엽니다</translation>
    </message>
    <message>
        <source>Delete the selected room and its history</source>
        <translation>선택한 방과 대화 기록을 삭제합니다</translation>
    </message>
    <message>
        <source>Let a banned user enter the selected room again</source>
        <translation>차단된 사용자가 선택한 방에 다시 들어올 수 있게 합니다</translation>
    </message>
    <message>
        <source>Change capacity</source>
        <translation>정원 변경</translation>
    </message>
    <message>
        <source>Seats in “%1” (at least those in use: %2):</source>
        <translation>“%1” 방의 정원 (사용 중인 %2석 이상):</translation>
    </message>
    <message>
        <source>Unban user</source>
        <translation>차단 풀기</translation>
    </message>
    <message>
        <source>User to let into “%1” again:</source>
        <translation>“%1” 방에 다시 들여보낼 사용자:</translation>
    </message>
</context>
</TS>
