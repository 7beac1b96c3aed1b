// The window as a screen reader sees it: a walk of the accessibility tree (QAccessible) of the
// main window and of the start dialog finds no control without a name, and every column header
// and control a person can act on also has a description or a name that says enough.
#include "dashboard/dashboard.h"
#include "support/guitestsupport.h"
#include "ui/detailpane.h"
#include "ui/mainwindow.h"
#include "ui/startsessiondialog.h"
#include "ui/translations.h"

#include <QAccessible>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace {

bool interactive(QAccessible::Role role)
{
    switch (role) {
    case QAccessible::PushButton:
    case QAccessible::CheckBox:
    case QAccessible::RadioButton:
    case QAccessible::ComboBox:
    case QAccessible::EditableText:
    case QAccessible::SpinBox:
    case QAccessible::ButtonMenu:
    case QAccessible::ButtonDropDown:
    case QAccessible::Table:
    case QAccessible::ColumnHeader:
    case QAccessible::Link:
        return true;
    default:
        return false;
    }
}

QString describe(QAccessibleInterface *i)
{
    QString what = u"role 0x%1"_s.arg(int(i->role()), 0, 16);
    if (QObject *o = i->object())
        what += u" %1 '%2'"_s.arg(QString::fromLatin1(o->metaObject()->className()), o->objectName());
    if (QAccessibleInterface *p = i->parent(); p && p->object())
        what += u" in '%1'"_s.arg(p->object()->objectName());
    return what;
}

// Every visible interactive element without a name, below `root`.
void walk(QAccessibleInterface *root, QStringList &unnamed, int &checked, int depth = 0)
{
    if (!root || depth > 40)
        return;
    const QAccessible::State state = root->state();
    if (state.invisible || state.offscreen)
        return;
    if (interactive(root->role())) {
        ++checked;
        if (root->text(QAccessible::Name).trimmed().isEmpty())
            unnamed << describe(root);
    }
    // Table cells are named by their data; walking 100s of them says nothing more.
    if (root->role() == QAccessible::Table) {
        for (int c = 0; c < root->childCount(); ++c) {
            QAccessibleInterface *child = root->child(c);
            if (child && child->role() == QAccessible::ColumnHeader)
                walk(child, unnamed, checked, depth + 1);
        }
        return;
    }
    for (int c = 0; c < root->childCount(); ++c)
        walk(root->child(c), unnamed, checked, depth + 1);
}

} // namespace

class TestAccessibility : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyControlHasAName();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Translations> m_translations;
};

void TestAccessibility::initTestCase()
{
    QVERIFY(m_dir.isValid());
    testing::isolateSettings(m_dir.filePath(u"settings"_s));
    m_translations = std::make_unique<Translations>(QLocale(QLocale::English, QLocale::UnitedStates));
    QAccessible::setActive(true);
}

void TestAccessibility::everyControlHasAName()
{
    Dashboard dashboard(testing::sandboxOptions(m_dir.filePath(u"aws"_s), 20));
    MainWindow window(&dashboard);
    window.resize(1280, 760);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.start({ConnectionChoice::sandbox(), {}, {}});
    QTRY_VERIFY_WITH_TIMEOUT(dashboard.workGroupsLoaded() && !dashboard.isLoading() && window.table()->model()->rowCount() > 0, 20000);
    window.table()->selectRow(0);
    QTRY_VERIFY_WITH_TIMEOUT(!window.detailPane()->fieldText(u"state"_s).isEmpty(), 10000);

    QStringList unnamed;
    int checked = 0;
    walk(QAccessible::queryAccessibleInterface(&window), unnamed, checked);
    QVERIFY2(unnamed.isEmpty(), qPrintable(u"main window, unnamed:\n  "_s + unnamed.join(u"\n  "_s)));
    QVERIFY2(checked > 20, qPrintable(QString::number(checked)));

    // Every column of the table is named (the header) and described (its tooltip).
    for (int c = 0; c < window.table()->model()->columnCount(); ++c)
        QVERIFY2(!window.table()->model()->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty(),
                 qPrintable(window.table()->model()->headerData(c, Qt::Horizontal).toString()));

    StartSessionDialog *dialog = window.openStartDialog();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QTest::mouseClick(dialog->findChild<QToolButton *>(u"advancedToggle"_s), Qt::LeftButton);
    int dialogChecked = 0;
    walk(QAccessible::queryAccessibleInterface(dialog), unnamed, dialogChecked);
    QVERIFY2(unnamed.isEmpty(), qPrintable(u"start dialog, unnamed:\n  "_s + unnamed.join(u"\n  "_s)));
    QVERIFY2(dialogChecked > 15, qPrintable(QString::number(dialogChecked)));
    qInfo("%d controls in the window and %d in the start dialog, all named", checked, dialogChecked);
    dialog->reject();
}

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
