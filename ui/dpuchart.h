#pragma once

#include "aws/clock.h"
#include "sessions/calculationmodels.h"

#include <QWidget>

// A small step chart of the DPUs a session used over the time the window watched it, painted
// from DpuHistory (no chart library): the value axis from 0 to the peak, time up to now.
class DpuChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DpuChart)

public:
    explicit DpuChart(QWidget *parent = nullptr);
    void setHistory(const DpuHistory *history, const aws::Clock *clock);
    QSize sizeHint() const override { return {320, 120}; }
    QSize minimumSizeHint() const override { return {160, 80}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    const DpuHistory *m_history = nullptr;
    const aws::Clock *m_clock = aws::SystemClock::instance();
};
