#pragma once

#include <QWidget>

class QTableWidget;
class QPushButton;

// An editable two-column table of key/value pairs with Add and Remove buttons.
class KeyValueTable final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyValueTable)

public:
    using Pairs = QList<std::pair<QString, QString>>;
    explicit KeyValueTable(const QString &keyHeader, const QString &valueHeader, QWidget *parent = nullptr);

    Pairs pairs() const;
    void setPairs(const Pairs &pairs);
    void addRow(const QString &key = {}, const QString &value = {});
    QTableWidget *table() const { return m_table; }
    // What the table holds ("Spark properties"), for screen readers: names the table and its buttons.
    void setTitle(const QString &title);

Q_SIGNALS:
    void changed();

private:
    QTableWidget *m_table;
    QPushButton *m_remove;
    QPushButton *m_add;
};
