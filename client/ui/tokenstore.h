// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>

namespace roomgate::client::ui {

/**
 * Where the session token lives between runs: the system keychain (Secret Service,
 * KWallet, … through QtKeychain) when one answers, otherwise this process's memory
 * only. The token is never written to a plain configuration file: QtKeychain's
 * insecure fallback stays off.
 *
 * The backend is learnt from the first keychain job: a missing entry proves the
 * keychain works, no backend or a failure means MemoryOnly for the rest of the run
 * (backendChanged() fires once, so the UI can say so once).
 *
 * Owned by the ClientShell; GUI thread.
 */
class TokenStore : public QObject
{
    Q_OBJECT
public:
    enum class Backend { Unknown, Keychain, MemoryOnly };
    Q_ENUM(Backend)

    explicit TokenStore(QObject *parent = nullptr);

    /** false: never ask the system keychain (tests, `--no-keychain`); MemoryOnly at once. */
    void setKeychainEnabled(bool enabled);
    Backend backend() const { return m_backend; }
    bool isMemoryOnly() const { return m_backend == Backend::MemoryOnly; }

    /**
     * Reads the token of @p account; @p done gets an empty string when none is kept.
     * @p done runs in @p context, and not at all when @p context is gone first.
     */
    void load(const QString &account, QObject *context,
              std::function<void(const QString &token)> done);
    void store(const QString &account, const QString &token);
    void remove(const QString &account);

    /** The keychain key of a user on a server: `alice@http://127.0.0.1:8080`. */
    static QString accountKey(const QUrl &server, const QString &username);

Q_SIGNALS:
    void backendChanged(roomgate::client::ui::TokenStore::Backend backend);

private:
    void setBackend(Backend backend);
    /** Reads the keychain job's outcome: true when the keychain answered. */
    bool judge(int error, const QString &errorString);

    Backend m_backend = Backend::Unknown;
    bool m_keychainEnabled = true;
    QHash<QString, QString> m_memory; ///< MemoryOnly: the tokens of this run
};

} // namespace roomgate::client::ui
