#pragma once

#include <QObject>
#include <QSocketNotifier>

#include <initializer_list>
#include <memory>

// Turns Unix signals into a Qt signal the way Qt documents it ("Calling Qt Functions From Unix
// Signal Handlers"): the handler only writes the signal number into one end of a socket pair,
// which is async-signal-safe; a QSocketNotifier on the other end emits `received` from the event
// loop, where Qt may be called. One instance per process.
class SignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignalWatcher)

public:
    explicit SignalWatcher(std::initializer_list<int> signalNumbers, QObject *parent = nullptr);
    ~SignalWatcher() override;

    bool isValid() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void received(int signalNumber);

private:
    static void handle(int signalNumber);
    void readPending();

    std::unique_ptr<QSocketNotifier> m_notifier;
};
