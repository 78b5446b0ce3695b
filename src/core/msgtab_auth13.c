/* The message catalogue's part for locking accounts (issue 13, items 5 and
 * 6): weak passwords, tokens that expire, are limited to reading, and are
 * made only by a signed-in person with their password (src/auth,
 * src/http/api_auth.c, src/http/admit.c, src/cli/cmd_user.c). Each code's
 * text in English, Ukrainian and Russian, with the same {arguments}. */
#include "core/msg.h"

const msg_entry msg_table_auth13[] = {
	/* why a password is refused (auth.refused's {@why}) */
	{"auth.password_blank", {"a password is not only blanks", "пароль не може складатися лише з пропусків",
	                         "пароль не может состоять только из пробелов"}},
	{"auth.password_repeated", {"a password is not one character repeated",
	                            "пароль не може бути одним символом, повтореним кілька разів",
	                            "пароль не может быть одним символом, повторённым несколько раз"}},
	{"auth.password_sequence", {"a password is not a sequence such as abcdef, 987654 or qwerty",
	                            "пароль не може бути послідовністю на кшталт abcdef, 987654 чи qwerty",
	                            "пароль не может быть последовательностью вроде abcdef, 987654 или qwerty"}},
	{"auth.password_common", {"this password is one of the 10,000 most common ones (or one of them with "
	                          "digits or signs added): choose another",
	                          "цей пароль — один із 10 000 найпоширеніших (або такий із доданими цифрами "
	                          "чи знаками): виберіть інший",
	                          "этот пароль — один из 10 000 самых распространённых (или такой с "
	                          "добавленными цифрами или знаками): выберите другой"}},
	{"auth.password_name", {"a password is more than the user's own name: add at least 8 other characters",
	                        "пароль — це не лише ім’я користувача: додайте щонайменше 8 інших символів",
	                        "пароль — это не только имя пользователя: добавьте не меньше 8 других "
	                        "символов"}},

	/* API tokens */
	{"auth.token_days", {"a token lasts 1 to {max} days", "токен діє від 1 до {max} {max#дня|днів|днів}",
	                     "токен действует от 1 до {max} {max#дня|дней|дней}"}},
	{"auth.token_expired", {"the token has expired", "строк дії токена минув", "срок действия токена истёк"}},
	{"http.token_by_token", {"a token cannot make tokens: sign in with your password",
	                         "токен не може створювати токени: увійдіть зі своїм паролем",
	                         "токен не может создавать токены: войдите со своим паролем"}},
	{"http.token_password", {"password: type your password to make a token",
	                         "пароль: введіть свій пароль, щоб створити токен",
	                         "пароль: введите свой пароль, чтобы создать токен"}},
	{"http.token_read_only", {"this token may only read (GET)", "цей токен може лише читати (GET)",
	                          "этот токен может только читать (GET)"}},

	/* the CLI */
	{"cli.user_password_revoked", {"changed the password of {user}: their sessions ended and their API "
	                               "tokens are revoked",
	                               "змінено пароль користувача {user}: їхні сеанси завершено, а "
	                               "API-токени відкликано",
	                               "изменён пароль пользователя {user}: их сеансы завершены, а "
	                               "API-токены отозваны"}},
	{"cli.user_disabled_revoked", {"disabled user {user}: their sessions ended and their API tokens are "
	                               "revoked",
	                               "вимкнено користувача {user}: їхні сеанси завершено, а API-токени "
	                               "відкликано",
	                               "отключён пользователь {user}: их сеансы завершены, а API-токены "
	                               "отозваны"}},
	{"cli.token_expires", {"it expires {when}", "він діє до {when}", "он действует до {when}"}},
	{"cli.token_expires_ro", {"it expires {when} and may only read",
	                          "він діє до {when} і може лише читати",
	                          "он действует до {when} и может только читать"}},
	{NULL, {NULL}},
};
