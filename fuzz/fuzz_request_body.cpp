// SPDX-License-Identifier: MIT
// Fuzz target: the JSON request bodies of the API (server/api/requestbody.h) on arbitrary
// bytes. The input is a request body, tried under several Content-Types, and a path
// parameter; its bytes, read as doubles, are also whole numbers to check. Checked:
//  - jsonObject() refuses a non-JSON content type, answers {} for a blank body only when
//    asked to, and otherwise gives an object only for a body that starts with '{' (after
//    white space, or after a UTF-8 byte order mark, which RFC 8259 lets a parser ignore);
//  - credentials() gives the pair exactly when the object has string username and password,
//    and otherwise answers one 400 BAD_REQUEST problem (and nothing when it gives the pair);
//  - wholeNumber() gives the fallback, -1, or the exact whole value below 1e12;
//  - strictUtf8() decodes exactly what encodes back to the same bytes, and nothing else;
//  - and, through ASan and UBSan, no memory error or undefined behaviour anywhere.
#include "fuzz/fuzzcheck.h"
#include "server/api/requestbody.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <cstdint>
#include <cstring>

using roomgate::server::http::HttpRequest;
using roomgate::server::http::HttpResponder;
using roomgate::server::http::HttpResponse;
namespace RequestBody = roomgate::server::api::RequestBody;

namespace {

using roomgate::fuzz::check;

void checkWholeNumber(const QJsonValue &value)
{
    constexpr qint64 fallback = 7;
    const qint64 n = RequestBody::wholeNumber(value, fallback);
    if (!value.isDouble()) {
        check(n == fallback, "wholeNumber of a non-number is the fallback");
        return;
    }
    const double v = value.toDouble();
    const bool whole = std::isfinite(v) && v == std::floor(v) && std::abs(v) < 1e12;
    check(whole ? n == static_cast<qint64>(v) : n == -1,
          "wholeNumber is the whole value below 1e12, else -1");
}

void checkValues(const QJsonObject &object)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        checkWholeNumber(it.value());
        if (it.value().isArray()) {
            const QJsonArray array = it.value().toArray();
            for (const QJsonValue &element : array)
                checkWholeNumber(element);
        }
    }
}

/** The first byte of a JSON text: after a byte order mark, which Qt's parser skips (only
 * first, as RFC 8259 allows), and white space. */
QByteArray firstNonBlank(const QByteArray &body)
{
    const QByteArray text = body.startsWith("\xef\xbb\xbf") ? body.sliced(3) : body;
    return text.trimmed().left(1);
}

void checkBody(const QByteArray &body, const QByteArray &contentType)
{
    HttpRequest request;
    request.method = "POST";
    request.path = "/api/v1/sessions";
    if (!contentType.isNull())
        request.headers.emplaceBack("content-type", contentType);
    request.body = body;

    const bool jsonType = RequestBody::hasJsonContentType(request);
    const auto object = RequestBody::jsonObject(request, false);
    const auto objectOrEmpty = RequestBody::jsonObject(request, true);
    const bool blank = body.trimmed().isEmpty();
    if (!jsonType) {
        check(!object && !objectOrEmpty, "no object from a non-JSON content type");
    } else if (blank) {
        check(!object, "no object from a blank body");
        check(objectOrEmpty && objectOrEmpty->isEmpty(), "{} from a blank body when asked");
    } else {
        check(object == objectOrEmpty, "emptyIsObject matters only for a blank body");
    }
    if (object) {
        check(firstNonBlank(body) == "{", "an object comes from a body that starts with {");
        checkValues(*object);
    }

    QList<HttpResponse> answers;
    const HttpResponder responder(
        [&answers](HttpResponse response) { answers.append(std::move(response)); });
    const auto credentials = RequestBody::credentials(request, responder);
    const QJsonValue username = object ? object->value(u"username") : QJsonValue();
    const QJsonValue password = object ? object->value(u"password") : QJsonValue();
    const bool expected = object && username.isString() && password.isString();
    check(credentials.has_value() == expected,
          "credentials exactly when username and password are strings");
    if (credentials) {
        check(answers.isEmpty(), "no answer when the credentials are read");
        check(credentials->first == username.toString()
                  && credentials->second == password.toString(),
              "credentials are the body's strings");
        return;
    }
    check(answers.size() == 1, "one answer when the credentials are refused");
    const HttpResponse &answer = answers.first();
    check(answer.status == 400, "refused credentials are answered 400");
    check(answer.header("content-type") == "application/problem+json",
          "refused credentials are answered with a problem");
    const QJsonObject problem = QJsonDocument::fromJson(answer.body).object();
    check(problem.value(u"code").toString() == u"BAD_REQUEST",
          "refused credentials are answered BAD_REQUEST");
}

void checkStrictUtf8(const QByteArray &bytes)
{
    const std::optional<QString> text = RequestBody::strictUtf8(bytes);
    // Valid UTF-8 is exactly what survives a round trip (Qt encodes what it cannot represent
    // as U+FFFD, so an input it "repaired" would not come back the same). A letter goes in
    // front because QString::fromUtf8() drops a leading byte order mark.
    const QByteArray prefixed = 'x' + bytes;
    const bool valid = QString::fromUtf8(prefixed).toUtf8() == prefixed;
    check(text.has_value() == valid, "strictUtf8 decodes exactly the valid UTF-8");
    if (text)
        check(text->toUtf8() == bytes, "strictUtf8 gives back the same text");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    for (const QByteArray &type :
         {QByteArray(), QByteArray("application/json"),
          QByteArray("Application/Merge-Patch+JSON; charset=utf-8"), QByteArray("text/plain")})
        checkBody(bytes, type);
    checkStrictUtf8(bytes);
    // The first bytes as doubles: NaN, infinities, -0, huge and tiny values.
    for (size_t offset = 0; offset + sizeof(double) <= size && offset < 64;
         offset += sizeof(double)) {
        double v = 0;
        std::memcpy(&v, data + offset, sizeof v);
        checkWholeNumber(QJsonValue(v));
    }
    return 0;
}
