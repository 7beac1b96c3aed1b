#include "ui/connectionbar.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace {

const char *const kRegions[] = {"us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "eu-north-1",
                                "ap-northeast-1", "ap-southeast-1", "ap-southeast-2", "ap-south-1"};

} // namespace

ConnectionBar::ConnectionBar(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("connectionBar"));
    m_profile = new QComboBox(this);
    m_profile->setObjectName(QStringLiteral("profileCombo"));
    m_profile->setSizeAdjustPolicy(QComboBox::AdjustToContents); // "Lokale Sandbox" whole, in any language
    m_region = new QComboBox(this);
    m_region->setObjectName(QStringLiteral("regionCombo"));
    m_region->setEditable(true);
    m_region->lineEdit()->setAccessibleName(tr("Region"));
    m_region->setAccessibleDescription(tr("The AWS region of the connection; empty uses the profile's"));
    m_region->addItem(QString());
    for (const char *r : kRegions)
        m_region->addItem(QString::fromLatin1(r));
    m_region->setMinimumContentsLength(7);
    m_region->setToolTip(tr("Region; empty uses the profile's (AWS_REGION, the config file)"));
    m_workGroup = new QComboBox(this);
    m_workGroup->setObjectName(QStringLiteral("workGroupCombo"));
    m_workGroup->setMinimumContentsLength(14); // elided rather than squeezing the profile's name
    m_workGroup->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_filter = new QComboBox(this);
    m_filter->setObjectName(QStringLiteral("filterCombo"));
    for (const StateFilter &f : StateFilter::choices())
        m_filter->addItem(f.describe(), f.key());
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setClearButtonEnabled(true);
    m_search->setPlaceholderText(tr("Search ID or description (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search sessions"));
    m_search->setAccessibleDescription(tr("Shows only the sessions whose ID or description contains the text; Escape clears it"));
    // Room for a session ID's first part even at 1024 pixels.
    m_search->setMinimumWidth(m_search->fontMetrics().averageCharWidth() * 18);
    // Escape clears the search (and a second Escape leaves the field as usual).
    auto *clearSearch = new QAction(m_search);
    clearSearch->setShortcut(QKeySequence(Qt::Key_Escape));
    clearSearch->setShortcutContext(Qt::WidgetShortcut);
    connect(clearSearch, &QAction::triggered, m_search, &QLineEdit::clear);
    m_search->addAction(clearSearch);
    m_refresh = new QToolButton(this);
    m_refresh->setObjectName(QStringLiteral("refreshButton"));
    m_interval = new QComboBox(this);
    m_interval->setObjectName(QStringLiteral("autoRefreshCombo"));
    m_interval->setToolTip(tr("Refresh the list automatically: off, every 10 s, 30 s, minute or 5 minutes"));
    m_interval->addItem(tr("Auto: off"), 0);
    m_interval->addItem(tr("Auto: 10 s"), 10);
    m_interval->addItem(tr("Auto: 30 s"), 30);
    m_interval->addItem(tr("Auto: 1 min"), 60);
    m_interval->addItem(tr("Auto: 5 min"), 300);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    auto label = [this, layout](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text, this);
        l->setBuddy(buddy);
        layout->addWidget(l);
        layout->addWidget(buddy);
        return l;
    };
    label(tr("&Profile:"), m_profile);
    m_regionLabel = label(tr("Re&gion:"), m_region);
    label(tr("&Workgroup:"), m_workGroup);
    label(tr("S&tate:"), m_filter);
    m_filter->setMinimumContentsLength(8);
    m_filter->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    layout->addWidget(m_search, 1);
    layout->addWidget(m_refresh);
    layout->addWidget(m_interval);

    connect(m_profile, &QComboBox::activated, this, [this] { emitConnection(); });
    connect(m_region->lineEdit(), &QLineEdit::editingFinished, this, [this] { emitConnection(); });
    connect(m_region, &QComboBox::activated, this, [this] { emitConnection(); });
    connect(m_workGroup, &QComboBox::activated, this, [this] { Q_EMIT scopeChosen(workGroup(), filter()); });
    connect(m_filter, &QComboBox::activated, this, [this] { Q_EMIT scopeChosen(workGroup(), filter()); });
    connect(m_search, &QLineEdit::textChanged, this, &ConnectionBar::searchChanged);
    connect(m_interval, &QComboBox::activated, this, [this] { Q_EMIT autoRefreshChosen(autoRefreshSeconds()); });
}

void ConnectionBar::setRefreshAction(QAction *action)
{
    m_refresh->setDefaultAction(action);
}

void ConnectionBar::setProfiles(const QStringList &awsProfiles)
{
    const ConnectionChoice current = connection();
    m_updating = true;
    m_profile->clear();
    m_profile->addItem(tr("Local sandbox"), QStringLiteral("sandbox"));
    for (const QString &p : awsProfiles)
        m_profile->addItem(p, QString(QStringLiteral("profile:") + p));
    m_updating = false;
    setConnection(current);
}

void ConnectionBar::setConnection(const ConnectionChoice &choice)
{
    m_updating = true;
    if (choice.kind == ConnectionChoice::Kind::Sandbox) {
        m_profile->setCurrentIndex(0);
    } else {
        const QString key = QStringLiteral("profile:") + choice.profile;
        int at = m_profile->findData(key);
        if (at < 0) {
            m_profile->addItem(choice.profile, key);
            at = m_profile->count() - 1;
        }
        m_profile->setCurrentIndex(at);
    }
    m_region->setCurrentText(choice.region);
    showRegion(choice.kind == ConnectionChoice::Kind::Profile);
    m_updating = false;
}

ConnectionChoice ConnectionBar::connection() const
{
    const QString key = m_profile->currentData().toString();
    if (!key.startsWith(QStringLiteral("profile:")))
        return ConnectionChoice::sandbox();
    return ConnectionChoice::awsProfile(key.mid(8), m_region->currentText().trimmed());
}

void ConnectionBar::showRegion(bool shown)
{
    // The sandbox has one region; the room goes to the other boxes (1024 pixels, long languages).
    m_region->setVisible(shown);
    m_regionLabel->setVisible(shown);
}

void ConnectionBar::showInEffect(const QString &region, const QString &regionSource, const QString &credentials)
{
    const bool profile = connection().kind == ConnectionChoice::Kind::Profile;
    m_region->lineEdit()->setPlaceholderText(profile ? region : QString());
    m_region->setToolTip(profile && !region.isEmpty() ? tr("In effect: %1 (from %2)").arg(region, regionSource)
                                                      : tr("Region; empty uses the profile's (AWS_REGION, the config file)"));
    const int at = m_profile->currentIndex();
    const QString name = m_profile->itemData(at).toString().mid(8);
    if (!profile || at < 0)
        return;
    // Keys from the environment win over the profile's: say so where the profile is named.
    const bool fromEnvironment = credentials.contains(QStringLiteral("environment"));
    m_profile->setItemText(at, fromEnvironment ? tr("%1 (keys from the environment)").arg(name) : name);
    m_profile->setToolTip(credentials.isEmpty() ? QString() : tr("Credentials: %1").arg(credentials));
}

void ConnectionBar::emitConnection()
{
    if (m_updating)
        return;
    const ConnectionChoice choice = connection();
    showRegion(choice.kind == ConnectionChoice::Kind::Profile);
    Q_EMIT connectionChosen(choice);
}

void ConnectionBar::setWorkGroups(const QStringList &sparkWorkGroups)
{
    const QString current = workGroup();
    m_workGroup->clear();
    m_workGroup->addItem(tr("All Spark workgroups"), QString());
    for (const QString &wg : sparkWorkGroups)
        m_workGroup->addItem(wg, wg);
    const int at = m_workGroup->findData(current);
    m_workGroup->setCurrentIndex(at >= 0 ? at : 0);
}

void ConnectionBar::setScope(const QString &workGroup, const StateFilter &filter)
{
    int at = m_workGroup->findData(workGroup);
    if (at < 0 && !workGroup.isEmpty()) {
        m_workGroup->addItem(workGroup, workGroup);
        at = m_workGroup->count() - 1;
    }
    m_workGroup->setCurrentIndex(std::max(at, 0));
    m_filter->setCurrentIndex(std::max(0, m_filter->findData(filter.key())));
}

QString ConnectionBar::workGroup() const
{
    return m_workGroup->currentData().toString();
}

StateFilter ConnectionBar::filter() const
{
    return StateFilter::fromKey(m_filter->currentData().toString());
}

void ConnectionBar::setAutoRefreshSeconds(int seconds)
{
    m_interval->setCurrentIndex(std::max(0, m_interval->findData(seconds)));
}

int ConnectionBar::autoRefreshSeconds() const
{
    return m_interval->currentData().toInt();
}
