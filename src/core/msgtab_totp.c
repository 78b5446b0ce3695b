/* The message catalogue's part for the second factor (issue 13: TOTP and
 * recovery codes; src/auth/totp.c, second_factor.c, src/http/api_totp.c,
 * src/cli/cmd_user.c). Each code's text in English, Ukrainian and Russian,
 * with the same {arguments}. */
#include "core/msg.h"

const msg_entry msg_table_totp[] = {
	/* the auth module */
	{"auth.wrong_code", {"the code is wrong, too old, or was used already",
	                     "код неправильний, застарів або вже був використаний",
	                     "код неверный, устарел или уже был использован"}},
	{"auth.no_totp", {"{user} has no second factor", "користувач {user} не має другого фактора",
	                  "у пользователя {user} нет второго фактора"}},
	{"auth.totp_in_force", {"{user} has a second factor in force already: turn it off first",
	                        "користувач {user} уже має чинний другий фактор: спершу вимкніть його",
	                        "у пользователя {user} уже действует второй фактор: сначала отключите его"}},
	{"auth.no_totp_pending", {"no second factor was begun: begin again",
	                          "другий фактор не розпочато: почніть знову",
	                          "второй фактор не начат: начните заново"}},
	{"auth.totp_required", {"your role must use a second factor: it cannot be turned off (an admin may "
	                        "reset it)",
	                        "ваша роль вимагає другого фактора: його не можна вимкнути (адміністратор "
	                        "може його скинути)",
	                        "ваша роль требует второго фактора: его нельзя отключить (администратор "
	                        "может его сбросить)"}},
	{"auth.no_pending", {"the sign-in waited too long or was finished already: sign in again with your "
	                     "password",
	                     "вхід чекав надто довго або вже завершений: увійдіть знову з паролем",
	                     "вход ждал слишком долго или уже завершён: войдите снова с паролем"}},

	/* the HTTP layer */
	{"http.totp_field", {"{field}: required, as text", "{field}: обов’язкове поле, текстом",
	                     "{field}: обязательное поле, текстом"}},
	{"http.totp_session", {"the second factor is changed only in a session signed in with the "
	                       "password, not with a token",
	                       "другий фактор змінюють лише в сеансі, відкритому паролем, а не токеном",
	                       "второй фактор меняют только в сеансе, открытом паролем, а не токеном"}},
	{"http.totp_roles", {"roles: a list of role names", "roles: список назв ролей",
	                     "roles: список названий ролей"}},

	/* the CLI */
	{"cli.totp_reset", {"reset the second factor of {user}: their sessions ended",
	                    "скинуто другий фактор користувача {user}: їхні сеанси завершено",
	                    "сброшен второй фактор пользователя {user}: их сеансы завершены"}},
	{"cli.second_factor_one_way", {"--require and --none do not go together",
	                               "--require і --none не можна поєднувати",
	                               "--require и --none нельзя сочетать"}},
	{"cli.second_factor_roles", {"a second factor is required of: {roles}",
	                             "другий фактор обов’язковий для ролей: {roles}",
	                             "второй фактор обязателен для ролей: {roles}"}},
	{"cli.second_factor_none", {"no role must use a second factor",
	                            "жодна роль не зобов’язана використовувати другий фактор",
	                            "ни одна роль не обязана использовать второй фактор"}},
	{"cli.second_factor_ended", {"{n} {n#session|sessions} of users without one ended",
	                             "завершено {n} {n#сеанс|сеанси|сеансів} користувачів без нього",
	                             "завершено {n} {n#сеанс|сеанса|сеансов} пользователей без него"}},
	{NULL, {NULL}},
};
