// libpq, PostgreSQL's C client (Debian: libpq-dev), for TriageEval's PostgresStore.
#include <postgresql/libpq-fe.h>
