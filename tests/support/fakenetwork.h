#pragma once

#include <functional>

#include "aws/sigv4signer.h"

#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace testing {

// What a FakeNetworkAccessManager answers to one request.
struct FakeResponse
{
    int status = 200;
    QList<aws::HttpHeader> headers;
    QByteArray body = "{}";
    QNetworkReply::NetworkError error = QNetworkReply::NoError; // set for a transport failure (no status)
    bool requestSent = true; // emit requestSent() before answering
    bool hang = false;       // never answer (for timeouts)

    static FakeResponse json(int status, const QByteArray &body) { return FakeResponse{status, {}, body}; }
    static FakeResponse serviceError(int status, const QByteArray &type, const QByteArray &message)
    {
        return FakeResponse{status, {}, "{\"__type\":\"" + type + "\",\"Message\":\"" + message + "\"}"};
    }
    static FakeResponse transportError(QNetworkReply::NetworkError e, bool sent)
    {
        FakeResponse r;
        r.status = 0;
        r.error = e;
        r.requestSent = sent;
        return r;
    }
    static FakeResponse hanging(bool sent)
    {
        FakeResponse r;
        r.hang = true;
        r.requestSent = sent;
        return r;
    }
};

struct SeenRequest
{
    QNetworkRequest request;
    QByteArray body;
};

// Answers requests from a script, in order, and records what it was sent. No sockets.
class FakeNetworkAccessManager final : public QNetworkAccessManager
{
    Q_OBJECT

public:
    using QNetworkAccessManager::QNetworkAccessManager;

    QList<FakeResponse> script;             // consumed front first
    FakeResponse fallback = FakeResponse(); // once the script is empty
    QList<SeenRequest> seen;
    // When set, answers every request (the script and fallback are not used).
    std::function<FakeResponse(const SeenRequest &)> handler;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request, QIODevice *outgoingData) override;
};

class FakeReply final : public QNetworkReply
{
    Q_OBJECT

public:
    FakeReply(QNetworkAccessManager::Operation op, const QNetworkRequest &request, FakeResponse response, QObject *parent);

    void abort() override;
    qint64 bytesAvailable() const override;
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;

private:
    void deliver();

    FakeResponse m_response;
    QByteArray m_buffer;
    bool m_done = false;
};

} // namespace testing
Q_DECLARE_METATYPE(testing::FakeResponse)
