// The signer against the published SigV4 test suite (tests/data/sigv4-suite), stage by stage.
#include "aws/sigv4signer.h"
#include "support/testpaths.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace aws;
using namespace Qt::StringLiterals;

namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

// Parses a suite request.txt: request line, headers (with folded continuation lines), body.
SignableRequest parseRequest(const QByteArray &text)
{
    SignableRequest r;
    const qsizetype headerEnd = text.indexOf("\n\n");
    const QByteArray head = headerEnd >= 0 ? text.left(headerEnd) : text;
    r.body = headerEnd >= 0 ? text.mid(headerEnd + 2) : QByteArray();
    QList<QByteArray> lines = head.split('\n');
    const QByteArray requestLine = lines.takeFirst();
    const qsizetype firstSpace = requestLine.indexOf(' ');
    const qsizetype lastSpace = requestLine.lastIndexOf(' ');
    r.method = requestLine.left(firstSpace);
    const QByteArray target = requestLine.mid(firstSpace + 1, lastSpace - firstSpace - 1);
    const qsizetype q = target.indexOf('?');
    r.path = QByteArray::fromPercentEncoding(q >= 0 ? target.left(q) : target);
    if (q >= 0) {
        const QList<QByteArray> pairs = target.mid(q + 1).split('&');
        for (const QByteArray &pair : pairs) {
            const qsizetype eq = pair.indexOf('=');
            const QByteArray key = eq >= 0 ? pair.left(eq) : pair;
            const QByteArray value = eq >= 0 ? pair.mid(eq + 1) : QByteArray();
            r.query.append({QByteArray::fromPercentEncoding(key), QByteArray::fromPercentEncoding(value)});
        }
    }
    for (const QByteArray &line : std::as_const(lines)) {
        if (line.isEmpty())
            continue;
        if ((line.front() == ' ' || line.front() == '\t') && !r.headers.isEmpty()) {
            r.headers.last().value += ' ' + line.trimmed();
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        r.headers.append({line.left(colon), line.mid(colon + 1)});
    }
    return r;
}

QByteArray authorizationFrom(const QByteArray &signedRequest)
{
    const QList<QByteArray> lines = signedRequest.split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("Authorization:"))
            return line.mid(14);
    }
    return {};
}

} // namespace

class TestSigV4Signer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void suite_data();
    void suite();
    void derivedKeyMatchesDocumentedExample();
    void normalisesPaths_data();
    void normalisesPaths();
    void replacesCallerDateAndAuthorization();
};

void TestSigV4Signer::suite_data()
{
    QTest::addColumn<QString>("dir");
    const QDir root(testing::dataDir(u"sigv4-suite/aws-signing-test-suite/v4"_s));
    const QStringList cases = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    QVERIFY2(cases.size() == 38, qPrintable(u"expected the 38 published cases in %1, found %2"_s.arg(root.path()).arg(cases.size())));
    for (const QString &c : cases)
        QTest::newRow(qPrintable(c)) << root.filePath(c);
}

void TestSigV4Signer::suite()
{
    QFETCH(QString, dir);
    const QJsonObject context = QJsonDocument::fromJson(readFile(dir + u"/context.json"_s)).object();
    const QJsonObject creds = context.value(u"credentials"_s).toObject();
    AwsCredentials credentials{creds.value(u"access_key_id"_s).toString(), creds.value(u"secret_access_key"_s).toString(),
                               creds.value(u"token"_s).toString(), {}, {}};
    SigningOptions options;
    options.region = context.value(u"region"_s).toString();
    options.service = context.value(u"service"_s).toString();
    options.time = QDateTime::fromString(context.value(u"timestamp"_s).toString(), Qt::ISODate);
    options.normalizePath = context.value(u"normalize"_s).toBool(true);
    options.signBodyHash = context.value(u"sign_body"_s).toBool(false);
    options.signSessionToken = !context.value(u"omit_session_token"_s).toBool(false);
    QVERIFY(options.time.isValid());

    const SignableRequest request = parseRequest(readFile(dir + u"/request.txt"_s));
    const SigningResult result = SigV4Signer::sign(request, credentials, options);

    QCOMPARE(result.canonicalRequest, readFile(dir + u"/header-canonical-request.txt"_s));
    QCOMPARE(result.stringToSign, readFile(dir + u"/header-string-to-sign.txt"_s));
    QCOMPARE(result.signature, readFile(dir + u"/header-signature.txt"_s).trimmed());
    QCOMPARE(result.authorization, authorizationFrom(readFile(dir + u"/header-signed-request.txt"_s)));
    // With a token that is not signed, the header is still sent.
    if (!credentials.sessionToken.isEmpty()) {
        const bool hasToken = std::any_of(result.headersToAdd.cbegin(), result.headersToAdd.cend(),
                                          [](const HttpHeader &h) { return h.name == "X-Amz-Security-Token"; });
        QVERIFY(hasToken);
    }
}

void TestSigV4Signer::derivedKeyMatchesDocumentedExample()
{
    // The worked example of AWS's "Create a signing key" documentation.
    const QByteArray key = SigV4Signer::signingKey(u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"_s, "20120215",
                                                   u"us-east-1"_s, u"iam"_s);
    QCOMPARE(key.toHex(), QByteArray("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"));
}

void TestSigV4Signer::normalisesPaths_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("root") << QByteArray("/") << QByteArray("/");
    QTest::newRow("empty") << QByteArray() << QByteArray("/");
    QTest::newRow("dots") << QByteArray("/a/./b/../c") << QByteArray("/a/c");
    QTest::newRow("above root") << QByteArray("/../../x") << QByteArray("/x");
    QTest::newRow("trailing dotdot") << QByteArray("/a/b/..") << QByteArray("/a/");
    QTest::newRow("reserved") << QByteArray("/a b+c=d") << QByteArray("/a%20b%2Bc%3Dd");
}

void TestSigV4Signer::normalisesPaths()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, expected);
    QCOMPARE(SigV4Signer::canonicalUri(path, true), expected);
}

void TestSigV4Signer::replacesCallerDateAndAuthorization()
{
    SignableRequest r;
    r.headers = {{"Host", "example.amazonaws.com"}, {"X-Amz-Date", "19990101T000000Z"}, {"Authorization", "stale"}};
    SigningOptions o{u"us-east-1"_s, u"athena"_s, QDateTime(QDate(2026, 11, 21), QTime(5, 0), Qt::UTC)};
    const SigningResult s = SigV4Signer::sign(r, AwsCredentials{u"AKID"_s, u"secret"_s, {}, {}, {}}, o);
    QCOMPARE(s.signedHeaders, QByteArray("host;x-amz-date"));
    QVERIFY(s.canonicalRequest.contains("x-amz-date:20261121T050000Z\n"));
    QVERIFY(!s.canonicalRequest.contains("19990101"));
}

QTEST_GUILESS_MAIN(TestSigV4Signer)
#include "tst_sigv4signer.moc"
