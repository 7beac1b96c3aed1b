#include "ui/detailpane.h"

#include "sessions/sessiontablemodel.h"
#include "ui/insidetabs.h"
#include "ui/stateappearance.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QScrollArea>
#include <QScrollBar>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

using athena::SessionState;

namespace {

QString timeText(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QString();
}

QString mapText(const athena::StringMap &map)
{
    if (map.isEmpty())
        return QStringLiteral("—");
    QStringList lines;
    for (auto it = map.begin(); it != map.end(); ++it)
        lines << QStringLiteral("<b>%1</b> = %2").arg(it.key().toHtmlEscaped(), it.value().toHtmlEscaped());
    return lines.join(QStringLiteral("<br>"));
}

} // namespace

DetailPane::DetailPane(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("detailPane"));
    m_stack = new QStackedWidget(this);
    m_placeholder = new QLabel(this);
    m_placeholder->setObjectName(QStringLiteral("detailPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setEnabled(false);
    m_stack->addWidget(m_placeholder);

    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    m_title = new QLabel(content);
    m_title->setObjectName(QStringLiteral("detailTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_updated = new QLabel(content);
    m_updated->setObjectName(QStringLiteral("updatedLabel"));
    m_updated->setEnabled(false);
    layout->addWidget(m_title);
    layout->addWidget(m_updated);

    auto group = [content, layout](const QString &title) {
        auto *box = new QGroupBox(title, content);
        auto *form = new QFormLayout(box);
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        form->setRowWrapPolicy(QFormLayout::WrapLongRows);
        layout->addWidget(box);
        return form;
    };
    QFormLayout *status = group(tr("Status"));
    addField(status, tr("State:"), QStringLiteral("state"));
    addField(status, tr("Reason:"), QStringLiteral("stateChangeReason"));
    addField(status, tr("Session ID:"), QStringLiteral("sessionId"));
    addField(status, tr("Workgroup:"), QStringLiteral("workGroup"));
    addField(status, tr("Description:"), QStringLiteral("description"));
    addField(status, tr("Started:"), QStringLiteral("started"));
    addField(status, tr("Last modified:"), QStringLiteral("lastModified"));
    addField(status, tr("Idle since:"), QStringLiteral("idleSince"));
    addField(status, tr("Ended:"), QStringLiteral("ended"));

    QFormLayout *engine = group(tr("Engine configuration"));
    addField(engine, tr("Engine version:"), QStringLiteral("engineVersion"));
    addField(engine, tr("Max concurrent DPUs:"), QStringLiteral("maxConcurrentDpus"));
    addField(engine, tr("Coordinator DPU size:"), QStringLiteral("coordinatorDpuSize"));
    addField(engine, tr("Default executor DPU size:"), QStringLiteral("defaultExecutorDpuSize"));
    addField(engine, tr("Notebook version:"), QStringLiteral("notebookVersion"));
    m_additional = addField(engine, tr("Additional configs:"), QStringLiteral("additionalConfigs"));
    m_spark = addField(engine, tr("Spark properties:"), QStringLiteral("sparkProperties"));
    m_additional->setTextFormat(Qt::RichText);
    m_spark->setTextFormat(Qt::RichText);

    QFormLayout *config = group(tr("Session configuration"));
    addField(config, tr("Execution role:"), QStringLiteral("executionRole"));
    addField(config, tr("Working directory:"), QStringLiteral("workingDirectory"));
    addField(config, tr("Idle timeout:"), QStringLiteral("idleTimeout"));
    addField(config, tr("Encryption:"), QStringLiteral("encryption"));

    QFormLayout *stats = group(tr("Statistics"));
    addField(stats, tr("DPU-hours:"), QStringLiteral("dpuHours"));
    addField(stats, tr("Estimated cost:"), QStringLiteral("estimatedCost"));

    auto *timelineBox = new QGroupBox(tr("Observed state changes"), content);
    auto *tl = new QVBoxLayout(timelineBox);
    m_timeline = new QListWidget(timelineBox);
    m_timeline->setObjectName(QStringLiteral("timelineList"));
    m_timeline->setMinimumHeight(80);
    tl->addWidget(m_timeline);
    layout->addWidget(timelineBox);
    layout->addStretch();

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("detailScroll"));
    m_scroll = scroll;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("detailTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(scroll, tr("Details"));
    connect(m_tabs, &QTabWidget::currentChanged, this, &DetailPane::updateWatched);
    m_stack->addWidget(m_tabs);

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);

    connect(&m_ageTimer, &QTimer::timeout, this, &DetailPane::updateAge);
    m_ageTimer.start(1000);
    showNothing(tr("Select a session to see its details."));
}

DetailPane::~DetailPane() = default;

QLabel *DetailPane::addField(QFormLayout *form, const QString &label, const QString &name)
{
    auto *value = new QLabel(form->parentWidget());
    value->setObjectName(name + QStringLiteral("Value"));
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    form->addRow(label, value);
    m_fields.insert(name, value);
    return value;
}

QString DetailPane::fieldText(const QString &name) const
{
    const QLabel *l = m_fields.value(name);
    return l ? l->text() : QString();
}

void DetailPane::showNothing(const QString &hint)
{
    m_sessionId.clear();
    m_placeholder->setText(hint);
    m_stack->setCurrentIndex(0);
    if (m_inside)
        m_inside->setSession({}, std::nullopt);
    updateInside();
}

void DetailPane::setInside(SessionInside *inside, const aws::Clock *clock)
{
    m_inside = inside;
    m_calculationsTab = new CalculationsTab(inside, m_tabs);
    m_runTab = new RunCodeTab(inside, m_tabs);
    m_executorsTab = new ExecutorsTab(inside, clock, m_tabs);
    m_connectTab = new ConnectTab(inside, clock, m_tabs);
    m_tabs->addTab(m_calculationsTab, tr("Calculations"));
    m_tabs->addTab(m_runTab, tr("Run code"));
    m_tabs->addTab(m_executorsTab, tr("Executors"));
    m_tabs->addTab(m_connectTab, tr("Connect"));
    // A submitted calculation is followed in the list.
    connect(m_runTab, &RunCodeTab::submitted, this, [this](const QString &id) {
        m_tabs->setCurrentWidget(m_calculationsTab);
        m_calculationsTab->select(id);
    });
    updateWatched();
}

void DetailPane::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(static_cast<int>(tab));
}

void DetailPane::setDark(bool dark)
{
    if (m_calculationsTab) {
        m_calculationsTab->setDark(dark);
        m_runTab->setDark(dark);
    }
}

void DetailPane::updateInside()
{
    if (!m_inside)
        return;
    m_runTab->updateAvailability();
    updateWatched();
}

void DetailPane::updateWatched()
{
    if (!m_inside)
        return;
    SessionInside::Parts parts;
    if (isVisible() && m_stack->currentIndex() == 1) {
        const QWidget *current = m_tabs->currentWidget();
        if (current == m_calculationsTab || current == m_runTab)
            parts = SessionInside::Calculations;
        else if (current == m_executorsTab)
            parts = SessionInside::Executors;
    }
    m_inside->setWatched(parts);
}

void DetailPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    updateWatched();
}

void DetailPane::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    updateWatched();
}

void DetailPane::setSummaryOnly(const athena::SessionSummary &summary, const QString &workGroup)
{
    athena::SessionDetails d;
    d.sessionId = summary.sessionId;
    d.description = summary.description;
    d.workGroup = workGroup;
    d.engineVersion = summary.engineVersion.effective;
    d.notebookVersion = summary.notebookVersion;
    d.status = summary.status;
    setDetails(d, {});
    m_updated->setText(tr("Loading details…"));
}

void DetailPane::setDetails(const athena::SessionDetails &d, const QDateTime &updatedAt)
{
    if (d.sessionId != m_sessionId) {
        m_timeline->clear();
        m_scroll->verticalScrollBar()->setValue(0); // another session: read it from the top
    }
    m_sessionId = d.sessionId;
    m_updatedAt = updatedAt;
    m_title->setText(d.description.isEmpty() ? d.sessionId : d.description);
    const QString state = d.status.stateLabelText();
    QLabel *stateLabel = m_fields.value(QStringLiteral("state"));
    stateLabel->setText(state);
    if (d.status.state)
        stateLabel->setStyleSheet(QStringLiteral("QLabel { color: %1; font-weight: bold; }")
                                      .arg(stateappearance::color(*d.status.state, palette()).name()));
    auto set = [this](const QString &name, const QString &text) {
        QLabel *l = m_fields.value(name);
        l->setText(text);
        // Hide empty rows' values but keep layout stable: an em dash says "not set".
        if (text.isEmpty())
            l->setText(QStringLiteral("—"));
    };
    set(QStringLiteral("stateChangeReason"), d.status.stateChangeReason);
    set(QStringLiteral("sessionId"), d.sessionId);
    set(QStringLiteral("workGroup"), d.workGroup);
    set(QStringLiteral("description"), d.description);
    set(QStringLiteral("started"), timeText(d.status.startDateTime));
    set(QStringLiteral("lastModified"), timeText(d.status.lastModifiedDateTime));
    QString idle = timeText(d.status.idleSinceDateTime);
    if (d.status.state == SessionState::Idle && d.status.idleSinceDateTime.isValid())
        idle += tr(" (idle for %1)").arg(SessionTableModel::formatDuration(d.status.idleSinceDateTime.secsTo(m_clock->nowUtc())));
    set(QStringLiteral("idleSince"), idle);
    set(QStringLiteral("ended"), timeText(d.status.endDateTime));
    const athena::EngineConfiguration &e = d.engineConfiguration;
    set(QStringLiteral("engineVersion"), d.engineVersion);
    set(QStringLiteral("maxConcurrentDpus"), e.maxConcurrentDpus ? QString::number(*e.maxConcurrentDpus) : QString());
    set(QStringLiteral("coordinatorDpuSize"), e.coordinatorDpuSize ? QString::number(*e.coordinatorDpuSize) : QString());
    set(QStringLiteral("defaultExecutorDpuSize"), e.defaultExecutorDpuSize ? QString::number(*e.defaultExecutorDpuSize) : QString());
    set(QStringLiteral("notebookVersion"), d.notebookVersion);
    m_additional->setText(mapText(e.additionalConfigs));
    m_spark->setText(mapText(e.sparkProperties));
    const athena::SessionConfiguration &c = d.sessionConfiguration;
    set(QStringLiteral("executionRole"), c.executionRole);
    set(QStringLiteral("workingDirectory"), c.workingDirectory);
    const std::optional<qint64> idleSeconds = c.idleTimeoutSeconds ? c.idleTimeoutSeconds
                                               : c.sessionIdleTimeoutInMinutes ? std::optional<qint64>(*c.sessionIdleTimeoutInMinutes * 60)
                                                                               : std::nullopt;
    set(QStringLiteral("idleTimeout"), idleSeconds ? tr("%n minute(s)", nullptr, static_cast<int>(*idleSeconds / 60)) : QString());
    set(QStringLiteral("encryption"), c.encryptionConfiguration
                                          ? c.encryptionConfiguration->encryptionOption
                                                + (c.encryptionConfiguration->kmsKey.isEmpty() ? QString() : QStringLiteral(" · ") + c.encryptionConfiguration->kmsKey)
                                          : QString());
    const QLocale locale;
    set(QStringLiteral("dpuHours"), d.dpuExecutionInMillis ? locale.toString(d.dpuHours(), 'f', 3) : QString());
    set(QStringLiteral("estimatedCost"),
        d.dpuExecutionInMillis ? tr("%1 (at %2 per DPU-hour)").arg(SessionTableModel::formatUsd(d.dpuHours() * m_price), SessionTableModel::formatUsd(m_price))
                               : QString());
    m_stack->setCurrentIndex(1);
    if (m_inside) {
        const bool another = m_inside->sessionId() != d.sessionId;
        m_inside->setSession(d.sessionId, d.status.state);
        m_connectTab->sessionUpdated(another);
        updateInside();
    }
    updateAge();
}

void DetailPane::setTimeline(const QList<StateHistory::Transition> &timeline)
{
    m_timeline->clear();
    for (const StateHistory::Transition &t : timeline) {
        auto *item = new QListWidgetItem(stateappearance::icon(t.to, palette()),
                                         tr("%1  %2").arg(timeText(t.at), athena::stateName(t.to)), m_timeline);
        item->setToolTip(t.from ? tr("from %1").arg(athena::stateName(*t.from)) : tr("first seen"));
    }
    if (timeline.isEmpty())
        new QListWidgetItem(tr("No state change observed yet."), m_timeline);
}

void DetailPane::updateAge()
{
    if (m_sessionId.isEmpty() || !m_updatedAt.isValid())
        return;
    const qint64 secs = std::max<qint64>(0, m_updatedAt.secsTo(m_clock->nowUtc()));
    m_updated->setText(tr("Updated %1 ago").arg(SessionTableModel::formatDuration(secs)));
}
