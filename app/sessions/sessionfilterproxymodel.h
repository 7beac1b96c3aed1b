#pragma once

#include "sessions/statefilter.h"

#include <QSortFilterProxyModel>

// The table's sort and search: sorts on the model's raw SortRole (times as times), and keeps the
// rows whose session ID or description contains the search text, case-insensitively, and whose
// state the state filter lets through — so that a session that ends while the window watches it
// leaves an "Active" view at once, not at the next listing. The kept session (the selected one)
// stays whatever its state, so that the row the user is looking at never vanishes under them.
class SessionFilterProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionFilterProxyModel)

public:
    explicit SessionFilterProxyModel(QObject *parent = nullptr);

    void setSearchText(const QString &text);
    QString searchText() const { return m_search; }
    void setStateFilter(const StateFilter &filter);
    void setKeptSession(const QString &sessionId);
    // The source model's rows of the rows shown, in the order shown.
    QList<int> sourceRows() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_search;
    StateFilter m_filter;
    QString m_kept;
    bool m_refilterQueued = false;
};
