// The AWS shared config/credentials file parser: what the AWS CLI accepts, and a line-numbered
// error for everything it refuses, without ever quoting the line.
#include "aws/sharedconfigfile.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace aws;
using namespace Qt::StringLiterals;

class TestSharedConfigFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesProfilesAndComments();
    void parsesNestedServiceSections();
    void continuationLines();
    void crlfAndBom();
    void errors_data();
    void errors();
    void errorsNeverQuoteTheLine();
    void missingFileIsEmpty();
    void scanOfABrokenFileIsBounded();
};

void TestSharedConfigFile::parsesProfilesAndComments()
{
    const QByteArray text = "# comment\n"
                            "[default]\n"
                            "region = eu-west-1\n"
                            "; another comment\n"
                            "\n"
                            "[profile dev]\n"
                            "  Region=us-east-1  \n"
                            "output = json\n";
    auto r = SharedConfigFile::parse(text, u"config"_s);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r->sectionNames(), (QStringList{u"default"_s, u"profile dev"_s}));
    QCOMPARE(r->section(u"default"_s)->value(u"region"_s), u"eu-west-1"_s);
    QCOMPARE(r->section(u"profile dev"_s)->value(u"region"_s), u"us-east-1"_s); // keys are lower-cased
    QCOMPARE(r->section(u"profile dev"_s)->line, 6);
    QCOMPARE(r->section(u"nope"_s), nullptr);
}

void TestSharedConfigFile::parsesNestedServiceSections()
{
    const QByteArray text = "[profile local]\n"
                            "services = local-services\n"
                            "[services local-services]\n"
                            "athena =\n"
                            "  endpoint_url = http://127.0.0.1:4566\n"
                            "s3 =\n"
                            "\tendpoint_url = http://127.0.0.1:9000\n";
    auto r = SharedConfigFile::parse(text, u"config"_s);
    QVERIFY(r.ok());
    const ConfigSection *s = r->section(u"services local-services"_s);
    QVERIFY(s);
    QCOMPARE(s->nested.value(u"athena"_s).value(u"endpoint_url"_s), u"http://127.0.0.1:4566"_s);
    QCOMPARE(s->nested.value(u"s3"_s).value(u"endpoint_url"_s), u"http://127.0.0.1:9000"_s);
}

void TestSharedConfigFile::continuationLines()
{
    auto r = SharedConfigFile::parse("[a]\nkey = first\n  second\n", u"f"_s);
    QVERIFY(r.ok());
    QCOMPARE(r->section(u"a"_s)->value(u"key"_s), u"first\nsecond"_s);
}

void TestSharedConfigFile::crlfAndBom()
{
    auto r = SharedConfigFile::parse("\xEF\xBB\xBF[default]\r\nregion = us-west-2\r\n", u"f"_s);
    QVERIFY(r.ok());
    QCOMPARE(r->section(u"default"_s)->value(u"region"_s), u"us-west-2"_s);
}

void TestSharedConfigFile::errors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("setting before section") << QByteArray("region = x\n") << 1 << u"before the first [section]"_s;
    QTest::newRow("no equals") << QByteArray("[a]\n\nthis is not a setting\n") << 3 << u"expected 'key = value'"_s;
    QTest::newRow("unclosed header") << QByteArray("[a]\nk = v\n[profile b\n") << 3 << u"must end with ']'"_s;
    QTest::newRow("empty header") << QByteArray("[ ]\n") << 1 << u"empty section name"_s;
    QTest::newRow("duplicate section") << QByteArray("[a]\n[b]\n[a]\n") << 3 << u"appears twice (first at line 1)"_s;
    QTest::newRow("duplicate key") << QByteArray("[a]\nk = 1\nK = 2\n") << 3 << u"setting 'k' appears twice"_s;
    QTest::newRow("empty key") << QByteArray("[a]\n = 2\n") << 2 << u"no name before '='"_s;
    QTest::newRow("bad nested") << QByteArray("[s]\nathena =\n   not nested\n") << 3 << u"indented 'key = value'"_s;
    QTest::newRow("NUL byte") << QByteArray("[a]\nk = \0v\n", 10) << 1 << u"NUL byte"_s;
    QTest::newRow("not UTF-8") << QByteArray("[a]\nk = \xff\xfe\n") << 1 << u"not valid UTF-8"_s;
}

void TestSharedConfigFile::errors()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(QString, fragment);
    auto r = SharedConfigFile::parse(text, u"/home/u/.aws/config"_s);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, AwsError::Kind::Config);
    QVERIFY2(r.error().message.startsWith(u"/home/u/.aws/config line %1: "_s.arg(line)), qPrintable(r.error().message));
    QVERIFY2(r.error().message.contains(fragment), qPrintable(r.error().message));
}

void TestSharedConfigFile::errorsNeverQuoteTheLine()
{
    // A secret pasted without "key =" must not be echoed in the error.
    auto r = SharedConfigFile::parse("[default]\nwJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n", u"credentials"_s);
    QVERIFY(!r.ok());
    QVERIFY(!r.error().message.contains(u"wJalrXUtnFEMI"_s));
    QVERIFY(!r.error().toString().contains(u"wJalrXUtnFEMI"_s));
}

void TestSharedConfigFile::missingFileIsEmpty()
{
    QTemporaryDir dir;
    auto r = SharedConfigFile::load(dir.filePath(u"absent"_s));
    QVERIFY(r.ok());
    QVERIFY(!r->exists());
    QVERIFY(r->sectionNames().isEmpty());
}

void TestSharedConfigFile::scanOfABrokenFileIsBounded()
{
    // The lenient scan behind the profile list of a file that does not parse: the well-formed
    // headers only, each once, in order; a file past 16 MiB or not there gives none, fast.
    QTemporaryDir dir;
    QFile broken(dir.filePath(u"config"_s));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("[default]\nnot a setting\n[profile dev\n[ profile  prod ]\n[]\n\0\xff[profile dev]\n[default]\n");
    broken.close();
    QVERIFY(!SharedConfigFile::load(broken.fileName()).ok());
    QCOMPARE(SharedConfigFile::scanSectionNames(broken.fileName()), (QStringList{u"default"_s, u"profile prod"_s}));
    QVERIFY(SharedConfigFile::scanSectionNames(dir.filePath(u"absent"_s)).isEmpty());

    QFile huge(dir.filePath(u"huge"_s));
    QVERIFY(huge.open(QIODevice::WriteOnly));
    const QByteArray block = QByteArray("[profile p]\n").repeated(1 << 16); // 768 KiB
    for (int i = 0; i < 22; ++i) // 16.5 MiB
        QVERIFY(huge.write(block) == block.size());
    huge.close();
    QElapsedTimer timer;
    timer.start();
    QVERIFY(SharedConfigFile::scanSectionNames(huge.fileName()).isEmpty());
    // 100,000 distinct headers in 2 MiB: every one listed, in bounded time.
    QVERIFY(huge.open(QIODevice::WriteOnly | QIODevice::Truncate));
    for (int i = 0; i < 100000; ++i)
        huge.write("[profile p" + QByteArray::number(i) + "]\n");
    huge.close();
    QCOMPARE(SharedConfigFile::scanSectionNames(huge.fileName()).size(), 100000);
    qInfo("scan: %lld ms for a refused 16.5 MiB file and 100,000 headers", timer.elapsed());
    // A generous bound (sanitizer builds are slow), far below what a quadratic scan takes (27 s).
    QVERIFY2(timer.elapsed() < 20000, qPrintable(QString::number(timer.elapsed())));
}

QTEST_GUILESS_MAIN(TestSharedConfigFile)
#include "tst_sharedconfigfile.moc"
