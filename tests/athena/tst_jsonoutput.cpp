// athenactl's JSON writer: the same document as QJsonDocument (parsed back), the AWS CLI's layout,
// and the summary fast path byte-identical to the generic path.
#include "athena/athenajson.h"
#include "athenactl/jsonoutput.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace athena;
using namespace Qt::StringLiterals;

class TestJsonOutput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void layoutIsTheCliLayout();
    void roundTripsAnyValue();
    void escapes();
    void summaryFastPathMatchesTheGenericPath();
    void timesAndStringsAtTheEdges();
};

void TestJsonOutput::layoutIsTheCliLayout()
{
    const QJsonObject o{{u"b"_s, QJsonArray{1, 2.5}}, {u"a"_s, QJsonObject{{u"x"_s, true}}}, {u"c"_s, QJsonObject()}, {u"d"_s, QJsonArray()}};
    QCOMPARE(jsonoutput::indented(o), QByteArray("{\n    \"a\": {\n        \"x\": true\n    },\n    \"b\": [\n        1,\n        2.5\n    ],\n"
                                                 "    \"c\": {},\n    \"d\": []\n}\n"));
}

void TestJsonOutput::roundTripsAnyValue()
{
    const QJsonObject o{{u"time"_s, 1763705400.123}, {u"big"_s, 9007199254740991.0}, {u"neg"_s, -3}, {u"null"_s, QJsonValue()},
                        {u"text"_s, u"é 漢 🙂"_s}, {u"nested"_s, QJsonArray{QJsonObject{{u"k"_s, u"v"_s}}, QJsonArray{}}}};
    QCOMPARE(QJsonDocument::fromJson(jsonoutput::indented(o)).object(), o);
}

void TestJsonOutput::escapes()
{
    const QString tricky = u"quote \" backslash \\ newline \n tab \t bell \u0007 end"_s;
    const QByteArray text = jsonoutput::indented(QJsonObject{{u"s"_s, tricky}});
    QVERIFY(text.contains("\\\"") && text.contains("\\\\") && text.contains("\\n") && text.contains("\\t") && text.contains("\\u0007"));
    QCOMPARE(QJsonDocument::fromJson(text).object().value(u"s"_s).toString(), tricky);
}

void TestJsonOutput::summaryFastPathMatchesTheGenericPath()
{
    QRandomGenerator rng(7);
    const QList<SessionState> states = allSessionStates();
    for (int i = 0; i < 500; ++i) {
        SessionSummary s;
        s.sessionId = QString::number(rng.generate64(), 16);
        if (rng.bounded(3))
            s.description = u"desc \"%1\" \\ é"_s.arg(i);
        if (rng.bounded(4))
            s.engineVersion = EngineVersion{rng.bounded(2) ? u"PySpark engine version 3"_s : QString(), u"PySpark engine version 3"_s};
        if (rng.bounded(2))
            s.notebookVersion = u"Athena notebook version 1"_s;
        if (rng.bounded(5))
            s.status.startDateTime = QDateTime::fromMSecsSinceEpoch(1700000000000LL + rng.bounded(100000000), Qt::UTC);
        if (rng.bounded(2))
            s.status.lastModifiedDateTime = QDateTime::fromMSecsSinceEpoch(1700000000000LL + rng.bounded(100000000), Qt::UTC);
        if (rng.bounded(3) == 0)
            s.status.idleSinceDateTime = QDateTime::fromSecsSinceEpoch(1700000000 + rng.bounded(100000), Qt::UTC);
        if (rng.bounded(3) == 0)
            s.status.endDateTime = QDateTime::fromSecsSinceEpoch(1700000000 + rng.bounded(100000), Qt::UTC);
        if (rng.bounded(5))
            s.status.state = states.at(rng.bounded(static_cast<int>(states.size())));
        if (rng.bounded(4) == 0)
            s.status.stateChangeReason = u"because\nof reasons"_s;
        QByteArray fast, generic;
        jsonoutput::appendSummary(fast, s, 8);
        jsonoutput::append(generic, json::toJson(s), 8);
        QCOMPARE(fast, generic);
    }
}

void TestJsonOutput::timesAndStringsAtTheEdges()
{
    // The summary writer formats times from integers and plain ASCII without a UTF-8 copy; the
    // generic path (QJsonValue, doubles) is the reference for every edge of both.
    const QList<qint64> millis = {0, 1, 10, 100, 999, 1000, 1001, 1010, 1100, 1700000000000LL, 1700000000001LL,
                                  1700000000010LL, 1700000000100LL, 1700000000120LL, 1700000000999LL, 253402300799999LL,
                                  999999999999999LL, 1000000000000000LL, 1000000000000123LL, -1, -1000, -1700000000123LL,
                                  8640000000000000LL};
    const QList<QString> strings = {u""_s, u"a"_s, u"plain ASCII ~"_s, u"quote \" and \\ backslash"_s, u"tab\there"_s,
                                    u"\u0001\u001f"_s, u"\u007f del"_s, u"é ü ß"_s, u"日本語"_s, u"😀"_s,
                                    QString(u'\xd800'), QString(5000, u'x')};
    for (const qint64 ms : millis) {
        for (const QString &text : strings) {
            SessionSummary s;
            s.sessionId = text.isEmpty() ? u"id"_s : text;
            s.description = text;
            s.status.startDateTime = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
            s.status.stateChangeReason = text;
            QByteArray fast, generic;
            jsonoutput::appendSummary(fast, s, 4, text);
            QJsonObject o = json::toJson(s);
            if (!text.isEmpty())
                o.insert(u"WorkGroup"_s, text);
            jsonoutput::append(generic, o, 4);
            QVERIFY2(fast == generic, qPrintable(u"%1 ms, %2 characters"_s.arg(ms).arg(text.size())));
        }
    }
}

QTEST_GUILESS_MAIN(TestJsonOutput)
#include "tst_jsonoutput.moc"
