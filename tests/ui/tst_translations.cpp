// The translation setup, proven with German: the .ts is complete, the .qm is compiled in, and
// the window, the model, the dialog and the validation messages speak it.
#include "support/guitestsupport.h"
#include "ui/mainwindow.h"
#include "ui/translations.h"
#include "ui/windowstatusbar.h"
#include "sessions/startsessionform.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QPushButton>
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
    void englishHasRealPlurals();
    void qtsOwnStringsSpeakGermanToo();
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

void TestTranslations::englishHasRealPlurals()
{
    // The source says "%n session(s)"; what a person reads does not.
    const Translations translations(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY2(translations.loaded().contains(u":/i18n/athena-sessions_en.qm"_s), qPrintable(translations.loaded().join(u", "_s)));
    WindowStatusBar bar;
    bar.showLoadingFinished(true, 1);
    QCOMPARE(bar.countText(), u"1 session"_s);
    bar.setShownCount(5, 40);
    QCOMPARE(bar.countText(), u"5 of 40 sessions"_s);
    QCOMPARE(QCoreApplication::translate("MainWindow", "&Terminate %n session(s)", nullptr, 3), u"&Terminate 3 sessions"_s);
}

void TestTranslations::qtsOwnStringsSpeakGermanToo()
{
    // Standard buttons come from Qt's own translations (Debian's qt6-translations-l10n, a
    // dependency of the package): without them a German window says "Cancel".
    const Translations translations(QLocale(QLocale::German, QLocale::Germany));
    QVERIFY2(translations.loaded().join(u' ').contains(u"qtbase_de"_s), qPrintable(u"loaded: "_s + translations.loaded().join(u", "_s)));
    QDialogButtonBox box(QDialogButtonBox::Cancel | QDialogButtonBox::Yes | QDialogButtonBox::No);
    QCOMPARE(box.button(QDialogButtonBox::Cancel)->text(), u"Abbrechen"_s);
    QCOMPARE(box.button(QDialogButtonBox::Yes)->text().remove(u'&'), u"Ja"_s);
    QCOMPARE(QCoreApplication::translate("MainWindow", "&Terminate %n session(s)", nullptr, 2), u"2 Sitzungen &beenden"_s);
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
