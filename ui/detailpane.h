#pragma once

#include "athena/athenatypes.h"
#include "aws/clock.h"
#include "sessions/startsessionform.h"
#include "sessions/statehistory.h"

#include <QDateTime>
#include <QHash>
#include <QTimer>
#include <QWidget>

class QLabel;
class QTabWidget;
class SessionInside;
class CalculationsTab;
class RunCodeTab;
class ExecutorsTab;
class ConnectTab;
class QListWidget;
class QStackedWidget;

// Every GetSession field of the selected session, grouped: status, engine configuration,
// session configuration, statistics with DPU-hours and estimated cost; "updated N s ago"; and
// the observed state timeline.
class DetailPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DetailPane)

public:
    explicit DetailPane(QWidget *parent = nullptr);
    ~DetailPane() override;

    void showNothing(const QString &hint);
    void setDetails(const athena::SessionDetails &details, const QDateTime &updatedAt);
    void setSummaryOnly(const athena::SessionSummary &summary, const QString &workGroup);
    void setTimeline(const QList<StateHistory::Transition> &timeline);
    QString sessionId() const { return m_sessionId; }
    QString fieldText(const QString &name) const; // for tests: the value label with that objectName
    void setDpuHourPrice(double usd) { m_price = usd; }
    void setClock(const aws::Clock *clock) { m_clock = clock; }
    // Adds the tabs for what runs inside the session (Calculations, Run code, Executors,
    // Connect), fed by `inside`, which polls only while one of them is on screen.
    void setInside(SessionInside *inside, const aws::Clock *clock);
    enum class Tab { Details, Calculations, RunCode, Executors, Connect };
    void showTab(Tab tab);
    void setDark(bool dark);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    QLabel *addField(class QFormLayout *form, const QString &label, const QString &name);
    void updateAge();
    void updateInside();
    void updateWatched();

    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    QLabel *m_title;
    QLabel *m_updated;
    QHash<QString, QLabel *> m_fields;
    QLabel *m_additional;
    QLabel *m_spark;
    QListWidget *m_timeline;
    QTimer m_ageTimer;
    QDateTime m_updatedAt;
    QString m_sessionId;
    class QScrollArea *m_scroll = nullptr;
    double m_price = StartSessionForm::defaultDpuHourPriceUsd;
    const aws::Clock *m_clock = aws::SystemClock::instance();
    QTabWidget *m_tabs = nullptr;
    SessionInside *m_inside = nullptr;
    CalculationsTab *m_calculationsTab = nullptr;
    RunCodeTab *m_runTab = nullptr;
    ExecutorsTab *m_executorsTab = nullptr;
    ConnectTab *m_connectTab = nullptr;
};
