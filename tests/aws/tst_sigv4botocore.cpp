// The signer against an independent oracle: botocore's SigV4Auth, run as a subprocess, on
// generated Athena requests (random bodies, targets, regions, endpoints, tokens, odd white space).
#include "aws/awsjsontransport.h"
#include "aws/sigv4signer.h"
#include "support/testpaths.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace aws;
using namespace Qt::StringLiterals;

namespace {

constexpr int requestCount = 250;

QString randomText(QRandomGenerator &rng, int maxLength)
{
    static const QString alphabet = u"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_./:=+,\"\\é漢🙂\t"_s;
    const int n = rng.bounded(maxLength + 1);
    QString s;
    for (int i = 0; i < n; ++i) {
        const int at = rng.bounded(static_cast<int>(alphabet.size()));
        const QChar c = alphabet.at(at);
        if (c.isHighSurrogate() && at + 1 < alphabet.size())
            s += alphabet.mid(at, 2);
        else if (!c.isLowSurrogate())
            s += c;
    }
    return s;
}

QJsonValue randomJson(QRandomGenerator &rng, int depth)
{
    switch (rng.bounded(depth > 2 ? 3 : 5)) {
    case 0: return randomText(rng, 40);
    case 1: return rng.bounded(100000) / (rng.bounded(2) ? 1.0 : 7.0);
    case 2: return rng.bounded(2) == 1;
    case 3: {
        QJsonObject o;
        for (int i = rng.bounded(5); i > 0; --i)
            o.insert(randomText(rng, 12), randomJson(rng, depth + 1));
        return o;
    }
    default: {
        QJsonArray a;
        for (int i = rng.bounded(4); i > 0; --i)
            a.append(randomJson(rng, depth + 1));
        return a;
    }
    }
}

QString oddWhitespace(QRandomGenerator &rng, const QString &value)
{
    switch (rng.bounded(4)) {
    case 0: return u"  "_s + value + u"  "_s;
    case 1: return u"\t"_s + value;
    case 2: return value + u" "_s;
    default: return value;
    }
}

} // namespace

class TestSigV4Botocore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesBotocore();
};

void TestSigV4Botocore::matchesBotocore()
{
    const QString python = testing::pythonWith(u"botocore"_s);
    QVERIFY2(!python.isEmpty(), "no python3 with botocore found (install python3-botocore, or set ATHENA_TEST_PYTHON)");

    static const QStringList operations = {u"StartSession"_s, u"GetSession"_s, u"GetSessionStatus"_s, u"ListSessions"_s,
                                           u"TerminateSession"_s, u"ListWorkGroups"_s, u"GetWorkGroup"_s,
                                           u"ListEngineVersions"_s, u"StartCalculationExecution"_s};
    static const QStringList regions = {u"us-east-1"_s, u"eu-west-1"_s, u"ap-southeast-2"_s, u"eu-central-1"_s,
                                        u"us-gov-west-1"_s, u"cn-north-1"_s, u"me-south-1"_s};
    static const QStringList endpoints = {u"https://athena.%1.amazonaws.com/"_s, u"http://127.0.0.1:%2/"_s,
                                          u"http://localhost:%2/"_s, u"https://athena.%1.amazonaws.com:8443/"_s,
                                          u"http://[::1]:%2/"_s, u"https://athena-fips.%1.amazonaws.com/"_s};
    QRandomGenerator rng(20261121);
    QJsonArray requests;
    QList<SigningResult> ours;
    for (int i = 0; i < requestCount; ++i) {
        const QString region = regions.at(rng.bounded(static_cast<int>(regions.size())));
        QString urlText = endpoints.at(rng.bounded(static_cast<int>(endpoints.size())));
        urlText.replace(u"%1"_s, region).replace(u"%2"_s, QString::number(1024 + rng.bounded(60000)));
        const QUrl url(urlText);
        QJsonObject bodyObject;
        for (int k = rng.bounded(6); k > 0; --k)
            bodyObject.insert(randomText(rng, 16), randomJson(rng, 0));
        const QByteArray body = QJsonDocument(bodyObject).toJson(rng.bounded(2) ? QJsonDocument::Compact : QJsonDocument::Indented);
        const QString target = u"AmazonAthena."_s + operations.at(rng.bounded(static_cast<int>(operations.size())));
        const QString contentType = oddWhitespace(rng, u"application/x-amz-json-1.1"_s);
        const QString targetValue = oddWhitespace(rng, target);
        AwsCredentials creds;
        creds.accessKeyId = u"AKID"_s + QString::number(rng.generate64(), 36).toUpper();
        creds.secretAccessKey = QString::fromLatin1(QByteArray::number(rng.generate64()).toBase64() + "/+x");
        if (rng.bounded(2))
            creds.sessionToken = QString::fromLatin1(QByteArray::number(rng.generate64()).repeated(8).toBase64());
        const QDateTime time = QDateTime::fromSecsSinceEpoch(1400000000 + rng.bounded(400000000), Qt::UTC);

        SignableRequest r;
        r.method = "POST";
        r.path = "/";
        r.headers = {{"Content-Type", contentType.toUtf8()},
                     {"Host", AwsJsonTransport::hostHeader(url)},
                     {"X-Amz-Target", targetValue.toUtf8()}};
        QJsonObject headersJson{{u"Content-Type"_s, contentType}, {u"X-Amz-Target"_s, targetValue}};
        if (rng.bounded(4) == 0) {
            const QString extra = u"a   b\t c  "_s + QString::number(i);
            r.headers.append({"X-Amz-Client-Context", extra.toUtf8()});
            headersJson.insert(u"X-Amz-Client-Context"_s, extra);
        }
        r.body = body;
        SigningOptions options{region, u"athena"_s, time};
        ours.append(SigV4Signer::sign(r, creds, options));

        requests.append(QJsonObject{
            {u"url"_s, url.toString(QUrl::FullyEncoded)},
            {u"body"_s, QString::fromUtf8(body)},
            {u"headers"_s, headersJson},
            {u"region"_s, region},
            {u"service"_s, u"athena"_s},
            {u"timestamp"_s, QString::fromLatin1(SigV4Signer::amzDate(time))},
            {u"access_key"_s, creds.accessKeyId},
            {u"secret_key"_s, creds.secretAccessKey},
            {u"token"_s, creds.sessionToken},
        });
    }

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile input(dir.filePath(u"requests.json"_s));
    QVERIFY(input.open(QIODevice::WriteOnly));
    input.write(QJsonDocument(requests).toJson(QJsonDocument::Compact));
    input.close();

    QProcess oracle;
    oracle.start(python, {testing::toolsDir(u"botocore_sign.py"_s), input.fileName()});
    QVERIFY(oracle.waitForFinished(120000));
    QVERIFY2(oracle.exitCode() == 0, oracle.readAllStandardError().constData());
    const QJsonArray answers = QJsonDocument::fromJson(oracle.readAllStandardOutput()).array();
    QCOMPARE(answers.size(), requestCount);

    int identical = 0;
    for (int i = 0; i < requestCount; ++i) {
        const QJsonObject a = answers.at(i).toObject();
        const QByteArray theirs = a.value(u"authorization"_s).toString().toUtf8();
        if (theirs != ours.at(i).authorization) {
            qWarning().noquote() << "request" << i << "differs\nours:\n" << ours.at(i).canonicalRequest
                                 << "\nbotocore:\n" << a.value(u"canonical_request"_s).toString();
            continue;
        }
        ++identical;
    }
    qInfo("SigV4: %d of %d generated Athena requests signed identically to botocore %s", identical, requestCount,
          qPrintable(python));
    QCOMPARE(identical, requestCount);
}

QTEST_GUILESS_MAIN(TestSigV4Botocore)
#include "tst_sigv4botocore.moc"
