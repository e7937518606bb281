// SPDX-License-Identifier: MIT
#include "client/ui/failurebanner.h"

#include <QApplication>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QShortcut>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace roomgate::client::ui {

namespace {
constexpr int kTickMs = 200;
constexpr int kIconSize = 32;
} // namespace

FailureBanner::FailureBanner(QWidget *parent, const Clock &clock)
    : QFrame(parent),
      m_icon(new QLabel(this)),
      m_title(new QLabel(this)),
      m_sentence(new QLabel(this)),
      m_detail(new QLabel(this)),
      m_countdownLabel(new QLabel(this)),
      m_retry(new QPushButton(tr("Re&try now"), this)),
      m_chooseRoom(new QPushButton(tr("C&hoose another room"), this)),
      m_signIn(new QPushButton(tr("Sign in a&gain"), this)),
      m_close(new QToolButton(this)),
      m_clock(clock)
{
    setObjectName(QStringLiteral("failureBanner"));
    setFrameShape(QFrame::StyledPanel);
    // A warm background and border set the banner apart from the view it sits in;
    // the selector names the banner only, so labels and buttons keep the platform look.
    setStyleSheet(QStringLiteral("QFrame#failureBanner { background: #fdf1ef; "
                                 "border: 1px solid #e3a59c; border-radius: 6px; }"));
    setAccessibleName(tr("Problem"));

    m_icon->setPixmap(
        style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(kIconSize, kIconSize));
    m_icon->setAlignment(Qt::AlignTop);
    m_title->setObjectName(QStringLiteral("failureTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::PlainText);
    m_sentence->setObjectName(QStringLiteral("failureSentence"));
    m_sentence->setWordWrap(true);
    m_sentence->setTextFormat(Qt::PlainText);
    m_sentence->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setObjectName(QStringLiteral("failureDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setTextFormat(Qt::PlainText);
    QPalette detailPalette = m_detail->palette();
    detailPalette.setColor(QPalette::WindowText, QColor(0x5f, 0x5f, 0x5f));
    m_detail->setPalette(detailPalette);
    m_countdownLabel->setObjectName(QStringLiteral("failureCountdown"));
    m_countdownLabel->setWordWrap(true);
    m_retry->setObjectName(QStringLiteral("retryNowButton"));
    m_retry->setAccessibleDescription(tr("Try again now instead of waiting"));
    m_chooseRoom->setObjectName(QStringLiteral("chooseAnotherRoomButton"));
    m_chooseRoom->setAccessibleDescription(
        tr("Close this room's tab and pick another room from the list"));
    m_signIn->setObjectName(QStringLiteral("signInAgainButton"));
    m_signIn->setAccessibleDescription(tr("Open the sign-in window"));
    m_close->setObjectName(QStringLiteral("dismissButton"));
    m_close->setAutoRaise(true);
    m_close->setFocusPolicy(Qt::StrongFocus);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Close this notice (Esc)"));
    m_close->setAccessibleName(tr("Close this notice"));
    m_close->setAccessibleDescription(tr("Hides the notice; nothing is retried"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_countdownLabel);
    buttons->addStretch(1);
    buttons->addWidget(m_signIn);
    buttons->addWidget(m_chooseRoom);
    buttons->addWidget(m_retry);

    auto *text = new QVBoxLayout;
    text->setSpacing(4);
    text->addWidget(m_title);
    text->addWidget(m_sentence);
    text->addWidget(m_detail);
    text->addLayout(buttons);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 8, 6, 8);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addLayout(text, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);

    // Keyboard order follows the eye: what to do first, then the dismiss button.
    setTabOrder(m_retry, m_chooseRoom);
    setTabOrder(m_chooseRoom, m_signIn);
    setTabOrder(m_signIn, m_close);

    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    escape->setContext(Qt::WidgetWithChildrenShortcut);
    connect(escape, &QShortcut::activated, m_close, &QToolButton::click);

    m_countdown.setInterval(kTickMs);
    connect(&m_countdown, &QTimer::timeout, this, &FailureBanner::tick);
    connect(m_retry, &QPushButton::clicked, this, [this] {
        m_countdown.stop();
        Q_EMIT retryRequested();
    });
    connect(m_chooseRoom, &QPushButton::clicked, this, [this] {
        m_countdown.stop();
        Q_EMIT chooseAnotherRoomRequested();
    });
    connect(m_signIn, &QPushButton::clicked, this, [this] {
        m_countdown.stop();
        Q_EMIT signInAgainRequested();
    });
    connect(m_close, &QToolButton::clicked, this, [this] {
        // The focus stays in the view, not on a widget about to hide.
        const bool hadFocus = isAncestorOf(QApplication::focusWidget());
        clear();
        if (hadFocus && parentWidget())
            parentWidget()->setFocus(Qt::OtherFocusReason);
        Q_EMIT dismissed();
    });
    hide();
}

QString FailureBanner::titleFor(Phase phase, bool wasJoined)
{
    if (phase == Phase::Reservation)
        return tr("Could not reserve a seat");
    return wasJoined ? tr("The connection to the room ended") : tr("Could not connect to the room");
}

FailureBanner::Actions FailureBanner::actionsFor(ErrorCode code, Phase phase)
{
    switch (code) {
    case ErrorCode::Unauthenticated:
        return Action::SignInAgain;
    case ErrorCode::RoomNotFound:
    case ErrorCode::RoomClosed:
    case ErrorCode::Forbidden:
    case ErrorCode::Kicked:
        // The server or an admin said no: entering this room again cannot help.
        return Action::ChooseAnotherRoom;
    case ErrorCode::RoomFull:
    case ErrorCode::AlreadyInRoom:
        // Both pass: a seat frees up, the other window leaves.
        return Action::RetryNow | Action::ChooseAnotherRoom;
    default:
        break;
    }
    if (errorInfo(code).retryable)
        return Action::RetryNow;
    // A refused request stays refused when sent again unchanged; a connection that
    // ended over one frame can be entered again.
    if (phase == Phase::Connection)
        return Action::RetryNow | Action::ChooseAnotherRoom;
    return Action::ChooseAnotherRoom;
}

bool FailureBanner::countsDown(ErrorCode code)
{
    return code == ErrorCode::RoomFull || code == ErrorCode::RateLimited;
}

FailureBanner::Notice FailureBanner::noticeFor(const QString &title, const Problem &problem,
                                               Actions actions)
{
    Notice notice;
    notice.title = title;
    notice.code = problem.code;
    notice.sentence = errorSentence(problem.code);
    notice.actions = actions;
    // The server's detail defaults to the code's English sentence: only a detail that
    // says more than the sentence above is worth a line.
    const QString english = QString::fromUtf8(errorInfo(problem.code).sentence);
    const QString trimmed = problem.detail.trimmed();
    if (!trimmed.isEmpty() && trimmed != english && trimmed != notice.sentence)
        notice.detail = tr("Server: %1").arg(trimmed);
    return notice;
}

FailureBanner::Notice FailureBanner::noticeFor(const QString &title, LocalError local,
                                               LocalErrorPhase phase, const QString &address,
                                               Actions actions, const CertificateCheck &certificate)
{
    Notice notice;
    notice.title = title;
    notice.code = ErrorCode::Unavailable;
    notice.local = local;
    notice.actions = actions;
    if (certificate.isRefusal()) {
        // What was refused and why, with the fingerprint to compare with the admin's.
        notice.sentence = certificate.sentence(phase, address);
        notice.detail = certificate.detail();
        return notice;
    }
    notice.sentence = localErrorSentence(local, phase, address);
    // This side's finding, in this side's words: never "Server: Connection refused".
    notice.detail = localErrorReason(local);
    return notice;
}

void FailureBanner::showFailure(const RoomSession::Failure &failure, bool wasJoined, bool autoRetry)
{
    const QString title = titleFor(failure.phase, wasJoined);
    const Actions actions = actionsFor(failure.code, failure.phase);
    Notice notice;
    if (failure.local != LocalError::None) {
        notice = noticeFor(title, failure.local,
                           failure.phase == Phase::Reservation ? LocalErrorPhase::Reservation
                                                               : LocalErrorPhase::Connection,
                           failure.address, actions, failure.certificate);
    } else {
        Problem problem(failure.code, failure.detail);
        notice = noticeFor(title, problem, actions);
    }
    notice.countdownSeconds
        = autoRetry && countsDown(failure.code) ? qMax(0, failure.retryAfterSeconds) : 0;
    present(notice);
}

void FailureBanner::showProblem(const QString &title, const Problem &problem, Actions actions,
                                int countdownSeconds)
{
    Notice notice = noticeFor(title, problem, actions);
    notice.countdownSeconds = countdownSeconds;
    present(notice);
}

void FailureBanner::present(const Notice &notice)
{
    m_code = notice.code;
    m_local = notice.local;
    m_actions = notice.actions;
    m_countdownKind = notice.countdown;
    m_title->setText(notice.title);
    m_sentence->setText(notice.sentence.isEmpty() ? errorSentence(notice.code) : notice.sentence);
    m_detail->setText(notice.detail);
    m_detail->setVisible(!notice.detail.isEmpty());
    m_retry->setVisible(notice.actions.testFlag(Action::RetryNow));
    m_chooseRoom->setVisible(notice.actions.testFlag(Action::ChooseAnotherRoom));
    m_signIn->setVisible(notice.actions.testFlag(Action::SignInAgain));

    m_countdown.stop();
    m_shownSeconds = 0;
    m_startSeconds = qMax(0, notice.countdownSeconds);
    if (notice.countdownSeconds > 0) {
        const qint64 ms = static_cast<qint64>(notice.countdownSeconds) * 1000;
        m_deadlineMs = m_clock.monotonicMs() + ms;
        m_deadlineWallMs = m_clock.wallMs() + ms;
        m_countdown.start();
        tick();
    } else {
        m_countdownLabel->clear();
        m_countdownLabel->hide();
    }
    updateAccessibleText();
    QFrame::show();
}

void FailureBanner::setNote(const QString &note)
{
    if (m_countdown.isActive())
        return;
    m_countdownLabel->setText(note);
    m_countdownLabel->setVisible(!note.isEmpty());
    updateAccessibleText();
}

void FailureBanner::setButtonTexts(const QString &retryNow, const QString &signInAgain)
{
    m_retry->setText(retryNow);
    m_signIn->setText(signInAgain);
}

void FailureBanner::clear()
{
    m_countdown.stop();
    m_countdownLabel->clear();
    m_code = ErrorCode::Ok;
    m_local = LocalError::None;
    m_actions = {};
    hide();
}

void FailureBanner::updateAccessibleText()
{
    // A screen reader says what a sighted user reads, in the same order.
    QStringList parts{m_sentence->text()};
    if (!m_detail->text().isEmpty())
        parts.append(m_detail->text());
    if (!m_countdownLabel->text().isEmpty())
        parts.append(m_countdownLabel->text());
    setAccessibleName(m_title->text());
    setAccessibleDescription(parts.join(QLatin1Char(' ')));
}

int FailureBanner::countdownSeconds() const
{
    // What the label says, so the value and the text never disagree.
    return m_countdown.isActive() ? m_shownSeconds : 0;
}

QString FailureBanner::countdownText() const
{
    return m_countdown.isActive() ? m_countdownLabel->text() : QString();
}

QString FailureBanner::noteText() const
{
    return m_countdownLabel->text();
}

QString FailureBanner::title() const
{
    return m_title->text();
}

QString FailureBanner::sentence() const
{
    return m_sentence->text();
}

QString FailureBanner::detail() const
{
    return m_detail->text();
}

QString FailureBanner::countdownLine(int seconds) const
{
    switch (m_countdownKind) {
    case Countdown::Retry:
        return tr("Retrying in %n s…", nullptr, seconds);
    case Countdown::SendAgain:
        return tr("You can send again in %n s.", nullptr, seconds);
    case Countdown::TryAgainAt: {
        const QString at = QLocale().toString(
            QDateTime::fromMSecsSinceEpoch(m_deadlineWallMs).toLocalTime().time(),
            QStringLiteral("HH:mm:ss"));
        return tr("You can try again at %1 (in %n s).", nullptr, seconds).arg(at);
    }
    }
    return {};
}

void FailureBanner::tick()
{
    const qint64 remainingMs = m_deadlineMs - m_clock.monotonicMs();
    if (remainingMs <= 0) {
        m_countdown.stop();
        m_countdownLabel->setText(m_countdownKind == Countdown::Retry ? tr("Retrying…")
                                                                      : QString());
        m_countdownLabel->setVisible(!m_countdownLabel->text().isEmpty());
        updateAccessibleText();
        Q_EMIT countdownFinished();
        return;
    }
    const int seconds = static_cast<int>((remainingMs + 999) / 1000);
    if (seconds == m_shownSeconds)
        return;
    m_shownSeconds = seconds;
    m_countdownLabel->setText(countdownLine(seconds));
    m_countdownLabel->show();
    updateAccessibleText();
}

} // namespace roomgate::client::ui
