// SPDX-License-Identifier: MIT
#include "client/ui/roomview.h"

#include "client/core/seatwatcher.h"
#include "client/ui/elidedlabel.h"
#include "client/ui/failurebanner.h"
#include "client/ui/logging.h"
#include "client/ui/memberlistmodel.h"
#include "client/ui/messagedelegate.h"
#include "client/ui/messageedit.h"
#include "client/ui/messagelistmodel.h"
#include "shared/textrules.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include <utility>

namespace roomgate::client::ui {

namespace {
/** Automatic retries in a row (ROOM_FULL, RATE_LIMITED) before the user decides. */
constexpr int kMaxAutoRetries = 10;

using State = RoomSession::State;
} // namespace

RoomView::RoomView(RoomSession *session, const Clock &clock, QWidget *parent)
    : QWidget(parent),
      m_session(session),
      m_messages(new MessageListModel(this)),
      m_members(new MemberListModel(this)),
      m_seatWatcher(new SeatWatcher(session->api(), this)),
      m_title(new ElidedLabel(this)),
      m_status(new QLabel(this)),
      m_reconnectNow(new QPushButton(tr("Reconnect &now"), this)),
      m_leave(new QPushButton(tr("&Leave"), this)),
      m_banner(new FailureBanner(this, clock)),
      m_transcript(new QListView(this)),
      m_membersHeader(new QLabel(this)),
      m_memberView(new QListView(this)),
      m_input(new MessageEdit(this)),
      m_send(new QPushButton(tr("&Send"), this)),
      m_counter(new QLabel(this))
{
    setObjectName(QStringLiteral("roomView"));
    m_title->setObjectName(QStringLiteral("roomTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    if (titleFont.pointSizeF() > 0)
        titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    m_title->setFont(titleFont);
    m_status->setObjectName(QStringLiteral("roomStatus"));
    m_status->setTextFormat(Qt::PlainText);

    m_reconnectNow->setObjectName(QStringLiteral("reconnectNowButton"));
    m_reconnectNow->setToolTip(tr("Try to enter the room again now instead of waiting"));
    m_reconnectNow->setAccessibleDescription(m_reconnectNow->toolTip());
    m_reconnectNow->hide();
    m_leave->setObjectName(QStringLiteral("leaveButton"));

    m_transcript->setObjectName(QStringLiteral("transcript"));
    m_transcript->setModel(m_messages);
    m_transcript->setItemDelegate(new MessageDelegate(m_transcript));
    m_transcript->setResizeMode(QListView::Adjust);
    m_transcript->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_transcript->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Reachable from the keyboard: arrows and Page Up/Down read back through the chat.
    m_transcript->setSelectionMode(QAbstractItemView::SingleSelection);
    m_transcript->setFocusPolicy(Qt::StrongFocus);
    m_transcript->setUniformItemSizes(false);
    m_transcript->setWordWrap(true);
    m_transcript->setAccessibleName(tr("Messages"));
    m_transcript->setAccessibleDescription(tr("The room's messages, oldest first"));

    m_memberView->setObjectName(QStringLiteral("memberList"));
    m_memberView->setModel(m_members);
    m_memberView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_memberView->setFocusPolicy(Qt::StrongFocus);
    m_memberView->setAccessibleName(tr("Members"));
    m_membersHeader->setObjectName(QStringLiteral("membersHeader"));
    m_membersHeader->setBuddy(m_memberView);

    m_input->setObjectName(QStringLiteral("messageInput"));
    m_input->setPlaceholderText(tr("Write a message — Enter sends, Shift+Enter starts a new line"));
    m_input->setAccessibleName(tr("Message"));
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setEnabled(false);
    m_counter->setObjectName(QStringLiteral("characterCounter"));
    m_counter->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_counter->hide();

    auto *header = new QHBoxLayout;
    // The status line is always whole beside the name; the name gives way, elided in the
    // middle, when the room is narrow.
    header->addWidget(m_title);
    header->addSpacing(12);
    header->addWidget(m_status);
    header->addStretch(1);
    header->addWidget(m_reconnectNow);
    header->addWidget(m_leave);

    auto *membersPane = new QWidget(this);
    auto *membersLayout = new QVBoxLayout(membersPane);
    membersLayout->setContentsMargins(0, 0, 0, 0);
    membersLayout->addWidget(m_membersHeader);
    membersLayout->addWidget(m_memberView);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_transcript);
    splitter->addWidget(membersPane);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto *sendColumn = new QVBoxLayout;
    sendColumn->addWidget(m_send);
    sendColumn->addWidget(m_counter);
    sendColumn->addStretch(1);
    auto *inputRow = new QHBoxLayout;
    inputRow->addWidget(m_input, 1);
    inputRow->addLayout(sendColumn);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_banner);
    layout->addWidget(splitter, 1);
    layout->addLayout(inputRow);

    // The keyboard walks the tab as the eye does: header, notice, chat, members, input.
    setTabOrder(m_reconnectNow, m_leave);
    setTabOrder(m_transcript, m_memberView);
    setTabOrder(m_memberView, m_input);
    setTabOrder(m_input, m_send);

    connect(m_leave, &QPushButton::clicked, this, &RoomView::leaveRequested);
    connect(m_reconnectNow, &QPushButton::clicked, this, [this] {
        if (m_session)
            m_session->retryNow();
    });
    connect(m_send, &QPushButton::clicked, this, &RoomView::send);
    connect(m_input, &MessageEdit::submitted, this, &RoomView::send);
    connect(m_input, &QPlainTextEdit::textChanged, this, &RoomView::updateInput);
    connect(m_banner, &FailureBanner::retryRequested, this, [this] { retry(false); });
    connect(m_banner, &FailureBanner::countdownFinished, this, &RoomView::onCountdownFinished);
    connect(m_banner, &FailureBanner::chooseAnotherRoomRequested, this,
            &RoomView::chooseAnotherRoomRequested);
    connect(m_banner, &FailureBanner::signInAgainRequested, this, &RoomView::signInAgainRequested);
    connect(m_banner, &FailureBanner::dismissed, this, [this] {
        // Dismissing is the user's "not now": no more watching, no paused send.
        m_seatWatcher->stop();
        m_sendPaused = false;
        updateInput();
    });
    connect(m_seatWatcher, &SeatWatcher::seatFree, this, &RoomView::onSeatFree);
    connect(m_seatWatcher, &SeatWatcher::gaveUp, this, [this](SeatWatcher::End why) {
        switch (why) {
        case SeatWatcher::End::NoSeat:
            m_banner->setNote(
                tr("No seat came free for a long while: use Retry now to try again."));
            break;
        case SeatWatcher::End::RoomGone:
            m_banner->setNote(tr("The room was closed or deleted while you waited."));
            break;
        case SeatWatcher::End::SessionEnded:
            m_banner->setNote(tr("Your session has ended: sign in again, then use Retry now."));
            break;
        }
    });

    connect(session, &RoomSession::stateChanged, this, &RoomView::onStateChanged);
    connect(session, &RoomSession::joined, this, &RoomView::onJoined);
    connect(session, &RoomSession::failed, this, &RoomView::onFailed);
    connect(session, &RoomSession::membersChanged, this, &RoomView::onMembersChanged);
    connect(session, &RoomSession::reconnectingIn, this, &RoomView::updateStatus);
    connect(session, &RoomSession::messageRefused, this, &RoomView::onMessageRefused);
    connect(session, &RoomSession::messageReceived, this, [this](const ChatMessage &message) {
        const bool own = m_session && m_session->isOwn(message);
        const bool atEnd = transcriptAtEnd() || own;
        if (m_messages->appendMessage(message, own))
            scrollToEndLater(atEnd);
    });
    connect(session, &RoomSession::memberJoined, this, [this](const QString &user) {
        if (user != m_session->you())
            m_messages->appendNotice(tr("%1 joined").arg(user));
    });
    connect(session, &RoomSession::memberLeft, this, [this](const QString &user) {
        if (user != m_session->you())
            m_messages->appendNotice(tr("%1 left").arg(user));
    });
    connect(session, &RoomSession::connectionLost, this, [this](const RoomSession::Failure &why) {
        m_reconnectingAfterDrop = true;
        m_messages->appendNotice(tr("Connection lost: %1").arg(why.sentence()),
                                 MessageListModel::Kind::Warning);
        scrollToEndLater(true);
    });

    if (session->isJoined())
        onJoined();
    else if (session->hasFailed())
        onFailed(session->failure());
    updateStatus();
    onMembersChanged();
    updateInput();
    // No focus proxy: a proxy would make the tab one stop for the keyboard, skipping
    // Leave, the transcript and the members.
}

RoomView::~RoomView() = default;

QString RoomView::roomName() const
{
    if (!m_session)
        return {};
    const QString known = m_session->roomInfo().name;
    return known.isEmpty() ? m_session->room() : known;
}

QString RoomView::statusFor(RoomSession::State state, bool reconnecting, int secondsLeft,
                            bool wasIn)
{
    switch (state) {
    case State::Idle:
        return tr("Not in the room");
    case State::Reserving:
        if (reconnecting && secondsLeft > 0)
            return tr("Reconnecting in %n s…", nullptr, secondsLeft);
        return tr("Reserving a seat…");
    case State::Connecting:
        return tr("Connecting…");
    case State::Joined:
        return tr("Joined");
    case State::Leaving:
        return tr("Leaving…");
    case State::Failed:
        return wasIn ? tr("No longer in the room: see the notice below")
                     : tr("Could not enter: see the notice below");
    }
    return {};
}

QString RoomView::statusText() const
{
    return m_status->text();
}

RoomView::Indicator RoomView::indicator() const
{
    if (!m_session)
        return Indicator::Idle;
    switch (m_session->state()) {
    case State::Joined:
        return Indicator::Joined;
    case State::Failed:
        return Indicator::Failed;
    case State::Reserving:
    case State::Connecting:
        return Indicator::Entering;
    case State::Idle:
    case State::Leaving:
        break;
    }
    return Indicator::Idle;
}

void RoomView::updateStatus()
{
    if (!m_session)
        return;
    m_title->setText(roomName());
    const bool waiting = m_session->isReconnecting() && m_session->reconnectSecondsLeft() > 0;
    const QString text
        = statusFor(m_session->state(), m_session->isReconnecting(),
                    m_session->reconnectSecondsLeft(), m_session->failure().whileJoined);
    QString colour;
    switch (indicator()) {
    case Indicator::Joined:
        colour = QStringLiteral("#2ea043");
        break;
    case Indicator::Entering:
        colour = QStringLiteral("#d68a00");
        break;
    case Indicator::Failed:
        colour = QStringLiteral("#c0392b");
        break;
    case Indicator::Idle:
        colour = QStringLiteral("#8a8a8a");
        break;
    }
    m_status->setText(text);
    m_status->setToolTip(text);
    m_status->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(colour));
    m_status->setAccessibleName(tr("Room status"));
    m_status->setAccessibleDescription(text);
    m_reconnectNow->setVisible(waiting);
    // Out of the room, the button only closes the tab: it says so.
    const bool inside = m_session->isActive();
    m_leave->setText(inside ? tr("&Leave") : tr("C&lose tab"));
    m_leave->setToolTip(inside ? tr("Leave the room and give the seat back (Ctrl+W)")
                               : tr("Close this tab: you are not in the room"));
    m_leave->setAccessibleDescription(m_leave->toolTip());
    Q_EMIT statusChanged();
}

void RoomView::onStateChanged(RoomSession::State state)
{
    if (state != State::Failed) {
        m_banner->clear();
        m_seatWatcher->stop();
        m_sendPaused = false;
    }
    if (state == State::Idle)
        m_reconnectingAfterDrop = false;
    if (state != State::Joined && state != State::Failed)
        onMembersChanged();
    updateStatus();
    updateInput();
}

void RoomView::onJoined()
{
    m_autoRetries = 0;
    m_reconnectingAfterDrop = false;
    m_banner->clear();
    const bool again = m_everJoined;
    m_everJoined = true;
    m_messages->appendHistory(m_session->history(), m_session->you());
    if (again)
        m_messages->appendNotice(tr("Connected again"));
    m_transcript->scrollToBottom();
    onMembersChanged();
    updateStatus();
    updateInput();
    qCDebug(lcUi) << "room view joined" << roomName();
}

void RoomView::onFailed(const RoomSession::Failure &failure)
{
    const bool autoRetry = m_autoRetries < kMaxAutoRetries;
    const bool ended = failure.whileJoined && !std::exchange(m_reconnectingAfterDrop, false);
    m_banner->showFailure(failure, ended, autoRetry);
    if (ended) {
        m_messages->appendNotice(m_banner->title() + QStringLiteral(": ") + m_banner->sentence(),
                                 MessageListModel::Kind::Warning);
        scrollToEndLater(true);
    }
    if (failure.code == ErrorCode::RoomFull && failure.retryAfterSeconds <= 0 && autoRetry) {
        // Only members hold the seats: no reservation lapses at a known time. Watch.
        m_seatWatcher->watch(roomName());
        m_banner->setNote(tr("Watching the room: you enter as soon as a seat is free."));
    }
    if (failure.whileJoined && m_members->rowCount() > 0) {
        // Who was there when the user had to go: kept, greyed.
        m_members->setStale(true);
        m_membersHeader->setText(tr("Last seen in the room (%1)").arg(m_members->rowCount()));
    } else {
        m_members->clear();
        m_membersHeader->setText(tr("Members"));
    }
    updateStatus();
    Q_EMIT failureShown(m_banner->title());
}

void RoomView::onSeatFree()
{
    if (!m_session || !m_session->hasFailed())
        return;
    const QString note = tr("A seat is free — entering…");
    m_banner->setNote(note);
    m_messages->appendNotice(note);
    scrollToEndLater(true);
    // Counted like the countdown's retries: someone quicker may take the seat each time.
    ++m_autoRetries;
    m_session->retryNow();
}

void RoomView::onCountdownFinished()
{
    if (m_sendPaused) {
        m_sendPaused = false;
        m_banner->clear();
        updateInput();
        return;
    }
    retry(true);
}

void RoomView::onMessageRefused(const RoomSession::MessageRefusal &refusal)
{
    m_messages->appendNotice(tr("Your message was not sent: %1").arg(errorSentence(refusal.code)),
                             MessageListModel::Kind::Warning);
    scrollToEndLater(true);
    // Give the text back, so it can be shortened, or simply sent again later.
    const QString current = m_input->toPlainText();
    if (current.isEmpty())
        m_input->setPlainText(refusal.text);
    else if (!refusal.text.isEmpty() && !current.contains(refusal.text))
        m_input->setPlainText(current + QLatin1Char('\n') + refusal.text);
    if (refusal.code == ErrorCode::RateLimited) {
        FailureBanner::Notice notice = FailureBanner::noticeFor(
            tr("Your message was not sent"), Problem(refusal.code, refusal.detail), {});
        notice.sentence = tr("You are sending faster than the room allows. Your message is "
                             "back in the input box: send it again in a moment.");
        notice.countdown = FailureBanner::Countdown::SendAgain;
        notice.countdownSeconds = qMax(1, refusal.retryAfterSeconds);
        m_sendPaused = true;
        m_banner->present(notice);
    }
    updateInput();
}

void RoomView::onMembersChanged()
{
    if (!m_session)
        return;
    if (!m_session->isJoined()) {
        // Who was there when the connection went: kept, greyed, until we know again.
        m_members->setStale(true);
        m_membersHeader->setText(m_members->rowCount() > 0
                                     ? tr("Last seen in the room (%1)").arg(m_members->rowCount())
                                     : tr("Members"));
        return;
    }
    m_members->setMembers(m_session->members(), m_session->you());
    m_members->setStale(false);
    m_membersHeader->setText(tr("In the room (%1)").arg(m_members->rowCount()));
}

void RoomView::retry(bool automatic)
{
    if (!m_session)
        return;
    m_autoRetries = automatic ? m_autoRetries + 1 : 0;
    m_session->retryNow();
}

void RoomView::updateInput()
{
    const QString text = m_input->toPlainText();
    const int count = TextRules::codePointCount(text.normalized(QString::NormalizationForm_C));
    const bool tooLong = count > TextRules::kMessageMax;
    if (count > kCounterThreshold) {
        m_counter->setText(tr("%1 / %2").arg(count).arg(TextRules::kMessageMax));
        m_counter->setStyleSheet(
            tooLong ? QStringLiteral("QLabel { color: #c0392b; font-weight: bold; }") : QString());
        m_counter->setToolTip(
            tooLong ? tr("%n character(s) over the limit", nullptr, count - TextRules::kMessageMax)
                    : tr("%n character(s) left", nullptr, TextRules::kMessageMax - count));
        m_counter->setAccessibleName(m_counter->toolTip());
        m_counter->show();
    } else {
        m_counter->hide();
    }
    const bool joined = m_session && m_session->isJoined();
    m_send->setEnabled(joined && !m_sendPaused && !tooLong && !text.trimmed().isEmpty());
    m_send->setToolTip(
        tooLong ? tr("The message is longer than %1 characters").arg(TextRules::kMessageMax)
                : QString());
}

void RoomView::send()
{
    if (!m_send->isEnabled() || !m_session)
        return;
    const QString text = m_input->toPlainText();
    const QString clientId = m_session->sendMessage(text);
    if (clientId.isEmpty())
        return; // refused here (messageRefused says why) or not joined any more
    m_input->clear();
}

bool RoomView::transcriptAtEnd() const
{
    const QScrollBar *bar = m_transcript->verticalScrollBar();
    return bar->value() >= bar->maximum() - 4;
}

void RoomView::scrollToEndLater(bool wasAtEnd)
{
    if (!wasAtEnd)
        return;
    // After the view has laid the new row out.
    QTimer::singleShot(0, m_transcript, [view = m_transcript] { view->scrollToBottom(); });
}

} // namespace roomgate::client::ui
