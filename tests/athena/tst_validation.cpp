// Every validation rule at and beyond its edges, with the messages people read.
#include "athena/validation.h"

#include <QTest>

using namespace athena;
using namespace Qt::StringLiterals;

namespace {

StartSessionRequest validStart()
{
    StartSessionRequest r;
    r.workGroup = u"spark-analytics"_s;
    r.engineConfiguration.maxConcurrentDpus = 20;
    return r;
}

QStringList messages(const ValidationIssues &issues)
{
    QStringList m;
    for (const ValidationIssue &i : issues)
        m << i.message;
    return m;
}

} // namespace

class TestValidation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validRequestHasNoIssues();
    void numbers_data();
    void numbers();
    void texts_data();
    void texts();
    void notebookVersionNeedsNotebookId();
    void mapKeysAndValues();
    void issuesNameTheirField();
    void otherOperations();
    void errorListsEveryIssue();
};

void TestValidation::validRequestHasNoIssues()
{
    QVERIFY(validate(validStart()).isEmpty());
}

void TestValidation::numbers_data()
{
    QTest::addColumn<int>("field");
    QTest::addColumn<qint64>("value");
    QTest::addColumn<QString>("message"); // empty: valid
    const auto f = [](Field x) { return static_cast<int>(x); };
    const QString idle = u"Idle timeout must be between 1 and 480 minutes"_s;
    QTest::newRow("idle 0") << f(Field::SessionIdleTimeoutInMinutes) << qint64(0) << idle;
    QTest::newRow("idle 1") << f(Field::SessionIdleTimeoutInMinutes) << qint64(1) << QString();
    QTest::newRow("idle 480") << f(Field::SessionIdleTimeoutInMinutes) << qint64(480) << QString();
    QTest::newRow("idle 481") << f(Field::SessionIdleTimeoutInMinutes) << qint64(481) << idle;
    const QString dpus = u"Max concurrent DPUs must be between 2 and 5000 DPUs"_s;
    QTest::newRow("dpus 1") << f(Field::MaxConcurrentDpus) << qint64(1) << dpus;
    QTest::newRow("dpus 2") << f(Field::MaxConcurrentDpus) << qint64(2) << QString();
    QTest::newRow("dpus 5000") << f(Field::MaxConcurrentDpus) << qint64(5000) << QString();
    QTest::newRow("dpus 5001") << f(Field::MaxConcurrentDpus) << qint64(5001) << dpus;
    QTest::newRow("dpus negative") << f(Field::MaxConcurrentDpus) << qint64(-20) << dpus;
    QTest::newRow("coordinator 1") << f(Field::CoordinatorDpuSize) << qint64(1) << QString();
    QTest::newRow("coordinator 2") << f(Field::CoordinatorDpuSize) << qint64(2) << u"Coordinator DPU size must be 1 DPU"_s;
    QTest::newRow("executor 0") << f(Field::DefaultExecutorDpuSize) << qint64(0) << u"Default executor DPU size must be 1 DPU"_s;
    QTest::newRow("max results 0") << f(Field::ListSessionsMaxResults) << qint64(0) << u"Max results must be between 1 and 100"_s;
    QTest::newRow("max results 100") << f(Field::ListSessionsMaxResults) << qint64(100) << QString();
    QTest::newRow("max results 101") << f(Field::ListSessionsMaxResults) << qint64(101) << u"Max results must be between 1 and 100"_s;
    QTest::newRow("workgroups 51") << f(Field::ListWorkGroupsMaxResults) << qint64(51) << u"Max results must be between 1 and 50"_s;
    QTest::newRow("engine versions 11") << f(Field::ListEngineVersionsMaxResults) << qint64(11) << u"Max results must be between 1 and 10"_s;
}

void TestValidation::numbers()
{
    QFETCH(int, field);
    QFETCH(qint64, value);
    QFETCH(QString, message);
    const std::optional<QString> got = checkNumber(static_cast<Field>(field), value, true);
    QCOMPARE(got.value_or(QString()), message);
}

void TestValidation::texts_data()
{
    QTest::addColumn<int>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("message");
    const auto f = [](Field x) { return static_cast<int>(x); };
    QTest::newRow("workgroup empty") << f(Field::WorkGroup) << QString() << u"Workgroup is required"_s;
    QTest::newRow("workgroup ok") << f(Field::WorkGroup) << u"spark_analytics-2.0"_s << QString();
    QTest::newRow("workgroup 128") << f(Field::WorkGroup) << QString(128, u'w') << QString();
    QTest::newRow("workgroup 129") << f(Field::WorkGroup) << QString(129, u'w')
                                   << u"Workgroup must be at most 128 characters (it has 129)"_s;
    QTest::newRow("workgroup space") << f(Field::WorkGroup) << u"my group"_s
                                     << u"Workgroup may contain only letters, digits, '.', '_' and '-'"_s;
    QTest::newRow("description 1024") << f(Field::Description) << QString(1024, u'd') << QString();
    QTest::newRow("description 1025") << f(Field::Description) << QString(1025, u'd')
                                      << u"Description must be at most 1024 characters (it has 1025)"_s;
    QTest::newRow("description emoji counted once") << f(Field::Description) << QString(1024, u'x').replace(0, 1, u"🙂"_s) << QString();
    QTest::newRow("token 31") << f(Field::ClientRequestToken) << QString(31, u't')
                              << u"Client request token must be 32 to 128 characters (it has 31)"_s;
    QTest::newRow("token 32") << f(Field::ClientRequestToken) << QString(32, u't') << QString();
    QTest::newRow("token 128") << f(Field::ClientRequestToken) << QString(128, u't') << QString();
    QTest::newRow("token 129") << f(Field::ClientRequestToken) << QString(129, u't')
                               << u"Client request token must be 32 to 128 characters (it has 129)"_s;
    QTest::newRow("notebook 128") << f(Field::NotebookVersion) << QString(128, u'n') << QString();
    QTest::newRow("notebook 129") << f(Field::NotebookVersion) << QString(129, u'n')
                                  << u"Notebook version must be at most 128 characters (it has 129)"_s;
    QTest::newRow("session id 256") << f(Field::SessionId) << QString(256, u's') << QString();
    QTest::newRow("session id 257") << f(Field::SessionId) << QString(257, u's')
                                    << u"Session ID must be at most 256 characters (it has 257)"_s;
    QTest::newRow("next token 2048") << f(Field::ListSessionsNextToken) << QString(2048, u'n') << QString();
    QTest::newRow("next token 2049") << f(Field::ListSessionsNextToken) << QString(2049, u'n')
                                     << u"Next token must be at most 2048 characters (it has 2049)"_s;
    QTest::newRow("role ok") << f(Field::ExecutionRole) << u"arn:aws:iam::123456789012:role/service-role/Athena"_s << QString();
    QTest::newRow("role bad") << f(Field::ExecutionRole) << u"arn:aws:iam::12345:user/someone-else"_s
                              << u"Execution role may contain only an IAM role ARN such as arn:aws:iam::123456789012:role/name"_s;
}

void TestValidation::texts()
{
    QFETCH(int, field);
    QFETCH(QString, value);
    QFETCH(QString, message);
    const std::optional<QString> got = checkText(static_cast<Field>(field), value, true);
    QCOMPARE(got.value_or(QString()), message);
}

void TestValidation::notebookVersionNeedsNotebookId()
{
    StartSessionRequest r = validStart();
    r.notebookVersion = u"Athena notebook version 1"_s;
    QCOMPARE(messages(validate(r)), QStringList{u"A notebook version needs a NotebookId in the additional configs"_s});
    r.engineConfiguration.additionalConfigs.insert(u"NotebookId"_s, u"nb"_s);
    QVERIFY(validate(r).isEmpty());
}

void TestValidation::mapKeysAndValues()
{
    StartSessionRequest r = validStart();
    r.engineConfiguration.sparkProperties.insert(QString(256, u'k'), u"v"_s);
    r.engineConfiguration.additionalConfigs.insert(u"big"_s, QString(51201, u'v'));
    r.engineConfiguration.sparkProperties.insert(u"bad\u0001key"_s, u"v"_s);
    const ValidationIssues issues = validate(r);
    QCOMPARE(issues.size(), 3);
    QVERIFY(messages(issues).join(u'\n').contains(u"Key must be at most 255 characters"_s));
    QVERIFY(messages(issues).join(u'\n').contains(u"Value must be at most 51200 characters"_s));
    QVERIFY(messages(issues).join(u'\n').contains(u"Key may contain only printable characters"_s));
    r = validStart();
    r.engineConfiguration.sparkProperties.insert(QString(255, u'k'), QString(51200, u'v'));
    QVERIFY(validate(r).isEmpty());
}

void TestValidation::issuesNameTheirField()
{
    StartSessionRequest r;
    r.engineConfiguration.maxConcurrentDpus = 1;
    r.sessionIdleTimeoutInMinutes = 0;
    r.clientRequestToken = u"short"_s;
    const ValidationIssues issues = validate(r);
    QStringList fields;
    for (const ValidationIssue &i : issues)
        fields << i.field;
    QCOMPARE(fields, (QStringList{u"WorkGroup"_s, u"EngineConfiguration.MaxConcurrentDpus"_s,
                                  u"SessionIdleTimeoutInMinutes"_s, u"ClientRequestToken"_s}));
    StartSessionRequest missing = validStart();
    missing.engineConfiguration.maxConcurrentDpus.reset();
    QCOMPARE(messages(validate(missing)), QStringList{u"Max concurrent DPUs is required"_s});
}

void TestValidation::otherOperations()
{
    QCOMPARE(messages(validateSessionId({})), QStringList{u"Session ID is required"_s});
    QVERIFY(validateSessionId(u"s-1"_s).isEmpty());
    QCOMPARE(messages(validateWorkGroupName(u"a/b"_s)),
             QStringList{u"Workgroup may contain only letters, digits, '.', '_' and '-'"_s});
    QCOMPARE(messages(validate(ListSessionsRequest{u"wg"_s, {}, 0, {}})), QStringList{u"Max results must be between 1 and 100"_s});
    QVERIFY(validate(ListSessionsRequest{u"wg"_s, SessionState::Idle, 100, QString(2048, u't')}).isEmpty());
    QCOMPARE(messages(validateListWorkGroups(0, {})), QStringList{u"Max results must be between 1 and 50"_s});
    QCOMPARE(messages(validateListEngineVersions(11, QString(1025, u'x'))),
             (QStringList{u"Max results must be between 1 and 10"_s, u"Next token must be at most 1024 characters (it has 1025)"_s}));
}

void TestValidation::errorListsEveryIssue()
{
    StartSessionRequest r = validStart();
    r.engineConfiguration.maxConcurrentDpus = 9999;
    r.sessionIdleTimeoutInMinutes = 999;
    const aws::AwsError e = toError(validate(r));
    QCOMPARE(e.kind, aws::AwsError::Kind::Validation);
    QCOMPARE(e.message, u"Max concurrent DPUs must be between 2 and 5000 DPUs; Idle timeout must be between 1 and 480 minutes"_s);
}

QTEST_GUILESS_MAIN(TestValidation)
#include "tst_validation.moc"
