#include "ui/rowexporter.h"

#include "dashboard/dashboard.h"
#include "ui/messageboxes.h"

#include <QDir>
#include <QFileDialog>
#include <QStandardPaths>
#include <QSaveFile>

RowExporter::RowExporter(Dashboard *dashboard, QWidget *window)
    : QObject(window), m_dashboard(dashboard), m_window(window)
{
}

void RowExporter::exportWithDialog(Format format)
{
    const bool json = format == Format::Json;
    // In the documents folder, as other desktop applications save, unless the user goes elsewhere.
    const QString name = json ? QStringLiteral("sessions.json") : QStringLiteral("sessions.csv");
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(m_window, json ? tr("Export as JSON") : tr("Export as CSV"),
                                                      documents.isEmpty() ? name : QDir(documents).filePath(name),
                                                      json ? tr("JSON (*.json)") : tr("CSV (*.csv)"));
    if (!path.isEmpty())
        exportTo(path, format);
}

bool RowExporter::exportTo(const QString &path, Format format)
{
    const QList<int> rows = m_dashboard->proxy()->sourceRows();
    const QByteArray bytes = format == Format::Json ? m_dashboard->exportJson(rows) : m_dashboard->exportCsv(rows);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        messageboxes::warning(m_window, tr("Export"), tr("Could not write %1: %2").arg(path, file.errorString()));
        return false;
    }
    Q_EMIT exported(tr("Exported %n session(s) to %1", nullptr, static_cast<int>(rows.size())).arg(path));
    return true;
}
