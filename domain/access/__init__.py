"""Who reaches what: the permission of a level, the company, the accounts and the own number
of the principal, checked before any query (`checks`); a refusal is audited.
"""

from __future__ import annotations

from domain.access.checks import (
    deny as deny,
)
from domain.access.checks import (
    ensure_company_object as ensure_company_object,
)
from domain.access.checks import (
    ensure_permission as ensure_permission,
)
from domain.access.checks import (
    require as require,
)
from domain.access.checks import (
    visible_account_ids as visible_account_ids,
)
