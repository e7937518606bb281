// SPDX-License-Identifier: MIT
#pragma once

#include "client/core/certificatecheck.h"

#include <QFrame>

class QLabel;
class QPushButton;

namespace roomgate::client::ui {

/**
 * The question asked once for a server certificate the system cannot verify (a
 * self-signed one, say): an inline panel — never a dialog — that names the server, shows
 * the certificate's SHA-256 fingerprint, says in plain words what accepting means, and
 * offers Accept (trust exactly this certificate for this server from now on) and Cancel
 * (Escape). Cancel comes first in the keyboard order and has the focus when the panel
 * appears, so nothing is trusted by a stray key; every part has an accessible name, and
 * the panel's accessible description is what a sighted user reads.
 *
 * It only asks: its owner pins the certificate on accepted(). Child of the sign-in window;
 * GUI thread.
 */
class CertificatePanel : public QFrame
{
    Q_OBJECT
public:
    explicit CertificatePanel(QWidget *parent = nullptr);

    /** Shows the question for @p check (canBeTrusted()) from the server at @p address. */
    void present(const CertificateCheck &check, const QString &address);
    /** Hides the panel; nothing is trusted. */
    void clear();
    /** While shown: the certificate asked about. */
    CertificateCheck check() const { return m_check; }

    QString title() const;
    QString explanation() const;
    /** The fingerprint as shown (two lines of hex pairs). */
    QString fingerprintText() const;
    QPushButton *acceptButton() const { return m_accept; }
    QPushButton *cancelButton() const { return m_cancel; }

Q_SIGNALS:
    /** The user trusts @p check's certificate for its server. */
    void accepted(const roomgate::client::CertificateCheck &check);
    /** The user does not trust it (Cancel or Escape); the panel is hidden. */
    void cancelled();

private:
    QLabel *m_title;
    QLabel *m_explanation;
    QLabel *m_fingerprintCaption;
    QLabel *m_fingerprint;
    QPushButton *m_cancel;
    QPushButton *m_accept;
    CertificateCheck m_check;
};

} // namespace roomgate::client::ui
