#include "ui/startsessiondialog.h"

#include "ui/keyvaluetable.h"
#include "ui/stateappearance.h"

#include <QComboBox>
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
    m_workGroup->addItems(sparkWorkGroups);
    m_workGroup->setCurrentText(m_form.text(Field::WorkGroup).isEmpty() && !sparkWorkGroups.isEmpty()
                                    ? sparkWorkGroups.first()
                                    : m_form.text(Field::WorkGroup));
    m_form.setText(Field::WorkGroup, m_workGroup->currentText());
    form1->addRow(tr("&Workgroup:"), m_workGroup);
    form1->addRow(QString(), errorLabel(Field::WorkGroup, QStringLiteral("workGroupError")));
    connect(m_workGroup, &QComboBox::currentTextChanged, this, [this](const QString &t) {
        m_form.setText(Field::WorkGroup, t);
        revalidate();
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
    m_notebookVersion->addItems({QString(), QStringLiteral("Athena notebook version 1")});
    m_notebookVersion->setCurrentText(m_form.text(Field::NotebookVersion));
    form2->addRow(tr("&Notebook version:"), m_notebookVersion);
    form2->addRow(QString(), errorLabel(Field::NotebookVersion, QStringLiteral("notebookVersionError")));
    connect(m_notebookVersion, &QComboBox::currentTextChanged, this, [this](const QString &t) {
        m_form.setText(Field::NotebookVersion, t);
        revalidate();
    });
    m_cost = new QLabel(this);
    m_cost->setObjectName(QStringLiteral("costLabel"));
    m_cost->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum); // never squeezed below its text
    form2->addRow(tr("Estimated cost:"), m_cost);

    auto *configs = new QGroupBox(tr("Additional configs"), this);
    m_additional = new KeyValueTable(tr("Key"), tr("Value"), configs);
    m_additional->setObjectName(QStringLiteral("additionalConfigsTable"));
    m_additional->setPairs(m_form.keyValues(Field::AdditionalConfigs));
    auto *cl = new QVBoxLayout(configs);
    cl->addWidget(m_additional);
    cl->addWidget(errorLabel(Field::AdditionalConfigs, QStringLiteral("additionalConfigsError")));
    auto *spark = new QGroupBox(tr("Spark properties"), this);
    m_spark = new KeyValueTable(tr("Property"), tr("Value"), spark);
    m_spark->setObjectName(QStringLiteral("sparkPropertiesTable"));
    m_spark->setPairs(m_form.keyValues(Field::SparkProperties));
    auto *sl = new QVBoxLayout(spark);
    sl->addWidget(m_spark);
    sl->addWidget(errorLabel(Field::SparkProperties, QStringLiteral("sparkPropertiesError")));
    connect(m_additional, &KeyValueTable::changed, this, [this] {
        m_form.setKeyValues(Field::AdditionalConfigs, m_additional->pairs());
        revalidate();
    });
    connect(m_spark, &KeyValueTable::changed, this, [this] {
        m_form.setKeyValues(Field::SparkProperties, m_spark->pairs());
        revalidate();
    });

    auto *advancedToggle = new QToolButton(this);
    advancedToggle->setObjectName(QStringLiteral("advancedToggle"));
    advancedToggle->setText(tr("Advanced"));
    advancedToggle->setCheckable(true);
    advancedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    advancedToggle->setArrowType(Qt::RightArrow);
    advancedToggle->setAutoRaise(true);
    auto *advanced = new QWidget(this);
    advanced->setObjectName(QStringLiteral("advancedGroup"));
    auto *form3 = new QFormLayout(advanced);
    form3->setContentsMargins(18, 0, 0, 0);
    m_token = new QLineEdit(m_form.text(Field::ClientRequestToken), advanced);
    m_token->setObjectName(QStringLiteral("tokenEdit"));
    m_token->setToolTip(tr("Sent with every retry of this start, so that a retry never starts a second session."));
    auto *regenerate = new QToolButton(advanced);
    regenerate->setObjectName(QStringLiteral("regenerateTokenButton"));
    regenerate->setText(tr("New"));
    auto *tokenRow = new QHBoxLayout;
    tokenRow->addWidget(m_token, 1);
    tokenRow->addWidget(regenerate);
    form3->addRow(tr("Client request &token:"), tokenRow);
    form3->addRow(QString(), errorLabel(Field::ClientRequestToken, QStringLiteral("tokenError")));
    connect(m_token, &QLineEdit::textEdited, this, [this](const QString &t) {
        m_form.setText(Field::ClientRequestToken, t);
        revalidate();
    });
    connect(regenerate, &QToolButton::clicked, this, [this] {
        m_form.newClientRequestToken();
        m_token->setText(m_form.text(Field::ClientRequestToken));
        revalidate();
    });
    advanced->hide();
    connect(advancedToggle, &QToolButton::toggled, this, [this, advanced, advancedToggle](bool on) {
        advancedToggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
        advanced->setVisible(on);
        adjustSize();
    });

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = m_buttons->button(QDialogButtonBox::Ok);
    m_ok->setObjectName(QStringLiteral("okButton"));
    m_ok->setText(tr("&Start session"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &StartSessionDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_serviceError);
    layout->addLayout(form1);
    layout->addWidget(engine);
    layout->addWidget(configs);
    layout->addWidget(spark);
    layout->addWidget(advancedToggle, 0, Qt::AlignLeft);
    layout->addWidget(advanced);
    layout->addWidget(m_buttons);
    revalidate();
}

StartSessionDialog::~StartSessionDialog() = default;

QLabel *StartSessionDialog::errorLabel(Field field, const QString &objectName)
{
    auto *label = new QLabel(this);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    label->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    label->hide();
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
        revalidate();
    });
    return edit;
}

void StartSessionDialog::revalidate()
{
    for (auto it = m_errors.begin(); it != m_errors.end(); ++it) {
        const std::optional<QString> problem = m_form.check(it.key());
        it.value()->setText(problem.value_or(QString()));
        it.value()->setVisible(problem.has_value());
    }
    if (const auto full = m_form.costPerHourAtFullUse()) {
        m_cost->setText(tr("up to %1 per hour with every DPU in use\n%2 per hour while idle (at %3 per DPU-hour)")
                            .arg(stateappearance::usd(*full), stateappearance::usd(m_form.costPerHourIdle()),
                                 stateappearance::usd(m_form.dpuHourPrice())));
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
