// SPDX-License-Identifier: MIT
#include "client/ui/certificatepanel.h"

#include <QApplication>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QStyle>
#include <QVBoxLayout>

namespace roomgate::client::ui {

namespace {
constexpr int kIconSize = 32;
} // namespace

CertificatePanel::CertificatePanel(QWidget *parent)
    : QFrame(parent),
      m_title(new QLabel(tr("Check this server's certificate"), this)),
      m_explanation(new QLabel(this)),
      m_fingerprintCaption(new QLabel(tr("SHA-256 fingerprint:"), this)),
      m_fingerprint(new QLabel(this)),
      m_cancel(new QPushButton(tr("&Cancel"), this)),
      m_accept(new QPushButton(tr("&Accept and continue"), this))
{
    setObjectName(QStringLiteral("certificatePanel"));
    setFrameShape(QFrame::StyledPanel);
    // Amber, not the failure banner's red: nothing failed yet, but care is asked for.
    setStyleSheet(QStringLiteral("QFrame#certificatePanel { background: #fff8e6; "
                                 "border: 1px solid #d9b44a; border-radius: 6px; }"));

    auto *icon = new QLabel(this);
    icon->setPixmap(
        style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(kIconSize, kIconSize));
    m_title->setObjectName(QStringLiteral("certificateTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_explanation->setObjectName(QStringLiteral("certificateExplanation"));
    m_explanation->setWordWrap(true);
    m_explanation->setTextFormat(Qt::PlainText);
    m_fingerprintCaption->setObjectName(QStringLiteral("certificateFingerprintCaption"));
    m_fingerprint->setObjectName(QStringLiteral("certificateFingerprint"));
    m_fingerprint->setTextFormat(Qt::PlainText);
    m_fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // Selectable, to copy it and compare; reachable with the keyboard, so a screen reader
    // can read it out pair by pair.
    m_fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse
                                           | Qt::TextSelectableByKeyboard);
    m_fingerprint->setFocusPolicy(Qt::StrongFocus);
    m_fingerprint->setAccessibleName(tr("SHA-256 fingerprint"));
    m_fingerprintCaption->setBuddy(m_fingerprint);
    m_cancel->setObjectName(QStringLiteral("certificateCancelButton"));
    m_cancel->setAccessibleDescription(tr("Do not trust this certificate; nothing is sent"));
    m_accept->setObjectName(QStringLiteral("certificateAcceptButton"));

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_accept);

    auto *text = new QVBoxLayout;
    text->setSpacing(6);
    text->addWidget(m_title);
    text->addWidget(m_explanation);
    text->addWidget(m_fingerprintCaption);
    text->addWidget(m_fingerprint);
    text->addLayout(buttons);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->addWidget(icon, 0, Qt::AlignTop);
    layout->addLayout(text, 1);

    // The eye reads the fingerprint, then the buttons; Cancel before Accept.
    setTabOrder(m_fingerprint, m_cancel);
    setTabOrder(m_cancel, m_accept);

    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    escape->setContext(Qt::WidgetWithChildrenShortcut);
    connect(escape, &QShortcut::activated, m_cancel, &QPushButton::click);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        clear();
        Q_EMIT cancelled();
    });
    connect(m_accept, &QPushButton::clicked, this, [this] {
        const CertificateCheck check = m_check;
        clear();
        Q_EMIT accepted(check);
    });
    hide();
}

void CertificatePanel::present(const CertificateCheck &check, const QString &address)
{
    m_check = check;
    m_explanation->setText(
        tr("The server at %1 uses a certificate that this computer cannot verify, such as a "
           "self-signed one. Compare the fingerprint below with the one the server's "
           "administrator gives you. If they match, accept: Roomgate then trusts this "
           "certificate for this server only, and warns you if it ever changes. If you are not "
           "sure, cancel: nothing has been sent to the server.")
            .arg(address));
    m_fingerprint->setText(CertificateCheck::displayFingerprintLines(check.fingerprint));
    m_accept->setAccessibleDescription(
        tr("Trust this certificate for %1 from now on, and continue").arg(check.server));
    setAccessibleName(m_title->text());
    setAccessibleDescription(m_explanation->text() + QLatin1Char(' ') + m_fingerprintCaption->text()
                             + QLatin1Char(' ')
                             + CertificateCheck::displayFingerprint(check.fingerprint));
    show();
    m_cancel->setFocus(Qt::OtherFocusReason);
}

void CertificatePanel::clear()
{
    // The focus stays in the window, not on a widget about to hide.
    const bool hadFocus = isAncestorOf(QApplication::focusWidget());
    m_check = {};
    hide();
    if (hadFocus && parentWidget())
        parentWidget()->setFocus(Qt::OtherFocusReason);
}

QString CertificatePanel::title() const
{
    return m_title->text();
}

QString CertificatePanel::explanation() const
{
    return m_explanation->text();
}

QString CertificatePanel::fingerprintText() const
{
    return m_fingerprint->text();
}

} // namespace roomgate::client::ui
