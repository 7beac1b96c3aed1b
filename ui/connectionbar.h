#pragma once

#include "dashboard/dashboard.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;

// Profile, region, workgroup, state filter, search and refresh, in one row.
class ConnectionBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionBar)

public:
    explicit ConnectionBar(QWidget *parent = nullptr);

    void setProfiles(const QStringList &awsProfiles);
    void setConnection(const ConnectionChoice &choice);
    ConnectionChoice connection() const;
    void setWorkGroups(const QStringList &sparkWorkGroups);
    void setScope(const QString &workGroup, const StateFilter &filter);
    QString workGroup() const;
    StateFilter filter() const;
    void setAutoRefreshSeconds(int seconds);
    int autoRefreshSeconds() const;
    QLineEdit *searchEdit() const { return m_search; }
    void setRefreshAction(QAction *action);

    // What the connection in effect uses when the boxes leave it open: the region (and where it
    // came from) shown in an empty Region box, and where the credentials come from, so that the
    // Profile box never says "default" for keys that come from the environment.
    void showInEffect(const QString &region, const QString &regionSource, const QString &credentials);

Q_SIGNALS:
    void connectionChosen(const ConnectionChoice &choice);
    void scopeChosen(const QString &workGroup, const StateFilter &filter);
    void searchChanged(const QString &text);
    void autoRefreshChosen(int seconds);

private:
    void emitConnection();
    void showRegion(bool shown);

    QComboBox *m_profile;
    QComboBox *m_region;
    QLabel *m_regionLabel = nullptr;
    QComboBox *m_workGroup;
    QComboBox *m_filter;
    QLineEdit *m_search;
    QToolButton *m_refresh;
    QComboBox *m_interval;
    bool m_updating = false;
};
