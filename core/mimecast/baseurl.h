#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace msc {

/// Mimecast API 2.0 base URLs (mimecast-api.md §1) and the one loopback rule of
/// security.md rule 6.
namespace BaseUrl {

    inline constexpr const char *kGlobal = "https://api.services.mimecast.com";
    inline constexpr const char *kUnitedStates = "https://us-api.services.mimecast.com";
    inline constexpr const char *kUnitedKingdom = "https://uk-api.services.mimecast.com";

    /// True for the hosts that may use plain http and skip region checks: 127.0.0.1, ::1,
    /// localhost.
    bool isLoopbackHost(const QString &host);

    /// Validates and normalises an admin-entered base URL: scheme + host (+ port), trailing `/`
    /// stripped; https required except on loopback; no path, query or fragment; API 1.0 hosts
    /// refused with the hint. On failure returns std::nullopt and sets \a error to a message
    /// naming the problem and the fix.
    std::optional<QUrl> validate(const QString &text, QString *error);

    /// Whether a URL may be fetched at all (signed batch links, redirects): https, or http to a
    /// loopback host.
    bool isAllowedTransport(const QUrl &url);

} // namespace BaseUrl

} // namespace msc
