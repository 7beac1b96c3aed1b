#include "ui/keyvaluetable.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

KeyValueTable::KeyValueTable(const QString &keyHeader, const QString &valueHeader, QWidget *parent) : QWidget(parent)
{
    m_table = new QTableWidget(0, 2, this);
    m_table->setObjectName(QStringLiteral("table"));
    m_table->setHorizontalHeaderLabels({keyHeader, valueHeader});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_table->setColumnWidth(0, 220);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setMinimumHeight(70);
    // Room for the header and four rows; more rows scroll. Keeps a form of several tables compact.
    m_table->setMaximumHeight(m_table->horizontalHeader()->sizeHint().height()
                              + 4 * m_table->verticalHeader()->defaultSectionSize() + 2 * m_table->frameWidth());
    auto *add = new QPushButton(tr("&Add"), this);
    m_add = add;
    add->setObjectName(QStringLiteral("addButton"));
    m_remove = new QPushButton(tr("&Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeButton"));
    m_remove->setEnabled(false);
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_remove);
    buttons->addStretch();
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(add, &QPushButton::clicked, this, [this] {
        addRow();
        m_table->setCurrentCell(m_table->rowCount() - 1, 0);
        m_table->editItem(m_table->item(m_table->rowCount() - 1, 0));
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row >= 0) {
            m_table->removeRow(row);
            Q_EMIT changed();
        }
    });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] { m_remove->setEnabled(m_table->currentRow() >= 0); });
    connect(m_table, &QTableWidget::itemChanged, this, &KeyValueTable::changed);
}

void KeyValueTable::setTitle(const QString &title)
{
    m_table->setAccessibleName(title);
    m_add->setAccessibleName(tr("Add a row to %1").arg(title));
    m_remove->setAccessibleName(tr("Remove the current row from %1").arg(title));
}

KeyValueTable::Pairs KeyValueTable::pairs() const
{
    Pairs out;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const QTableWidgetItem *k = m_table->item(r, 0);
        const QTableWidgetItem *v = m_table->item(r, 1);
        out.append({k ? k->text() : QString(), v ? v->text() : QString()});
    }
    return out;
}

void KeyValueTable::setPairs(const Pairs &pairs)
{
    const QSignalBlocker blocker(m_table);
    m_table->setRowCount(0);
    for (const auto &[k, v] : pairs)
        addRow(k, v);
    Q_EMIT changed();
}

void KeyValueTable::addRow(const QString &key, const QString &value)
{
    const int row = m_table->rowCount();
    {
        const QSignalBlocker blocker(m_table);
        m_table->insertRow(row);
        m_table->setItem(row, 0, new QTableWidgetItem(key));
        m_table->setItem(row, 1, new QTableWidgetItem(value));
    }
    Q_EMIT changed();
}
