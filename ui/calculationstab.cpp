// The Calculations and Run code tabs of the detail pane.
#include "ui/insidetabs.h"

#include "ui/pythonhighlighter.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using namespace athena;

namespace {

QString errorText(const aws::AwsError &e)
{
    return e.code.isEmpty() || e.message.contains(e.code) ? e.message : e.code + QStringLiteral(": ") + e.message;
}

QTableView *makeView(QAbstractItemModel *model, const QString &name, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->setWordWrap(false);
    view->setAlternatingRowColors(true);
    return view;
}

} // namespace

// ---- CalculationsTab ----

CalculationsTab::CalculationsTab(SessionInside *inside, QWidget *parent) : QWidget(parent), m_inside(inside)
{
    setObjectName(QStringLiteral("calculationsTab"));
    m_view = makeView(inside->calculations(), QStringLiteral("calculationsView"), this);
    m_view->setAccessibleName(tr("Calculations"));
    m_view->horizontalHeader()->setSectionResizeMode(CalculationListModel::DescriptionColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setStretchLastSection(false);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        m_inside->selectCalculation(current.isValid() ? m_inside->calculations()->idAt(current.row()) : QString());
    });
    // The selected row stays selected as the list is refreshed (rows move, the selection follows).

    auto *details = new QWidget(this);
    auto *dl = new QVBoxLayout(details);
    dl->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    m_state = new QLabel(details);
    m_state->setObjectName(QStringLiteral("calculationStateLabel"));
    m_state->setWordWrap(true);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stop = new QPushButton(tr("&Stop"), details);
    m_stop->setObjectName(QStringLiteral("stopCalculationButton"));
    m_stop->setToolTip(tr("Stop the selected calculation (StopCalculationExecution)"));
    top->addWidget(m_state, 1);
    top->addWidget(m_stop);
    dl->addLayout(top);
    m_code = new QPlainTextEdit(details);
    m_code->setObjectName(QStringLiteral("calculationCodeView"));
    m_code->setAccessibleName(tr("Code of the selected calculation"));
    m_code->setReadOnly(true);
    m_code->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_code->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_highlighter = new PythonHighlighter(m_code->document());
    dl->addWidget(m_code, 1);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_result = addUri(form, tr("Result:"), QStringLiteral("resultUri"));
    m_stdout = addUri(form, tr("Standard output:"), QStringLiteral("stdoutUri"));
    m_stderr = addUri(form, tr("Standard error:"), QStringLiteral("stderrUri"));
    dl->addLayout(form);
    m_message = new QLabel(details);
    m_message->setObjectName(QStringLiteral("calculationMessage"));
    m_message->setWordWrap(true);
    dl->addWidget(m_message);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(details);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    connect(m_stop, &QPushButton::clicked, this, [this] {
        m_stop->setEnabled(false);
        m_message->setText(tr("Stopping…"));
        m_inside->stopCalculation(m_inside->selectedCalculation());
    });
    connect(inside, &SessionInside::stopDone, this, [this](const QString &id, const QString &state) {
        m_message->setText(tr("Calculation %1 is %2.").arg(id, state));
    });
    connect(inside, &SessionInside::stopFailed, this, [this](const QString &id, const aws::AwsError &e) {
        m_message->setText(tr("Could not stop %1: %2").arg(id, errorText(e)));
        showSelected();
    });
    connect(inside, &SessionInside::selectedChanged, this, &CalculationsTab::showSelected);
    connect(inside, &SessionInside::pollFailed, this, [this](const aws::AwsError &e, int errors) {
        if (m_inside->watched() & SessionInside::Calculations) {
            m_message->setText(tr("Could not refresh (%1 in a row, retrying): %2").arg(errors).arg(errorText(e)));
            m_showingPollError = true;
        }
    });
    connect(inside, &SessionInside::calculationsRefreshed, this, [this] {
        if (m_showingPollError)
            m_message->clear();
        m_showingPollError = false;
    });
    connect(inside->calculations(), &QAbstractItemModel::modelReset, this, [this] { m_message->clear(); showSelected(); });
    connect(inside->calculations(), &QAbstractItemModel::dataChanged, this, [this] { showSelected(); });
    showSelected();
}

QLineEdit *CalculationsTab::addUri(QFormLayout *form, const QString &label, const QString &name)
{
    auto *row = new QHBoxLayout;
    auto *edit = new QLineEdit(this);
    edit->setObjectName(name + QStringLiteral("Edit"));
    edit->setReadOnly(true);
    edit->setAccessibleName(label.chopped(1));
    auto *copy = new QToolButton(this);
    copy->setObjectName(name + QStringLiteral("CopyButton"));
    copy->setText(tr("Copy"));
    copy->setToolTip(tr("Copy %1").arg(label.chopped(1)));
    copy->setAccessibleName(copy->toolTip());
    connect(copy, &QToolButton::clicked, this, [edit] { QApplication::clipboard()->setText(edit->text()); });
    connect(edit, &QLineEdit::textChanged, copy, [copy](const QString &text) { copy->setEnabled(!text.isEmpty()); });
    copy->setEnabled(false);
    row->addWidget(edit, 1);
    row->addWidget(copy);
    form->addRow(label, row);
    return edit;
}

void CalculationsTab::select(const QString &calculationId)
{
    const int row = m_inside->calculations()->rowOf(calculationId);
    if (row >= 0)
        m_view->setCurrentIndex(m_inside->calculations()->index(row, 0));
}

void CalculationsTab::setDark(bool dark)
{
    m_highlighter->setDark(dark);
}

void CalculationsTab::showSelected()
{
    const QString id = m_inside->selectedCalculation();
    const CalculationSummary *row = m_inside->calculations()->find(id);
    if (id.isEmpty() || !row) {
        m_state->setText(m_inside->calculations()->rowCount() ? tr("Select a calculation to see its code and results.")
                                                               : tr("No calculations in this session yet."));
        m_code->clear();
        m_result->clear();
        m_stdout->clear();
        m_stderr->clear();
        m_stop->setEnabled(false);
        return;
    }
    // Keep the view's current row on the selected calculation as rows move.
    const int at = m_inside->calculations()->rowOf(id);
    if (m_view->currentIndex().row() != at)
        m_view->setCurrentIndex(m_inside->calculations()->index(at, 0));
    const auto details = m_inside->selectedDetails();
    const CalculationStatus status = details ? details->status : row->status;
    QString text = tr("<b>%1</b> — %2").arg(status.stateLabel().toHtmlEscaped(), id.toHtmlEscaped());
    if (!status.stateChangeReason.isEmpty())
        text += QStringLiteral("<br>") + status.stateChangeReason.toHtmlEscaped();
    if (details && !details->statistics.progress.isEmpty())
        text += QStringLiteral("<br>") + tr("Progress: %1").arg(details->statistics.progress.toHtmlEscaped());
    m_state->setText(text);
    const QString code = m_inside->selectedCode();
    if (code.isNull())
        m_code->setPlaceholderText(tr("Loading the code…"));
    if (m_code->toPlainText() != code)
        m_code->setPlainText(code);
    const CalculationResult result = details && details->result ? *details->result : CalculationResult();
    m_result->setText(result.resultS3Uri);
    m_stdout->setText(result.stdOutS3Uri);
    m_stderr->setText(result.stdErrorS3Uri);
    const bool stoppable = status.state && !status.isFinal() && *status.state != CalculationState::Canceling;
    m_stop->setEnabled(stoppable);
}

// ---- RunCodeTab ----

RunCodeTab::RunCodeTab(SessionInside *inside, QWidget *parent) : QWidget(parent), m_inside(inside)
{
    setObjectName(QStringLiteral("runCodeTab"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *form = new QFormLayout;
    m_description = new QLineEdit(this);
    m_description->setObjectName(QStringLiteral("runDescriptionEdit"));
    m_description->setPlaceholderText(tr("optional"));
    m_description->setMaxLength(1024);
    form->addRow(tr("&Description:"), m_description);
    layout->addLayout(form);
    m_editor = new QPlainTextEdit(this);
    m_editor->setObjectName(QStringLiteral("runCodeEdit"));
    m_editor->setAccessibleName(tr("Code to run"));
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setPlaceholderText(tr("Python code for the session, e.g. spark.range(10).count()"));
    m_editor->setTabChangesFocus(false);
    m_highlighter = new PythonHighlighter(m_editor->document());
    layout->addWidget(m_editor, 1);
    auto *bottom = new QHBoxLayout;
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("runMessage"));
    m_message->setWordWrap(true);
    m_run = new QPushButton(tr("&Run"), this);
    m_run->setObjectName(QStringLiteral("runButton"));
    m_run->setToolTip(tr("Run the code in the session (%1)").arg(QKeySequence(Qt::CTRL | Qt::Key_Return).toString(QKeySequence::NativeText)));
    bottom->addWidget(m_message, 1);
    bottom->addWidget(m_run);
    layout->addLayout(bottom);

    for (const QKeySequence &keys : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(keys, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, &RunCodeTab::submit);
    }
    connect(m_run, &QPushButton::clicked, this, &RunCodeTab::submit);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &RunCodeTab::updateAvailability);
    connect(inside, &SessionInside::submitted, this, [this](const QString &id) {
        m_submitting = false;
        m_editor->clear();
        m_description->clear();
        m_message->setText(tr("Submitted %1.").arg(id));
        updateAvailability();
        Q_EMIT submitted(id);
    });
    connect(inside, &SessionInside::submitFailed, this, [this](const aws::AwsError &e) {
        m_submitting = false;
        m_message->setText(tr("Not submitted: %1").arg(errorText(e)));
        updateAvailability();
    });
    updateAvailability();
}

void RunCodeTab::updateAvailability()
{
    const QString why = m_inside->whyCannotRun();
    m_run->setEnabled(!m_submitting && why.isEmpty() && !m_editor->toPlainText().trimmed().isEmpty());
    if (!why.isEmpty()) {
        m_message->setText(why);
        m_showingWhy = true;
    } else if (m_showingWhy) {
        m_message->clear();
        m_showingWhy = false;
    }
}

void RunCodeTab::setDark(bool dark)
{
    m_highlighter->setDark(dark);
}

void RunCodeTab::submit()
{
    if (!m_run->isEnabled())
        return;
    m_submitting = true;
    m_run->setEnabled(false);
    m_message->setText(tr("Submitting…"));
    m_inside->runCode(m_editor->toPlainText(), m_description->text().trimmed());
}
