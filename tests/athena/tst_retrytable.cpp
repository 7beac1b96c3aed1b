// Errors and retries as botocore's: botocore (boto3's Athena client) and athenactl make the same
// call against the same scripted error answers, and the number of attempts each makes must agree
// for every row (tests/tools/retry_table.py holds the rows and prints the table).
#include "support/testpaths.h"

#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;

class TestRetryTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void botocoreAndAthenactlAgree();
};

void TestRetryTable::botocoreAndAthenactlAgree()
{
    const QString python = testing::pythonWith(u"boto3"_s);
    if (python.isEmpty())
        QSKIP("[peer:boto3] boto3 is not installed: the retry table cannot be compared with botocore");
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(python, {testing::toolsDir(u"retry_table.py"_s), QStringLiteral(ATHENACTL_PATH)});
    QVERIFY(p.waitForFinished(240000));
    const QString out = QString::fromUtf8(p.readAll());
    qInfo().noquote() << out;
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QVERIFY2(p.exitCode() == 0, qPrintable(out));
    QVERIFY(out.contains(u"retry table: 15 agree, 0 differ"_s));
}

QTEST_GUILESS_MAIN(TestRetryTable)
#include "tst_retrytable.moc"
