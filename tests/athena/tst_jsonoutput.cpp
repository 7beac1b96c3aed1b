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

QTEST_GUILESS_MAIN(TestJsonOutput)
#include "tst_jsonoutput.moc"
