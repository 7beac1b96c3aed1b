// The translation setup, proven with German: the .ts is complete, the .qm is compiled in, and
// the window, the model, the dialog and the validation messages speak it.
#include "support/guitestsupport.h"
#include "ui/mainwindow.h"
#include "sessions/startsessionform.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QTableView>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theGermanTranslationIsComplete();
    void theWindowSpeaksGerman();
};

void TestTranslations::theGermanTranslationIsComplete()
{
    QFile ts(QStringLiteral(ATHENA_TS_PATH));
    QVERIFY(ts.open(QIODevice::ReadOnly));
    const QByteArray text = ts.readAll();
    QVERIFY(text.count("<message") > 200);
    QCOMPARE(text.count("type=\"unfinished\""), 0);
    QCOMPARE(text.count("type=\"vanished\""), 0);
    QCOMPARE(text.count("type=\"obsolete\""), 0);
}

void TestTranslations::theWindowSpeaksGerman()
{
    QTranslator german;
    QVERIFY(german.load(u"athena-sessions_de"_s, u":/i18n"_s));
    QApplication::installTranslator(&german);
    QTemporaryDir dir;
    testing::isolateSettings(dir.filePath(u"settings"_s));
    Dashboard dashboard(testing::sandboxOptions(dir.filePath(u"aws"_s), 10));
    MainWindow window(&dashboard);
    window.show();
    window.start({ConnectionChoice::sandbox(), {}, {}});
    QCOMPARE(window.findChild<QAction *>(u"refreshAction"_s)->text(), u"&Aktualisieren"_s);
    QCOMPARE(window.findChild<QAction *>(u"newSessionAction"_s)->text(), u"&Neue Sitzung …"_s);
    QCOMPARE(window.table()->model()->headerData(SessionTableModel::SessionIdColumn, Qt::Horizontal).toString(), u"Sitzungs-ID"_s);
    StartSessionForm form;
    form.setText(StartSessionForm::Field::SessionIdleTimeoutInMinutes, u"481"_s);
    QCOMPARE(form.check(StartSessionForm::Field::SessionIdleTimeoutInMinutes).value_or(QString()),
             u"Leerlauf-Zeitlimit muss zwischen 1 und 480 Minuten liegen"_s);
    QCOMPARE(SessionTableModel::formatDuration(125), u"2 min"_s);
    QApplication::removeTranslator(&german);
    QCOMPARE(window.findChild<QAction *>(u"refreshAction"_s)->text(), u"&Aktualisieren"_s); // built once, as usual
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
