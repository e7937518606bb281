// SPDX-License-Identifier: MIT
#include "client/ui/failurebanner.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
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
      m_retry(new QPushButton(tr("Retry now"), this)),
      m_chooseRoom(new QPushButton(tr("Choose another room"), this)),
      m_signIn(new QPushButton(tr("Sign in again"), this)),
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
    m_sentence->setObjectName(QStringLiteral("failureSentence"));
    m_sentence->setWordWrap(true);
    m_sentence->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setObjectName(QStringLiteral("failureDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setTextFormat(Qt::PlainText);
    QPalette detailPalette = m_detail->palette();
    detailPalette.setColor(QPalette::WindowText, QColor(0x5f, 0x5f, 0x5f));
    m_detail->setPalette(detailPalette);
    m_countdownLabel->setObjectName(QStringLiteral("failureCountdown"));
    m_retry->setObjectName(QStringLiteral("retryNowButton"));
    m_chooseRoom->setObjectName(QStringLiteral("chooseAnotherRoomButton"));
    m_signIn->setObjectName(QStringLiteral("signInAgainButton"));
    m_close->setObjectName(QStringLiteral("dismissButton"));
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Close this notice"));

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
        clear();
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

void FailureBanner::showFailure(const RoomSession::Failure &failure, bool wasJoined, bool autoRetry)
{
    const int countdown
        = autoRetry && countsDown(failure.code) ? qMax(0, failure.retryAfterSeconds) : 0;
    present(titleFor(failure.phase, wasJoined), failure.code, failure.detail,
            actionsFor(failure.code, failure.phase), countdown);
}

void FailureBanner::showProblem(const QString &title, const Problem &problem, Actions actions,
                                int countdownSeconds)
{
    present(title, problem.code, problem.detail, actions, countdownSeconds);
}

void FailureBanner::present(const QString &title, ErrorCode code, const QString &detail,
                            Actions actions, int countdownSeconds)
{
    m_code = code;
    m_actions = actions;
    m_title->setText(title);
    m_sentence->setText(errorSentence(code));
    // The server's detail defaults to the code's English sentence: only a detail that
    // says more than the sentence above is worth a line.
    const QString english = QString::fromUtf8(errorInfo(code).sentence);
    const QString trimmed = detail.trimmed();
    const bool informative
        = !trimmed.isEmpty() && trimmed != english && trimmed != m_sentence->text();
    m_detail->setText(informative ? tr("Server: %1").arg(trimmed) : QString());
    m_detail->setVisible(informative);
    m_retry->setVisible(actions.testFlag(Action::RetryNow));
    m_chooseRoom->setVisible(actions.testFlag(Action::ChooseAnotherRoom));
    m_signIn->setVisible(actions.testFlag(Action::SignInAgain));
    setAccessibleDescription(m_title->text() + QLatin1Char(' ') + m_sentence->text());

    m_countdown.stop();
    m_shownSeconds = 0;
    m_startSeconds = qMax(0, countdownSeconds);
    if (countdownSeconds > 0) {
        m_deadlineMs = m_clock.monotonicMs() + static_cast<qint64>(countdownSeconds) * 1000;
        m_countdown.start();
        tick();
    } else {
        m_countdownLabel->clear();
        m_countdownLabel->hide();
    }
    show();
}

void FailureBanner::clear()
{
    m_countdown.stop();
    m_countdownLabel->clear();
    m_code = ErrorCode::Ok;
    m_actions = {};
    hide();
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

void FailureBanner::tick()
{
    const qint64 remainingMs = m_deadlineMs - m_clock.monotonicMs();
    if (remainingMs <= 0) {
        m_countdown.stop();
        m_countdownLabel->setText(tr("Retrying…"));
        Q_EMIT countdownFinished();
        return;
    }
    const int seconds = static_cast<int>((remainingMs + 999) / 1000);
    if (seconds == m_shownSeconds)
        return;
    m_shownSeconds = seconds;
    m_countdownLabel->setText(tr("Retrying in %n s…", nullptr, seconds));
    m_countdownLabel->show();
}

} // namespace roomgate::client::ui
