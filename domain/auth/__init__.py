"""Logging in and staying in: one-time codes and their limits (`codes`), passwords (`passwords`),
login, logout, sessions and recovery (`login`), the profile (`profile`), the application for
remote service (`applications`) and the language a Telegram user chose (`preferences`).
"""

from __future__ import annotations

from domain.auth.applications import (
    accept as accept,
)
from domain.auth.applications import (
    submit as submit,
)
from domain.auth.codes import (
    count_active_codes as count_active_codes,
)
from domain.auth.codes import (
    ensure_not_locked as ensure_not_locked,
)
from domain.auth.codes import (
    issue_code as issue_code,
)
from domain.auth.codes import (
    locked_until as locked_until,
)
from domain.auth.codes import (
    purge_old_failures as purge_old_failures,
)
from domain.auth.codes import (
    record_failure as record_failure,
)
from domain.auth.login import (
    change_password as change_password,
)
from domain.auth.login import (
    end_session as end_session,
)
from domain.auth.login import (
    end_user_session as end_user_session,
)
from domain.auth.login import (
    end_user_sessions as end_user_sessions,
)
from domain.auth.login import (
    list_logins as list_logins,
)
from domain.auth.login import (
    list_user_sessions as list_user_sessions,
)
from domain.auth.login import (
    load_principal as load_principal,
)
from domain.auth.login import (
    load_session as load_session,
)
from domain.auth.login import (
    login_with_code as login_with_code,
)
from domain.auth.login import (
    login_with_password as login_with_password,
)
from domain.auth.login import (
    login_with_recovery_code as login_with_recovery_code,
)
from domain.auth.login import (
    logout as logout,
)
from domain.auth.login import (
    open_session as open_session,
)
from domain.auth.login import (
    request_login_code as request_login_code,
)
from domain.auth.login import (
    send_new_password as send_new_password,
)
from domain.auth.login import (
    set_new_password as set_new_password,
)
from domain.auth.login import (
    set_permanent_password as set_permanent_password,
)
from domain.auth.login import (
    start_recovery as start_recovery,
)
from domain.auth.login import (
    switch_login as switch_login,
)
from domain.auth.login import (
    verify_current_password as verify_current_password,
)
from domain.auth.passwords import (
    hash_password_async as hash_password_async,
)
from domain.auth.passwords import (
    verify_password_async as verify_password_async,
)
from domain.auth.preferences import (
    get_locale as get_locale,
)
from domain.auth.preferences import (
    set_locale as set_locale,
)
from domain.auth.profile import (
    confirm_email_change as confirm_email_change,
)
from domain.auth.profile import (
    confirm_phone_change as confirm_phone_change,
)
from domain.auth.profile import (
    get_profile as get_profile,
)
from domain.auth.profile import (
    request_email_change as request_email_change,
)
from domain.auth.profile import (
    request_phone_change as request_phone_change,
)
from domain.auth.profile import (
    set_secret_question as set_secret_question,
)
