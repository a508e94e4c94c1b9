#include "vocabulary.h"

#include "prng.h"

#include <QCryptographicHash>

using namespace Qt::Literals::StringLiterals;

namespace msc::sim {

namespace vocab {

    const QList<Person> &firstNames()
    {
        // 64 names; a few with non-ASCII letters so that Unicode reaches every stream.
        static const QList<Person> names = {
            {u"Alice"_s, u"alice"_s},
            {u"Bob"_s, u"bob"_s},
            {u"Carol"_s, u"carol"_s},
            {u"David"_s, u"david"_s},
            {u"Erin"_s, u"erin"_s},
            {u"Frank"_s, u"frank"_s},
            {u"Grace"_s, u"grace"_s},
            {u"Helen"_s, u"helen"_s},
            {u"Ian"_s, u"ian"_s},
            {u"Jane"_s, u"jane"_s},
            {u"Kim"_s, u"kim"_s},
            {u"Lee"_s, u"lee"_s},
            {u"Maria"_s, u"maria"_s},
            {u"Nina"_s, u"nina"_s},
            {u"Oscar"_s, u"oscar"_s},
            {u"Paula"_s, u"paula"_s},
            {u"Quinn"_s, u"quinn"_s},
            {u"Rita"_s, u"rita"_s},
            {u"Sam"_s, u"sam"_s},
            {u"Tom"_s, u"tom"_s},
            {u"Uma"_s, u"uma"_s},
            {u"Victor"_s, u"victor"_s},
            {u"Wendy"_s, u"wendy"_s},
            {u"Xavier"_s, u"xavier"_s},
            {u"Yara"_s, u"yara"_s},
            {u"Zoë"_s, u"zoe"_s},
            {u"José"_s, u"jose"_s},
            {u"Søren"_s, u"soren"_s},
            {u"Chloé"_s, u"chloe"_s},
            {u"Björn"_s, u"bjorn"_s},
            {u"Amélie"_s, u"amelie"_s},
            {u"Łukasz"_s, u"lukasz"_s},
            {u"Aisha"_s, u"aisha"_s},
            {u"Ben"_s, u"ben"_s},
            {u"Chen"_s, u"chen"_s},
            {u"Dana"_s, u"dana"_s},
            {u"Eli"_s, u"eli"_s},
            {u"Fatima"_s, u"fatima"_s},
            {u"Gita"_s, u"gita"_s},
            {u"Hugo"_s, u"hugo"_s},
            {u"Ivy"_s, u"ivy"_s},
            {u"Jon"_s, u"jon"_s},
            {u"Kai"_s, u"kai"_s},
            {u"Lena"_s, u"lena"_s},
            {u"Mo"_s, u"mo"_s},
            {u"Noah"_s, u"noah"_s},
            {u"Olga"_s, u"olga"_s},
            {u"Pat"_s, u"pat"_s},
            {u"Raj"_s, u"raj"_s},
            {u"Sara"_s, u"sara"_s},
            {u"Tariq"_s, u"tariq"_s},
            {u"Ulla"_s, u"ulla"_s},
            {u"Vera"_s, u"vera"_s},
            {u"Will"_s, u"will"_s},
            {u"Yusuf"_s, u"yusuf"_s},
            {u"Zane"_s, u"zane"_s},
            {u"Anya"_s, u"anya"_s},
            {u"Bruno"_s, u"bruno"_s},
            {u"Cleo"_s, u"cleo"_s},
            {u"Dev"_s, u"dev"_s},
            {u"Emma"_s, u"emma"_s},
            {u"Felix"_s, u"felix"_s},
            {u"Gus"_s, u"gus"_s},
            {u"Hana"_s, u"hana"_s},
        };
        return names;
    }

    const QStringList &lastNames()
    {
        // 61 names (a prime, so the name mapping in simUser() is a bijection).
        static const QStringList names = {
            u"Example"_s,
            u"Adams"_s,
            u"Baker"_s,
            u"Clark"_s,
            u"Davis"_s,
            u"Evans"_s,
            u"Foster"_s,
            u"Garcia"_s,
            u"Hughes"_s,
            u"Ito"_s,
            u"Jones"_s,
            u"Khan"_s,
            u"Lopez"_s,
            u"Miller"_s,
            u"Nguyen"_s,
            u"Owens"_s,
            u"Patel"_s,
            u"Quinn"_s,
            u"Reyes"_s,
            u"Smith"_s,
            u"Taylor"_s,
            u"Usman"_s,
            u"Vance"_s,
            u"Walker"_s,
            u"Xu"_s,
            u"Young"_s,
            u"Zimmer"_s,
            u"Abbott"_s,
            u"Brooks"_s,
            u"Cohen"_s,
            u"Dubois"_s,
            u"Ellis"_s,
            u"Fischer"_s,
            u"Gupta"_s,
            u"Hansen"_s,
            u"Iqbal"_s,
            u"Jensen"_s,
            u"Kowalski"_s,
            u"Larsen"_s,
            u"Moreau"_s,
            u"Novak"_s,
            u"Olsen"_s,
            u"Perez"_s,
            u"Rossi"_s,
            u"Santos"_s,
            u"Tanaka"_s,
            u"Ueda"_s,
            u"Vogel"_s,
            u"Weber"_s,
            u"Yilmaz"_s,
            u"Zhang"_s,
            u"Ahmed"_s,
            u"Bauer"_s,
            u"Costa"_s,
            u"Dias"_s,
            u"Eriksen"_s,
            u"Fontaine"_s,
            u"Greene"_s,
            u"Holt"_s,
            u"Ivanova"_s,
            u"Keller"_s,
        };
        return names;
    }

    const QStringList &departments()
    {
        static const QStringList list = {u"Finance"_s, u"Sales"_s, u"Marketing"_s, u"Engineering"_s,
            u"IT"_s, u"HR"_s, u"Legal"_s, u"Operations"_s, u"Support"_s, u"Procurement"_s,
            u"Executive"_s};
        return list;
    }

    const QStringList &titles()
    {
        static const QStringList list = {u"Analyst"_s, u"Manager"_s, u"Engineer"_s, u"Director"_s,
            u"Specialist"_s, u"Coordinator"_s, u"Consultant"_s, u"Administrator"_s, u"Associate"_s};
        return list;
    }

    const QStringList &locations()
    {
        static const QStringList list = {u"London"_s, u"Manchester"_s, u"Dublin"_s, u"New York"_s,
            u"Boston"_s, u"Toronto"_s, u"Sydney"_s, u"Cape Town"_s, u"Amsterdam"_s};
        return list;
    }

    const QStringList &partnerDomains()
    {
        static const QStringList list = {
            u"partner.example"_s,
            u"supplier.example"_s,
            u"vendor.example"_s,
            u"logistics.example"_s,
            u"bank.example"_s,
            u"lawfirm.example"_s,
            u"agency.example"_s,
            u"cloudsvc.example"_s,
            u"travel.example"_s,
            u"newsletter.example"_s,
            u"payroll.example"_s,
        };
        return list;
    }

    const QStringList &partnerLocalParts()
    {
        static const QStringList list = {
            u"billing"_s,
            u"accounts"_s,
            u"info"_s,
            u"noreply"_s,
            u"sales"_s,
            u"support"_s,
            u"orders"_s,
            u"hr"_s,
            u"news"_s,
            u"notifications"_s,
            u"john.smith"_s,
            u"maria.garcia"_s,
            u"kim"_s,
            u"alerts"_s,
            u"invoices"_s,
            u"team"_s,
        };
        return list;
    }

    const QStringList &badDomains()
    {
        static const QStringList list = {
            u"bad.example"_s,
            u"phish.example"_s,
            u"malware.example"_s,
            u"invoice-portal.example"_s,
            u"login-secure.example"_s,
            u"cheap-deals.example"_s,
            u"prize-win.example"_s,
            u"bulkmail.example"_s,
        };
        return list;
    }

    const QStringList &badLocalParts()
    {
        static const QStringList list = {u"billing"_s, u"security"_s, u"admin"_s, u"payments"_s,
            u"offers"_s, u"it-desk"_s, u"docs"_s, u"x"_s};
        return list;
    }

    const QStringList &lookalikeDomains()
    {
        static const QStringList list = {u"corp-example.test"_s, u"c0rp.example"_s,
            u"corp.example.test"_s, u"corpexample.test"_s};
        return list;
    }

    const QStringList &customerDomains()
    {
        static const QStringList list = {
            u"customer.example"_s,
            u"gmail.example"_s,
            u"outlook.example"_s,
            u"client.example"_s,
            u"partner.example"_s,
            u"retail.example"_s,
            u"univ.example"_s,
            u"gov.example"_s,
        };
        return list;
    }

    const QStringList &cleanSubjects()
    {
        static const QStringList list = {
            u"Invoice 5521"_s,
            u"Meeting notes"_s,
            u"Quarterly report"_s,
            u"RE: quote"_s,
            u"Shared file"_s,
            u"Your order has shipped"_s,
            u"Project update"_s,
            u"Contract for review"_s,
            u"Webinar invitation"_s,
            u"Weekly newsletter"_s,
            u"Statement of account"_s,
            u"Résumé – application"_s,
            u"Re: \"Budget\" draft"_s,
            u"Delivery schedule"_s,
            u"Payment confirmation"_s,
        };
        return list;
    }

    const QStringList &spamSubjects()
    {
        static const QStringList list = {u"Deals!"_s, u"You won a prize"_s,
            u"Limited offer ends today"_s, u"Cheap meds"_s, u"Lose weight fast"_s,
            u"Exclusive crypto tip"_s};
        return list;
    }

    const QStringList &phishSubjects()
    {
        static const QStringList list = {
            u"Password expiry notice"_s,
            u"Your mailbox is full"_s,
            u"Action required: verify account"_s,
            u"Shared file"_s,
            u"DocuSign: please sign"_s,
            u"Overdue invoice"_s,
        };
        return list;
    }

    const QStringList &impersonationSubjects()
    {
        static const QStringList list = {u"Quick favour"_s, u"Urgent wire transfer"_s,
            u"Are you at your desk?"_s, u"Gift cards needed"_s, u"Confidential acquisition"_s};
        return list;
    }

    const QStringList &outboundSubjects()
    {
        static const QStringList list = {
            u"customer list"_s,
            u"Proposal"_s,
            u"RE: Invoice"_s,
            u"Monthly figures"_s,
            u"Order confirmation"_s,
            u"Follow-up"_s,
            u"Price list 2025"_s,
            u"Support ticket 4411"_s,
        };
        return list;
    }

    const QStringList &internalSubjects()
    {
        static const QStringList list = {u"Team lunch"_s, u"Standup notes"_s, u"Holiday rota"_s,
            u"Board pack"_s, u"IT maintenance"_s, u"Expenses"_s, u"Office move"_s,
            u"Training plan"_s};
        return list;
    }

    const QStringList &cleanAttachments()
    {
        static const QStringList list = {
            u"report.pdf"_s,
            u"data.xlsx"_s,
            u"Quote.xlsx"_s,
            u"invoice_5521.pdf"_s,
            u"minutes.docx"_s,
            u"slides.pptx"_s,
            u"photo.jpg"_s,
            u"contract.pdf"_s,
            u"statement.csv"_s,
            u"Sandbox Test.xlsx"_s,
            u"agenda.docx"_s,
            u"logo.png"_s,
        };
        return list;
    }

    const QStringList &maliciousAttachments()
    {
        static const QStringList list = {
            u"invoice.xlsm"_s,
            u"zero-day.pdf"_s,
            u"setup.exe"_s,
            u"payment_details.docm"_s,
            u"scan_0042.zip"_s,
            u"remittance.html"_s,
            u"shipping_label.iso"_s,
            u"update.js"_s,
            u"voicemail.htm"_s,
            u"PO-7781.xlsm"_s,
            u"resume.doc"_s,
            u"salary_review.pdf"_s,
        };
        return list;
    }

    QString extensionOf(const QString &fileName)
    {
        const qsizetype dot = fileName.lastIndexOf(u'.');
        return dot < 0 ? QString() : fileName.mid(dot + 1).toLower();
    }

    QString mimeTypeFor(const QString &fileName)
    {
        const QString ext = extensionOf(fileName);
        if (ext == u"pdf"_s)
            return u"application/pdf"_s;
        if (ext == u"xlsx"_s)
            return u"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"_s;
        if (ext == u"xlsm"_s)
            return u"application/vnd.ms-excel.sheet.macroEnabled.12"_s;
        if (ext == u"docx"_s)
            return u"application/vnd.openxmlformats-officedocument.wordprocessingml.document"_s;
        if (ext == u"docm"_s || ext == u"doc"_s)
            return u"application/msword"_s;
        if (ext == u"pptx"_s)
            return u"application/vnd.openxmlformats-officedocument.presentationml.presentation"_s;
        if (ext == u"jpg"_s)
            return u"image/jpeg"_s;
        if (ext == u"png"_s)
            return u"image/png"_s;
        if (ext == u"csv"_s)
            return u"text/csv"_s;
        if (ext == u"exe"_s)
            return u"application/x-dosexec"_s;
        if (ext == u"zip"_s)
            return u"application/zip"_s;
        if (ext == u"html"_s || ext == u"htm"_s)
            return u"text/html"_s;
        if (ext == u"iso"_s)
            return u"application/x-iso9660-image"_s;
        if (ext == u"js"_s)
            return u"application/javascript"_s;
        return u"application/octet-stream"_s;
    }

    const QStringList &virusNames()
    {
        static const QStringList list = {
            u"Anomali:Phishing"_s,
            u"Win.Trojan.Agent-1234567"_s,
            u"Doc.Dropper.Agent-6335"_s,
            u"Html.Phishing.Generic"_s,
            u"Xls.Downloader.Emotet"_s,
            u"Eicar-Test-Signature"_s,
        };
        return list;
    }

    const QStringList &cleanUrls()
    {
        static const QStringList list = {
            u"https://docs.partner.example/share/q3-report"_s,
            u"https://www.supplier.example/catalogue"_s,
            u"https://portal.bank.example/statements"_s,
            u"https://news.newsletter.example/issue/42"_s,
            u"https://travel.example/booking/7781"_s,
            u"https://cloudsvc.example/files/d/0b1c"_s,
            u"https://www.logistics.example/track?id=7781"_s,
            u"https://agency.example/campaign/preview"_s,
        };
        return list;
    }

    const QStringList &maliciousUrls()
    {
        static const QStringList list = {
            u"http://login.bad.example/o365/"_s,
            u"https://files.bad.example/setup.exe"_s,
            u"https://secure-invoice.phish.example/view"_s,
            u"http://login-secure.example/verify?user=1"_s,
            u"https://malware.example/dl/update.js"_s,
            u"https://invoice-portal.example/résumé.zip"_s,
        };
        return list;
    }

    const QStringList &cleanUrlCategories()
    {
        static const QStringList list = {u"Business & Economy"_s, u"Computers & Technology"_s,
            u"News & Media"_s, u"Shopping"_s, u"Travel"_s, u"Finance"_s};
        return list;
    }

    const QStringList &maliciousUrlCategories()
    {
        static const QStringList list = {
            u"Phishing & Fraud"_s, u"Malware"_s, u"Dangerous file extension"_s, u"Suspicious"_s};
        return list;
    }

    const QStringList &dlpPolicies()
    {
        static const QStringList list = {u"Confidential"_s, u"PCI - Credit Card Numbers"_s,
            u"PII - Personal Data"_s, u"Source Code"_s, u"Financial Statements"_s};
        return list;
    }

    const QStringList &tlsCiphers()
    {
        static const QStringList list = {u"TLS_AES_256_GCM_SHA384"_s, u"TLS_AES_128_GCM_SHA256"_s,
            u"ECDHE-RSA-AES256-GCM-SHA384"_s, u"ECDHE-RSA-AES128-GCM-SHA256"_s};
        return list;
    }

    const QStringList &auditApplications()
    {
        static const QStringList list = {u"mimecast-moa"_s, u"Mimecast Personal Portal"_s,
            u"Mimecast Administration Console"_s, u"Mimecast for Outlook"_s, u"mimecast-api"_s,
            u"Mimecast Mobile"_s};
        return list;
    }

    const QStringList &loginMethods()
    {
        static const QStringList list = {u"Office 365"_s, u"Cloud"_s, u"SAML"_s, u"Domain"_s};
        return list;
    }

    const QStringList &campaignTemplates()
    {
        static const QStringList list = {u"Parcel delivery"_s, u"Password reset"_s,
            u"Invoice overdue"_s, u"Shared document"_s, u"Benefits update"_s};
        return list;
    }

    QString externalIp(Prng &prng)
    {
        static const char *const prefixes[] = {"192.0.2.", "198.51.100.", "203.0.113."};
        return QString::fromLatin1(prefixes[prng.below(3)]) + QString::number(prng.range(2, 254));
    }

    QString stableExternalIp(quint64 key)
    {
        Prng prng(mix64(key));
        return externalIp(prng);
    }

    QString internalIp(Prng &prng)
    {
        return u"10.20."_s + QString::number(prng.range(0, 15)) + u'.'
            + QString::number(prng.range(2, 250));
    }

    QString hex64(quint64 value)
    {
        return QString::number(value, 16).rightJustified(16, u'0');
    }

    QString token(quint64 key, int bytes)
    {
        QByteArray raw;
        raw.reserve(bytes + 8);
        quint64 x = key;
        while (raw.size() < bytes) {
            x = mix64(x);
            for (int i = 0; i < 8 && raw.size() < bytes; ++i)
                raw.append(char((x >> (8 * i)) & 0xff));
        }
        return QString::fromLatin1(
            raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    }

    namespace {

        QString hashHex(quint64 key, QCryptographicHash::Algorithm algorithm)
        {
            QByteArray material;
            for (int i = 0; i < 8; ++i)
                material.append(char((key >> (8 * i)) & 0xff));
            return QString::fromLatin1(QCryptographicHash::hash(material, algorithm).toHex());
        }

    } // namespace

    QString md5Hex(quint64 key)
    {
        return hashHex(key, QCryptographicHash::Md5);
    }

    QString sha1Hex(quint64 key)
    {
        return hashHex(key, QCryptographicHash::Sha1);
    }

    QString sha256Hex(quint64 key)
    {
        return hashHex(key, QCryptographicHash::Sha256);
    }

} // namespace vocab

int populationSize(int volume)
{
    return qMax(50, volume / 20);
}

namespace {

    struct NameParts
    {
        const vocab::Person *first;
        const QString *last;
        int round;
    };

    NameParts nameParts(quint64 seed, int index)
    {
        const auto &firsts = vocab::firstNames();
        const auto &lasts = vocab::lastNames();
        const int f = int(firsts.size()); // 64
        const int l = int(lasts.size()); // 61, a prime
        // A bijection from index to (first, last, round): distinct indices get distinct
        // addresses, because 1 + 7 * 64 is coprime with 61.
        const quint64 rotation = mix64(seed ^ 0x5eed5eedULL);
        const int r = index % f;
        const int q = index / f;
        const int firstIdx = int((quint64(r) + rotation) % quint64(f));
        const int lastIdx =
            int((quint64(q) * quint64(1 + 7 * f) + quint64(7 * r) + (rotation >> 32)) % quint64(l));
        return NameParts {&firsts.at(firstIdx), &lasts.at(lastIdx), q / l};
    }

    QString emailOf(const NameParts &parts)
    {
        return parts.first->ascii + u'.' + parts.last->toLower()
            + (parts.round > 0 ? QString::number(parts.round + 1) : QString()) + u'@'
            + vocab::kTenantDomain;
    }

} // namespace

QString simUserEmail(quint64 seed, int index)
{
    return emailOf(nameParts(seed, index));
}

SimUser simUser(quint64 seed, int index)
{
    const NameParts parts = nameParts(seed, index);
    Prng prng(mixSeed(seed, u"awareness.user", index));
    SimUser user;
    user.index = index;
    user.firstName = parts.first->display;
    user.name = parts.first->display + u' ' + *parts.last;
    user.email = emailOf(parts);
    user.department = prng.pick(vocab::departments());
    user.title = prng.pick(vocab::titles());
    user.location = prng.pick(vocab::locations());
    // Odd multiplier modulo 2^32: a bijection, so user ids are unique.
    user.userId = u"u-"_s
        + QString::number(quint32(quint64(index) * 2654435761ULL + 0x1001), 16)
              .rightJustified(8, u'0');
    user.active = !prng.chance(0.06);
    return user;
}

} // namespace msc::sim
