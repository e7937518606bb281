// SPDX-License-Identifier: MIT
#include "server/storage/secrets.h"
#include "shared/ticketformat.h"

#include <QDateTime>
#include <QSet>
#include <QTest>

using namespace roomgate;
using namespace roomgate::server;

/** Ticket derivation, tokens and password hashing. */
class TestSecrets : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(Secrets::initialize()); }

    void ticketsAreDerivedNotRandom()
    {
        const QByteArray key(32, 'k');
        const QString id = Secrets::newPublicId();
        const QByteArray ticket = Secrets::deriveTicket(key, id);
        QVERIFY(TicketFormat::isWellFormed(ticket));
        // The same reservation always answers the same ticket (repeat reserve) …
        QCOMPARE(Secrets::deriveTicket(key, id), ticket);
        // … which nobody can make without the key, nor from another id.
        QVERIFY(Secrets::deriveTicket(QByteArray(32, 'x'), id) != ticket);
        QVERIFY(Secrets::deriveTicket(key, Secrets::newPublicId()) != ticket);
        QVERIFY(!ticket.contains(id.toLatin1()));
    }

    /**
     * A ticket carries its reservation's id, which is found only when the ticket's MAC is
     * right: a changed byte anywhere, another key, or the id with a made-up MAC is nothing.
     */
    void ticketsCarryTheirReservationUnderTheirMac()
    {
        const QByteArray key(32, 'k');
        const QString id = Secrets::newPublicId();
        const QByteArray ticket = Secrets::deriveTicket(key, id);
        QCOMPARE(Secrets::reservationOfTicket(key, ticket), id);
        QVERIFY(Secrets::reservationOfTicket(QByteArray(32, 'x'), ticket).isEmpty());
        for (int i = 0; i < ticket.size(); ++i) {
            QByteArray changed = ticket;
            changed[i] = changed[i] == 'A' ? 'B' : 'A';
            QVERIFY2(Secrets::reservationOfTicket(key, changed).isEmpty(), changed.constData());
        }
        // The id alone (all the store holds), padded with any MAC, is not a ticket.
        QByteArray forged = QByteArray::fromHex(id.toLatin1()) + QByteArray(16, '\0');
        forged = forged.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        QVERIFY(TicketFormat::isWellFormed(forged));
        QVERIFY(Secrets::reservationOfTicket(key, forged).isEmpty());
        QVERIFY(Secrets::reservationOfTicket(key, "not a ticket").isEmpty());
    }

    void storageHashIsNotTheSecret()
    {
        const QByteArray token = Secrets::newToken();
        const QString hash = Secrets::storageHash(token);
        QCOMPARE(hash.size(), 64);
        QVERIFY(hash != QString::fromLatin1(token));
        QCOMPARE(Secrets::storageHash(token), hash);
        QVERIFY(Secrets::storageHash(Secrets::newToken()) != hash);
    }

    void tokensAndIdsAreUnique()
    {
        QSet<QByteArray> tokens;
        QSet<QString> ids;
        for (int i = 0; i < 1000; ++i) {
            tokens.insert(Secrets::newToken());
            ids.insert(Secrets::newPublicId());
        }
        QCOMPARE(tokens.size(), 1000);
        QCOMPARE(ids.size(), 1000);
        QCOMPARE(Secrets::newPublicId().size(), 32); // 128 bits
    }

    /** An id starts with its time in milliseconds: ids made later sort after earlier ones. */
    void idsSortByTheirTime()
    {
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const QString first = Secrets::newPublicId();
        bool ok = false;
        const qint64 stamped = first.left(12).toLongLong(&ok, 16);
        QVERIFY(ok);
        QVERIFY(stamped >= before);
        QVERIFY(stamped <= QDateTime::currentMSecsSinceEpoch());
        // Within one millisecond the order is random; across them it is the time's.
        QTRY_VERIFY(Secrets::newPublicId().left(12) > first.left(12));
        QVERIFY(Secrets::newPublicId() > first);
    }

    void passwords()
    {
        const QByteArray hash = Secrets::hashPassword(QStringLiteral("correct horse"),
                                                      Secrets::PasswordCost::Minimum);
        QVERIFY(hash.startsWith("$argon2id$"));
        QVERIFY(!hash.contains("correct horse"));
        QVERIFY(Secrets::verifyPassword(hash, QStringLiteral("correct horse")));
        QVERIFY(!Secrets::verifyPassword(hash, QStringLiteral("correct horsE")));
        // Salted: the same password hashes differently each time.
        QVERIFY(
            Secrets::hashPassword(QStringLiteral("correct horse"), Secrets::PasswordCost::Minimum)
            != hash);
    }
};

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
