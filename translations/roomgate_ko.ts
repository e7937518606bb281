<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>main</name>
    <message>
        <source>Unknown language &quot;%1&quot;: use one of %2.</source>
        <translation>알 수 없는 언어 &quot;%1&quot;: %2 중에서 고르세요.</translation>
    </message>
    <message>
        <source>Roomgate chat client.</source>
        <translation>Roomgate 채팅 클라이언트.</translation>
    </message>
    <message>
        <source>User interface language: ko or en (default: the system&apos;s).</source>
        <translation>화면 언어: ko 또는 en (기본값: 시스템 언어).</translation>
    </message>
    <message>
        <source>Server address (default: the last one used, else http://127.0.0.1:8080).</source>
        <translation>서버 주소 (기본값: 마지막으로 쓴 주소, 없으면 http://127.0.0.1:8080).</translation>
    </message>
    <message>
        <source>User name to fill in (default: the last one used).</source>
        <translation>미리 채울 사용자 이름 (기본값: 마지막으로 쓴 이름).</translation>
    </message>
    <message>
        <source>Enter this room after signing in (repeatable).</source>
        <translation>로그인한 뒤 이 방에 들어갑니다 (여러 번 지정할 수 있음).</translation>
    </message>
    <message>
        <source>Keep the session token in memory only, without asking the system keychain.</source>
        <translation>시스템 키체인을 쓰지 않고 세션 토큰을 메모리에만 둡니다.</translation>
    </message>
    <message>
        <source>Not a server address: %1</source>
        <translation>서버 주소가 아닙니다: %1</translation>
    </message>
</context>
<context>
    <name>roomgate::client::ApiClient</name>
    <message>
        <source>The server did not answer in time.</source>
        <translation>서버가 제때 응답하지 않았습니다.</translation>
    </message>
    <message>
        <source>The server gave an unexpected answer (HTTP %1).</source>
        <translation>서버가 예상하지 못한 응답을 보냈습니다(HTTP %1).</translation>
    </message>
</context>
<context>
    <name>roomgate::client::CertificateCheck</name>
    <message>
        <source>The chat server at %1 uses a certificate that this computer cannot verify and that you have not trusted for this server, so the connection was refused.</source>
        <translation>%1 채팅 서버가 이 컴퓨터에서 확인할 수 없는 인증서를 쓰고 있고, 이 서버에 대해 신뢰하기로 한 인증서도 아니어서 연결을 거부했습니다.</translation>
    </message>
    <message>
        <source>The server at %1 uses a certificate that this computer cannot verify, and you have not trusted it. Nothing was sent to it.</source>
        <translation>%1 서버가 이 컴퓨터에서 확인할 수 없는 인증서를 쓰고 있고, 아직 이 인증서를 신뢰하지 않았습니다. 서버에는 아무것도 보내지 않았습니다.</translation>
    </message>
    <message>
        <source>The identity of the server at %1 has changed: it presented a different certificate from the one you trusted. Someone may be intercepting the connection, so nothing was sent. Ask the server&apos;s administrator whether the certificate was replaced; if it was, choose “Forget trusted certificate” and sign in again.</source>
        <translation>%1 서버의 신원이 바뀌었습니다. 전에 신뢰한 인증서와 다른 인증서를 내놓았습니다. 누군가 연결을 가로채고 있을 수 있어 아무것도 보내지 않았습니다. 서버 관리자에게 인증서를 바꾸었는지 물어보세요. 바꾼 것이 맞다면 “신뢰한 인증서 잊기”를 누른 뒤 다시 로그인하세요.</translation>
    </message>
    <message>
        <source>The identity of the server at %1 has changed: it presented a different certificate from the one you trusted. Someone may be intercepting the connection, so nothing was sent. Ask the server&apos;s administrator whether the certificate was replaced; if it was, sign out, choose “Forget trusted certificate” in the sign-in window and sign in again.</source>
        <translation>%1 서버의 신원이 바뀌었습니다. 전에 신뢰한 인증서와 다른 인증서를 내놓았습니다. 누군가 연결을 가로채고 있을 수 있어 아무것도 보내지 않았습니다. 서버 관리자에게 인증서를 바꾸었는지 물어보세요. 바꾼 것이 맞다면 로그아웃한 뒤 로그인 창에서 “신뢰한 인증서 잊기”를 누르고 다시 로그인하세요.</translation>
    </message>
    <message>
        <source>The identity of the chat server at %1 has changed: it presented a different certificate from the one you trusted for this server. Someone may be intercepting the connection. Ask the server&apos;s administrator whether the certificate was replaced; if it was, sign out, choose “Forget trusted certificate” in the sign-in window and sign in again.</source>
        <translation>%1 채팅 서버의 신원이 바뀌었습니다. 이 서버에 대해 신뢰한 인증서와 다른 인증서를 내놓았습니다. 누군가 연결을 가로채고 있을 수 있습니다. 서버 관리자에게 인증서를 바꾸었는지 물어보세요. 바꾼 것이 맞다면 로그아웃한 뒤 로그인 창에서 “신뢰한 인증서 잊기”를 누르고 다시 로그인하세요.</translation>
    </message>
    <message>
        <source>Certificate fingerprint (SHA-256):
%1</source>
        <translation>인증서 지문(SHA-256):
%1</translation>
    </message>
    <message>
        <source>Presented now (SHA-256):
%1
Trusted before:
%2</source>
        <translation>지금 받은 인증서(SHA-256):
%1
전에 신뢰한 인증서:
%2</translation>
    </message>
</context>
<context>
    <name>roomgate::client::LocalError</name>
    <message>
        <source>The connection to the chat server at %1 broke. Check your connection.</source>
        <translation>%1 채팅 서버와의 연결이 끊겼습니다. 네트워크 연결을 확인하세요.</translation>
    </message>
    <message>
        <source>The connection to the server at %1 broke before it answered. Check your connection.</source>
        <translation>%1 서버가 응답하기 전에 연결이 끊겼습니다. 네트워크 연결을 확인하세요.</translation>
    </message>
    <message>
        <source>Could not reach the server at %1 — check the address and your connection.</source>
        <translation>%1 서버에 연결할 수 없습니다. 주소와 네트워크 연결을 확인하세요.</translation>
    </message>
    <message>
        <source>Could not reach the server at %1 to load the rooms — check your connection.</source>
        <translation>방 목록을 불러오려 했지만 %1 서버에 연결할 수 없습니다. 네트워크 연결을 확인하세요.</translation>
    </message>
    <message>
        <source>Could not reach the server at %1 to reserve a seat — check your connection.</source>
        <translation>좌석을 예약하려 했지만 %1 서버에 연결할 수 없습니다. 네트워크 연결을 확인하세요.</translation>
    </message>
    <message>
        <source>Could not reach the chat server at %1 — check your connection. If it keeps happening, the server&apos;s chat address may be set up wrong.</source>
        <translation>%1 채팅 서버에 연결할 수 없습니다. 네트워크 연결을 확인하세요. 계속 이렇다면 서버의 채팅 주소 설정이 잘못되었을 수 있습니다.</translation>
    </message>
    <message>
        <source>The connection was refused: nothing answers at that address and port.</source>
        <translation>연결이 거부되었습니다. 그 주소와 포트에서 응답하는 서버가 없습니다.</translation>
    </message>
    <message>
        <source>The host name could not be found (DNS).</source>
        <translation>호스트 이름을 찾을 수 없습니다(DNS).</translation>
    </message>
    <message>
        <source>The network or the host cannot be reached.</source>
        <translation>네트워크나 호스트에 닿을 수 없습니다.</translation>
    </message>
    <message>
        <source>No answer came in time.</source>
        <translation>제시간에 응답이 오지 않았습니다.</translation>
    </message>
    <message>
        <source>A secure connection (TLS) could not be set up.</source>
        <translation>보안 연결(TLS)을 맺지 못했습니다.</translation>
    </message>
    <message>
        <source>The connection was closed without an answer.</source>
        <translation>응답 없이 연결이 닫혔습니다.</translation>
    </message>
    <message>
        <source>Could not set up a secure connection to the server at %1 — check whether its address starts with https:// or http://.</source>
        <translation>%1 서버와 보안 연결을 맺지 못했습니다. 주소가 https://로 시작해야 하는지 http://로 시작해야 하는지 확인하세요.</translation>
    </message>
    <message>
        <source>Could not set up a secure connection to the server at %1 to load the rooms.</source>
        <translation>방 목록을 불러오려 했지만 %1 서버와 보안 연결을 맺지 못했습니다.</translation>
    </message>
    <message>
        <source>Could not set up a secure connection to the server at %1 to reserve a seat.</source>
        <translation>좌석을 예약하려 했지만 %1 서버와 보안 연결을 맺지 못했습니다.</translation>
    </message>
    <message>
        <source>Could not set up a secure connection to the chat server at %1. If it keeps happening, the server&apos;s TLS setup may be wrong.</source>
        <translation>%1 채팅 서버와 보안 연결을 맺지 못했습니다. 계속 이렇다면 서버의 TLS 설정이 잘못되었을 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>roomgate::client::RoomSession</name>
    <message>
        <source>Reservation</source>
        <translation>예약</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>연결</translation>
    </message>
    <message>
        <source>Not connected to a server.</source>
        <translation>서버에 연결되어 있지 않습니다.</translation>
    </message>
    <message>
        <source>The connection was lost.</source>
        <translation>연결이 끊어졌습니다.</translation>
    </message>
    <message>
        <source>The chat server closed the connection (code %1).</source>
        <translation>채팅 서버가 연결을 닫았습니다(코드 %1).</translation>
    </message>
</context>
<context>
    <name>roomgate::client::RoomSocket</name>
    <message>
        <source>The connection to the chat server timed out.</source>
        <translation>채팅 서버 연결 시간이 초과되었습니다.</translation>
    </message>
    <message>
        <source>The chat server did not confirm the leave.</source>
        <translation>채팅 서버가 퇴장을 확인해 주지 않았습니다.</translation>
    </message>
    <message>
        <source>The chat server stopped answering.</source>
        <translation>채팅 서버가 응답하지 않습니다.</translation>
    </message>
</context>
<context>
    <name>roomgate::client::ui::CertificatePanel</name>
    <message>
        <source>Check this server&apos;s certificate</source>
        <translation>이 서버의 인증서를 확인하세요</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>SHA-256 지문:</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>취소(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Accept and continue</source>
        <translation>수락하고 계속(&amp;A)</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256 지문</translation>
    </message>
    <message>
        <source>Do not trust this certificate; nothing is sent</source>
        <translation>이 인증서를 신뢰하지 않습니다. 아무것도 보내지 않습니다</translation>
    </message>
    <message>
        <source>The server at %1 uses a certificate that this computer cannot verify, such as a self-signed one. Compare the fingerprint below with the one the server&apos;s administrator gives you. If they match, accept: Roomgate then trusts this certificate for this server only, and warns you if it ever changes. If you are not sure, cancel: nothing has been sent to the server.</source>
        <translation>%1 서버는 자체 서명 인증서처럼 이 컴퓨터에서 확인할 수 없는 인증서를 쓰고 있습니다. 아래 지문을 서버 관리자에게 받은 지문과 비교해 보세요. 같다면 수락하세요. 그러면 Roomgate는 이 서버에 한해서만 이 인증서를 신뢰하고, 인증서가 바뀌면 알려 드립니다. 확실하지 않다면 취소하세요. 서버에는 아직 아무것도 보내지 않았습니다.</translation>
    </message>
    <message>
        <source>Trust this certificate for %1 from now on, and continue</source>
        <translation>이제부터 %1에 대해 이 인증서를 신뢰하고 계속합니다</translation>
    </message>
</context>
<context>
    <name>roomgate::client::ui::ClientShell</name>
    <message>
        <source>Checking the saved session…</source>
        <translation>저장된 세션을 확인하는 중…</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>로그인하는 중…</translation>
    </message>
    <message>
        <source>Could not sign in</source>
        <translation>로그인하지 못했습니다</translation>
    </message>
    <message>
        <source>Creating the account…</source>
        <translation>계정을 만드는 중…</translation>
    </message>
    <message>
        <source>Could not create the account</source>
        <translation>계정을 만들지 못했습니다</translation>
    </message>
    <message>
        <source>Signed out by the server</source>
        <translation>서버에서 로그아웃되었습니다</translation>
    </message>
    <message>
        <source>Could not check the saved session</source>
        <translation>저장된 세션을 확인하지 못했습니다</translation>
    </message>
</context>
<context>
    <name>roomgate::client::ui::CreateRoomDialog</name>
    <message>
        <source>Create a room</source>
        <translation>방 만들기</translation>
    </message>
    <message>
        <source>Letters, digits, spaces, _ - .</source>
        <translation>글자, 숫자, 공백, _ - .</translation>
    </message>
    <message>
        <source> seats</source>
        <translation>명</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>이름(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Capacity:</source>
        <translation>정원(&amp;C):</translation>
    </message>
    <message>
        <source>Create and enter</source>
        <translation>만들고 들어가기</translation>
    </message>
    <message>
        <source>A room with this name exists already: you will enter it.</source>
        <translation>같은 이름의 방이 이미 있습니다. 그 방으로 들어갑니다.</translation>
    </message>
    <message>
        <source>Room name</source>
        <translation>방 이름</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>정원</translation>
    </message>
    <message>
        <source>About the name</source>
        <translation>이름 안내</translation>
    </message>
</context>
<context>
    <name>roomgate::client::ui::FailureBanner</name>
    <message>
        <source>Problem</source>
        <translation>문제</translation>
    </message>
    <message>
        <source>Close this notice</source>
        <translation>이 알림 닫기</translation>
    </message>
    <message>
        <source>Could not reserve a seat</source>
        <translation>좌석을 예약하지 못했습니다</translation>
    </message>
    <message>
        <source>The connection to the room ended</source>
        <translation>방과의 연결이 끊어졌습니다</translation>
    </message>
    <message>
        <source>Could not connect to the room</source>
        <translation>방에 연결하지 못했습니다</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>서버 메시지: %1</translation>
    </message>
    <message>
        <source>Retrying…</source>
        <translation>다시 시도하는 중…</translation>
    </message>
    <message numerus="yes">
        <source>Retrying in %n s…</source>
        <translation>
            <numerusform>%n초 후 다시 시도합니다…</numerusform>
        </translation>
    </message>
    <message>
        <source>Re&amp;try now</source>
        <translation>지금 다시 시도(&amp;T)</translation>
    </message>
    <message>
        <source>C&amp;hoose another room</source>
        <translation>다른 방 고르기(&amp;H)</translation>
    </message>
    <message>
        <source>Sign in a&amp;gain</source>
        <translation>다시 로그인(&amp;G)</translation>
    </message>
    <message>
        <source>Try again now instead of waiting</source>
        <translation>기다리지 않고 지금 다시 시도합니다</translation>
    </message>
    <message>
        <source>Close this room&apos;s tab and pick another room from the list</source>
        <translation>이 방의 탭을 닫고 목록에서 다른 방을 고릅니다</translation>
    </message>
    <message>
        <source>Open the sign-in window</source>
        <translation>로그인 창을 엽니다</translation>
    </message>
    <message>
        <source>Close this notice (Esc)</source>
        <translation>이 알림 닫기 (Esc)</translation>
    </message>
    <message>
        <source>Hides the notice; nothing is retried</source>
        <translation>알림만 숨기고, 다시 시도하지는 않습니다</translation>
    </message>
    <message numerus="yes">
        <source>You can send again in %n s.</source>
        <translation>
            <numerusform>%n초 후에 다시 보낼 수 있습니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You can try again at %1 (in %n s).</source>
        <translation>
            <numerusform>%1부터 다시 시도할 수 있습니다(%n초 후).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>roomgate::client::ui::MainWindow</name>
    <message>
        <source>Enter a room from the list — double-click it — or create one.
You can be in several rooms at once: each gets a tab here.</source>
        <translation>목록에서 방을 두 번 클릭해 들어가거나 새 방을 만드세요.
여러 방에 동시에 들어갈 수 있고, 방마다 여기에 탭이 생깁니다.</translation>
    </message>
    <message>
        <source>&amp;Roomgate</source>
        <translation>Roomgate(&amp;R)</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>로그아웃(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>R&amp;oom</source>
        <translation>방(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Create room…</source>
        <translation>방 만들기…(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Enter selected room</source>
        <translation>선택한 방에 들어가기(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Refresh the list</source>
        <translation>목록 새로 고침(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Leave room</source>
        <translation>방 나가기(&amp;L)</translation>
    </message>
    <message>
        <source>Signed in as %1 on %2</source>
        <translation>%2에 %1 계정으로 로그인함</translation>
    </message>
    <message>
        <source>Session not saved: no keychain</source>
        <translation>세션 저장 안 됨: 키체인 없음</translation>
    </message>
    <message>
        <source>No system keychain answered, so your session is kept in memory only. You sign in again after quitting.</source>
        <translation>응답하는 시스템 키체인이 없어 세션을 메모리에만 보관합니다. 앱을 끝내면 다음에 다시 로그인해야 합니다.</translation>
    </message>
    <message>
        <source>Rooms you are in</source>
        <translation>들어가 있는 방</translation>
    </message>
    <message>
        <source>Session not saved: keychain off</source>
        <translation>세션 저장 안 됨: 키체인 꺼짐</translation>
    </message>
    <message>
        <source>The keychain is off (--no-keychain), so your session is kept in memory only. You sign in again after quitting.</source>
        <translation>키체인을 끈 상태(--no-keychain)라 세션을 메모리에만 보관합니다. 앱을 끝낸 뒤에는 다시 로그인해야 합니다.</translation>
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
        <translation>%1 (나)</translation>
    </message>
    <message>
        <source>You are in the room</source>
        <translation>내가 이 방에 있습니다</translation>
    </message>
    <message>
        <source>%1 is in the room</source>
        <translation>%1 님이 이 방에 있습니다</translation>
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
        <translation>%1 (나)</translation>
    </message>
</context>
<context>
    <name>roomgate::client::ui::RoomDelegate</name>
    <message>
        <source>%1 · full</source>
        <translation>%1 · 만석</translation>
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
        <translation>열림</translation>
    </message>
    <message>
        <source>New, waiting for its first member</source>
        <translation>새 방 · 첫 입장을 기다리는 중</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>닫힘</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>알 수 없음</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n member(s) in the room</source>
        <translation>
            <numerusform>%1: 방에 %n명 있음</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n seat(s) reserved</source>
        <translation>
            <numerusform>%n석 예약됨</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n seat(s) in all</source>
        <translation>
            <numerusform>전체 %n석</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>멤버 %n명</numerusform>
        </translation>
    </message>
    <message>
        <source>full</source>
        <translation>만석</translation>
    </message>
</context>
<context>
    <name>roomgate::client::ui::RoomListPane</name>
    <message>
        <source>Re&amp;fresh</source>
        <translation>새로 고침(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Create room…</source>
        <translation>방 만들기…(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Enter</source>
        <translation>입장(&amp;E)</translation>
    </message>
    <message>
        <source>Filter rooms</source>
        <translation>방 이름으로 찾기</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>방</translation>
    </message>
    <message>
        <source>Each room with its seats: members, reserved seats and capacity</source>
        <translation>방마다 좌석 현황: 멤버, 예약된 좌석, 정원</translation>
    </message>
    <message>
        <source>Load the room list again (F5)</source>
        <translation>방 목록을 다시 불러옵니다 (F5)</translation>
    </message>
    <message>
        <source>Create a room and enter it (Ctrl+N)</source>
        <translation>방을 만들고 들어갑니다 (Ctrl+N)</translation>
    </message>
    <message>
        <source>members</source>
        <translation>멤버</translation>
    </message>
    <message>
        <source>reserved</source>
        <translation>예약</translation>
    </message>
    <message>
        <source>full</source>
        <translation>만석</translation>
    </message>
    <message>
        <source>Seats: members + reserved / capacity</source>
        <translation>좌석: 멤버 + 예약 / 정원</translation>
    </message>
    <message>
        <source>This room is closed: nobody can enter it now</source>
        <translation>닫힌 방입니다. 지금은 아무도 들어갈 수 없습니다</translation>
    </message>
    <message>
        <source>Enter the selected room (Enter)</source>
        <translation>고른 방에 들어갑니다 (Enter)</translation>
    </message>
    <message>
        <source>No rooms yet: create the first one.</source>
        <translation>아직 방이 없습니다. 첫 방을 만들어 보세요.</translation>
    </message>
    <message>
        <source>No room matches the filter.</source>
        <translation>찾는 이름과 맞는 방이 없습니다.</translation>
    </message>
    <message>
        <source>Could not load the rooms</source>
        <translation>방 목록을 불러오지 못했습니다</translation>
    </message>
    <message>
        <source>Loa&amp;d the rooms again</source>
        <translation>방 목록 다시 불러오기(&amp;D)</translation>
    </message>
    <message>
        <source>Sign &amp;in again</source>
        <translation>다시 로그인(&amp;I)</translation>
    </message>
</context>
<context>
    <name>roomgate::client::ui::RoomView</name>
    <message>
        <source>Messages</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>참여자</translation>
    </message>
    <message>
        <source>Write a message — Enter sends, Shift+Enter starts a new line</source>
        <translation>메시지를 입력하세요 — Enter로 보내고 Shift+Enter로 줄을 바꿉니다</translation>
    </message>
    <message>
        <source>%1 joined</source>
        <translation>%1 님이 들어왔습니다</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 님이 나갔습니다</translation>
    </message>
    <message>
        <source>Connection lost: %1</source>
        <translation>연결이 끊어졌습니다: %1</translation>
    </message>
    <message>
        <source>Your message was not sent: %1</source>
        <translation>메시지를 보내지 못했습니다: %1</translation>
    </message>
    <message>
        <source>Not in the room</source>
        <translation>방에 없음</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n s…</source>
        <translation>
            <numerusform>%n초 후 다시 연결합니다…</numerusform>
        </translation>
    </message>
    <message>
        <source>Reserving a seat…</source>
        <translation>좌석을 예약하는 중…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>연결하는 중…</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>입장함</translation>
    </message>
    <message>
        <source>Leaving…</source>
        <translation>나가는 중…</translation>
    </message>
    <message>
        <source>Connected again</source>
        <translation>다시 연결되었습니다</translation>
    </message>
    <message>
        <source>In the room (%1)</source>
        <translation>방에 있는 사람 (%1)</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>%n character(s) over the limit</source>
        <translation>
            <numerusform>%n자 초과</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n character(s) left</source>
        <translation>
            <numerusform>%n자 남음</numerusform>
        </translation>
    </message>
    <message>
        <source>The message is longer than %1 characters</source>
        <translation>메시지가 %1자를 넘습니다</translation>
    </message>
    <message>
        <source>Last seen in the room (%1)</source>
        <translation>마지막으로 본 참여자 (%1)</translation>
    </message>
    <message>
        <source>Reconnect &amp;now</source>
        <translation>지금 다시 연결(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Leave</source>
        <translation>나가기(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>보내기(&amp;S)</translation>
    </message>
    <message>
        <source>Try to enter the room again now instead of waiting</source>
        <translation>기다리지 않고 지금 방에 다시 들어가 봅니다</translation>
    </message>
    <message>
        <source>The room&apos;s messages, oldest first</source>
        <translation>방의 메시지, 오래된 것부터</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>No seat came free for a long while: use Retry now to try again.</source>
        <translation>한참 동안 빈자리가 나지 않았습니다. 다시 해 보려면 ‘지금 다시 시도’를 누르세요.</translation>
    </message>
    <message>
        <source>No longer in the room: see the notice below</source>
        <translation>이제 방에 있지 않습니다. 아래 알림을 확인하세요</translation>
    </message>
    <message>
        <source>Could not enter: see the notice below</source>
        <translation>입장하지 못했습니다. 아래 알림을 확인하세요</translation>
    </message>
    <message>
        <source>Room status</source>
        <translation>방 상태</translation>
    </message>
    <message>
        <source>Leave the room and give the seat back (Ctrl+W)</source>
        <translation>방에서 나가 좌석을 돌려줍니다 (Ctrl+W)</translation>
    </message>
    <message>
        <source>Close this tab: you are not in the room</source>
        <translation>이 탭을 닫습니다. 지금은 방에 있지 않습니다</translation>
    </message>
    <message>
        <source>Watching the room: you enter as soon as a seat is free.</source>
        <translation>방을 지켜보고 있습니다. 자리가 나면 바로 들어갑니다.</translation>
    </message>
    <message>
        <source>A seat is free — entering…</source>
        <translation>자리가 났습니다. 들어가는 중…</translation>
    </message>
    <message>
        <source>Your message was not sent</source>
        <translation>메시지를 보내지 못했습니다</translation>
    </message>
    <message>
        <source>You are sending faster than the room allows. Your message is back in the input box: send it again in a moment.</source>
        <translation>방에서 허용하는 것보다 빠르게 보내고 있습니다. 메시지를 입력창에 되돌려 두었으니 잠시 후 다시 보내세요.</translation>
    </message>
    <message>
        <source>C&amp;lose tab</source>
        <translation>탭 닫기(&amp;L)</translation>
    </message>
    <message>
        <source>The room was closed or deleted while you waited.</source>
        <translation>기다리는 동안 방이 닫히거나 삭제되었습니다.</translation>
    </message>
    <message>
        <source>Your session has ended: sign in again, then use Retry now.</source>
        <translation>세션이 끝났습니다. 다시 로그인한 뒤 ‘지금 다시 시도’를 누르세요.</translation>
    </message>
</context>
<context>
    <name>roomgate::client::ui::SignInWindow</name>
    <message>
        <source>Chat rooms where your seat is kept for you.</source>
        <translation>내 자리를 맡아 두는 채팅방.</translation>
    </message>
    <message>
        <source>Create an account with this user name and password, then sign in</source>
        <translation>이 사용자 이름과 비밀번호로 계정을 만들고 로그인합니다</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>서버(&amp;S):</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>사용자 이름(&amp;U):</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>비밀번호(&amp;P):</translation>
    </message>
    <message>
        <source>No system keychain answered: your session is kept in memory only, and you sign in again after quitting.</source>
        <translation>응답하는 시스템 키체인이 없어 세션을 메모리에만 보관합니다. 앱을 끝내면 다음에 다시 로그인해야 합니다.</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, for example http://127.0.0.1:8080.</source>
        <translation>서버 주소를 입력하세요. 예: http://127.0.0.1:8080</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>사용자 이름을 입력하세요.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>비밀번호를 입력하세요.</translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation>로그인(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation>가입하기(&amp;R)</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>로그인</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>서버 주소</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>사용자 이름</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>비밀번호</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>진행 상황</translation>
    </message>
    <message>
        <source>Too many sign-in attempts. Wait until the time below, then try again.</source>
        <translation>로그인 시도가 너무 많습니다. 아래 시각까지 기다린 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <source>The keychain is off (--no-keychain): your session is kept in memory only, and you sign in again after quitting.</source>
        <translation>키체인을 끈 상태(--no-keychain)라 세션을 메모리에만 보관하며, 앱을 끝낸 뒤에는 다시 로그인해야 합니다.</translation>
    </message>
    <message>
        <source>&amp;Forget trusted certificate</source>
        <translation>신뢰한 인증서 잊기(&amp;F)</translation>
    </message>
    <message>
        <source>Stop trusting the certificate you accepted for %1 (SHA-256 %2). You are asked again the next time it is presented.</source>
        <translation>%1에 대해 수락한 인증서(SHA-256 %2)를 더는 신뢰하지 않습니다. 다음에 이 인증서를 받으면 다시 묻습니다.</translation>
    </message>
</context>
</TS>
