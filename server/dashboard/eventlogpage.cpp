// SPDX-License-Identifier: MIT
#include "server/dashboard/eventlogpage.h"

#include "server/dashboard/csvexport.h"
#include "server/dashboard/eventlogfilter.h"
#include "server/dashboard/eventlogmodel.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSaveFile>
#include <QScrollBar>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace roomgate::server::dashboard {

EventLogPage::EventLogPage(EventLogModel &model, QWidget *parent)
    : QWidget(parent),
      m_model(model),
      m_filter(new EventLogFilter(this)),
      m_view(new QTableView(this)),
      m_room(new QLineEdit(this)),
      m_user(new QLineEdit(this)),
      m_code(new QComboBox(this)),
      m_export(new QAction(QIcon::fromTheme(QStringLiteral("document-save-as")),
                           tr("&Export to CSV…"), this))
{
    m_filter->setSourceModel(&m_model);

    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->resizeSection(EventLogModel::Time, 190);
    m_view->horizontalHeader()->resizeSection(EventLogModel::Event, 90);
    m_view->horizontalHeader()->resizeSection(EventLogModel::Code, 190);
    m_view->horizontalHeader()->resizeSection(EventLogModel::User, 150);
    m_view->horizontalHeader()->resizeSection(EventLogModel::Room, 170);

    m_room->setPlaceholderText(tr("Room"));
    m_user->setPlaceholderText(tr("User"));
    for (QLineEdit *edit : {m_room, m_user}) {
        edit->setClearButtonEnabled(true);
        edit->setMaximumWidth(200);
    }
    // Any code of the catalogue, or any text (an admin action such as "member.kick").
    m_code->setEditable(true);
    m_code->setInsertPolicy(QComboBox::NoInsert);
    m_code->addItem(QString());
    int count = 0;
    const ErrorInfo *table = errorTable(&count);
    for (int i = 0; i < count; ++i)
        m_code->addItem(QString::fromLatin1(table[i].wireName));
    m_code->lineEdit()->setPlaceholderText(tr("Code or action"));
    m_code->lineEdit()->setClearButtonEnabled(true);
    m_code->setMinimumWidth(200);

    m_export->setToolTip(tr("Save the lines shown (after filtering) as a CSV file"));

    auto *toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addWidget(new QLabel(tr("Filter:"), toolbar));
    toolbar->addWidget(m_room);
    toolbar->addWidget(m_user);
    toolbar->addWidget(m_code);
    auto *spacer = new QWidget(toolbar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    toolbar->addAction(m_export);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolbar);
    layout->addWidget(m_view);

    connect(m_room, &QLineEdit::textChanged, m_filter, &EventLogFilter::setRoom);
    connect(m_user, &QLineEdit::textChanged, m_filter, &EventLogFilter::setUser);
    connect(m_code, &QComboBox::currentTextChanged, m_filter, &EventLogFilter::setCode);
    connect(m_export, &QAction::triggered, this, &EventLogPage::exportWithDialog);

    // Follow the tail only while the reader is at the bottom; scrolling up stops it.
    connect(m_filter, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar *bar = m_view->verticalScrollBar();
        m_following = bar->value() >= bar->maximum();
    });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_following)
            m_view->scrollToBottom();
    });
}

bool EventLogPage::exportTo(const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !Csv::write(*m_filter, &file) || !file.commit()) {
        const QString message
            = tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        if (error)
            *error = message;
        Q_EMIT reported(message, true);
        return false;
    }
    Q_EMIT reported(tr("Exported %n line(s) to %1.", nullptr, m_filter->rowCount())
                        .arg(QDir::toNativeSeparators(path)),
                    false);
    return true;
}

void EventLogPage::exportWithDialog()
{
    const QString suggested = QDir::home().filePath(
        QStringLiteral("roomgate-events-%1.csv")
            .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"))));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export event log"), suggested,
                                                      tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        exportTo(path);
}

} // namespace roomgate::server::dashboard
