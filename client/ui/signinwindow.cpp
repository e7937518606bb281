// SPDX-License-Identifier: MIT
#include "client/ui/signinwindow.h"

#include "client/core/certificatepins.h"
#include "client/ui/certificatepanel.h"
#include "client/ui/failurebanner.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace roomgate::client::ui {

SignInWindow::SignInWindow(const Clock &clock, QWidget *parent)
    : QWidget(parent),
      m_server(new QLineEdit(this)),
      m_username(new QLineEdit(this)),
      m_password(new QLineEdit(this)),
      m_forgetCertificate(new QPushButton(tr("&Forget trusted certificate"), this)),
      m_certificatePanel(new CertificatePanel(this)),
      m_hint(new QLabel(this)),
      m_banner(new FailureBanner(this, clock)),
      m_busy(new QLabel(this)),
      m_register(new QPushButton(tr("&Register"), this)),
      m_signIn(new QPushButton(tr("Sign &in"), this)),
      m_keychainNote(new QLabel(this)),
      m_clock(clock)
{
    setObjectName(QStringLiteral("signInWindow"));
    // The platform adds the application's name ("Sign in — Roomgate"): not said twice.
    setWindowTitle(tr("Sign in"));

    auto *logo = new QLabel(this);
    const QIcon icon = QIcon(QStringLiteral(":/icons/roomgate.svg"));
    if (!icon.isNull())
        logo->setPixmap(icon.pixmap(64, 64));
    auto *name = new QLabel(QStringLiteral("Roomgate"), this);
    QFont nameFont = name->font();
    nameFont.setBold(true);
    if (nameFont.pointSizeF() > 0)
        nameFont.setPointSizeF(nameFont.pointSizeF() * 1.8);
    name->setFont(nameFont);
    auto *tagline = new QLabel(tr("Chat rooms where your seat is kept for you."), this);
    tagline->setWordWrap(true);
    auto *heading = new QVBoxLayout;
    heading->addWidget(name);
    heading->addWidget(tagline);
    auto *top = new QHBoxLayout;
    top->addWidget(logo);
    top->addLayout(heading, 1);

    m_server->setObjectName(QStringLiteral("serverEdit"));
    m_server->setPlaceholderText(QStringLiteral("http://127.0.0.1:8080"));
    m_server->setInputMethodHints(Qt::ImhUrlCharactersOnly | Qt::ImhNoAutoUppercase);
    m_username->setObjectName(QStringLiteral("usernameEdit"));
    m_username->setInputMethodHints(Qt::ImhNoAutoUppercase);
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_signIn->setObjectName(QStringLiteral("signInButton"));
    m_signIn->setDefault(true);
    m_register->setObjectName(QStringLiteral("registerButton"));
    m_register->setToolTip(tr("Create an account with this user name and password, then sign in"));
    m_register->setAccessibleDescription(m_register->toolTip());
    m_server->setAccessibleName(tr("Server address"));
    m_username->setAccessibleName(tr("User name"));
    m_password->setAccessibleName(tr("Password"));

    m_forgetCertificate->setObjectName(QStringLiteral("forgetCertificateButton"));
    m_forgetCertificate->setFlat(true);
    m_forgetCertificate->setCursor(Qt::PointingHandCursor);

    m_form = new QFormLayout;
    m_form->addRow(tr("&Server:"), m_server);
    m_form->addRow(tr("&User name:"), m_username);
    m_form->addRow(tr("&Password:"), m_password);
    m_form->addRow(QString(), m_forgetCertificate);

    m_hint->setObjectName(QStringLiteral("signInHint"));
    m_hint->setWordWrap(true);
    m_hint->setStyleSheet(QStringLiteral("QLabel { color: #c0392b; }"));
    m_hint->hide();
    m_busy->setObjectName(QStringLiteral("signInBusy"));
    m_busy->setAccessibleName(tr("Progress"));
    m_busy->hide();

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_busy);
    buttons->addStretch(1);
    buttons->addWidget(m_register);
    buttons->addWidget(m_signIn);

    m_keychainNote->setObjectName(QStringLiteral("memoryOnlyNote"));
    m_keychainNote->setWordWrap(true);
    QPalette notePalette = m_keychainNote->palette();
    notePalette.setColor(QPalette::WindowText, QColor(0x6a, 0x6a, 0x6a));
    m_keychainNote->setPalette(notePalette);
    QFont noteFont = m_keychainNote->font();
    if (noteFont.pointSizeF() > 0)
        noteFont.setPointSizeF(noteFont.pointSizeF() * 0.9);
    m_keychainNote->setFont(noteFont);
    m_keychainNote->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 16);
    layout->setSpacing(12);
    layout->addLayout(top);
    layout->addLayout(m_form);
    layout->addWidget(m_certificatePanel);
    layout->addWidget(m_hint);
    layout->addWidget(m_banner);
    layout->addLayout(buttons);
    layout->addStretch(1);
    layout->addWidget(m_keychainNote);

    connect(m_signIn, &QPushButton::clicked, this, [this] { submit(false); });
    connect(m_register, &QPushButton::clicked, this, [this] { submit(true); });
    // Retry repeats what was asked last; a finished wait gives the buttons back.
    connect(m_banner, &FailureBanner::retryRequested, this, [this] { submit(m_lastWasRegister); });
    connect(m_banner, &FailureBanner::countdownFinished, this, [this] {
        m_waiting = false;
        updateButtons();
    });
    connect(m_banner, &FailureBanner::dismissed, this, [this] {
        m_waiting = false;
        updateButtons();
        focusFirstEmptyField();
    });
    for (QLineEdit *edit : {m_server, m_username, m_password}) {
        connect(edit, &QLineEdit::returnPressed, m_signIn, &QPushButton::click);
        connect(edit, &QLineEdit::textChanged, this, &SignInWindow::updateButtons);
    }
    connect(m_server, &QLineEdit::textChanged, this, [this] {
        // The question is about the server that was asked: another address drops it.
        if (isAskingToTrust()
            && m_certificatePanel->check().server != CertificatePins::serverKey(server())) {
            m_certificatePanel->clear();
            updateButtons();
        }
        updateForgetCertificate();
    });
    connect(m_certificatePanel, &CertificatePanel::accepted, this,
            [this](const CertificateCheck &check) {
                updateButtons();
                Q_EMIT certificateAccepted(check);
            });
    connect(m_certificatePanel, &CertificatePanel::cancelled, this, [this] {
        updateButtons();
        m_server->setFocus(Qt::OtherFocusReason);
        Q_EMIT certificateDeclined();
    });
    connect(m_forgetCertificate, &QPushButton::clicked, this,
            [this] { Q_EMIT forgetCertificateRequested(CertificatePins::serverKey(server())); });
    updateButtons();
    updateForgetCertificate();
    resize(480, 400);
}

void SignInWindow::submit(bool registering)
{
    if (m_isBusy || m_waiting || !checkFields())
        return;
    m_lastWasRegister = registering;
    if (registering)
        Q_EMIT registerRequested(server(), username(), m_password->text());
    else
        Q_EMIT signInRequested(server(), username(), m_password->text());
}

void SignInWindow::submitAgain()
{
    submit(m_lastWasRegister);
}

void SignInWindow::setCertificatePins(const CertificatePins *pins)
{
    if (m_pins)
        disconnect(m_pins, nullptr, this, nullptr);
    m_pins = pins;
    if (pins)
        connect(pins, &CertificatePins::changed, this, &SignInWindow::updateForgetCertificate);
    updateForgetCertificate();
}

void SignInWindow::updateForgetCertificate()
{
    const QUrl url = server();
    const QString key = CertificatePins::serverKey(url);
    const bool pinned = m_pins && url.isValid() && !url.host().isEmpty() && m_pins->isPinned(key);
    if (pinned) {
        const QString fingerprint = CertificateCheck::displayFingerprint(m_pins->pin(key));
        m_forgetCertificate->setToolTip(
            tr("Stop trusting the certificate you accepted for %1 (SHA-256 %2). You are asked "
               "again the next time it is presented.")
                .arg(key, fingerprint));
        m_forgetCertificate->setAccessibleDescription(m_forgetCertificate->toolTip());
    }
    m_form->setRowVisible(m_forgetCertificate, pinned);
    m_forgetCertificate->setEnabled(!m_isBusy);
}

bool SignInWindow::isAskingToTrust() const
{
    return m_certificatePanel->isVisibleTo(this);
}

void SignInWindow::askToTrust(const CertificateCheck &check)
{
    m_banner->clear();
    m_waiting = false;
    m_certificatePanel->present(check, displayAddress(server()));
    updateButtons();
    fitContents();
}

void SignInWindow::focusFirstEmptyField()
{
    for (QLineEdit *edit : {m_server, m_username, m_password}) {
        if (edit->text().isEmpty()) {
            edit->setFocus(Qt::OtherFocusReason);
            return;
        }
    }
    m_password->setFocus(Qt::OtherFocusReason);
}

void SignInWindow::setServer(const QString &server)
{
    m_server->setText(server);
}

void SignInWindow::setUsername(const QString &username)
{
    m_username->setText(username);
}

QString SignInWindow::username() const
{
    return m_username->text().trimmed();
}

QUrl SignInWindow::server() const
{
    const QString text = m_server->text().trimmed();
    const QUrl url(text.contains(QStringLiteral("://")) ? text : QStringLiteral("http://") + text);
    return url.adjusted(QUrl::StripTrailingSlash);
}

bool SignInWindow::checkFields()
{
    const QUrl url = server();
    QString problem;
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != u"http" && url.scheme() != u"https"))
        problem = tr("Enter the server's address, for example http://127.0.0.1:8080.");
    else if (username().isEmpty())
        problem = tr("Enter your user name.");
    else if (m_password->text().isEmpty())
        problem = tr("Enter your password.");
    m_hint->setText(problem);
    m_hint->setVisible(!problem.isEmpty());
    return problem.isEmpty();
}

void SignInWindow::updateButtons()
{
    const bool filled = !m_server->text().trimmed().isEmpty() && !username().isEmpty()
        && !m_password->text().isEmpty();
    // While the certificate question is open, it is the one thing to answer.
    const bool free = !m_isBusy && !m_waiting && !isAskingToTrust();
    m_signIn->setEnabled(free && filled);
    m_register->setEnabled(free && filled);
    if (m_hint->isVisible() && filled)
        m_hint->hide();
}

void SignInWindow::setBusy(bool busy, const QString &message)
{
    m_isBusy = busy;
    for (QLineEdit *edit : {m_server, m_username, m_password})
        edit->setReadOnly(busy);
    m_busy->setText(message);
    m_busy->setVisible(busy && !message.isEmpty());
    if (busy) {
        m_banner->clear();
        m_certificatePanel->clear();
        m_waiting = false;
    }
    updateButtons();
    updateForgetCertificate();
}

void SignInWindow::showProblem(const QString &title, const Problem &problem, LocalError local,
                               const CertificateCheck &certificate)
{
    if (certificate.canBeTrusted()) {
        // Not a failure yet: a question only the user can answer.
        askToTrust(certificate);
        return;
    }
    if (local != LocalError::None) {
        // Nobody answered: the address (or the network) is the likely culprit, not the
        // password. Retry repeats the request; the cursor goes where a fix is typed. A
        // refused certificate says why, and the fingerprint it saw.
        m_banner->present(FailureBanner::noticeFor(title, local, LocalErrorPhase::SignIn,
                                                   displayAddress(server()),
                                                   FailureBanner::Action::RetryNow, certificate));
        m_server->setFocus(Qt::OtherFocusReason);
        m_server->selectAll();
        fitContents();
        return;
    }
    if (problem.code == ErrorCode::RateLimited) {
        // Too many attempts: say until when, and keep the buttons off until then.
        FailureBanner::Notice notice = FailureBanner::noticeFor(title, problem, {});
        notice.sentence = tr("Too many sign-in attempts. Wait until the time below, then try "
                             "again.");
        notice.countdown = FailureBanner::Countdown::TryAgainAt;
        notice.countdownSeconds = qMax(1, problem.retryAfterSeconds);
        m_waiting = true;
        m_banner->present(notice);
        updateButtons();
        m_password->setFocus(Qt::OtherFocusReason);
        fitContents();
        return;
    }
    // Signing in again is what this window is for: no action buttons needed here.
    m_banner->showProblem(title, problem, {});
    m_password->setFocus(Qt::OtherFocusReason);
    m_password->selectAll();
    fitContents();
}

void SignInWindow::fitContents()
{
    // Wrapped sentences need more height at this width than the layout's minimum says:
    // grow to them rather than cut them.
    layout()->activate();
    const int needed = layout()->totalHeightForWidth(width());
    if (needed > height())
        resize(width(), needed);
}

void SignInWindow::clearProblem()
{
    m_banner->clear();
    m_waiting = false;
    updateButtons();
}

void SignInWindow::setMemoryOnlyNote(bool memoryOnly, bool keychainOff)
{
    m_keychainNote->setText(
        keychainOff ? tr("The keychain is off (--no-keychain): your session is kept in memory "
                         "only, and you sign in again after quitting.")
                    : tr("No system keychain answered: your session is kept in memory only, "
                         "and you sign in again after quitting."));
    m_keychainNote->setVisible(memoryOnly);
}

void SignInWindow::clearPassword()
{
    m_password->clear();
}

} // namespace roomgate::client::ui
