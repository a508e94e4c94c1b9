#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace msc {

/// SHA-256 of \a data through OpenSSL's libcrypto, which uses the CPU's SHA extensions where
/// present: several times faster than QCryptographicHash, and hashing is on the ingest path
/// twice per record (the dedup key and `_raw_sha256`, connectors.md §2.3).
QByteArray sha256(QByteArrayView data);
/// The same, written into \a out (32 bytes): no allocation, for the per-record paths.
void sha256Into(QByteArrayView data, char *out);

/// The digest of \a data as 64 lowercase hex characters.
QByteArray sha256Hex(QByteArrayView data);
/// The same, written into \a hex (resized to 64): no allocation when it is a reused buffer.
void sha256HexInto(QByteArrayView data, QByteArray &hex);

} // namespace msc
