// The German translation: the .ts file is complete (no unfinished, empty or obsolete entry,
// placeholders and accelerators kept), the compiled .qm is built into the app through the ui
// library, and loading it translates strings from core (free helpers, Q_DECLARE_TR_FUNCTIONS
// classes) and from ui widgets, i.e. lupdate put every message in the context the code asks for.
#include "config/connectorconfig.h"
#include "config/schedules.h"
#include "dialogs/schedulesdialog.h"
#include "mimecast/baseurl.h"
#include "pages/healthpage.h"
#include "profile/profilesettings.h"
#include "testenvironment.h"
#include "util/translations.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QPushButton>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::Literals::StringLiterals;
using namespace msc;

namespace {

QStringList placeholders(const QString &text)
{
    static const QRegularExpression pattern(u"%(\\d+|n)"_s);
    QStringList found;
    for (auto it = pattern.globalMatch(text); it.hasNext();)
        found.append(it.next().captured(0));
    found.sort();
    found.removeDuplicates();
    return found;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tsFileIsComplete()
    {
        QFile file(QString::fromUtf8(MSC_TS_FILE));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        QXmlStreamReader xml(&file);
        int messages = 0;
        QStringList problems;
        QString context;
        QString source;
        QString translationType;
        QStringList forms;
        bool numerus = false;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == "TS"_L1) {
                QCOMPARE(xml.attributes().value("language"_L1).toString(), u"de_DE"_s);
            } else if (xml.isStartElement() && xml.name() == "name"_L1) {
                context = xml.readElementText();
            } else if (xml.isStartElement() && xml.name() == "message"_L1) {
                ++messages;
                numerus = xml.attributes().value("numerus"_L1) == "yes"_L1;
                source.clear();
                forms.clear();
                translationType.clear();
            } else if (xml.isStartElement() && xml.name() == "source"_L1) {
                source = xml.readElementText();
            } else if (xml.isStartElement() && xml.name() == "translation"_L1) {
                translationType = xml.attributes().value("type"_L1).toString();
                if (!numerus)
                    forms.append(xml.readElementText());
            } else if (xml.isStartElement() && xml.name() == "numerusform"_L1) {
                forms.append(xml.readElementText());
            } else if (xml.isEndElement() && xml.name() == "message"_L1) {
                const QString where = context + u": "_s + source.left(60);
                if (!translationType.isEmpty())
                    problems.append(where + u" is "_s + translationType);
                if (forms.isEmpty() || (numerus && forms.size() != 2))
                    problems.append(where + u" has no (or the wrong number of) translations"_s);
                for (const QString &form : std::as_const(forms)) {
                    if (form.trimmed().isEmpty() && !source.trimmed().isEmpty())
                        problems.append(where + u" has an empty translation"_s);
                    if (placeholders(form) != placeholders(source))
                        problems.append(where + u": placeholders differ in \""_s + form + u'"');
                    if (form.count(u'&') != source.count(u'&'))
                        problems.append(where + u": accelerator lost in \""_s + form + u'"');
                    if (form.contains(u"..."_s) && !source.contains(u"..."_s))
                        problems.append(where + u": \"...\" instead of \"…\""_s);
                }
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        qInfo("%d messages, all translated", messages);
        QVERIFY(messages > 500);
    }

    void germanTranslatesCoreAndUi()
    {
        const QStringList loaded = installTranslators(QLocale(QLocale::German, QLocale::Germany));
        QVERIFY2(
            loaded.contains(u":/i18n/mimecast-console_de.qm"_s), qPrintable(loaded.join(u", "_s)));

        // core, a free helper refactored to a Q_DECLARE_TR_FUNCTIONS struct (BaseUrl).
        QString error;
        QVERIFY(!BaseUrl::validate(u"ftp://example.com"_s, &error));
        QCOMPARE(error, u"Die Basis-URL muss mit https:// beginnen."_s);
        // core, the same pattern in a struct's member (ConnectorConfig::validate).
        ConnectorConfig config;
        config.id = u"awareness"_s;
        config.clientId = u"client"_s;
        config.intervalMinutes = 10;
        QVERIFY2(config.validate().contains(
                     u"Intervall: 10 Minuten liegt außerhalb von 60–10080 Minuten."_s),
            qPrintable(config.validate().join(u'\n')));
        QCOMPARE(ConnectorInfo::byId(u"awareness"_s)->title, u"Awareness Training"_s);
        // core, a class with Q_DECLARE_TR_FUNCTIONS.
        QVERIFY(!ProfileSettings::validate(
            ProfileSettings::Key::ConcurrentJobs, 99, &error, u"Gleichzeitige Aufträge"_s));
        QCOMPARE(error,
            u"Gleichzeitige Aufträge muss eine ganze Zahl von 1 bis 8 sein (erhalten: „99“)."_s);

        // ui, Q_OBJECT classes in namespace msc.
        QCOMPARE(HealthPage::tr("Jobs & health"), u"Aufträge & Status"_s);
        QTemporaryDir directory;
        SchedulesDialog dialog(directory.path() + u"/settings.ini"_s, nullptr);
        QCOMPARE(dialog.windowTitle(), u"Alle Zeitpläne ändern"_s);
        QCOMPARE(dialog.findChild<QPushButton *>(u"applyAll"_s)->text(), u"Auf alle an&wenden"_s);
        QVERIFY(dialog.grab().save(test::artifactsDirectory() + u"/schedules-dialog-de.png"_s));
        // Plural forms.
        QCOMPARE(HealthPage::tr("%n gap(s) acknowledged.", nullptr, 1), u"1 Lücke bestätigt."_s);
        QCOMPARE(HealthPage::tr("%n gap(s) acknowledged.", nullptr, 3), u"3 Lücken bestätigt."_s);

        // Qt's own strings, when the Qt translations are installed (qt6-translations-l10n).
        if (loaded.size() < 2)
            QSKIP("qtbase_de.qm is not installed");
        QCOMPARE(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel)->text(),
            u"Abbrechen"_s);
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
