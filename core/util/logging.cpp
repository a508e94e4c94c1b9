#include "util/logging.h"

Q_LOGGING_CATEGORY(lcCache, "msc.cache")
Q_LOGGING_CATEGORY(lcProfile, "msc.profile")
Q_LOGGING_CATEGORY(lcSecrets, "msc.secrets")
Q_LOGGING_CATEGORY(lcCli, "msc.cli")
Q_LOGGING_CATEGORY(lcMimecast, "msc.mimecast")
Q_LOGGING_CATEGORY(lcActivity, "msc.activity")
Q_LOGGING_CATEGORY(lcSync, "msc.sync")
