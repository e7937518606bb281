// SPDX-License-Identifier: MIT
#include "tests/clientcore/testcertificate.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>

namespace roomgate::test {

namespace {

/** Runs openssl with @p arguments; false with its output in @p error on failure. */
bool runOpenssl(const QStringList &arguments, QString *error)
{
    const QString program = TestCertificate::openssl();
    if (program.isEmpty()) {
        *error = QStringLiteral("openssl is not installed (Debian: apt-get install openssl, "
                                "or scripts/deps.sh test)");
        return false;
    }
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(60'000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        *error = QStringLiteral("openssl %1 failed: %2")
                     .arg(arguments.join(u' '), QString::fromLocal8Bit(process.readAll()));
        return false;
    }
    return true;
}

std::optional<TestCertificate> load(const QString &certificatePath, const QString &keyPath,
                                    QString *error)
{
    TestCertificate made;
    made.certificatePath = certificatePath;
    made.keyPath = keyPath;
    const QList<QSslCertificate> read = QSslCertificate::fromPath(certificatePath);
    if (read.size() != 1 || !QFile::exists(keyPath)) {
        *error = QStringLiteral("openssl wrote no usable certificate at %1").arg(certificatePath);
        return std::nullopt;
    }
    made.certificate = read.first();
    made.fingerprint = made.certificate.digest(QCryptographicHash::Sha256);
    return made;
}

} // namespace

QStringList TestCertificate::serverArguments() const
{
    return {QStringLiteral("--tls-cert"), certificatePath, QStringLiteral("--tls-key"), keyPath};
}

QString TestCertificate::openssl()
{
    return QStandardPaths::findExecutable(QStringLiteral("openssl"));
}

std::optional<TestCertificate> TestCertificate::selfSigned(const QString &dir, const QString &name,
                                                           QString *error)
{
    const QString certificate = dir + u'/' + name + QStringLiteral(".pem");
    const QString key = dir + u'/' + name + QStringLiteral(".key");
    if (!runOpenssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                     QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                     QStringLiteral("-keyout"), key, QStringLiteral("-out"), certificate,
                     QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                     QStringLiteral("/CN=roomgate test ") + name},
                    error))
        return std::nullopt;
    return load(certificate, key, error);
}

std::optional<TestCertificate> TestCertificate::issuedBy(const TestCertificate &ca,
                                                         const QString &dir, const QString &name,
                                                         QString *error)
{
    const QString certificate = dir + u'/' + name + QStringLiteral(".pem");
    const QString key = dir + u'/' + name + QStringLiteral(".key");
    const QString request = dir + u'/' + name + QStringLiteral(".csr");
    const QString extensions = dir + u'/' + name + QStringLiteral(".ext");
    QFile file(extensions);
    if (!file.open(QIODevice::WriteOnly)
        || file.write("basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1\n") < 0) {
        *error = QStringLiteral("cannot write %1").arg(extensions);
        return std::nullopt;
    }
    file.close();
    if (!runOpenssl({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"),
                     QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                     QStringLiteral("-keyout"), key, QStringLiteral("-out"), request,
                     QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1")},
                    error)
        || !runOpenssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                        request, QStringLiteral("-CA"), ca.certificatePath,
                        QStringLiteral("-CAkey"), ca.keyPath, QStringLiteral("-set_serial"),
                        QStringLiteral("2"), QStringLiteral("-days"), QStringLiteral("2"),
                        QStringLiteral("-extfile"), extensions, QStringLiteral("-out"),
                        certificate},
                       error))
        return std::nullopt;
    return load(certificate, key, error);
}

} // namespace roomgate::test
