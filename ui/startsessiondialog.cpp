#include "sessions/sessiontablemodel.h"
#include "ui/startsessiondialog.h"

#include "ui/keyvaluetable.h"
#include "ui/stateappearance.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QScreen>
#include <QScrollArea>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

StartSessionDialog::StartSessionDialog(const QStringList &sparkWorkGroups, StartSessionForm form, QWidget *parent)
    : QDialog(parent), m_form(std::move(form))
{
    setObjectName(QStringLiteral("startSessionDialog"));
    setWindowTitle(tr("Start session"));
    setMinimumWidth(620);

    m_serviceError = new QLabel(this);
    m_serviceError->setObjectName(QStringLiteral("serviceErrorLabel"));
    m_serviceError->setWordWrap(true);
    m_serviceError->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_serviceError->setStyleSheet(QStringLiteral("QLabel { background: palette(base); border: 1px solid #c62828; "
                                                 "border-radius: 4px; padding: 6px; color: #c62828; }"));
    m_serviceError->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    m_serviceError->hide();

    auto *form1 = new QFormLayout;
    form1->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_workGroup = new QComboBox(this);
    m_workGroup->setObjectName(QStringLiteral("workGroupCombo"));
    m_workGroup->setEditable(true);
    m_workGroup->lineEdit()->setAccessibleName(tr("Workgroup"));
    m_workGroup->addItems(sparkWorkGroups);
    m_workGroup->setCurrentText(m_form.text(Field::WorkGroup).isEmpty() && !sparkWorkGroups.isEmpty()
                                    ? sparkWorkGroups.first()
                                    : m_form.text(Field::WorkGroup));
    m_form.setText(Field::WorkGroup, m_workGroup->currentText());
    form1->addRow(tr("&Workgroup:"), m_workGroup);
    form1->addRow(QString(), errorLabel(Field::WorkGroup, QStringLiteral("workGroupError")));
    connect(m_workGroup, &QComboBox::currentTextChanged, this, [this](const QString &t) {
        m_form.setText(Field::WorkGroup, t);
        edited();
    });
    addLineField(form1, Field::Description, tr("&Description:"), QStringLiteral("descriptionEdit"), tr("What this session is for"));

    auto *engine = new QGroupBox(tr("Engine"), this);
    auto *form2 = new QFormLayout(engine);
    addLineField(form2, Field::MaxConcurrentDpus, tr("Max concurrent &DPUs:"), QStringLiteral("maxDpusEdit"), tr("2 to 5000"));
    addLineField(form2, Field::CoordinatorDpuSize, tr("&Coordinator DPU size:"), QStringLiteral("coordinatorEdit"));
    addLineField(form2, Field::DefaultExecutorDpuSize, tr("Default &executor DPU size:"), QStringLiteral("executorEdit"));
    addLineField(form2, Field::SessionIdleTimeoutInMinutes, tr("&Idle timeout (minutes):"), QStringLiteral("idleTimeoutEdit"), tr("1 to 480"));
    m_notebookVersion = new QComboBox(this);
    m_notebookVersion->setObjectName(QStringLiteral("notebookVersionCombo"));
    m_notebookVersion->setEditable(true);
    m_notebookVersion->lineEdit()->setAccessibleName(tr("Notebook version"));
    m_notebookVersion->addItems({QString(), QStringLiteral("Athena notebook version 1")});
    m_notebookVersion->setCurrentText(m_form.text(Field::NotebookVersion));
    form2->addRow(tr("&Notebook version:"), m_notebookVersion);
    form2->addRow(QString(), errorLabel(Field::NotebookVersion, QStringLiteral("notebookVersionError")));
    connect(m_notebookVersion, &QComboBox::currentTextChanged, this, [this](const QString &t) {
        m_form.setText(Field::NotebookVersion, t);
        edited();
    });
    m_cost = new QLabel(this);
    m_cost->setObjectName(QStringLiteral("costLabel"));
    m_cost->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum); // never squeezed below its text
    form2->addRow(tr("Estimated cost:"), m_cost);

    auto *configs = new QGroupBox(tr("Additional configs"), this);
    m_additional = new KeyValueTable(tr("Key"), tr("Value"), configs);
    m_additional->setObjectName(QStringLiteral("additionalConfigsTable"));
    m_additional->setTitle(tr("Additional configs"));
    m_additional->setPairs(m_form.keyValues(Field::AdditionalConfigs));
    auto *cl = new QVBoxLayout(configs);
    cl->addWidget(m_additional);
    cl->addWidget(errorLabel(Field::AdditionalConfigs, QStringLiteral("additionalConfigsError")));
    auto *spark = new QGroupBox(tr("Spark properties"), this);
    m_spark = new KeyValueTable(tr("Property"), tr("Value"), spark);
    m_spark->setObjectName(QStringLiteral("sparkPropertiesTable"));
    m_spark->setTitle(tr("Spark properties"));
    m_spark->setPairs(m_form.keyValues(Field::SparkProperties));
    auto *sl = new QVBoxLayout(spark);
    sl->addWidget(m_spark);
    sl->addWidget(errorLabel(Field::SparkProperties, QStringLiteral("sparkPropertiesError")));
    connect(m_additional, &KeyValueTable::changed, this, [this] {
        m_form.setKeyValues(Field::AdditionalConfigs, m_additional->pairs());
        edited();
    });
    connect(m_spark, &KeyValueTable::changed, this, [this] {
        m_form.setKeyValues(Field::SparkProperties, m_spark->pairs());
        edited();
    });

    auto *advancedToggle = new QToolButton(this);
    advancedToggle->setObjectName(QStringLiteral("advancedToggle"));
    advancedToggle->setText(tr("Advanced: execution role, tags, logging, classifications, request token"));
    advancedToggle->setCheckable(true);
    advancedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    advancedToggle->setArrowType(Qt::RightArrow);
    advancedToggle->setAutoRaise(true);
    QWidget *advanced = buildAdvanced();
    // Open from the start when a copied session uses any of it, so nothing is sent unseen.
    const athena::StartSessionRequest carried = m_form.request();
    const bool uses = !carried.executionRole.isEmpty() || carried.monitoringConfiguration
                      || !carried.engineConfiguration.classifications.isEmpty();
    advanced->setVisible(uses);
    advancedToggle->setChecked(uses);
    advancedToggle->setArrowType(uses ? Qt::DownArrow : Qt::RightArrow);
    connect(advancedToggle, &QToolButton::toggled, this, [advanced, advancedToggle](bool on) {
        advancedToggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
        advanced->setVisible(on);
    });

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = m_buttons->button(QDialogButtonBox::Ok);
    m_ok->setObjectName(QStringLiteral("okButton"));
    m_ok->setText(tr("&Start session"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &StartSessionDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    // Everything between the service's message and the buttons scrolls, so the dialog fits a
    // 700-pixel screen with every section open.
    auto *content = new QWidget;
    content->setObjectName(QStringLiteral("startSessionContent"));
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addLayout(form1);
    contentLayout->addWidget(engine);
    contentLayout->addWidget(configs);
    contentLayout->addWidget(spark);
    contentLayout->addWidget(advancedToggle, 0, Qt::AlignLeft);
    contentLayout->addWidget(advanced);
    contentLayout->addStretch();
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("startSessionScroll"));
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_serviceError);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_buttons);
    revalidate();
    // As tall as the content wants, but never taller than the screen leaves room for.
    const int available = screen() ? screen()->availableGeometry().height() - 80 : 900;
    resize(width(), std::min(content->sizeHint().height() + m_buttons->sizeHint().height() + 60, available));
}

StartSessionDialog::~StartSessionDialog() = default;

QWidget *StartSessionDialog::buildAdvanced()
{
    auto *advanced = new QWidget(this);
    advanced->setObjectName(QStringLiteral("advancedGroup"));
    auto *form3 = new QFormLayout(advanced);
    form3->setContentsMargins(18, 0, 0, 0);
    form3->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    addLineField(form3, Field::ExecutionRole, tr("E&xecution role:"), QStringLiteral("executionRoleEdit"),
                 tr("The workgroup's role unless set: arn:aws:iam::123456789012:role/name"));

    m_tags = new KeyValueTable(tr("Tag key"), tr("Value"), advanced);
    m_tags->setObjectName(QStringLiteral("tagsTable"));
    m_tags->setTitle(tr("Tags"));
    m_tags->setPairs(m_form.keyValues(Field::Tags));
    form3->addRow(tr("Ta&gs:"), m_tags);
    form3->addRow(QString(), errorLabel(Field::Tags, QStringLiteral("tagsError")));
    connect(m_tags, &KeyValueTable::changed, this, [this] {
        m_form.setKeyValues(Field::Tags, m_tags->pairs());
        edited();
    });
    addSwitch(form3, Switch::CopyWorkGroupTags, tr("&Also tag the session with the workgroup's tags"),
              QStringLiteral("copyWorkGroupTagsCheck"));

    form3->addRow(tr("Logging:"), buildLogging(advanced));

    m_classifications = new QPlainTextEdit(m_form.text(Field::Classifications), advanced);
    m_classifications->setObjectName(QStringLiteral("classificationsEdit"));
    m_classifications->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_classifications->setPlaceholderText(
        QStringLiteral("[{\"Name\": \"spark-defaults\", \"Properties\": {\"spark.sql.adaptive.enabled\": \"true\"}}]"));
    m_classifications->setTabChangesFocus(true);
    m_classifications->setFixedHeight(m_classifications->fontMetrics().lineSpacing() * 5 + 12);
    auto *classificationsLabel = new QLabel(tr("C&lassifications (JSON):"), advanced);
    classificationsLabel->setBuddy(m_classifications);
    form3->addRow(classificationsLabel, m_classifications);
    form3->addRow(QString(), errorLabel(Field::Classifications, QStringLiteral("classificationsError")));
    connect(m_classifications, &QPlainTextEdit::textChanged, this, [this] {
        m_form.setText(Field::Classifications, m_classifications->toPlainText());
        edited();
    });

    m_token = new QLineEdit(m_form.text(Field::ClientRequestToken), advanced);
    m_token->setObjectName(QStringLiteral("tokenEdit"));
    m_token->setToolTip(tr("Sent with every retry of this start, so that a retry never starts a second session."));
    auto *regenerate = new QToolButton(advanced);
    regenerate->setObjectName(QStringLiteral("regenerateTokenButton"));
    regenerate->setText(tr("New"));
    regenerate->setToolTip(tr("A new token: pressing Start then starts a new session even if an earlier start reached the service."));
    auto *tokenRow = new QHBoxLayout;
    tokenRow->addWidget(m_token, 1);
    tokenRow->addWidget(regenerate);
    // A label with a buddy, so that its '&' marks the shortcut instead of showing.
    auto *tokenLabel = new QLabel(tr("Client request &token:"), advanced);
    tokenLabel->setBuddy(m_token);
    form3->addRow(tokenLabel, tokenRow);
    form3->addRow(QString(), errorLabel(Field::ClientRequestToken, QStringLiteral("tokenError")));
    connect(m_token, &QLineEdit::textEdited, this, [this](const QString &t) {
        m_form.setText(Field::ClientRequestToken, t);
        edited();
    });
    connect(regenerate, &QToolButton::clicked, this, [this] {
        m_form.newClientRequestToken();
        m_token->setText(m_form.text(Field::ClientRequestToken));
        edited();
    });
    return advanced;
}

QWidget *StartSessionDialog::buildLogging(QWidget *parent)
{
    auto *box = new QWidget(parent);
    box->setObjectName(QStringLiteral("loggingGroup"));
    auto *form = new QFormLayout(box);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // Each destination: its switch, then its fields, enabled only while it is on.
    auto destination = [this, form](Switch which, const QString &text, const QString &objectName) {
        auto *fields = new QWidget;
        auto *inner = new QFormLayout(fields);
        inner->setContentsMargins(18, 0, 0, 0);
        inner->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        addSwitch(form, which, text, objectName, {fields});
        form->addRow(fields);
        return inner;
    };
    QFormLayout *managed = destination(Switch::ManagedLogging, tr("&Managed logging (kept by Athena)"), QStringLiteral("managedLoggingCheck"));
    addLineField(managed, Field::ManagedLoggingKmsKey, tr("KMS key:"), QStringLiteral("managedKmsKeyEdit"),
                 tr("optional: key ARN, alias or key ID"));
    QFormLayout *cloudWatch = destination(Switch::CloudWatchLogging, tr("Clo&udWatch Logs"), QStringLiteral("cloudWatchLoggingCheck"));
    addLineField(cloudWatch, Field::CloudWatchLogGroup, tr("Log group:"), QStringLiteral("logGroupEdit"), tr("/aws-athena/spark"));
    addLineField(cloudWatch, Field::CloudWatchLogStreamNamePrefix, tr("Stream prefix:"), QStringLiteral("logStreamPrefixEdit"),
                 tr("optional"));
    QFormLayout *s3 = destination(Switch::S3Logging, tr("S&3"), QStringLiteral("s3LoggingCheck"));
    addLineField(s3, Field::S3LogLocation, tr("Location:"), QStringLiteral("s3LocationEdit"), tr("s3://bucket/logs/"));
    addLineField(s3, Field::S3LoggingKmsKey, tr("KMS key:"), QStringLiteral("s3KmsKeyEdit"), tr("optional: key ARN, alias or key ID"));
    return box;
}

QCheckBox *StartSessionDialog::addSwitch(QFormLayout *layout, Switch which, const QString &text, const QString &objectName,
                                         const QList<QWidget *> &dependents)
{
    auto *check = new QCheckBox(text, this);
    check->setObjectName(objectName);
    check->setChecked(m_form.isOn(which));
    layout->addRow(check);
    for (QWidget *w : dependents)
        w->setEnabled(check->isChecked());
    connect(check, &QCheckBox::toggled, this, [this, which, dependents](bool on) {
        m_form.setOn(which, on);
        for (QWidget *w : dependents)
            w->setEnabled(on);
        edited();
    });
    return check;
}

QLabel *StartSessionDialog::errorLabel(Field field, const QString &objectName)
{
    auto *label = new QLabel(this);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    // Always there, one line high while empty, so that a message appearing or going never moves
    // the fields below it under the user's pointer (a message of two lines still takes one more).
    label->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    QFont small = label->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    label->setFont(small);
    label->setMinimumHeight(QFontMetrics(small).height());
    m_errors.insert(field, label);
    return label;
}

QLineEdit *StartSessionDialog::addLineField(QFormLayout *layout, Field field, const QString &label, const QString &objectName,
                                            const QString &placeholder)
{
    auto *edit = new QLineEdit(m_form.text(field), this);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    layout->addRow(label, edit);
    layout->addRow(QString(), errorLabel(field, objectName.chopped(4) + QStringLiteral("Error")));
    connect(edit, &QLineEdit::textChanged, this, [this, field](const QString &t) {
        m_form.setText(field, t);
        edited();
    });
    return edit;
}

void StartSessionDialog::edited()
{
    // The service answered the input as it was; once it changes, that answer no longer applies.
    if (!m_submitting)
        m_serviceError->hide();
    revalidate();
}

void StartSessionDialog::revalidate()
{
    for (auto it = m_errors.begin(); it != m_errors.end(); ++it)
        it.value()->setText(m_form.check(it.key()).value_or(QString()));
    if (const auto full = m_form.costPerHourAtFullUse()) {
        m_cost->setText(tr("up to %1 per hour with every DPU in use\n%2 per hour while idle (at %3 per DPU-hour)")
                            .arg(SessionTableModel::formatUsd(*full), SessionTableModel::formatUsd(m_form.costPerHourIdle()),
                                 SessionTableModel::formatUsd(m_form.dpuHourPrice())));
    } else {
        m_cost->setText(tr("—"));
    }
    m_ok->setEnabled(m_form.isValid() && !m_submitting);
}

void StartSessionDialog::submit()
{
    if (!m_form.isValid() || m_submitting)
        return;
    m_submitting = true;
    m_serviceError->hide();
    m_ok->setEnabled(false);
    m_ok->setText(tr("Starting…"));
    Q_EMIT submitRequested(m_form.request());
}

void StartSessionDialog::showServiceError(const aws::AwsError &error)
{
    m_submitting = false;
    m_ok->setText(tr("&Start session"));
    QString text = tr("The session was not started: %1").arg(error.toString().toHtmlEscaped());
    if (error.outcomeUnknown)
        text += tr("<br>The request may have reached the service. Pressing Start again sends the same client request "
                   "token, so it cannot start a second session.");
    m_serviceError->setText(text);
    m_serviceError->show();
    revalidate();
}

void StartSessionDialog::finishSubmission()
{
    m_submitting = false;
    accept();
}
