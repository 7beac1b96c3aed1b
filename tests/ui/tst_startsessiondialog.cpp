// The start-session dialog as a user types into it: messages beside the fields, OK only when
// valid, the cost estimate, submission, and a refused submission that keeps the input.
#include "athena/athenajson.h"
#include "support/testpaths.h"
#include "ui/keyvaluetable.h"
#include "ui/startsessiondialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QJsonDocument>
#include <QPlainTextEdit>
#include <QProcess>
#include <QScrollArea>
#include <QTemporaryFile>
#include <QToolButton>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace Qt::StringLiterals;

class TestStartSessionDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void defaultsAreValid();
    void fieldMessagesAsTheUserTypes_data();
    void fieldMessagesAsTheUserTypes();
    void notebookVersionNeedsANotebookIdRow();
    void costFollowsTheDpus();
    void submitEmitsTheRequestAndWaits();
    void refusedSubmissionKeepsTheInput();
    void startSimilarIsPrefilled();
    void advancedOffersEveryMemberAndBotocoreAcceptsTheRequest();
    void serviceErrorGoesWhenTheInputChanges();
    void fitsASmallScreen();
    void addEditsTheNewKey();
    void messagesDoNotMoveTheFields();

private:
    template <typename T>
    T *child(const QString &name) const
    {
        T *w = m_dialog->findChild<T *>(name);
        if (!w)
            qFatal("no child %s", qPrintable(name));
        return w;
    }
    void typeInto(const QString &edit, const QString &text);

    std::unique_ptr<StartSessionDialog> m_dialog;
};

void TestStartSessionDialog::init()
{
    m_dialog = std::make_unique<StartSessionDialog>(QStringList{u"spark-analytics"_s, u"spark-etl"_s}, StartSessionForm());
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
}

void TestStartSessionDialog::cleanup()
{
    m_dialog.reset();
}

void TestStartSessionDialog::typeInto(const QString &edit, const QString &text)
{
    auto *e = child<QLineEdit>(edit);
    e->selectAll();
    QTest::keyClick(e, Qt::Key_Backspace);
    QTest::keyClicks(e, text);
}

void TestStartSessionDialog::defaultsAreValid()
{
    QVERIFY(child<QPushButton>(u"okButton"_s)->isEnabled());
    QCOMPARE(child<QComboBox>(u"workGroupCombo"_s)->currentText(), u"spark-analytics"_s);
    QCOMPARE(child<QLineEdit>(u"maxDpusEdit"_s)->text(), u"20"_s);
    QCOMPARE(child<QLineEdit>(u"idleTimeoutEdit"_s)->text(), u"20"_s);
    QVERIFY(child<QLineEdit>(u"tokenEdit"_s)->text().size() >= 32);
    QVERIFY(child<QLabel>(u"maxDpusError"_s)->text().isEmpty());
}

void TestStartSessionDialog::fieldMessagesAsTheUserTypes_data()
{
    QTest::addColumn<QString>("edit");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message"); // empty: valid
    QTest::newRow("dpus 1") << u"maxDpusEdit"_s << u"1"_s << u"Max concurrent DPUs must be between 2 and 5000 DPUs"_s;
    QTest::newRow("dpus 2") << u"maxDpusEdit"_s << u"2"_s << QString();
    QTest::newRow("dpus 5000") << u"maxDpusEdit"_s << u"5000"_s << QString();
    QTest::newRow("dpus 5001") << u"maxDpusEdit"_s << u"5001"_s << u"Max concurrent DPUs must be between 2 and 5000 DPUs"_s;
    QTest::newRow("dpus letters") << u"maxDpusEdit"_s << u"2o"_s << u"Max concurrent DPUs must be a whole number"_s;
    QTest::newRow("dpus empty") << u"maxDpusEdit"_s << QString() << u"Max concurrent DPUs is required"_s;
    QTest::newRow("idle 0") << u"idleTimeoutEdit"_s << u"0"_s << u"Idle timeout must be between 1 and 480 minutes"_s;
    QTest::newRow("idle 1") << u"idleTimeoutEdit"_s << u"1"_s << QString();
    QTest::newRow("idle 480") << u"idleTimeoutEdit"_s << u"480"_s << QString();
    QTest::newRow("idle 481") << u"idleTimeoutEdit"_s << u"481"_s << u"Idle timeout must be between 1 and 480 minutes"_s;
    QTest::newRow("coordinator 2") << u"coordinatorEdit"_s << u"2"_s << u"Coordinator DPU size must be 1 DPU"_s;
    QTest::newRow("executor 0") << u"executorEdit"_s << u"0"_s << u"Default executor DPU size must be 1 DPU"_s;
    QTest::newRow("description 1025") << u"descriptionEdit"_s << QString(1025, u'x')
                                      << u"Description must be at most 1024 characters (it has 1025)"_s;
}

void TestStartSessionDialog::fieldMessagesAsTheUserTypes()
{
    QFETCH(QString, edit);
    QFETCH(QString, text);
    QFETCH(QString, message);
    typeInto(edit, text);
    auto *error = child<QLabel>(edit.chopped(4) + u"Error"_s);
    QCOMPARE(error->text(), message);
    QCOMPARE(child<QPushButton>(u"okButton"_s)->isEnabled(), message.isEmpty());
}

void TestStartSessionDialog::notebookVersionNeedsANotebookIdRow()
{
    auto *notebook = child<QComboBox>(u"notebookVersionCombo"_s);
    notebook->setCurrentText(u"Athena notebook version 1"_s);
    auto *error = child<QLabel>(u"notebookVersionError"_s);
    QCOMPARE(error->text(), u"A notebook version needs a NotebookId in the additional configs"_s);
    QVERIFY(!child<QPushButton>(u"okButton"_s)->isEnabled());
    auto *configs = child<KeyValueTable>(u"additionalConfigsTable"_s);
    QTest::mouseClick(configs->findChild<QPushButton *>(u"addButton"_s), Qt::LeftButton);
    configs->table()->item(0, 0)->setText(u"NotebookId"_s);
    configs->table()->item(0, 1)->setText(u"nb-123"_s);
    QVERIFY(error->text().isEmpty());
    QVERIFY(child<QPushButton>(u"okButton"_s)->isEnabled());
    // A duplicate key is refused.
    auto *spark = child<KeyValueTable>(u"sparkPropertiesTable"_s);
    spark->addRow(u"spark.a"_s, u"1"_s);
    spark->addRow(u"spark.a"_s, u"2"_s);
    QCOMPARE(child<QLabel>(u"sparkPropertiesError"_s)->text(), u"Spark property 'spark.a' appears twice"_s);
    QVERIFY(!child<QPushButton>(u"okButton"_s)->isEnabled());
}

void TestStartSessionDialog::costFollowsTheDpus()
{
    auto *cost = child<QLabel>(u"costLabel"_s);
    QVERIFY2(cost->text().contains(u"7.00"_s), qPrintable(cost->text())); // 20 DPUs × $0.35
    typeInto(u"maxDpusEdit"_s, u"100"_s);
    QVERIFY2(cost->text().contains(u"35.00"_s), qPrintable(cost->text()));
    typeInto(u"maxDpusEdit"_s, u"x"_s);
    QCOMPARE(cost->text(), u"—"_s);
}

void TestStartSessionDialog::submitEmitsTheRequestAndWaits()
{
    typeInto(u"descriptionEdit"_s, u"nightly run"_s);
    typeInto(u"maxDpusEdit"_s, u"40"_s);
    QSignalSpy submitted(m_dialog.get(), &StartSessionDialog::submitRequested);
    QTest::mouseClick(child<QPushButton>(u"okButton"_s), Qt::LeftButton);
    QCOMPARE(submitted.size(), 1);
    const auto request = submitted.first().at(0).value<athena::StartSessionRequest>();
    QCOMPARE(request.workGroup, u"spark-analytics"_s);
    QCOMPARE(request.description, u"nightly run"_s);
    QVERIFY(request.engineConfiguration.maxConcurrentDpus == 40);
    QCOMPARE(request.clientRequestToken, child<QLineEdit>(u"tokenEdit"_s)->text());
    QVERIFY(m_dialog->isSubmitting());
    QVERIFY(!child<QPushButton>(u"okButton"_s)->isEnabled()); // no double submission
    QTest::mouseClick(child<QPushButton>(u"okButton"_s), Qt::LeftButton);
    QCOMPARE(submitted.size(), 1);
    m_dialog->finishSubmission();
    QVERIFY(!m_dialog->isVisible());
    QCOMPARE(m_dialog->result(), int(QDialog::Accepted));
}

void TestStartSessionDialog::refusedSubmissionKeepsTheInput()
{
    typeInto(u"descriptionEdit"_s, u"kept"_s);
    typeInto(u"maxDpusEdit"_s, u"64"_s);
    const QString token = child<QLineEdit>(u"tokenEdit"_s)->text();
    QTest::mouseClick(child<QPushButton>(u"okButton"_s), Qt::LeftButton);
    aws::AwsError e = aws::AwsError::make(aws::AwsError::Kind::Service, u"TooManyRequestsException"_s,
                                          u"Starting this session would exceed the DPU quota"_s);
    e.httpStatus = 400;
    m_dialog->showServiceError(e);
    QVERIFY(m_dialog->isVisible());
    auto *banner = child<QLabel>(u"serviceErrorLabel"_s);
    QVERIFY(banner->isVisible());
    QVERIFY(banner->text().contains(u"TooManyRequestsException"_s));
    QVERIFY(banner->text().contains(u"DPU quota"_s));
    QCOMPARE(child<QLineEdit>(u"descriptionEdit"_s)->text(), u"kept"_s);
    QCOMPARE(child<QLineEdit>(u"maxDpusEdit"_s)->text(), u"64"_s);
    QCOMPARE(child<QLineEdit>(u"tokenEdit"_s)->text(), token); // a retry is the same request
    QVERIFY(child<QPushButton>(u"okButton"_s)->isEnabled());
    e.outcomeUnknown = true;
    m_dialog->showServiceError(e);
    QVERIFY(banner->text().contains(u"cannot start a second session"_s));
}

void TestStartSessionDialog::startSimilarIsPrefilled()
{
    athena::SessionDetails d;
    d.workGroup = u"spark-etl"_s;
    d.description = u"like this"_s;
    d.engineConfiguration.maxConcurrentDpus = 120;
    d.engineConfiguration.sparkProperties = {{u"spark.x"_s, u"y"_s}};
    d.sessionConfiguration.idleTimeoutSeconds = 3600;
    StartSessionDialog dialog({u"spark-analytics"_s, u"spark-etl"_s}, StartSessionForm::similarTo(d));
    QCOMPARE(dialog.findChild<QComboBox *>(u"workGroupCombo"_s)->currentText(), u"spark-etl"_s);
    QCOMPARE(dialog.findChild<QLineEdit *>(u"maxDpusEdit"_s)->text(), u"120"_s);
    QCOMPARE(dialog.findChild<QLineEdit *>(u"idleTimeoutEdit"_s)->text(), u"60"_s);
    QCOMPARE(dialog.findChild<KeyValueTable *>(u"sparkPropertiesTable"_s)->pairs(), (KeyValueTable::Pairs{{u"spark.x"_s, u"y"_s}}));
}

void TestStartSessionDialog::advancedOffersEveryMemberAndBotocoreAcceptsTheRequest()
{
    QVERIFY(!child<QWidget>(u"advancedGroup"_s)->isVisible());
    QTest::mouseClick(child<QToolButton>(u"advancedToggle"_s), Qt::LeftButton);
    QVERIFY(child<QWidget>(u"advancedGroup"_s)->isVisible());
    // The token's label is a real label: its '&' is a shortcut, not a character on screen.
    const auto labels = m_dialog->findChildren<QLabel *>();
    const auto tokenLabel = std::find_if(labels.begin(), labels.end(), [this](QLabel *l) { return l->buddy() == child<QLineEdit>(u"tokenEdit"_s); });
    QVERIFY(tokenLabel != labels.end());

    typeInto(u"executionRoleEdit"_s, u"spark-role"_s);
    QVERIFY(!child<QLabel>(u"executionRoleError"_s)->text().isEmpty());
    QVERIFY(!child<QPushButton>(u"okButton"_s)->isEnabled());
    typeInto(u"executionRoleEdit"_s, u"arn:aws:iam::123456789012:role/spark"_s);
    QVERIFY(child<QLabel>(u"executionRoleError"_s)->text().isEmpty());

    auto *tags = child<KeyValueTable>(u"tagsTable"_s);
    tags->setPairs({{u"team"_s, u"data"_s}});
    child<QCheckBox>(u"copyWorkGroupTagsCheck"_s)->setChecked(true);
    // A destination's fields are usable only while it is switched on.
    QVERIFY(!child<QLineEdit>(u"s3LocationEdit"_s)->isEnabled());
    child<QCheckBox>(u"s3LoggingCheck"_s)->setChecked(true);
    QVERIFY(child<QLineEdit>(u"s3LocationEdit"_s)->isEnabled());
    QVERIFY(!child<QLabel>(u"s3LocationError"_s)->text().isEmpty()); // on, but where to?
    typeInto(u"s3LocationEdit"_s, u"s3://logs/athena/"_s);
    child<QCheckBox>(u"cloudWatchLoggingCheck"_s)->setChecked(true);
    typeInto(u"logGroupEdit"_s, u"/aws-athena/spark"_s);
    child<QCheckBox>(u"managedLoggingCheck"_s)->setChecked(true);
    auto *classifications = child<QPlainTextEdit>(u"classificationsEdit"_s);
    classifications->setPlainText(u"[{\"Name\": \"spark-defaults\""_s);
    QVERIFY(!child<QLabel>(u"classificationsError"_s)->text().isEmpty());
    classifications->setPlainText(uR"([{"Name": "spark-defaults", "Properties": {"spark.sql.adaptive.enabled": "true"}}])"_s);
    QVERIFY(child<QLabel>(u"classificationsError"_s)->text().isEmpty());
    QVERIFY(child<QPushButton>(u"okButton"_s)->isEnabled());

    QSignalSpy submitted(m_dialog.get(), &StartSessionDialog::submitRequested);
    QTest::mouseClick(child<QPushButton>(u"okButton"_s), Qt::LeftButton);
    QCOMPARE(submitted.size(), 1);
    const auto r = submitted.first().first().value<athena::StartSessionRequest>();
    QCOMPARE(r.executionRole, u"arn:aws:iam::123456789012:role/spark"_s);
    QCOMPARE(r.tags, (QList<athena::Tag>{athena::Tag{u"team"_s, u"data"_s}}));
    QCOMPARE(r.copyWorkGroupTags, std::optional<bool>(true));
    QCOMPARE(r.monitoringConfiguration->s3Logging->logLocation, u"s3://logs/athena/"_s);
    QCOMPARE(r.engineConfiguration.classifications.size(), 1);

    // botocore's own model validation of the body this request becomes.
    const QString python = testing::pythonWith(u"botocore"_s);
    if (python.isEmpty())
        QSKIP("[peer:botocore] botocore is not installed: the request was not checked against the model");
    QTemporaryFile body;
    QVERIFY(body.open());
    body.write(QJsonDocument(athena::json::toJson(r)).toJson());
    body.close();
    QProcess p;
    p.start(python, {testing::toolsDir(u"botocore_validate.py"_s), u"StartSession"_s, u"request"_s, body.fileName()});
    QVERIFY(p.waitForFinished(60000));
    const QByteArray verdict = p.readAllStandardOutput() + p.readAllStandardError();
    QVERIFY2(p.exitCode() == 0, verdict.constData());
    QVERIFY2(verdict.contains("StartSession request valid"), verdict.constData());
    qInfo("%s", verdict.trimmed().constData());
}

void TestStartSessionDialog::serviceErrorGoesWhenTheInputChanges()
{
    QTest::mouseClick(child<QPushButton>(u"okButton"_s), Qt::LeftButton);
    m_dialog->showServiceError(aws::AwsError::make(aws::AwsError::Kind::Service, u"InvalidRequestException"_s,
                                                   u"Workgroup spark-analytics is not a Spark workgroup"_s));
    auto *banner = child<QLabel>(u"serviceErrorLabel"_s);
    QVERIFY(banner->isVisible());
    typeInto(u"descriptionEdit"_s, u"x"_s);
    QVERIFY(!banner->isVisible());
}

void TestStartSessionDialog::fitsASmallScreen()
{
    // With every section open the content is taller than 700 pixels; the dialog is not, it scrolls.
    QTest::mouseClick(child<QToolButton>(u"advancedToggle"_s), Qt::LeftButton);
    m_dialog->resize(900, 640);
    auto *scroll = child<QScrollArea>(u"startSessionScroll"_s);
    QTRY_VERIFY(scroll->widget()->height() > scroll->viewport()->height());
    QVERIFY(child<QPushButton>(u"okButton"_s)->isVisible());
    QVERIFY(m_dialog->minimumSizeHint().height() < 640);
}

void TestStartSessionDialog::addEditsTheNewKey()
{
    // Add puts the cursor in the new row's Key, ready to type.
    auto *spark = child<KeyValueTable>(u"sparkPropertiesTable"_s);
    QTest::mouseClick(spark->findChild<QPushButton *>(u"addButton"_s), Qt::LeftButton);
    QTableWidget *table = spark->table();
    QTRY_VERIFY(QApplication::focusWidget() && table->isAncestorOf(QApplication::focusWidget())); // an editor is open
    QCOMPARE(table->currentRow(), table->rowCount() - 1);
    QCOMPARE(table->currentColumn(), 0);
    QWidget *editor = QApplication::focusWidget();
    QTest::keyClicks(editor, u"spark.sql.shuffle.partitions"_s);
    QTest::keyClick(editor, Qt::Key_Tab);
    QTRY_COMPARE(spark->pairs().value(0).first, u"spark.sql.shuffle.partitions"_s);
}

void TestStartSessionDialog::messagesDoNotMoveTheFields()
{
    auto *idle = child<QLineEdit>(u"idleTimeoutEdit"_s);
    const int before = idle->mapTo(m_dialog.get(), QPoint()).y();
    typeInto(u"maxDpusEdit"_s, u"1"_s); // a message under the field above
    QVERIFY(!child<QLabel>(u"maxDpusError"_s)->text().isEmpty());
    QTRY_COMPARE(idle->mapTo(m_dialog.get(), QPoint()).y(), before);
    typeInto(u"maxDpusEdit"_s, u"20"_s);
    QVERIFY(child<QLabel>(u"maxDpusError"_s)->text().isEmpty());
    QTRY_COMPARE(idle->mapTo(m_dialog.get(), QPoint()).y(), before);
}

QTEST_MAIN(TestStartSessionDialog)
#include "tst_startsessiondialog.moc"
