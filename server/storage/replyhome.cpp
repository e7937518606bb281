// SPDX-License-Identifier: MIT
#include "server/storage/replyhome.h"

#include <QObject>
#include <QThreadStorage>

namespace roomgate::server::ReplyHome {

QObject *forCurrentThread()
{
    // Deleted by QThreadStorage on the thread's exit (the main thread's with the app).
    static QThreadStorage<QObject *> homes;
    if (!homes.hasLocalData())
        homes.setLocalData(new QObject);
    return homes.localData();
}

} // namespace roomgate::server::ReplyHome
