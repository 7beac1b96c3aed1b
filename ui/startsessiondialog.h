#pragma once

#include "athena/athenatypes.h"
#include "aws/awserror.h"
#include "sessions/startsessionform.h"

#include <QDialog>
#include <QHash>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QGroupBox;
class QWidget;
class KeyValueTable;

// Every StartSession field, validated as the user types with the reason beside the field; OK
// only when the form is valid. Submitting emits submitRequested(); the owner sends the request
// and answers with finishSubmission() (close) or showServiceError() (stay open, input kept).
class StartSessionDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StartSessionDialog)

public:
    StartSessionDialog(const QStringList &sparkWorkGroups, StartSessionForm form, QWidget *parent = nullptr);
    ~StartSessionDialog() override;

    const StartSessionForm &form() const { return m_form; }
    void showServiceError(const aws::AwsError &error);
    void finishSubmission();
    bool isSubmitting() const { return m_submitting; }

Q_SIGNALS:
    void submitRequested(const athena::StartSessionRequest &request);

private:
    using Field = StartSessionForm::Field;
    using Switch = StartSessionForm::Switch;
    void revalidate();
    void edited(); // the user changed the input: a service error shown for the old input goes
    void submit();
    QLineEdit *addLineField(QFormLayout *layout, Field field, const QString &label, const QString &objectName,
                            const QString &placeholder = {});
    QLabel *errorLabel(Field field, const QString &objectName);
    QWidget *buildAdvanced();
    QWidget *buildLogging(QWidget *parent);
    QCheckBox *addSwitch(QFormLayout *layout, Switch which, const QString &text, const QString &objectName,
                         const QList<QWidget *> &dependents = {});

    StartSessionForm m_form;
    QHash<Field, QLabel *> m_errors;
    QComboBox *m_workGroup = nullptr;
    QComboBox *m_notebookVersion = nullptr;
    KeyValueTable *m_additional = nullptr;
    KeyValueTable *m_spark = nullptr;
    KeyValueTable *m_tags = nullptr;
    QPlainTextEdit *m_classifications = nullptr;
    QLineEdit *m_token = nullptr;
    QLabel *m_cost = nullptr;
    QLabel *m_serviceError = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_ok = nullptr;
    bool m_submitting = false;
};
