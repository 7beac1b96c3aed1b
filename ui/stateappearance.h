#pragma once

#include "athena/athenatypes.h"

#include <QColor>
#include <QIcon>
#include <QIdentityProxyModel>
#include <QPalette>

// How a session state looks: a colour that reads on the current palette (light or dark) and a
// small icon (a ring while the state changes by itself, a dot when steady, a cross when broken).
namespace stateappearance {

QColor color(athena::SessionState state, const QPalette &palette);
QIcon icon(athena::SessionState state, const QPalette &palette);
bool isDark(const QPalette &palette);
// The colour of a warning (time running out) that reads on this palette.
QColor warningColor(const QPalette &palette);

} // namespace stateappearance

// Adds the state's icon and colour to the State column of a session model.
class StateAppearanceProxy final : public QIdentityProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StateAppearanceProxy)

public:
    explicit StateAppearanceProxy(QObject *parent = nullptr);
    QVariant data(const QModelIndex &index, int role) const override;
    void setPalette(const QPalette &palette);

private:
    QPalette m_palette;
    mutable QHash<int, QIcon> m_icons;
};
