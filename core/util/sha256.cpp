#include "util/sha256.h"

#include <openssl/evp.h>

#include <memory>

namespace msc {

namespace {

    struct ContextDeleter
    {
        void operator()(EVP_MD_CTX *context) const { EVP_MD_CTX_free(context); }
    };

    /// SHA-256 with the algorithm fetched once and one digest context per thread: OpenSSL 3's
    /// one-shot SHA256() fetches and allocates on every call, a third of its time on the
    /// ~1 KB records of the ingest path (two digests per record).
    void digest(QByteArrayView data, unsigned char *out)
    {
        static EVP_MD *const algorithm = EVP_MD_fetch(nullptr, "SHA256", nullptr);
        thread_local std::unique_ptr<EVP_MD_CTX, ContextDeleter> context(EVP_MD_CTX_new());
        unsigned int size = 0;
        if (!algorithm || !context || !EVP_DigestInit_ex2(context.get(), algorithm, nullptr)
            || !EVP_DigestUpdate(context.get(), data.data(), size_t(data.size()))
            || !EVP_DigestFinal_ex(context.get(), out, &size))
            qFatal("OpenSSL could not compute a SHA-256 digest");
    }

} // namespace

QByteArray sha256(QByteArrayView data)
{
    QByteArray result(32, Qt::Uninitialized);
    digest(data, reinterpret_cast<unsigned char *>(result.data()));
    return result;
}

void sha256Into(QByteArrayView data, char *out)
{
    digest(data, reinterpret_cast<unsigned char *>(out));
}

QByteArray sha256Hex(QByteArrayView data)
{
    QByteArray text;
    sha256HexInto(data, text);
    return text;
}

void sha256HexInto(QByteArrayView data, QByteArray &hex)
{
    unsigned char bytes[32];
    digest(data, bytes);
    static const char digits[] = "0123456789abcdef";
    hex.resize(64);
    char *out = hex.data();
    for (const unsigned char byte : bytes) {
        *out++ = digits[byte >> 4];
        *out++ = digits[byte & 0xf];
    }
}

} // namespace msc
