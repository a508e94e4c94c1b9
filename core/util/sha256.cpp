#include "util/sha256.h"

#include <openssl/sha.h>

namespace msc {

QByteArray sha256(QByteArrayView data)
{
    QByteArray digest(SHA256_DIGEST_LENGTH, Qt::Uninitialized);
    SHA256(reinterpret_cast<const unsigned char *>(data.data()), size_t(data.size()),
        reinterpret_cast<unsigned char *>(digest.data()));
    return digest;
}

QByteArray sha256Hex(QByteArrayView data)
{
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char *>(data.data()), size_t(data.size()), digest);
    static const char hex[] = "0123456789abcdef";
    QByteArray text(2 * SHA256_DIGEST_LENGTH, Qt::Uninitialized);
    char *out = text.data();
    for (const unsigned char byte : digest) {
        *out++ = hex[byte >> 4];
        *out++ = hex[byte & 0xf];
    }
    return text;
}

} // namespace msc
