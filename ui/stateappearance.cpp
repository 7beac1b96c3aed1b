#include "ui/stateappearance.h"

#include "sessions/sessiontablemodel.h"

#include <QLocale>
#include <QPainter>
#include <QPixmap>

using athena::SessionState;

namespace stateappearance {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor color(SessionState state, const QPalette &palette)
{
    QColor c;
    switch (state) {
    case SessionState::Creating:
    case SessionState::Created: c = QColor(0x1f, 0x6f, 0xd1); break;
    case SessionState::Idle: c = QColor(0x1e, 0x8e, 0x3e); break;
    case SessionState::Busy: c = QColor(0xc2, 0x6a, 0x00); break;
    case SessionState::Terminating: c = QColor(0x7b, 0x4f, 0xc0); break;
    case SessionState::Terminated: c = QColor(0x6b, 0x6b, 0x6b); break;
    case SessionState::Degraded: c = QColor(0xb5, 0x47, 0x08); break;
    case SessionState::Failed: c = QColor(0xc6, 0x28, 0x28); break;
    case SessionState::Unknown: c = palette.color(QPalette::PlaceholderText); break; // neutral: not known yet
    }
    // Lighter on a dark background, so the colour keeps its contrast.
    return isDark(palette) ? c.lighter(state == SessionState::Terminated ? 170 : 150) : c;
}

QColor warningColor(const QPalette &palette)
{
    const QColor c(0xb2, 0x3c, 0x00);
    return isDark(palette) ? c.lighter(170) : c;
}

QIcon icon(SessionState state, const QPalette &palette)
{
    QIcon result;
    for (int size : {16, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        const QColor c = color(state, palette);
        const qreal m = size * 0.18;
        const QRectF r(m, m, size - 2 * m, size - 2 * m);
        if (athena::isTransitional(state) || state == SessionState::Unknown) {
            // A ring: changing soon, or (dotted) a state this version does not know.
            p.setPen(QPen(c, size * 0.14, state == SessionState::Unknown ? Qt::DotLine : Qt::SolidLine));
            p.setBrush(Qt::NoBrush);
            p.drawEllipse(r.adjusted(size * 0.05, size * 0.05, -size * 0.05, -size * 0.05));
        } else {
            p.setPen(Qt::NoPen);
            p.setBrush(c);
            p.drawEllipse(r);
            if (state == SessionState::Failed || state == SessionState::Degraded) {
                p.setPen(QPen(isDark(palette) ? Qt::black : Qt::white, size * 0.12, Qt::SolidLine, Qt::RoundCap));
                const qreal k = size * 0.36;
                p.drawLine(QPointF(k, k), QPointF(size - k, size - k));
                p.drawLine(QPointF(size - k, k), QPointF(k, size - k));
            }
        }
        p.end();
        result.addPixmap(pixmap);
    }
    return result;
}

} // namespace stateappearance

StateAppearanceProxy::StateAppearanceProxy(QObject *parent) : QIdentityProxyModel(parent)
{
}

void StateAppearanceProxy::setPalette(const QPalette &palette)
{
    m_palette = palette;
    m_icons.clear();
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, 0), {Qt::DecorationRole, Qt::ForegroundRole});
}

QVariant StateAppearanceProxy::data(const QModelIndex &index, int role) const
{
    if (index.column() == SessionTableModel::StateColumn && (role == Qt::DecorationRole || role == Qt::ForegroundRole)) {
        const int state = QIdentityProxyModel::data(index, SessionTableModel::StateRole).toInt();
        if (state < 0)
            return {};
        const auto s = static_cast<SessionState>(state);
        if (role == Qt::ForegroundRole)
            return stateappearance::color(s, m_palette);
        auto it = m_icons.find(state);
        if (it == m_icons.end())
            it = m_icons.insert(state, stateappearance::icon(s, m_palette));
        return *it;
    }
    // An IDLE session close to its idle timeout: the time left in the warning colour.
    if (index.column() == SessionTableModel::TimeLeftColumn && role == Qt::ForegroundRole
        && QIdentityProxyModel::data(index, SessionTableModel::UrgentRole).toBool())
        return stateappearance::warningColor(m_palette);
    return QIdentityProxyModel::data(index, role);
}
