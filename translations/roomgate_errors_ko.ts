<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>roomgate::ErrorText</name>
    <message>
        <source>Done.</source>
        <translation>완료했습니다.</translation>
    </message>
    <message>
        <source>The server did not understand the request. Update the app or report the problem.</source>
        <translation>서버가 요청을 이해하지 못했습니다. 앱을 업데이트하거나 문제를 신고해 주세요.</translation>
    </message>
    <message>
        <source>User names have 2 to 32 letters, digits or _ - . characters.</source>
        <translation>사용자 이름은 글자, 숫자 또는 _ - . 문자로 된 2~32자여야 합니다.</translation>
    </message>
    <message>
        <source>The password must have at least 8 characters.</source>
        <translation>비밀번호는 8자 이상이어야 합니다.</translation>
    </message>
    <message>
        <source>That user name is taken. Choose another one.</source>
        <translation>이미 사용 중인 사용자 이름입니다. 다른 이름을 고르세요.</translation>
    </message>
    <message>
        <source>The user name or password is wrong.</source>
        <translation>사용자 이름 또는 비밀번호가 올바르지 않습니다.</translation>
    </message>
    <message>
        <source>Your session has ended. Sign in again.</source>
        <translation>세션이 끝났습니다. 다시 로그인하세요.</translation>
    </message>
    <message>
        <source>Room names have 1 to 64 letters, digits, spaces or _ - . characters.</source>
        <translation>방 이름은 글자, 숫자, 공백 또는 _ - . 문자로 된 1~64자여야 합니다.</translation>
    </message>
    <message>
        <source>A room holds between 1 and 10000 people.</source>
        <translation>방 정원은 1명에서 10000명 사이여야 합니다.</translation>
    </message>
    <message>
        <source>You may not enter this room: it is closed or you are banned from it.</source>
        <translation>이 방에 들어갈 수 없습니다. 방이 닫혔거나 입장이 차단되었습니다.</translation>
    </message>
    <message>
        <source>This room does not exist (any more). Choose another room.</source>
        <translation>이 방은 없거나 이미 삭제되었습니다. 다른 방을 고르세요.</translation>
    </message>
    <message>
        <source>The seat reservation is no longer valid.</source>
        <translation>좌석 예약이 더 이상 유효하지 않습니다.</translation>
    </message>
    <message>
        <source>The server does not know this address. Update the app.</source>
        <translation>서버가 이 주소를 알지 못합니다. 앱을 업데이트하세요.</translation>
    </message>
    <message>
        <source>The server does not allow this request. Update the app.</source>
        <translation>서버가 이 요청을 허용하지 않습니다. 앱을 업데이트하세요.</translation>
    </message>
    <message>
        <source>The room is full. Wait for a seat to free up or choose another room.</source>
        <translation>방이 가득 찼습니다. 자리가 날 때까지 기다리거나 다른 방을 고르세요.</translation>
    </message>
    <message>
        <source>You are already in this room from another window or device.</source>
        <translation>다른 창이나 기기에서 이미 이 방에 들어와 있습니다.</translation>
    </message>
    <message>
        <source>The request was too large for the server.</source>
        <translation>요청이 너무 커서 서버가 받을 수 없습니다.</translation>
    </message>
    <message>
        <source>Too many requests. Wait a moment, then try again.</source>
        <translation>요청이 너무 많습니다. 잠시 후 다시 시도하세요.</translation>
    </message>
    <message>
        <source>The server is busy or cannot reach its storage. Try again shortly.</source>
        <translation>서버가 바쁘거나 저장소에 연결할 수 없습니다. 잠시 후 다시 시도하세요.</translation>
    </message>
    <message>
        <source>Something went wrong on the server. Try again; if it keeps happening, report it.</source>
        <translation>서버에 문제가 생겼습니다. 다시 시도해 보고, 계속 그러면 신고해 주세요.</translation>
    </message>
    <message>
        <source>The entry ticket was not accepted. Enter the room again.</source>
        <translation>입장권이 받아들여지지 않았습니다. 방에 다시 입장하세요.</translation>
    </message>
    <message>
        <source>The connection was idle for too long.</source>
        <translation>연결이 너무 오래 유휴 상태였습니다.</translation>
    </message>
    <message>
        <source>An administrator removed you from this room.</source>
        <translation>관리자가 이 방에서 내보냈습니다.</translation>
    </message>
    <message>
        <source>The seat reservation expired before the connection was made.</source>
        <translation>연결되기 전에 좌석 예약이 만료되었습니다.</translation>
    </message>
    <message>
        <source>This entry ticket was already used.</source>
        <translation>이미 사용한 입장권입니다.</translation>
    </message>
    <message>
        <source>An administrator closed this room.</source>
        <translation>관리자가 이 방을 닫았습니다.</translation>
    </message>
    <message>
        <source>The message is too long. Shorten it and send it again.</source>
        <translation>메시지가 너무 깁니다. 줄여서 다시 보내세요.</translation>
    </message>
    <message>
        <source>The server is restarting.</source>
        <translation>서버를 다시 시작하는 중입니다.</translation>
    </message>
    <message>
        <source>A room with this name already exists.</source>
        <translation>같은 이름의 방이 이미 있습니다.</translation>
    </message>
    <message>
        <source>The room has more people or reservations than the new capacity.</source>
        <translation>방 안의 인원과 예약이 새 정원보다 많습니다.</translation>
    </message>
    <message>
        <source>There is no such user here.</source>
        <translation>그런 사용자가 없습니다.</translation>
    </message>
    <message>
        <source>The connection could not keep up with the room. Entering again; messages you missed are in the history.</source>
        <translation>연결이 방의 속도를 따라가지 못했습니다. 다시 입장합니다. 놓친 메시지는 대화 기록에 있습니다.</translation>
    </message>
</context>
</TS>
