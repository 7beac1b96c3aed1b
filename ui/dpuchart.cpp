#include "ui/dpuchart.h"

#include <QPainter>
#include <QPainterPath>

DpuChart::DpuChart(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("dpuChart"));
    setAccessibleName(tr("DPUs in use over time"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void DpuChart::setHistory(const DpuHistory *history, const aws::Clock *clock)
{
    m_history = history;
    m_clock = clock;
    update();
}

void DpuChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.base());
    const QFontMetrics fm(font());
    const int left = fm.horizontalAdvance(QStringLiteral("0000")) + 8;
    const QRect plot = rect().adjusted(left, fm.height() / 2 + 2, -8, -fm.height() - 6);
    p.setPen(pal.color(QPalette::Mid));
    p.drawRect(plot);
    p.setPen(pal.color(QPalette::Text));
    if (!m_history || m_history->points().isEmpty()) {
        p.drawText(plot, Qt::AlignCenter, tr("No executors seen yet"));
        return;
    }
    const QList<DpuHistory::Point> &points = m_history->points();
    const qint64 peak = std::max<qint64>(1, m_history->peak());
    const QDateTime start = points.first().at;
    const QDateTime now = std::max(m_clock->nowUtc(), points.last().at.addSecs(1));
    const double span = static_cast<double>(start.msecsTo(now));
    auto x = [&](const QDateTime &t) { return plot.left() + plot.width() * static_cast<double>(start.msecsTo(t)) / span; };
    auto y = [&](qint64 dpus) { return plot.bottom() - plot.height() * static_cast<double>(dpus) / static_cast<double>(peak); };
    p.drawText(QRect(0, plot.top() - fm.height() / 2, left - 4, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
               QString::number(peak));
    p.drawText(QRect(0, plot.bottom() - fm.height() / 2, left - 4, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
               QStringLiteral("0"));
    const qint64 minutes = start.secsTo(now) / 60;
    p.drawText(QRect(plot.left(), plot.bottom() + 2, plot.width(), fm.height() + 4), Qt::AlignLeft | Qt::AlignTop,
               tr("%n min ago", nullptr, static_cast<int>(minutes)));
    p.drawText(QRect(plot.left(), plot.bottom() + 2, plot.width(), fm.height() + 4), Qt::AlignRight | Qt::AlignTop,
               tr("now"));
    QPainterPath path;
    path.moveTo(x(start), y(points.first().dpus));
    for (qsizetype i = 1; i < points.size(); ++i) {
        path.lineTo(x(points.at(i).at), y(points.at(i - 1).dpus));
        path.lineTo(x(points.at(i).at), y(points.at(i).dpus));
    }
    path.lineTo(x(now), y(points.last().dpus));
    QPainterPath area = path;
    area.lineTo(x(now), plot.bottom());
    area.lineTo(x(start), plot.bottom());
    area.closeSubpath();
    QColor fill = pal.color(QPalette::Highlight);
    fill.setAlpha(60);
    p.fillPath(area, fill);
    p.setPen(QPen(pal.color(QPalette::Highlight), 2));
    p.drawPath(path);
}
